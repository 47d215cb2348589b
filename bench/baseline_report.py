"""The baseline for the report benchmark: bare reportlab laying out the same tables and images.

    python bench/baseline_report.py DATA.json OUT.pdf [FONT.ttf|.ttc]

DATA.json holds what bench/data.py wrote into the session (``steps``, ``evidence``,
``images``). No incident code is imported: this is what the layout alone costs. The tables
are those of the incident report, with the same rows, columns, two-line time cells, links
and font, so the difference is what incident adds (reading the session, building the text).
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Image,
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

WIDTH = A4[0] - 32 * mm
GREY = "#5b6470"
LOCAL = timezone(timedelta(hours=8))
GRID = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, HexColor("#c5cbd3")),
        ("BACKGROUND", (0, 0), (-1, 0), HexColor("#e8edf3")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, HexColor("#f6f8fa")]),
    ]
)


class Look:
    def __init__(self, font: str) -> None:
        def style(name: str, size: float, leading: float) -> ParagraphStyle:
            return ParagraphStyle(
                name, fontName=font, fontSize=size, leading=leading, splitLongWords=1
            )

        self.body, self.h1, self.h2 = (
            style("body", 9.5, 13.2),
            style("h1", 14.5, 19),
            style("h2", 11, 14.5),
        )
        self.cell, self.small = style("cell", 8.2, 10.6), style("small", 7.2, 9.2)

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(text, style or self.body)

    def table(
        self, header: list[str], rows: list[list[str]], widths: list[float], small: bool = False
    ) -> LongTable:
        cells = [[self.p(escape(h), self.cell) for h in header]]
        cells += [[self.p(v, self.small if small else self.cell) for v in row] for row in rows]
        t = LongTable(
            cells, colWidths=[w * WIDTH / sum(widths) for w in widths], repeatRows=1, hAlign="LEFT"
        )
        t.setStyle(GRID)
        return t


def grey(text: str, size: float = 6.6) -> str:
    return f'<font color="{GREY}" size="{size}">{escape(text)}</font>'


def local(iso: str) -> str:
    return datetime.fromisoformat(iso).astimezone(LOCAL).strftime("%Y-%m-%d %H:%M CST")


def utc(iso: str) -> str:
    return datetime.fromisoformat(iso).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%SZ")


def offset(iso: str, start: datetime) -> str:
    minutes = int((datetime.fromisoformat(iso) - start).total_seconds() // 60)
    return (
        f"T+{minutes // 1440}d {minutes % 1440 // 60}h"
        if minutes >= 1440
        else f"T+{minutes // 60}:{minutes % 60:02d}"
    )


def when(iso: str, start: datetime) -> str:
    """Local time, and UTC with the offset from discovery in small grey below (as the report)."""
    return f"{escape(local(iso))}<br/>" + grey(f"{utc(iso)} · {offset(iso, start)}")


def link(url: str, text: str) -> str:
    return f'<a href="{escape(url)}" color="#1a4fb5">{escape(text)}</a>'


def story(data: dict[str, Any], look: Look) -> list[Any]:
    rows: list[dict[str, Any]] = data["evidence"]
    start = datetime.fromisoformat(data["discovered_at"])
    numbered = list(enumerate(rows, 1))
    txs = [(n, r) for n, r in numbered if r["kind"] == "transaction"]
    logins = [(n, r) for n, r in numbered if r["kind"] == "login"]
    contacts = [(n, r) for n, r in numbered if r["kind"] == "contact"]
    out: list[Any] = [look.p("Account takeover on OKX: please act now", look.h1)]
    facts = [
        ["Platform", "OKX", "Account", "lin@example.com"],
        ["Discovered", when(data["discovered_at"], start), "Reported", "now"],
        ["Time zone", "Asia/Shanghai", "Time since discovery", "7d 1h"],
        ["Session", "20261125-abcdef · open", "Progress", "5 done, 12 left"],
    ]
    out.append(look.table(facts[0], facts[1:], [0.14, 0.36, 0.14, 0.36]))
    for ask in (
        "Freeze the account",
        "Restore my access",
        "Reverse or trace the withdrawals",
        "Send me the records",
    ):
        out.append(look.p(escape(ask)))
    out.append(look.p("Unauthorized transaction IDs", look.h2))
    out.append(
        look.table(
            ["#", "Time", "Amount", "Network", "TxID"],
            [
                [
                    f"E{n}",
                    local(r["time"]),
                    f"{r['amount']} {r['asset']}",
                    r["network"],
                    link(f"https://tronscan.org/#/transaction/{r['txid']}", r["txid"]),
                ]
                for n, r in txs
            ],
            [0.05, 0.16, 0.13, 0.08, 0.58],
            small=True,
        )
    )
    out += [PageBreak(), look.p("Timeline", look.h1)]
    began = data["started_at"]
    timeline = [[local(began), utc(began), offset(began, start), escape("Session started")]]
    timeline += [
        [local(began), utc(began), offset(began, start), escape(f"Step done: {s}")]
        for s in data["steps_done"]
    ]
    for n, r in numbered:
        text = escape(f"{r['kind'].title()} recorded (E{n})")
        if r.get("file"):
            text += "<br/>" + grey("1 attachment(s)")
        timeline.append([local(r["at"]), grey(utc(r["at"]), 7.2), offset(r["at"], start), text])
    out.append(look.table(["Local", "UTC", "T+", "Event"], timeline, [0.19, 0.17, 0.1, 0.54]))
    out += [PageBreak(), look.p("Checklist", look.h1)]
    out.append(
        look.table(
            ["#", "Step", "Status", "Done at", "Target", "Met", "Details"],
            [
                [
                    str(i),
                    f"{escape(s['title'])}<br/>{grey(s['id'] + ' · ' + s['kind'])}",
                    "done" if s["id"] in data["steps_done"] else "pending",
                    "—",
                    f"T+1:00<br/>{grey('2026-11-18 10:00 CST')}",
                    "—",
                    "",
                ]
                for i, s in enumerate(data["steps"], 1)
            ],
            [0.035, 0.185, 0.13, 0.17, 0.115, 0.1, 0.265],
        )
    )
    out += [look.p("Transactions", look.h1)]
    out.append(
        look.table(
            ["#", "Time", "Amount", "Network", "To / TxID"],
            [
                [
                    f"E{n}",
                    when(r["time"], start),
                    f"{escape(r['amount'] + ' ' + r['asset'])}<br/>{grey(r['tx_type'])}",
                    r["network"],
                    grey("To: ")
                    + link(f"https://tronscan.org/#/address/{r['to_address']}", r["to_address"])
                    + "<br/>"
                    + grey("TxID: ")
                    + link(f"https://tronscan.org/#/transaction/{r['txid']}", r["txid"])
                    + " "
                    + grey("on Tronscan")
                    + "<br/>"
                    + grey("Note: ")
                    + escape(r["note"]),
                ]
                for n, r in txs
            ],
            [0.055, 0.175, 0.15, 0.075, 0.545],
        )
    )
    out += [look.p("Logins", look.h1)]
    out.append(
        look.table(
            ["#", "Time", "IP", "Device", "Location", "Note"],
            [
                [
                    f"E{n}",
                    when(r["time"], start),
                    r["ip"],
                    escape(r["device"]),
                    escape(r["location"]),
                    "—",
                ]
                for n, r in logins
            ],
            [0.06, 0.17, 0.15, 0.2, 0.16, 0.26],
        )
    )
    out += [Spacer(1, 8), look.p("Support contacts", look.h1)]
    out.append(
        look.table(
            ["#", "Recorded", "Channel", "Ticket / agent", "Summary"],
            [
                [
                    f"E{n}",
                    when(r["at"], start),
                    f"{r['channel']}<br/>{grey('not checked')}",
                    f"{r['ticket']}<br/>{grey(r['agent'])}",
                    escape(r["summary"]),
                ]
                for n, r in contacts
            ],
            [0.055, 0.185, 0.12, 0.2, 0.44],
        )
    )
    out += [PageBreak(), look.p("Evidence", look.h1)]
    out.append(
        look.table(
            ["#", "Recorded", "Kind", "Content", "Files"],
            [
                [
                    f"E{n}",
                    when(r["at"], start),
                    r["kind"],
                    escape(_summary(r)) + "<br/>" + grey("see the section above"),
                    "1" if r.get("file") else "—",
                ]
                for n, r in numbered
            ],
            [0.07, 0.18, 0.12, 0.55, 0.08],
        )
    )
    out.append(look.p("Attached files", look.h2))
    out.append(
        look.table(
            ["#", "File", "Size", "SHA-256"],
            [
                [f"E{n}", escape(Path(r["file"]).name), f"{r['size'] / 1024:.1f} KB", r["sha256"]]
                for n, r in numbered
                if r.get("file")
            ],
            [0.07, 0.33, 0.13, 0.47],
        )
    )
    out.append(look.p("Screenshots", look.h2))
    for i, (n, r) in enumerate([(n, r) for n, r in numbered if r.get("file")], 1):
        image = Image(r["file"], width=WIDTH, height=WIDTH * 800 / 1280)
        caption = look.p(
            f"Screenshot {i} · E{n} · {escape(Path(r['file']).name)}<br/>SHA-256 {r['sha256']}",
            look.small,
        )
        out.append(KeepTogether([image, caption]))
    out += [PageBreak(), look.p("Integrity", look.h1)]
    out.append(look.table(["Entries", "Head"], [[str(len(rows) + 6), "0" * 64]], [0.3, 0.7]))
    return out


def _summary(r: dict[str, Any]) -> str:
    if r["kind"] == "transaction":
        return f"{r['tx_type']} {r['amount']} {r['asset']} ({r['network']})"
    if r["kind"] == "login":
        return f"{r['time']} · {r['ip']} · {r['device']} · {r['location']}"
    if r["kind"] == "contact":
        return f"{r['channel']} · {r['ticket']}"
    return str(r["text"])


def main(argv: list[str]) -> None:
    data = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    font = "Helvetica"
    if len(argv) > 2 and argv[2]:
        pdfmetrics.registerFont(TTFont("Body", argv[2]))
        font = "Body"
    rl_config.useA85 = 0  # as the report does: JPEGs byte for byte, no ASCII85
    doc = SimpleDocTemplate(
        argv[1],
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=18 * mm,
        bottomMargin=16 * mm,
    )
    doc.build(story(data, Look(font)))


if __name__ == "__main__":
    main(sys.argv[1:])

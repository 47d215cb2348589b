"""Benchmark data: sessions of any size, screenshots, and the same rows as plain JSON.

    python bench/data.py sessions 10 10000         -> {"10": ID, "10000": ID}
    python bench/data.py report ENTRIES DIR 50 100 -> {"50": {"session": ID, "plain": ...}, ...,
                                                       "font": FILE}

bench/run.py runs this as a child process (in its INCIDENT_HOME), so that the memory it
takes never counts in the peak RSS of the commands it measures.

Large sessions are written through the journal's own sealing and head code in one pass
(``bulk_append``), so the files are exactly what ``Writer.append`` writes, but 100,000
events take seconds instead of the minutes that 100,000 fsynced appends take.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from incident.core import actions
from incident.core import events as ev
from incident.core.kinds.contact import Contact
from incident.core.kinds.login import Login
from incident.core.kinds.note import Note
from incident.core.kinds.transaction import Transaction
from incident.core.store import Store
from incident.journal.log import Head

NOW = datetime.now(UTC).replace(microsecond=0)
START = NOW - timedelta(days=7)
STEPS_DONE = ("secure-email", "change-password", "reset-2fa", "delete-api-keys", "remove-devices")
_CHANNELS = ("chat", "email", "ticket", "phone")


def evidence_rows(count: int, seed: int = 1) -> list[dict[str, Any]]:
    """``count`` plausible evidence entries: mostly transactions, then logins, contacts, notes."""
    rnd = random.Random(seed)
    rows: list[dict[str, Any]] = []
    for i in range(count):
        at = START + timedelta(minutes=10 + i)
        roll = i % 10
        if roll < 6:
            rows.append(
                {
                    "kind": "transaction",
                    "time": (at - timedelta(minutes=5)).isoformat(),
                    "tx_type": rnd.choice(("withdrawal", "withdrawal", "trade", "transfer")),
                    "asset": rnd.choice(("USDT", "BTC", "ETH", "TRX")),
                    "amount": str(Decimal(rnd.randrange(1, 10**8)) / Decimal(10**4)),
                    "to_address": "T"
                    + "".join(rnd.choices("ABCDEFGHJKLMNPQRSTUVWXYZ123456789", k=33)),
                    "txid": f"{rnd.getrandbits(256):064x}",
                    "network": "TRC20",
                    "note": "not made by me",
                }
            )
        elif roll < 8:
            rows.append(
                {
                    "kind": "login",
                    "time": (at - timedelta(minutes=30)).isoformat(),
                    "ip": f"203.0.113.{rnd.randrange(1, 255)}",
                    "device": rnd.choice(("Chrome 120 / Windows", "Safari / iPhone", "okhttp/4.9")),
                    "location": rnd.choice(("Lagos, NG", "Hanoi, VN", "Frankfurt, DE")),
                }
            )
        elif roll < 9:
            rows.append(
                {
                    "kind": "contact",
                    "channel": _CHANNELS[i % len(_CHANNELS)],
                    "summary": f"Asked support to freeze withdrawals; agent promised a reply (#{i}).",
                    "ticket": f"T-{100000 + i}",
                    "agent": "Agent " + rnd.choice("ABCDEFG"),
                }
            )
        else:
            rows.append({"kind": "note", "text": f"Noticed change number {i} in the account. " * 3})
        rows[-1]["at"] = at.isoformat()
    return rows


_KINDS: dict[str, Any] = {
    "transaction": Transaction,
    "login": Login,
    "contact": Contact,
    "note": Note,
}


def _event(row: dict[str, Any]) -> ev.EvidenceAdded:
    fields = {k: v for k, v in row.items() if k != "at"}
    evidence = _KINDS[row["kind"]].model_validate(fields)
    return ev.EvidenceAdded(at=datetime.fromisoformat(row["at"]), evidence=evidence)


def start(store: Store) -> str:
    state = actions.start(
        store,
        playbook="crypto-exchange",
        platform="OKX",
        account="lin@example.com",
        now=START,
        discovered_at=(START - timedelta(hours=1)).isoformat(),
        tz="Asia/Shanghai",
    )
    return state.id


def bulk_append(store: Store, session_id: str, events: list[ev.EvidenceAdded]) -> None:
    """Append ``events`` as ``Writer.append`` would, with one write and one head update."""
    with store.writing(session_id, full=False) as writer:
        journal, head = writer.journal, writer.head
        count, prev, size, last = head.count, head.hash, head.size, head.last_offset
        lines = []
        for event in events:
            line = journal._seal(count + 1, prev, ev.encode(event))
            count, prev, last = count + 1, hashlib.sha256(line).hexdigest(), size
            size += len(line) + 1
            lines.append(line + b"\n")
        with journal.path.open("ab") as fh:
            fh.write(b"".join(lines))
        meta = dict(head.meta)
        meta["evidence"] = int(meta.get("evidence", 0)) + len(events)
        if events:
            meta["updated_at"] = events[-1].at.isoformat()
        journal._write_head(Head(count, prev, size, last, meta))


def session(store: Store, events: int) -> str:
    """A crypto-exchange session of exactly ``events`` (>= 3) events: start, two steps, evidence."""
    sid = start(store)
    marked = STEPS_DONE[:2]
    for step in marked:
        actions.mark_step(store, sid, step, "done", now=START + timedelta(minutes=5), force=True)
    rows = evidence_rows(events - 1 - len(marked))
    bulk_append(store, sid, [_event(r) for r in rows])
    return sid


@functools.cache
def _page(variant: int) -> Any:
    """A made-up exchange's withdrawal history page (text drawn once per variant)."""
    from PIL import Image, ImageDraw

    rnd = random.Random(variant)
    img = Image.new("RGB", (1280, 800), (245, 246, 248))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, 1280, 64), fill=(20, 24, 32))
    for row in range(22):
        y = 96 + row * 30
        shade = (255, 255, 255) if row % 2 else (236, 239, 244)
        draw.rectangle((24, y, 1256, y + 28), fill=shade)
        text = (
            f"2026-11-25 14:{row:02d}:{rnd.randrange(60):02d}  Withdrawal  "
            f"{rnd.randrange(1, 99999)}.{rnd.randrange(100):02d} USDT  "
            f"T{rnd.getrandbits(160):040x}  Completed"
        )
        draw.text((36, y + 8), text, fill=(30, 30, 30))
    return img


@functools.cache
def _grain() -> Any:
    """Camera-like noise, larger than a screenshot, to crop a different piece each time."""
    from PIL import Image

    return Image.effect_noise((1600, 1100), 28).convert("RGB")


def screenshot(index: int, kind: str) -> bytes:
    """A 1280x800 screenshot, different for each ``index``; JPEGs carry photo-like noise."""
    from PIL import Image, ImageDraw

    rnd = random.Random(index)
    img = _page(index % 8).copy()
    draw = ImageDraw.Draw(img)
    draw.text((24, 22), f"EXCHANGE  Assets  Orders  History  Security   #{index}", fill="white")
    for _ in range(6):  # cards, charts, avatars
        x, y = rnd.randrange(0, 1100), rnd.randrange(80, 680)
        colour = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
        draw.rounded_rectangle((x, y, x + 180, y + 110), radius=10, fill=colour)
    out = io.BytesIO()
    if kind == "jpeg":
        left, top = rnd.randrange(0, 320), rnd.randrange(0, 300)
        img = Image.blend(img, _grain().crop((left, top, left + 1280, top + 800)), 0.10)
        photo = _grain().crop((top, left, top + 400, left + 260))
        img.paste(photo, (rnd.randrange(0, 860), rnd.randrange(80, 520)))
        img.save(out, "JPEG", quality=85)
    else:
        img.save(out, "PNG")
    return out.getvalue()


def report_session(
    store: Store, shots: int, folder: Path, entries: int = 1000
) -> tuple[str, dict[str, Any]]:
    """``entries`` evidence entries, ``shots`` of them with a screenshot (half JPEG, half PNG).

    Returns the session id and the same content as plain data for the bare reportlab script.
    """
    sid = start(store)
    for step in STEPS_DONE:
        actions.mark_step(store, sid, step, "done", now=START + timedelta(minutes=5), force=True)
    rows = evidence_rows(entries - shots, seed=shots)
    bulk_append(store, sid, [_event(r) for r in rows])
    folder.mkdir(parents=True, exist_ok=True)
    images = []
    for i in range(shots):
        kind = "jpeg" if i % 2 == 0 else "png"
        path = folder / f"shot-{i:03d}.{'jpg' if kind == 'jpeg' else 'png'}"
        image = screenshot(i, kind)
        path.write_bytes(image)
        text = f"Screenshot {i}: the withdrawal history page after the takeover."
        at = NOW - timedelta(minutes=shots - i)
        actions.add_evidence(store, sid, actions.note(text), now=at, files=[path])
        rows.append(
            {
                "kind": "note",
                "text": text,
                "at": at.isoformat(),
                "file": str(path),
                "size": len(image),
                "sha256": hashlib.sha256(image).hexdigest(),
            }
        )
        images.append(str(path))
    playbook = store.first_event(sid).playbook
    return sid, {
        "discovered_at": (START - timedelta(hours=1)).isoformat(),
        "started_at": START.isoformat(),
        "steps": [{"id": s.id, "title": s.title.en, "kind": s.kind} for s in playbook.steps],
        "steps_done": list(STEPS_DONE),
        "evidence": rows,
        "images": images,
    }


def report_font() -> str:
    """The font file the report is set in, for the baseline to use too ("" if none)."""
    from incident.report.pdf.fonts import report_font as find

    font = find()
    return font.source if font.embedded else ""


def main(argv: list[str]) -> None:
    store = Store()
    started = time.perf_counter()
    if argv[0] == "sessions":
        made: dict[str, Any] = {size: session(store, int(size)) for size in argv[1:]}
    else:  # one session per number of screenshots; they share the screenshot files
        entries, folder = int(argv[1]), Path(argv[2])
        made = {"font": report_font()}
        for shots in argv[3:]:
            sid, plain = report_session(store, int(shots), folder, entries)
            made[shots] = {"session": sid, "plain": plain}
    made["seconds"] = time.perf_counter() - started
    print(json.dumps(made))


if __name__ == "__main__":
    main(sys.argv[1:])

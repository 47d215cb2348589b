"""Section: the first page, what a support agent needs to act within a minute.

Who (platform, account), when (discovered, reported), how much (totals per asset), which
TxIDs and tickets, and what is asked of support.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from incident.core.amounts import fmt_amount as amount
from incident.core.networks import short_name
from incident.report.pdf import glance, integrity
from incident.report.pdf import styles as S
from incident.report.pdf.context import Context
from incident.report.pdf.listing import too_long
from incident.report.pdf.markup import BR, font
from incident.report.pdf.transactions import totals, txid_markup
from incident.times import fmt_duration

TICKETS = 40  # ticket numbers named on page one; the contact log has them all


def _facts(ctx: Context) -> Any:
    state = ctx.state
    progress = state.progress()
    status = ctx.t("session.open" if state.is_open else "session.closed")
    if state.closed_at:
        status += f" ({ctx.local(state.closed_at)})"

    def pair(label: str, value: object) -> list[Any]:
        return [ctx.cell(label, style="cell_head"), ctx.cell(value)]

    rows = [
        pair(ctx.t("label.platform"), state.platform) + pair(ctx.t("label.account"), ctx.account),
        pair(ctx.t("label.discovered"), ctx.when(state.discovered_at))
        + pair(ctx.t("report.label.reported"), ctx.when(ctx.now)),
        pair(ctx.t("label.time-zone"), state.tz)
        + pair(ctx.t("label.since"), fmt_duration(ctx.now - state.discovered_at)),
        pair(ctx.t("label.session"), f"{state.id} · {status}")
        + pair(ctx.t("label.progress"), ctx.t("progress.line", **asdict(progress))),
    ]
    return S.table(
        rows,
        S.columns(0.14, 0.36, 0.14, 0.36),
        header=False,
        zebra=False,
        extra=[
            ("BACKGROUND", (0, 0), (0, -1), S.HEAD_BG),
            ("BACKGROUND", (2, 0), (2, -1), S.HEAD_BG),
        ],
    )


def _asks(ctx: Context) -> Any:
    keys = ["report.sum.ask.freeze", "report.sum.ask.recovery"]
    if ctx.state.transactions():
        keys.append("report.sum.ask.reversal")
    keys.append("report.sum.ask.records")
    rows = [
        [ctx.cell(f"{i}.", style="body"), ctx.cell(ctx.t(k), style="body")]
        for i, k in enumerate(keys, 1)
    ]
    return S.table(
        rows,
        S.columns(0.05, 0.95),
        header=False,
        zebra=False,
        rules=False,
        extra=[
            ("LINEBEFORE", (0, 0), (0, -1), 3, S.DANGER),
            ("BACKGROUND", (0, 0), (-1, -1), S.DANGER_BG),
        ],
    )


def _tickets(ctx: Context) -> Any:
    tickets = ctx.state.tickets()
    parts: list[object] = [font(ctx.label(ctx.t("report.sum.tickets")), color=S.ACCENT_HEX)]
    parts.append(", ".join(tickets[:TICKETS]) if tickets else ctx.t("report.sum.tickets-none"))
    if len(tickets) > TICKETS:  # every one is in the contact log (or its attached list)
        section = ctx.t("report.sec.contacts")
        more = ctx.t("report.list.more-tickets", count=len(tickets) - TICKETS, section=section)
        parts.append(ctx.grey(" ", more))
    due = ctx.state.follow_up_due()
    if due:
        parts += [BR, font(ctx.label(ctx.t("label.follow-up")), color=S.ACCENT_HEX), ctx.local(due)]
    return ctx.p(*parts, style="big")


def _unofficial(ctx: Context) -> list[Any]:
    count = sum(1 for _, c in ctx.state.contacts() if c.official is False)
    if not count:
        return []
    return [S.alert_box([ctx.cell(ctx.t("report.sum.unofficial", count=count), style="alert")])]


def _deadlines(ctx: Context) -> list[Any]:
    """Platform deadlines (a police report, a claim) as dates in the session's zone (issue 14)."""
    from incident.core.status import deadline_line

    dues = ctx.state.deadlines()
    if not dues:
        return []
    rows = [[ctx.cell(ctx.t("deadline.box"), style="cell_head")]]
    for d in dues:
        line = deadline_line(d, ctx.lang, ctx.tz, ctx.now)
        source = f"{ctx.t('deadline.source')}: {d.deadline.source} ({d.deadline.checked})"
        style = "alert" if d.late(ctx.now) else "cell"
        rows.append([ctx.cell(line, style=style)])
        rows.append([ctx.cell(ctx.grey(source, size=6.6), style="cell_small")])
    box = S.table(
        rows,
        [S.FRAME_WIDTH],
        header=False,
        zebra=False,
        rules=False,
        extra=[
            ("BOX", (0, 0), (-1, -1), 0.8, S.DANGER),
            ("BACKGROUND", (0, 0), (-1, 0), S.DANGER_BG),
        ],
    )
    return [box]


def _txids(ctx: Context) -> list[Any]:
    """Every TxID that fits on page one, one line each; the rest are in the transactions table."""
    from incident.report.pdf.fitted import Fitted

    txs = [(item, tx) for item, tx in ctx.state.transactions() if tx.txid]
    if not txs:
        return []
    if too_long(ctx, len(txs)):
        note = ctx.t("report.list.txids", count=len(txs), section=ctx.t("report.sec.transactions"))
        return [ctx.subheading(ctx.t("report.sum.txids"), "summary-txids"), ctx.p(note)]
    rows: list[list[Any]] = [
        ctx.head(
            "#",
            ctx.t("report.col.time"),
            ctx.t("report.col.amount"),
            ctx.t("report.col.network"),
            ctx.t("report.col.txid"),
        )
    ]
    for item, tx in txs:
        rows.append(
            [
                ctx.cell(f"E{item.number}", style="cell_small"),
                ctx.cell(ctx.local(tx.time), style="cell_small"),
                ctx.cell(f"{amount(tx.amount)} {tx.asset}", style="cell_small"),
                ctx.cell(short_name(tx.network) or "—", style="cell_small"),
                ctx.cell(txid_markup(ctx, tx, compact=True), style="cell_small"),
            ]
        )
    table = S.table(rows, S.columns(0.05, 0.16, 0.13, 0.08, 0.58), split_in_row=False)
    return [
        ctx.subheading(ctx.t("report.sum.txids"), "summary-txids"),
        Fitted(
            table, lambda left: ctx.p(ctx.t("report.glance.more-txids", count=left), style="small")
        ),
    ]


def section(ctx: Context) -> list[Any]:
    from reportlab.platypus import Spacer

    state = ctx.state
    out: list[Any] = [
        ctx.heading(ctx.t("report.title", platform=state.platform), "summary"),
        *integrity.notice(ctx),  # issue 17: a damaged journal is said first
        ctx.p(ctx.t("report.sum.intro"), style="body"),
        _facts(ctx),
        *glance.section(ctx),
        Spacer(1, 6),
        ctx.subheading(ctx.t("report.sum.asks"), "summary-asks"),
        _asks(ctx),
        Spacer(1, 4),
        *_unofficial(ctx),
        *_deadlines(ctx),
    ]
    if state.totals():
        out += [ctx.subheading(ctx.t("report.sum.totals"), "summary-totals"), totals(ctx)]
    else:
        out.append(ctx.p(ctx.t("report.tx.none")))
    out += [Spacer(1, 6), _tickets(ctx), *_txids(ctx)]
    return out

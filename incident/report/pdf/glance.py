"""Page one's "Attack at a glance": the first suspicious login, the first and last
unauthorized transactions, and where the funds went (each address: network, count, total).

Short by design: it must leave page one room for the asks and the totals, whatever the
number of transactions; the full list is the transactions table.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from incident.core.amounts import fmt_amount
from incident.core.kinds.login import Login
from incident.core.kinds.transaction import Transaction, type_label
from incident.core.networks import short_name
from incident.report.pdf import styles as S
from incident.report.pdf.context import Context
from incident.report.pdf.markup import Markup
from incident.report.pdf.transactions import address_markup
from incident.times import fmt_local_offset

MAX_ADDRESSES = 4  # rows of destinations on page one; the rest are in the table


def _when(ctx: Context, tx_or_login: Transaction | Login) -> str:
    at = tx_or_login.time
    return f"{fmt_local_offset(at, ctx.tz)} ({ctx.offset(at)})"


def _login(ctx: Context) -> object:
    logins = sorted(ctx.state.logins(), key=lambda p: p[1].time)
    if not logins:
        return ctx.grey(ctx.t("report.glance.none"))
    item, lg = logins[0]
    parts = [_when(ctx, lg), lg.ip, lg.location, lg.device, f"E{item.number}"]
    return " · ".join(p for p in parts if p)


def _tx(ctx: Context, number: int, tx: Transaction) -> str:
    parts = [
        _when(ctx, tx),
        f"{type_label(tx.tx_type, ctx.lang)} {fmt_amount(tx.amount)} {tx.asset}",
        tx.network,
        f"E{number}",
    ]
    return " · ".join(p for p in parts if p)


def _destinations(ctx: Context, losses: list[tuple[int, Transaction]]) -> list[Any]:
    """One row an address (and network): how many transactions went there, and how much."""
    groups: dict[tuple[str, str], list[Transaction]] = {}
    for _, tx in losses:
        if tx.to_address:
            groups.setdefault((tx.to_address, tx.network or ""), []).append(tx)
    if not groups:
        return []
    # The largest first, by count: what a support agent would freeze first.
    ordered = sorted(groups.items(), key=lambda kv: -len(kv[1]))
    rows: list[list[Any]] = [
        ctx.head(
            ctx.t("report.glance.col.address"),
            ctx.t("report.glance.col.network"),
            ctx.t("report.glance.col.count"),
            ctx.t("report.glance.col.total"),
        )
    ]
    for (_, network), txs in ordered[:MAX_ADDRESSES]:
        sums: dict[str, Decimal] = {}
        for tx in txs:
            sums[tx.asset] = sums.get(tx.asset, Decimal(0)) + tx.amount
        total = " + ".join(f"{fmt_amount(v)} {k}" for k, v in sums.items())
        rows.append(
            [
                ctx.cell(address_markup(ctx, txs[0]), style="cell_small"),
                ctx.cell(short_name(network) or "—", style="cell_small"),
                ctx.cell(str(len(txs)), style="cell_small"),
                ctx.cell(total, style="cell_small"),
            ]
        )
    out: list[Any] = [S.table(rows, S.columns(0.55, 0.1, 0.07, 0.28))]
    if len(ordered) > MAX_ADDRESSES:
        more = ctx.t("report.glance.more-addresses", count=len(ordered) - MAX_ADDRESSES)
        out.append(ctx.p(more, style="small"))
    return out


def section(ctx: Context) -> list[Any]:
    """The glance (title, facts, destinations), or nothing when no login or loss is recorded."""
    losses = sorted(
        ((i.number, tx) for i, tx in ctx.state.transactions() if tx.is_loss),
        key=lambda p: p[1].time,
    )
    if not losses and not ctx.state.logins():
        return []

    def pair(key: str, value: object) -> list[Any]:
        return [ctx.cell(ctx.t(key), style="cell_head"), ctx.cell(value, style="cell_small")]

    none = ctx.grey(ctx.t("report.glance.none"))
    rows = [pair("report.glance.login", _login(ctx))]
    rows.append(pair("report.glance.first-tx", _tx(ctx, *losses[0]) if losses else none))
    if len(losses) > 1:
        rows.append(pair("report.glance.last-tx", _tx(ctx, *losses[-1])))
    facts = S.table(
        rows,
        S.columns(0.25, 0.75),
        header=False,
        zebra=False,
        extra=[("BACKGROUND", (0, 0), (0, -1), S.HEAD_BG)],
    )
    out: list[Any] = [ctx.subheading(ctx.t("report.glance.title"), "summary-glance"), facts]
    destinations = _destinations(ctx, losses)
    if destinations:
        from reportlab.platypus import Spacer

        title = ctx.p(Markup("<b>"), ctx.t("report.glance.destinations"), Markup("</b>"))
        out += [Spacer(1, 4), title, *destinations]
    return out

"""Section: the unauthorized transactions, each TxID whole and linked to a block explorer."""

from __future__ import annotations

from typing import Any

from incident.core import txchecks
from incident.core.amounts import fmt_amount as amount
from incident.core.kinds.transaction import Transaction, type_label
from incident.report import explorers
from incident.report.pdf import summaries
from incident.report.pdf.context import Context
from incident.report.pdf.listing import too_long
from incident.report.pdf.markup import BR, Markup, font, link
from incident.report.pdf.styles import DANGER_HEX, LINK, RULE, columns, table


def txid_markup(ctx: Context, tx: Transaction, compact: bool = False) -> Markup:
    """The TxID in full, linked to the explorer of its network, or a note that none is known.

    ``compact`` leaves out the explorer's name under a linked TxID (page one is short of room).
    """
    if not tx.txid:
        return ctx.grey("—")
    explorer = explorers.find(tx.network)
    if explorer is None:
        return ctx.markup(
            tx.txid, BR, font(ctx.t("report.tx.explorer-none"), color=DANGER_HEX, size=6.8)
        )
    # The link text is the TxID itself, so it can be read, copied and clicked.
    linked = link(explorer.tx_url(tx.txid), ctx.hide(tx.txid), LINK)
    if compact:
        return linked
    return ctx.markup(
        linked, " ", ctx.grey(ctx.t("report.tx.explorer", name=explorer.name), size=6.8)
    )


def address_markup(ctx: Context, tx: Transaction) -> Markup:
    if not tx.to_address:
        return ctx.grey("—")
    explorer = explorers.find(tx.network)
    url = explorer.address_url(tx.to_address) if explorer else None
    if url:
        return link(url, ctx.hide(tx.to_address), LINK)
    return ctx.markup(tx.to_address)


def _checks_and_source(ctx: Context, tx: Transaction) -> list[object]:
    """What the offline checks found (in red), and the file and row it was imported from."""
    lines: list[object] = [
        font(ctx.t("report.tx.check", text=ctx.hide(text)), color=DANGER_HEX)
        for text in txchecks.texts(tx, ctx.lang)
    ]
    if tx.source is not None:
        where = ctx.t("report.tx.source", file=tx.source.file, row=tx.source.row)
        lines.append(ctx.grey(where, size=6.8))
    parts: list[object] = []
    for line in lines:
        if parts or tx.note:  # the address and TxID lines end with a break already
            parts.append(BR)
        parts.append(line)
    return parts


def totals(ctx: Context) -> Any:
    """Totals per asset, three to a row, so that page one still has room for the TxIDs."""
    counts: dict[str, int] = {}
    for _, tx in ctx.state.transactions():
        if tx.tx_type != "deposit":
            counts[tx.asset] = counts.get(tx.asset, 0) + 1
    cells = [
        ctx.cell(
            ctx.markup(
                Markup('<font size="12.5">'),
                amount(total),
                Markup("</font> "),
                asset,
                BR,
                ctx.grey(ctx.t("report.sum.count", count=counts.get(asset, 0)), size=6.8),
            )
        )
        for asset, total in ctx.state.totals().items()
    ]
    if not cells:
        return ctx.p(ctx.t("report.tx.none"))
    per_row = 3
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    rows[-1] += [""] * (per_row - len(rows[-1]))
    return table(
        rows,
        columns(1, 1, 1),
        header=False,
        zebra=False,
        extra=[("GRID", (0, 0), (-1, -1), 0.4, RULE)],
    )


def section(ctx: Context) -> list[Any]:
    out: list[Any] = [ctx.heading(ctx.t("report.sec.transactions"), "transactions")]
    txs = ctx.state.transactions()
    if not txs:
        return [*out, ctx.p(ctx.t("report.tx.none"))]
    out.append(ctx.p(ctx.t("report.tx.intro"), style="small"))
    if too_long(ctx, len(txs)):
        return out + summaries.transactions(ctx, txs)
    rows: list[list[Any]] = [
        ctx.head(
            "#",
            ctx.t("report.col.time"),
            ctx.t("report.col.amount"),
            ctx.t("report.col.network"),
            ctx.t("report.col.to-txid"),
        )
    ]
    for item, tx in txs:
        parts: list[object] = []
        if tx.to_address:
            parts += [ctx.grey(ctx.label(ctx.t("report.col.to"))), address_markup(ctx, tx), BR]
        if tx.txid:
            parts += [ctx.grey(ctx.label("TxID")), txid_markup(ctx, tx), BR]
        if tx.note:
            note = ctx.long_text(tx.note, f"E{item.number}", ctx.t("report.sec.transactions"))
            parts += [ctx.grey(ctx.label(ctx.t("report.col.note"))), note]
        parts += _checks_and_source(ctx, tx)
        rows.append(
            [
                ctx.cell(f"E{item.number}"),
                ctx.cell(ctx.when(tx.time)),
                ctx.cell(
                    ctx.markup(
                        f"{amount(tx.amount)} {tx.asset}",
                        BR,
                        ctx.grey(type_label(tx.tx_type, ctx.lang), size=6.8),
                    )
                ),
                ctx.cell(tx.network or "—"),
                ctx.cell(ctx.markup(*parts) if parts else "—", style="cell_small"),
            ]
        )
    out.append(table(rows, columns(0.055, 0.175, 0.15, 0.075, 0.545)))
    out.append(ctx.subheading(ctx.t("report.sum.totals"), "transactions-totals"))
    out.append(totals(ctx))
    return out

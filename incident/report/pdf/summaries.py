"""What a section shows instead of its table when it has more than ``ROW_LIMIT`` rows: exact
summaries, and every entry in an attached CSV (the machinery is in listing.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from incident.core import kinds
from incident.core.kinds.contact import Contact, channel_label
from incident.core.kinds.login import Login
from incident.core.kinds.transaction import Transaction
from incident.core.state import EvidenceItem
from incident.core.timeline import TimelineEntry
from incident.report import explorers
from incident.report.pdf.context import Context
from incident.report.pdf.listing import (
    add_amount,
    amounts,
    attach,
    capped,
    day,
    iso_local,
    iso_utc,
    per_day,
    table,
)

TX_CSV = (
    "entry",
    "recorded_utc",
    "time_utc",
    "time_local",
    "type",
    "amount",
    "asset",
    "network",
    "to_address",
    "txid",
    "explorer_url",
    "note",
)


def _tx_rows(ctx: Context, txs: Sequence[tuple[EvidenceItem, Transaction]]) -> Any:
    for item, tx in txs:
        explorer = explorers.find(tx.network)
        url = explorer.tx_url(tx.txid) if explorer and tx.txid else ""
        yield (
            f"E{item.number}",
            iso_utc(item.at),
            iso_utc(tx.time),
            iso_local(ctx, tx.time),
            tx.tx_type,
            str(tx.amount),
            ctx.hide(tx.asset),
            ctx.hide(tx.network or ""),
            ctx.hide(tx.to_address or ""),
            ctx.hide(tx.txid or ""),
            url,
            ctx.hide(tx.note or ""),
        )


def transactions(ctx: Context, txs: Sequence[tuple[EvidenceItem, Transaction]]) -> list[Any]:
    """Per asset, per destination address and per day; every transaction in transactions.csv."""
    from incident.report.pdf.transactions import address_markup

    count: dict[str, int] = {}
    lost: dict[str, Decimal] = {}
    by_address: dict[str, tuple[Transaction, list[int], dict[str, Decimal]]] = {}
    by_day: dict[date, dict[str, Decimal]] = {}
    for _, tx in txs:
        count[tx.asset] = count.get(tx.asset, 0) + 1
        key = tx.to_address or ""
        _, n, sums = by_address.setdefault(key, (tx, [0], {}))
        n[0] += 1
        sums_day = by_day.setdefault(day(ctx, tx.time), {})
        if tx.is_loss:
            add_amount(lost, tx.asset, tx.amount)
            add_amount(sums, tx.asset, tx.amount)
            add_amount(sums_day, tx.asset, tx.amount)
    assets = [
        [asset, str(count[asset]), amounts({asset: lost[asset]}) if asset in lost else "—"]
        for asset in sorted(count)
    ]
    groups = sorted(by_address.items(), key=lambda kv: (-kv[1][1][0], kv[0]))

    Group = tuple[str, tuple[Transaction, list[int], dict[str, Decimal]]]

    def address_row(group: Group) -> list[Any]:
        _, (first, n, sums) = group
        shown = address_markup(ctx, first) if first.to_address else ctx.t("report.list.none")
        return [ctx.cell(shown, style="cell_small"), str(n[0]), amounts(sums)]

    def others(rest: Sequence[Group]) -> list[Any]:
        sums: dict[str, Decimal] = {}
        for _, (_, _, s) in rest:
            for asset, v in s.items():
                add_amount(sums, asset, v)
        label = ctx.t("report.list.other-addresses", count=len(rest))
        return [label, str(sum(n[0] for _, (_, n, _) in rest)), amounts(sums)]

    rows = capped(ctx, groups, address_row, others)
    what = ctx.t("report.list.what.transactions")
    note = attach(ctx, "transactions.csv", what, TX_CSV, _tx_rows(ctx, txs), len(txs))
    head_asset = [ctx.t("report.list.asset"), ctx.t("report.list.count"), ctx.t("report.list.lost")]
    head_addr = [ctx.t("report.col.to"), ctx.t("report.list.count"), ctx.t("report.list.lost")]
    return [
        note,
        ctx.subheading(ctx.t("report.list.per-asset"), "transactions-per-asset"),
        table(ctx, head_asset, assets, [0.3, 0.2, 0.5]),
        ctx.subheading(ctx.t("report.list.per-address"), "transactions-per-address"),
        table(ctx, head_addr, rows, [0.5, 0.1, 0.4]),
        ctx.subheading(ctx.t("report.list.per-day"), "transactions-per-day"),
        per_day(ctx, (tx.time for _, tx in txs), lambda d: amounts(by_day.get(d, {}))),
    ]


def evidence(ctx: Context) -> list[Any]:
    """Per kind and per day; every entry, with its files, in evidence.csv."""
    items = ctx.state.evidence
    per_kind: dict[str, list[int]] = {}
    for item in items:
        n = per_kind.setdefault(item.kind, [0, 0])
        n[0] += 1
        n[1] += len(item.attachments)
    rows = [
        [kinds.get(k).label.get(ctx.lang), str(n), str(files)]
        for k, (n, files) in sorted(per_kind.items())
    ]

    def csv_rows() -> Any:
        for item in items:
            words = kinds.get(item.kind).words(item.evidence, ctx.lang, ctx.tz)
            files = " | ".join(
                f"{a.name} ({a.size} B, SHA-256 {a.sha256})" for a in item.attachments
            )
            yield (
                f"E{item.number}",
                iso_utc(item.at),
                iso_local(ctx, item.at),
                item.kind,
                ctx.hide(words),
                item.step_id or "",
                ctx.hide(files),
            )

    header = ("entry", "recorded_utc", "recorded_local", "kind", "content", "step", "files")
    what = ctx.t("report.list.what.evidence")
    note = attach(ctx, "evidence.csv", what, header, csv_rows(), len(items))
    head = [ctx.t("report.col.kind"), ctx.t("report.list.count"), ctx.t("report.col.files")]
    return [
        note,
        ctx.subheading(ctx.t("report.list.per-kind"), "evidence-per-kind"),
        table(ctx, head, rows, [0.5, 0.25, 0.25]),
        ctx.subheading(ctx.t("report.list.per-day"), "evidence-per-day"),
        per_day(ctx, (item.at for item in items)),
    ]


def timeline(ctx: Context, entries: Sequence[TimelineEntry]) -> list[Any]:
    """Per day; every entry in timeline.csv."""
    rows = (
        (
            f"T{n}",
            iso_utc(e.at),
            iso_local(ctx, e.at),
            ctx.offset(e.at),
            ctx.hide(e.text),
            ctx.hide(e.detail or ""),
        )
        for n, e in enumerate(entries, 1)
    )
    header = ("n", "time_utc", "time_local", "offset", "event", "detail")
    what = ctx.t("report.list.what.timeline")
    note = attach(ctx, "timeline.csv", what, header, rows, len(entries))
    return [note, per_day(ctx, (e.at for e in entries))]


def logins(ctx: Context, found: Sequence[tuple[EvidenceItem, Login]]) -> list[Any]:
    """Per IP address; every login in logins.csv."""
    by_ip: dict[str, list[int]] = {}
    for _, lg in found:
        by_ip.setdefault(lg.ip or "", [0])[0] += 1
    groups = sorted(by_ip.items(), key=lambda kv: (-kv[1][0], kv[0]))

    def ip_row(group: tuple[str, list[int]]) -> list[Any]:
        return [ctx.hide(group[0]) or ctx.t("report.list.none"), str(group[1][0])]

    def others(rest: Sequence[tuple[str, list[int]]]) -> list[Any]:
        count = sum(n[0] for _, n in rest)
        return [ctx.t("report.list.other-ips", count=len(rest)), str(count)]

    rows = capped(ctx, groups, ip_row, others)
    csv_rows = (
        (
            f"E{item.number}",
            iso_utc(item.at),
            iso_utc(lg.time),
            iso_local(ctx, lg.time),
            ctx.hide(lg.ip or ""),
            ctx.hide(lg.device or ""),
            ctx.hide(lg.location or ""),
            ctx.hide(lg.note or ""),
        )
        for item, lg in found
    )
    header = ("entry", "recorded_utc", "time_utc", "time_local", "ip", "device", "location", "note")
    what = ctx.t("report.list.what.logins")
    note = attach(ctx, "logins.csv", what, header, csv_rows, len(found))
    return [
        note,
        table(ctx, [ctx.t("report.col.ip"), ctx.t("report.list.count")], rows, [0.7, 0.3]),
    ]


def contacts(ctx: Context, found: Sequence[tuple[EvidenceItem, Contact]]) -> list[Any]:
    """Per channel, official or not; every contact in contacts.csv."""
    by_channel: dict[str, list[int]] = {}
    for _, c in found:
        n = by_channel.setdefault(c.channel, [0, 0, 0])
        n[0 if c.official is True else 1 if c.official is False else 2] += 1
    rows = [
        [channel_label(ch, ctx.lang), str(sum(n)), str(n[0]), str(n[1]), str(n[2])]
        for ch, n in sorted(by_channel.items())
    ]
    csv_rows = (
        (
            f"E{item.number}",
            iso_utc(item.at),
            iso_local(ctx, item.at),
            c.channel,
            "" if c.official is None else str(c.official).lower(),
            ctx.hide(c.ticket or ""),
            ctx.hide(c.agent or ""),
            ctx.hide(c.url or ""),
            ctx.hide(c.summary),
        )
        for item, c in found
    )
    header = (
        "entry",
        "recorded_utc",
        "recorded_local",
        "channel",
        "official",
        "ticket",
        "agent",
        "url",
        "summary",
    )
    what = ctx.t("report.list.what.contacts")
    note = attach(ctx, "contacts.csv", what, header, csv_rows, len(found))
    head = [
        ctx.t("report.col.channel"),
        ctx.t("report.list.count"),
        ctx.t("report.contact.official"),
        ctx.t("report.list.unofficial"),
        ctx.t("report.contact.unchecked"),
    ]
    return [note, table(ctx, head, rows, [0.28, 0.18, 0.18, 0.18, 0.18])]

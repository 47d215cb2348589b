"""`incident evidence import FILE`: record an exchange's history export as transactions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from incident.cli.options import (
    json_option,
    lang_option,
    now,
    print_json,
    resolve,
    session_option,
    store,
)
from incident.cli.options import lang as speaking
from incident.visible import echo

if TYPE_CHECKING:
    from incident.core.imports import ImportPlan
    from incident.importers.session import Imported

_TYPES = ("withdrawal", "trade", "transfer", "deposit", "other", "all")


def _format_names() -> list[str]:
    # The same list the reader detects from; spelled out here so --help imports no reader.
    return [
        "binance-withdrawals-v1",
        "binance-deposits-v1",
        "binance-withdrawals-v2",
        "binance-deposits-v2",
        "binance-statement",
        "okx-bills",
        "coinbase",
    ]


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@session_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_format_names()),
    help="The export's layout, when it cannot be told from its header row.",
)
@click.option("--since", metavar="TIME", help="Only rows at or after TIME (e.g. the last login).")
@click.option("--until", metavar="TIME", help="Only rows at or before TIME.")
@click.option(
    "--asset", "assets", multiple=True, metavar="SYMBOL", help="Only this asset (repeatable)."
)
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice(_TYPES),
    help="Which rows (repeatable); default: withdrawals and sends only.",
)
@click.option(
    "--tz", metavar="ZONE", help="Read the file's times in this zone, whatever the file says."
)
@click.option("--txid", metavar="ID", help="The TxID of the one row chosen, when it has none.")
@click.option("--dry-run", is_flag=True, help="Only show what would be recorded.")
@click.option("--yes", "confirmed", is_flag=True, help="Record without showing and asking.")
@lang_option
@json_option
def import_(
    file: Path,
    session_id: str | None,
    fmt: str | None,
    since: str | None,
    until: str | None,
    assets: tuple[str, ...],
    types: tuple[str, ...],
    tz: str | None,
    txid: str | None,
    dry_run: bool,
    confirmed: bool,
    lang: str | None,
    as_json: bool,
) -> None:
    """Import an exchange's history export (CSV or XLSX) as transactions.

    Reads Binance deposit/withdrawal history and statements, OKX funding history and Coinbase
    transaction history; the format is found from the header row. Shows the rows it would
    record and asks, unless --yes. Rows already recorded are left out.
    """
    from incident.cli.errors import name_options
    from incident.importers.session import Choice, import_file

    if as_json and not (confirmed or dry_run):
        raise click.UsageError("--json prints no table to answer: add --yes or --dry-run")
    name_options({"txid": "--txid", "since": "--since", "until": "--until"})
    st = store()
    sid = resolve(st, session_id)  # and speak the session's language, unless --lang
    choice = Choice(fmt, tz, since, until, assets or None, types or None, txid)
    lang, tz_name = speaking(), st.first_event(sid).tz
    if confirmed and not dry_run:  # no preview to show: read and record in one pass
        done = import_file(st, sid, file, choice, now=now())
        if as_json:
            print_json(_as_json(sid, done))
            return
        _show(done, lang, tz_name, table=False)
        if done.plan.recorded:
            _done(done.plan, lang, file.name)
        return
    preview = import_file(st, sid, file, choice, now=now(), dry_run=True)
    if as_json and dry_run:
        print_json(_as_json(sid, preview))
        return
    _show(preview, lang, tz_name, table=True)
    if dry_run:
        echo(_t("import.dry-run", lang))
        return
    if not preview.plan.new:
        return
    if not click.confirm(_t("import.confirm", lang, count=len(preview.plan.new)), default=False):
        raise click.ClickException(_t("import.declined", lang))
    done = import_file(st, sid, file, choice, now=now())
    _done(done.plan, lang, file.name)


def _t(key: str, lang: str, **values: object) -> str:
    from incident.catalog import t

    return t(key, lang, **values)


def _show(imported: Imported, lang: str, tz: str, *, table: bool) -> None:
    """What the file holds and what would be recorded: a table (unless --yes), then notes."""
    plan = imported.plan
    read = imported.read
    echo(
        _t("import.read", lang, title=read.title, rows=len(read.rows), chosen=len(imported.chosen))
    )
    echo(read.zone_note(lang))
    if not imported.chosen:
        echo(_t("import.none-chosen", lang))
    if table and plan.new:
        _table(plan, lang, tz)
    _skipped(plan, lang)
    if imported.chosen and not plan.new:
        echo(_t("import.nothing-new", lang))
    _flagged(plan, lang)


def _table(plan: ImportPlan, lang: str, tz: str) -> None:
    from incident.core.amounts import fmt_amount
    from incident.core.kinds.transaction import KIND, type_label
    from incident.times import fmt_local

    def label(name: str) -> str:
        return KIND.field(name).label.get(lang)

    head = [
        _t("import.col.row", lang),
        label("time"),
        label("tx_type"),
        label("asset"),
        label("amount"),
        label("network"),
        label("to_address"),
        label("txid"),
        _t("import.col.status", lang),
    ]
    rows = [
        [
            str(tx.source.row if tx.source else ""),
            fmt_local(tx.time, tz),
            type_label(tx.tx_type, lang),
            tx.asset,
            fmt_amount(tx.amount),
            tx.network or "-",
            tx.to_address or "-",
            tx.txid or "-",
            (tx.source.status if tx.source else None) or "-",
        ]
        for tx in plan.new
    ]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for row in [head, *rows]:
        echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def _skipped(plan: ImportPlan, lang: str) -> None:
    if not plan.skipped:
        return
    counts = plan.skipped_counts()
    reasons = ("，" if lang == "zh" else ", ").join(
        _t("import.reason-count", lang, count=n, reason=_t(f"import.reason.{r}", lang))
        for r, n in counts.items()
    )
    echo(f"{_t('import.skipped', lang, count=len(plan.skipped))} {reasons}")


def _flagged(plan: ImportPlan, lang: str) -> None:
    from incident.core import txchecks

    flagged = plan.flagged()
    if not flagged:
        return
    echo(_t("import.flagged", lang), fg="red", bold=True, err=True)
    for index, tx in enumerate(plan.new):
        if not tx.checks:
            continue
        where = _t("import.row", lang, row=tx.source.row) if tx.source else f"E{plan.number(index)}"
        for text in txchecks.texts(tx, lang):
            echo(f"!!! {where}: {text}", fg="red", err=True)


def _done(plan: ImportPlan, lang: str, name: str) -> None:
    count = len(plan.new)
    echo(
        _t(
            "import.recorded",
            lang,
            count=count,
            file=name,
            first=plan.number(0),
            last=plan.number(count - 1),
            note=plan.first_number,
        )
    )
    pending = [
        tx for tx in plan.new if tx.source and tx.source.status and not _completed(tx.source.status)
    ]
    if pending:
        echo(_t("import.not-completed", lang, count=len(pending)))
    missing = plan.needs_txid()
    if missing:
        entries = ", ".join(
            f"E{n} ({_t('import.row', lang, row=tx.source.row)})" if tx.source else f"E{n}"
            for n, tx in missing
        )
        echo(
            _t("import.needs-txid", lang, count=len(missing), entries=entries, first=missing[0][0]),
            fg="yellow",
        )


def _completed(status: str) -> bool:
    return status.strip().casefold() in ("completed", "complete", "success", "successful")


def _as_json(sid: str, imported: Imported) -> dict[str, Any]:
    plan = imported.plan
    return {
        "session_id": sid,
        "file": plan.file.name,
        "sha256": plan.file.sha256,
        "format": imported.read.format,
        "zone": imported.read.zone,
        "rows": len(imported.read.rows),
        "chosen": len(imported.chosen),
        "recorded": plan.recorded,
        "file_entry": plan.first_number if plan.recorded else None,
        "transactions": [
            {
                "number": plan.number(i),
                "row": tx.source.row if tx.source else None,
                "checks": [c.code for c in tx.checks or ()],
            }
            for i, tx in enumerate(plan.new)
        ],
        "skipped": [{"row": s.row, "reason": s.reason, "match": s.match} for s in plan.skipped],
        "needs_txid": [n for n, _ in plan.needs_txid()],
    }

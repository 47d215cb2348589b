"""Which imported rows to record: by default the withdrawals (sends are withdrawals too)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from incident.core.kinds.transaction import TX_TYPES, TxType
from incident.errors import UsageError
from incident.importers.base import ImportedRow

DEFAULT_TYPES: tuple[TxType, ...] = ("withdrawal",)


def _types(types: Iterable[str] | None) -> frozenset[str]:
    if types is None:
        return frozenset(DEFAULT_TYPES)
    chosen = {t.strip().casefold() for t in types if t.strip()}
    if "all" in chosen:
        return frozenset(TX_TYPES)
    unknown = sorted(chosen - set(TX_TYPES))
    if unknown:
        raise UsageError(
            f"unknown transaction type {unknown[0]!r}",
            "use " + ", ".join(TX_TYPES) + " or all",
        )
    return frozenset(chosen)


def _aware(value: datetime | None, name: str) -> datetime | None:
    if value is not None and value.tzinfo is None:
        raise UsageError(f"{name} needs a time zone", "give the time with its zone")
    return value


def choose(
    rows: Iterable[ImportedRow],
    *,
    types: Iterable[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    assets: Iterable[str] | None = None,
) -> list[ImportedRow]:
    """The rows of ``types`` (default: withdrawals) from ``since`` to ``until`` (both
    included), of ``assets`` (any case; all when None), in the file's order."""
    wanted = _types(types)
    since = _aware(since, "since")
    until = _aware(until, "until")
    if since and until and since > until:
        raise UsageError("since is after until", "give the earlier time as since")
    symbols = {a.strip().upper() for a in assets if a.strip()} if assets is not None else None
    return [
        row
        for row in rows
        if row.tx_type in wanted
        and (since is None or row.time >= since)
        and (until is None or row.time <= until)
        and (symbols is None or row.asset in symbols)
    ]

"""Leave out rows already recorded, so that importing a file twice records nothing twice.

A row and a recorded transaction are the same when both have a TxID and it is the same
(hex compared without case or 0x), or, where either has none, when asset, amount and time
agree: the same instant, or the same minute when one of them was typed to the minute.
Within one file only a repeated row with the same TxID is left out: rows without a TxID are
the exchange's own separate entries, even when they look alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Generic, Literal, Protocol, TypeVar

_HEX = re.compile(r"^(?:0x)?([0-9a-fA-F]+)$")

Reason = Literal["same-txid", "same-time-asset-amount", "repeated-in-file"]


class Recorded(Protocol):
    """What a recorded transaction offers for comparison (evidence.Transaction has it)."""

    @property
    def time(self) -> datetime: ...
    @property
    def asset(self) -> str: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def txid(self) -> str | None: ...


R = TypeVar("R", bound=Recorded)
N = TypeVar("N", bound=Recorded)


@dataclass(frozen=True)
class Skipped(Generic[N, R]):
    row: N
    reason: Reason
    match: R | N  # the recorded transaction, or the earlier row of the same file


@dataclass(frozen=True)
class Dedup(Generic[N, R]):
    kept: list[N]
    skipped: list[Skipped[N, R]]

    def counts(self) -> dict[Reason, int]:
        """How many rows were left out, per reason."""
        out: dict[Reason, int] = {}
        for skip in self.skipped:
            out[skip.reason] = out.get(skip.reason, 0) + 1
        return out


def txid_key(txid: str | None) -> str | None:
    """A TxID as compared: hex without case or 0x; other forms (base58, base64) exactly."""
    if not txid or not txid.strip():
        return None
    text = txid.strip()
    match = _HEX.match(text)
    return match[1].lower() if match else text


def _same_time(a: datetime, b: datetime) -> bool:
    if a == b:
        return True
    typed = (a.second == 0 and a.microsecond == 0) or (b.second == 0 and b.microsecond == 0)
    return typed and a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)


def drop_duplicates(rows: Sequence[N], recorded: Iterable[R]) -> Dedup[N, R]:
    """The rows not yet recorded, and those left out with the reason and what they match."""
    by_txid: dict[str, R] = {}
    by_value: dict[tuple[str, Decimal], list[R]] = {}
    for tx in recorded:
        key = txid_key(tx.txid)
        if key is not None:
            by_txid.setdefault(key, tx)
        by_value.setdefault((tx.asset.upper(), tx.amount), []).append(tx)
    kept: list[N] = []
    skipped: list[Skipped[N, R]] = []
    seen: dict[str, N] = {}
    for row in rows:
        key = txid_key(row.txid)
        if key is not None and key in by_txid:
            skipped.append(Skipped(row, "same-txid", by_txid[key]))
            continue
        same = next(
            (
                tx
                for tx in by_value.get((row.asset.upper(), row.amount), ())
                if (key is None or txid_key(tx.txid) is None) and _same_time(tx.time, row.time)
            ),
            None,
        )
        if same is not None:
            skipped.append(Skipped(row, "same-time-asset-amount", same))
            continue
        if key is not None and key in seen:
            skipped.append(Skipped(row, "repeated-in-file", seen[key]))
            continue
        if key is not None:
            seen[key] = row
        kept.append(row)
    return Dedup(kept, skipped)

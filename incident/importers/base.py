"""What every exchange reader shares: the typed row, the error, and reading one cell.

A format names the columns its header must hold; the reader finds them by name, so columns
in another order, or an extra column the exchange added, change nothing. Cells are read with
precompiled patterns only: a 10,000-row file is read in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Literal

from incident.core.kinds.transaction import TxType
from incident.errors import EvidenceError

__all__ = ["TxType"]  # the core's list of types, as every reader here names it
ZoneSource = Literal["header", "cells", "assumed", "given"]


@dataclass(frozen=True, slots=True)
class ImportedRow:
    """One transaction as the export states it, ready to become a Transaction."""

    time: datetime  # aware, UTC
    tx_type: TxType
    asset: str
    amount: Decimal  # the size of the movement, never negative; direction is tx_type
    network: str | None  # as the file writes it; normalised when recorded
    to_address: str | None
    txid: str | None
    status: str | None  # as the file writes it ("Completed", "Cancelled"...)
    row: int  # row in the file as a spreadsheet numbers it (1 = first line)
    format: str  # name of the format read ("binance-withdrawals-v2")
    kind: str  # the exchange's own type of the row ("Withdraw", "Send")


class ImportFileError(EvidenceError):
    """An export that cannot be read as a whole; nothing of it is recorded."""

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        *,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        super().__init__(message, hint)
        self.row = row
        self.column = column


# A date, then optionally a time, then optionally a zone: "2024-01-15 10:20:30",
# "24-01-15 10:20:30" (two-digit year), "2024-02-08 16:31:22 UTC", "2024-01-10T00:00:00Z",
# "2024/1/5 9:05", "2024-01-15T10:20:30.123+08:00".
_TIME = re.compile(
    r"(\d{4}|\d{2})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
)
# A number with its sign and any currency around it: "-$179.32", "$-5", "Kč16233.43638",
# "1,234.5 USDT", "1E-8". Thousands groups of exactly three digits only.
_AMOUNT = re.compile(
    r"([-+\u2212]?)[^\d\s.,+\-\u2212]*\s*([-+\u2212]?)\s*"
    r"(\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)([eE][-+]?\d+)?"
    r"\s*[^\d.,]*"
)


def zone_from_offset(text: str) -> tzinfo:
    """A fixed zone from "+08:00", "-0500", "8", "+8" or "" (UTC)."""
    text = text.strip()
    if not text or text in ("0", "+0", "-0"):
        return UTC
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    hours, _, minutes = digits.partition(":")
    if not minutes and len(hours) == 4:
        hours, minutes = hours[:2], hours[2:]
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    return UTC if not delta else timezone(sign * delta)


def zone_name(zone: tzinfo) -> str:
    """ "UTC", "UTC+08:00" or an IANA name."""
    if zone is UTC:
        return "UTC"
    key = getattr(zone, "key", None)
    return str(key) if key else str(zone.tzname(None))


@dataclass
class Sheet:
    """The file being read: its name, header and the zone its times are read in."""

    source: str  # the file's name, for messages
    header: list[str]  # the header row as written
    header_row: int
    index: dict[str, int]  # role -> column
    zone: tzinfo  # zone of times that carry none
    override: tzinfo | None  # the user's zone, replacing whatever the file claims
    zone_claims: set[str] = field(default_factory=set)  # zones written in the cells

    def fail(self, row: int, role: str, problem: str, hint: str | None = None) -> ImportFileError:
        column = self.column(role)
        return ImportFileError(
            f"{self.source}: row {row}, column {column!r}: {problem}",
            hint or "nothing was recorded from this file",
            row=row,
            column=column,
        )

    def column(self, role: str) -> str:
        i = self.index.get(role)
        return self.header[i].strip().lstrip("\ufeff") if i is not None else role


@dataclass(slots=True)
class Cells:
    """One row of a sheet, read by role."""

    sheet: Sheet
    values: list[str]
    row: int

    def text(self, role: str) -> str | None:
        i = self.sheet.index.get(role)
        if i is None or i >= len(self.values):
            return None
        value = self.values[i].strip()
        return value or None

    def required(self, role: str, what: str) -> str:
        value = self.text(role)
        if value is None:
            raise self.sheet.fail(self.row, role, f"no {what}")
        return value

    def amount(self, role: str) -> Decimal:
        """The size of the amount in ``role`` (sign and currency symbols dropped)."""
        raw = self.required(role, "amount")
        match = _AMOUNT.fullmatch(raw)
        if match is None or (match[1] and match[2]):
            raise self.sheet.fail(
                self.row,
                role,
                f"cannot read the amount {raw!r}",
                "amounts in exchange files use a dot for decimals, such as 1234.5 or 1,234.5",
            )
        try:
            value = Decimal(match[3].replace(",", "") + (match[4] or ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            raise self.sheet.fail(self.row, role, f"cannot read the amount {raw!r}") from None
        if match[4]:
            value = Decimal(format(value, "f"))  # 2.5e3 is kept as 2500, not 2.5E+3
        return value

    def time(self, role: str) -> datetime:
        """The instant in ``role``, in UTC."""
        raw = self.required(role, "time")
        match = _TIME.fullmatch(raw)
        if match is None:
            raise self.sheet.fail(
                self.row,
                role,
                f"cannot read the time {raw!r}",
                "expected year-month-day and time, such as 2024-01-15 10:20:30",
            )
        year, month, day, hour, minute, second, fraction, zone = match.groups()
        try:
            value = datetime(
                int(year) + 2000 if len(year) == 2 else int(year),
                int(month),
                int(day),
                int(hour or 0),
                int(minute or 0),
                int(second or 0),
                int((fraction or "0")[:6].ljust(6, "0")),
            )
        except ValueError:
            raise self.sheet.fail(self.row, role, f"cannot read the time {raw!r}") from None
        if self.sheet.override is not None:
            return value.replace(tzinfo=self.sheet.override).astimezone(UTC)
        if zone:
            tz = UTC if zone in ("Z", "UTC", "GMT") else zone_from_offset(zone)
            self.sheet.zone_claims.add(zone_name(tz))
            return value.replace(tzinfo=tz).astimezone(UTC)
        return value.replace(tzinfo=self.sheet.zone).astimezone(UTC)


Matcher = str | re.Pattern[str]


@dataclass(frozen=True)
class Format:
    """One export layout: the columns it must have, and how a row becomes an ImportedRow."""

    name: str
    title: str
    # role -> header spellings as documented (compared case-insensitively; patterns are
    # matched against the lower-cased header cell)
    columns: dict[str, tuple[Matcher, ...]]
    required: frozenset[str]
    convert: Callable[[Cells, Format], ImportedRow]
    # Zone of times without one: a function of the header (Binance "Date(UTC+8)"); None when
    # the file says nothing (then UTC is assumed, and said so).
    header_zone: Callable[[list[str], dict[str, int]], tzinfo | None] = lambda _h, _i: None
    # Decide between formats whose headers are the same, by the file's name.
    file_hint: str | None = None

    def index(self, header: list[str]) -> dict[str, int]:
        """Role -> column index of the roles ``header`` holds (the first matching column)."""
        cleaned = [h.strip().lstrip("\ufeff").strip().casefold() for h in header]
        index: dict[str, int] = {}
        for role, spellings in self.columns.items():
            for i, cell in enumerate(cleaned):
                if any(
                    m.fullmatch(cell) is not None
                    if isinstance(m, re.Pattern)
                    else cell == m.casefold()
                    for m in spellings
                ):
                    index[role] = i
                    break
        return index

    def missing(self, index: dict[str, int]) -> list[str]:
        """The required columns not in ``index``, by their first documented spelling."""
        out: list[str] = []
        for role in sorted(self.required - index.keys()):
            first = self.columns[role][0]
            out.append(first if isinstance(first, str) else first.pattern)
        return out


def row_of(
    cells: Cells,
    fmt: Format,
    *,
    tx_type: TxType,
    kind: str,
    time: str = "time",
    asset: str = "asset",
    amount: str = "amount",
) -> ImportedRow:
    """The common path: time, asset and amount from their roles, the rest where present."""
    return ImportedRow(
        time=cells.time(time),
        tx_type=tx_type,
        asset=cells.required(asset, "asset").upper(),
        amount=abs(cells.amount(amount)),
        network=cells.text("network"),
        to_address=cells.text("address"),
        txid=cells.text("txid"),
        status=cells.text("status"),
        row=cells.row,
        format=fmt.name,
        kind=kind,
    )

"""Binance: deposit and withdrawal history (v1 and v2 headers) and the transaction statement.

Headers from BittyTax (src/bittytax/conv/parsers/binance.py) and rotki, as collected in the
shared formats notes. v1 deposit and withdrawal files have the same header: the file's name
tells them apart ("...Withdraw..."), or the user names the format.
"""

from __future__ import annotations

import re
from datetime import UTC, tzinfo

from incident.importers.base import Cells, Format, ImportedRow, TxType, row_of, zone_from_offset

# "Date(UTC+0)", "Date(UTC)", "Date(UTC+8)", "Date(UTCnull)"; also a plain "Date" (no zone).
_DATE = re.compile(r"date\(utc(null|[-+]\d{1,2}(?::?\d{2})?)?\)")


def _header_zone(header: list[str], index: dict[str, int]) -> tzinfo | None:
    cell = header[index["time"]].strip().lstrip("\ufeff").strip().casefold()
    match = _DATE.fullmatch(cell)
    if match is None:
        return None
    offset = match[1] or ""
    return UTC if offset in ("", "null") else zone_from_offset(offset)


_HISTORY = {
    "time": (_DATE, "Date"),
    "asset": ("Coin",),
    "network": ("Network",),
    "amount": ("Amount",),
    "address": ("Address",),
    "txid": ("TXID",),
    "status": ("Status",),
}
_V2 = frozenset({"time", "asset", "network", "amount", "address", "txid", "status"})
_V1_COLUMNS = {
    **_HISTORY,
    "fee": ("TransactionFee",),
    "source": ("SourceAddress",),
    "payment": ("PaymentID",),
}
# v1 variants exist without Network.
_V1 = frozenset(
    {"time", "asset", "amount", "fee", "address", "txid", "source", "payment", "status"}
)


def _withdrawal(cells: Cells, fmt: Format) -> ImportedRow:
    return row_of(cells, fmt, tx_type="withdrawal", kind="Withdraw")


def _deposit(cells: Cells, fmt: Format) -> ImportedRow:
    return row_of(cells, fmt, tx_type="deposit", kind="Deposit")


WITHDRAWALS_V1 = Format(
    "binance-withdrawals-v1",
    "Binance withdrawal history (v1)",
    _V1_COLUMNS,
    _V1,
    _withdrawal,
    _header_zone,
    file_hint="withdraw",
)
DEPOSITS_V1 = Format(
    "binance-deposits-v1",
    "Binance deposit history (v1)",
    _V1_COLUMNS,
    _V1,
    _deposit,
    _header_zone,
    file_hint="deposit",
)
WITHDRAWALS_V2 = Format(
    "binance-withdrawals-v2",
    "Binance withdrawal history",
    {**_HISTORY, "fee": ("Fee",)},
    _V2 | {"fee"},
    _withdrawal,
    _header_zone,
)
DEPOSITS_V2 = Format(
    "binance-deposits-v2",
    "Binance deposit history",
    _HISTORY,
    _V2,
    _deposit,
    _header_zone,
)

# Statement operations (the "Operation" column), as BittyTax reads them.
_OPERATIONS: dict[str, TxType] = {
    "withdraw": "withdrawal",
    "fiat withdraw": "withdrawal",
    "fiat withdrawal": "withdrawal",
    "send": "withdrawal",
    "deposit": "deposit",
    "fiat deposit": "deposit",
    "fiat ocbs - add fiat and fees": "deposit",
    "buy": "trade",
    "sell": "trade",
    "fee": "trade",
    "buy crypto": "trade",
    "buy crypto with card": "trade",
    "binance convert": "trade",
    "large otc trading": "trade",
    "small assets exchange bnb": "trade",
    "transfer_in": "transfer",
    "transfer_out": "transfer",
}


def statement_type(operation: str) -> TxType:
    """The kind of a statement row from its Operation ("Withdraw", "Transaction Buy"...)."""
    key = operation.strip().casefold()
    if key in _OPERATIONS:
        return _OPERATIONS[key]
    if key.startswith("transaction "):
        return "trade"
    if key.startswith("transfer between"):
        return "transfer"
    return "other"


def _statement(cells: Cells, fmt: Format) -> ImportedRow:
    operation = cells.required("operation", "operation")
    return row_of(cells, fmt, tx_type=statement_type(operation), kind=operation)


STATEMENT = Format(
    "binance-statement",
    "Binance transaction history (statement)",
    {
        "user": ("User_ID",),
        "time": ("UTC_Time",),
        "account": ("Account",),
        "operation": ("Operation",),
        "asset": ("Coin",),
        "amount": ("Change",),
        "remark": ("Remark",),
    },
    frozenset({"time", "account", "operation", "asset", "amount"}),
    _statement,
    lambda _header, _index: UTC,  # the column is called UTC_Time
)

# v1 before v2: a v1 header with Network also holds every column v2 deposits need.
FORMATS = (WITHDRAWALS_V1, DEPOSITS_V1, WITHDRAWALS_V2, DEPOSITS_V2, STATEMENT)

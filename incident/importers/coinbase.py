"""Coinbase: transaction history, current and older headers.

Headers from BittyTax (src/bittytax/conv/parsers/coinbase.py). Preamble lines come before the
header; money columns carry currency symbols ("$600.00", "Kč16233.43638"), and are not read.
A ``Send`` has no TxID: its destination is in Notes ("Sent 0.01 BTC to 1Kp7…"), or in a
``Recipient Address`` column where a file has one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from incident.importers.base import Cells, Format, ImportedRow, TxType, row_of

_TYPES: dict[str, TxType] = {
    "send": "withdrawal",
    "retail mgx dex send": "withdrawal",
    "withdrawal": "withdrawal",
    "receive": "deposit",
    "deposit": "deposit",
    "buy": "trade",
    "sell": "trade",
    "advanced trade buy": "trade",
    "advanced trade sell": "trade",
    "advance trade buy": "trade",
    "advance trade sell": "trade",
    "convert": "trade",
    "credit": "trade",
    "retail simple dust": "trade",
    "retail mgx dex buy": "trade",
    # Moves between the user's own Coinbase accounts, not out of them.
    "exchange deposit": "transfer",
    "pro deposit": "transfer",
    "prime deposit": "transfer",
    "exchange withdrawal": "transfer",
    "pro withdrawal": "transfer",
    "vault withdrawal": "transfer",
    "cash to savings": "transfer",
    "savings to cash": "transfer",
    "transfer": "transfer",
    "retail staking transfer": "transfer",
    "retail unstaking transfer": "transfer",
}

# "... to <address>" at the end of Notes; an address is one long run without spaces.
_SENT_TO = re.compile(r".*\bto\s+([A-Za-z0-9][A-Za-z0-9:_\-]{19,})[.\s]*", re.DOTALL)


def transaction_type(kind: str) -> TxType:
    return _TYPES.get(kind.strip().casefold(), "other")


def address_in_notes(notes: str | None) -> str | None:
    """The destination address written in a Send's Notes, if there is one."""
    if not notes:
        return None
    match = _SENT_TO.fullmatch(notes.strip())
    return match[1] if match else None


def _transaction(cells: Cells, fmt: Format) -> ImportedRow:
    kind = cells.required("type", "transaction type")
    tx_type = transaction_type(kind)
    row = row_of(cells, fmt, tx_type=tx_type, kind=kind)
    address = cells.text("recipient")
    if address is None and tx_type == "withdrawal":
        address = address_in_notes(cells.text("notes"))
    if address is None:
        return row
    return replace(row, to_address=address)


TRANSACTIONS = Format(
    "coinbase",
    "Coinbase transaction history",
    {
        "id": ("ID",),
        "time": ("Timestamp",),
        "type": ("Transaction Type",),
        "asset": ("Asset",),
        "amount": ("Quantity Transacted",),
        "notes": ("Notes",),
        "recipient": ("Recipient Address",),
    },
    frozenset({"time", "type", "asset", "amount", "notes"}),
    _transaction,
)

FORMATS = (TRANSACTIONS,)

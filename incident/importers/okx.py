"""OKX: funding account history ("bills"). It has neither TxID nor address columns.

Header from BittyTax (src/bittytax/conv/parsers/okx.py): ``id`` may carry a byte-order mark,
and one variant has an empty second column. ``Time`` carries no zone; UTC is assumed and
said so, unless the user gives the zone.
"""

from __future__ import annotations

from incident.importers.base import Cells, Format, ImportedRow, TxType, row_of

_TYPES: dict[str, TxType] = {
    "withdrawal": "withdrawal",
    "deposit": "deposit",
    "buy": "trade",
    "sell": "trade",
    "convert": "trade",
    "from unified trading account": "transfer",
    "to unified trading account": "transfer",
}


def bill_type(kind: str) -> TxType:
    """The kind of a bill from its Type ("Withdrawal", "Staking Yield", "Transfer in"...)."""
    key = kind.strip().casefold()
    if key in _TYPES:
        return _TYPES[key]
    if "transfer" in key:
        return "transfer"
    return "other"


def _bill(cells: Cells, fmt: Format) -> ImportedRow:
    kind = cells.required("type", "type")
    return row_of(cells, fmt, tx_type=bill_type(kind), kind=kind)


BILLS = Format(
    "okx-bills",
    "OKX funding account history (bills)",
    {
        "id": ("id",),
        "time": ("Time",),
        "type": ("Type",),
        "amount": ("Amount",),
        "before": ("Before Balance",),
        "after": ("After Balance",),
        "fee": ("Fee",),
        "asset": ("Symbol",),
    },
    frozenset({"id", "time", "type", "amount", "before", "after", "fee", "asset"}),
    _bill,
)

FORMATS = (BILLS,)

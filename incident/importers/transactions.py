"""Exchange rows as the core's transactions, each with where it came from."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from incident.core.kinds.transaction import KIND, Transaction
from incident.core.networks import Network, normalize_network
from incident.errors import UsageError
from incident.importers.base import ImportedRow


def to_transaction(row: ImportedRow, file: str, sha256: str) -> Transaction:
    """One row as a Transaction, validated by the kind's own model; the network is stored
    as the table spells it where it is known ("TRX" -> "TRON (TRC20)"), else as written."""
    known = _network(row.network)
    return KIND.validate(
        {
            "time": row.time,
            "tx_type": row.tx_type,
            "asset": row.asset,
            "amount": row.amount,
            "to_address": row.to_address,
            "txid": row.txid,
            "network": known.label if known else row.network,
            "source": {  # validated as a Source with the rest
                "file": file,
                "sha256": sha256,
                "row": row.row,
                "format": row.format,
                "status": row.status,
            },
        }
    )


@lru_cache(maxsize=256)
def _network(text: str | None) -> Network | None:
    return normalize_network(text)


def with_txid(rows: Sequence[ImportedRow], txid: str | None) -> list[ImportedRow]:
    """The rows, with ``txid`` given to the one row chosen (it must be the only one)."""
    if txid is None:
        return list(rows)
    txid = txid.strip()
    if len(rows) != 1:
        raise UsageError(
            f"a TxID can be given for one row only, and {len(rows)} rows were chosen",
            "choose one row by its time, asset or type",
            field="txid",
        )
    if not txid:
        raise UsageError("{field} is empty", field="txid")
    if rows[0].txid and rows[0].txid != txid:
        raise UsageError(f"row {rows[0].row} has a TxID already ({rows[0].txid})", field="txid")
    from dataclasses import replace

    return [replace(rows[0], txid=txid)]

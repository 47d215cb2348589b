"""The offline address and TxID checks, run on every transaction however it was recorded.

A transaction typed, imported or corrected goes through ``checked``: its network is read from
what was written (or, where nothing was, from an asset only one network carries), and what
looks wrong with its address or TxID is kept with it as ``checks``. Nothing is refused here:
the caller shows the findings and lets the user decide.
"""

from __future__ import annotations

from functools import lru_cache
from typing import cast

from incident.core.identifiers import Finding, FindingCode
from incident.core.kinds.transaction import KIND, Check, Transaction
from incident.core.networks import (
    Network,
    by_id,
    check_address,
    check_txid,
    infer_network,
    normalize_network,
)


def network_of(tx: Transaction) -> Network | None:
    """The network the transaction names, or the one its asset implies when none is named."""
    if tx.network and tx.network.strip():
        return _network(tx.network)
    return infer_network(tx.asset)


# An import repeats the same few networks and destination addresses thousands of times; the
# checks are pure functions of the text, so each is worked out once per command.
@lru_cache(maxsize=256)
def _network(text: str) -> Network | None:
    return normalize_network(text)


@lru_cache(maxsize=4096)
def _address(address: str, network_id: str) -> tuple[Finding, ...]:
    return tuple(check_address(address, by_id()[network_id]))


def findings(tx: Transaction) -> list[Finding]:
    """What looks wrong with the transaction's address and TxID on its network."""
    network = network_of(tx)
    if network is None:
        return []
    out: list[Finding] = []
    if tx.to_address:
        out += _address(tx.to_address, network.id)
    if tx.txid:
        out += check_txid(tx.txid, network)
    return out


def checked(tx: Transaction) -> Transaction:
    """``tx`` with its findings stored in ``checks`` (None when everything checks out)."""
    found = findings(tx)
    checks = tuple(Check.model_validate(f.as_dict()) for f in found) or None
    if checks == tx.checks:
        return tx
    return tx.model_copy(update={"checks": checks})


def finding(check: Check) -> Finding:
    """A stored check as the finding it was, to be said in any language."""
    return Finding(
        cast(FindingCode, check.code),
        check.network,
        other=check.other,
        shape=check.shape,
        length=check.length,
    )


def texts(tx: Transaction, lang: str) -> list[str]:
    """The stored findings of ``tx`` in ``lang``, each naming the field it is about."""
    out: list[str] = []
    for check in tx.checks or ():
        found = finding(check)
        name = "to_address" if found.field == "address" else "txid"
        out.append(f"{KIND.field(name).label.get(lang)}: {found.text(lang)}")
    return out

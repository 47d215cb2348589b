"""The networks this tool knows, kept once as data (networks.yaml): spellings, checks, explorers.

A network label as users and exchanges write it ("trc20", "USDT-TRC20", "BNB Smart Chain (BEP20)",
"ETH-Arbitrum One") is matched to one network or to none: two networks matching is treated like
none, so nothing is ever guessed.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field

from incident.core.identifiers import (
    AddressFamily,
    Finding,
    TxidKind,
    address_findings,
    txid_findings,
)

_DATA = "networks.yaml"
_WORDS = re.compile(r"[\s\-_/()\[\],.:;|]+")
_NOT_WORD = re.compile(r"[\W_]+")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Explorer(_Frozen):
    name: str
    tx: str = Field(pattern=r"^https://[^{}\s]+\{txid\}$")
    address: str | None = Field(default=None, pattern=r"^https://[^{}\s]+\{address\}$")


class Network(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    label: str
    names: tuple[str, ...] = Field(min_length=1)
    tickers: tuple[str, ...] = ()
    native: tuple[str, ...] = ()
    address: AddressFamily
    txid: TxidKind
    explorer: Explorer

    def tx_url(self, txid: str) -> str:
        return self.explorer.tx.replace("{txid}", quote(txid.strip(), safe=""))

    def address_url(self, address: str) -> str | None:
        if not self.explorer.address:
            return None
        return self.explorer.address.replace("{address}", quote(address.strip(), safe=""))


class _Table(_Frozen):
    networks: tuple[Network, ...] = Field(min_length=1)


def key(text: str) -> str:
    """What two spellings of one name share: case-folded, letters and digits only."""
    return _NOT_WORD.sub("", text.casefold())


@cache
def networks() -> tuple[Network, ...]:
    """Every known network, in the table's order."""
    import yaml

    text = resources.files("incident.core").joinpath(_DATA).read_text(encoding="utf-8")
    return _Table.model_validate(yaml.safe_load(text)).networks


@cache
def by_id() -> dict[str, Network]:
    return {n.id: n for n in networks()}


@cache
def _indexes() -> tuple[dict[str, Network], dict[str, Network], dict[str, Network]]:
    names: dict[str, Network] = {}
    tickers: dict[str, Network] = {}
    native: dict[str, Network] = {}
    for network in networks():
        for name in (network.id, network.label, *network.names):
            names.setdefault(key(name), network)
        for ticker in network.tickers:
            tickers.setdefault(key(ticker), network)
        for asset in network.native:
            native.setdefault(asset.upper(), network)
    return names, tickers, native


def _only(hits: list[Network]) -> Network | None:
    return hits[0] if len({h.id for h in hits}) == 1 else None


def normalize_network(text: str | None) -> Network | None:
    """The one network ``text`` names ("trc20", "USDT-TRC20", "BNB Smart Chain (BEP20)"), if any.

    The whole label is tried first, then runs of up to three of its words. Two different
    networks matching is treated like none.
    """
    if not text or not text.strip():
        return None
    names, tickers, _ = _indexes()
    whole = key(text)
    if whole in names or whole in tickers:
        return names.get(whole) or tickers[whole]
    words = [w for w in _WORDS.split(text) if w]
    runs = [key("".join(words[i : i + n])) for n in (3, 2, 1) for i in range(len(words) - n + 1)]
    named = [names[r] for r in runs if r in names]
    if named:
        return _only(named)
    return _only([tickers[r] for r in runs if r in tickers])


def infer_network(asset: str | None) -> Network | None:
    """The network ``asset`` must be on, where only one fits (BTC, ETH, TRX, SOL...); else None."""
    if not asset or not asset.strip():
        return None
    return _indexes()[2].get(asset.strip().upper())


def short_name(text: str | None) -> str | None:
    """A known network as a narrow column shows it: the standard in its label's brackets
    ("TRC20" for "TRON (TRC20)"), else the label ("Bitcoin"); others as given."""
    network = normalize_network(text)
    if network is None:
        return text
    inner = re.search(r"\(([^()]+)\)\s*$", network.label)
    return inner.group(1) if inner else network.label


def explorer_link(network: Network | None, txid: str | None) -> str | None:
    """The public explorer's page for ``txid`` on ``network``; None when either is missing."""
    if network is None or not txid or not txid.strip():
        return None
    return network.tx_url(txid)


def check_address(address: str, network: Network) -> list[Finding]:
    """What looks wrong with ``address`` for ``network``; empty when it checks out."""
    return address_findings(address, network.address, network.label)


def check_txid(txid: str, network: Network) -> list[Finding]:
    """What looks wrong with ``txid`` for ``network``; empty when it has the network's form."""
    return txid_findings(txid, network.txid, network.label)

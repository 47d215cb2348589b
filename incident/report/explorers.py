"""Which public block explorer shows a transaction: a table kept as data (explorers.yaml)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from urllib.parse import quote

import yaml
from pydantic import BaseModel, ConfigDict, Field

_DATA = "explorers.yaml"
_WORDS = re.compile(r"[\s\-_/()\[\],.:;|]+")


class Explorer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    name: str
    names: list[str] = Field(min_length=1)
    tickers: list[str] = []
    tx: str = Field(pattern=r"^https://[^{}\s]+\{txid\}$")
    address: str | None = Field(default=None, pattern=r"^https://[^{}\s]+\{address\}$")

    def tx_url(self, txid: str) -> str:
        return self.tx.replace("{txid}", quote(txid.strip(), safe=""))

    def address_url(self, address: str) -> str | None:
        if not self.address:
            return None
        return self.address.replace("{address}", quote(address.strip(), safe=""))


class Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    explorers: list[Explorer] = Field(min_length=1)


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


@cache
def explorers() -> tuple[Explorer, ...]:
    text = resources.files("incident.report").joinpath(_DATA).read_text(encoding="utf-8")
    return tuple(Table.model_validate(yaml.safe_load(text)).explorers)


@cache
def _indexes() -> tuple[dict[str, Explorer], dict[str, Explorer]]:
    names: dict[str, Explorer] = {}
    tickers: dict[str, Explorer] = {}
    for explorer in explorers():
        for name in [explorer.id, *explorer.names]:
            names.setdefault(_key(name), explorer)
        for ticker in explorer.tickers:
            tickers.setdefault(_key(ticker), explorer)
    return names, tickers


def _only(hits: list[Explorer]) -> Explorer | None:
    ids = {h.id for h in hits}
    return hits[0] if len(ids) == 1 else None


def find(network: str | None) -> Explorer | None:
    """The explorer for ``network`` ("TRC20", "usdt-trc20", "BNB Smart Chain (BEP20)"), if known.

    The whole label is tried first, then runs of up to three of its words. Two different
    networks matching is treated like none: the report never guesses.
    """
    if not network or not network.strip():
        return None
    names, tickers = _indexes()
    whole = _key(network)
    if whole in names or whole in tickers:
        return names.get(whole) or tickers[whole]
    words = [w for w in _WORDS.split(network) if w]
    runs = [_key("".join(words[i : i + n])) for n in (3, 2, 1) for i in range(len(words) - n + 1)]
    named = [names[r] for r in runs if r in names]
    if named:
        return _only(named)
    return _only([tickers[r] for r in runs if r in tickers])

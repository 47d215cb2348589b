"""Which public block explorer shows a transaction: read from the one table of networks."""

from __future__ import annotations

from functools import cache
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field

from incident.core import networks
from incident.core.networks import Network, key

_key = key  # one spelling rule for names, shared with the network table


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


def _explorer(network: Network) -> Explorer:
    return Explorer(
        id=network.id,
        name=network.explorer.name,
        names=[network.label, *network.names],
        tickers=list(network.tickers),
        tx=network.explorer.tx,
        address=network.explorer.address,
    )


@cache
def explorers() -> tuple[Explorer, ...]:
    return tuple(_explorer(n) for n in networks.networks())


@cache
def _by_id() -> dict[str, Explorer]:
    return {e.id: e for e in explorers()}


def find(network: str | None) -> Explorer | None:
    """The explorer for ``network`` ("TRC20", "usdt-trc20", "BNB Smart Chain (BEP20)"), if known.

    Two different networks matching is treated like none: the report never guesses.
    """
    found = networks.normalize_network(network)
    return _by_id()[found.id] if found else None

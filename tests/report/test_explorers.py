"""The network-to-explorer table: known networks link, anything else is never guessed."""

from __future__ import annotations

import pytest

from incident.report import explorers


@pytest.mark.parametrize(
    ("network", "explorer"),
    [
        ("TRC20", "tron"),
        ("trc-20", "tron"),
        ("USDT-TRC20", "tron"),
        ("Tron", "tron"),
        ("ERC20", "ethereum"),
        ("eth", "ethereum"),
        ("Ethereum", "ethereum"),
        ("BTC", "bitcoin"),
        ("Bitcoin", "bitcoin"),
        ("BSC", "bsc"),
        ("BEP20", "bsc"),
        ("BNB Smart Chain (BEP20)", "bsc"),
        ("Polygon", "polygon"),
        ("Arbitrum One", "arbitrum"),
        ("Arbitrum One (ETH)", "arbitrum"),
        ("ETH-Arbitrum One", "arbitrum"),
        ("Optimism", "optimism"),
        ("OP Mainnet", "optimism"),
        ("Solana", "solana"),
        ("SOL", "solana"),
        ("TON", "ton"),
        ("Base", "base"),
    ],
)
def test_known_networks(network: str, explorer: str) -> None:
    found = explorers.find(network)
    assert found is not None and found.id == explorer


@pytest.mark.parametrize(
    "network", [None, "", "  ", "Lightning", "Foo chain", "TRC20 ERC20", "USDT"]
)
def test_unknown_or_ambiguous_networks_are_not_guessed(network: str | None) -> None:
    assert explorers.find(network) is None


def test_links_quote_what_the_user_typed() -> None:
    tron = explorers.find("TRC20")
    assert tron is not None
    assert (
        tron.tx_url(" abc/../x?y#z ") == "https://tronscan.org/#/transaction/abc%2F..%2Fx%3Fy%23z"
    )
    eth = explorers.find("ERC20")
    assert eth is not None and eth.tx_url("0xAB") == "https://etherscan.io/tx/0xAB"
    assert eth.address_url("0x12") == "https://etherscan.io/address/0x12"


def test_table_is_valid_and_unambiguous() -> None:
    table = explorers.explorers()
    assert {
        "tron",
        "ethereum",
        "bitcoin",
        "bsc",
        "polygon",
        "arbitrum",
        "optimism",
        "solana",
        "ton",
    } <= {e.id for e in table}
    seen: dict[str, str] = {}
    for e in table:
        assert e.tx.startswith("https://") and "{txid}" in e.tx
        for name in [e.id, *e.names, *e.tickers]:
            key = explorers._key(name)
            assert seen.setdefault(key, e.id) == e.id, f"{name!r} names two explorers"

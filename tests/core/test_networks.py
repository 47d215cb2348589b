"""The one table of networks: spellings users and exchanges type, inference, explorer links."""

from __future__ import annotations

import pytest

from incident.core import networks
from incident.core.networks import (
    by_id,
    explorer_link,
    infer_network,
    key,
    normalize_network,
)
from incident.report import explorers


@pytest.mark.parametrize(
    ("text", "network"),
    [
        ("trc20", "tron"),
        ("TRC20", "tron"),
        ("TRX", "tron"),
        ("Tron", "tron"),
        ("USDT-TRC20", "tron"),
        ("ERC20", "ethereum"),
        ("ETH", "ethereum"),
        ("Ethereum", "ethereum"),
        ("BEP20", "bsc"),
        ("BSC", "bsc"),
        ("BNB Smart Chain", "bsc"),
        ("BNB Smart Chain (BEP20)", "bsc"),
        ("Polygon", "polygon"),
        ("MATIC", "polygon"),
        ("Arbitrum One", "arbitrum"),
        ("ARB", "arbitrum"),
        ("ARBITRUM", "arbitrum"),
        ("Arbitrum One (ETH)", "arbitrum"),
        ("Optimism", "optimism"),
        ("OP", "optimism"),
        ("Base", "base"),
        ("ETH-Base", "base"),
        ("AVAXC", "avalanche"),
        ("Avalanche C-Chain", "avalanche"),
        ("SOL", "solana"),
        ("Solana", "solana"),
        ("TON", "ton"),
        ("XRP", "xrp"),
        ("Ripple", "xrp"),
        ("LTC", "litecoin"),
        ("DOGE", "dogecoin"),
        ("BTC", "bitcoin"),
        ("Bitcoin", "bitcoin"),
        ("SegWit", "bitcoin"),
        ("SEGWITBTC", "bitcoin"),
        ("BTC(SegWit)", "bitcoin"),
        ("  tron  ", "tron"),
    ],
)
def test_spellings_people_type(text: str, network: str) -> None:
    found = normalize_network(text)
    assert found is not None and found.id == network


@pytest.mark.parametrize(
    "text", [None, "", "  ", "Lightning", "BEP2", "Foo chain", "TRC20 ERC20", "USDT"]
)
def test_unknown_or_ambiguous_is_none(text: str | None) -> None:
    assert normalize_network(text) is None


def test_every_network_reads_back_from_its_own_label_and_id() -> None:
    for network in networks.networks():
        assert normalize_network(network.label) is network
        assert normalize_network(network.id) is network
        for name in network.names:
            assert normalize_network(name) is network, name


def test_display_labels() -> None:
    labels = {n.id: n.label for n in networks.networks()}
    assert labels["tron"] == "TRON (TRC20)"
    assert labels["ethereum"] == "Ethereum (ERC20)"
    assert labels["bsc"] == "BNB Smart Chain (BEP20)"
    assert labels["bitcoin"] == "Bitcoin"
    assert len(set(labels.values())) == len(labels)


def test_names_and_tickers_name_one_network_each() -> None:
    seen: dict[str, str] = {}
    for network in networks.networks():
        for name in (network.id, network.label, *network.names, *network.tickers):
            assert seen.setdefault(key(name), network.id) == network.id, name


@pytest.mark.parametrize(
    ("asset", "network"),
    [
        ("BTC", "bitcoin"),
        ("eth", "ethereum"),
        ("TRX", "tron"),
        ("SOL", "solana"),
        ("LTC", "litecoin"),
        ("DOGE", "dogecoin"),
        ("XRP", "xrp"),
        ("TON", "ton"),
        (" btc ", "bitcoin"),
    ],
)
def test_network_inferred_from_a_native_asset(asset: str, network: str) -> None:
    found = infer_network(asset)
    assert found is not None and found.id == network


@pytest.mark.parametrize("asset", ["USDT", "USDC", "BNB", "ARB", "MATIC", "", None, "XYZ"])
def test_no_network_inferred_where_several_fit(asset: str | None) -> None:
    assert infer_network(asset) is None


def test_native_assets_belong_to_one_network() -> None:
    seen: dict[str, str] = {}
    for network in networks.networks():
        for asset in network.native:
            assert seen.setdefault(asset, network.id) == network.id


# The templates in shared/formats/exchange-exports.md ("Explorer transaction links").
TEMPLATES = {
    "bitcoin": "https://mempool.space/tx/{txid}",
    "ethereum": "https://etherscan.io/tx/{txid}",
    "tron": "https://tronscan.org/#/transaction/{txid}",
    "bsc": "https://bscscan.com/tx/{txid}",
    "polygon": "https://polygonscan.com/tx/{txid}",
    "arbitrum": "https://arbiscan.io/tx/{txid}",
    "optimism": "https://optimistic.etherscan.io/tx/{txid}",
    "base": "https://basescan.org/tx/{txid}",
    "avalanche": "https://snowtrace.io/tx/{txid}",
    "solana": "https://solscan.io/tx/{txid}",
    "ton": "https://tonviewer.com/transaction/{txid}",
    "litecoin": "https://blockchair.com/litecoin/transaction/{txid}",
    "dogecoin": "https://blockchair.com/dogecoin/transaction/{txid}",
    "xrp": "https://livenet.xrpl.org/transactions/{txid}",
}


def test_explorer_templates() -> None:
    assert {n.id: n.explorer.tx for n in networks.networks()} == TEMPLATES


def test_explorer_link() -> None:
    tron = by_id()["tron"]
    assert explorer_link(tron, " abc ") == "https://tronscan.org/#/transaction/abc"
    assert explorer_link(tron, "a/b?c#d") == "https://tronscan.org/#/transaction/a%2Fb%3Fc%23d"
    assert explorer_link(by_id()["litecoin"], "ff") == (
        "https://blockchair.com/litecoin/transaction/ff"
    )
    assert explorer_link(None, "abc") is None
    assert explorer_link(tron, "  ") is None
    assert explorer_link(tron, None) is None


def test_report_explorers_come_from_the_same_table() -> None:
    assert [e.id for e in explorers.explorers()] == [n.id for n in networks.networks()]
    for network in networks.networks():
        explorer = explorers.find(network.label)
        assert explorer is not None and explorer.id == network.id
        assert explorer.tx_url("x") == explorer_link(network, "x")


def test_short_names_for_narrow_columns() -> None:
    from incident.core.networks import short_name

    assert short_name("TRON (TRC20)") == "TRC20"
    assert short_name("trc20") == "TRC20"
    assert short_name("Bitcoin") == "Bitcoin"
    assert short_name("SomeChain") == "SomeChain"
    assert short_name(None) is None

"""Offline address and TxID checks: EIP-55 and TRON vectors, one-character changes, findings."""

from __future__ import annotations

import base64
import binascii
import os

import base58
import pytest

from incident.core import segwit
from incident.core.identifiers import (
    FAMILIES,
    Finding,
    address_family,
    address_findings,
    eip55,
    txid_findings,
)
from incident.core.networks import by_id, check_address, check_txid

# EIP-55 "Test Cases" (ethereum/EIPs EIPS/eip-55.md, now ERCS/erc-55.md).
EIP55_ALL_CAPS = [
    "0x52908400098527886E0F7030069857D2E4169EE7",
    "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
]
EIP55_ALL_LOWER = [
    "0xde709f2102306220921060314715629080e2fb77",
    "0x27b1fdb04752bbc536007a920d24acb045561c26",
]
EIP55_NORMAL = [
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
]

# TRON: TronWeb's test configuration pairs this hex address with its base58 form; the second
# is the USDT (TRC20) contract as Tronscan lists it.
TRON_HEX = "41928c9af0651632157ef27a2cf17ca72c575a4d21"
TRON_VALID = ["TPL66VK2gCXNCD7EJg9pgJRfqcRazjhUZY", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"]

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


@pytest.mark.parametrize("address", EIP55_ALL_CAPS + EIP55_ALL_LOWER + EIP55_NORMAL)
def test_eip55_vectors_pass(address: str) -> None:
    assert address_findings(address, "evm", "Ethereum (ERC20)") == []


@pytest.mark.parametrize("address", EIP55_ALL_CAPS + EIP55_ALL_LOWER + EIP55_NORMAL)
def test_eip55_encodes_the_vectors(address: str) -> None:
    # Keccak-256, as EIP-55 means it: hashlib.sha3_256 gives other digests and fails here.
    assert "0x" + eip55(address[2:].lower()) == address


@pytest.mark.parametrize("address", EIP55_NORMAL + EIP55_ALL_CAPS)
def test_eip55_one_character_changed_is_flagged(address: str) -> None:
    body = address[2:]
    changed = 0
    for i, c in enumerate(body):
        if c.isalpha():  # a letter in the wrong case breaks the checksum for sure
            flipped = c.lower() if c.isupper() else c.upper()
            variant = "0x" + body[:i] + flipped + body[i + 1 :]
            assert codes(address_findings(variant, "evm", "Ethereum (ERC20)")) == [
                "address.checksum"
            ], variant
            changed += 1
    assert changed >= 5
    if address in EIP55_NORMAL:  # mixed case: a different digit is caught as well
        for i, c in enumerate(body):
            if c.isdigit():
                variant = "0x" + body[:i] + str((int(c) + 1) % 10) + body[i + 1 :]
                assert address_findings(variant, "evm", "Ethereum (ERC20)"), variant


def test_all_lower_case_carries_no_checksum() -> None:
    # The limit of EIP-55: an address in one case has no checksum, so a changed digit passes.
    variant = EIP55_ALL_LOWER[0][:-1] + "8"
    assert address_findings(variant, "evm", "Ethereum (ERC20)") == []


def test_tron_vectors() -> None:
    assert base58.b58encode_check(bytes.fromhex(TRON_HEX)).decode() == TRON_VALID[0]
    for address in TRON_VALID:
        assert address_findings(address, "tron", "TRON (TRC20)") == []
        assert address_family(address) == ["tron"]


@pytest.mark.parametrize("address", TRON_VALID)
def test_tron_one_character_changed_is_flagged(address: str) -> None:
    for i in range(1, len(address)):
        for c in (BASE58_ALPHABET[(BASE58_ALPHABET.index(address[i]) + 1) % 58], "1", "z"):
            if c == address[i]:
                continue
            variant = address[:i] + c + address[i + 1 :]
            assert codes(address_findings(variant, "tron", "TRON (TRC20)")) == [
                "address.checksum"
            ], variant


def test_tron_payload_must_start_with_0x41() -> None:
    not_tron = base58.b58encode_check(b"\x42" + bytes.fromhex(TRON_HEX)[1:]).decode()
    assert address_findings(not_tron, "tron", "TRON (TRC20)") != []
    short = "T" + TRON_VALID[0][2:]  # 33 characters
    assert codes(address_findings(short, "tron", "TRON (TRC20)")) == ["address.checksum"]


@pytest.mark.parametrize(
    "address",
    [
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",  # P2PKH
        "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",  # P2SH
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",  # P2WPKH (v0)
        "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",  # BIP-173 vector, upper case
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",  # Taproot (v1)
    ],
)
def test_bitcoin_addresses_pass_and_a_changed_character_is_flagged(address: str) -> None:
    bitcoin = by_id()["bitcoin"]
    assert check_address(address, bitcoin) == []
    alphabet = segwit.CHARSET if address.lower().startswith("bc1") else BASE58_ALPHABET
    lower_only = address.lower().startswith("bc1")
    for i in range(4, len(address)):
        original = address[i].lower() if lower_only else address[i]
        new = alphabet[(alphabet.index(original) + 1) % len(alphabet)]
        new = new.upper() if address.isupper() else new
        variant = address[:i] + new + address[i + 1 :]
        assert codes(check_address(variant, bitcoin)) == ["address.checksum"], variant


def test_testnet_address_on_bitcoin_says_so() -> None:
    [finding] = check_address(
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", by_id()["bitcoin"]
    )
    assert finding.code == "address.other-network" and finding.other == "Bitcoin testnet"


def test_other_network_address_is_named() -> None:
    [finding] = check_address(TRON_VALID[0], by_id()["ethereum"])
    assert finding.code == "address.other-network"
    assert finding.message == (
        "This is an address on TRON (TRC20), but the network says Ethereum (ERC20)."
    )
    assert finding.text("zh") == "这是 TRON (TRC20) 上的地址，但网络填写的是 Ethereum (ERC20)。"
    [finding] = check_address(EIP55_NORMAL[0], by_id()["tron"])
    assert finding.code == "address.other-network" and finding.other == "Ethereum/EVM"
    assert finding.as_dict() == {
        "code": "address.other-network",
        "network": "TRON (TRC20)",
        "other": "Ethereum/EVM",
    }


def test_damaged_address_of_another_network() -> None:
    damaged = TRON_VALID[0][:-1] + ("Z" if TRON_VALID[0][-1] != "Z" else "Y")
    [finding] = check_address(damaged, by_id()["ethereum"])
    assert finding.code == "address.other-network-damaged" and finding.other == "TRON (TRC20)"


def test_evm_address_on_every_evm_network_passes() -> None:
    for network in ("ethereum", "bsc", "polygon", "arbitrum", "optimism", "base", "avalanche"):
        assert check_address(EIP55_NORMAL[1], by_id()[network]) == []


def test_unknown_shape_and_txid_for_address() -> None:
    [finding] = check_address("hello world", by_id()["tron"])
    assert finding.code == "address.shape"
    assert finding.message == (
        "This does not look like an address on TRON (TRC20) (expected T and 33 more characters)."
    )
    txid = "0x" + "ab" * 32
    assert codes(check_address(txid, by_id()["ethereum"])) == ["address.is-txid"]
    assert check_address("   ", by_id()["ethereum"]) == []


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("LaMT348PWRnrqeeWArpwQPbuanpXDZGEUz", "litecoin"),
        ("DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L", "dogecoin"),
        ("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", "xrp"),
        ("EQCD39VS5jcptHL8vMjEXrzGaRcCVYto7HUn4bpAOg8xqB2N", "ton"),
        ("0:83dfd552e63729b472fcbcc8c45ebcc6691702558b68ec7527e1ba403a0f31a8", "ton"),
        ("7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV", "solana"),
    ],
)
def test_other_families(address: str, network: str) -> None:
    assert check_address(address, by_id()[network]) == []
    assert address_family(address) == [network]
    assert check_address(address, by_id()["tron"]) != []


def test_litecoin_segwit() -> None:
    program = bytes(range(20))
    good = segwit.encode_address("ltc", 0, program)
    assert check_address(good, by_id()["litecoin"]) == []
    bad = good[:-1] + ("q" if good[-1] != "q" else "p")
    assert codes(check_address(bad, by_id()["litecoin"])) == ["address.checksum"]
    [finding] = check_address(good, by_id()["bitcoin"])
    assert finding.code == "address.other-network" and finding.other == "Litecoin"


def test_ton_friendly_address_checksum() -> None:
    good = "EQCD39VS5jcptHL8vMjEXrzGaRcCVYto7HUn4bpAOg8xqB2N"
    raw = base64.urlsafe_b64decode(good)
    assert binascii.crc_hqx(raw[:34], 0) == int.from_bytes(raw[34:], "big")
    variant = good[:10] + ("A" if good[10] != "A" else "B") + good[11:]
    assert codes(check_address(variant, by_id()["ton"])) == ["address.checksum"]


def test_xrp_one_character_changed_is_flagged() -> None:
    good = "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh"
    variant = good[:5] + ("x" if good[5] != "x" else "y") + good[6:]
    assert codes(check_address(variant, by_id()["xrp"])) == ["address.checksum"]


def test_every_family_is_a_function_of_the_text_only() -> None:
    for name, check in FAMILIES.items():
        assert check("") == "no", name
        assert check("not an address at all") == "no", name


# --- TxIDs ---------------------------------------------------------------------------------

HEX64 = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"


def test_txid_forms_per_network() -> None:
    solana_sig = base58.b58encode(bytes(range(1, 65))).decode()
    ton_b64 = base64.b64encode(bytes(range(32))).decode()
    good = {
        "tron": HEX64,
        "bitcoin": HEX64.upper(),
        "litecoin": HEX64,
        "dogecoin": HEX64,
        "xrp": HEX64.upper(),
        "ethereum": "0x" + HEX64,
        "bsc": "0x" + HEX64,
        "base": "0x" + HEX64,
        "solana": solana_sig,
        "ton": ton_b64,
    }
    assert 87 <= len(solana_sig) <= 88 and len(ton_b64) == 44
    for network, txid in good.items():
        assert check_txid(txid, by_id()[network]) == [], network
    assert check_txid(HEX64, by_id()["ton"]) == []


def test_txid_with_a_character_missing_or_extra() -> None:
    [finding] = check_txid(HEX64[:-1], by_id()["tron"])
    assert finding.code == "txid.damaged" and finding.length == 63
    assert finding.message == (
        "This TxID is incomplete or has a mistyped character: on TRON (TRC20) a TxID is "
        "64 hex digits, and this one has 63 characters."
    )
    assert codes(check_txid("0x" + HEX64 + "a", by_id()["ethereum"])) == ["txid.damaged"]
    solana = base58.b58encode(os.urandom(64)).decode()
    assert codes(check_txid(solana[:-3], by_id()["solana"])) == ["txid.damaged"]


def test_txid_of_another_network() -> None:
    [finding] = check_txid("0x" + HEX64, by_id()["tron"])
    assert finding.code == "txid.other-network" and finding.other == "Ethereum/EVM"
    assert "0x and 64 hex digits" in finding.message and "TRON (TRC20)" in finding.message
    [finding] = check_txid(HEX64, by_id()["ethereum"])
    assert finding.code == "txid.no-prefix"
    assert codes(check_txid(HEX64, by_id()["solana"])) == ["txid.other-network"]


def test_address_given_as_txid() -> None:
    [finding] = check_txid(TRON_VALID[0], by_id()["tron"])
    assert finding.code == "txid.is-address" and finding.other == "TRON (TRC20)"
    assert finding.text("zh") == "这是 TRON (TRC20) 上的地址，不是 TxID。"


def test_unknown_txid_shape() -> None:
    [finding] = check_txid("hello", by_id()["bitcoin"])
    assert finding.code == "txid.shape" and finding.length == 5
    assert txid_findings("  ", "hex", "Bitcoin") == []


def test_findings_read_in_both_languages() -> None:
    from incident.catalog import CATALOG

    samples = [
        *check_address("hello", by_id()["xrp"]),
        *check_address(TRON_VALID[0], by_id()["bitcoin"]),
        *check_txid("0x" + HEX64, by_id()["bitcoin"]),
        *check_txid(HEX64[:60], by_id()["bitcoin"]),
    ]
    for finding in samples:
        assert f"finding.{finding.code}" in CATALOG
        en, zh = finding.text("en"), finding.text("zh")
        assert "{" not in en and "{" not in zh and en != zh
        assert finding.network in en and finding.network in zh


def test_checks_import_base58_and_keccak_only_when_they_run() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from incident.core import networks\n"
        "n = networks.normalize_network('trc20')\n"
        "print(sorted(m for m in ('base58', 'Crypto') if m in sys.modules))\n"
        "networks.check_address('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', n)\n"
        "networks.check_address('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', n)\n"
        "print(sorted(m for m in ('base58', 'Crypto') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[:2] == ["[]", "['Crypto', 'base58']"]

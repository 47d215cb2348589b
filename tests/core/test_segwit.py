"""Bech32 and Bech32m against the test vectors published in BIP-173 and BIP-350.

Vectors copied from bitcoin/bips bip-0173.mediawiki and bip-0350.mediawiki ("Test vectors").
"""

from __future__ import annotations

import pytest

from incident.core import segwit
from incident.core.segwit import Encoding

# BIP-173: valid Bech32 strings.
VALID_BECH32 = [
    "A12UEL5L",
    "a12uel5l",
    "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
    "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
    "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
    "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
    "?1ezyfcl",
]

# BIP-350: valid Bech32m strings.
VALID_BECH32M = [
    "A1LQFN3A",
    "a1lqfn3a",
    "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6",
    "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
    "11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8",
    "split1checkupstagehandshakeupstreamerranterredcaperredlc445v",
    "?1v759aa",
]

# BIP-173: invalid Bech32 strings (reason in the comment).
INVALID_BECH32 = [
    "\x20" + "1nwldj5",  # HRP character out of range
    "\x7f" + "1axkwrx",  # HRP character out of range
    "\x80" + "1eym55h",  # HRP character out of range
    # overall max length exceeded
    "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx",
    "pzry9x0s0muk",  # no separator character
    "1pzry9x0s0muk",  # empty HRP
    "x1b4n0q5v",  # invalid data character
    "li1dgmt3",  # too short checksum
    "de1lg7wt" + "\xff",  # invalid character in checksum
    "A1G7SGD8",  # checksum calculated with uppercase form of HRP
    "10a06t8",  # empty HRP
    "1qzzfhee",  # empty HRP
]

# BIP-350: invalid Bech32m strings.
INVALID_BECH32M = [
    "\x20" + "1xj0phk",  # HRP character out of range
    "\x7f" + "1g6xzxy",  # HRP character out of range
    "\x80" + "1vctc34",  # HRP character out of range
    # overall max length exceeded
    "an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4",
    "qyrz8wqd2c9m",  # no separator character
    "1qyrz8wqd2c9m",  # empty HRP
    "y1b0jsk6g",  # invalid data character
    "lt1igcx5c0",  # invalid data character
    "in1muywd",  # too short checksum
    "mm1crxm3i",  # invalid character in checksum
    "au1s5cgom",  # invalid character in checksum
    "M1VUXWEZ",  # checksum calculated with uppercase form of HRP
    "16plkw9",  # empty HRP
    "1p2gdwpf",  # empty HRP
]

# BIP-350: valid segwit addresses (v0 to v16) and their scriptPubKey.
VALID_ADDRESSES = [
    ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "0014751e76e8199196d454941c45d1b3a323f1433bd6"),
    (
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
        "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262",
    ),
    (
        "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
        "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6",
    ),
    ("BC1SW50QGDZ25J", "6002751e"),
    ("bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", "5210751e76e8199196d454941c45d1b3a323"),
    (
        "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy",
        "0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433",
    ),
    (
        "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c",
        "5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433",
    ),
    (
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
        "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
    ),
]

# BIP-350: invalid segwit addresses.
INVALID_ADDRESSES = [
    "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut",  # invalid HRP
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",  # Bech32 instead of Bech32m
    "tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf",  # Bech32 instead of Bech32m
    "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",  # Bech32 instead of Bech32m
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",  # Bech32m instead of Bech32
    "tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47",  # Bech32m instead of Bech32
    "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4",  # invalid char in checksum
    "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",  # invalid witness version
    "bc1pw5dgrnzv",  # invalid program length (1 byte)
    # invalid program length (41 bytes)
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav",
    "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",  # invalid program length for v0 (BIP-141)
    "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq",  # mixed case
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf",  # zero padding > 4 bits
    "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j",  # non-zero padding
    "bc1gmk9yu",  # empty data section
]

# BIP-173's own invalid list (all still invalid under BIP-350).
INVALID_ADDRESSES_BIP173 = [
    "tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty",
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
    "BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2",
    "bc1rw5uspcuh",
    "bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90",
    "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",
    "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7",
    "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du",
    "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv",
    "bc1gmk9yu",
]

# BIP-173's valid v1+ addresses, written in Bech32: BIP-350 made them invalid.
BIP173_V1_IN_BECH32 = [
    "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx",
    "BC1SW50QA3JX3S",
    "bc1zw508d6qejxtdg4y5r3zarvaryvg6kdaj",
]


def script_pubkey(version: int, program: bytes) -> bytes:
    return bytes([version + 0x50 if version else 0, len(program)]) + program


@pytest.mark.parametrize("text", VALID_BECH32)
def test_valid_bech32(text: str) -> None:
    decoded = segwit.bech32_decode(text)
    assert decoded is not None and decoded[2] is Encoding.BECH32


@pytest.mark.parametrize("text", VALID_BECH32M)
def test_valid_bech32m(text: str) -> None:
    decoded = segwit.bech32_decode(text)
    assert decoded is not None and decoded[2] is Encoding.BECH32M


@pytest.mark.parametrize("text", INVALID_BECH32 + INVALID_BECH32M)
def test_invalid_strings(text: str) -> None:
    assert segwit.bech32_decode(text) is None


@pytest.mark.parametrize(("address", "script"), VALID_ADDRESSES)
def test_valid_addresses(address: str, script: str) -> None:
    hrp = "bc" if address.lower().startswith("bc") else "tb"
    decoded = segwit.decode_address(hrp, address)
    assert decoded is not None
    assert script_pubkey(*decoded).hex() == script
    # Encoding the program again gives the address back (in lower case).
    assert segwit.encode_address(hrp, *decoded) == address.lower()


@pytest.mark.parametrize("address", INVALID_ADDRESSES + INVALID_ADDRESSES_BIP173)
def test_invalid_addresses(address: str) -> None:
    assert segwit.decode_address("bc", address) is None
    assert segwit.decode_address("tb", address) is None


@pytest.mark.parametrize("address", BIP173_V1_IN_BECH32)
def test_v1_and_above_in_bech32_is_invalid(address: str) -> None:
    assert segwit.bech32_decode(address) is not None  # a good Bech32 string...
    assert segwit.decode_address("bc", address) is None  # ...but not a valid v1+ address


def test_v0_in_bech32m_is_invalid() -> None:
    version, program = 0, bytes(range(20))
    five = segwit.convertbits(list(program), 8, 5, True)
    assert five is not None
    as_bech32m = segwit.encode("bc", [version, *five], Encoding.BECH32M)
    assert segwit.bech32_decode(as_bech32m) is not None
    assert segwit.decode_address("bc", as_bech32m) is None
    assert segwit.decode_address("bc", segwit.encode_address("bc", 0, program)) == (0, program)


@pytest.mark.parametrize("address", [a for a, _ in VALID_ADDRESSES])
def test_every_single_substitution_is_caught(address: str) -> None:
    """Bech32(m) detects any one wrong character: try every position with every other one."""
    hrp = "bc" if address.lower().startswith("bc") else "tb"
    lower = address.lower()
    start = len(hrp) + 1
    for i in range(start, len(lower)):
        for c in segwit.CHARSET:
            if c == lower[i]:
                continue
            changed = lower[:i] + c + lower[i + 1 :]
            assert segwit.decode_address(hrp, changed) is None, changed


@pytest.mark.parametrize("address", INVALID_ADDRESSES + INVALID_ADDRESSES_BIP173)
def test_invalid_addresses_get_a_finding_on_bitcoin(address: str) -> None:
    from incident.core.networks import by_id, check_address

    assert check_address(address, by_id()["bitcoin"]) != []


@pytest.mark.parametrize("address", [a for a, _ in VALID_ADDRESSES if a.lower().startswith("bc")])
def test_valid_mainnet_addresses_pass_on_bitcoin(address: str) -> None:
    from incident.core.networks import by_id, check_address

    assert check_address(address, by_id()["bitcoin"]) == []

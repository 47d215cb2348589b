"""Bech32 and Bech32m (BIP-173, BIP-350): decode a native segwit address, offline.

Written from the specifications' Python reference code. The ``bech32`` package on the registry
predates Bech32m, so it would refuse every Taproot (``bc1p…``) address.
"""

from __future__ import annotations

from enum import Enum

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_VALUES = {c: i for i, c in enumerate(CHARSET)}
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
BECH32M_CONST = 0x2BC830A3


class Encoding(Enum):
    BECH32 = 1
    BECH32M = 2


def _polymod(values: list[int]) -> int:
    chk = 1
    for value in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            chk ^= _GENERATOR[i] if (top >> i) & 1 else 0
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _verify_checksum(hrp: str, data: list[int]) -> Encoding | None:
    const = _polymod(_hrp_expand(hrp) + data)
    if const == 1:
        return Encoding.BECH32
    if const == BECH32M_CONST:
        return Encoding.BECH32M
    return None


def create_checksum(hrp: str, data: list[int], spec: Encoding) -> list[int]:
    """The six checksum characters' values for ``data`` under ``hrp`` (used by tests to build vectors)."""
    const = 1 if spec is Encoding.BECH32 else BECH32M_CONST
    polymod = _polymod([*_hrp_expand(hrp), *data, 0, 0, 0, 0, 0, 0]) ^ const
    return [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]


def encode(hrp: str, data: list[int], spec: Encoding) -> str:
    """A Bech32 or Bech32m string of 5-bit ``data``."""
    combined = data + create_checksum(hrp, data, spec)
    return hrp + "1" + "".join(CHARSET[d] for d in combined)


def bech32_decode(text: str) -> tuple[str, list[int], Encoding] | None:
    """Human-readable part, 5-bit data (checksum removed) and encoding; None when invalid."""
    if any(ord(c) < 33 or ord(c) > 126 for c in text):
        return None
    if text.lower() != text and text.upper() != text:
        return None  # mixed case is never valid
    text = text.lower()
    pos = text.rfind("1")
    if pos < 1 or pos + 7 > len(text) or len(text) > 90:
        return None
    try:
        data = [_VALUES[c] for c in text[pos + 1 :]]
    except KeyError:
        return None
    hrp = text[:pos]
    spec = _verify_checksum(hrp, data)
    if spec is None:
        return None
    return hrp, data[:-6], spec


def convertbits(data: list[int], frombits: int, tobits: int, pad: bool) -> list[int] | None:
    """Regroup bits (5-bit groups to bytes and back); None on bad padding."""
    acc = 0
    bits = 0
    out: list[int] = []
    maxv = (1 << tobits) - 1
    max_acc = (1 << (frombits + tobits - 1)) - 1
    for value in data:
        if value < 0 or value >> frombits:
            return None
        acc = ((acc << frombits) | value) & max_acc
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            out.append((acc >> bits) & maxv)
    if pad:
        if bits:
            out.append((acc << (tobits - bits)) & maxv)
    elif bits >= frombits or ((acc << (tobits - bits)) & maxv):
        return None
    return out


def decode_address(hrp: str, address: str) -> tuple[int, bytes] | None:
    """Witness version and program of a segwit ``address`` for ``hrp`` ("bc", "tb", "ltc")."""
    decoded = bech32_decode(address)
    if decoded is None:
        return None
    got, data, spec = decoded
    if got != hrp or not data:
        return None
    program = convertbits(data[1:], 5, 8, False)
    if program is None or not 2 <= len(program) <= 40:
        return None
    version = data[0]
    if version > 16:
        return None
    if version == 0 and len(program) not in (20, 32):
        return None
    # BIP-350: version 0 uses Bech32, versions 1 to 16 use Bech32m; anything else is invalid.
    if (version == 0) != (spec is Encoding.BECH32):
        return None
    return version, bytes(program)


def encode_address(hrp: str, version: int, program: bytes) -> str:
    """A segwit address (Bech32 for version 0, Bech32m above)."""
    spec = Encoding.BECH32 if version == 0 else Encoding.BECH32M
    five = convertbits(list(program), 8, 5, True)
    assert five is not None
    return encode(hrp, [version, *five], spec)

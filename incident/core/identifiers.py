"""Offline checks of addresses and TxIDs: checksums where a network has one, forms elsewhere.

Each family of addresses (and each form of TxID) answers "valid", "damaged" (it has this form,
but its checksum, length or case does not check out: a character was mistyped, lost or added)
or "no" (another form altogether). A text that is not of its network's form is then tried
against every other form, so the finding can say "this is an address on TRON, but the
network says Ethereum". base58 and Keccak-256 are imported only when a check runs.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from incident.catalog import t
from incident.core import segwit

AddressFamily = Literal[
    "bitcoin", "bitcoin-testnet", "litecoin", "dogecoin", "evm", "tron", "solana", "ton", "xrp"
]
TxidKind = Literal["hex", "evm", "solana", "ton"]
Verdict = Literal["valid", "damaged", "no"]
FindingCode = Literal[
    "address.checksum",
    "address.other-network",
    "address.other-network-damaged",
    "address.is-txid",
    "address.shape",
    "txid.damaged",
    "txid.no-prefix",
    "txid.other-network",
    "txid.is-address",
    "txid.shape",
]

# Names of the families and forms in findings; proper names, the same in every language.
FAMILY_LABELS: dict[str, str] = {
    "bitcoin": "Bitcoin",
    "bitcoin-testnet": "Bitcoin testnet",
    "litecoin": "Litecoin",
    "dogecoin": "Dogecoin",
    "evm": "Ethereum/EVM",
    "tron": "TRON (TRC20)",
    "solana": "Solana",
    "ton": "TON",
    "xrp": "XRP Ledger",
}
KIND_LABELS: dict[str, str] = {
    "evm": "Ethereum/EVM",
    "hex": "Bitcoin/TRON/XRP Ledger",
    "solana": "Solana",
    "ton": "TON",
}

_BASE58 = re.compile(r"^[1-9A-HJ-NP-Za-km-z]+$")
_XRP_CHARS = re.compile(r"^[rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz]+$")
_HEX = re.compile(r"^[0-9a-fA-F]+$")
_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")
_EVM_TX = re.compile(r"^0x[0-9a-fA-F]{64}$")
_TON_RAW = re.compile(r"^-?\d{1,3}:[0-9a-fA-F]{64}$")
_BASE64 = re.compile(r"^[A-Za-z0-9+/_-]+={0,2}$")
# Flags byte then workchain of a user-friendly TON address: EQ/UQ (basechain), Ef/Uf
# (masterchain); the same with the testnet bit (0x80) read kQ/0Q, kf/0f.
_TON_TAGS = frozenset({0x11, 0x51, 0x91, 0xD1})


@dataclass(frozen=True)
class Finding:
    """One thing that looks wrong with an address or TxID, said in the user's language."""

    code: FindingCode
    network: str  # label of the network the entry names
    other: str | None = None  # the network(s) whose form the text has instead
    shape: str | None = None  # catalog key of the form expected
    length: int | None = None

    @property
    def field(self) -> Literal["address", "txid"]:
        return "address" if self.code.startswith("address.") else "txid"

    def text(self, lang: str = "en") -> str:
        return t(
            f"finding.{self.code}",
            lang,
            network=self.network,
            other=self.other or "",
            shape=t(self.shape, lang) if self.shape else "",
            length=self.length if self.length is not None else "",
        )

    @property
    def message(self) -> str:
        return self.text("en")

    def as_dict(self) -> dict[str, str | int]:
        """The finding as plain data, to be stored with the entry it belongs to."""
        out: dict[str, str | int] = {"code": self.code, "network": self.network}
        for name in ("other", "shape", "length"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out


# --- base58 and Keccak-256, imported when first used -------------------------------------


def _b58check(text: str, xrp: bool = False) -> bytes | None:
    import base58

    try:
        if xrp:
            return base58.b58decode_check(text, alphabet=base58.XRP_ALPHABET)
        return base58.b58decode_check(text)
    except ValueError:
        return None


def _b58decode(text: str) -> bytes:
    import base58

    return base58.b58decode(text)


def eip55(hex40: str) -> str:
    """The EIP-55 spelling of a 40-digit hex address (without 0x): Keccak-256, not SHA3-256."""
    from Crypto.Hash import keccak

    lower = hex40.lower()
    digest = keccak.new(digest_bits=256, data=lower.encode("ascii")).hexdigest()
    return "".join(c.upper() if int(d, 16) >= 8 else c for c, d in zip(lower, digest, strict=False))


# --- address families ----------------------------------------------------------------------


def _utxo(text: str, leading: str, versions: frozenset[int], hrp: str | None) -> Verdict:
    """Bitcoin-style: base58check with a version byte, or a segwit address for ``hrp``."""
    if hrp and text.lower().startswith(hrp + "1"):
        return "valid" if segwit.decode_address(hrp, text) else "damaged"
    if not text or text[0] not in leading or not _BASE58.match(text):
        return "no"
    if not 25 <= len(text) <= 36:
        return "damaged" if 20 <= len(text) <= 40 else "no"
    payload = _b58check(text)
    if payload is None:
        return "damaged"
    return "valid" if len(payload) == 21 and payload[0] in versions else "no"


def _bitcoin(text: str) -> Verdict:
    return _utxo(text, "13", frozenset({0x00, 0x05}), "bc")


def _bitcoin_testnet(text: str) -> Verdict:
    return _utxo(text, "mn2", frozenset({0x6F, 0xC4}), "tb")


def _litecoin(text: str) -> Verdict:
    return _utxo(text, "LM3", frozenset({0x30, 0x32, 0x05}), "ltc")


def _dogecoin(text: str) -> Verdict:
    return _utxo(text, "DA9", frozenset({0x1E, 0x16}), None)


def _evm(text: str) -> Verdict:
    body = text[2:]
    if not text.startswith("0x") or not body or not _HEX.match(body):
        return "no"
    if len(body) != 40:
        return "damaged" if 36 <= len(body) <= 44 else "no"
    mixed = body.lower() != body and body.upper() != body
    # All one case carries no checksum (EIP-55); mixed case must match it exactly.
    return "damaged" if mixed and eip55(body) != body else "valid"


def _tron(text: str) -> Verdict:
    if not text.startswith("T") or not _BASE58.match(text) or not 30 <= len(text) <= 38:
        return "no"
    if len(text) != 34:
        return "damaged"
    payload = _b58check(text)
    if payload is None:
        return "damaged"
    return "valid" if len(payload) == 21 and payload[0] == 0x41 else "no"


def _solana(text: str) -> Verdict:
    # A bare 32-byte public key: no checksum, so a mistyped one still has the form.
    if not 32 <= len(text) <= 44 or not _BASE58.match(text):
        return "no"
    return "valid" if len(_b58decode(text)) == 32 else "no"


def _ton(text: str) -> Verdict:
    if _TON_RAW.match(text):
        return "valid"
    if len(text) != 48 or not _BASE64.match(text):
        return "no"
    try:
        raw = base64.urlsafe_b64decode(text.replace("+", "-").replace("/", "_"))
    except (binascii.Error, ValueError):
        return "no"
    if len(raw) != 36 or raw[0] not in _TON_TAGS:
        return "no"
    # CRC16/XMODEM (crc_hqx from 0) of flags, workchain and hash, big-endian.
    return (
        "valid" if binascii.crc_hqx(raw[:34], 0) == int.from_bytes(raw[34:], "big") else "damaged"
    )


def _xrp(text: str) -> Verdict:
    if not _XRP_CHARS.match(text):
        return "no"
    if text[0] == "r" and 25 <= len(text) <= 35:
        payload = _b58check(text, xrp=True)
        if payload is None:
            return "damaged"
        return "valid" if len(payload) == 21 and payload[0] == 0 else "no"
    if text[0] == "X" and len(text) == 47:  # X-address: account and tag together
        payload = _b58check(text, xrp=True)
        if payload is None:
            return "damaged"
        return "valid" if len(payload) == 31 and payload[:2] == b"\x05\x44" else "no"
    return "no"


FAMILIES: dict[str, Callable[[str], Verdict]] = {
    "bitcoin": _bitcoin,
    "bitcoin-testnet": _bitcoin_testnet,
    "litecoin": _litecoin,
    "dogecoin": _dogecoin,
    "evm": _evm,
    "tron": _tron,
    "solana": _solana,
    "ton": _ton,
    "xrp": _xrp,
}


# --- TxID forms ----------------------------------------------------------------------------


def _tx_hex(text: str) -> Verdict:
    if _HEX64.match(text):
        return "valid"
    return "damaged" if _HEX.match(text) and 56 <= len(text) <= 72 else "no"


def _tx_evm(text: str) -> Verdict:
    if _EVM_TX.match(text):
        return "valid"
    body = text[2:]
    if text.startswith("0x") and body and _HEX.match(body) and 56 <= len(body) <= 72:
        return "damaged"
    return "no"


def _tx_solana(text: str) -> Verdict:
    # A 64-byte signature in base58: 87 or 88 characters, rarely fewer.
    if not _BASE58.match(text) or not 80 <= len(text) <= 90:
        return "no"
    return "valid" if len(_b58decode(text)) == 64 else "damaged"


def _tx_ton(text: str) -> Verdict:
    if _HEX64.match(text):
        return "valid"
    if len(text) in (43, 44) and _BASE64.match(text):
        padded = text + "=" * (-len(text) % 4)
        try:
            raw = base64.urlsafe_b64decode(padded.replace("+", "-").replace("/", "_"))
        except (binascii.Error, ValueError):
            return "damaged"
        return "valid" if len(raw) == 32 else "damaged"
    return "damaged" if _HEX.match(text) and 56 <= len(text) <= 72 else "no"


KINDS: dict[str, Callable[[str], Verdict]] = {
    "evm": _tx_evm,
    "hex": _tx_hex,
    "solana": _tx_solana,
    "ton": _tx_ton,
}


def _labels(names: list[str], labels: dict[str, str]) -> str:
    return "/".join(dict.fromkeys(labels[n] for n in names))


def _looks_like_txid(text: str) -> bool:
    return any(KINDS[k](text) == "valid" for k in ("evm", "hex", "solana"))


def address_findings(address: str, family: str, network: str) -> list[Finding]:
    """What looks wrong with ``address`` on a network of address ``family`` (label ``network``)."""
    text = address.strip()
    if not text:
        return []
    shape = f"shape.address.{family}"
    verdict = FAMILIES[family](text)
    if verdict == "valid":
        return []
    if verdict == "damaged":
        return [Finding("address.checksum", network, shape=shape)]
    verdicts = {name: check(text) for name, check in FAMILIES.items() if name != family}
    valid = [name for name, v in verdicts.items() if v == "valid"]
    if valid:
        return [Finding("address.other-network", network, other=_labels(valid, FAMILY_LABELS))]
    if _looks_like_txid(text):
        return [Finding("address.is-txid", network)]
    damaged = [name for name, v in verdicts.items() if v == "damaged"]
    if damaged:
        other = _labels(damaged, FAMILY_LABELS)
        return [Finding("address.other-network-damaged", network, other=other)]
    return [Finding("address.shape", network, shape=shape)]


def txid_findings(txid: str, kind: str, network: str) -> list[Finding]:
    """What looks wrong with ``txid`` on a network whose TxIDs have form ``kind``."""
    text = txid.strip()
    if not text:
        return []
    shape = f"shape.txid.{kind}"
    verdict = KINDS[kind](text)
    if verdict == "valid":
        return []
    if verdict == "damaged":
        return [Finding("txid.damaged", network, shape=shape, length=len(text))]
    if kind == "evm" and _HEX64.match(text):
        return [Finding("txid.no-prefix", network)]
    addresses = [name for name, check in FAMILIES.items() if check(text) == "valid"]
    if addresses:
        return [Finding("txid.is-address", network, other=_labels(addresses, FAMILY_LABELS))]
    for other, check in KINDS.items():
        if other != kind and check(text) == "valid":
            return [
                Finding(
                    "txid.other-network",
                    network,
                    other=KIND_LABELS[other],
                    shape=f"shape.txid.{other}",
                )
            ]
    return [Finding("txid.shape", network, shape=shape, length=len(text))]


def address_family(address: str) -> list[str]:
    """The families whose form and checksum ``address`` passes (usually one, or none)."""
    text = address.strip()
    return [name for name, check in FAMILIES.items() if text and check(text) == "valid"]

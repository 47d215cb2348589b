"""An unauthorized transaction: when, what, how much, where it went and its TxID."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal, get_args

from pydantic import Field as PydField
from pydantic import field_serializer, field_validator

from incident.bilingual import Text
from incident.core.amounts import fmt_amount, parse_amount, plain_amount
from incident.core.kinds.base import EvidenceModel, Field, Kind, Note, Reading
from incident.core.networks import infer_network, normalize_network
from incident.core.text import CleanText, Frozen, LineText, ShortText
from incident.errors import EvidenceError
from incident.times import parse_time

# Every transaction type, with its label: the one list. The command line's --type choices and
# the importers' types come from here.
TxType = Literal["withdrawal", "trade", "transfer", "deposit", "other"]
TX_TYPES: dict[str, Text] = {
    "withdrawal": Text(en="withdrawal", zh="提币"),
    "trade": Text(en="trade", zh="交易"),
    "transfer": Text(en="transfer", zh="转账"),
    "deposit": Text(en="deposit", zh="充值"),
    "other": Text(en="other", zh="其他"),
}
assert tuple(TX_TYPES) == get_args(TxType), "every type has its label, in order"


class Source(Frozen):
    """Where an imported transaction came from: the file, its SHA-256 and the row."""

    file: ShortText  # its name, cleaned as an attachment's is (no \ / :, control or bidi)
    sha256: str = PydField(pattern=r"^[0-9a-f]{64}$")
    row: int = PydField(ge=1)
    format: ShortText  # the export's layout ("binance-withdrawals-v2")
    status: ShortText | None = None  # as the file writes it ("Completed", "Cancelled")

    @field_validator("file")
    @classmethod
    def _clean_file(cls, value: str) -> str:
        from incident.core.attachments import clean_name

        return clean_name(value)


class Check(Frozen):
    """One finding of the offline address/TxID checks, kept with the entry it is about."""

    code: str
    network: ShortText
    other: ShortText | None = None
    shape: str | None = None
    length: int | None = None


class Transaction(EvidenceModel):
    kind: Literal["transaction"] = "transaction"
    time: datetime
    tx_type: str
    asset: LineText
    amount: Decimal
    to_address: LineText | None = None
    txid: LineText | None = None
    network: LineText | None = None
    note: CleanText | None = None
    source: Source | None = None  # set when imported from an exchange's export
    checks: tuple[Check, ...] | None = None  # what looked wrong with address or TxID

    @field_validator("tx_type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in TX_TYPES:
            raise ValueError(f"must be one of {', '.join(TX_TYPES)}")
        return value

    @field_validator("amount")
    @classmethod
    def _finite(cls, value: Decimal) -> Decimal:
        if not value.is_finite():
            raise ValueError("amount must be a finite number")
        return value

    @field_serializer("amount", when_used="json")
    def _plain(self, value: Decimal) -> str:
        # "0.00000001", never "1E-8": the journal, exports and JSON carry plain decimals.
        return plain_amount(value)

    def happened_at(self) -> datetime:
        return self.time

    @property
    def is_loss(self) -> bool:
        """Deposits are not losses: they stay out of the totals."""
        return self.tx_type != "deposit"


def type_label(tx_type: str, lang: str) -> str:
    label = TX_TYPES.get(tx_type)
    return label.get(lang) if label else tx_type


def parse_asset(text: str, reading: Reading | None = None) -> str:
    asset = text.strip().upper()
    if not asset or len(asset) > 20 or any(c.isspace() for c in asset):
        raise EvidenceError.said("asset.unreadable", "asset.hint", {"value": text.strip()})
    return asset


def _time(text: str, reading: Reading) -> object:
    return parse_time(text, reading.tz, reading.now)


def _amount(text: str, reading: Reading) -> object:
    return parse_amount(text)


def read_network(text: str, reading: Reading | None = None) -> str:
    """A known network in its one spelling ("trc20" -> "TRON (TRC20)"); others as typed."""
    known = normalize_network(text)
    return known.label if known else text.strip()


def _complete(data: dict[str, Any]) -> list[Note]:
    """Without a network, the one the asset must be on (BTC, ETH, TRX, SOL...), said so."""
    if data.get("network") or not data.get("asset"):
        return []
    network = infer_network(str(data["asset"]))
    if network is None:
        return []
    data["network"] = network.label
    return [("network.inferred", {"network": network.label, "asset": data["asset"]})]


def _describe(e: Transaction, lang: str, tz: str) -> str:
    body = f"{type_label(e.tx_type, lang)} {fmt_amount(e.amount)} {e.asset}"
    return body + (f" · TxID {e.txid}" if e.txid else "")


KIND = Kind(
    name="transaction",
    model=Transaction,
    label=Text(en="Transaction", zh="交易"),
    fields=(
        Field(
            "time",
            label=Text(en="Time", zh="时间"),
            prompt=Text(en="When (e.g. {example})", zh="时间（例如 {example}）"),
            help="When it happened (the platform's record time): 2026-11-25 04:52, 04:52 "
            "(today), yesterday 04:52, 2 hours ago, 下午3点...",
            read=_time,
            required=True,
            metavar="TIME",
        ),
        Field(
            "tx_type",
            label=Text(en="Type", zh="类型"),
            prompt=Text(en="Type", zh="类型"),
            help="What kind of transaction it was.",
            required=True,
            choices=TX_TYPES,
            flag="type",
            suggest=lambda platform, values: "withdrawal",
        ),
        Field(
            "asset",
            label=Text(en="Asset", zh="币种"),
            prompt=Text(en="Asset (e.g. USDT, BTC)", zh="币种（如 USDT、BTC）"),
            help="Symbol, e.g. USDT, BTC.",
            read=parse_asset,
            required=True,
        ),
        Field(
            "amount",
            label=Text(en="Amount", zh="数量"),
            prompt=Text(en="Amount, exactly as shown", zh="数量（照页面原样填写）"),
            help="Amount, e.g. 1520.5 (read exactly, never rounded).",
            read=_amount,
            required=True,
            metavar="DECIMAL",
        ),
        Field(
            "to_address",
            label=Text(en="To address", zh="收款地址"),
            prompt=Text(en="To address (optional)", zh="收款地址（可选）"),
            help="Destination address, in full.",
            metavar="A",
        ),
        Field(
            "txid",
            label=Text(en="TxID", zh="交易哈希（TxID）"),
            prompt=Text(en="TxID / hash (optional)", zh="交易哈希 TxID（可选）"),
            help="Transaction hash (TxID), in full.",
            metavar="ID",
        ),
        Field(
            "network",
            label=Text(en="Network", zh="网络"),
            prompt=Text(en="Network (optional, e.g. TRC20)", zh="网络（可选，如 TRC20）"),
            help="Network / chain, e.g. TRC20, ERC20, BTC (default: the asset's own, if only one).",
            read=read_network,
            metavar="N",
        ),
        Field(
            "note",
            label=Text(en="Note", zh="备注"),
            prompt=Text(en="Note (optional)", zh="备注（可选）"),
            help="Anything else about it.",
            long=True,
        ),
    ),
    describe=_describe,
    recorded=Text(
        en="Unauthorized {tx_type} (E{n}): {amount} {asset}",
        zh="未授权{tx_type}（E{n}）：{amount} {asset}",
    ),
    complete=_complete,
    recorded_values=lambda e, lang: {
        "tx_type": type_label(e.tx_type, lang),
        "amount": fmt_amount(e.amount),
        "asset": e.asset,
    },
)

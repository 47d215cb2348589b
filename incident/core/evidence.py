"""Evidence kinds: what a user records about the takeover, validated at the boundary."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, field_validator
from pydantic_core import CoreSchema, core_schema

from incident.errors import EvidenceError

TX_TYPES = ("withdrawal", "trade", "transfer", "deposit", "other")
CHANNELS = ("chat", "email", "phone", "web-form", "ticket", "social")
MAX_TEXT = 200_000


def clean_text(value: str) -> str:
    """Replace lone surrogates (undecodable bytes from a terminal) so the text can be stored."""
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _clean(value: object) -> object:
    # Before pydantic's own str check, which rejects lone surrogates outright.
    return clean_text(value) if isinstance(value, str) else value


class _Cleaned:
    """Clean Python strings before validation; JSON input skips the call.

    JSON cannot carry a lone surrogate (the parser rejects the escape before any validator
    runs), and a Python call per text field was a fifth of decoding a journal event.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        checked = handler(source)
        return core_schema.json_or_python_schema(
            json_schema=checked,
            python_schema=core_schema.no_info_before_validator_function(_clean, checked),
        )


CleanText = Annotated[str, Field(max_length=MAX_TEXT), _Cleaned()]
ShortText = Annotated[str, Field(max_length=4_000), _Cleaned()]


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Attachment(Frozen):
    name: ShortText
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=0)
    media_type: str
    width: int | None = None
    height: int | None = None

    @property
    def is_image(self) -> bool:
        return self.media_type in ("image/png", "image/jpeg", "image/gif", "image/webp")


class Note(Frozen):
    kind: Literal["note"] = "note"
    text: CleanText


class Transaction(Frozen):
    kind: Literal["transaction"] = "transaction"
    time: datetime
    tx_type: Literal["withdrawal", "trade", "transfer", "deposit", "other"]
    asset: ShortText
    amount: Decimal
    to_address: ShortText | None = None
    txid: ShortText | None = None
    network: ShortText | None = None
    note: CleanText | None = None

    @field_validator("amount")
    @classmethod
    def _finite(cls, value: Decimal) -> Decimal:
        if not value.is_finite():
            raise ValueError("amount must be a finite number")
        return value


class Login(Frozen):
    kind: Literal["login"] = "login"
    time: datetime
    ip: ShortText | None = None
    device: ShortText | None = None
    location: ShortText | None = None
    note: CleanText | None = None


class Contact(Frozen):
    kind: Literal["contact"] = "contact"
    channel: Literal["chat", "email", "phone", "web-form", "ticket", "social"]
    summary: CleanText
    ticket: ShortText | None = None
    agent: ShortText | None = None
    url: ShortText | None = None
    official: bool | None = Field(
        default=None, description="True/False when checked against the playbook; None: unknown"
    )
    warning: str | None = None


Evidence = Annotated[Note | Transaction | Login | Contact, Field(discriminator="kind")]


def parse_amount(text: str) -> Decimal:
    """A Decimal from what the user typed (``0.5``, ``1,234.56``); never a float."""
    cleaned = text.strip().replace(",", "").replace("_", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise EvidenceError(
            f"cannot read amount {text!r}", "use digits such as 0.25 or 1200"
        ) from None
    if not value.is_finite():
        raise EvidenceError(f"cannot read amount {text!r}", "use digits such as 0.25 or 1200")
    if value < 0:
        raise EvidenceError(f"amount {text!r} is negative", "give the amount without a sign")
    if len(cleaned) > 60:
        raise EvidenceError("amount is too long", "use at most 60 digits")
    return value


def parse_asset(text: str) -> str:
    asset = text.strip().upper()
    if not asset or len(asset) > 20 or any(c.isspace() for c in asset):
        raise EvidenceError(f"cannot read asset {text!r}", "use a symbol such as USDT or BTC")
    return asset

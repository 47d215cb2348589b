"""Amounts of an asset: read exactly as typed, shown the same way everywhere."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from incident.errors import EvidenceError

MAX_DIGITS = 60


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
    if len(cleaned) > MAX_DIGITS:
        raise EvidenceError("amount is too long", f"use at most {MAX_DIGITS} digits")
    return value


def fmt_amount(value: Decimal) -> str:
    """``38,319.75``: grouped, never rounded and never in exponent form."""
    return f"{value:,f}"

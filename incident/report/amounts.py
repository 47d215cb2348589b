"""How an amount of an asset is written in reports and messages."""

from __future__ import annotations

from decimal import Decimal


def fmt_amount(value: Decimal) -> str:
    """``38,319.75``: grouped, never rounded and never in exponent form."""
    return f"{value:,f}"

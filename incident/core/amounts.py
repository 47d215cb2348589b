"""Amounts of an asset: read only when they cannot mean two things, shown as plain decimals.

Read: digits with an optional ``.`` decimal part, and ``,`` between groups of exactly three
digits (``1,000.50``). Refused, saying what they might mean: a ``,`` decimal part (``1,5``,
``1.000,50``), a ``.`` that may group thousands (``1.000``, ``1.000.000``), exponents
(``1e3``), signs and anything else. Full-width digits and commas (``１，０００``) are read as
their plain forms.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from incident.errors import EvidenceError

MAX_DIGITS = 60

_PLAIN = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# 1.000 / 12.345 / 1.000.000: a dot that may group thousands (European) or start decimals.
_DOT_GROUPS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
# 1.000,50 / 1,5 / 12,50: a comma that may be the decimal point.
_COMMA_DECIMAL = re.compile(r"(?:\d{1,3}(?:\.\d{3})+|\d+),\d+")
_EXPONENT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d+")


def _refuse(key: str, text: str, **values: object) -> EvidenceError:
    return EvidenceError.said(key, "amount.hint", values={"value": text, **values}, field="amount")


def parse_amount(text: str) -> Decimal:
    """A Decimal from what the user typed (``0.5``, ``1,234.56``); never a float, never a guess."""
    typed = text.strip()
    cleaned = unicodedata.normalize("NFKC", typed).replace(" ", "")
    if len(cleaned) > MAX_DIGITS:
        raise EvidenceError.said(
            "amount.too-long", "amount.hint", values={"max": MAX_DIGITS}, field="amount"
        )
    if _EXPONENT.fullmatch(cleaned):
        value = Decimal(cleaned)
        if abs(value.adjusted()) > MAX_DIGITS:  # 1e999999: too long to write out
            raise _refuse("amount.unreadable", typed)
        raise _refuse("amount.exponent", typed, meant=_plain(value))
    if _DOT_GROUPS.fullmatch(cleaned):
        thousands = _plain(Decimal(cleaned.replace(".", "")))
        decimal = _plain(Decimal(cleaned)) if cleaned.count(".") == 1 else None
        if decimal is None:
            raise _refuse("amount.dot-groups", typed, meant=thousands)
        raise _refuse("amount.dot-ambiguous", typed, thousands=thousands, decimal=decimal + "0")
    if _PLAIN.fullmatch(cleaned) or _GROUPED.fullmatch(cleaned):
        return Decimal(cleaned.replace(",", ""))
    if _COMMA_DECIMAL.fullmatch(cleaned):
        meant = _plain(Decimal(cleaned.replace(".", "").replace(",", ".")))
        raise _refuse("amount.comma-decimal", typed, meant=meant)
    if cleaned.startswith("-") and _PLAIN.fullmatch(cleaned[1:]):
        raise _refuse("amount.negative", typed)
    raise _refuse("amount.unreadable", typed)


def _plain(value: Decimal) -> str:
    return format(value, "f")


def fmt_amount(value: Decimal) -> str:
    """``38,319.75``: grouped, never rounded and never in exponent form."""
    return f"{value:,f}"


def plain_amount(value: Decimal) -> str:
    """``38319.75``: as stored and exported; never in exponent form (``1E-8`` is 0.00000001)."""
    return _plain(value)

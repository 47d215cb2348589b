"""Amounts are read only when they cannot mean two things, and kept as plain decimals."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from incident.core.amounts import parse_amount, plain_amount
from incident.errors import EvidenceError
from tests.cli.test_sessions import journal_bytes
from tests.conftest import Runner


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1,000.50", Decimal("1000.50")),
        ("1000.50", Decimal("1000.50")),
        ("12,345,678", Decimal("12345678")),
        ("0.00000001", Decimal("0.00000001")),
        ("0.500", Decimal("0.500")),
        (" 42 ", Decimal("42")),
        ("１，０００.５", Decimal("1000.5")),  # full-width, as a Chinese keyboard types it
    ],
)
def test_unambiguous_amounts_are_read(typed: str, value: Decimal) -> None:
    assert parse_amount(typed) == value


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("1.000,50", ["1000.50"]),
        ("1,5", ["1.5"]),
        ("1.000", ["1000", "1.0000"]),
        ("1.000.000", ["1000000"]),
        ("1e3", ["1000"]),
        ("2E-2", ["0.02"]),
    ],
)
def test_ambiguous_amounts_are_refused_with_what_they_might_mean(
    typed: str, meant: list[str]
) -> None:
    with pytest.raises(EvidenceError) as caught:
        parse_amount(typed)
    said = caught.value.render()
    assert f"“{typed}”" in said and "Nothing was stored" in said
    for value in meant:
        assert value in said
    assert caught.value.field == "amount"


@pytest.mark.parametrize("typed", ["12,34", "1,0000", "12,3x", "NaN", "Infinity", "1e999999", ""])
def test_unreadable_amounts_are_refused(typed: str) -> None:
    with pytest.raises(EvidenceError):
        parse_amount(typed)


def test_tiny_amounts_are_stored_and_shown_without_exponent() -> None:
    assert plain_amount(Decimal("1E-8")) == "0.00000001"


def _tx(run: Runner, amount: str, *extra: str) -> object:
    return run(
        "evidence", "tx", "--time", "2026-11-25 04:52", "--type", "withdrawal",
        "--asset", "USDT", "--amount", amount, *extra,
    )  # fmt: skip


@pytest.mark.parametrize("typed", ["1.000,50", "1,5", "1e3"])
def test_refused_amount_stores_nothing(
    run: Runner, session: str, incident_home: Path, typed: str
) -> None:
    before = journal_bytes(incident_home)
    result = _tx(run, typed)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    lines = result.output.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and lines[0].startswith("Error: --amount")
    assert journal_bytes(incident_home) == before


def test_grouped_amount_is_stored_as_a_plain_decimal(run: Runner, session: str) -> None:
    assert _tx(run, "1,000.50").exit_code == 0  # type: ignore[attr-defined]
    assert _tx(run, "0.00000001").exit_code == 0  # type: ignore[attr-defined]
    items = json.loads(run.ok("evidence", "list", "--json").stdout)["evidence"]
    assert [i["amount"] for i in items] == ["1000.50", "0.00000001"]
    exported = json.loads(run.ok("export", "--format", "json").stdout)
    assert exported["totals"]["USDT"] == "1000.50000001"
    listing = run.ok("evidence", "list").stdout
    assert "E-" not in listing and "E+" not in listing

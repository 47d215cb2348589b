"""Reading one cell: amounts as Decimal (symbols, signs, groups) and times as UTC instants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from incident.importers.base import Cells, ImportFileError, Sheet


def cells(value: str, zone: timezone = UTC) -> Cells:
    sheet = Sheet(
        source="f.csv", header=["Value"], header_row=1, index={"v": 0}, zone=zone, override=None
    )
    return Cells(sheet, [value], 2)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1200.5", "1200.5"),
        ("0.25000000", "0.25000000"),
        ("-1200.5", "1200.5"),
        ("+3", "3"),
        ("1,234,567.891", "1234567.891"),
        ("1,000", "1000"),
        ("$600.00", "600.00"),
        ("-$179.32", "179.32"),
        ("$-179.32", "179.32"),
        ("Kč16233.43638", "16233.43638"),
        ("€1,234.56", "1234.56"),
        ("1.5 BTC", "1.5"),
        ("\u22125", "5"),
        (".5", "0.5"),
        ("1E-8", "0.00000001"),
        ("2.5e3", "2500"),
        (" 7 ", "7"),
    ],
)
def test_amounts(text: str, amount: str) -> None:
    value = cells(text).amount("v")
    assert isinstance(value, Decimal)
    assert value == Decimal(amount) and format(value, "f") == amount


@pytest.mark.parametrize(
    "text", ["1,5", "1.000,50", "1,00,000", "1.2.3", "abc", "--1", "-$-1", "1 2"]
)
def test_amounts_refused(text: str) -> None:
    with pytest.raises(ImportFileError) as caught:
        cells(text).amount("v")
    assert caught.value.message == f"f.csv: row 2, column 'Value': cannot read the amount {text!r}"


@pytest.mark.parametrize(
    ("text", "instant"),
    [
        ("2026-11-30 14:05:31", datetime(2026, 11, 30, 14, 5, 31, tzinfo=UTC)),
        ("26-11-30 14:05:31", datetime(2026, 11, 30, 14, 5, 31, tzinfo=UTC)),
        ("2026-11-30T14:05:31Z", datetime(2026, 11, 30, 14, 5, 31, tzinfo=UTC)),
        ("2026-11-30 14:05:31 UTC", datetime(2026, 11, 30, 14, 5, 31, tzinfo=UTC)),
        ("2026-11-30 22:05:31+08:00", datetime(2026, 11, 30, 14, 5, 31, tzinfo=UTC)),
        ("2026-11-30T09:05:31-0500", datetime(2026, 11, 30, 14, 5, 31, tzinfo=UTC)),
        ("2026/1/5 9:05", datetime(2026, 1, 5, 9, 5, tzinfo=UTC)),
        ("2026-11-30 14:05:31.123456789", datetime(2026, 11, 30, 14, 5, 31, 123456, tzinfo=UTC)),
        ("2026-11-30", datetime(2026, 11, 30, tzinfo=UTC)),
    ],
)
def test_times(text: str, instant: datetime) -> None:
    value = cells(text).time("v")
    assert value == instant and value.tzinfo is UTC


def test_time_without_zone_takes_the_sheet_zone() -> None:
    plus8 = timezone(timedelta(hours=8))
    assert cells("2026-11-30 22:05:31", plus8).time("v") == datetime(
        2026, 11, 30, 14, 5, 31, tzinfo=UTC
    )
    # A zone written in the cell wins over the sheet's.
    assert cells("2026-11-30 14:05:31 UTC", plus8).time("v") == datetime(
        2026, 11, 30, 14, 5, 31, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "text", ["30/11/2026 14:05", "2026-02-30 10:00", "14:05", "2026-11-30 25:00"]
)
def test_times_refused(text: str) -> None:
    with pytest.raises(ImportFileError) as caught:
        cells(text).time("v")
    assert caught.value.row == 2 and caught.value.column == "Value"

"""Files that cannot be read are refused whole, with one line naming the row and column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from incident.errors import EvidenceError, UsageError
from incident.importers.base import ImportFileError
from incident.importers.reader import FORMAT_NAMES, read_export
from tests.importers.export_files import Files

HEADER = "Date(UTC+0),Coin,Network,Amount,Fee,Address,TXID,Status"
TX = "9521e668a1f2c07bc7e30fc95c5318cce8f20346bd9a06acb80e1f3d877c38a7"
GOOD = f"2026-11-30 14:05:31,USDT,TRX,10,1,TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t,{TX},Completed"


def refused(path: Path, **kwargs: str) -> ImportFileError:
    with pytest.raises(ImportFileError) as caught:
        read_export(path, **kwargs)
    error = caught.value
    assert isinstance(error, EvidenceError)
    assert "\n" not in str(error)
    return error


def test_unknown_format_shows_the_header_it_saw(files: Files) -> None:
    path = files.csv("mystery.csv", ["when,what,how much", "2026-11-30,BTC,1"])
    error = refused(path)
    assert error.message == (
        "mystery.csv: not an export this tool knows; no known header in the first 30 rows "
        "(first row: 'when,what,how much')"
    )
    assert error.hint is not None and all(name in error.hint for name in FORMAT_NAMES)


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("abc", "cannot read the amount 'abc'"),
        ("1,5", "cannot read the amount '1,5'"),
        ("1.000,50", "cannot read the amount '1.000,50'"),
        ("--5", "cannot read the amount '--5'"),
        ("", "no amount"),
    ],
)
def test_unreadable_amount_names_row_and_column(files: Files, cell: str, problem: str) -> None:
    bad = GOOD.replace(",10,", f',"{cell}",')
    path = files.csv("w.csv", [HEADER, GOOD, GOOD.replace(TX, TX[::-1]), bad])
    error = refused(path)
    assert error.message == f"w.csv: row 4, column 'Amount': {problem}"
    assert (error.row, error.column) == (4, "Amount")


@pytest.mark.parametrize(
    "cell", ["30/11/2026 14:05", "11/30/2026 2:05 PM", "2026-13-01 10:00:00", "yesterday", ""]
)
def test_unreadable_time_names_row_and_column(files: Files, cell: str) -> None:
    path = files.csv("w.csv", [HEADER, GOOD, GOOD.replace("2026-11-30 14:05:31", cell)])
    error = refused(path)
    assert error.row == 3 and error.column == "Date(UTC+0)"
    assert error.message.startswith("w.csv: row 3, column 'Date(UTC+0)': ")
    assert (repr(cell) in error.message) if cell else error.message.endswith("no time")


def test_short_row_is_refused(files: Files) -> None:
    path = files.csv("w.csv", [HEADER, GOOD, "2026-11-30 14:05:31,USDT,TRX"])
    error = refused(path)
    assert error.message == "w.csv: row 3, column 'Amount': no amount"


def test_nothing_is_returned_when_the_last_row_fails(files: Files) -> None:
    rows = [GOOD] * 500 + [GOOD.replace(",10,", ",ten,")]
    path = files.csv("w.csv", [HEADER, *rows])
    assert refused(path).row == 502


def test_blank_rows_are_skipped(files: Files) -> None:
    path = files.csv("w.csv", [HEADER, GOOD, "", ",,,,,,,", GOOD])
    assert [r.row for r in read_export(path).rows] == [2, 5]


def test_forced_format_that_does_not_fit(files: Files) -> None:
    path = files.csv("w.csv", [HEADER.replace(",Fee", ""), GOOD])
    error = refused(path, force_format="binance-withdrawals-v2")
    assert "no header row of Binance withdrawal history" in error.message
    assert "missing Fee" in error.message


def test_unknown_forced_format() -> None:
    error = refused(Path("nowhere.csv"), force_format="kraken")
    assert error.message == "unknown format 'kraken'"


def test_missing_file(tmp_path: Path) -> None:
    assert refused(tmp_path / "gone.csv").message.startswith("cannot read gone.csv")


def test_empty_file(files: Files) -> None:
    assert refused(files.csv("empty.csv", [""])).message == "empty.csv is empty"


def test_not_utf8(files: Files) -> None:
    path = files.folder / "gbk.csv"
    path.write_bytes((HEADER + "\n" + GOOD + "\n备注\n").encode("gbk"))
    error = refused(path)
    assert error.message == "gbk.csv: row 3 is not UTF-8 text"


def test_utf16_with_a_byte_order_mark_is_read(files: Files) -> None:
    path = files.folder / "u16.csv"
    path.write_bytes((HEADER + "\r\n" + GOOD + "\r\n").encode("utf-16"))
    assert read_export(path).rows[0].amount == Decimal(10)


def test_old_xls_and_broken_xlsx(files: Files) -> None:
    xls = files.folder / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    assert "old Excel (.xls)" in refused(xls).message
    broken = files.folder / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + bytes(100))
    assert refused(broken).message.startswith("broken.xlsx cannot be opened as an XLSX workbook")


def test_bad_quoting(files: Files) -> None:
    path = files.csv("w.csv", [HEADER, GOOD, 'x,"a"b,c'])
    error = refused(path)
    assert error.message.startswith("w.csv: row 3 cannot be read as CSV")


def test_unknown_time_zone_is_a_usage_error(files: Files) -> None:
    path = files.csv("w.csv", [HEADER, GOOD])
    with pytest.raises(UsageError):
        read_export(path, tz="Mars/Olympus")


def test_xlsx_bad_cell_names_the_sheet(files: Files) -> None:
    path = files.xlsx(
        "w.xlsx",
        [HEADER.split(","), ["2026-11-30 14:05:31", "USDT", "TRX", "n/a", 1, "T", TX, "Completed"]],
        title="Withdrawals",
    )
    error = refused(path)
    assert (
        error.message
        == "w.xlsx [Withdrawals]: row 2, column 'Amount': cannot read the amount 'n/a'"
    )

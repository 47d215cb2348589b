"""Read a CSV or XLSX export into rows of text cells, numbered as a spreadsheet shows them."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from incident.importers.base import ImportFileError

Rows = list[list[str]]  # row n of the file is rows[n - 1]

_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"
DELIMITERS = (",", ";", "\t")


def read_bytes(path: Path) -> bytes:
    """The export's bytes: not through a link, at most the attachment size cap."""
    from incident.core.attachments import read_capped
    from incident.core.text import clean_text
    from incident.errors import EvidenceError

    try:
        return read_capped(path, clean_text(path.name))
    except EvidenceError as exc:  # a link, a special file, too large, missing
        detail = "no such file" if getattr(exc, "key", None) == "file.missing" else exc.message
        raise ImportFileError(
            f"cannot read {clean_text(path.name)}: {detail}", exc.hint or "check the file's path"
        ) from None
    except OSError as exc:
        raise ImportFileError(
            f"cannot read {path.name}: {exc.strerror or exc}", "check the file's path"
        ) from None


def is_xlsx(data: bytes) -> bool:
    return data.startswith(_XLSX_MAGIC)


def decode_text(data: bytes, source: str) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark) or UTF-16 with one."""
    if data.startswith(_XLS_MAGIC):
        raise ImportFileError(
            f"{source} is an old Excel (.xls) workbook",
            "download the export as CSV or XLSX, or save it as CSV UTF-8",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            f"{source}: row {line} is not UTF-8 text",
            "open the file in a spreadsheet and save it as CSV UTF-8",
            row=line,
        ) from None


def csv_rows(text: str, delimiter: str, source: str, limit: int | None = None) -> Rows:
    """The records of ``text`` (CRLF or LF; quoted cells may hold line breaks)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: Rows = []
    try:
        for record in reader:
            rows.append(record)
            if limit is not None and len(rows) >= limit:
                break
    except csv.Error as exc:
        raise ImportFileError(
            f"{source}: row {len(rows) + 1} cannot be read as CSV ({exc})",
            "nothing was recorded from this file",
            row=len(rows) + 1,
        ) from None
    return rows


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float):
        # The shortest text that reads back as the same float: what the sheet displayed.
        return format(Decimal(repr(value)), "f")
    return str(value)


def xlsx_sheets(data: bytes, source: str) -> list[tuple[str, Rows]]:
    """Every worksheet of an XLSX workbook as rows of text, in the workbook's order."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise ImportFileError(
            f"{source} cannot be opened as an XLSX workbook ({type(exc).__name__})",
            "download the export again, or save it as CSV UTF-8",
        ) from None
    try:
        out: list[tuple[str, Rows]] = []
        for sheet in book.worksheets:
            rows: Rows = []
            for values in sheet.iter_rows(min_row=1, values_only=True):
                rows.append([_cell(v) for v in values])
            out.append((sheet.title, rows))
        return out
    finally:
        book.close()

"""Find an export's format from its header row and read every row, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, tzinfo
from pathlib import Path

from incident import times
from incident.catalog import t
from incident.importers import binance, coinbase, okx, sheets
from incident.importers.base import (
    Cells,
    Format,
    ImportedRow,
    ImportFileError,
    Sheet,
    ZoneSource,
    zone_name,
)

# Most specific first: a header that holds every column of two formats is the first one's.
FORMATS: tuple[Format, ...] = (*binance.FORMATS, *okx.FORMATS, *coinbase.FORMATS)
FORMAT_NAMES: tuple[str, ...] = tuple(f.name for f in FORMATS)
SCAN_ROWS = 30  # preamble lines allowed before the header


@dataclass(frozen=True)
class ImportResult:
    """Every row of one export, and how it was read."""

    source: str
    format: str
    title: str
    rows: tuple[ImportedRow, ...]
    header_row: int
    zone: str  # the zone times were read in ("UTC", "UTC+08:00", "Asia/Shanghai")
    zone_source: ZoneSource  # header / cells / assumed / given

    def zone_note(self, lang: str = "en") -> str:
        """One sentence saying which zone the times were read in, and why."""
        return t(f"import.zone.{self.zone_source}", lang, zone=self.zone)


@dataclass(frozen=True)
class _Found:
    fmt: Format
    row: int  # 1-based
    index: dict[str, int]


def _by_name(name: str) -> Format:
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise ImportFileError(f"unknown format {name!r}", "known formats: " + ", ".join(FORMAT_NAMES))


def _choose(matches: list[_Found], source: str) -> _Found:
    """One of the formats whose columns a header holds; by the file's name where they tie."""
    hinted = [m for m in matches if m.fmt.file_hint]
    if not hinted:
        return matches[0]
    lowered = source.casefold()
    named = [m for m in hinted if m.fmt.file_hint and m.fmt.file_hint in lowered]
    if len(named) == 1:
        return named[0]
    names = " or ".join(m.fmt.name for m in hinted)
    raise ImportFileError(
        f"{source}: row {hinted[0].row} is the header of both {names}, "
        "and the file's name does not say which",
        f"name the format: {names}",
        row=hinted[0].row,
    )


def _detect(rows: sheets.Rows, source: str, forced: Format | None) -> _Found | None:
    candidates = (forced,) if forced else FORMATS
    for number, cells in enumerate(rows[:SCAN_ROWS], start=1):
        if not any(c.strip() for c in cells):
            continue
        matches: list[_Found] = []
        for fmt in candidates:
            index = fmt.index(cells)
            if fmt.required <= index.keys():
                matches.append(_Found(fmt, number, index))
        if matches:
            return matches[0] if forced else _choose(matches, source)
    return None


def _first_line(rows: sheets.Rows) -> str:
    for cells in rows[:SCAN_ROWS]:
        if any(c.strip() for c in cells):
            text = ",".join(c.strip().lstrip("\ufeff") for c in cells).rstrip(",")
            return text if len(text) <= 160 else text[:157] + "..."
    return ""


def _unknown(source: str, rows: sheets.Rows, forced: Format | None) -> ImportFileError:
    seen = _first_line(rows)
    if forced is not None:
        best = max((forced.index(cells) for cells in rows[:SCAN_ROWS]), key=len, default={})
        return ImportFileError(
            f"{source}: no header row of {forced.title} in the first {SCAN_ROWS} rows "
            f"(missing {', '.join(forced.missing(best))}; first row: {seen!r})",
            "check the file, or leave the format out to have it detected",
        )
    if not seen:
        return ImportFileError(f"{source} is empty", "download the export again")
    return ImportFileError(
        f"{source}: not an export this tool knows; no known header in the first "
        f"{SCAN_ROWS} rows (first row: {seen!r})",
        "known formats: " + ", ".join(FORMAT_NAMES),
    )


def _tables(data: bytes, source: str) -> list[tuple[str, sheets.Rows]]:
    """Candidate tables: each worksheet of an XLSX file, or the CSV under each delimiter."""
    if sheets.is_xlsx(data):
        return [(f"{source} [{title}]", rows) for title, rows in sheets.xlsx_sheets(data, source)]
    text = sheets.decode_text(data, source)
    return [(source, sheets.csv_rows(text, ",", source))]


def read_export(
    path: Path | str,
    *,
    force_format: str | None = None,
    tz: str | None = None,
    data: bytes | None = None,
) -> ImportResult:
    """Every row of the export at ``path``, typed; an ImportFileError names what failed.

    ``force_format`` skips detection (one of FORMAT_NAMES). ``tz`` (an IANA name) reads every
    time in the file as wall-clock time in that zone, whatever the file claims: an export
    downloaded in another locale may hold local times under a "UTC" header. ``data``: the
    file's bytes when the caller has read them already (they are then what is parsed).
    """
    override = times.zone(tz) if tz else None
    path = Path(path)
    source = path.name
    forced = _by_name(force_format) if force_format else None
    if data is None:
        data = sheets.read_bytes(path)
    tables = _tables(data, source)
    for table_name, rows in tables:
        found = _detect(rows, source, forced)
        if found:
            return _read(found, rows, table_name, override, tz)
    if not sheets.is_xlsx(data):
        # A spreadsheet saved as CSV in some locales separates cells with ";" or a tab.
        text = sheets.decode_text(data, source)
        for delimiter in sheets.DELIMITERS[1:]:
            if _detect(sheets.csv_rows(text, delimiter, source, limit=SCAN_ROWS), source, forced):
                rows = sheets.csv_rows(text, delimiter, source)
                found = _detect(rows, source, forced)
                assert found is not None
                return _read(found, rows, source, override, tz)
    raise _unknown(source, tables[0][1] if tables else [], forced)


def _read(
    found: _Found,
    rows: sheets.Rows,
    source: str,
    override: tzinfo | None,
    override_name: str | None,
) -> ImportResult:
    header = rows[found.row - 1]
    claimed = found.fmt.header_zone(header, found.index)
    sheet = Sheet(
        source=source,
        header=header,
        header_row=found.row,
        index=found.index,
        zone=claimed or UTC,
        override=override,
    )
    convert = found.fmt.convert
    fmt = found.fmt
    out: list[ImportedRow] = []
    append = out.append
    for number in range(found.row + 1, len(rows) + 1):
        values = rows[number - 1]
        if not any(v.strip() for v in values):
            continue
        append(convert(Cells(sheet, values, number), fmt))
    source_kind: ZoneSource
    if override is not None:
        source_kind, zone = "given", override_name or zone_name(override)
    elif claimed is not None:
        source_kind, zone = "header", zone_name(claimed)
    elif sheet.zone_claims:
        source_kind, zone = "cells", ", ".join(sorted(sheet.zone_claims))
    else:
        source_kind, zone = "assumed", "UTC"
    return ImportResult(
        source=source,
        format=fmt.name,
        title=fmt.title,
        rows=tuple(out),
        header_row=found.row,
        zone=zone,
        zone_source=source_kind,
    )

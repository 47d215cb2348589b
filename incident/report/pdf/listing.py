"""Listings too long for pages: a summary on the page, the whole list as an attached CSV.

Past ``context.ROW_LIMIT`` rows a section does not lay out one table row per entry (100,000
rows take many minutes and gigabytes); it shows exact summaries (per asset, per address, per
day...) and attaches every entry, each field in full, as a CSV file inside the PDF. The note
under the summary names the file and gives its SHA-256.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import zlib
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from incident.core.amounts import fmt_amount
from incident.report.pdf import styles as S
from incident.report.pdf.context import Context, Listed
from incident.times import local

T = TypeVar("T")

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = frozenset("=+-@\t\r")
_CHUNK = 1 << 16  # characters deflated at a time


class _Deflated:
    """A text file that keeps only its bytes deflated, their SHA-256 and their number: a
    CSV of 100,000 rows is never held whole."""

    def __init__(self) -> None:
        self.sha256 = hashlib.sha256()
        self.size = 0
        self._zip = zlib.compressobj(1)  # twice as fast as the default, 6% larger
        self._parts: list[bytes] = []
        self._text: list[str] = []
        self._chars = 0

    def write(self, text: str) -> int:
        self._text.append(text)
        self._chars += len(text)
        if self._chars >= _CHUNK:
            self._flush()
        return len(text)

    def _flush(self) -> None:
        data = "".join(self._text).encode("utf-8")
        self._text, self._chars = [], 0
        self.sha256.update(data)
        self.size += len(data)
        self._parts.append(self._zip.compress(data))

    def deflated(self) -> bytes:
        self._flush()
        return b"".join([*self._parts, self._zip.flush()])


def write_csv(out: Any, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """UTF-8 with a byte-order mark (so spreadsheets read Chinese right), CRLF line ends; a
    field a spreadsheet would run as a formula gets a leading apostrophe (shown as text by
    spreadsheets, kept by every other reader)."""
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    start = _FORMULA_START
    writer.writerows([v if v[:1] not in start else "'" + v for v in row] for row in rows)


def too_long(ctx: Context, count: int) -> bool:
    return count > ctx.row_limit


def attach(
    ctx: Context,
    name: str,
    what: str,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    count: int,
) -> Any:
    """Attach the CSV ``name`` to the PDF; the note that says so, for under the summary."""
    out = _Deflated()
    write_csv(out, header, rows)
    deflated = out.deflated()  # after the last write: the digest and size are complete
    digest = out.sha256.hexdigest()
    desc = ctx.t("report.list.file-desc", what=what, count=count)
    ctx.lists.append(Listed(name, desc, deflated, out.size))
    note = ctx.t("report.list.note", count=count, limit=ctx.row_limit, what=what, name=name)
    return ctx.p(
        ctx.markup(note, " ", ctx.grey(f"SHA-256 {digest}")),
        style="small",
    )


def iso_utc(when: datetime) -> str:
    """``2026-11-25T06:05:00+00:00``: for files other programs read."""
    return when.astimezone(UTC).isoformat()


def iso_local(ctx: Context, when: datetime) -> str:
    """``2026-11-25T14:05:00+08:00``: the session's local time, with its offset."""
    return local(when, ctx.tz).isoformat()


def day(ctx: Context, when: datetime) -> date:
    """The calendar day of ``when`` in the session's time zone."""
    return _day(int(when.timestamp()) // _QUARTER, ctx.tz)


_QUARTER = 900  # seconds: every zone's offsets and changes fall on whole quarter hours


@functools.lru_cache(maxsize=4096)
def _day(quarter: int, tz: str) -> date:
    """The local day of a quarter hour (one zone conversion for all the times in it)."""
    return local(datetime.fromtimestamp(quarter * _QUARTER, UTC), tz).date()


def amounts(sums: dict[str, Decimal]) -> str:
    """``1,234.5 USDT; 0.25 BTC``: every asset's exact sum, by asset name."""
    return "; ".join(f"{fmt_amount(v)} {asset}" for asset, v in sorted(sums.items())) or "—"


def add_amount(sums: dict[str, Decimal], asset: str, amount: Decimal) -> None:
    sums[asset] = sums.get(asset, Decimal(0)) + amount


def capped(
    ctx: Context,
    groups: Sequence[T],
    row: Callable[[T], list[Any]],
    other: Callable[[Sequence[T]], list[Any]],
) -> list[list[Any]]:
    """A row per group, at most ``row_limit`` rows: past it, one row ``other(the rest)``."""
    if len(groups) <= ctx.row_limit:
        return [row(g) for g in groups]
    keep = ctx.row_limit - 1
    return [row(g) for g in groups[:keep]] + [other(groups[keep:])]


def table(ctx: Context, head: Sequence[str], rows: list[list[Any]], widths: list[float]) -> Any:
    """A summary table (header row in the report's look; cells as they come)."""
    cells = [ctx.head(*head)] + [
        [c if not isinstance(c, str) else ctx.cell(c) for c in r] for r in rows
    ]
    return S.table(cells, S.columns(*widths))


def per_day(
    ctx: Context, times: Iterable[datetime], extra: Callable[[date], str] | None = None
) -> Any:
    """Entries per day: day, count, first and last time; ``extra(day)`` adds a column."""
    counts: dict[date, int] = {}
    first: dict[date, datetime] = {}
    last: dict[date, datetime] = {}
    for when in times:
        d = day(ctx, when)
        counts[d] = counts.get(d, 0) + 1
        first[d] = min(first.get(d, when), when)
        last[d] = max(last.get(d, when), when)
    rows = [
        [d.isoformat(), str(n), ctx.local(first[d]), ctx.local(last[d])]
        + ([extra(d)] if extra else [])
        for d, n in sorted(counts.items())
    ]
    head = [
        ctx.t("report.list.day"),
        ctx.t("report.list.count"),
        ctx.t("report.list.first"),
        ctx.t("report.list.last"),
    ]
    if extra:
        head.append(ctx.t("report.list.amounts"))
        return table(ctx, head, rows, [0.13, 0.09, 0.19, 0.19, 0.4])
    return table(ctx, head, rows, [0.2, 0.2, 0.3, 0.3])

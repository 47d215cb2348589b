"""Import an export into a session: read it, choose the rows, and hand them to the core.

The command line and the runner both call ``import_file``: the first time with
``dry_run`` to show what would be recorded, then for real.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from incident.core.attachments import clean_name
from incident.core.imports import ExportFile, ImportPlan, record_import
from incident.core.store import Store, collector_paused
from incident.importers import reader, selection, sheets
from incident.importers.base import ImportedRow
from incident.importers.transactions import to_transaction, with_txid
from incident.times import parse_time


@dataclass(frozen=True)
class Choice:
    """Which rows to record, and how to read the file; as the user gave them (text)."""

    format: str | None = None
    tz: str | None = None  # the zone the file's times are in, whatever it says
    since: str | None = None  # read in the session's zone when it carries none
    until: str | None = None
    assets: Sequence[str] | None = None
    types: Sequence[str] | None = None
    txid: str | None = None


@dataclass(frozen=True)
class Imported:
    read: reader.ImportResult  # every row of the file
    chosen: list[ImportedRow]
    plan: ImportPlan  # what was (or would be) recorded of them, and what was left out


def import_file(
    store: Store,
    session_id: str,
    path: Path,
    choice: Choice,
    *,
    now: datetime,
    dry_run: bool = False,
) -> Imported:
    """Read ``path`` and record the chosen rows not yet in the session (all or nothing)."""
    with collector_paused():
        return _import_file(store, session_id, path, choice, now=now, dry_run=dry_run)


def _import_file(
    store: Store,
    session_id: str,
    path: Path,
    choice: Choice,
    *,
    now: datetime,
    dry_run: bool,
) -> Imported:
    first = store.first_event(session_id)
    tz = first.tz
    data = sheets.read_bytes(path)
    read = reader.read_export(path, force_format=choice.format, tz=choice.tz, data=data)
    chosen = selection.choose(
        read.rows,
        types=choice.types or None,
        since=parse_time(choice.since, tz) if choice.since else None,
        until=parse_time(choice.until, tz) if choice.until else None,
        assets=choice.assets or None,
    )
    chosen = with_txid(chosen, choice.txid)
    # The name goes into a note, the report and the case file: cleaned like an attachment's.
    file = ExportFile(clean_name(path.name), data, read.title, read.zone_note(first.lang))
    sha256 = file.sha256
    rows = [to_transaction(row, file.name, sha256) for row in chosen]
    planned = record_import(store, session_id, file, rows, now=now, dry_run=dry_run)
    return Imported(read, chosen, planned)

"""Record many transactions read from one exchange export: all at once, none twice.

The reading of the file belongs to ``incident.importers``; what arrives here are the
transactions it describes, each with its source (file, SHA-256, row), and the file's bytes.
Under the session's lock the rows already recorded are left out, every address and TxID is
checked, the file is stored (encrypted) with a note saying what was imported, and all the
entries are written in one journal append: one lock, one fsync, whatever the number of rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cached_property

from incident.catalog import t
from incident.core import events as ev
from incident.core import txchecks
from incident.core.attachments import MAX_FILE_BYTES, Attachment
from incident.core.duplicates import Reason, drop_duplicates
from incident.core.kinds.note import Note
from incident.core.kinds.transaction import Transaction
from incident.core.state import SessionState
from incident.core.store import Store
from incident.errors import EvidenceError, SessionClosedError


@dataclass(frozen=True)
class ExportFile:
    """The file an import reads: its name, bytes and what kind of export it is."""

    name: str
    data: bytes
    title: str  # "Binance withdrawal history"
    zone_note: str = ""  # which zone its times were read in, and why

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class _Recorded:
    """A transaction already in the session, with its number (E5), for comparison."""

    number: int
    time: datetime
    asset: str
    amount: Decimal
    txid: str | None


@dataclass(frozen=True)
class SkippedRow:
    row: int  # row in the file
    reason: Reason
    match: str  # "E5", or "row 12" of the same file


@dataclass
class ImportPlan:
    """What an import records (with the numbers they get) and what it leaves out, and why."""

    file: ExportFile
    new: list[Transaction]
    skipped: list[SkippedRow]
    first_number: int  # the number the file's note gets; transactions follow it
    recorded: bool = False
    warnings: list[str] = field(default_factory=list)  # about the session, not a row

    def number(self, index: int) -> int:
        """The evidence number of ``new[index]`` (the file's note comes first)."""
        return self.first_number + 1 + index

    def skipped_counts(self) -> dict[Reason, int]:
        out: dict[Reason, int] = {}
        for skip in self.skipped:
            out[skip.reason] = out.get(skip.reason, 0) + 1
        return out

    def needs_txid(self) -> list[tuple[int, Transaction]]:
        """(number, transaction) of the rows recorded without a TxID."""
        return [(self.number(i), tx) for i, tx in enumerate(self.new) if not tx.txid]

    def flagged(self) -> list[tuple[int, Transaction]]:
        """(number, transaction) of the rows whose address or TxID looked wrong."""
        return [(self.number(i), tx) for i, tx in enumerate(self.new) if tx.checks]


def _recorded(state: SessionState) -> list[_Recorded]:
    return [
        _Recorded(item.number, tx.time, tx.asset, tx.amount, tx.txid)
        for item, tx in state.transactions()
    ]


def plan(state: SessionState, file: ExportFile, rows: Sequence[Transaction]) -> ImportPlan:
    """What importing ``rows`` into ``state`` would record, each row checked; writes nothing."""
    dedup = drop_duplicates(list(rows), _recorded(state))
    skipped = [
        SkippedRow(
            s.row.source.row if s.row.source else 0,
            s.reason,
            f"E{s.match.number}"
            if isinstance(s.match, _Recorded)
            else f"row {s.match.source.row if s.match.source else '?'}",
        )
        for s in dedup.skipped
    ]
    new = [txchecks.checked(tx) for tx in dedup.kept]
    return ImportPlan(file, new, skipped, len(state.evidence) + 1)


def _note(plan: ImportPlan, lang: str) -> Note:
    count = len(plan.new)
    text = t(
        "import.note",
        lang,
        file=plan.file.name,
        title=plan.file.title,
        sha256=plan.file.sha256,
        count=count,
        first=plan.number(0),
        last=plan.number(count - 1),
    )
    if plan.file.zone_note:
        text += " " + plan.file.zone_note
    return Note(text=text)


def record_import(
    store: Store,
    session_id: str,
    file: ExportFile,
    rows: Sequence[Transaction],
    *,
    now: datetime,
    dry_run: bool = False,
) -> ImportPlan:
    """Record the rows not yet in the session, and the file as an attachment of a note.

    With ``dry_run`` nothing is written (and no lock taken): the plan says what would be.
    When every row is already recorded, nothing is written either.
    """
    if len(file.data) > MAX_FILE_BYTES:
        raise EvidenceError(f"{file.name}: larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
    if dry_run:
        view = store.open(session_id)
        if not view.state.is_open:
            raise SessionClosedError(f"session {session_id} is closed")
        return plan(view.state, file, rows)
    with store.writing(session_id) as writer:
        if writer.closed:
            raise SessionClosedError(f"session {session_id} is closed")
        planned = plan(writer.state, file, rows)
        planned.warnings += writer.warnings
        if not planned.new:
            return planned
        digest = writer.blobs.put(file.data)
        attachment = Attachment(
            name=file.name, sha256=digest, size=len(file.data), media_type=_media_type(file.name)
        )
        events: list[ev.Base] = [
            ev.EvidenceAdded(
                at=now, evidence=_note(planned, writer.state.lang), attachments=[attachment]
            )
        ]
        # Each transaction was validated when it was made (and checked in ``plan``): the
        # events around them are put together without validating them a second time.
        construct = ev.EvidenceAdded.model_construct
        events += [construct(at=now, evidence=tx) for tx in planned.new]
        writer.append_many(events)
        planned.recorded = True
        return planned


def _media_type(name: str) -> str:
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return "text/csv"

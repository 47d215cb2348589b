"""What every reader of a session gets: its state, its files and its integrity, read-only.

The report, the exports, the messages and the runner see a session only through this view;
none of them reaches the journal's files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from incident.core.state import SessionState
    from incident.journal.blobs import Blobs
    from incident.journal.log import Head, Journal


@dataclass(frozen=True)
class Integrity:
    """What reading the journal established; ``incident verify`` prints the same figures."""

    entries: int  # records read and checked (a finished but unacknowledged one included)
    head_hash: str  # SHA-256 of the last of them: the chain's head
    acknowledged: int  # records the authenticated head file counts
    warnings: tuple[str, ...] = ()  # e.g. crash residue that was ignored


@dataclass(frozen=True)
class SessionView:
    state: SessionState
    integrity: Integrity
    _blobs: Blobs = field(repr=False)
    _journal: Journal = field(repr=False)
    _head: Head = field(repr=False)

    @property
    def warnings(self) -> list[str]:
        return list(self.integrity.warnings)

    def blob(self, digest: str) -> bytes:
        """An attachment's bytes, checked against its SHA-256."""
        return self._blobs.get(digest)

    def entry_hashes(self) -> list[str]:
        """The chain's hash after each entry read, oldest first (the last is the head)."""
        hashes = self._journal.entry_hashes(self.integrity.entries)
        if len(hashes) < self.integrity.entries or hashes[-1] != self.integrity.head_hash:
            from incident.errors import IntegrityError

            raise IntegrityError("the journal changed while it was being read; try again")
        return hashes

    def changed(self) -> bool:
        """Whether anything was written to the session since this view was read."""
        from incident.errors import IncidentError

        try:
            return self._journal.read_head() != self._head
        except IncidentError:  # caught mid-write: say so, and the caller reads again
            return True

"""What every reader of a session gets: its state, its files and its integrity, read-only.

The report, the exports, the messages and the runner see a session only through this view;
none of them reaches the journal's files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from incident.catalog import t

if TYPE_CHECKING:
    from incident.core.state import SessionState
    from incident.errors import IntegrityError
    from incident.journal.blobs import Blobs
    from incident.journal.log import Head, Journal


@dataclass(frozen=True)
class Loss:
    """Entries (maybe none) a damaged journal cannot show, why, and the bytes that held them."""

    entries: tuple[int, ...]
    reason: str  # cut-short, changed, removed, not-a-record, unlinked, head-missing, ...
    size: int
    sha256: str


def _span(entries: tuple[int, ...] | list[int]) -> str:
    """``64``, ``10-12``: consecutive entry numbers as ranges, comma separated."""
    out: list[str] = []
    run: list[int] = []
    for n in entries:
        if run and n != run[-1] + 1:
            out.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
            run = []
        run.append(n)
    if run:
        out.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
    return ", ".join(out)


def _e_numbers(numbers: list[int], lang: str) -> str:
    """``E5-E9, E12`` for evidence numbers."""
    parts = []
    for piece in _span(numbers).split(", "):
        first, _, last = piece.partition("-")
        parts.append(f"E{first}-E{last}" if last else f"E{first}")
    return t("integrity.list-join", lang).join(parts)


def loss_words(losses: list[tuple[list[int], str]], lang: str) -> str:
    """``entries 64 (cut short) missing; the head file is missing``, in ``lang``."""
    with_entries = [
        t(
            "integrity.entry-part",
            lang,
            span=_span(entries),
            reason=t(f"integrity.reason.{reason}", lang),
        )
        for entries, reason in losses
        if entries
    ]
    parts = []
    if with_entries:
        joined = t("integrity.list-join", lang).join(with_entries)
        parts.append(t("integrity.entries-missing", lang, entries=joined))
    parts += [t("integrity.reason." + reason, lang) for entries, reason in losses if not entries]
    return t("integrity.join", lang).join(parts)


@dataclass(frozen=True)
class Integrity:
    """What reading the journal established; ``incident verify`` prints the same figures."""

    entries: int  # records read and checked (a finished but unacknowledged one included)
    head_hash: str  # SHA-256 of the last of them: the chain's head
    acknowledged: int  # records the authenticated head file counts
    warnings: tuple[str, ...] = ()  # e.g. crash residue that was ignored
    # issue 17: what a journal read in spite of damage is missing (nothing when intact)
    damage: tuple[Loss, ...] = ()
    error: IntegrityError | None = None  # what a strict read (verify) says: the first bad entry
    after_gap: int | None = None  # entries from this one on follow a gap

    @property
    def damaged(self) -> bool:
        return bool(self.damage)

    def damage_line(self, lang: str = "en") -> str:
        """``Integrity: damaged — entries 64 (cut short) missing; the 63 entries shown are
        authentic``; empty when nothing is damaged."""
        if not self.damage:
            return ""
        what = loss_words([(list(d.entries), d.reason) for d in self.damage], lang)
        return t("integrity.damaged", lang, what=what, count=self.entries)


@dataclass(frozen=True)
class SessionView:
    state: SessionState
    integrity: Integrity
    _blobs: Blobs = field(repr=False)
    _journal: Journal = field(repr=False)
    _head: Head = field(repr=False)

    @property
    def warnings(self) -> list[str]:
        return self.warnings_in("en")

    def warnings_in(self, lang: str) -> list[str]:
        """What a reader says on stderr: the damage first (with what to do), then the rest."""
        damaged = self.integrity.damage_line(lang)
        if not damaged:
            return list(self.integrity.warnings)
        hint = t("integrity.damaged-hint", lang, sid=self.state.id)
        first = [f"{damaged}（{hint}）" if lang == "zh" else f"{damaged} ({hint})"]
        gap = self.after_gap_line(lang)
        return first + ([gap] if gap else []) + list(self.integrity.warnings)

    def after_gap_line(self, lang: str) -> str:
        """``Evidence E5-E9 comes after a gap: ...``; empty when no evidence follows one."""
        gap = self.integrity.after_gap
        if gap is None:
            return ""
        numbers = [i.number for i in self.state.evidence if i.entry >= gap]
        if not numbers:
            return ""
        evidence = _e_numbers(numbers, lang)
        return t("integrity.after-gap-line", lang, evidence=evidence)

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
            return not self.integrity.damaged  # (a damaged head stays so until a repair)

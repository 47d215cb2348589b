"""`incident repair`: set a damaged journal's lost bytes aside and continue the chain.

The journal (``incident.journal.damage``) moves the bytes and keeps every intact record
as it is; here the loss becomes an ``integrity.repaired`` event, sealed into the chain
like any other, so the session says forever after what was lost and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from incident.core import events as ev
from incident.core.store import Store
from incident.core.view import loss_words
from incident.errors import IntegrityError
from incident.journal.lock import locked


@dataclass(frozen=True)
class RepairResult:
    session_id: str
    event: ev.IntegrityRepaired | None  # None: nothing was damaged
    entry: int  # the entry the repair was recorded as
    files: tuple[Path, ...]  # where the damaged bytes now are

    def summary(self, lang: str = "en") -> str:
        """``entries 64 (cut short) missing``: what the repair accounted for."""
        if self.event is None:
            return ""
        return loss_words([(p.entries, p.reason) for p in self.event.lost], lang)

    def to_json(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "repaired": self.event is not None,
            "entry": self.entry or None,
            "lost": [p.model_dump(mode="json") for p in self.event.lost] if self.event else [],
            "quarantine": [str(f) for f in self.files],
        }


def repair_session(store: Store, session_id: str, *, now: datetime) -> RepairResult:
    """Repair ``session_id`` if it is damaged; an intact session is left as it is."""
    from incident.core.state import fold_journal, lost_evidence
    from incident.journal import damage

    folder = store.root / session_id
    with locked(folder, session_id):
        journal, _ = store._parts(session_id)
        try:
            journal.read(holding_lock=True)
        except IntegrityError as exc:
            error = exc
        else:
            return RepairResult(session_id, None, 0, ())
        shown = damage.salvage(journal, error)
        state = fold_journal(shown.payloads, shown.numbers)
        made: list[ev.IntegrityRepaired] = []
        try:  # the evidence numbers given out so far, if the head can still say
            given = int(journal.read_head().meta.get("evidence", 0))
        except IntegrityError:
            given = 0
        given = max(given, len(state.evidence) + state.skipped)
        damage_ = shown.damage
        missing = [lost.entries for lost in damage_.lost if lost.entries]
        head_ok = not any(lost.reason.startswith("head-") for lost in damage_.lost)
        shifts = lost_evidence(state, given, missing, damage_.after_gap) if head_ok else []

        def describe(
            n: int, lost: tuple[damage.Lost, ...], files: tuple[Path | None, ...]
        ) -> tuple[bytes, dict[str, Any]]:
            event = ev.IntegrityRepaired(
                at=now,
                lost=[
                    ev.LostPart(
                        entries=list(part.entries),
                        reason=part.reason,
                        bytes=part.size,
                        sha256=part.sha256,
                        file=str(f.relative_to(folder)) if f else None,
                    )
                    for part, f in zip(lost, files, strict=True)
                ],
                evidence=given,
                renumber=shifts,
            )
            made.append(event)
            meta = {
                "updated_at": now.isoformat(),
                "closed": state.closed_at is not None,
                "evidence": given,
            }
            return ev.encode(event), meta

        done = damage.repair(journal, error, describe)
    return RepairResult(
        session_id, made[0], done.entry, tuple(f for f in done.files if f is not None)
    )

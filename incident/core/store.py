"""The one door to session files: create, find, open for reading, open for writing.

Storage itself (``incident.journal``) keeps bytes; this is where they become a session.
"""

from __future__ import annotations

import gc
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from incident import paths
from incident.core import events as ev
from incident.core.state import SessionState, apply, fold, fold_journal
from incident.core.view import Integrity, Loss, SessionView
from incident.errors import IncidentError, IntegrityError, SessionDamaged, SessionNotFound
from incident.journal import keys as keymod
from incident.journal.blobs import Blobs
from incident.journal.lock import locked
from incident.journal.log import Head, Journal


@dataclass
class Writer:
    """A session opened under its lock to record more: its state, its files, its head."""

    state: SessionState
    journal: Journal
    blobs: Blobs
    head: Head
    warnings: list[str] = field(default_factory=list)

    def append(self, event: ev.Base) -> None:
        """Write ``event`` durably, then fold it into the state."""
        self.head = self.journal.append(ev.encode(event), _meta_after(self.head.meta, event))
        apply(self.state, event)

    def append_many(self, events: list[ev.Base]) -> None:
        """Write ``events`` durably in one go (one fsync, one head), then fold them in."""
        meta = self.head.meta
        payloads: list[bytes] = []
        evidence = 0
        for event in events:
            payloads.append(ev.encode(event))
            if isinstance(event, ev.EvidenceAdded):  # the common case: counted, not folded
                evidence += 1
            else:
                meta = _meta_after(meta, event)
        if events:
            meta = dict(meta)
            meta["updated_at"] = events[-1].at.isoformat()
            meta["evidence"] = int(meta.get("evidence", 0)) + evidence
        self.head = self.journal.append_many(payloads, meta)
        for event in events:
            apply(self.state, event)

    @property
    def evidence_count(self) -> int:
        return int(self.head.meta.get("evidence", 0))

    @property
    def closed(self) -> bool:
        return bool(self.head.meta.get("closed", False))


def _meta_after(meta: dict[str, Any], event: ev.Base) -> dict[str, Any]:
    """The head's summary (last activity, closed, evidence count) after ``event``."""
    meta = dict(meta)
    meta["updated_at"] = event.at.isoformat()
    if isinstance(event, ev.SessionClosed):
        meta["closed"] = True
    elif isinstance(event, ev.SessionReopened):
        meta["closed"] = False
    elif isinstance(event, ev.EvidenceAdded):
        meta["evidence"] = int(meta.get("evidence", 0)) + 1
    elif isinstance(event, ev.SessionEdited):
        # The session's facts as they read now, for `incident list` and a short open.
        meta["edits"] = {**meta.get("edits", {}), event.field: event.value}
    return meta


def _skips(payloads: list[bytes]) -> dict[int, int]:
    """The evidence numbers each repair recorded as lost (``renumber``), by entry."""
    skips: dict[int, int] = {}
    for payload in payloads:
        if b'"integrity.repaired"' in payload:
            event = ev.decode(payload)
            if isinstance(event, ev.IntegrityRepaired):
                for entry, count in event.renumber:
                    skips[entry] = skips.get(entry, 0) + count
    return skips


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Keep the cyclic garbage collector off a journal while it is read, and after.

    Reading makes a few objects per event, all kept (they are the session's state) and none
    in cycles. The collector would walk them again and again while they pile up, then at
    each older-generation collection and once more at exit: about a third of the CPU time
    of `incident status` on 10,000 events. So it is paused while reading, and what exists
    afterwards is frozen (gc.freeze: kept out of later collections). Cycles that were
    already garbage at that moment are then never reclaimed; a command ends soon anyway.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


# Told (session id, seconds it will wait) when a write must wait for another command.
OnWait = Callable[[str, float], None]

# Building thousands of objects that all stay (an import's rows) gives the collector
# the same needless work as reading them: importers pause it the same way.
collector_paused = _collector_paused


class Store:
    def __init__(
        self, home: Path | None = None, passphrase: str | None = None, on_wait: OnWait | None = None
    ) -> None:
        self.home = home if home is not None else paths.home()
        self.passphrase = passphrase
        self.on_wait = on_wait
        self.root = paths.ensure_dir(self.home / "sessions")

    # -- keys -----------------------------------------------------------------------
    def _keys(self, session_id: str, create: bool = False) -> keymod.SessionKeys:
        master = keymod.master_key(self.home, create=create, passphrase=self.passphrase)
        return keymod.session_keys(master, session_id)

    def _parts(self, session_id: str) -> tuple[Journal, Blobs]:
        folder = self.root / session_id
        k = self._keys(session_id)
        return Journal(folder, session_id, k), Blobs(folder, session_id, k)

    # -- finding --------------------------------------------------------------------
    def ids(self) -> list[str]:
        return sorted(
            p.name for p in self.root.iterdir() if p.is_dir() and (p / "journal.log").exists()
        )

    def head(self, sid: str) -> Head:
        journal, _ = self._parts(sid)
        return journal.read_head()

    def heads(self) -> list[tuple[str, Head]]:
        out = []
        for sid in self.ids():
            journal, _ = self._parts(sid)
            try:
                head = journal.read_head()
            except IntegrityError:  # a damaged head: listed, last in line (see `repair`)
                head = Head(0, "", 0, 0, {"damaged": True})
            out.append((sid, head))
        return out

    def resolve(self, given: str | None) -> str:
        """An exact id, a unique prefix, or (None) the most recently active open session."""
        ids = self.ids()
        if given:
            if given in ids:
                return given
            matches = [i for i in ids if i.startswith(given)]
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                raise SessionNotFound.said(
                    "session.ambiguous", "session.more-id", {"sid": given, "count": len(matches)}
                )
            raise SessionNotFound.said("session.none-such", "session.list-hint", {"sid": given})
        if not ids:
            raise SessionNotFound.said("session.none-yet", "session.start-hint")
        open_heads = [(sid, h) for sid, h in self.heads() if not h.meta.get("closed")]
        if not open_heads:
            raise SessionNotFound.said("session.all-closed", "session.all-closed-hint")
        return max(open_heads, key=lambda p: str(p[1].meta.get("updated_at", "")))[0]

    # -- opening --------------------------------------------------------------------
    def open(self, session_id: str, *, decode_all: bool = False) -> SessionView:
        """Read and check the whole journal, and fold it into state.

        A damaged journal is read from what still authenticates (its integrity says what
        is missing); one whose first entry cannot be read is an error.
        Evidence entries are decoded when first used, or here with ``decode_all``.
        """
        journal, blobs = self._parts(session_id)
        with _collector_paused():
            state, result = self._read(journal, damaged=True)
            if decode_all:
                state.read_all()
        damage = result.damage
        integrity = Integrity(
            entries=len(result.payloads),
            head_hash=result.head_hash,
            acknowledged=result.head.count,
            warnings=tuple(result.warnings),
            damage=tuple(Loss(d.entries, d.reason, d.size, d.sha256) for d in damage.lost)
            if damage
            else (),
            error=damage.error if damage else None,
            after_gap=damage.after_gap if damage else None,
        )
        return SessionView(state, integrity, blobs, journal, result.head)

    @staticmethod
    def _read(
        journal: Journal, damaged: bool = False, holding_lock: bool = False
    ) -> tuple[SessionState, Any]:
        """The state and what was read; with ``damaged``, in spite of damage (see damage.py)."""
        try:
            result = journal.read(holding_lock=holding_lock)
        except IntegrityError as exc:
            if not damaged:
                raise
            from incident.journal.damage import salvage

            result = salvage(journal, exc)
        numbers = result.numbers
        try:
            # Entries were lost (and maybe repaired): evidence after them keeps its number.
            skips = _skips(result.payloads) if numbers and numbers[-1] != len(numbers) else {}
            state = fold_journal(result.payloads, numbers, skips)
            damage = result.damage
            if damage is not None and damage.after_gap is not None:
                more = Store._lost_evidence(state, result.head, damage)
                if more:  # read again, numbering evidence after the gap as it was recorded
                    skips = {**skips, **{e: skips.get(e, 0) + k for e, k in more.items()}}
                    state = fold_journal(result.payloads, numbers, skips)
            return state, result
        except (ValueError, KeyError):
            raise IntegrityError("the journal's events do not make a session", entry=1) from None

    @staticmethod
    def _lost_evidence(state: SessionState, head: Head, damage: Any) -> dict[int, int]:
        """How many evidence numbers the lost entries held, when the head can say."""
        from incident.core.state import lost_evidence

        if any(lost.reason.startswith("head-") for lost in damage.lost):
            return {}
        missing = [lost.entries for lost in damage.lost if lost.entries]
        given = int(head.meta.get("evidence", 0))
        return dict(lost_evidence(state, given, missing, damage.after_gap))

    def first_event(self, session_id: str) -> ev.SessionStarted:
        journal, _ = self._parts(session_id)
        event = ev.decode_entry(journal.read_first(), 1)
        if not isinstance(event, ev.SessionStarted):
            raise IntegrityError("the journal does not start a session", entry=1)
        return event

    @contextmanager
    def writing(self, session_id: str, *, full: bool = True) -> Iterator[Writer]:
        """Hold the session's lock and yield it opened; appends happen inside.

        ``full=False`` reads only the first event and the head: enough to append evidence
        in O(1), whatever the length of the session.
        """
        folder = self.root / session_id
        on_wait = self.on_wait
        told = None if on_wait is None else (lambda seconds: on_wait(session_id, seconds))
        with locked(folder, session_id, told):
            try:
                warnings = self._settle(session_id)
                journal, blobs = self._parts(session_id)
                # A session whose facts were edited (its zone, its platform) is read in full:
                # its first event alone no longer says how to read what is recorded next.
                if full or journal.read_head().meta.get("edits"):
                    with _collector_paused():
                        state, result = self._read(journal, holding_lock=True)
                    warnings += result.warnings
                else:
                    from incident.journal.damage import check_links

                    check_links(journal, journal.read_head())
                    state = fold([self.first_event(session_id)])
            except IntegrityError as exc:  # nothing is written after damage until a repair
                raise SessionDamaged(session_id, exc) from None
            yield Writer(state, journal, blobs, journal.read_head(), warnings)

    def _settle(self, session_id: str) -> list[str]:
        """Tidy what a killed command left, so the head (and the numbers we report) is right."""
        journal, _ = self._parts(session_id)
        _, warnings = journal.settle(
            lambda n, payload, meta: _meta_after(meta, ev.decode_entry(payload, n))
        )
        return warnings

    def create(self, make_event: Callable[[str], ev.SessionStarted], now: datetime) -> Writer:
        """Make a new session folder whose first event is ``make_event(session_id)``."""
        keymod.master_key(self.home, create=True, passphrase=self.passphrase)
        for _ in range(20):
            sid = f"{now:%Y%m%d}-{secrets.token_hex(3)}"
            folder = self.root / sid
            try:
                folder.mkdir(mode=paths.DIR_MODE)
                break
            except FileExistsError:
                continue
        else:  # pragma: no cover - 20 collisions of 24 random bits
            raise IncidentError("could not pick a new session id")
        if os.name == "posix":
            folder.chmod(paths.DIR_MODE)
        paths.fsync_dir(self.root)
        journal, blobs = self._parts(sid)
        event = make_event(sid)
        with locked(folder, sid):
            head = journal.create(
                ev.encode(event), {"updated_at": event.at.isoformat(), "closed": False}
            )
        return Writer(fold([event]), journal, blobs, head)

"""Putting the record right: correct or retract an entry, edit a session fact, reset a step.

The journal is append-only: each of these is a new event naming what it changes, and the
state (``state.py``) reads the entry, the session or the step as it stands after them. A
corrected value passes the same readers and guards as a new entry's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

from incident.core import events as ev
from incident.core import kinds
from incident.core.actions import (
    MAX_NAME,
    Recorded,
    _check_text,
    _step,
    _writable,
    checked,
    one_line,
)
from incident.core.kinds.base import Reading
from incident.core.state import EvidenceItem, SessionState, numbered
from incident.core.store import Store
from incident.core.text import clean_text
from incident.errors import EvidenceError, StepError, UsageError
from incident.times import parse_time, zone

_REF = re.compile(r"[Ee]?(\d{1,9})")


def entry(state: SessionState, ref: str) -> EvidenceItem:
    """The entry ``ref`` names (``E11``, ``e11`` or ``11``)."""
    found = _REF.fullmatch(ref.strip())
    if found is None:
        raise UsageError.said("fix.ref-unreadable", "fix.ref-hint", values={"ref": ref.strip()})
    number = int(found[1])
    item = numbered(state, number)  # by number: evidence a damaged journal lost is skipped
    if item is None:
        raise UsageError.said("fix.no-entry", "fix.no-entry-hint", values={"n": number})
    return item


def correct(
    store: Store,
    session_id: str,
    ref: str,
    values: Mapping[str, str],
    *,
    now: datetime,
    reason: str | None = None,
    confirmed: bool = False,
) -> Recorded:
    """Give fields of an entry anew (a blank clears an optional one); the original is kept."""
    if not values:
        raise UsageError.said("fix.nothing-to-correct", "fix.nothing-to-correct-hint")
    with store.writing(session_id) as writer:
        _writable(writer)
        state = writer.state
        item = entry(state, ref)
        if item.retracted:
            raise EvidenceError.said(
                "fix.retracted", "fix.retracted-hint", values={"n": item.number}
            )
        kind = kinds.get(item.kind)
        current = item.evidence
        amended = kind.amend(current, values, Reading(state.tz))
        changed = [
            f.name for f in kind.fields if getattr(amended, f.name) != getattr(current, f.name)
        ]
        if not changed:
            raise UsageError.said("fix.same", "fix.unchanged", values={"n": item.number})
        amended, agreed, warnings = checked(state, amended, confirmed, only=changed)
        agreed += _check_text([("reason", reason)], confirmed)
        writer.append(
            ev.EvidenceCorrected(
                at=now,
                number=item.number,
                evidence=amended,
                fields=changed,
                reason=reason or None,
                confirmed=agreed,
            )
        )
        return Recorded(item.number, warnings)


def retract(
    store: Store, session_id: str, ref: str, *, reason: str, now: datetime
) -> ev.EvidenceRetracted:
    """Take an entry back: it leaves totals, report and messages; the original is kept."""
    if not reason.strip():
        raise UsageError.said("fix.needs-reason", field="reason")
    with store.writing(session_id) as writer:
        _writable(writer)
        item = entry(writer.state, ref)
        if item.retracted:
            raise EvidenceError.said(
                "fix.retracted-already", "fix.unchanged", values={"n": item.number}
            )
        _check_text([("reason", reason)], confirmed=False)
        event = ev.EvidenceRetracted(at=now, number=item.number, reason=reason)
        writer.append(event)
        return event


def edit(
    store: Store,
    session_id: str,
    *,
    now: datetime,
    discovered_at: str | None = None,
    platform: str | None = None,
    account: str | None = None,
    tz: str | None = None,
    reason: str | None = None,
) -> list[ev.SessionEdited]:
    """Give session facts anew, one event each; checked as `start` checks them."""
    with store.writing(session_id) as writer:
        _writable(writer)
        state = writer.state
        wanted: list[tuple[ev.SessionField, str]] = []
        if tz is not None:
            zone(tz.strip())
            wanted.append(("tz", tz.strip()))
        for name, text in (("platform", platform), ("account", account)):
            if text is None:
                continue
            value = clean_text(text).strip()
            if not value:
                raise UsageError.said("field.empty", field=name)
            if len(value) > MAX_NAME:
                raise UsageError.said("field.too-long", values={"max": MAX_NAME}, field=name)
            wanted.append((name, value))  # type: ignore[arg-type]
        if discovered_at is not None:
            found = parse_time(discovered_at, tz.strip() if tz else state.tz)
            if found > now:
                raise UsageError.said(
                    "fix.discovery-future", "fix.discovery-future-hint", field="discovered_at"
                )
            wanted.append(("discovered_at", found.isoformat()))
        _check_text([(n, v) for n, v in wanted if n in ("platform", "account")], confirmed=False)
        one_line([(n, v) for n, v in wanted if n in ("platform", "account")])
        _check_text([("reason", reason)], confirmed=False)
        now_values = {
            "tz": state.tz,
            "platform": state.platform,
            "account": state.account,
            "discovered_at": state.discovered_at.isoformat(),
        }
        events = [
            ev.SessionEdited(at=now, field=name, value=value, reason=reason or None)
            for name, value in wanted
            if now_values[name] != value
        ]
        if not events:
            raise UsageError.said("fix.nothing-to-change", "fix.nothing-to-change-hint")
        for event in events:
            writer.append(event)
        return events


def reset_step(
    store: Store, session_id: str, step_id: str, *, now: datetime, reason: str | None = None
) -> ev.StepReset:
    """Put a done, skipped, failed or answered step back to to-do."""
    with store.writing(session_id) as writer:
        _writable(writer)
        _step(writer.state, step_id)
        if writer.state.steps[step_id].status == "pending":
            raise StepError.said("fix.step-pending", "fix.unchanged", values={"step": step_id})
        _check_text([("reason", reason)], confirmed=False)
        event = ev.StepReset(at=now, step_id=step_id, reason=reason or None)
        writer.append(event)
        return event


def last_step_action(state: SessionState) -> str | None:
    """The step of the last mark or answer that still stands (what an undo would reset)."""
    for event in reversed(state.entries):
        if isinstance(event, ev.StepMarked | ev.StepAnswered):
            s = state.steps.get(event.step_id)
            if s is not None and s.status != "pending" and s.history and s.history[-1] is event:
                return event.step_id
    return None

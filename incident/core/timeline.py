"""The session's story in the order things happened, one line each, in either language.

A transaction or login sits at its own time; anything else (a contact, a step, a
correction) at the time it was recorded. The discovery is a row of its own. Where the
record was made later than the thing happened, the entry says when (``recorded``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from incident.catalog import t
from incident.core import events as ev
from incident.core import kinds
from incident.core.state import EvidenceItem, SessionState
from incident.times import local

# A record made within this of the thing itself is not worth a "recorded at" of its own.
SAME_TIME = timedelta(minutes=1)


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime  # when it happened (for an action: when it was recorded)
    kind: str  # the event type ("discovered" for the discovery)
    text: str
    detail: str | None = None
    recorded: datetime | None = None  # when it was recorded, where that differs from ``at``


def recorded_text(entry: TimelineEntry, lang: str, tz: str) -> str | None:
    """``recorded 17:16`` (with the date when it is another day), or None."""
    if entry.recorded is None:
        return None
    when, at = local(entry.recorded, tz), local(entry.at, tz)
    shown = when.strftime("%H:%M" if when.date() == at.date() else "%Y-%m-%d %H:%M")
    return t("tl.recorded", lang, time=shown)


def _join(*parts: str | None) -> str | None:
    return " · ".join(p for p in parts if p) or None


def _evidence(state: SessionState, item: EvidenceItem, lang: str) -> TimelineEntry | None:
    if item.retracted:  # it did not happen as recorded: only its retraction is a row
        return None
    evidence = item.evidence
    text = kinds.get(item.kind).timeline(evidence, item.number, lang)
    files = t("tl.attachments", lang, count=len(item.attachments)) if item.attachments else None
    corrected = t("tl.corrected-mark", lang) if item.corrections else None
    happened = evidence.happened_at() or item.at
    recorded = item.at if abs(item.at - happened) >= SAME_TIME else None
    return TimelineEntry(happened, "evidence.added", text, _join(corrected, files), recorded)


def _step_title(state: SessionState, step_id: str, lang: str) -> str:
    step = state.playbook.step(step_id)
    return step.title.get(lang) if step else step_id


def _change(state: SessionState, event: ev.Base, lang: str) -> TimelineEntry | None:
    """A correction's own row, at the time it was recorded."""
    if isinstance(event, ev.EvidenceCorrected):
        names = [_field_label(state, event.number, f, lang) for f in event.fields]
        text = t("tl.entry-corrected", lang, n=event.number, fields=", ".join(names))
        return TimelineEntry(event.at, event.type, text, event.reason)
    if isinstance(event, ev.EvidenceRetracted):
        text = t("tl.entry-retracted", lang, n=event.number)
        return TimelineEntry(event.at, event.type, text, event.reason)
    if isinstance(event, ev.SessionEdited):
        text = t("tl.session-edited", lang, field=t(f"fix.field.{event.field}", lang))
        return TimelineEntry(event.at, event.type, text, event.reason)
    if isinstance(event, ev.StepReset):
        text = t("tl.step.reset", lang, title=_step_title(state, event.step_id, lang))
        return TimelineEntry(event.at, event.type, text, event.reason)
    return None


def _field_label(state: SessionState, number: int, name: str, lang: str) -> str:
    kind = kinds.get(state.evidence[number - 1].kind)
    found = kind.field_named(name)
    return found.label.get(lang) if found else name


def _event(state: SessionState, event: ev.Base, lang: str) -> TimelineEntry | None:
    if isinstance(event, ev.SessionStarted):
        text = t(
            "tl.started",
            lang,
            playbook=event.playbook.title.get(lang),
            platform=state.platform,
            account=state.account,
        )
        return TimelineEntry(event.at, event.type, text)
    if isinstance(event, ev.StepMarked):
        text = t(f"tl.step.{event.status}", lang, title=_step_title(state, event.step_id, lang))
        parts = [p for p in (event.reason, event.note) if p]
        if event.forced:
            parts.insert(0, t("tl.forced", lang))
        return TimelineEntry(event.at, event.type, text, " · ".join(parts) or None)
    if isinstance(event, ev.StepAnswered):
        step = state.playbook.step(event.step_id)
        label = event.value
        if step:
            label = next((o.label.get(lang) for o in step.options if o.value == event.value), label)
        title = _step_title(state, event.step_id, lang)
        return TimelineEntry(
            event.at, event.type, t("tl.answered", lang, title=title, answer=label), event.note
        )
    if isinstance(event, ev.SessionClosed):
        return TimelineEntry(event.at, event.type, t("tl.closed", lang), event.note)
    if isinstance(event, ev.SessionReopened):
        return TimelineEntry(event.at, event.type, t("tl.reopened", lang))
    if isinstance(event, ev.CaseTimestamped):
        when = event.time.strftime("%Y-%m-%d %H:%M:%S UTC")
        text = t("tl.timestamped", lang, time=when, authority=event.authority)
        detail = t("tl.timestamped-detail", lang, entries=event.entries, digest=event.digest)
        return TimelineEntry(event.at, event.type, text, detail)
    return _change(state, event, lang)


def timeline(state: SessionState, lang: str) -> list[TimelineEntry]:
    """Everything in the order it happened, the discovery included, described in ``lang``."""
    out = [TimelineEntry(state.discovered_at, "discovered", t("tl.discovered", lang))]
    for entry in state.entries:
        row = (
            _evidence(state, entry, lang)
            if isinstance(entry, EvidenceItem)
            else _event(state, entry, lang)
        )
        if row is not None:
            out.append(row)
    # A stable sort: at the same minute, the discovery first, then in the order recorded.
    return sorted(out, key=lambda e: e.at)

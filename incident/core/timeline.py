"""The session's story, one line an entry, in either language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incident.catalog import t
from incident.core import events as ev
from incident.core import kinds
from incident.core.state import EvidenceItem, SessionState


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # the event type
    text: str
    detail: str | None = None


def timeline(state: SessionState, lang: str) -> list[TimelineEntry]:
    """Every recorded action, oldest first, described in ``lang``."""
    out: list[TimelineEntry] = []

    def title(step_id: str) -> str:
        step = state.playbook.step(step_id)
        return step.title.get(lang) if step else step_id

    for event in state.entries:
        if isinstance(event, EvidenceItem):
            text = kinds.get(event.kind).timeline(event.evidence, event.number, lang)
            detail = None
            if event.attachments:
                detail = t("tl.attachments", lang, count=len(event.attachments))
            out.append(TimelineEntry(event.at, "evidence.added", text, detail))
        elif isinstance(event, ev.SessionStarted):
            text = t(
                "tl.started",
                lang,
                playbook=event.playbook.title.get(lang),
                platform=event.platform,
                account=event.account,
            )
            out.append(TimelineEntry(event.at, event.type, text))
        elif isinstance(event, ev.StepMarked):
            text = t(f"tl.step.{event.status}", lang, title=title(event.step_id))
            parts = [p for p in (event.reason, event.note) if p]
            if event.forced:
                parts.insert(0, t("tl.forced", lang))
            out.append(TimelineEntry(event.at, event.type, text, " · ".join(parts) or None))
        elif isinstance(event, ev.StepAnswered):
            step = state.playbook.step(event.step_id)
            label = event.value
            if step:
                label = next(
                    (o.label.get(lang) for o in step.options if o.value == event.value), label
                )
            out.append(
                TimelineEntry(
                    event.at,
                    event.type,
                    t("tl.answered", lang, title=title(event.step_id), answer=label),
                    event.note,
                )
            )
        elif isinstance(event, ev.SessionClosed):
            out.append(TimelineEntry(event.at, event.type, t("tl.closed", lang), event.note))
        elif isinstance(event, ev.SessionReopened):
            out.append(TimelineEntry(event.at, event.type, t("tl.reopened", lang)))
        elif isinstance(event, ev.CaseTimestamped):
            when = event.time.strftime("%Y-%m-%d %H:%M:%S UTC")
            text = t("tl.timestamped", lang, time=when, authority=event.authority)
            detail = t("tl.timestamped-detail", lang, entries=event.entries, digest=event.digest)
            out.append(TimelineEntry(event.at, event.type, text, detail))
    return out

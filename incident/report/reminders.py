"""What goes on the calendar: the next follow-up with support and each open step's target.

``session_reminders(state, lang, now)`` turns a session into ``Reminder``s for
``calendar.render_calendar``; each says what to do and which command helps. Times already
past are left out (a calendar alarm for them would never ring) and counted in ``past``.
Day-scale deadlines the playbook gives for the platform (a police report within 7 days)
are events too, until the step that meets them is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from incident.catalog import t
from incident.core.state import SessionState
from incident.report.calendar import Reminder, deadline_reminders


@dataclass(frozen=True)
class Reminders:
    """The reminders still ahead, oldest first, and how many were already past."""

    ahead: tuple[Reminder, ...]
    past: int


def session_reminders(state: SessionState, lang: str, now: datetime) -> Reminders:
    """Every deadline of the session that is still ahead of ``now``."""
    found = [*_follow_up(state, lang), *_steps(state, lang), *_deadlines(state, lang)]
    ahead = sorted((r for r in found if r.start > now), key=lambda r: (r.start, r.key))
    return Reminders(tuple(ahead), len(found) - len(ahead))


def _deadlines(state: SessionState, lang: str) -> list[Reminder]:
    return deadline_reminders(state.id, state.deadlines(), lang) if state.is_open else []


def _follow_up(state: SessionState, lang: str) -> list[Reminder]:
    due = state.follow_up_due()
    if due is None or not state.is_open:
        return []
    tickets = state.tickets()
    lines = [t("remind.follow-up.why", lang, hours=state.playbook.follow_up_hours)]
    if tickets:
        lines.append(t("remind.follow-up.tickets", lang, tickets=", ".join(tickets)))
    lines.append(t("remind.follow-up.how", lang))
    return [
        Reminder(
            key=f"{state.id}/follow-up",
            title=t("remind.follow-up.title", lang, platform=state.platform),
            description="\n\n".join(lines),
            start=due,
        )
    ]


def _steps(state: SessionState, lang: str) -> list[Reminder]:
    """Each open step that applies: at its target, with why, how and the command."""
    if not state.is_open:
        return []
    out = []
    for step in state.engine.open_steps():
        command = (
            t("remind.step.answer", lang, step=step.id)
            if step.kind == "question"
            else t("remind.step.done", lang, step=step.id)
        )
        description = "\n\n".join(
            [step.why.get(lang), step.help.get(lang), command, t("remind.step.next", lang)]
        )
        out.append(
            Reminder(
                key=f"{state.id}/step/{step.id}",
                title=t("remind.step.title", lang, title=step.title.get(lang)),
                description=description,
                start=state.engine.due_at(step, state.discovered_at),
            )
        )
    return out

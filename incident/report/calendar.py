"""Deadlines on the user's phone: an iCalendar (RFC 5545) file of reminders.

``render_calendar(reminders, tz=, stamp=)`` gives one VEVENT per reminder, in the session's time
zone (TZID plus the VTIMEZONE that defines it), each with a display alarm some minutes before.
The icalendar library does the format: line folding and the escaping of ``\\ ; ,`` and
newlines. Control and bidi characters, which the format has no escape for, are dropped here.
Given the same reminders and ``stamp`` the bytes are the same: UIDs come from each reminder's
key, and DTSTAMP is ``stamp``.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from incident.catalog import t
from incident.playbook.deadlines import Due
from incident.times import zone

PRODID = "-//incident//incident remind//EN"
# UIDs are UUIDs derived from the reminder's key in this namespace (RFC 9562 version 5).
UID_NAMESPACE = uuid.UUID("4f1c2a5e-9d0b-5c7e-8a36-2b1f0e6d9c41")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class Reminder:
    """One deadline: ``key`` is stable across runs (it makes the UID), ``start`` is aware."""

    key: str
    title: str
    description: str
    start: datetime
    duration: timedelta = timedelta(minutes=30)


def uid(key: str) -> str:
    """The event's UID: the same key always gives the same UID, so a re-import updates it."""
    return str(uuid.uuid5(UID_NAMESPACE, key))


def render_calendar(
    reminders: Sequence[Reminder],
    *,
    tz: str,
    stamp: datetime,
    alarm_minutes: int | None = 30,
    name: str | None = None,
) -> bytes:
    """The ``.ics`` file: one event per reminder in zone ``tz``, each with an alarm
    ``alarm_minutes`` before it (None: no alarms). ``stamp`` is every event's DTSTAMP."""
    from icalendar import Alarm, Calendar, Event

    if alarm_minutes is not None and alarm_minutes < 0:
        raise ValueError("alarm_minutes must be 0 or more")
    if stamp.tzinfo is None or any(r.start.tzinfo is None for r in reminders):
        raise ValueError("stamp and every reminder's start must be aware datetimes")
    local = zone(tz)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", one_line(name))
    for reminder in reminders:
        event = Event()
        event.add("uid", uid(reminder.key))
        event.add("dtstamp", stamp.astimezone(UTC).replace(microsecond=0))
        event.add("dtstart", reminder.start.astimezone(local).replace(microsecond=0))
        event.add("duration", reminder.duration)
        event.add("summary", one_line(reminder.title))
        event.add("description", clean_text(reminder.description))
        if alarm_minutes is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", timedelta(minutes=-alarm_minutes))
            alarm.add("description", one_line(reminder.title))  # DISPLAY alarms need one
            event.add_component(alarm)
        calendar.add_component(event)
    if reminders:
        starts = [r.start.astimezone(local).date() for r in reminders]
        # The zone's rules a year either side of the events; enough for any calendar program.
        calendar.add_missing_timezones(
            first_date=min(starts) - timedelta(days=366),
            last_date=max(starts) + timedelta(days=366),
        )
    return bytes(calendar.to_ical())


def clean_text(text: str) -> str:
    """Text without control characters (newlines and tabs kept) or bidi controls."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch
        for ch in text
        if ch in "\n\t"
        or not (ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cs") or ch in "\u2028\u2029")
    )


def one_line(text: str) -> str:
    """``clean_text`` on one line: a title or an alarm's text."""
    return re.sub(r"\s*\n\s*", " ", clean_text(text)).replace("\t", " ").strip()


def deadline_reminders(session_id: str, dues: Sequence[Due], lang: str) -> list[Reminder]:
    """One reminder per platform deadline that has a date and is not met yet (issue 14).

    The key is the session and the deadline's id, so a re-import moves the event, not copies it.
    """
    out = []
    for d in dues:
        if d.at is None or d.met:
            continue
        title = t("deadline.reminder", lang, title=d.deadline.title.get(lang))
        why = d.deadline.why.get(lang)
        source = f"{t('deadline.source', lang)}: {d.deadline.source} ({d.deadline.checked})"
        out.append(
            Reminder(
                key=f"{session_id}/deadline/{d.deadline.id}",
                title=title,
                description=f"{why}\n\n{source}",
                start=d.at,
            )
        )
    return out

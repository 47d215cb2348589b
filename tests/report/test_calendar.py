"""The reminders file parses back with icalendar: right instants, zone, alarms and text."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incident.errors import UsageError
from incident.report.calendar import Reminder, clean_text, one_line, render_calendar, uid

STAMP = datetime(2026, 12, 2, 17, 40, tzinfo=UTC)
POLICE = Reminder(
    key="20261202-okx/deadline/police-report",
    title="File a police report (within 7 days)",
    description="Go to the police.\nBring the report: incident report -o report.pdf",
    start=datetime(2026, 12, 9, 2, 0, tzinfo=UTC),  # 10:00 in Shanghai
)
FOLLOW_UP = Reminder(
    key="20261202-okx/follow-up",
    title="Follow up with OKX support",
    description="Ask for the ticket's status.\nincident status",
    start=datetime(2026, 12, 2, 16, 30, tzinfo=UTC),  # 00:30 the next day in Shanghai
    duration=timedelta(minutes=15),
)


def parse(data: bytes) -> Any:
    from icalendar import Calendar

    return Calendar.from_ical(data)


def events(data: bytes) -> list[Any]:
    return list(parse(data).walk("VEVENT"))


def test_events_are_at_the_right_instants_in_the_session_zone() -> None:
    data = render_calendar([POLICE, FOLLOW_UP], tz="Asia/Shanghai", stamp=STAMP)
    calendar = parse(data)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    police, follow = events(data)
    assert police.decoded("dtstart").astimezone(UTC) == POLICE.start
    assert follow.decoded("dtstart").astimezone(UTC) == FOLLOW_UP.start
    assert police["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert "DTSTART;TZID=Asia/Shanghai:20261209T100000" in data.decode()
    assert "DTSTART;TZID=Asia/Shanghai:20261203T003000" in data.decode()
    assert police.decoded("duration") == timedelta(minutes=30)
    assert follow.decoded("duration") == timedelta(minutes=15)
    assert police.decoded("dtstamp") == STAMP
    assert str(police["SUMMARY"]) == POLICE.title
    assert str(police["DESCRIPTION"]) == POLICE.description


def test_a_zone_with_summer_time_gets_both_rules() -> None:
    winter = Reminder("w", "winter", "", datetime(2026, 12, 9, 9, 0, tzinfo=UTC))
    summer = Reminder("s", "summer", "", datetime(2027, 7, 9, 9, 0, tzinfo=UTC))
    data = render_calendar([winter, summer], tz="Europe/Berlin", stamp=STAMP)
    text = data.decode()
    assert "DTSTART;TZID=Europe/Berlin:20261209T100000" in text
    assert "DTSTART;TZID=Europe/Berlin:20270709T110000" in text
    (timezone,) = parse(data).walk("VTIMEZONE")
    kinds = {c.name for c in timezone.subcomponents}
    assert kinds == {"STANDARD", "DAYLIGHT"}
    assert [e.decoded("dtstart").astimezone(UTC) for e in events(data)] == [
        winter.start,
        summer.start,
    ]


def test_utc_sessions_are_written_in_utc() -> None:
    data = render_calendar([POLICE], tz="UTC", stamp=STAMP)
    (event,) = events(data)
    assert event.decoded("dtstart") == POLICE.start
    assert "DTSTART:20261209T020000Z" in data.decode()


def test_every_event_has_an_alarm_30_minutes_before_by_default() -> None:
    data = render_calendar([POLICE, FOLLOW_UP], tz="Asia/Shanghai", stamp=STAMP)
    for event, reminder in zip(events(data), [POLICE, FOLLOW_UP], strict=True):
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("trigger") == timedelta(minutes=-30)
        assert str(alarm["DESCRIPTION"]) == reminder.title


@pytest.mark.parametrize(("minutes", "trigger"), [(10, "-PT10M"), (120, "-PT2H"), (0, "P0D")])
def test_the_alarm_time_is_configurable(minutes: int, trigger: str) -> None:
    data = render_calendar([POLICE], tz="Asia/Shanghai", stamp=STAMP, alarm_minutes=minutes)
    (alarm,) = events(data)[0].walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(minutes=-minutes)
    assert f"TRIGGER:{trigger}" in data.decode()


def test_alarms_can_be_left_out() -> None:
    data = render_calendar([POLICE], tz="Asia/Shanghai", stamp=STAMP, alarm_minutes=None)
    assert events(data)[0].walk("VALARM") == []


def test_the_same_reminders_give_the_same_bytes_and_uids() -> None:
    a = render_calendar([POLICE, FOLLOW_UP], tz="Asia/Shanghai", stamp=STAMP, name="OKX")
    b = render_calendar([POLICE, FOLLOW_UP], tz="Asia/Shanghai", stamp=STAMP, name="OKX")
    assert a == b
    uids = [str(e["UID"]) for e in events(a)]
    assert uids == [uid(POLICE.key), uid(FOLLOW_UP.key)] and len(set(uids)) == 2
    later = render_calendar(
        [POLICE, FOLLOW_UP], tz="Asia/Shanghai", stamp=STAMP + timedelta(days=1), name="OKX"
    )
    assert later != a and [str(e["UID"]) for e in events(later)] == uids
    assert str(parse(a)["X-WR-CALNAME"]) == "OKX"


def test_the_calendar_has_what_rfc_5545_requires() -> None:
    data = render_calendar([POLICE], tz="Asia/Shanghai", stamp=STAMP)
    calendar = parse(data)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"]).startswith("-//")
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_user_text_is_escaped_and_controls_are_dropped() -> None:
    nasty = Reminder(
        key="k",
        title="Call OKX; ask, then\nwrite it down",
        description="Line one, with comma; and semicolon\\backslash\r\nline two\x07\x1b[31m "
        "\u202eevil\u202c\ttab",
        start=POLICE.start,
    )
    data = render_calendar([nasty], tz="Asia/Shanghai", stamp=STAMP)
    text = data.decode()
    assert "SUMMARY:Call OKX\\; ask\\, then write it down" in text
    unfolded = text.replace("\r\n ", "")
    assert (
        "DESCRIPTION:Line one\\, with comma\\; and semicolon\\\\backslash\\nline two[31m "
        "evil\ttab" in unfolded
    )
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e]", text)
    (event,) = events(data)
    assert str(event["SUMMARY"]) == "Call OKX; ask, then write it down"
    assert str(event["DESCRIPTION"]) == (
        "Line one, with comma; and semicolon\\backslash\nline two[31m evil\ttab"
    )


def test_naive_times_and_negative_alarms_are_refused() -> None:
    naive = Reminder("k", "t", "d", datetime(2026, 12, 9, 10, 0))
    with pytest.raises(ValueError, match="aware"):
        render_calendar([naive], tz="Asia/Shanghai", stamp=STAMP)
    with pytest.raises(ValueError, match="aware"):
        render_calendar([POLICE], tz="Asia/Shanghai", stamp=datetime(2026, 12, 2))
    with pytest.raises(ValueError, match="0 or more"):
        render_calendar([POLICE], tz="Asia/Shanghai", stamp=STAMP, alarm_minutes=-5)
    with pytest.raises(UsageError, match="unknown time zone"):
        render_calendar([POLICE], tz="Mars/Olympus", stamp=STAMP)


def test_no_reminders_is_an_empty_calendar() -> None:
    data = render_calendar([], tz="Asia/Shanghai", stamp=STAMP)
    assert events(data) == [] and str(parse(data)["VERSION"]) == "2.0"


@settings(max_examples=100, deadline=None)
@given(title=st.text(max_size=120), description=st.text(max_size=400))
def test_any_text_comes_back_as_its_cleaned_self(title: str, description: str) -> None:
    reminder = Reminder("k", title, description, POLICE.start)
    data = render_calendar([reminder], tz="Asia/Shanghai", stamp=STAMP)
    assert b"\n" not in data.replace(b"\r\n", b"")
    (event,) = events(data)
    assert str(event.get("DESCRIPTION", "")) == clean_text(description)
    summary = str(event.get("SUMMARY", ""))
    assert summary == one_line(title)
    assert not any(unicodedata.category(ch) == "Cc" for ch in summary)

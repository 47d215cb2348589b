from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from incident.errors import UsageError
from incident.times import fmt_duration, fmt_local, fmt_offset, parse_time


def test_time_without_offset_is_read_in_the_session_zone() -> None:
    assert parse_time("2026-11-25T10:00", "Asia/Shanghai") == datetime(
        2026, 11, 25, 2, 0, tzinfo=UTC
    )


def test_time_with_offset_keeps_it() -> None:
    assert parse_time("2026-11-25 10:00+01:00", "Asia/Shanghai") == datetime(
        2026, 11, 25, 9, 0, tzinfo=UTC
    )
    assert parse_time("2026-11-25T10:00Z", "Asia/Shanghai") == datetime(
        2026, 11, 25, 10, 0, tzinfo=UTC
    )


@pytest.mark.parametrize("text", ["yesterday", "25/11/2026", "2026-13-01T00:00", ""])
def test_unreadable_times_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError, match="cannot read"):
        parse_time(text, "UTC")


def test_unknown_zone() -> None:
    with pytest.raises(UsageError, match="unknown time zone"):
        parse_time("2026-11-25T10:00", "Mars/Olympus")


def test_formats() -> None:
    when = datetime(2026, 11, 25, 2, 5, tzinfo=UTC)
    assert fmt_local(when, "Asia/Shanghai") == "2026-11-25 10:05 CST"
    assert fmt_offset(timedelta(minutes=12)) == "T+00:12"
    assert fmt_offset(timedelta(days=1, minutes=61)) == "T+1d01:01"
    assert fmt_offset(timedelta(minutes=-90)) == "T-01:30"
    assert fmt_duration(timedelta(minutes=125)) == "2h 05m"
    assert fmt_duration(timedelta(days=2, hours=3)) == "2d 3h"

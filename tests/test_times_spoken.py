"""Times as people type them: HH:MM, yesterday, N hours ago, and the same in Chinese."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from incident.errors import UsageError
from incident.times import parse_time

# 2026-12-07 23:00 in Shanghai, 10:00 in New York.
NOW = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "zone", "expected"),
    [
        ("16:05", "Asia/Shanghai", datetime(2026, 12, 7, 8, 5, tzinfo=UTC)),
        ("09:30", "America/New_York", datetime(2026, 12, 7, 14, 30, tzinfo=UTC)),
        ("yesterday 15:00", "Asia/Shanghai", datetime(2026, 12, 6, 7, 0, tzinfo=UTC)),
        ("yesterday 15:00", "America/New_York", datetime(2026, 12, 6, 20, 0, tzinfo=UTC)),
        ("yesterday 3pm", "America/New_York", datetime(2026, 12, 6, 20, 0, tzinfo=UTC)),
        ("昨天 15:00", "Asia/Shanghai", datetime(2026, 12, 6, 7, 0, tzinfo=UTC)),
        ("昨天 15:00", "America/New_York", datetime(2026, 12, 6, 20, 0, tzinfo=UTC)),
        ("昨天下午3点", "Asia/Shanghai", datetime(2026, 12, 6, 7, 0, tzinfo=UTC)),
        ("下午3点", "Asia/Shanghai", datetime(2026, 12, 7, 7, 0, tzinfo=UTC)),
        ("上午9点半", "America/New_York", datetime(2026, 12, 7, 14, 30, tzinfo=UTC)),
        ("2小时前", "Asia/Shanghai", datetime(2026, 12, 7, 13, 0, tzinfo=UTC)),
        ("2小时前", "America/New_York", datetime(2026, 12, 7, 13, 0, tzinfo=UTC)),
        ("两小时前", "Asia/Shanghai", datetime(2026, 12, 7, 13, 0, tzinfo=UTC)),
        ("3 hours ago", "America/New_York", datetime(2026, 12, 7, 12, 0, tzinfo=UTC)),
        ("10 minutes ago", "Asia/Shanghai", datetime(2026, 12, 7, 14, 50, tzinfo=UTC)),
        ("2026-12-02 3:15pm", "Asia/Shanghai", datetime(2026, 12, 2, 7, 15, tzinfo=UTC)),
        ("2026-12-02T15:15", "America/New_York", datetime(2026, 12, 2, 20, 15, tzinfo=UTC)),
    ],
)
def test_spoken_times_give_the_instant_in_the_session_zone(
    typed: str, zone: str, expected: datetime
) -> None:
    assert parse_time(typed, zone, NOW) == expected


@pytest.mark.parametrize(
    ("typed", "zone", "understood"),
    [
        ("16:05", "America/New_York", "2026-12-07 16:05 EST"),  # today, six hours from now
        ("2026-12-10T09:00", "Asia/Shanghai", "2026-12-10 09:00 CST"),
        ("晚上11点半", "Asia/Shanghai", "2026-12-07 23:30 CST"),
    ],
)
def test_future_times_are_refused_showing_the_time_understood(
    typed: str, zone: str, understood: str
) -> None:
    with pytest.raises(UsageError) as caught:
        parse_time(typed, zone, NOW)
    assert understood in caught.value.render()
    assert "in the future" in caught.value.render()
    assert understood in caught.value.render(lang="zh") and "晚于当前时间" in caught.value.render(
        lang="zh"
    )


def test_a_few_minutes_of_clock_skew_are_not_the_future() -> None:
    assert parse_time("23:03", "Asia/Shanghai", NOW) == datetime(2026, 12, 7, 15, 3, tzinfo=UTC)


@pytest.mark.parametrize("typed", ["yesterday", "12", "01/02/2026", "2026-13-01 10:00", "soon"])
def test_guesses_are_refused(typed: str) -> None:
    with pytest.raises(UsageError, match="cannot read"):
        parse_time(typed, "Asia/Shanghai", NOW)


def test_without_a_clock_given_nothing_is_refused_as_future() -> None:
    # A replayed scenario (the demo) reads its own times whatever today's date is.
    assert parse_time("2999-01-01T00:00", "UTC") == datetime(2999, 1, 1, tzinfo=UTC)

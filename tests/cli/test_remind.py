"""`incident remind`: the .ics parses back with icalendar, one event per deadline, at the right
UTC instants for a session in Asia/Shanghai, each with its alarm and its command."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from incident.core import actions
from incident.core.store import Store
from incident.report.calendar import uid
from incident.report.reminders import session_reminders
from tests.conftest import Runner
from tests.factory import NOW, SessionFactory, typical

DISCOVERED = NOW - timedelta(hours=3)  # 2026-11-25 09:00 UTC, 17:00 in Shanghai


def parse(data: bytes) -> Any:
    from icalendar import Calendar

    return Calendar.from_ical(data)


def test_reminders_are_the_follow_up_and_every_open_step_at_its_target(
    make_session: SessionFactory,
) -> None:
    sid = make_session(evidence=typical())
    actions.mark_step(Store(), sid, "freeze-account", "done", now=NOW, force=True)
    state = Store().open(sid).state
    found = session_reminders(state, "en", DISCOVERED)  # nothing is past yet
    assert found.past == 0
    keys = {r.key: r for r in found.ahead}
    open_steps = state.engine.open_steps()
    assert "freeze-account" not in {s.id for s in open_steps}
    assert set(keys) == {f"{sid}/follow-up", *(f"{sid}/step/{s.id}" for s in open_steps)}
    police = keys[f"{sid}/step/police-report"]
    assert police.start == datetime(2026, 11, 26, 9, 0, tzinfo=UTC)  # 1440 min after discovery
    assert "incident step done police-report" in police.description
    follow = keys[f"{sid}/follow-up"]
    contact_at = state.contacts()[-1][0].at
    assert follow.start == contact_at + timedelta(hours=24)
    assert "T-123" in follow.description and "incident message follow-up" in follow.description
    question = keys[f"{sid}/step/can-you-log-in"]
    assert "incident answer can-you-log-in" in question.description
    # Later, what is past is left out and counted.
    later = session_reminders(state, "en", DISCOVERED + timedelta(hours=5))
    assert all(r.start > DISCOVERED + timedelta(hours=5) for r in later.ahead)
    assert later.past == len(found.ahead) - len(later.ahead) > 0


def test_a_closed_session_has_no_reminders(make_session: SessionFactory) -> None:
    sid = make_session(evidence=typical())
    actions.close(Store(), sid, now=NOW)
    assert session_reminders(Store().open(sid).state, "en", DISCOVERED).ahead == ()


def _started_now(run: Runner) -> str:
    discovered = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    out = run.ok(
        "start", "--playbook", "crypto-exchange", "--platform", "OKX",
        "--account", "lin@example.com", "--discovered-at", discovered.isoformat(),
        "--tz", "Asia/Shanghai", "--no-run", "--json",
    )  # fmt: skip
    import json

    return str(json.loads(out.stdout)["session_id"])


def test_the_ics_parses_back_with_the_right_instants_in_shanghai(
    run: Runner, tmp_path: Path
) -> None:
    sid = _started_now(run)
    run.ok(
        "evidence", "contact", "--session", sid, "--channel", "chat",
        "--summary", "Asked for a freeze", "--ticket", "T-9", "--url", "https://www.okx.com/help",
    )  # fmt: skip
    target = tmp_path / "incident.ics"
    result = run.ok("remind", "--session", sid, "-o", str(target), "--alarm-minutes", "45")
    state = Store().open(sid).state
    calendar = parse(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert f"Wrote {target}: {len(events)} reminders" in result.output
    assert [z["TZID"] for z in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    by_uid = {str(e["UID"]): e for e in events}
    due = {s.id: state.engine.due_at(s, state.discovered_at) for s in state.engine.open_steps()}
    expected = {uid(f"{sid}/step/{step}"): at for step, at in due.items() if at > datetime.now(UTC)}
    expected[uid(f"{sid}/follow-up")] = state.contacts()[-1][0].at + timedelta(hours=24)
    assert set(by_uid) == set(expected)  # one event per deadline still ahead
    for key, instant in expected.items():
        event = by_uid[key]
        assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
        start = event.decoded("dtstart")
        assert start.utcoffset() == timedelta(hours=8)
        assert start.astimezone(UTC) == instant.replace(microsecond=0)
        (alarm,) = list(event.walk("VALARM"))
        assert alarm.decoded("trigger") == timedelta(minutes=-45)
        assert "incident " in str(event["DESCRIPTION"])
    police = by_uid[uid(f"{sid}/step/police-report")]
    local = (state.discovered_at + timedelta(days=1)).astimezone(UTC) + timedelta(hours=8)
    assert f"DTSTART;TZID=Asia/Shanghai:{local:%Y%m%dT%H%M%S}" in target.read_text()
    assert str(police["SUMMARY"]) == "Due: File a police report"


def test_remind_in_chinese_and_without_a_follow_up(run: Runner, tmp_path: Path) -> None:
    sid = _started_now(run)
    target = tmp_path / "zh.ics"
    run.ok("remind", "--session", sid, "-o", str(target), "--lang", "zh")
    events = list(parse(target.read_bytes()).walk("VEVENT"))
    assert events and all(str(e["SUMMARY"]).startswith("截止：") for e in events)
    assert uid(f"{sid}/follow-up") not in {str(e["UID"]) for e in events}  # no contact yet


@pytest.mark.parametrize("minutes", ["-1", "abc"])
def test_a_wrong_alarm_is_a_usage_error(run: Runner, tmp_path: Path, minutes: str) -> None:
    sid = _started_now(run)
    result = run(
        "remind", "--session", sid, "-o", str(tmp_path / "x.ics"), "--alarm-minutes", minutes
    )
    assert result.exit_code == 2
    assert not (tmp_path / "x.ics").exists()

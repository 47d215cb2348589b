"""`incident evidence correct|retract`, `incident edit`, `incident step reset` end to end."""

from __future__ import annotations

import json
from typing import Any

from incident.core import actions
from tests.conftest import Runner
from tests.factory import SessionFactory, typical


def _evidence(run: Runner, sid: str) -> list[dict[str, Any]]:
    out = run.ok("evidence", "list", "--session", sid, "--json").stdout
    return list(json.loads(out)["evidence"])


def test_correct_and_retract(run: Runner, make_session: SessionFactory) -> None:
    sid = make_session(evidence=typical())
    out = run.ok(
        "evidence", "correct", "E1", "--amount", "1000.50", "--reason", "typo", "--session", sid
    )
    assert "Corrected E1" in out.stdout
    run.ok("evidence", "retract", "E2", "--reason", "typed twice", "--session", sid)
    listed = _evidence(run, sid)
    assert [e["state"] for e in listed] == ["corrected", "retracted", "active", "active"]
    assert listed[0]["amount"] == "1000.50"
    text = run.ok("evidence", "list", "--session", sid).stdout
    assert "[corrected] E1" in text and "1,000.50 USDT" in text and "[retracted] E2" in text
    md = run.ok("export", "--format", "markdown", "--session", sid).stdout
    assert "## Corrections" in md and "typed twice" in md and "1,520.5 → 1,000.50" in md
    assert run.ok("verify", "--session", sid, "--json").stdout


def test_bad_corrections_are_one_line_errors_and_change_nothing(
    run: Runner, make_session: SessionFactory
) -> None:
    sid = make_session(evidence=typical())
    before = _evidence(run, sid)
    for args in (
        ["evidence", "correct", "E1", "--amount", "twelve"],
        ["evidence", "correct", "E1", "--channel", "chat"],
        ["evidence", "correct", "E9", "--amount", "1"],
        ["evidence", "correct", "E1"],
        ["evidence", "correct", "E1", "--note", "password: Tr0ub4dor&3"],
        ["evidence", "retract", "E1"],  # a reason is required
        ["edit"],
        ["edit", "--tz", "Nowhere/Land"],
        ["step", "reset", "cancel-pending-withdrawals"],  # still to do
        ["step", "reset", "no-such-step"],
    ):
        result = run(*args, "--session", sid)
        assert result.exit_code != 0, args
        assert isinstance(result.exception, SystemExit), (args, result.exception)
        assert "Error: " in result.output and "Traceback" not in result.output, args
    assert _evidence(run, sid) == before
    error = run("evidence", "correct", "E1", "--channel", "chat", "--session", sid).output
    assert "--channel is not a field of transaction entries" in error


def test_edit_changes_status_and_list(run: Runner, make_session: SessionFactory) -> None:
    sid = make_session()
    before = json.loads(run.ok("status", "--session", sid, "--json").stdout)
    out = run.ok(
        "edit",
        "--session",
        sid,
        "--platform",
        "Binance",
        "--discovered-at",
        "2026-11-25 16:00",
        "--reason",
        "wrong exchange",
        "--json",
    ).stdout
    assert json.loads(out)["changed"]["platform"] == "Binance"
    after = json.loads(run.ok("status", "--session", sid, "--json").stdout)
    assert after["platform"] == "Binance" and after["platform_id"] == "binance"
    assert after["discovered_at"] == "2026-11-25T08:00:00+00:00" != before["discovered_at"]
    listed = json.loads(run.ok("list", "--json").stdout)
    assert listed[0]["platform"] == "Binance"


def test_step_reset(run: Runner, make_session: SessionFactory) -> None:
    sid = make_session()
    run.ok("answer", "can-you-log-in", "yes", "--session", sid)
    run.ok("step", "done", "cancel-pending-withdrawals", "--session", sid)
    out = run.ok(
        "step", "reset", "cancel-pending-withdrawals", "--reason", "not yet", "--session", sid
    )
    assert "cancel-pending-withdrawals: to do" in out.stdout
    state = json.loads(run.ok("status", "--session", sid, "--json").stdout)
    assert state["progress"]["done"] == 1  # only the answer is left
    export = json.loads(run.ok("export", "--format", "json", "--session", sid).stdout)
    assert any(e["type"] == "step.reset" for e in export["timeline"])
    assert export["corrections"][0]["action"] == "reset"


def test_an_unofficial_contact_does_not_time_the_follow_up(
    run: Runner, make_session: SessionFactory
) -> None:
    unofficial = actions.contact(
        channel="email", summary="they asked for my code", url="help@okx-support-desk.com"
    )
    sid = make_session(evidence=[unofficial])
    state = json.loads(run.ok("status", "--session", sid, "--json").stdout)
    assert state["follow_up_due"] is None
    follow = run.ok("message", "follow-up", "--session", sid).stdout
    assert "I last contacted you" not in follow

"""Session commands end to end through Click's CliRunner, error paths included."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import Runner


def journal_bytes(home: Path) -> dict[str, bytes]:
    return {
        str(p): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file() and p.name != "lock"
    }


def test_start_prints_the_session_id(run: Runner) -> None:
    result = run.ok(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "OKX",
        "--account",
        "a@b.c",
        "--no-run",
    )
    sid = result.stdout.strip().splitlines()[0]
    assert len(sid) == len("20261125-abcdef")
    listed = json.loads(run.ok("list", "--json").stdout)
    assert [r["session_id"] for r in listed] == [sid]
    assert listed[0]["platform"] == "OKX" and listed[0]["status"] == "open"


def test_start_json_and_without_terminal_does_not_run(run: Runner) -> None:
    result = run.ok(
        "start",
        "--playbook",
        "email-account",
        "--platform",
        "Gmail",
        "--account",
        "x@gmail.com",
        "--json",
    )
    assert set(json.loads(result.stdout)) == {"session_id", "playbook"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--playbook", "no-such-book"], "no playbook named 'no-such-book'"),
        (["--playbook", "crypto-exchange", "--discovered-at", "nightish"], "cannot read"),
        (["--playbook", "crypto-exchange", "--tz", "Nowhere/City"], "unknown time zone"),
        (["--playbook", "crypto-exchange", "--discovered-at", "2999-01-01T00:00"], "in the future"),
        (["--playbook", "missing.yaml"], "no such file"),
    ],
)
def test_start_refuses_bad_input_and_writes_nothing(
    run: Runner, incident_home: Path, args: list[str], message: str
) -> None:
    result = run("start", "--platform", "OKX", "--account", "a@b.c", "--no-run", *args)
    assert result.exit_code in (1, 2)
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (incident_home / "sessions").exists() or not any(
        (incident_home / "sessions").iterdir()
    )


def test_start_with_unknown_platform_warns(run: Runner) -> None:
    result = run.ok(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "TinyDEX",
        "--account",
        "u1",
        "--no-run",
        "--yes",
    )
    assert "not one of this playbook's platforms" in result.output


def test_status_counts_time_and_next_steps(run: Runner, session: str) -> None:
    data = json.loads(run.ok("status", "--json").stdout)
    assert data["session_id"] == session
    assert 59 <= data["minutes_since_discovery"] <= 61
    assert data["next"][0]["id"] == "can-you-log-in"
    # The question was due within minutes, so after an hour it is overdue.
    assert "can-you-log-in" in [s["id"] for s in data["overdue"]]
    assert data["follow_up_due"] is None
    text = run.ok("status").stdout
    assert "can-you-log-in" in text and "Time since discovery: 1h" in text


def test_status_in_chinese(run: Runner) -> None:
    run.ok(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "OKX",
        "--account",
        "a",
        "--lang",
        "zh",
        "--no-run",
    )
    text = run.ok("status").stdout
    assert "下一步" in text and "距发现已过" in text


def test_answer_chooses_the_branch(run: Runner, session: str) -> None:
    run.ok("answer", "can-you-log-in", "no")
    nxt = [s["id"] for s in json.loads(run.ok("next", "--json").stdout)["next"]]
    assert "request-freeze-by-email" in nxt and "freeze-account" not in nxt
    refused = run("step", "done", "freeze-account")
    assert refused.exit_code == 1 and "does not apply" in refused.output
    run.ok("answer", "can-you-log-in", "yes")
    nxt = [s["id"] for s in json.loads(run.ok("next", "--json").stdout)["next"]]
    # On OKX the self-freeze is offered only once the routing question says it cannot trap you.
    assert "okx-self-freeze-check" in nxt and "freeze-account" not in nxt
    run.ok("answer", "okx-self-freeze-check", "self-freeze")
    nxt = [s["id"] for s in json.loads(run.ok("next", "--json").stdout)["next"]]
    assert "freeze-account" in nxt and "request-freeze-by-email" not in nxt


def test_answer_accepts_labels_and_refuses_others(run: Runner, session: str) -> None:
    bad = run("answer", "can-you-log-in", "maybe")
    assert bad.exit_code == 2 and "answer one of: yes, no" in bad.output
    not_question = run("answer", "secure-email", "yes")
    assert not_question.exit_code == 1 and "is not a question" in not_question.output


def test_requires_are_enforced_and_force_is_recorded(run: Runner, session: str) -> None:
    run.ok("answer", "can-you-log-in", "yes")
    refused = run("step", "done", "change-password")
    assert refused.exit_code == 1
    assert "needs regained-access, check-device, secure-email done first" in refused.output
    forced = run.ok("step", "done", "change-password", "--force")
    assert "override recorded" in forced.output
    steps = {s["id"]: s for s in json.loads(run.ok("export", "--format", "json").stdout)["steps"]}
    assert steps["change-password"]["status"] == "done"
    assert steps["change-password"]["forced"] is True
    assert steps["change-password"]["unmet_when_forced"] == [
        "regained-access",
        "check-device",
        "secure-email",
    ]


def test_skip_needs_a_reason_and_fail_keeps_it(run: Runner, session: str) -> None:
    no_reason = run("step", "skip", "secure-email")
    assert no_reason.exit_code == 2 and "needs a reason" in no_reason.output
    run.ok("step", "skip", "secure-email", "--reason", "Exchange login uses a phone number only")
    run.ok("step", "fail", "review-logins", "--reason", "History page would not load")
    steps = {s["id"]: s for s in json.loads(run.ok("export").stdout)["steps"]}
    assert steps["secure-email"]["status"] == "skipped"
    assert steps["secure-email"]["reason"] == "Exchange login uses a phone number only"
    assert steps["review-logins"]["status"] == "failed"


def test_done_twice_and_unknown_step(run: Runner, session: str) -> None:
    run.ok("step", "done", "check-device")
    run.ok("step", "done", "secure-email")
    again = run("step", "done", "secure-email")
    assert again.exit_code == 1 and "already done" in again.output
    unknown = run("step", "done", "secure-emial")
    assert unknown.exit_code == 1 and "did you mean “secure-email”" in unknown.output
    question = run("step", "done", "can-you-log-in")
    assert question.exit_code == 1 and "incident answer can-you-log-in" in question.output


def test_unknown_session_is_an_error(run: Runner, session: str) -> None:
    result = run("status", "--session", "19990101-000000")
    assert result.exit_code == 1 and "no session" in result.output


def test_no_session_yet(run: Runner) -> None:
    result = run("status")
    assert result.exit_code == 1 and "incident start" in result.output


def test_session_prefix_and_most_recent(run: Runner, session: str) -> None:
    other = json.loads(
        run.ok(
            "start",
            "--playbook",
            "generic-account",
            "--platform",
            "Forum",
            "--account",
            "me",
            "--no-run",
            "--json",
        ).stdout
    )["session_id"]
    assert json.loads(run.ok("status", "--json").stdout)["session_id"] == other
    prefix_len = next(i for i in range(len(session)) if session[: i + 1] != other[: i + 1]) + 1
    assert (
        json.loads(run.ok("status", "--json", "--session", session[:prefix_len]).stdout)[
            "session_id"
        ]
        == session
    )


def test_close_and_reopen(run: Runner, session: str) -> None:
    run.ok("close", "--note", "Recovered")
    result = run("status")
    assert result.exit_code == 1 and "every session is closed" in result.output
    refused = run("evidence", "add", "--note", "late", "--session", session)
    assert refused.exit_code == 1 and "closed" in refused.output
    again = run("close", "--session", session)
    assert again.exit_code == 1
    run.ok("reopen", "--session", session)
    run.ok("evidence", "add", "--note", "after reopening")


def test_export_markdown_to_file(run: Runner, session: str, tmp_path: Path) -> None:
    run.ok(
        "evidence",
        "tx",
        "--time",
        "2026-11-25T04:52",
        "--type",
        "withdrawal",
        "--asset",
        "usdt",
        "--amount",
        "9800.10",
        "--txid",
        "ab" * 32,
        "--network",
        "TRC20",
    )
    target = tmp_path / "out.md"
    run.ok("export", "--format", "markdown", "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert "ab" * 32 in text and "9,800.10" in text and "USDT" in text  # one amount formatter
    zh = run.ok("export", "--format", "markdown", "--lang", "zh").stdout
    assert "未授权交易" in zh
    bad = run("export", "-o", str(tmp_path / "missing-dir" / "x.md"))
    assert bad.exit_code == 2 and "does not exist" in bad.output


def test_verify_reports_count_and_head(run: Runner, session: str) -> None:
    run.ok("evidence", "add", "--note", "first")
    data = json.loads(run.ok("verify", "--json").stdout)
    assert data["ok"] is True and data["entries"] == 2 and len(data["head_hash"]) == 64
    assert data["head_hash"] in run.ok("verify").stdout


def test_verify_exits_3_on_a_changed_journal(
    run: Runner, session: str, incident_home: Path
) -> None:
    run.ok("evidence", "add", "--note", "first")
    journal = incident_home / "sessions" / session / "journal.log"
    data = bytearray(journal.read_bytes())
    data[len(data) // 2] ^= 0x01
    journal.write_bytes(bytes(data))
    result = run("verify")
    assert result.exit_code == 3
    assert "entry" in result.output


def test_follow_up_due_after_a_contact(run: Runner, session: str) -> None:
    run.ok(
        "evidence",
        "contact",
        "--channel",
        "chat",
        "--summary",
        "Asked for a freeze",
        "--ticket",
        "T-1",
        "--url",
        "https://www.okx.com/help",
    )
    data = json.loads(run.ok("status", "--json").stdout)
    due = datetime.fromisoformat(data["follow_up_due"])
    assert timedelta(hours=23) < due - datetime.now(UTC) <= timedelta(hours=24)
    assert "Next follow-up with support: " in run.ok("status").stdout


def test_wrong_passphrase_is_one_line(run: Runner, session: str) -> None:
    from incident.journal import keys

    keys.forget_cached()
    result = run("status", env={"INCIDENT_PASSPHRASE": "wrong"})
    assert result.exit_code == 1
    assert result.output.strip() == "Error: wrong passphrase (nothing was changed; try again)"


def test_overlong_account_is_a_one_line_error(run: Runner, incident_home: Path) -> None:
    result = run(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "OKX",
        "--account",
        "a" * 5000,
        "--no-run",
    )
    assert result.exit_code == 2
    assert result.output.strip() == "Error: --account is longer than 400 characters"

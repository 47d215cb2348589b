"""The right session: a mistyped platform is caught, every write names its session, and
`list` tells open sessions apart."""

from __future__ import annotations

import json
from pathlib import Path

import pexpect

from tests.conftest import Runner

START = ["start", "--playbook", "crypto-exchange", "--account", "38800123", "--no-run"]


def sessions(home: Path) -> list[Path]:
    folder = home / "sessions"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_mistyped_platform_is_refused_with_the_closest_off_a_terminal(
    run: Runner, incident_home: Path
) -> None:
    result = run(*START, "--platform", "Binanse")
    assert result.exit_code == 2
    assert "did you mean Binance?" in result.output and "--yes" in result.output
    assert sessions(incident_home) == []
    zh = run(*START, "--platform", "Binanse", "--lang", "zh")
    assert "你是不是要找 Binance" in zh.output and sessions(incident_home) == []
    sid = json.loads(run.ok(*START, "--platform", "Binanse", "--yes", "--json").stdout)
    assert sessions(incident_home) and sid["session_id"]


def test_on_a_terminal_the_closest_platform_is_offered(incident_home: Path) -> None:
    import os
    import sys

    child = pexpect.spawn(
        sys.executable,
        ["-m", "incident", *START, "--platform", "Binanse", "--json"],
        env=dict(os.environ),
        encoding="utf-8",
        timeout=30,
    )
    child.expect_exact("Did you mean Binance?")
    child.sendline("y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    printed = child.before or ""
    sid = json.loads(printed[printed.index("{") :])["session_id"]
    first = json.loads(
        pexpect.run(
            f"{sys.executable} -m incident status --json --session {sid}",
            env=dict(os.environ),
            encoding="utf-8",
        )
    )
    assert first["platform"] == "Binance"


def test_writes_name_their_session_and_a_second_one_is_told(run: Runner) -> None:
    a = json.loads(run.ok(*START, "--platform", "Binance", "--json").stdout)["session_id"]
    second = run.ok(*START[:3], "--platform", "OKX", "--account", "lin@x.cn", "--no-run")
    b = second.stdout.strip()
    assert "Started session" in second.stderr and "1 other open session" in second.stderr
    # Without --session, a write says which of the two it chose; with it, it just says it.
    out = run.ok("evidence", "add", "--note", "the withdrawal page")
    assert f"Using session {b} (OKX / lin@x.cn)" in out.stderr
    assert f"in session {b} (OKX / lin@x.cn)" in out.stdout
    out = run.ok("step", "done", "freeze-account", "--force", "--session", a)
    assert "Using session" not in out.stderr and f"session {a}, Binance / 38800123" in out.stdout
    out = run.ok("answer", "can-you-log-in", "no", "--session", a)
    assert f"session {a}, Binance / 38800123" in out.stdout


def test_list_tells_two_sessions_on_one_account_apart(run: Runner) -> None:
    run.ok(*START, "--platform", "Binance", "--discovered-at", "2026-11-25 07:00", "--tz", "UTC")
    run.ok(*START, "--platform", "Binance", "--discovered-at", "2026-11-26 09:30", "--tz", "UTC")
    run.ok("answer", "can-you-log-in", "yes")
    lines = run.ok("list").stdout.splitlines()
    details = [line for line in lines if line.startswith("    ")]
    assert len(details) == 2 and details[0] != details[1]
    assert "discovered 2026-11-26 09:30" in details[0] and "1/" in details[0]
    assert "discovered 2026-11-25 07:00" in details[1] and "0/" in details[1]
    rows = json.loads(run.ok("list", "--json").stdout)
    assert [r["progress"]["done"] for r in rows] == [1, 0]


def test_answer_takes_the_number_the_runner_shows(run: Runner, session: str) -> None:
    shown = run.ok("next").stdout
    assert "[2] no" in shown
    run.ok("answer", "can-you-log-in", "2")
    assert json.loads(run.ok("status", "--json").stdout)["next"][0]["id"] != "can-you-log-in"
    nxt = [s["id"] for s in json.loads(run.ok("next", "--json").stdout)["next"]]
    assert "request-freeze-by-email" in nxt

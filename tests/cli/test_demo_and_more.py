"""The demo, and the human output of list and next."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import Runner


def test_demo_writes_the_report_without_touching_the_data_folder(
    run: Runner, tmp_path: Path, incident_home: Path, monkeypatch: object
) -> None:
    import os

    os.environ.pop("INCIDENT_PASSPHRASE", None)  # the demo needs neither keyring nor passphrase
    target = tmp_path / "demo.pdf"
    result = run.ok("demo", "-o", str(target))
    assert "20 unauthorized transactions" in result.output
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 20_000
    assert not (incident_home / "sessions").exists() or not any(
        (incident_home / "sessions").iterdir()
    )


def test_demo_scenario_is_realistic() -> None:
    from incident.demo import load_scenario

    scenario = load_scenario()
    txs = [a for a in scenario.actions if a.tx]
    assert len(txs) == 20
    assert sum(1 for a in scenario.actions if a.login) >= 2
    assert len({a.ticket for a in scenario.actions if a.contact and a.ticket}) >= 1
    assert sum(1 for a in scenario.actions if a.contact) >= 2
    notes = " ".join(a.note or "" for a in scenario.actions)
    assert any("\u4e00" <= c <= "\u9fff" for c in notes) and "withdrawal" in notes.lower()
    assert len(scenario.screenshots) >= 3


def test_list_human(run: Runner, session: str) -> None:
    out = run.ok("list").stdout
    assert session in out and "open" in out and "OKX / lin@example.com" in out


def test_list_empty(run: Runner) -> None:
    assert "No sessions yet" in run.ok("list").stdout


def test_next_human_question_then_action(run: Runner, session: str) -> None:
    out = run.ok("next").stdout
    assert "can-you-log-in" in out and "incident answer can-you-log-in" in out
    run.ok("answer", "can-you-log-in", "yes")
    out = run.ok("next").stdout
    # pending withdrawals come first, within minutes and before the freeze
    assert "cancel-pending-withdrawals" in out
    assert "incident step done cancel-pending-withdrawals" in out
    assert "OKX:" in out  # the platform's own note


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "incident", "--help"], capture_output=True, text=True, check=True
    )
    assert "Usage:" in result.stdout and "start" in result.stdout


def test_unexpected_errors_are_one_line(run: Runner, session: str, monkeypatch: object) -> None:
    import incident.core.status as status_mod

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    import pytest

    mp = pytest.MonkeyPatch()
    mp.setattr(status_mod, "status", boom)
    try:
        result = run("status")
    finally:
        mp.undo()
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: unexpected RuntimeError: disk on fire")

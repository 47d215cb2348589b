"""Shared fixtures: every test gets its own data folder and a passphrase-kept key."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from incident.journal import keys
from tests.factory import SessionFactory


@pytest.fixture(autouse=True)
def incident_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point INCIDENT_HOME at a fresh folder; use the passphrase path unless a test says not."""
    home = tmp_path / "incident-home"
    monkeypatch.setenv("INCIDENT_HOME", str(home))
    monkeypatch.setenv("INCIDENT_PASSPHRASE", "correct horse battery staple")
    monkeypatch.setenv("INCIDENT_LOCK_TIMEOUT", "2")
    monkeypatch.delenv("INCIDENT_DEBUG", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    keys.forget_cached()
    yield home
    keys.forget_cached()


@pytest.fixture
def run() -> Runner:
    return Runner()


class Runner:
    """CliRunner with the incident command; returns the Result and never raises."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(
        self, *args: str, input: str | None = None, env: dict[str, str] | None = None
    ) -> Result:
        from incident.cli import cli

        return self.runner.invoke(cli, list(args), input=input, env=env, catch_exceptions=True)

    def ok(self, *args: str, input: str | None = None) -> Result:
        result = self(*args, input=input)
        assert result.exit_code == 0, (
            f"exit {result.exit_code}: {result.output}\n{result.exception!r}"
        )
        return result


@pytest.fixture
def session(run: Runner) -> str:
    """A crypto-exchange session for OKX discovered an hour ago, in Asia/Shanghai."""
    from datetime import UTC, datetime, timedelta

    discovered = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    result = run.ok(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "OKX",
        "--account",
        "lin@example.com",
        "--discovered-at",
        discovered,
        "--tz",
        "Asia/Shanghai",
        "--no-run",
        "--json",
    )
    import json

    return str(json.loads(result.stdout)["session_id"])


@pytest.fixture
def make_session() -> SessionFactory:
    """Sessions with evidence, made through the core: ``sid = make_session(evidence=[...])``."""
    from incident.core.store import Store

    return SessionFactory(Store())


def has_tool(name: str) -> bool:
    from shutil import which

    return which(name) is not None


os.environ.setdefault("HYPOTHESIS_PROFILE", "default")

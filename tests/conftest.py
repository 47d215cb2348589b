"""Shared fixtures: every test gets its own data folder and a passphrase-kept key."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

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


# Hypothesis profiles, chosen by HYPOTHESIS_PROFILE (CI=1 picks "ci"):
#   default  what a developer runs: random examples, the database remembers failures
#   ci       a fixed number of examples per test, failures printed as a reproduction blob
#   repro    derandomized: the same examples on every run and machine, to reproduce one
# A test that fixes its own max_examples keeps it; the command-line fuzz tests
# (tests/security/test_fuzz_text.py) run a quarter of the profile's number, as each
# example is a dozen commands and a PDF.
settings.register_profile("default", deadline=None)
settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
settings.register_profile(
    "repro", max_examples=100, deadline=None, derandomize=True, database=None, print_blob=True
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
os.environ["HYPOTHESIS_PROFILE"] = PROFILE
settings.load_profile(PROFILE)

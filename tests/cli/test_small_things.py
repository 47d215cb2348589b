"""Small things a new user trips on: a closed pipe, cut help lines, where step ids come from,
the first passphrase prompt, and `key status` before anything is set up."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pexpect
import pytest
from click.testing import CliRunner

from incident.cli import cli
from tests.conftest import Runner


def test_a_closed_pipe_ends_quietly(session: str, run: Runner) -> None:
    for n in range(3):
        run.ok("evidence", "add", "--note", f"note {n}")
    # The reader is gone before the command writes a byte: its first write fails.
    child = subprocess.Popen(
        [sys.executable, "-m", "incident", "evidence", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ),
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()
    err = child.stderr.read().decode()
    child.wait(timeout=60)
    assert err == "" and child.returncode == 1


def _groups() -> list[tuple[str, click.Group]]:
    found: list[tuple[str, click.Group]] = [("incident", cli)]
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        if isinstance(command, click.Group):
            found.append((f"incident {name}", command))
    return found


@pytest.mark.parametrize(("name", "group"), _groups(), ids=lambda v: str(v).split()[-1])
def test_help_summaries_end_at_a_sentence(name: str, group: click.Group) -> None:
    args = name.split()[1:]
    out = CliRunner().invoke(cli, [*args, "--help"], terminal_width=80).output
    listing = out.split("Commands:\n", 1)[1]
    summaries: list[str] = []
    for line in listing.splitlines():
        if re.match(r"  \S", line):
            summaries.append(line.split(None, 1)[1] if len(line.split(None, 1)) > 1 else "")
        elif line.strip():
            summaries[-1] += " " + line.strip()
    assert summaries
    for summary in summaries:
        assert not summary.endswith("...") and summary.endswith((".", ".)", ")")), summary


@pytest.mark.parametrize(
    "args",
    [("step", "done"), ("step", "skip"), ("step", "fail"), ("answer",), ("evidence", "tx")],
)
def test_every_command_taking_a_step_id_says_where_ids_come_from(
    run: Runner, args: tuple[str, ...]
) -> None:
    text = " ".join(run.ok(*args, "--help").output.split())
    assert "incident status" in text


def test_the_first_passphrase_prompt_says_what_it_is(tmp_path: Path) -> None:
    env = dict(os.environ)
    env.pop("INCIDENT_PASSPHRASE", None)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["INCIDENT_HOME"] = str(tmp_path / "home")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "incident", "start", "--playbook", "crypto-exchange", "--platform", "OKX",
         "--account", "a@b.c", "--no-run"],
        env=env, encoding="utf-8", timeout=60, dimensions=(24, 200),
    )  # fmt: skip
    child.expect_exact("Passphrase for incident's data")
    said = " ".join((child.before or "").split())
    assert "cannot be recovered" in said
    assert "keyring" in said and "incident key export" in said
    child.sendline("a long passphrase 1")
    child.expect_exact("Repeat the passphrase")
    child.sendline("a long passphrase 1")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_key_status_on_a_fresh_home(run: Runner, incident_home: Path) -> None:
    out = run.ok("key", "status").output
    assert "Nothing is set up yet" in out and "None" not in out
    assert "尚未设置任何内容" in run.ok("key", "status", "--lang", "zh").output

"""The security review's findings 4-10, each attack reproduced and shown refused with a
one-line message, nothing recorded lost and no file overwritten."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from click.testing import Result

from tests.conftest import Runner
from tests.security.disk import changed, snapshot

SRC = Path(__file__).resolve().parents[2] / "incident"


def one_line_error(result: Result) -> str:
    assert result.exit_code != 0, result.output
    err = result.stderr
    assert "Traceback" not in err
    errors = [x for x in err.splitlines() if x.startswith("Error: ")]
    assert len(errors) == 1 and err.strip().splitlines()[-1] == errors[0], err
    return errors[0]


# -- 6: one atomic writer, temp files nobody can guess or plant a link at ----------------
def test_one_atomic_writer_for_the_whole_project() -> None:
    """Only incident/paths.py renames temp files into place or makes them."""
    writers = {
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if re.search(
            r"os\.replace\(|os\.rename\(|mkstemp\(|\.rename\(|\.replace\(tmp", p.read_text()
        )
    }
    assert writers == {"paths.py"}, writers


def test_outputs_are_private_and_never_written_through_a_link(
    run: Runner, session: str, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("the victim's own file")
    out = tmp_path / "shared"
    out.mkdir(mode=0o777)
    planted = out / "report.json"
    planted.symlink_to(victim)
    # Without --force the planted name is refused; with it the link itself is replaced.
    one_line_error(run("export", "--format", "json", "-o", str(planted)))
    run.ok("export", "--format", "json", "-o", str(planted), "--force")
    assert victim.read_text() == "the victim's own file"
    assert not planted.is_symlink()
    assert stat.S_IMODE(planted.stat().st_mode) == 0o600
    assert [p.name for p in out.iterdir()] == ["report.json"]  # no temp file left behind


# -- 10: -o over an existing file -------------------------------------------------------
def test_output_over_an_existing_file_is_refused(run: Runner, session: str, tmp_path: Path) -> None:
    evidence = tmp_path / "withdrawals.png"
    evidence.write_bytes(b"\x89PNG the only copy of the evidence")
    for args in (
        ("report", "-o", str(evidence)),
        ("export", "--format", "markdown", "-o", str(evidence)),
    ):
        message = one_line_error(run(*args))
        assert "already exists" in message and "--force" in message
        assert evidence.read_bytes() == b"\x89PNG the only copy of the evidence"
    run.ok("export", "--format", "markdown", "-o", str(evidence), "--force")
    assert evidence.read_bytes().startswith(b"#")


# -- 7: a missing key must not orphan every session -------------------------------------
def _start(run: Runner, home: Path) -> str:
    result = run(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "OKX",
        "--account",
        "lin@example.com",
        "--no-run",
        "--json",
        env={"INCIDENT_HOME": str(home)},
    )
    assert result.exit_code == 0, result.output
    import json

    return str(json.loads(result.stdout)["session_id"])


def test_no_new_key_while_sessions_exist(run: Runner, tmp_path: Path) -> None:
    import shutil

    old, moved = tmp_path / "old", tmp_path / "moved"
    _start(run, old)
    moved.mkdir(mode=0o700)
    shutil.copytree(old / "sessions", moved / "sessions")  # copied without key.json
    before = snapshot(moved)
    env = {"INCIDENT_HOME": str(moved)}
    message = one_line_error(
        run(
            "start",
            "--playbook",
            "crypto-exchange",
            "--platform",
            "OKX",
            "--account",
            "x@example.com",
            "--no-run",
            env=env,
        )
    )
    assert "key import" in message and "no new key" in message
    assert changed(before, snapshot(moved)) == []  # no key.json made, no session touched


def test_another_key_is_not_called_tampering(run: Runner, tmp_path: Path) -> None:
    import shutil

    a, b = tmp_path / "a", tmp_path / "b"
    sid_a = _start(run, a)
    sid_b = _start(run, b)  # b has a key of its own
    shutil.copytree(a / "sessions" / sid_a, b / "sessions" / sid_a)
    env = {"INCIDENT_HOME": str(b)}
    for args in (("status", "--session", sid_a), ("verify", "--session", sid_a)):
        result = run(*args, env=env)
        message = one_line_error(result)
        assert result.exit_code != 3, message  # 3 means tampering
        assert "does not open" in message and "key import" in message
    listed = run("list", env=env)
    assert listed.exit_code == 0 and sid_b in listed.stdout and sid_a not in listed.stdout
    assert f"session {sid_a} skipped" in listed.stderr
    # Tampering with the head is still tampering (exit 3).
    head = b / "sessions" / sid_b / "head.json"
    head.write_text(head.read_text().replace('"count": 1', '"count": 2'))
    assert run("verify", "--session", sid_b, env=env).exit_code == 3

"""Promise 9: two processes on one session: one waits (or, past INCIDENT_LOCK_TIMEOUT, fails
with a clear 'in use' message); no event is lost and the journal stays valid."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from incident.core.store import Store
from incident.core.verify import verify_session

from .disk import changed, snapshot
from .subproc import env, incident

WRITERS = 6


def _spawn(*args: str, **changes: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "incident", *args],
        env=env(**changes),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_concurrent_writers_all_get_recorded(session: str, incident_home: Path) -> None:
    procs = []
    for i in range(WRITERS):
        if i % 4 == 3:
            args: tuple[str, ...] = ("step", "fail", "secure-email", "--note", f"writer {i}")
        else:
            args = ("evidence", "add", "--note", f"writer {i}")
        procs.append(_spawn(*args, "--session", session, INCIDENT_LOCK_TIMEOUT="120"))
    # readers at the same time must never see a broken journal
    readers = [_spawn("verify", "--session", session, "--json") for _ in range(2)]
    numbers = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        found = re.search(r"Recorded note E(\d+)", out)
        if found:
            numbers.append(int(found.group(1)))
    for reader in readers:
        out, err = reader.communicate(timeout=300)
        assert reader.returncode == 0, err
        assert json.loads(out)["ok"] is True
        assert "did not finish" not in err and "incomplete" not in err, err
    assert sorted(numbers) == list(range(1, len(numbers) + 1)), numbers  # each number once
    state = Store(incident_home).open(session).state
    notes = {getattr(item.evidence, "text", None): item.number for item in state.evidence}
    for i in range(WRITERS):
        if i % 4 != 3:
            assert notes[f"writer {i}"] in numbers
    history = [m.note for m in state.steps["secure-email"].history]
    assert sorted(history) == sorted(f"writer {i}" for i in range(WRITERS) if i % 4 == 3)
    assert verify_session(Store(incident_home), session)["ok"]


def test_a_held_session_gives_a_clear_in_use_message(session: str, incident_home: Path) -> None:
    before = snapshot(incident_home)
    store = Store(incident_home)
    with store.writing(session):
        done = incident(
            "evidence",
            "add",
            "--session",
            session,
            "--note",
            "blocked",
            environ=env(INCIDENT_LOCK_TIMEOUT="0.5"),
        )
    assert done.code == 1
    assert done.err.strip().splitlines() == [
        f"Session {session} is in use by another incident command; waiting up to 0.5 s...",
        f"Error: session {session} is in use by another incident command "
        "(wait for it to finish (or close the other window), then try again)",
    ]
    assert changed(before, snapshot(incident_home)) == []
    assert incident("evidence", "add", "--session", session, "--note", "free now").code == 0


def test_the_in_use_message_speaks_the_users_language(session: str, incident_home: Path) -> None:
    with Store(incident_home).writing(session):
        done = incident(
            "evidence", "add", "--session", session, "--note", "被挡住", "--lang", "zh",
            environ=env(INCIDENT_LOCK_TIMEOUT="0.5"),
        )  # fmt: skip
    assert done.code == 1
    assert done.err.strip().splitlines() == [
        f"会话 {session} 正被另一个 incident 命令使用，最多等待 0.5 秒……",
        f"错误：会话 {session} 正被另一个 incident 命令使用（请等它结束（或关闭另一个窗口）后再试）",
    ]


def _wait_for_line(stream: Any, text: str) -> str:
    """Read ``stream`` until a line holding ``text`` (the command says it is waiting)."""
    for line in stream:
        if text in line:
            return str(line)
    raise AssertionError(f"the command ended without saying {text!r}")


def test_a_waiting_command_goes_ahead_when_the_lock_is_released(
    session: str, incident_home: Path, run: Any
) -> None:
    store = Store(incident_home)
    with store.writing(session):
        waiting = _spawn(
            "evidence", "add", "--session", session, "--note", "waited", INCIDENT_LOCK_TIMEOUT="60"
        )
        said = _wait_for_line(waiting.stderr, "is in use by another incident command; waiting")
        assert f"Session {session} is in use" in said and "60 s" in said
        assert waiting.poll() is None, waiting.communicate()
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert "Recorded note E1" in out
    assert verify_session(store, session)["ok"]


def test_readers_while_a_writer_appends_see_a_sound_journal(
    session: str, incident_home: Path
) -> None:
    """status/verify take no lock: reading during appends must not look like damage."""
    import signal

    from incident.core import actions
    from incident.times import utcnow

    store = Store(incident_home)
    pid = os.fork()
    if pid == 0:  # the writer
        try:
            for i in range(100_000):
                actions.add_evidence(store, session, actions.note(f"n{i}"), now=utcnow())
        finally:
            os._exit(0)
    try:
        time.sleep(0.2)
        warned = []
        deadline = time.monotonic() + 4
        reads = 0
        while time.monotonic() < deadline:
            result = verify_session(store, session)  # raises IntegrityError on a false alarm
            reads += 1
            if result["warnings"]:
                warned.append(result["warnings"])
        assert reads > 30
        assert not warned, f"{len(warned)} of {reads} reads warned: {warned[:3]}"
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)

"""Promise 3: a command killed at any moment loses nothing it reported as recorded, and
leaves a session that opens and verifies.

The children are forked from the test process (imports done, key derived), so a kill costs
milliseconds and 200+ kills fit in a few seconds. Each child appends evidence through the
same core call the command uses and, after each success, writes an ack line to a pipe:
``<number the command reported> <text>``.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from incident.core import actions
from incident.core.store import Store
from incident.core.verify import verify_session
from incident.times import utcnow

from .subproc import incident

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

KILLS = 220


def _start(run: Any) -> str:
    out = run.ok(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "OKX",
        "--account",
        "lin@example.com",
        "--no-run",
        "--json",
    ).stdout
    return str(json.loads(out)["session_id"])


def _fork(body: Callable[[int], None]) -> tuple[int, int]:
    """Run ``body(ack_fd)`` in a child that never returns into pytest; (pid, read end)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        try:
            body(write)
        finally:
            os._exit(0)
    os.close(write)
    return pid, read


def _drain(fd: int) -> str:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode()


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _appender(home: Path, sid: str, tag: str) -> Callable[[int], None]:
    def body(ack: int) -> None:
        store = Store(home)
        for i in range(10_000):
            text = f"{tag}-{i}"
            recorded = actions.add_evidence(store, sid, actions.note(text), now=utcnow())
            os.write(ack, f"{recorded.number} {text}\n".encode())

    return body


def _check(store: Store, sid: str, acked: dict[int, str]) -> None:
    """Every acknowledged note is there under the number the command reported."""
    view = store.open(sid)
    texts = {item.number: getattr(item.evidence, "text", None) for item in view.state.evidence}
    for number, text in acked.items():
        assert texts.get(number) == text, (
            f"E{number}: reported {text!r}, stored {texts.get(number)!r}"
        )
    assert verify_session(store, sid)["ok"]


def test_killed_appends_lose_nothing_acknowledged(run: Any, incident_home: Path) -> None:
    sid = _start(run)
    store = Store(incident_home)
    rng = random.Random(os.environ.get("CRASH_SEED", "20261125"))
    acked: dict[int, str] = {}
    torn = 0  # kills that left a record the head does not acknowledge
    journal, _ = store._parts(sid)
    for round_ in range(KILLS):
        pid, fd = _fork(_appender(incident_home, sid, f"r{round_}"))
        time.sleep(rng.uniform(0, 0.005) if rng.random() < 0.3 else rng.uniform(0, 0.08))
        _kill(pid)
        for line in _drain(fd).splitlines():
            number, text = line.split(" ", 1)
            assert int(number) not in acked, f"E{number} reported twice"
            acked[int(number)] = text
        torn += journal.path.stat().st_size != journal.read_head().size
        if round_ % 40 == 39:
            _check(store, sid, acked)
    assert len(acked) >= 40, "the children hardly appended: the kills prove little"
    assert torn >= 10, f"only {torn} kills landed inside an append"
    _check(store, sid, acked)
    done = incident("verify", "--session", sid)
    assert done.code == 0, done.err
    status = incident("status", "--session", sid, "--json")
    assert status.code == 0, status.err


def _die_at_fsync(n: int) -> None:
    """Make this (child) process die just before its ``n``-th fsync: each step of a write."""
    real = os.fsync
    calls = [0]

    def fsync(fd: int) -> None:
        calls[0] += 1
        if calls[0] == n:
            os._exit(9)
        real(fd)

    os.fsync = fsync


def _tear_next_record() -> None:
    """Make this (child) process die with half a record written."""
    from incident.journal import log

    real_write = os.write

    def torn(fd: int, data: bytes) -> int:
        real_write(fd, data[: len(data) // 2])
        os._exit(9)

    log.os.write = torn  # type: ignore[attr-defined]


def _run_child(body: Callable[[int], None]) -> tuple[int, str]:
    pid, fd = _fork(body)
    _, status = os.waitpid(pid, 0)
    return os.WEXITSTATUS(status), _drain(fd)


CRASH_POINTS = [f"fsync-{n}" for n in range(1, 7)] + ["torn-record"]


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_a_crash_at_each_step_of_an_append(point: str, run: Any, incident_home: Path) -> None:
    sid = _start(run)
    run.ok("evidence", "add", "--session", sid, "--note", "first")
    store = Store(incident_home)

    def body(ack: int) -> None:
        if point == "torn-record":
            _tear_next_record()
        else:
            _die_at_fsync(int(point.split("-")[1]))
        recorded = actions.add_evidence(store, sid, actions.note("second"), now=utcnow())
        os.write(ack, f"{recorded.number}\n".encode())

    code, acks = _run_child(body)
    assert code == 9 or acks == "2\n"

    view = store.open(sid)
    texts = [getattr(i.evidence, "text", None) for i in view.state.evidence]
    assert texts in (["first"], ["first", "second"])
    assert verify_session(store, sid)["ok"]
    # the next command works, and reports the number the session shows
    recorded = actions.add_evidence(store, sid, actions.note("after the crash"), now=utcnow())
    numbered = {i.number: getattr(i.evidence, "text", None) for i in store.open(sid).state.evidence}
    assert numbered[recorded.number] == "after the crash"
    assert verify_session(store, sid)["ok"]
    left = [p.name for p in (incident_home / "sessions" / sid).iterdir() if p.name.endswith(".tmp")]
    assert not left, f"a killed command's temp files were left behind: {left}"


@pytest.mark.parametrize("point", [f"fsync-{n}" for n in range(1, 7)])
def test_a_crash_at_each_step_of_a_start(point: str, run: Any, incident_home: Path) -> None:
    sid = _start(run)
    store = Store(incident_home)

    def body(ack: int) -> None:
        _die_at_fsync(int(point.split("-")[1]))
        state = actions.start(
            store,
            playbook="crypto-exchange",
            platform="OKX",
            account="second@example.com",
            now=utcnow(),
        )
        os.write(ack, f"{state.id}\n".encode())

    code, acks = _run_child(body)
    assert code == 9 or acks.strip()
    for listed in store.ids():  # every session a command can find opens
        assert verify_session(store, listed)["ok"]
    if acks.strip():
        assert acks.strip() in store.ids()
    assert sid in store.ids() and store.resolve(None) in store.ids()
    run.ok("list", "--json")


def test_a_crash_while_starting_a_session_leaves_the_others_usable(
    run: Any, incident_home: Path
) -> None:
    sid = _start(run)
    store = Store(incident_home)
    rng = random.Random(7)
    started: list[str] = []

    def body(ack: int) -> None:
        for i in range(1000):
            state = actions.start(
                store,
                playbook="crypto-exchange",
                platform="OKX",
                account=f"u{i}@example.com",
                now=utcnow(),
            )
            os.write(ack, f"{state.id}\n".encode())

    for _ in range(60):
        pid, fd = _fork(body)
        time.sleep(rng.uniform(0, 0.02))
        _kill(pid)
        started += _drain(fd).split()
    # every session a start reported is there and opens; the default session still resolves
    for made in started:
        assert store.open(made).state.id == made
    assert store.resolve(None) in store.ids()
    assert sid in store.ids()
    listed = incident("list", "--json")
    assert listed.code == 0, listed.err

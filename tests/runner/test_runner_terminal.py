"""The terminal door: in-place updates of changed lines, and single keys from a real pty."""

from __future__ import annotations

import io
import os
import sys

import pytest

from incident.runner.terminal import CLEAR, Terminal


def test_update_rewrites_only_the_lines_that_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    term = Terminal(out=out, fd=0)
    monkeypatch.setattr(term, "size", lambda: (80, 24))
    term.draw(["clock 0:00:01", "step", "keys"])
    assert out.getvalue() == CLEAR + "clock 0:00:01\r\nstep\r\nkeys"
    out.truncate(0)
    out.seek(0)
    term.update(["clock 0:00:02", "step", "keys"])
    assert out.getvalue() == "\x1b7\x1b[1;1H\x1b[2Kclock 0:00:02\x1b8"
    out.truncate(0)
    out.seek(0)
    term.update(["clock 0:00:02", "step", "keys"])
    assert out.getvalue() == ""
    term.update(["clock 0:00:02", "step", "keys", "a notice"])  # another shape: all again
    assert out.getvalue().startswith(CLEAR)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_keys_arrive_one_at_a_time_and_typed_ahead_text_stays() -> None:
    master, slave = os.openpty()
    try:
        term = Terminal(out=io.StringIO(), fd=slave)
        os.write(master, "\x1b[6~冻s".encode())
        assert term.key(lambda: [], tick=0.05) == "pagedown"
        assert term.key(lambda: [], tick=0.05) == "冻"
        assert term.key(lambda: [], tick=0.05) == "s"
        os.write(master, b"d")
        os.write(master, b"rest of a line\n")
        assert term.key(lambda: [], tick=0.05) == "d"
        # What was typed after the key is still there for the question that follows.
        assert os.read(slave, 100).startswith(b"rest of a line")
    finally:
        os.close(master)
        os.close(slave)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_waiting_for_a_key_refreshes_the_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    master, slave = os.openpty()
    try:
        out = io.StringIO()
        term = Terminal(out=out, fd=slave)
        monkeypatch.setattr(term, "size", lambda: (80, 24))
        term.draw(["t=0", "x"])
        calls = iter(range(1, 100))

        def refresh() -> list[str]:
            return [f"t={next(calls)}", "x"]

        threading.Timer(0.35, lambda: os.write(master, b"q")).start()
        assert term.key(refresh, tick=0.1) == "q"
        assert "\x1b[1;1H\x1b[2Kt=2" in out.getvalue()
    finally:
        os.close(master)
        os.close(slave)

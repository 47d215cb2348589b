"""The runner's one door to the terminal: its size, single keys with a timeout, drawing,
and signals held back while a record is being written."""

from __future__ import annotations

import os
import select
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TextIO

from incident.visible import unfiltered

CLEAR = "\x1b[H\x1b[2J"
# Keys that arrive as escape sequences, by what the runner calls them.
SEQUENCES = {
    "\x1b[A": "up",
    "\x1b[B": "down",
    "\x1b[C": "right",
    "\x1b[D": "left",
    "\x1b[5~": "pageup",
    "\x1b[6~": "pagedown",
    "\x1bOA": "up",
    "\x1bOB": "down",
    "\x1bOC": "right",
    "\x1bOD": "left",
}
_STOP_SIGNALS = tuple(
    s
    for s in (
        getattr(signal, "SIGINT", None),
        getattr(signal, "SIGTERM", None),
        getattr(signal, "SIGHUP", None),
    )
    if s is not None
)


class Stopped(BaseException):
    """The terminal went away (SIGHUP) or someone asked the runner to stop (SIGTERM)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def is_interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


@contextmanager
def shielded() -> Iterator[None]:
    """Hold back Ctrl-C and hang-ups while a record is written; they act right after."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: nothing to hold back
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextmanager
def stop_on_hangup() -> Iterator[None]:
    """Turn SIGHUP and SIGTERM into ``Stopped`` so the terminal is restored on the way out."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signum)

    names = ("SIGHUP", "SIGTERM")
    old = {n: signal.signal(getattr(signal, n), stop) for n in names if hasattr(signal, n)}
    try:
        yield
    finally:
        for n, handler in old.items():
            signal.signal(getattr(signal, n), handler)


class Terminal:
    """Draws whole screens, rewrites only the lines that changed, and reads single keys."""

    def __init__(self, out: TextIO | None = None, fd: int | None = None) -> None:
        # Under the command line's filter: the screen's own sequences must pass; the text in
        # the lines was escaped when it was laid out (layout.paint).
        self.out = out or unfiltered(sys.stdout)
        self.fd = sys.stdin.fileno() if fd is None else fd
        self.shown: list[str] = []
        self.shown_size: tuple[int, int] = (0, 0)

    def size(self) -> tuple[int, int]:
        """(columns, rows), at least 40 x 12 so a screen can always be laid out."""
        cols, rows = shutil.get_terminal_size((80, 24))
        return max(cols, 40), max(rows, 12)

    def write(self, text: str) -> None:
        self.out.write(text)
        self.out.flush()

    def draw(self, lines: list[str]) -> None:
        self.write(CLEAR + "\r\n".join(lines))
        self.shown, self.shown_size = list(lines), self.size()

    def update(self, lines: list[str]) -> None:
        """Rewrite the lines that differ (the clock, an overdue mark); all of them if needed."""
        if len(lines) != len(self.shown) or self.size() != self.shown_size:
            self.draw(lines)
            return
        changed = [i for i, (a, b) in enumerate(zip(lines, self.shown, strict=True)) if a != b]
        if not changed:
            return
        parts = ["\x1b7"]  # save the cursor
        parts += [f"\x1b[{i + 1};1H\x1b[2K{lines[i]}" for i in changed]
        parts.append("\x1b8")  # and put it back
        self.write("".join(parts))
        self.shown = list(lines)

    def form(self, lines: list[str]) -> None:
        """Clear the screen for questions asked line by line below ``lines``."""
        self.write(CLEAR + "\r\n".join(lines) + "\r\n")
        self.shown = []

    def key(self, refresh: Callable[[], list[str]], tick: float = 1.0) -> str:
        """Wait for one key, redrawing with ``refresh()`` every ``tick`` seconds meanwhile."""
        try:
            import termios
            import tty
        except ImportError:  # no termios (Windows): a plain key read, no ticking clock
            import click

            return click.getchar()
        old = termios.tcgetattr(self.fd)
        try:
            tty.setcbreak(self.fd, termios.TCSANOW)
            keys = termios.tcgetattr(self.fd)
            while True:
                ready, _, _ = select.select([self.fd], [], [], tick)
                if ready:
                    return self._read_key()
                if termios.tcgetattr(self.fd) != keys:  # back from Ctrl-Z: the shell reset it
                    tty.setcbreak(self.fd, termios.TCSANOW)
                    self.shown = []
                self.update(refresh())
        finally:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, old)

    def _read_key(self) -> str:
        """One key: a byte, a UTF-8 character or an escape sequence; typed-ahead text stays."""
        first = os.read(self.fd, 1)
        if first == b"\x1b":
            seq = first
            while len(seq) < 6 and self._more(0.03):
                seq += os.read(self.fd, 1)
                if len(seq) >= 3 and (seq[-1:].isalpha() or seq[-1:] == b"~"):
                    break
            text = seq.decode("ascii", "replace")
            return SEQUENCES.get(text, "escape" if text == "\x1b" else text)
        if first and first[0] >= 0xC0:  # the lead byte of a multi-byte UTF-8 character
            need = 1 if first[0] < 0xE0 else 2 if first[0] < 0xF0 else 3
            rest = b""
            while len(rest) < need and self._more(0.1):
                rest += os.read(self.fd, 1)
            return (first + rest).decode("utf-8", "replace")
        return first.decode("latin-1") if first else "\x04"

    def _more(self, timeout: float) -> bool:
        return bool(select.select([self.fd], [], [], timeout)[0])

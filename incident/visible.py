"""The one filter between text and the terminal: control characters are shown, never obeyed.

Text that reaches a terminal may hold escape sequences (clear the screen, set the window
title, write the clipboard with OSC 52, hide text, make hyperlinks) or bidi controls that
reorder what is shown. Every write of the command line goes through ``EscapingStream`` and
the runner escapes what it draws with ``visible``; a control character then appears as
``\\u001b`` (the JSON spelling, so ``--json`` output stays valid JSON), never as itself.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

# C0 except tab and newline, DEL, C1, and the bidi controls (embeddings, overrides, isolates,
# marks); the line and paragraph separators too, which some terminals take as new lines.
CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_CONTROL = re.compile(f"[{CONTROLS}]")
# For one-line fields: the same, and tab and newline as well.
_LINE_CONTROL = re.compile(f"[{CONTROLS}\t\n]")


def visible(text: str) -> str:
    """``text`` with every control character written out as ``\\uXXXX``."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def first_control(text: str, *, one_line: bool = True) -> str | None:
    """The first control character in ``text`` (tab and newline count when ``one_line``)."""
    found = (_LINE_CONTROL if one_line else _CONTROL).search(text)
    return found.group() if found else None


class EscapingStream:
    """A text stream that writes everything through ``visible``.

    It has no ``buffer``: Click would otherwise write bytes past the filter. Code that draws
    its own escape sequences (the runner's screen) asks for ``unfiltered`` and escapes the
    text it draws itself.
    """

    def __init__(self, inner: TextIO) -> None:
        self.unfiltered = inner

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # Click probes for a binary stream with b""
            raise TypeError("write() argument must be str")
        return self.unfiltered.write(visible(text))

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.unfiltered.flush()

    def isatty(self) -> bool:
        return self.unfiltered.isatty()

    def fileno(self) -> int:
        return self.unfiltered.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.unfiltered, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:
        return getattr(self.unfiltered, "errors", None)

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":
            raise AttributeError(name)
        return getattr(self.unfiltered, name)


def unfiltered(stream: TextIO) -> TextIO:
    """The stream under the filter, for code that writes its own escape sequences."""
    return stream.unfiltered if isinstance(stream, EscapingStream) else stream


@contextmanager
def escaping() -> Iterator[None]:
    """Put the filter on standard output and standard error for the length of a command."""
    old = sys.stdout, sys.stderr
    sys.stdout = EscapingStream(unfiltered(old[0]))
    sys.stderr = EscapingStream(unfiltered(old[1]))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = old


def echo(text: str, *, err: bool = False, nl: bool = True, **style: Any) -> None:
    """Print ``text`` escaped, then styled (colours are ours, never the text's)."""
    import click

    stream = sys.stderr if err else sys.stdout
    out = visible(text)
    click.echo(click.style(out, **style) if style else out, file=unfiltered(stream), nl=nl)

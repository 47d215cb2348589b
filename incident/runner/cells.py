"""Text measured in terminal cells: Chinese characters take two, combining marks none."""

from __future__ import annotations

import re
import unicodedata

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# A line should not start with closing punctuation (Chinese line-breaking rule, simplified).
_NO_START = set("，。、；：！？）」』”’》〉】")


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or ch in "\u200b\u200d\ufe0f":
        return 0
    if unicodedata.category(ch) in ("Cc", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(text: str) -> int:
    """Cells ``text`` takes on a terminal (ANSI styling takes none)."""
    return sum(char_width(c) for c in strip_ansi(text))


def clip(text: str, cells: int, ellipsis: str = "…") -> str:
    """``text`` cut to at most ``cells`` cells (plain text only), marked when cut."""
    if width(text) <= cells:
        return text
    room = max(0, cells - width(ellipsis))
    out, used = [], 0
    for ch in text:
        w = char_width(ch)
        if used + w > room:
            break
        out.append(ch)
        used += w
    return "".join(out) + ellipsis if cells >= width(ellipsis) else "".join(out)


def pad(text: str, cells: int) -> str:
    return text + " " * max(0, cells - width(text))


def _tokens(text: str) -> list[str]:
    """Words, spaces, and single wide characters (which may break anywhere)."""
    out: list[str] = []
    word = ""
    for ch in text:
        if ch == " ":
            if word:
                out.append(word)
                word = ""
            out.append(" ")
        elif char_width(ch) == 2 or ch in _NO_START:  # may break before or after
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        else:
            word += ch
    if word:
        out.append(word)
    return out


def wrap(text: str, cells: int, indent: str = "", hang: str | None = None) -> list[str]:
    """Plain ``text`` broken into lines of at most ``cells`` cells; paragraphs kept apart.

    The first line of each paragraph starts with ``indent``, the others with ``hang``.
    """
    hang = indent if hang is None else hang
    cells = max(cells, width(indent) + 2, width(hang) + 2)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = " ".join(paragraph.split())
        lines.extend(_wrap_one(paragraph, cells, indent, hang) if paragraph else [""])
    return lines


def _wrap_one(text: str, cells: int, indent: str, hang: str) -> list[str]:
    lines: list[list[str]] = [[]]
    used = 0

    def room() -> int:
        return cells - width(indent if len(lines) == 1 else hang)

    for token in _tokens(text):
        w = width(token)
        if token == " ":
            if lines[-1]:
                lines[-1].append(token)
                used += 1
            continue
        if used + w > room() and lines[-1]:
            carry: list[str] = []
            while lines[-1] and lines[-1][-1] == " ":
                lines[-1].pop()
            if token in _NO_START and lines[-1] and width(lines[-1][-1]) == 2:
                carry = [lines[-1].pop()]  # keep "字，" together on the next line
            lines.append(carry)
            used = sum(width(t) for t in carry)
        while used + w > room():  # a word longer than a line (a URL, an address): cut it
            head = clip(token, room() - used, ellipsis="")
            if head:
                lines[-1].append(head)
                token = token[len(head) :]
                w = width(token)
            lines.append([])
            used = 0
        lines[-1].append(token)
        used += w
    out = []
    for i, parts in enumerate(lines):
        if parts or i == 0:
            out.append((indent if i == 0 else hang) + "".join(parts).rstrip())
    return out

"""Laying out a screen: styled lines, the header with the clock, key legends, pages.

Lines never take more than ``cells`` cells and a screen never more than ``height - 1``
lines, leaving the cursor a row; when that is too little, optional lines go first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Literal

from incident.catalog import t
from incident.core.status import Status
from incident.runner.cells import clip, width, wrap
from incident.visible import visible

Tone = Literal["ok", "info", "warn", "error"]
TONES: dict[str, dict[str, Any]] = {
    "ok": {"fg": "green"},
    "info": {},
    "warn": {"fg": "yellow", "bold": True},
    "error": {"fg": "red", "bold": True},
}


@dataclass(frozen=True)
class Notice:
    """A line of feedback under the screen: what the last action did."""

    text: str
    tone: Tone = "info"


@dataclass(frozen=True)
class Line:
    text: str
    style: dict[str, Any] = field(default_factory=dict)
    optional: bool = False  # left out when the terminal is too short for everything


@dataclass(frozen=True)
class Screen:
    lines: list[str]
    pages: int = 1
    page: int = 0


Key = tuple[str, str]  # (key, label)


def clock(delta: timedelta) -> str:
    """``1:02:13`` or ``2d 03:05:12``: the incident clock, to the second."""
    total = max(0, int(delta.total_seconds()))
    days, rem = divmod(total, 86400)
    hours, rem = divmod(rem, 3600)
    minutes, seconds = divmod(rem, 60)
    if days:
        return f"{days}d {hours:02d}:{minutes:02d}:{seconds:02d}"
    return f"{hours}:{minutes:02d}:{seconds:02d}"


def paint(line: Line, cells: int, color: bool) -> str:
    text = clip(visible(line.text), cells)  # the one place screen text meets the terminal
    if not color or not line.style:
        return text
    import click

    return click.style(text, **line.style)


def header(st: Status, lang: str, cells: int) -> list[Line]:
    """Platform and account, the ticking clock, progress, and a rule."""
    s = st.state
    right = t("runner.clock", lang, clock=clock(st.now - s.discovered_at))
    left = clip(f"{s.platform} / {s.account}", max(8, cells - width(right) - 2))
    gap = max(2, cells - width(left) - width(right))
    p = st.progress
    progress = (
        t("label.progress", lang)
        + colon(lang)
        + t(
            "progress.line",
            lang,
            done=p.done,
            skipped=p.skipped,
            failed=p.failed,
            left=p.left,
            total=p.total,
        )
    )
    lines = [Line(left + " " * gap + right, {"bold": True})]
    if st.integrity:  # a damaged session: said on every screen, before anything optional
        lines.append(Line(clip("! " + st.integrity, cells), TONES["error"]))
    lines.append(Line(progress, optional=True))
    if st.overdue:
        count = t("runner.overdue-count", lang, count=len(st.overdue))
        lines.append(Line("! " + count, TONES["error"], optional=True))
    lines.append(rule(cells))
    return lines


def rule(cells: int) -> Line:
    return Line("-" * cells, {"dim": True}, optional=True)


def keys(items: Sequence[Key], cells: int) -> list[Line]:
    """``[d] done  [s] skip ...`` wrapped over as many lines as needed."""
    lines: list[str] = [""]
    for key, label in items:
        part = f"[{key}] {label}"
        if lines[-1] and width(lines[-1]) + 2 + width(part) > cells:
            lines.append("")
        lines[-1] = f"{lines[-1]}  {part}" if lines[-1] else part
    return [Line(line, {"fg": "cyan"}) for line in lines]


def _notices(notices: Sequence[Notice], cells: int) -> list[Line]:
    out: list[Line] = []
    for notice in notices:
        out.extend(Line(text, TONES[notice.tone]) for text in wrap(notice.text, cells))
    return out


def frame(
    head: list[Line],
    body: list[Line],
    foot: list[Line],
    *,
    cells: int,
    height: int,
    page: int,
    lang: str,
    color: bool,
) -> Screen:
    """Head, one page of body, foot; a "more" line when the body does not fit."""
    while height - 1 - len(head) - len(foot) < 3 and any(x.optional for x in head + foot):
        last = next(x for x in reversed(head + foot) if x.optional)
        if any(x is last for x in foot):
            foot = [x for x in foot if x is not last]
        else:
            head = [x for x in head if x is not last]
    room = max(3, height - 1 - len(head) - len(foot))
    pages = 1
    if len(body) > room:
        spans = _pages(body, room - 1)
        pages = len(spans)
        page = min(max(page, 0), pages - 1)
        start, end = spans[page]
        shown = body[start:end] + [Line("")] * (room - 1 - (end - start))
        more = t("runner.more", lang, page=page + 1, pages=pages)
        shown.append(Line(" " * max(0, cells - width(more)) + more, {"fg": "cyan"}))
    else:
        page = 0
        shown = body + [Line("")] * (room - len(body))
    lines = [paint(line, cells, color) for line in head + shown + foot]
    return Screen(lines, pages, page)


_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•])\s+")


def colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _pages(body: list[Line], room: int) -> list[tuple[int, int]]:
    """Where each page starts and ends, cutting at a blank line when one is near the end."""
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(body):
        while start < len(body) - 1 and not body[start].text:
            start += 1
        end = min(start + room, len(body))
        if end < len(body) and body[end].text:
            blank = next(
                (i for i in range(end - 1, start + room // 2, -1) if not body[i].text), None
            )
            end = blank if blank is not None else end
        spans.append((start, end))
        start = end
    return spans


def labelled(
    label: str, text: str, cells: int, lang: str, style: dict[str, Any] | None = None
) -> list[Line]:
    """``Label: text`` with the following lines and paragraphs indented under it."""
    first, *rest = text.split("\n")
    if _LIST_ITEM.match(first):  # a list starts on its own line, under the label
        lines, rest = [f"{label}{colon(lang).strip()}"], [first, *rest]
    else:
        lines = wrap(f"{label}{colon(lang)}{first}", cells, hang="  ")
    for paragraph in rest:
        marker = _LIST_ITEM.match(paragraph)
        hang = "  " + " " * (len(marker.group(0)) if marker else 0)
        lines += wrap(paragraph.strip(), cells, "  ", hang)
    return [Line(line, style or {}) for line in lines]


def footer(items: Sequence[Key], notices: Sequence[Notice], cells: int) -> list[Line]:
    return [rule(cells), *keys(items, cells), *_notices(notices, cells)]

"""Section: texts too long for a table cell, in full (tables hold a bounded excerpt)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from incident.report.pdf.context import Context

# reportlab re-wraps the rest of a paragraph each time it splits it across a page, which is
# quadratic for a 100 KB note; paragraphs shorter than a page keep it linear.
CHUNK = 2_000
CHUNK_LINES = 30


def chunks(text: str, size: int = CHUNK, lines: int = CHUNK_LINES) -> Iterator[str]:
    """``text`` in pieces of at most ``size`` characters and ``lines`` lines, cut after a line
    break if there is one in the second half of the piece, else after a space, else anywhere."""
    start = 0
    while start < len(text):
        window = text[start : start + size]
        nl = -1
        for _ in range(lines):
            nl = window.find("\n", nl + 1)
            if nl < 0:
                break
        if nl >= 0:
            window = window[: nl + 1]
        if start + len(window) >= len(text):
            yield text[start:]
            return
        cut = window.rfind("\n")
        if cut < len(window) // 2:
            cut = window.rfind(" ")
        if cut < len(window) // 2:
            cut = len(window) - 1
        yield text[start : start + cut + 1].removesuffix("\n")
        start += cut + 1


_BLANK_RUN = re.compile(r"\n(?:[^\S\n]*\n){3,}")


def squeeze_blank_lines(text: str, marker: Callable[[int], str]) -> str:
    """Runs of more than two empty lines become one line saying how many there were (a note
    of 50,000 empty lines would otherwise fill hundreds of pages)."""
    return _BLANK_RUN.sub(lambda m: f"\n\n{marker(m.group().count(chr(10)) - 1)}\n\n", text)


def section(ctx: Context) -> list[Any]:
    if not ctx.overflow:
        return []
    out: list[Any] = [
        ctx.heading(ctx.t("report.sec.fulltext"), "fulltext"),
        ctx.p(ctx.t("report.fulltext.intro"), style="small"),
    ]
    for o in ctx.overflow:
        out.append(ctx.p(f"{o.ref} · {o.where}", style="h2"))
        text = squeeze_blank_lines(o.text, lambda n: ctx.t("report.fulltext.blank", count=n))
        out += [ctx.p(piece, style="body") for piece in chunks(text)]
    return out

"""Section: texts too long for a table cell, in full (tables hold a bounded excerpt)."""

from __future__ import annotations

from collections.abc import Iterator
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


def section(ctx: Context) -> list[Any]:
    if not ctx.overflow:
        return []
    out: list[Any] = [
        ctx.heading(ctx.t("report.sec.fulltext"), "fulltext"),
        ctx.p(ctx.t("report.fulltext.intro"), style="small"),
    ]
    for o in ctx.overflow:
        out.append(ctx.p(f"{o.ref} · {o.where}", style="h2"))
        out += [ctx.p(piece, style="body") for piece in chunks(o.text)]
    return out

"""Section: texts too long for a table cell, in full (tables hold a bounded excerpt)."""

from __future__ import annotations

from typing import Any

from incident.report.pdf.context import Context


def section(ctx: Context) -> list[Any]:
    if not ctx.overflow:
        return []
    out: list[Any] = [
        ctx.heading(ctx.t("report.sec.fulltext"), "fulltext"),
        ctx.p(ctx.t("report.fulltext.intro"), style="small"),
    ]
    for o in ctx.overflow:
        out.append(ctx.p(f"{o.ref} · {o.where}", style="h2"))
        # One paragraph per line: a 100 KB note then splits across pages like any text.
        for line in o.text.split("\n"):
            out.append(ctx.p(line if line.strip() else " ", style="body"))
    return out

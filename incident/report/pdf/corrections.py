"""Section: the Corrections appendix. What was put right after it was recorded, with when
and why: old -> new for a correction, the original for a retraction. Absent when none."""

from __future__ import annotations

from typing import Any

from incident.core.changes import all_worded
from incident.report.pdf import styles as S
from incident.report.pdf.context import Context, mask_account
from incident.report.pdf.markup import BR
from incident.times import fmt_local_offset


def section(ctx: Context) -> list[Any]:
    changes = all_worded(ctx.state, ctx.lang)
    if not changes:
        return []
    where = ctx.t("report.sec.corrections")
    rows: list[list[Any]] = [
        ctx.head(
            ctx.t("report.corr.col.when"),
            ctx.t("report.corr.col.what"),
            ctx.t("report.corr.col.change"),
            ctx.t("report.corr.col.reason"),
        )
    ]
    extra: list[tuple[Any, ...]] = []
    for n, c in enumerate(changes, 1):
        lines: list[object] = []
        if c.retracted:
            lines += [ctx.t("report.corr.retracted"), BR]
            extra.append(("BACKGROUND", (0, n), (-1, n), S.DANGER_BG))
        shown = c.lines
        if ctx.redact and c.fact == "account" and c.values:  # the old one is masked too
            shown = [f"{mask_account(c.values[0])} → {mask_account(c.values[1])}"]
        for i, line in enumerate(shown):
            lines += [BR] if i else []
            lines.append(ctx.long_text(line, f"C{n}", where))
        rows.append(
            [
                ctx.cell(fmt_local_offset(c.at, ctx.tz), style="cell_small"),
                ctx.cell(c.subject),
                ctx.cell(ctx.markup(*lines), style="cell_small"),
                ctx.cell(ctx.long_text(c.reason, f"C{n}", where) or "—", style="cell_small"),
            ]
        )
    return [
        ctx.heading(where, "corrections"),
        ctx.p(ctx.t("report.corr.intro"), style="small"),
        S.table(rows, S.columns(0.16, 0.18, 0.42, 0.24), extra=extra),
    ]

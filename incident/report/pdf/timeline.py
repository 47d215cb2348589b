"""Section: every recorded action in order, in local time and UTC, with T+ from discovery."""

from __future__ import annotations

from typing import Any

from incident.core.timeline import recorded_text, timeline
from incident.report.pdf import summaries
from incident.report.pdf.context import Context
from incident.report.pdf.listing import too_long
from incident.report.pdf.markup import BR
from incident.report.pdf.styles import columns, table
from incident.times import fmt_local_offset


def section(ctx: Context) -> list[Any]:
    from reportlab.platypus import PageBreak

    entries = timeline(ctx.state, ctx.lang)
    if too_long(ctx, len(entries)):
        return [
            PageBreak(),
            ctx.heading(ctx.t("report.sec.timeline"), "timeline"),
            ctx.p(ctx.t("report.timeline.intro", zone=ctx.tz), style="small"),
            *summaries.timeline(ctx, entries),
        ]
    rows: list[list[Any]] = [
        ctx.head(
            ctx.t("report.col.local"),
            ctx.t("report.col.utc"),
            ctx.t("report.col.offset"),
            ctx.t("report.col.event"),
        )
    ]
    for n, e in enumerate(entries, 1):
        what: object = e.text
        parts: list[object] = []
        if e.detail:
            parts += [BR, ctx.long_text(e.detail, f"T{n}", ctx.t("report.sec.timeline"))]
        recorded = recorded_text(e, ctx.lang, ctx.tz)
        if recorded:
            parts += [BR, recorded]
        if parts:
            what = ctx.markup(e.text, ctx.grey(*parts))
        rows.append(
            [
                ctx.cell(fmt_local_offset(e.at, ctx.tz)),
                ctx.cell(ctx.utc(e.at), style="cell_small"),
                ctx.cell(ctx.offset(e.at)),
                ctx.cell(what),
            ]
        )
    return [
        PageBreak(),
        ctx.heading(ctx.t("report.sec.timeline"), "timeline"),
        ctx.p(ctx.t("report.timeline.intro", zone=ctx.tz), style="small"),
        table(rows, columns(0.215, 0.165, 0.09, 0.53)),
    ]

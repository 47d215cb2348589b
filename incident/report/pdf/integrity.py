"""Section: the journal's head hash and entry count, and how to check them."""

from __future__ import annotations

from typing import Any

from incident.report.pdf import styles as S
from incident.report.pdf.context import Context


def section(ctx: Context) -> list[Any]:
    from reportlab.platypus import PageBreak

    state, integrity = ctx.state, ctx.view.integrity
    files = {a.sha256 for _, a in state.attachments()}
    rows = [
        [ctx.cell(ctx.t("label.session"), style="cell_head"), ctx.cell(state.id)],
        [
            ctx.cell(ctx.t("report.integ.entries"), style="cell_head"),
            ctx.cell(str(integrity.entries)),
        ],
        [ctx.cell(ctx.t("report.integ.head"), style="cell_head"), ctx.cell(integrity.head_hash)],
        [ctx.cell(ctx.t("report.integ.files"), style="cell_head"), ctx.cell(str(len(files)))],
        [
            ctx.cell(ctx.t("report.integ.playbook"), style="cell_head"),
            ctx.cell(f"{state.playbook.id} {state.playbook.version} ({state.playbook_source})"),
        ],
    ]
    out: list[Any] = [
        PageBreak(),
        ctx.heading(ctx.t("report.sec.integrity"), "integrity"),
        ctx.p(ctx.t("report.integ.intro")),
        S.table(
            rows,
            S.columns(0.3, 0.7),
            header=False,
            zebra=False,
            extra=[("BACKGROUND", (0, 0), (0, -1), S.HEAD_BG)],
        ),
        ctx.subheading(ctx.t("report.integ.how-title"), "integrity-how"),
        ctx.p(ctx.t("report.integ.how")),
        ctx.p(f"incident verify --session {state.id}", style="code"),
        ctx.p(ctx.t("report.integ.expect", entries=integrity.entries, head=integrity.head_hash)),
        ctx.p(ctx.t("report.integ.files-how")),
    ]
    if integrity.warnings:
        warnings = "; ".join(integrity.warnings)
        out.append(ctx.p(ctx.t("report.integ.warnings", warnings=warnings), style="alert"))
    return out

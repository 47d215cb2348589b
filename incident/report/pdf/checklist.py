"""Section: each playbook step with its status, time, target and what was said about it."""

from __future__ import annotations

from typing import Any

from incident.core.state import StepState
from incident.playbook.schema import Step
from incident.report.pdf import styles as S
from incident.report.pdf.context import Context
from incident.report.pdf.markup import BR
from incident.times import fmt_duration


def _status(ctx: Context, step: Step, s: StepState) -> tuple[str, bool]:
    """(status text, applies to this path)."""
    engine = ctx.state.engine
    if s.status == "pending" and not engine.applies(step):
        key = "status.waiting" if engine.waiting(step) else "status.not-applicable"
        return ctx.t(key), key == "status.waiting"
    return ctx.t(f"status.{s.status}"), True


def _timing(ctx: Context, step: Step, s: StepState, applies: bool) -> str:
    due = ctx.state.engine.due_at(step, ctx.state.discovered_at)
    if not applies:
        return "—"
    if s.status == "done" and s.at is not None:
        if s.at <= due:
            return ctx.t("report.check.met")
        return ctx.t("report.check.missed", by=fmt_duration(s.at - due))
    if s.status in ("pending", "failed") and ctx.now > due:
        return ctx.t("report.check.overdue", by=fmt_duration(ctx.now - due))
    return "—"


def _details(ctx: Context, step: Step, s: StepState) -> object:
    parts: list[object] = []

    def add(label: str, value: object) -> None:
        if parts:
            parts.append(BR)
        parts.extend([ctx.grey(ctx.label(label)), value])

    if s.answer is not None:
        label = next((o.label.get(ctx.lang) for o in step.options if o.value == s.answer), s.answer)
        add(ctx.t("label.answer"), label)
    if s.reason:
        add(ctx.t("label.reason"), ctx.long_text(s.reason, step.id, ctx.t("report.sec.checklist")))
    if s.note:
        add(ctx.t("label.note"), ctx.long_text(s.note, step.id, ctx.t("report.sec.checklist")))
    if s.forced:
        add(ctx.t("report.check.override"), ", ".join(s.unmet) or ctx.t("status.not-applicable"))
    return ctx.markup(*parts) if parts else ""


def section(ctx: Context) -> list[Any]:
    from reportlab.platypus import PageBreak

    state = ctx.state
    rows: list[list[Any]] = [
        ctx.head(
            "#",
            ctx.t("report.col.step"),
            ctx.t("report.col.status"),
            ctx.t("report.col.done-at"),
            ctx.t("report.col.target"),
            ctx.t("report.col.met"),
            ctx.t("report.col.details"),
        )
    ]
    for n, step in enumerate(state.playbook.steps, 1):
        s = state.steps[step.id]
        status, applies = _status(ctx, step, s)
        cs = "cell" if applies else "cell_na"
        due = state.engine.due_at(step, state.discovered_at)
        title = ctx.markup(
            step.title.get(ctx.lang),
            BR,
            ctx.grey(f"{step.id} · {ctx.t('kind.' + step.kind)}", size=6.6),
        )
        rows.append(
            [
                ctx.cell(str(n), style=cs),
                ctx.cell(title, style=cs),
                ctx.cell(status, style=cs),
                ctx.cell(ctx.when(s.at) if s.at else "—", style=cs),
                ctx.cell(
                    ctx.markup(
                        f"T+{fmt_duration(due - state.discovered_at)}",
                        BR,
                        ctx.grey(ctx.local(due), size=6.6),
                    ),
                    style=cs,
                ),
                ctx.cell(_timing(ctx, step, s, applies), style=cs),
                ctx.cell(_details(ctx, step, s), style=cs),
            ]
        )
    return [
        PageBreak(),
        ctx.heading(ctx.t("report.sec.checklist"), "checklist"),
        ctx.p(ctx.t("progress.line", **_progress(ctx)), style="small"),
        S.table(rows, S.columns(0.035, 0.185, 0.13, 0.17, 0.115, 0.1, 0.265)),
    ]


def _progress(ctx: Context) -> dict[str, int]:
    from dataclasses import asdict

    return asdict(ctx.state.progress())

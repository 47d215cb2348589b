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
        ctx.p(ctx.t("report.integ.files-how")),
    ]
    if not integrity.damaged:  # a damaged journal does not verify: _damage says what it does
        expect = ctx.t("report.integ.expect", entries=integrity.entries, head=integrity.head_hash)
        out.insert(-1, ctx.p(expect))
    if integrity.warnings:
        warnings = "; ".join(integrity.warnings)
        out.append(ctx.p(ctx.t("report.integ.warnings", warnings=warnings), style="alert"))
    return out + _damage(ctx) + _repairs(ctx)


# -- issue 17: a session read in spite of damage, and its repairs ------------------------
def _box(ctx: Context, *texts: str) -> Any:
    return S.alert_box([ctx.cell(text, style="alert") for text in texts if text])


def notice(ctx: Context) -> list[Any]:
    """On page 1: ``Integrity: damaged — ...`` in a red box, when the journal is damaged."""
    from reportlab.platypus import Spacer

    line = ctx.view.integrity.damage_line(ctx.lang)
    if not line:
        return []
    return [_box(ctx, line, ctx.view.after_gap_line(ctx.lang)), Spacer(1, 6)]


def _damage(ctx: Context) -> list[Any]:
    integrity = ctx.view.integrity
    line = integrity.damage_line(ctx.lang)
    if not line:
        return []
    from incident.core.view import loss_words

    out = [_box(ctx, line, ctx.view.after_gap_line(ctx.lang))]
    for d in integrity.damage:
        if d.size:
            what = loss_words([(list(d.entries), d.reason)], ctx.lang)
            out.append(
                ctx.p(ctx.t("integrity.lost-bytes", what=what, bytes=d.size, sha256=d.sha256))
            )
    out.append(ctx.p(ctx.t("integrity.damaged-hint", sid=ctx.state.id)))
    return out


def _repairs(ctx: Context) -> list[Any]:
    from incident.core.view import loss_words

    repairs = ctx.state.repairs
    if not repairs:
        return []
    out: list[Any] = [ctx.subheading(ctx.t("integrity.repairs-title"), "integrity-repairs")]
    for r in repairs:
        what = loss_words([(p.entries, p.reason) for p in r.lost], ctx.lang)
        text = ctx.t("integrity.repaired", when=ctx.local(r.at), what=what)
        out.append(ctx.p(text[:1].upper() + text[1:]))
        for p in r.lost:
            if p.file:
                text = ctx.t("integrity.repair-file", bytes=p.bytes, file=p.file, sha256=p.sha256)
            else:
                text = ctx.t("integrity.repair-nofile")
            out.append(ctx.p(text))
    return out

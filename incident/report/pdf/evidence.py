"""Section: every piece of evidence, each attachment's SHA-256, and the screenshots themselves."""

from __future__ import annotations

from typing import Any

from incident.core import kinds
from incident.core.amounts import fmt_amount as amount
from incident.core.attachments import Attachment
from incident.core.kinds.contact import Contact, channel_label
from incident.core.kinds.login import Login
from incident.core.kinds.note import Note
from incident.core.kinds.transaction import Transaction, type_label
from incident.core.state import EvidenceItem
from incident.report.pdf import styles as S
from incident.report.pdf import summaries
from incident.report.pdf.context import Context
from incident.report.pdf.listing import too_long
from incident.report.pdf.markup import BR
from incident.report.pdf.picture import Picture

MAX_NAME = 300


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _name(a: Attachment) -> str:
    return a.name if len(a.name) <= MAX_NAME else a.name[:MAX_NAME] + "…"


def _summary(ctx: Context, item: EvidenceItem) -> object:
    e = item.evidence
    ref, where = f"E{item.number}", ctx.t("report.sec.evidence")
    if isinstance(e, Note):
        return ctx.long_text(e.text, ref, where)
    if isinstance(e, Transaction):
        text = f"{type_label(e.tx_type, ctx.lang)} {amount(e.amount)} {e.asset}"
        if e.network:
            text += f" ({e.network})"
        return ctx.markup(
            text, BR, ctx.grey(ctx.t("report.ev.see", section=ctx.t("report.sec.transactions")))
        )
    if isinstance(e, Login):
        parts = [p for p in (e.ip, e.device, e.location) if p]
        return ctx.markup(
            f"{ctx.local(e.time)} · {' · '.join(parts) or '—'}",
            BR,
            ctx.grey(ctx.t("report.ev.see", section=ctx.t("report.sec.logins"))),
        )
    if isinstance(e, Contact):
        text = channel_label(e.channel, ctx.lang) + (f" · {e.ticket}" if e.ticket else "")
        return ctx.markup(
            text, BR, ctx.grey(ctx.t("report.ev.see", section=ctx.t("report.sec.contacts")))
        )
    return ctx.long_text(kinds.get(item.kind).words(e, ctx.lang, ctx.tz), ref, where)


def _items(ctx: Context) -> list[Any]:
    if too_long(ctx, len(ctx.state.evidence)):
        return summaries.evidence(ctx)
    rows: list[list[Any]] = [
        ctx.head(
            "#",
            ctx.t("report.col.recorded"),
            ctx.t("report.col.kind"),
            ctx.t("report.col.content"),
            ctx.t("report.col.files"),
        )
    ]
    for item in ctx.state.evidence:
        content = _summary(ctx, item)
        extra: list[object] = []
        if item.step_id:
            step = ctx.state.playbook.step(item.step_id)
            title = step.title.get(ctx.lang) if step else item.step_id
            extra += [BR, ctx.grey(ctx.t("report.ev.for-step", step=title))]
        if item.confirmed:
            extra += [BR, ctx.grey(ctx.t("report.ev.confirmed", what="; ".join(item.confirmed)))]
        if item.state != "active":
            extra += [BR, ctx.grey(ctx.t(f"report.ev.state.{item.state}"))]
        rows.append(
            [
                ctx.cell(f"E{item.number}"),
                ctx.cell(ctx.when(item.at)),
                ctx.cell(kinds.get(item.kind).label.get(ctx.lang)),
                ctx.cell(ctx.markup(content, *extra)),
                ctx.cell(str(len(item.attachments)) if item.attachments else "—"),
            ]
        )
    return [S.table(rows, S.columns(0.07, 0.18, 0.12, 0.55, 0.08))]


def _shown(ctx: Context) -> list[tuple[EvidenceItem, Attachment]]:
    """The attachments drawn as screenshots, in order: screenshot 1, 2..."""
    return [(item, a) for item, a in ctx.state.attachments() if a.sha256 in ctx.shots]


def _carried(ctx: Context, a: Attachment, number: int | None) -> str:
    """How the report holds ``a``: as screenshot ``number``, as an attached file, or both."""
    if number is None:
        key = "unshown" if a.is_image else "attached"
        return ctx.t(f"report.ev.carried.{key}")
    key = "both" if ctx.attached(a) else "shown"
    return ctx.t(f"report.ev.carried.{key}", n=number)


def _how_carried(ctx: Context, pairs: list[tuple[EvidenceItem, Attachment]]) -> list[str]:
    """The sentences above the files table: only those about what this report holds."""
    out = []
    if ctx.shots:
        out.append(ctx.t("report.ev.shots-how"))
    if any(ctx.attached(a) for _, a in pairs):
        out.append(ctx.t("report.ev.files-how"))
    out.append(ctx.t("report.ev.hashes"))
    if ctx.shots:
        out.append(ctx.t("report.ev.originals-yes" if ctx.originals else "report.ev.originals-no"))
    return out


def _attachments(ctx: Context) -> list[Any]:
    pairs = ctx.state.attachments()
    if not pairs:
        return [ctx.p(ctx.t("report.ev.no-files"))]
    if too_long(ctx, len(pairs)):  # each file is in evidence.csv, with its entry
        return [ctx.p(ctx.t("report.list.files", count=len(pairs)), style="small")]
    rows: list[list[Any]] = [
        ctx.head(
            "#", ctx.t("report.col.file"), ctx.t("report.col.size"), ctx.t("report.col.sha256")
        )
    ]
    shown = 0  # numbered as the screenshots below are
    for item, a in pairs:
        number = None
        if a.sha256 in ctx.shots:
            shown += 1
            number = shown
        rows.append(
            [
                ctx.cell(f"E{item.number}"),
                ctx.cell(_name(a)),
                ctx.cell(
                    ctx.markup(
                        size_text(a.size),
                        BR,
                        ctx.grey(a.media_type, size=6.6),
                        BR,
                        ctx.grey(_carried(ctx, a, number), size=6.6),
                    )
                ),
                ctx.cell(a.sha256, style="cell_small"),
            ]
        )
    return [
        ctx.p(("" if ctx.lang == "zh" else " ").join(_how_carried(ctx, pairs)), style="small"),
        S.table(rows, S.columns(0.07, 0.24, 0.18, 0.51)),  # the hash on one line
    ]


def _screenshots(ctx: Context) -> list[Any]:
    from reportlab.platypus import KeepTogether

    shots = _shown(ctx)
    if not shots:
        return []
    out: list[Any] = []
    max_w, max_h = S.FRAME_WIDTH, S.FRAME_HEIGHT * 0.62
    for n, (item, a) in enumerate(shots, 1):
        shot = ctx.shots[a.sha256]
        w, h = shot.width, shot.height
        scale = min(max_w / w, max_h / h, 2.0)  # small images are enlarged, but not blown up
        picture = Picture(shot, w * scale, h * scale)
        caption = ctx.p(
            ctx.t("report.ev.caption", n=n, ref=f"E{item.number}", name=_name(a)),
            BR,
            f"SHA-256 {a.sha256}",
            style="caption",
        )
        if n == 1:  # the heading goes with the first picture
            room = picture.height + 36
            out.append(ctx.subheading(ctx.t("report.sec.screenshots"), "screenshots", room))
        out.append(KeepTogether([picture, caption]))
    return out


def section(ctx: Context) -> list[Any]:
    from reportlab.platypus import PageBreak

    if not ctx.state.evidence:
        return [
            PageBreak(),
            ctx.heading(ctx.t("report.sec.evidence"), "evidence"),
            ctx.p(ctx.t("report.ev.none")),
        ]
    return [
        PageBreak(),
        ctx.heading(ctx.t("report.sec.evidence"), "evidence"),
        *_items(ctx),
        ctx.subheading(ctx.t("report.sec.files"), "files"),
        *_attachments(ctx),
        *_screenshots(ctx),
    ]

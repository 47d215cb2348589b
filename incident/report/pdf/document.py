"""Putting the report together: font, screenshots and attached files, sections, metadata."""

from __future__ import annotations

import importlib
from datetime import datetime
from typing import Any

from incident import __version__
from incident.core.view import SessionView
from incident.report.pdf import SECTIONS
from incident.report.pdf.build import Embedded, Meta, ascii_key, build
from incident.report.pdf.context import Context
from incident.report.pdf.fonts import report_font
from incident.report.pdf.images import prepare
from incident.report.pdf.styles import make_styles


def _carry(ctx: Context) -> list[Embedded]:
    """Each attachment once (by hash, in evidence order): a screenshot made ready for the
    page, and unless the page shows it exactly, the file itself to embed.

    Screenshots are prepared before the story is built, so that one which cannot be read
    is attached instead of missing.
    """
    embedded: list[Embedded] = []
    seen: set[str] = set()
    for item, a in ctx.state.attachments():
        if a.sha256 in seen:
            continue
        seen.add(a.sha256)
        data = ctx.view.blob(a.sha256)
        shot = prepare(data, a.media_type, a.sha256) if a.is_image else None
        if shot is not None:
            ctx.shots[a.sha256] = shot
        if not ctx.attached(a):
            continue
        name = ctx.plain(a.name)  # masked too, when the report is redacted
        desc = f"E{item.number}: {name} (SHA-256 {a.sha256})"
        key = ascii_key(item.number, len(embedded) + 1, name)
        embedded.append(Embedded(key, name, desc, a.media_type, data))
    return embedded


def _short(text: str, limit: int = 48) -> str:
    """For the one-line running head; the first page has the value in full."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _meta(ctx: Context) -> Meta:
    state = ctx.state
    platform, account = ctx.plain(state.platform), ctx.plain(ctx.account)
    return Meta(
        title=ctx.t("report.doc-title", platform=platform, account=account),
        author=ctx.t("report.author", account=account),
        subject=ctx.t(
            "report.subject",
            platform=platform,
            account=account,
            discovered=ctx.local(state.discovered_at),
        ),
        keywords=ctx.t("report.keywords", platform=platform),
        creator=f"incident {__version__}",
        header=ctx.t(
            "report.header", platform=_short(platform), account=_short(account), session=state.id
        ),
        page_label=lambda page: ctx.t("report.page", page=page),
        total_label=lambda total: ctx.t("report.page-total", total=total),
        created=ctx.now,
        lang="zh-CN" if ctx.lang == "zh" else "en",
    )


def render(
    view: SessionView, *, lang: str, now: datetime, redact: bool, invariant: bool, originals: bool
) -> bytes:
    from reportlab import rl_config

    # JPEG screenshots go into the PDF byte for byte (DCTDecode), not ASCII85-inflated.
    rl_config.useA85 = 0
    font = report_font()
    ctx = Context(view, lang, now, redact, make_styles(font.name), originals)
    embedded = _carry(ctx)
    story: list[Any] = []
    for name in SECTIONS:
        module = importlib.import_module(f"incident.report.pdf.{name}")
        story += module.section(ctx)
    # Listings too long for pages (listing.py), after the evidence files in the name tree.
    for n, listed in enumerate(ctx.lists, 1):
        key = f"L{n:02d}-{listed.name}"
        embedded.append(
            Embedded(key, listed.name, listed.description, "text/csv", listed.deflated, listed.size)
        )
    return build(story, _meta(ctx), font.name, embedded, invariant)

"""Section: suspicious logins, and every contact with support (unofficial channels flagged)."""

from __future__ import annotations

from typing import Any

from incident.core import guards
from incident.core.kinds.contact import Contact, channel_label
from incident.report.pdf import styles as S
from incident.report.pdf import summaries
from incident.report.pdf.context import Context
from incident.report.pdf.listing import too_long
from incident.report.pdf.markup import BR, Markup


def _logins(ctx: Context) -> list[Any]:
    out: list[Any] = [ctx.heading(ctx.t("report.sec.logins"), "logins")]
    logins = ctx.state.logins()
    if not logins:
        return [*out, ctx.p(ctx.t("report.login.none"))]
    if too_long(ctx, len(logins)):
        return [*out, *summaries.logins(ctx, logins)]
    rows: list[list[Any]] = [
        ctx.head(
            "#",
            ctx.t("report.col.time"),
            ctx.t("report.col.ip"),
            ctx.t("report.col.device"),
            ctx.t("report.col.location"),
            ctx.t("report.col.note"),
        )
    ]
    where = ctx.t("report.sec.logins")
    for item, lg in logins:
        ref = f"E{item.number}"
        rows.append(
            [
                ctx.cell(f"E{item.number}"),
                ctx.cell(ctx.when(lg.time)),
                ctx.cell(lg.ip or "—"),
                ctx.cell(ctx.name_text(lg.device, ref, where)),
                ctx.cell(ctx.name_text(lg.location, ref, where)),
                ctx.cell(ctx.long_text(lg.note, ref, where) or "—"),
            ]
        )
    return [*out, S.table(rows, S.columns(0.06, 0.17, 0.15, 0.2, 0.16, 0.26))]


def _warning(ctx: Context, c: Contact) -> str:
    """Why the channel may not be real support, in the report's language."""
    state = ctx.state
    warning = guards.contact_warning(
        c.url, c.channel, c.official, state.platform_info, ctx.lang, state.platform
    )
    return warning or ""


def _contacts(ctx: Context) -> list[Any]:
    out: list[Any] = [ctx.heading(ctx.t("report.sec.contacts"), "contacts")]
    contacts = ctx.state.contacts()
    if not contacts:
        return [*out, ctx.p(ctx.t("report.contact.none"))]
    if too_long(ctx, len(contacts)):
        return [*out, *summaries.contacts(ctx, contacts)]
    rows: list[list[Any]] = [
        ctx.head(
            "#",
            ctx.t("report.col.recorded"),
            ctx.t("report.col.channel"),
            ctx.t("report.col.ticket-agent"),
            ctx.t("report.col.summary"),
        )
    ]
    extra: list[tuple[Any, ...]] = []
    for n, (item, c) in enumerate(contacts, 1):
        channel: list[object] = [channel_label(c.channel, ctx.lang)]
        if c.official is True:
            channel += [BR, ctx.grey(ctx.t("report.contact.official"), size=6.6)]
        elif c.official is None:
            channel += [BR, ctx.grey(ctx.t("report.contact.unchecked"), size=6.6)]
        summary: list[object] = []
        if c.official is False:
            # Flagged where nobody can miss it: a red row that says why, first thing in the cell.
            extra += [
                ("BACKGROUND", (0, n), (-1, n), S.DANGER_BG),
                ("BOX", (0, n), (-1, n), 1, S.DANGER),
            ]
            summary += [
                Markup('<font size="9.5">'),
                ctx.markup(ctx.t("report.contact.unofficial-flag")),
                Markup("</font>"),
                BR,
                _warning(ctx, c),
                BR,
            ]
        summary.append(ctx.long_text(c.summary, f"E{item.number}", ctx.t("report.sec.contacts")))
        if c.url:
            # Only an official address is made clickable; a phishing link stays inert text.
            # Checked again with today's guard: an older build took some phishing URLs for
            # official ones ("https://evil.io\\@www.okx.com").
            platform = ctx.state.platform_info
            still = c.official and platform is not None and guards.is_official_url(c.url, platform)
            if c.url.strip().lower().startswith("mailto:") and c.channel != "email":
                still = False  # mailto: links only for e-mail channels
            url = ctx.link(c.url, c.url) if still else c.url
            summary += [BR, ctx.grey(ctx.label(ctx.t("report.col.url"))), url]
        ref, where = f"E{item.number}", ctx.t("report.sec.contacts")
        who: list[object] = [ctx.name_text(c.ticket, ref, where)]
        if c.agent:
            who += [BR, ctx.grey(ctx.name_text(c.agent, ref, where))]
        style = "cell_alert" if c.official is False else "cell"
        rows.append(
            [
                ctx.cell(f"E{item.number}"),
                ctx.cell(ctx.when(item.at)),
                ctx.cell(ctx.markup(*channel), style=style),
                ctx.cell(ctx.markup(*who)),
                ctx.cell(ctx.markup(*summary), style=style),
            ]
        )
    return [*out, S.table(rows, S.columns(0.055, 0.185, 0.12, 0.2, 0.44), extra=extra)]


def section(ctx: Context) -> list[Any]:
    from reportlab.platypus import Spacer

    return [*_logins(ctx), Spacer(1, 8), *_contacts(ctx)]

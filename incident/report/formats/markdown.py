"""The Markdown export: the same facts as the report, as plain text a person can paste."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from incident.catalog import t
from incident.core import guards, kinds, txchecks
from incident.core.amounts import fmt_amount
from incident.core.changes import all_worded
from incident.core.kinds.contact import channel_label
from incident.core.kinds.note import Note
from incident.core.kinds.transaction import KIND as TRANSACTION
from incident.core.kinds.transaction import type_label
from incident.core.state import SessionState
from incident.core.timeline import recorded_text, timeline
from incident.times import fmt_local_offset, fmt_offset, fmt_utc
from incident.visible import visible

if TYPE_CHECKING:
    from incident.core.view import SessionView
    from incident.report.formats import Options

_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|"})
# Kinds with a section of their own below; any other kind is listed under its own label.
_OWN_SECTIONS = ("transaction", "login", "contact", "note")
_TX_COLUMNS = ("time", "tx_type", "asset", "amount", "to_address", "txid", "network")


def esc(text: str | None) -> str:
    """User text made inert in Markdown (and HTML) and kept on one table cell's line."""
    if not text:
        return ""
    flat = " ".join(text.replace("\r", " ").split("\n"))
    # C0 goes; DEL, C1 and bidi controls (U+202E would reorder the line) show as \uXXXX.
    kept = visible("".join(c for c in flat if c == "\t" or c >= " "))
    return kept.translate(_MD_SPECIAL)


def code(text: str) -> str:
    """``text`` as an inline code span: shown as typed, never turned into a link."""
    flat = visible("".join(c for c in " ".join(text.splitlines()) if c >= " "))
    fence = "`" * (max((len(run) for run in re.findall("`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def render(view: SessionView, options: Options) -> bytes:
    text = document(view.state, lang=options.lang, now=options.now)
    damaged = view.integrity.damage_line(options.lang)
    if damaged:  # issue 17: said before anything else, under the title
        title, _, rest = text.partition("\n")
        gap = view.after_gap_line(options.lang)
        more = f">\n> {gap}\n" if gap else ""
        text = f"{title}\n\n> **{damaged}**\n{more}{rest}"
    return text.encode("utf-8")


def document(state: SessionState, *, lang: str, now: datetime) -> str:
    tz = state.tz
    lines: list[str] = []
    add = lines.append
    add(f"# {t('md.title', lang)}: {esc(state.platform)} / {esc(state.account)}")
    add("")
    add(f"- {t('label.session', lang)}: `{state.id}`")
    add(
        f"- {t('label.playbook', lang)}: {esc(state.playbook.title.get(lang))} "
        f"({state.playbook.id} {state.playbook.version}; {esc(state.playbook_source)})"
    )
    add(
        f"- {t('label.discovered', lang)}: {fmt_local_offset(state.discovered_at, tz)} "
        f"({fmt_utc(state.discovered_at)})"
    )
    add(f"- {t('label.time-zone', lang)}: {tz}")
    status = t("session.open" if state.is_open else "session.closed", lang)
    add(f"- {t('label.status', lang)}: {status}")
    totals = state.totals()
    if totals:
        sums = ", ".join(f"{fmt_amount(v)} {esc(k)}" for k, v in totals.items())
        add(f"- {t('md.totals', lang)}: {sums}")
    if state.tickets():
        add(f"- {t('md.tickets', lang)}: " + ", ".join(esc(x) for x in state.tickets()))
    add("")
    _checklist(state, lang, now, add)
    _transactions(state, lang, add)
    add(f"## {t('md.logins', lang)}")
    add("")
    for item, lg in state.logins():
        add(
            f"- E{item.number} {fmt_local_offset(lg.time, tz)}: IP {esc(lg.ip) or '?'}, "
            f"{esc(lg.device) or '?'}, {esc(lg.location) or '?'}"
            + (f" - {esc(lg.note)}" if lg.note else "")
        )
    add("")
    _contacts(state, lang, add)
    _other_kinds(state, lang, add)
    add(f"## {t('md.notes', lang)}")
    add("")
    for item in state.evidence:
        if isinstance(item.evidence, Note):
            mark = f" ({t('fix.state.' + item.state, lang)})" if item.state != "active" else ""
            add(
                f"- E{item.number}{mark} {fmt_local_offset(item.at, tz)}: {esc(item.evidence.text)}"
            )
        for a in item.attachments:
            add(f"  - {esc(a.name)} ({a.size} bytes, SHA-256 `{a.sha256}`)")
    add("")
    _corrections(state, lang, add)
    add(f"## {t('md.timeline', lang)}")
    add("")
    for e in timeline(state, lang):
        recorded = recorded_text(e, lang, tz)
        add(
            f"- {fmt_local_offset(e.at, tz)} ({fmt_offset(e.at - state.discovered_at)}): "
            + esc(e.text)
            + (f" - {esc(e.detail)}" if e.detail else "")
            + (f" ({esc(recorded)})" if recorded else "")
        )
    add("")
    return "\n".join(lines)


def _checklist(state: SessionState, lang: str, now: datetime, add: Callable[[str], None]) -> None:
    add(f"## {t('md.checklist', lang)}")
    add("")
    engine = state.engine
    for step in state.playbook.steps:
        s = state.steps[step.id]
        if not engine.applies(step) and s.status == "pending":
            continue
        box = "x" if s.status == "done" else ("-" if s.status == "skipped" else " ")
        extra = []
        if s.at:
            extra.append(fmt_local_offset(s.at, state.tz))
        if s.answer:
            extra.append(f"{t('label.answer', lang)}: {s.answer}")
        if s.reason:
            extra.append(f"{t('label.reason', lang)}: {esc(s.reason)}")
        if s.note:
            extra.append(f"{t('label.note', lang)}: {esc(s.note)}")
        due = state.engine.due_at(step, state.discovered_at)
        late = s.status in ("pending", "failed") and now > due
        status = t(f"status.{s.status}", lang) + (f", {t('label.overdue', lang)}" if late else "")
        add(
            f"- [{box}] **{esc(step.title.get(lang))}** ({status})"
            + (" - " + "; ".join(extra) if extra else "")
        )
    add("")


def _transactions(state: SessionState, lang: str, add: Callable[[str], None]) -> None:
    add(f"## {t('md.transactions', lang)}")
    add("")
    txs = state.transactions()
    if not txs:
        add("—")
        add("")
        return
    labels = [TRANSACTION.field(name).label.get(lang) for name in _TX_COLUMNS]
    add("| # | " + " | ".join(labels) + " |")
    add("|" + "---|" * (len(labels) + 1))
    for item, tx in txs:
        mark = f" ({t('fix.state.corrected', lang)})" if item.corrections else ""
        cells = [
            f"E{item.number}{mark}",
            fmt_local_offset(tx.time, state.tz),
            type_label(tx.tx_type, lang),
            esc(tx.asset),
            fmt_amount(tx.amount),
            esc(tx.to_address),
            esc(tx.txid),
            esc(tx.network),
        ]
        add("| " + " | ".join(cells) + " |")
    add("")
    notes = [
        (item.number, text)
        for item, tx in txs
        for text in [
            *(t("report.tx.check", lang, text=c) for c in txchecks.texts(tx, lang)),
            *(
                [t("report.tx.source", lang, file=tx.source.file, row=tx.source.row)]
                if tx.source
                else []
            ),
        ]
    ]
    if notes:
        add(t("md.tx-notes", lang))
        add("")
        for number, text in notes:
            add(f"- E{number}: {esc(text)}")
        add("")
    noted = [(item, tx) for item, tx in txs if tx.note]
    for item, tx in noted:  # a note does not fit a table cell; it was left out before
        add(f"- E{item.number} {t('label.note', lang)}: {esc(tx.note)}")
    if noted:
        add("")


def _contacts(state: SessionState, lang: str, add: Callable[[str], None]) -> None:
    add(f"## {t('md.contacts', lang)}")
    add("")
    for item, c in state.contacts():
        line = f"- E{item.number} {fmt_local_offset(item.at, state.tz)} {channel_label(c.channel, lang)}"
        if c.ticket:
            line += f", {t('md.ticket', lang)} {esc(c.ticket)}"
        if c.agent:
            line += f", {esc(c.agent)}"
        line += f": {esc(c.summary)}"
        if c.url:
            line += f" ({code(c.url)})"
        if c.official is False:
            line += f" **⚠ {t('md.not-official', lang)}**"
            warning = guards.contact_warning(
                c.url, c.channel, c.official, state.platform_info, lang, state.platform
            )
            if warning:
                line += f" {esc(warning)}"
        add(line)
    add("")


def _other_kinds(state: SessionState, lang: str, add: Callable[[str], None]) -> None:
    """Every kind without a section of its own: one line an entry, under the kind's label."""
    for kind in kinds.all_kinds():
        if kind.name in _OWN_SECTIONS:
            continue
        items = [i for i in state.active() if i.kind == kind.name]
        if not items:
            continue
        add(f"## {esc(kind.label.get(lang))}")
        add("")
        for item in items:
            add(f"- {fmt_local_offset(item.at, state.tz)}: {esc(item.line(lang, state.tz))}")
        add("")


def _corrections(state: SessionState, lang: str, add: Callable[[str], None]) -> None:
    """What was put right after it was recorded: old -> new, or the retracted entry."""
    changes = all_worded(state, lang)
    if not changes:
        return
    add(f"## {t('md.corrections', lang)}")
    add("")
    for c in changes:
        head = f"- {fmt_local_offset(c.at, state.tz)} **{esc(c.subject)}**"
        if c.retracted:
            head += f" ({t('fix.state.retracted', lang)})"
        add(head + (f": {esc(c.reason)}" if c.reason else ""))
        for line in c.lines:
            add(f"  - {'~~' + esc(line) + '~~' if c.retracted else esc(line)}")
    add("")

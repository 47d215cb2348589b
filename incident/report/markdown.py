"""The Markdown export: the same facts as the report, as plain text a person can paste."""

from __future__ import annotations

from datetime import datetime

from incident.catalog import t
from incident.core.evidence import Contact, Login, Note, Transaction
from incident.core.state import SessionState, timeline
from incident.playbook.engine import Engine
from incident.times import fmt_local, fmt_offset, fmt_utc

_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|"})


def esc(text: str | None) -> str:
    """User text made inert in Markdown (and HTML) and kept on one table cell's line."""
    if not text:
        return ""
    flat = " ".join(text.replace("\r", " ").split("\n"))
    return "".join(c for c in flat if c == "\t" or c >= " ").translate(_MD_SPECIAL)


def render(state: SessionState, *, lang: str, now: datetime) -> str:
    zh = lang == "zh"
    tz = state.tz
    lines: list[str] = []
    add = lines.append
    add(
        f"# {'账户被盗事件记录' if zh else 'Account takeover incident'}: {esc(state.platform)} / {esc(state.account)}"
    )
    add("")
    add(f"- {t('label.session', lang)}: `{state.id}`")
    add(
        f"- {t('label.playbook', lang)}: {esc(state.playbook.title.get(lang))} ({state.playbook.id} {state.playbook.version})"
    )
    add(
        f"- {t('label.discovered', lang)}: {fmt_local(state.discovered_at, tz)} ({fmt_utc(state.discovered_at)})"
    )
    add(f"- {t('label.time-zone', lang)}: {tz}")
    add(
        f"- {t('label.status', lang)}: {t('session.open' if state.is_open else 'session.closed', lang)}"
    )
    totals = state.totals()
    if totals:
        add(
            f"- {'未授权金额合计' if zh else 'Unauthorized totals'}: "
            + ", ".join(f"{v} {esc(k)}" for k, v in totals.items())
        )
    if state.tickets():
        add(f"- {'工单号' if zh else 'Tickets'}: " + ", ".join(esc(x) for x in state.tickets()))
    add("")
    add(f"## {'步骤清单' if zh else 'Checklist'}")
    add("")
    engine = state.engine
    for step in state.playbook.steps:
        s = state.steps[step.id]
        if not engine.applies(step) and s.status == "pending":
            continue
        box = "x" if s.status == "done" else ("-" if s.status == "skipped" else " ")
        extra = []
        if s.at:
            extra.append(fmt_local(s.at, tz))
        if s.answer:
            extra.append(f"{t('label.answer', lang)}: {s.answer}")
        if s.reason:
            extra.append(f"{t('label.reason', lang)}: {esc(s.reason)}")
        if s.note:
            extra.append(f"{t('label.note', lang)}: {esc(s.note)}")
        due = Engine.due_at(step, state.discovered_at)
        late = s.status in ("pending", "failed") and now > due
        status = t(f"status.{s.status}", lang) + (f", {t('label.overdue', lang)}" if late else "")
        add(
            f"- [{box}] **{esc(step.title.get(lang))}** ({status})"
            + (" - " + "; ".join(extra) if extra else "")
        )
    add("")
    add(f"## {'未授权交易' if zh else 'Unauthorized transactions'}")
    add("")
    txs = state.transactions()
    if txs:
        add(
            "| # | "
            + (
                " | ".join(["时间", "类型", "资产", "数量", "目标地址", "TxID", "网络"])
                if zh
                else "Time | Type | Asset | Amount | To address | TxID | Network"
            )
            + " |"
        )
        add("|---|---|---|---|---|---|---|---|")
        for item, tx in txs:
            add(
                f"| E{item.number} | {fmt_local(tx.time, tz)} | {t('tx.' + tx.tx_type, lang)} | {esc(tx.asset)} | {tx.amount} | {esc(tx.to_address)} | {esc(tx.txid)} | {esc(tx.network)} |"
            )
    else:
        add("—")
    add("")
    add(f"## {'可疑登录' if zh else 'Suspicious logins'}")
    add("")
    for item, lg in state.logins():
        add(
            f"- E{item.number} {fmt_local(lg.time, tz)}: IP {esc(lg.ip) or '?'}, {esc(lg.device) or '?'}, {esc(lg.location) or '?'}"
            + (f" - {esc(lg.note)}" if lg.note else "")
        )
    add("")
    add(f"## {'客服联系记录' if zh else 'Support contacts'}")
    add("")
    for item, c in state.contacts():
        flag = (
            " **⚠ " + ("非官方渠道" if zh else "NOT an official channel") + "**"
            if c.official is False
            else ""
        )
        add(
            f"- E{item.number} {fmt_local(item.at, tz)} {t('channel.' + c.channel, lang)}"
            + (f", ticket {esc(c.ticket)}" if c.ticket else "")
            + (f", {esc(c.agent)}" if c.agent else "")
            + f": {esc(c.summary)}"
            + (f" ({esc(c.url)})" if c.url else "")
            + flag
        )
    add("")
    add(f"## {'备注与附件' if zh else 'Notes and attachments'}")
    add("")
    for item in state.evidence:
        if isinstance(item.evidence, Note):
            add(f"- E{item.number} {fmt_local(item.at, tz)}: {esc(item.evidence.text)}")
        for a in item.attachments:
            add(f"  - {esc(a.name)} ({a.size} bytes, SHA-256 `{a.sha256}`)")
        if isinstance(item.evidence, Transaction | Login | Contact) and item.attachments:
            continue
    add("")
    add(f"## {'时间线' if zh else 'Timeline'}")
    add("")
    for e in timeline(state, lang):
        add(
            f"- {fmt_local(e.at, tz)} ({fmt_offset(e.at - state.discovered_at)}): {esc(e.text)}"
            + (f" - {esc(e.detail)}" if e.detail else "")
        )
    add("")
    return "\n".join(lines)

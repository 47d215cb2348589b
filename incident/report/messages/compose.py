"""Ready-to-paste messages to support (freeze, recovery, dispute, follow-up), filled with the
session's facts. The wording is data (messages.yaml) in English and Chinese.

A message carries only structured facts (account, times, amounts, addresses, TxIDs, tickets),
never free-text notes, and is checked once more for anything secret-looking before it is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

from incident.bilingual import Text
from incident.core import guards
from incident.core.amounts import fmt_amount
from incident.core.kinds.contact import channel_label
from incident.core.kinds.transaction import type_label
from incident.core.state import SessionState
from incident.core.view import Integrity
from incident.errors import EvidenceError
from incident.report import explorers
from incident.report.messages import Kind
from incident.times import fmt_local_offset

_DATA = "messages.yaml"


class Words(Text):
    """A template's text: kept exactly as written, blanks around it included."""

    keep_blanks = True


class Template(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    subject: Words
    body: Words


class Templates(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    kinds: dict[Kind, Template]
    parts: dict[str, Words]


@dataclass(frozen=True)
class Message:
    kind: str
    lang: str
    subject: str
    body: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "lang": self.lang, "subject": self.subject, "body": self.body}

    def text(self) -> str:
        return f"{self.subject}\n\n{self.body}"


@cache
def templates() -> Templates:
    text = resources.files("incident.report.messages").joinpath(_DATA).read_text(encoding="utf-8")
    return Templates.model_validate(yaml.safe_load(text))


def _transactions(state: SessionState, lang: str, part: Any) -> str:
    txs = state.transactions()
    if not txs:
        return str(part("no-transactions"))
    lines = [part("transactions", count=len(txs))]
    for _, tx in txs:
        line = part(
            "transaction",
            time=fmt_local_offset(tx.time, state.tz),
            type=type_label(tx.tx_type, lang),
            amount=fmt_amount(tx.amount),
            asset=tx.asset,
        )
        if tx.network:
            line += part("network", network=tx.network)
        if tx.to_address:
            line += part("to", address=tx.to_address)
        if tx.txid:
            line += part("txid", txid=tx.txid)
            explorer = explorers.find(tx.network)
            if explorer is not None:
                line += part("explorer", url=explorer.tx_url(tx.txid))
        lines.append(line)
    totals = state.totals()
    if totals:
        sums = part("list-separator").join(f"{fmt_amount(v)} {k}" for k, v in totals.items())
        lines.append(part("totals", totals=sums))
    return "\n".join(lines)


def _done(state: SessionState, lang: str, part: Any) -> str:
    titles = [
        s.step.title.get(lang)
        for s in state.steps.values()
        if s.status == "done" and s.step.kind == "action"
    ]
    if not titles:
        return ""
    return "\n".join([part("done"), *(part("done-step", title=title) for title in titles)])


def _last_contact(state: SessionState, lang: str, part: Any) -> str:
    contacts = state.official_contacts()  # a channel off the official list was not support
    if not contacts:
        return ""
    item, c = contacts[-1]
    return str(
        part(
            "last-contact",
            when=fmt_local_offset(item.at, state.tz),
            channel=channel_label(c.channel, lang),
        )
    )


def _police(state: SessionState, part: Any) -> str:
    """The police report's number, date and agency once recorded; else that one was filed."""
    reports = state.police_reports()
    if reports:
        return "\n".join(
            part(
                "police-report",
                number=r.number,
                filed=fmt_local_offset(r.filed, state.tz),
                agency=r.agency,
            )
            for _, r in reports
        )
    filed = any(s.status == "done" and "police" in sid for sid, s in state.steps.items())
    return str(part("police")) if filed else ""


def _attacker_ips(state: SessionState, part: Any) -> str:
    logins = [lg for _, lg in state.logins() if lg.ip]
    if not logins:
        return str(part("no-ips"))
    lines = [part("ips")]
    for lg in logins:
        where = ", ".join(x for x in (lg.device, lg.location) if x)
        line = part("ip", time=fmt_local_offset(lg.time, state.tz), ip=lg.ip)
        lines.append(line + (part("ip-where", where=where) if where else ""))
    return "\n".join(lines)


def _timeline(state: SessionState, part: Any) -> str:
    """Times that matter to an investigator: first loss, discovery, support, police."""
    events: list[tuple[datetime, str]] = []
    txs = [tx for _, tx in state.transactions()]
    if txs:
        first, last = min(tx.time for tx in txs), max(tx.time for tx in txs)
        events.append((first, part("tl-first-tx", count=len(txs))))
        if last != first:
            events.append((last, part("tl-last-tx")))
    events.append((state.discovered_at, part("tl-discovered")))
    contacts = state.contacts()
    if contacts:
        events.append((contacts[0][0].at, part("tl-support")))
    for _, report in state.police_reports():
        events.append((report.filed, part("tl-police", agency=report.agency)))
    events.sort(key=lambda e: e[0])
    lines = [part("timeline")]
    lines += [
        part("tl-line", time=fmt_local_offset(at, state.tz), what=what) for at, what in events
    ]
    return "\n".join(lines)


def _coinbase_facts(state: SessionState, kind: str, part: Any) -> str:
    """Coinbase asks for four facts; the unknown ones are left for the user to fill in."""
    if state.platform_id != "coinbase" or kind == Kind.POLICE:
        return ""
    return str(part("coinbase-facts"))


def compose(
    state: SessionState,
    kind: str,
    lang: str,
    now: datetime,
    *,
    integrity: Integrity | None = None,
    reply_to: str | None = None,
) -> Message:
    """The message of ``kind`` for this session, in ``lang``; ``reply_to``: a safe address.

    With the journal's ``integrity`` it ends with the record reference (the head, short), so
    the user and support each keep a copy of it outside this machine.
    """
    tpl = templates()
    template = tpl.kinds[Kind(kind)]

    def part(name: str, **values: object) -> str:
        return tpl.parts[name].get(lang).format(**values)

    tickets = state.tickets()
    values = {
        "platform": state.platform,
        "account": state.account,
        "discovered": part(
            "discovered",
            local=fmt_local_offset(state.discovered_at, state.tz),
            tz=state.tz,
            utc=state.discovered_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M"),
        ),
        "tz": state.tz,
        "transactions": _transactions(state, lang, part),
        "tickets": part("tickets", tickets=part("list-separator").join(tickets))
        if tickets
        else (part("no-tickets") if kind == Kind.FOLLOW_UP else ""),
        "ticket_suffix": part("ticket-suffix", ticket=tickets[-1]) if tickets else "",
        "done": _done(state, lang, part),
        "police": _police(state, part),
        "last_contact": _last_contact(state, lang, part),
        "never": part("never"),
        "reply_to": part("reply-to", address=reply_to.strip()) if reply_to else "",
        "coinbase": _coinbase_facts(state, kind, part),
        "timeline": _timeline(state, part),
        "ips": _attacker_ips(state, part),
    }
    subject = template.subject.get(lang).format(**values)
    body = template.body.get(lang).format(**values)
    body = re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"
    _check(subject + "\n" + body)
    if integrity is not None:  # after the check: a hash prefix is not a secret
        from incident.core.verify import reference

        body += "\n" + reference(integrity, lang) + "\n"
    return Message(str(Kind(kind)), lang, subject, body)


def _check(text: str) -> None:
    """Refuse to print a message that looks like it holds a secret (it never should)."""
    guards.refuse_secrets([("message", text)])
    found = guards.needs_confirmation([("message", text)])
    if found:
        raise EvidenceError(
            f"the message would contain what looks like a {found[0].what}; it was not printed",
            "check the session's account, ticket and transaction fields",
        )

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
from incident.report.messages import Kind
from incident.times import fmt_local

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
            time=fmt_local(tx.time, state.tz),
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
            when=fmt_local(item.at, state.tz),
            channel=channel_label(c.channel, lang),
        )
    )


def compose(
    state: SessionState,
    kind: str,
    lang: str,
    now: datetime,
    *,
    integrity: Integrity | None = None,
) -> Message:
    """The message of ``kind`` for this session, in ``lang``.

    With the journal's ``integrity`` it ends with the record reference (the head, short), so
    the user and support each keep a copy of it outside this machine.
    """
    tpl = templates()
    template = tpl.kinds[Kind(kind)]

    def part(name: str, **values: object) -> str:
        return tpl.parts[name].get(lang).format(**values)

    tickets = state.tickets()
    police = any(s.status == "done" and "police" in sid for sid, s in state.steps.items())
    values = {
        "platform": state.platform,
        "account": state.account,
        "discovered": part(
            "discovered",
            local=fmt_local(state.discovered_at, state.tz),
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
        "police": part("police") if police else "",
        "last_contact": _last_contact(state, lang, part),
        "never": part("never"),
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

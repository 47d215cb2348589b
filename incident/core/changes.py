"""A correction in words, the same for every reader (report appendix, Markdown, listings)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from incident.catalog import t
from incident.core import kinds
from incident.core.amounts import fmt_amount
from incident.core.kinds.contact import channel_label
from incident.core.kinds.transaction import type_label
from incident.core.state import Change, SessionState
from incident.times import fmt_local_offset


@dataclass(frozen=True)
class Worded:
    at: datetime  # when the correction was recorded
    subject: str  # "E3 Transaction" / "Session: platform" / "Step: Freeze the account"
    lines: list[str]  # "Amount: 1,520.5 → 1,000.50", or the retracted entry as it read
    retracted: bool
    reason: str | None
    fact: str | None = None  # the session fact changed ("account"...), if it is one
    values: tuple[str, str] | None = None  # a session fact's old and new value, as text


def value_text(name: str, value: object, lang: str, tz: str) -> str:
    """One field's value as a person reads it."""
    if value is None or value == "":
        return t("fix.none", lang)
    if isinstance(value, datetime):
        return fmt_local_offset(value, tz)
    if isinstance(value, Decimal):
        return fmt_amount(value)
    if name == "tx_type":
        return type_label(str(value), lang)
    if name == "channel":
        return channel_label(str(value), lang)
    return str(value)


def worded(state: SessionState, change: Change, lang: str) -> Worded:
    tz = state.tz
    if change.number is not None:
        item = state.evidence[change.number - 1]
        kind = kinds.get(item.kind)
        subject = f"E{change.number} {kind.label.get(lang)}"
        if change.action == "retracted":
            line = " ".join(kind.words(item.evidence, lang, tz).split())
            return Worded(change.at, subject, [line], True, change.reason)
        lines = []
        for name, (old, new) in change.fields.items():
            f = kind.field_named(name)
            label = f.label.get(lang) if f else name
            lines.append(
                f"{label}: {value_text(name, old, lang, tz)} → {value_text(name, new, lang, tz)}"
            )
        return Worded(change.at, subject, lines, False, change.reason)
    if change.action == "reset":
        step = state.playbook.step(change.subject or "")
        title = step.title.get(lang) if step else str(change.subject)
        return Worded(
            change.at,
            t("report.corr.step", lang, title=title),
            [t("report.corr.reset", lang)],
            False,
            change.reason,
        )
    # A session fact: one field. A time is shown in the zone of the session as it is now.
    [(name, (old, new))] = change.fields.items()
    values = (value_text(name, old, lang, tz), value_text(name, new, lang, tz))
    lines = [f"{values[0]} → {values[1]}"]
    field = t(f"fix.field.{change.subject}", lang)
    return Worded(
        change.at,
        t("report.corr.session", lang, field=field),
        lines,
        False,
        change.reason,
        change.subject,
        values,
    )


def all_worded(state: SessionState, lang: str) -> list[Worded]:
    return [worded(state, c, lang) for c in state.changes()]

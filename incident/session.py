"""Session state as a fold of its events: the only place that interprets events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from incident import events as ev
from incident.evidence import Attachment, Contact, Login, Note, Transaction
from incident.playbook.engine import Engine, Progress, Status
from incident.playbook.schema import Channel, Platform, Playbook, Step


@dataclass
class StepState:
    step: Step
    status: Status = "pending"
    at: datetime | None = None
    note: str | None = None
    reason: str | None = None
    forced: bool = False
    unmet: list[str] = field(default_factory=list)
    answer: str | None = None
    history: list[ev.StepMarked | ev.StepAnswered] = field(default_factory=list)


@dataclass(frozen=True)
class EvidenceItem:
    number: int
    at: datetime
    evidence: Note | Transaction | Login | Contact
    step_id: str | None
    attachments: list[Attachment]
    confirmed: list[str]


@dataclass
class SessionState:
    id: str
    playbook: Playbook
    playbook_origin: str
    platform: str
    platform_id: str | None
    account: str
    discovered_at: datetime
    tz: str
    lang: str
    started_at: datetime
    steps: dict[str, StepState]
    closed_at: datetime | None = None
    events: list[ev.Base] = field(default_factory=list)
    evidence: list[EvidenceItem] = field(default_factory=list)

    # -- derived views ------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def answers(self) -> dict[str, str]:
        return {sid: s.answer for sid, s in self.steps.items() if s.answer is not None}

    @property
    def engine(self) -> Engine:
        return Engine(self.playbook, {sid: s.status for sid, s in self.steps.items()}, self.answers)

    @property
    def platform_info(self) -> Platform | None:
        return self.playbook.platform(self.platform_id) if self.platform_id else None

    @property
    def channels(self) -> list[Channel]:
        info = self.platform_info
        return list(info.channels) if info else []

    @property
    def last_activity(self) -> datetime:
        return self.events[-1].at if self.events else self.started_at

    def progress(self) -> Progress:
        return self.engine.progress()

    def transactions(self) -> list[tuple[EvidenceItem, Transaction]]:
        return [(i, i.evidence) for i in self.evidence if isinstance(i.evidence, Transaction)]

    def logins(self) -> list[tuple[EvidenceItem, Login]]:
        return [(i, i.evidence) for i in self.evidence if isinstance(i.evidence, Login)]

    def contacts(self) -> list[tuple[EvidenceItem, Contact]]:
        return [(i, i.evidence) for i in self.evidence if isinstance(i.evidence, Contact)]

    def totals(self) -> dict[str, Decimal]:
        """Unauthorized amounts per asset (deposits are not losses and are left out)."""
        sums: dict[str, Decimal] = {}
        for _, tx in self.transactions():
            if tx.tx_type == "deposit":
                continue
            sums[tx.asset] = sums.get(tx.asset, Decimal(0)) + tx.amount
        return dict(sorted(sums.items()))

    def tickets(self) -> list[str]:
        seen: list[str] = []
        for _, c in self.contacts():
            if c.ticket and c.ticket not in seen:
                seen.append(c.ticket)
        return seen

    def last_contact_at(self) -> datetime | None:
        contacts = self.contacts()
        return contacts[-1][0].at if contacts else None

    def follow_up_due(self) -> datetime | None:
        last = self.last_contact_at()
        if last is None:
            return None
        return last + timedelta(hours=self.playbook.follow_up_hours)

    def attachments(self) -> list[tuple[EvidenceItem, Attachment]]:
        return [(i, a) for i in self.evidence for a in i.attachments]


def fold(events: Iterable[ev.Base]) -> SessionState:
    """Build the state from a session's events, oldest first."""
    it = iter(events)
    first = next(it, None)
    if not isinstance(first, ev.SessionStarted):
        raise ValueError("a session's journal starts with session.started")
    state = SessionState(
        id=first.session_id,
        playbook=first.playbook,
        playbook_origin=first.playbook_origin,
        platform=first.platform,
        platform_id=first.platform_id,
        account=first.account,
        discovered_at=first.discovered_at,
        tz=first.tz,
        lang=first.lang,
        started_at=first.at,
        steps={s.id: StepState(step=s) for s in first.playbook.steps},
        events=[first],
    )
    for event in it:
        apply(state, event)
    return state


def apply(state: SessionState, event: ev.Base) -> None:
    """Fold one more event into ``state``."""
    state.events.append(event)
    if isinstance(event, ev.EvidenceAdded):  # first: nearly every event of a long session
        state.evidence.append(
            EvidenceItem(
                number=len(state.evidence) + 1,
                at=event.at,
                evidence=event.evidence,
                step_id=event.step_id,
                attachments=list(event.attachments),
                confirmed=list(event.confirmed),
            )
        )
    elif isinstance(event, ev.StepMarked):
        s = state.steps[event.step_id]
        s.status, s.at, s.note, s.reason = event.status, event.at, event.note, event.reason
        s.forced, s.unmet = event.forced, list(event.unmet)
        s.history.append(event)
    elif isinstance(event, ev.StepAnswered):
        s = state.steps[event.step_id]
        s.status, s.at, s.answer, s.note = "done", event.at, event.value, event.note
        s.history.append(event)
    elif isinstance(event, ev.SessionClosed):
        state.closed_at = event.at
    elif isinstance(event, ev.SessionReopened):
        state.closed_at = None


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # the event type
    text: str
    detail: str | None = None


def timeline(state: SessionState, lang: str) -> list[TimelineEntry]:
    """Every recorded action, oldest first, described in ``lang``."""
    from incident.catalog import t

    out: list[TimelineEntry] = []
    n = 0

    def title(step_id: str) -> str:
        step = state.playbook.step(step_id)
        return step.title.get(lang) if step else step_id

    for event in state.events:
        if isinstance(event, ev.SessionStarted):
            text = t(
                "tl.started",
                lang,
                playbook=event.playbook.title.get(lang),
                platform=event.platform,
                account=event.account,
            )
            out.append(TimelineEntry(event.at, event.type, text))
        elif isinstance(event, ev.StepMarked):
            text = t(f"tl.step.{event.status}", lang, title=title(event.step_id))
            parts = [p for p in (event.reason, event.note) if p]
            if event.forced:
                parts.insert(0, t("tl.forced", lang))
            out.append(TimelineEntry(event.at, event.type, text, " · ".join(parts) or None))
        elif isinstance(event, ev.StepAnswered):
            step = state.playbook.step(event.step_id)
            label = event.value
            if step:
                label = next(
                    (o.label.get(lang) for o in step.options if o.value == event.value), label
                )
            out.append(
                TimelineEntry(
                    event.at,
                    event.type,
                    t("tl.answered", lang, title=title(event.step_id), answer=label),
                    event.note,
                )
            )
        elif isinstance(event, ev.EvidenceAdded):
            n += 1
            e = event.evidence
            if isinstance(e, Transaction):
                text = t(
                    "tl.evidence.transaction",
                    lang,
                    n=n,
                    tx_type=t(f"tx.{e.tx_type}", lang),
                    amount=e.amount,
                    asset=e.asset,
                )
            elif isinstance(e, Contact):
                text = t("tl.evidence.contact", lang, n=n, channel=t(f"channel.{e.channel}", lang))
            else:
                text = t(f"tl.evidence.{e.kind}", lang, n=n)
            detail = None
            if event.attachments:
                detail = t("tl.attachments", lang, count=len(event.attachments))
            out.append(TimelineEntry(event.at, event.type, text, detail))
        elif isinstance(event, ev.SessionClosed):
            out.append(TimelineEntry(event.at, event.type, t("tl.closed", lang), event.note))
        elif isinstance(event, ev.SessionReopened):
            out.append(TimelineEntry(event.at, event.type, t("tl.reopened", lang)))
    return out

"""Session state as a fold of its events: the only place that interprets events."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from incident.core import events as ev
from incident.core import kinds
from incident.core.attachments import Attachment
from incident.core.kinds.base import EvidenceModel
from incident.core.kinds.contact import Contact
from incident.core.kinds.login import Login
from incident.core.kinds.transaction import Transaction
from incident.errors import IntegrityError
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


class EvidenceItem:
    """One piece of evidence: its number, when it was recorded and its kind, and the rest.

    Read from a journal, the rest is decoded when first used: `status` on a session of
    thousands of entries needs only how many there are, their kinds and times, and
    decoding every entry in full was half of its time.
    """

    __slots__ = ("_event", "_payload", "at", "entry", "kind", "number")

    def __init__(
        self,
        number: int,
        entry: int,
        at: datetime,
        kind: str,
        event: ev.EvidenceAdded | None = None,
        payload: bytes | None = None,
    ) -> None:
        self.number = number  # E1, E2... in the order recorded
        self.entry = entry  # its entry in the journal (1 is session.started)
        self.at = at
        self.kind = kind
        self._event = event
        self._payload = payload

    @classmethod
    def of(cls, number: int, entry: int, event: ev.EvidenceAdded) -> EvidenceItem:
        return cls(number, entry, event.at, event.evidence.kind, event=event)

    def decode(self) -> ev.EvidenceAdded:
        """The whole evidence event, decoded now if it was not yet."""
        if self._event is None:
            assert self._payload is not None
            decoded = ev.decode_entry(self._payload, self.entry)
            if not (
                isinstance(decoded, ev.EvidenceAdded)
                and decoded.at == self.at
                and decoded.evidence.kind == self.kind
            ):  # cannot happen for what encode() wrote; never show a mix of two readings
                raise IntegrityError(
                    f"entry {self.entry} does not read the same twice", entry=self.entry
                )
            self._event, self._payload = decoded, None
        return self._event

    @property
    def evidence(self) -> EvidenceModel:
        return self.decode().evidence

    @property
    def step_id(self) -> str | None:
        return self.decode().step_id

    @property
    def attachments(self) -> list[Attachment]:
        return self.decode().attachments

    @property
    def confirmed(self) -> list[str]:
        return self.decode().confirmed

    def line(self, lang: str, tz: str) -> str:
        """One line about it: ``E2 Transaction: withdrawal 1,520.5 USDT (+1)``."""
        kind = kinds.get(self.kind)
        body = " ".join(kind.words(self.evidence, lang, tz).split())
        files = f" (+{len(self.attachments)})" if self.attachments else ""
        return f"E{self.number} {kind.label.get(lang)}: {body}{files}"


# One per journal entry, oldest first: evidence as its item, anything else as its event.
Entry = ev.Base | EvidenceItem


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
    playbook_sha256: str | None = None
    entries: list[Entry] = field(default_factory=list)
    evidence: list[EvidenceItem] = field(default_factory=list)

    # -- derived views ------------------------------------------------------------
    @property
    def playbook_source(self) -> str:
        """Where the playbook came from and its file's SHA-256: ``bundled:playbooks/x.yaml,
        SHA-256 ab12...`` (a user playbook can change what counts as an official domain)."""
        digest = f", SHA-256 {self.playbook_sha256}" if self.playbook_sha256 else ""
        return f"{self.playbook_origin}{digest}"

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
        return self.entries[-1].at if self.entries else self.started_at

    def progress(self) -> Progress:
        return self.engine.progress()

    def transactions(self) -> list[tuple[EvidenceItem, Transaction]]:
        kind = self._of_kind("transaction")
        return [(i, e) for i in kind if isinstance(e := i.evidence, Transaction)]

    def logins(self) -> list[tuple[EvidenceItem, Login]]:
        return [(i, e) for i in self._of_kind("login") if isinstance(e := i.evidence, Login)]

    def contacts(self) -> list[tuple[EvidenceItem, Contact]]:
        return [(i, e) for i in self._of_kind("contact") if isinstance(e := i.evidence, Contact)]

    def _of_kind(self, kind: str) -> list[EvidenceItem]:
        return [i for i in self.evidence if i.kind == kind]

    def read_all(self) -> None:
        """Decode every entry now, so one this version cannot read is named (verify)."""
        for item in self.evidence:
            item.decode()

    def totals(self) -> dict[str, Decimal]:
        """Unauthorized amounts per asset (deposits are not losses and are left out)."""
        sums: dict[str, Decimal] = {}
        for _, tx in self.transactions():
            if not tx.is_loss:
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
        return next((i.at for i in reversed(self.evidence) if i.kind == "contact"), None)

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
    state = _started(next(it, None))
    for event in it:
        apply(state, event)
    return state


def fold_journal(payloads: Sequence[bytes]) -> SessionState:
    """Build the state from a journal's entries (their decrypted payloads), oldest first.

    Evidence entries are decoded when first used (see EvidenceItem); any other entry now.
    """
    state = _started(ev.decode_entry(payloads[0], 1) if payloads else None)
    start = ev.evidence_start
    for n in range(2, len(payloads) + 1):
        payload = payloads[n - 1]
        found = start(payload)
        if found is None:
            apply(state, ev.decode_entry(payload, n))
            continue
        _add(state, EvidenceItem(len(state.evidence) + 1, n, found[0], found[1], payload=payload))
    return state


def _started(first: ev.Base | None) -> SessionState:
    if not isinstance(first, ev.SessionStarted):
        raise ValueError("a session's journal starts with session.started")
    return SessionState(
        id=first.session_id,
        playbook=first.playbook,
        playbook_origin=first.playbook_origin,
        playbook_sha256=first.playbook_sha256,
        platform=first.platform,
        platform_id=first.platform_id,
        account=first.account,
        discovered_at=first.discovered_at,
        tz=first.tz,
        lang=first.lang,
        started_at=first.at,
        steps={s.id: StepState(step=s) for s in first.playbook.steps},
        entries=[first],
    )


def _add(state: SessionState, item: EvidenceItem) -> None:
    state.entries.append(item)
    state.evidence.append(item)


def apply(state: SessionState, event: ev.Base) -> None:
    """Fold one more event into ``state``."""
    if isinstance(event, ev.EvidenceAdded):  # first: nearly every event of a long session
        _add(state, EvidenceItem.of(len(state.evidence) + 1, len(state.entries) + 1, event))
        return
    state.entries.append(event)
    if isinstance(event, ev.StepMarked):
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

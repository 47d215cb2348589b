"""Session state as a fold of its events: the only place that interprets events."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Literal

from incident.core import events as ev
from incident.core import kinds
from incident.core.attachments import Attachment
from incident.core.kinds.base import EvidenceModel
from incident.core.kinds.contact import Contact
from incident.core.kinds.login import Login
from incident.core.kinds.police import PoliceReport
from incident.core.kinds.transaction import Transaction
from incident.errors import IntegrityError
from incident.playbook import deadlines
from incident.playbook.deadlines import Due
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
    history: list[ev.StepMarked | ev.StepAnswered | ev.StepReset] = field(default_factory=list)


class EvidenceItem:
    """One piece of evidence: its number, when it was recorded and its kind, and the rest.

    Read from a journal, the rest is decoded when first used: `status` on a session of
    thousands of entries needs only how many there are, their kinds and times, and
    decoding every entry in full was half of its time.
    """

    __slots__ = ("_event", "_payload", "at", "corrections", "entry", "kind", "number", "retraction")

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
        self.corrections: list[ev.EvidenceCorrected] = []  # oldest first
        self.retraction: ev.EvidenceRetracted | None = None

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
        """The entry as it reads now: its last correction, else as recorded."""
        if self.corrections:
            return self.corrections[-1].evidence
        return self.decode().evidence

    @property
    def original(self) -> EvidenceModel:
        """The entry as first recorded."""
        return self.decode().evidence

    @property
    def state(self) -> EntryState:
        if self.retraction is not None:
            return "retracted"
        return "corrected" if self.corrections else "active"

    @property
    def retracted(self) -> bool:
        return self.retraction is not None

    def history(self) -> list[Change]:
        """Every correction and the retraction, oldest first, each with what it changed."""
        out: list[Change] = []
        before = self.original
        for c in self.corrections:
            fields = {
                name: (getattr(before, name, None), getattr(c.evidence, name, None))
                for name in c.fields
            }
            out.append(Change(c.at, "corrected", self.number, fields, c.reason))
            before = c.evidence
        if self.retraction is not None:
            r = self.retraction
            out.append(Change(r.at, "retracted", self.number, {}, r.reason))
        return out

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


EntryState = Literal["active", "corrected", "retracted"]


@dataclass(frozen=True)
class Change:
    """One correction: of an entry (corrected, retracted), a session fact or a step's mark."""

    at: datetime  # when the correction was recorded
    action: Literal["corrected", "retracted", "edited", "reset"]
    number: int | None  # the entry's E-number; None for a session fact or a step
    fields: dict[str, tuple[object, object]]  # name -> (old, new)
    reason: str | None = None
    subject: str | None = None  # the session fact or step id changed


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
    timestamps: list[ev.CaseTimestamped] = field(default_factory=list)
    edits: list[Change] = field(default_factory=list)  # session facts given anew, oldest first
    repairs: list[ev.IntegrityRepaired] = field(default_factory=list)  # issue 17
    skipped: int = 0  # evidence numbers a repair left unused (their entries were lost)

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
        return Engine(
            self.playbook,
            {sid: s.status for sid, s in self.steps.items()},
            self.answers,
            platform_id=self.platform_id,
            done_at={sid: s.at for sid, s in self.steps.items() if s.status == "done" and s.at},
        )

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

    def police_reports(self) -> list[tuple[EvidenceItem, PoliceReport]]:
        kind = self._of_kind("police")
        return [(i, e) for i in kind if isinstance(e := i.evidence, PoliceReport)]

    def _of_kind(self, kind: str) -> list[EvidenceItem]:
        """Entries of ``kind`` that stand: a retracted one counts nowhere."""
        return [i for i in self.evidence if i.kind == kind and i.retraction is None]

    def active(self) -> list[EvidenceItem]:
        """Every entry not retracted, in the order recorded."""
        return [i for i in self.evidence if i.retraction is None]

    def official_contacts(self) -> list[tuple[EvidenceItem, Contact]]:
        """Contacts that may count as contacting support: not flagged as unofficial."""
        return [(i, c) for i, c in self.contacts() if c.official is not False]

    def step_evidence(self, step_id: str) -> tuple[list[EvidenceItem], list[EvidenceItem]]:
        """(what stands as the evidence a step asks for, contacts recorded for it that do not).

        A contact off the official channels is never the support contact a step asks for;
        a retracted entry is nothing.
        """
        counted: list[EvidenceItem] = []
        flagged: list[EvidenceItem] = []
        for item in self.evidence:
            if item.step_id != step_id or item.retracted:
                continue
            evidence = item.evidence
            unofficial = isinstance(evidence, Contact) and evidence.official is False
            (flagged if unofficial else counted).append(item)
        return counted, flagged

    def changes(self) -> list[Change]:
        """Every correction of the session, in the order recorded."""
        out = list(self.edits)
        for item in self.evidence:
            if item.corrections or item.retraction is not None:
                out += item.history()
        for s in self.steps.values():
            out += [
                Change(h.at, "reset", None, {}, h.reason, s.step.id)
                for h in s.history
                if isinstance(h, ev.StepReset)
            ]
        return sorted(out, key=lambda c: c.at)

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

    def funds_taken(self) -> bool:
        """True once a loss is recorded; decodes transactions only up to the first loss."""
        for item in self._of_kind("transaction"):
            tx = item.evidence
            if isinstance(tx, Transaction) and tx.is_loss:
                return True
        return False

    def tickets(self) -> list[str]:
        # In order of first mention; a dict keeps 10,000 contacts linear.
        return list(dict.fromkeys(c.ticket for _, c in self.contacts() if c.ticket))

    def last_contact_at(self) -> datetime | None:
        """When support was last contacted; a contact off the official channels never counts."""
        # From the end: a long session decodes only its last contact or few, not them all.
        for item in reversed(self.evidence):
            if item.kind != "contact" or item.retracted:
                continue
            contact = item.evidence
            if isinstance(contact, Contact) and contact.official is not False:
                return item.at
        return None

    def follow_up_due(self) -> datetime | None:
        last = self.last_contact_at()
        if last is None:
            return None
        return last + timedelta(hours=self.playbook.follow_up_hours)

    def attachments(self) -> list[tuple[EvidenceItem, Attachment]]:
        return [(i, a) for i in self.evidence for a in i.attachments]

    def deadlines(self) -> list[Due]:
        """The playbook's day-scale deadlines that apply to this session (issue 14)."""
        possible = deadlines.applicable(self.playbook, self.platform_id, funds_taken=True)
        # Decoding every transaction is what `status` avoids on long sessions: only when a
        # deadline depends on a loss is it worth asking whether there was one.
        needs_loss = any(d.funds_taken for d in possible)
        return deadlines.due(
            self.playbook,
            platform_id=self.platform_id,
            funds_taken=needs_loss and self.funds_taken(),
            discovered_at=self.discovered_at,
            done_at={sid: s.at for sid, s in self.steps.items() if s.status == "done" and s.at},
        )


def fold(events: Iterable[ev.Base]) -> SessionState:
    """Build the state from a session's events, oldest first."""
    it = iter(events)
    state = _started(next(it, None))
    for event in it:
        apply(state, event)
    return state


def fold_journal(
    payloads: Sequence[bytes], numbers: Sequence[int] = (), skips: dict[int, int] | None = None
) -> SessionState:
    """Build the state from a journal's entries (their decrypted payloads), oldest first.

    ``numbers`` are their entry numbers when some are missing (default: 1, 2, 3...), and
    ``skips`` how many evidence numbers lost entries held, by the entry after them.
    Evidence entries are decoded when first used (see EvidenceItem); any other entry now.
    """
    state = _started(ev.decode_entry(payloads[0], 1) if payloads else None)
    start = ev.evidence_start
    for i in range(1, len(payloads)):
        payload = payloads[i]
        n = numbers[i] if numbers else i + 1
        if skips and n in skips:  # evidence after lost entries keeps its recorded number
            state.skipped += skips[n]
        found = start(payload)
        if found is None:
            apply(state, ev.decode_entry(payload, n))
            continue
        number = len(state.evidence) + 1 + state.skipped
        _add(state, EvidenceItem(number, n, found[0], found[1], payload=payload))
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
        number = len(state.evidence) + 1 + state.skipped
        _add(state, EvidenceItem.of(number, len(state.entries) + 1, event))
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
    elif isinstance(event, ev.EvidenceCorrected | ev.EvidenceRetracted):
        _correct(state, event)
    elif isinstance(event, ev.SessionEdited):
        _edit(state, event)
    elif isinstance(event, ev.StepReset):
        s = state.steps[event.step_id]
        s.status, s.at, s.note, s.reason = "pending", None, None, None
        s.forced, s.unmet, s.answer = False, [], None
        s.history.append(event)
    elif isinstance(event, ev.SessionClosed):
        state.closed_at = event.at
    elif isinstance(event, ev.SessionReopened):
        state.closed_at = None
    elif isinstance(event, ev.CaseTimestamped):
        state.timestamps.append(event)
    elif isinstance(event, ev.IntegrityRepaired):
        state.repairs.append(event)
        # numbers of lost evidence are not given again: E5 stays the E5 a report may cite
        state.skipped = max(state.skipped, event.evidence - len(state.evidence))


def _correct(state: SessionState, event: ev.EvidenceCorrected | ev.EvidenceRetracted) -> None:
    item = numbered(state, event.number)
    if item is None:
        if state.skipped or (state.evidence and state.evidence[-1].number != len(state.evidence)):
            return  # issue 17: it corrects evidence a damaged journal lost
        raise ValueError(f"a correction names E{event.number}, which does not exist")
    if item.retraction is not None:
        raise ValueError(f"E{event.number} is corrected after it was retracted")
    if isinstance(event, ev.EvidenceRetracted):
        item.retraction = event
        return
    if event.evidence.kind != item.kind:
        raise ValueError(f"a correction of E{event.number} changes its kind")
    item.corrections.append(event)


def numbered(state: SessionState, number: int) -> EvidenceItem | None:
    """Evidence E``number``: at its place, or elsewhere once lost evidence left a gap."""
    at = number - 1
    if 0 <= at < len(state.evidence) and state.evidence[at].number == number:
        return state.evidence[at]
    return next((item for item in state.evidence if item.number == number), None)


def _edit(state: SessionState, event: ev.SessionEdited) -> None:
    old: object
    new: object
    if event.field == "discovered_at":
        found = datetime.fromisoformat(event.value)
        if found.tzinfo is None:
            raise ValueError("a discovery time without its offset")
        old, new = state.discovered_at, found
        state.discovered_at = found
    elif event.field == "platform":
        old, new = state.platform, event.value
        state.platform = event.value
        # The snapshot of the playbook is the session's own: the same match every time.
        matched = state.playbook.platform(event.value)
        state.platform_id = matched.id if matched else None
    elif event.field == "account":
        old, new = state.account, event.value
        state.account = event.value
    else:
        old, new = state.tz, event.value
        state.tz = event.value
    state.edits.append(
        Change(event.at, "edited", None, {event.field: (old, new)}, event.reason, event.field)
    )


# -- issue 17: evidence numbers across entries a damaged journal lost ---------------------
def lost_evidence(
    state: SessionState, given: int, missing: list[tuple[int, ...]], after_gap: int | None
) -> list[tuple[int, int]]:
    """Where evidence numbers skip the lost ones: [(first entry after the gap, how many)].

    ``given`` is how many evidence numbers the authenticated head says were given out, and
    ``missing`` the runs of lost entries. Only one run before evidence still shown can be
    told for sure (with two, or a cut end too, how many were lost where is unknown).
    """
    if after_gap is None or len(missing) != 1 or not missing[0] or missing[0][-1] >= after_gap:
        return []
    shift = given - len(state.evidence) - state.skipped
    return [(after_gap, shift)] if shift > 0 else []

"""What a user can do to a session. The command line, the runner and the demo all call these.

Errors name the fields they are about (``note``, ``to_address``), never a command-line
option: the command line shows its options, the runner its questions.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from incident.catalog import Lang, t
from incident.core import events as ev
from incident.core import guards, kinds
from incident.core.attachments import Attachment, Incoming, read_file
from incident.core.kinds.base import EvidenceModel, Note, Reading
from incident.core.kinds.contact import Contact
from incident.core.kinds.transaction import Transaction
from incident.core.state import SessionState
from incident.core.store import Store, Writer
from incident.core.text import clean_text, refuse_controls
from incident.errors import (
    ActionStep,
    IncidentError,
    NeedsConfirmation,
    Overridable,
    QuestionStep,
    SessionClosedError,
    StepError,
    UnknownStep,
    UsageError,
    WaitingForAnswer,
)
from incident.playbook import loader
from incident.playbook.schema import Step
from incident.times import parse_time, system_zone, zone

MAX_NAME = 400  # a platform or account name; notes may be far longer


@dataclass
class Recorded:
    """What a recording action reports back to the user."""

    number: int
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was filled in for the user


@dataclass(frozen=True)
class Draft:
    """Evidence as typed, before it is read against its session: a kind and raw values."""

    kind: str
    values: Mapping[str, str | None]


def trimmed(text: str | None) -> str | None:
    """Text as kept: spaces around it removed; nothing left is no text."""
    return text.strip() or None if text is not None else None


def _check_text(fields: Sequence[tuple[str, str | None]], confirmed: bool) -> list[str]:
    """Refuse secrets; ask for confirmation of password-like text. Returns what was confirmed."""
    guards.refuse_secrets(fields)
    findings = guards.needs_confirmation(fields)
    if findings and not confirmed:
        first = findings[0]
        raise NeedsConfirmation.said(
            "secret.password" if first.what == "password" else "secret.otp",
            "guard.never-asks",
            field=first.field,
            what=first.what,
        )
    return [f"{f.field}: {f.what}" for f in findings]


def one_line(fields: Sequence[tuple[str, str]]) -> None:
    """Names (platform, account) print on one line as typed: no control characters."""
    for name, value in fields:
        try:
            refuse_controls(value)
        except ValueError as exc:
            raise UsageError(f"{{field}} {exc}", field=name) from None


def start(
    store: Store,
    *,
    playbook: str,
    platform: str,
    account: str,
    now: datetime,
    discovered_at: str | None = None,
    tz: str | None = None,
    lang: Lang = "en",
    override_bundled: bool = False,
) -> SessionState:
    """Create a session; nothing is written when any argument is wrong."""
    found = loader.find(playbook, override_bundled=override_bundled)
    tz_name = tz or system_zone()
    zone(tz_name)
    platform, account = clean_text(platform).strip(), clean_text(account).strip()
    if not platform:
        raise UsageError.said("field.empty", "start.platform-hint", field="platform")
    if not account:
        raise UsageError.said("field.empty", "start.account-hint", field="account")
    for name, value in (("platform", platform), ("account", account)):
        if len(value) > MAX_NAME:
            raise UsageError.said("field.too-long", values={"max": MAX_NAME}, field=name)
    _check_text([("platform", platform), ("account", account)], confirmed=False)
    one_line([("platform", platform), ("account", account)])
    discovered = (
        parse_time(discovered_at, tz_name, now, field="discovered_at") if discovered_at else now
    )
    discovered = min(discovered, now)  # within the clock skew parse_time allows
    matched = found.playbook.platform(platform)

    def make(session_id: str) -> ev.SessionStarted:
        return ev.SessionStarted(
            at=now,
            session_id=session_id,
            playbook=found.playbook,
            playbook_origin=found.source,
            playbook_sha256=found.sha256 or None,
            platform=platform,
            platform_id=matched.id if matched else None,
            account=account,
            discovered_at=discovered,
            tz=tz_name,
            lang=lang,
        )

    return store.create(make, now).state


@dataclass(frozen=True)
class PlatformCheck:
    """A platform the playbook does not list: the ones it does, and the closest of them."""

    known: list[str]
    closest: str | None


def check_platform(
    playbook: str, platform: str, *, override_bundled: bool = False
) -> PlatformCheck | None:
    """None when the playbook knows ``platform`` (or lists none); else what it knows instead."""
    book = loader.find(playbook, override_bundled=override_bundled).playbook
    if not book.platforms or book.platform(platform) is not None:
        return None
    names = {n.casefold(): p.name for p in book.platforms for n in (p.id, p.name, *p.aliases)}
    close = difflib.get_close_matches(platform.strip().casefold(), list(names), n=1, cutoff=0.6)
    return PlatformCheck([p.name for p in book.platforms], names[close[0]] if close else None)


def _step(state: SessionState, step_id: str) -> Step:
    step = state.playbook.step(step_id)
    if step is None:
        ids = [s.id for s in state.playbook.steps]
        close = difflib.get_close_matches(step_id, ids, n=1)
        if close:
            raise UnknownStep.said(
                "step.unknown",
                "step.did-you-mean",
                {"step": step_id, "playbook": state.playbook.id, "closest": close[0]},
            )
        raise UnknownStep.said(
            "step.unknown", values={"step": step_id, "playbook": state.playbook.id}
        )
    return step


def _writable(writer: Writer) -> None:
    if writer.closed:
        raise SessionClosedError.said("session.closed-error", values={"sid": writer.state.id})


def mark_step(
    store: Store,
    session_id: str,
    step_id: str,
    status: Literal["done", "skipped", "failed"],
    *,
    now: datetime,
    note: str | None = None,
    reason: str | None = None,
    force: bool = False,
    confirmed: bool = False,
) -> ev.StepMarked:
    """Mark a step done, skipped (reason needed) or failed, honouring ``requires``."""
    note, reason = trimmed(note), trimmed(reason)
    if status == "skipped" and not (reason and reason.strip()):
        raise UsageError.said("step.skip-needs-reason", field="reason")
    with store.writing(session_id) as writer:
        _writable(writer)
        state = writer.state
        step = _step(state, step_id)
        engine = state.engine
        if step.kind == "question":
            raise QuestionStep.said("step.is-question", values={"step": step_id}, step_id=step_id)
        current = state.steps[step_id]
        if current.status == "done" and status == "done":
            raise StepError.said("step.already-done", "step.nothing-changed", {"step": step_id})
        if not engine.applies(step) and not force:
            assert step.when is not None
            if engine.waiting(step):
                raise WaitingForAnswer.said(
                    "step.waiting",
                    values={"step": step_id, "question": step.when.step},
                    step_id=step.when.step,
                )
            raise Overridable.said(
                "step.not-applicable",
                values={
                    "step": step_id,
                    "question": step.when.step,
                    "answer": state.answers.get(step.when.step),
                },
            )
        unmet = engine.unmet(step)
        if unmet and status == "done" and not force:
            raise Overridable.said(
                "step.needs", values={"step": step_id, "unmet": ", ".join(unmet)}
            )
        _check_text([("note", note), ("reason", reason)], confirmed)
        event = ev.StepMarked(
            at=now,
            step_id=step_id,
            status=status,
            note=note,
            reason=reason,
            forced=force and (bool(unmet) or not engine.applies(step)),
            unmet=unmet if force and status == "done" else [],
        )
        writer.append(event)
        return event


def answer(
    store: Store,
    session_id: str,
    step_id: str,
    value: str,
    *,
    now: datetime,
    note: str | None = None,
) -> ev.StepAnswered:
    """Answer a question step with one of its option values (or labels, in either language),
    or the number the runner shows beside it."""
    note = trimmed(note)
    with store.writing(session_id) as writer:
        _writable(writer)
        state = writer.state
        step = _step(state, step_id)
        if step.kind != "question":
            raise ActionStep.said("step.not-question", values={"step": step_id}, step_id=step_id)
        wanted = value.strip().casefold()
        chosen = next(
            (
                o.value
                for o in step.options
                if wanted in (o.value.casefold(), o.label.en.casefold(), o.label.zh.casefold())
            ),
            None,
        )
        if chosen is None and wanted.isdigit() and 1 <= int(wanted) <= len(step.options):
            chosen = step.options[int(wanted) - 1].value  # the number the runner shows: [2]
        if chosen is None:
            options = ", ".join(o.value for o in step.options)
            raise UsageError.said(
                "step.not-an-answer",
                "step.answer-one-of",
                {"value": value, "step": step_id, "options": options},
            )
        _check_text([("note", note)], confirmed=False)
        event = ev.StepAnswered(at=now, step_id=step_id, value=chosen, note=note)
        writer.append(event)
        return event


def _attach(writer: Writer, incoming: list[Incoming]) -> list[Attachment]:
    return [item.attachment(writer.blobs.put(item.data)) for item in incoming]


def build(draft: Draft, tz: str, now: datetime | None = None) -> EvidenceModel:
    """The evidence a draft describes, read in the session's zone ``tz`` (nothing after ``now``)."""
    return read(draft, tz, now)[0]


def read(draft: Draft, tz: str, now: datetime | None = None) -> tuple[EvidenceModel, list[Note]]:
    """``build``, and what reading filled in on the user's behalf (a network from the asset)."""
    try:
        kind = kinds.get(draft.kind)
    except KeyError:
        raise UsageError(f"no evidence kind {draft.kind!r}") from None
    # Secrets first: a seed phrase pasted into a one-line field is refused as what it is,
    # not for the new lines between its words.
    guards.refuse_secrets([(k, v) for k, v in draft.values.items() if isinstance(v, str)])
    return kind.read(draft.values, Reading(tz, now))


def add_evidence(
    store: Store,
    session_id: str,
    draft: Draft,
    *,
    now: datetime,
    files: Sequence[Path] = (),
    step_id: str | None = None,
    confirmed: bool = False,
    lang: str | None = None,
) -> Recorded:
    """Check everything first (files, secrets, step id), then store files, then the event.

    A transaction's address and TxID are checked offline; what looks wrong is stored with
    it and returned as warnings (``warnings_of`` tells a caller beforehand, to ask).

    The warnings it reports are in ``lang`` (default: the session's).
    """
    incoming = [read_file(Path(p)) for p in files]
    with store.writing(session_id, full=False) as writer:
        _writable(writer)
        evidence, filled = read(draft, writer.state.tz, now)
        if step_id is not None:
            _step(writer.state, step_id)
        evidence, agreed, warnings = checked(
            writer.state,
            evidence,
            confirmed,
            files=[item.name for item in incoming],
            lang=lang,
        )
        attachments = _attach(writer, incoming)
        writer.append(
            ev.EvidenceAdded(
                at=now,
                evidence=evidence,
                step_id=step_id,
                attachments=attachments,
                confirmed=agreed,
            )
        )
        said = lang or writer.state.lang
        notes = [t(key, said, **values) for key, values in filled]
        return Recorded(writer.evidence_count, warnings, notes)


def checked(
    state: SessionState,
    evidence: EvidenceModel,
    confirmed: bool,
    *,
    files: Sequence[str] = (),
    only: Sequence[str] | None = None,
    lang: str | None = None,
) -> tuple[EvidenceModel, list[str], list[str]]:
    """The guards every entry passes, new or corrected: secrets refused, password-like text
    confirmed, a transaction's address and TxID checked, a contact checked against the
    official channels.

    ``only``: the fields to check (a correction checks what it changes). Returns the
    evidence (a contact marked official or not), what was confirmed, and the warnings in
    ``lang`` (default: the session's).
    """
    said = lang or state.lang
    fields: list[tuple[str, str | None]] = [
        (k, v)
        for k, v in evidence.model_dump().items()
        if isinstance(v, str) and k not in _UNCHECKED and (only is None or k in only)
    ]
    fields += [("file", name) for name in files]
    agreed = _check_text(fields, confirmed)
    warnings: list[str] = []
    if isinstance(evidence, Transaction):
        from incident.core import txchecks  # the checks' tables load only for transactions

        evidence = txchecks.checked(evidence)  # address and TxID, offline; kept with the entry
        warnings += txchecks.texts(evidence, said)
    if isinstance(evidence, Contact):
        official, warning = guards.check_contact(
            evidence.url, evidence.channel, state.platform_info
        )
        evidence = evidence.model_copy(update={"official": official, "warning": warning})
        shown = guards.contact_warning(
            evidence.url, evidence.channel, official, state.platform_info, said, state.platform
        )
        if shown:
            warnings.append(shown)
    return evidence, agreed, warnings


def warnings_of(draft: Draft, tz: str, lang: str) -> list[str]:
    """What the offline checks find wrong with a draft, before anything is recorded.

    A front end shows them and asks before recording (no lock is held meanwhile); the
    entry, once recorded, keeps them. A draft that cannot be read has none here: recording
    it says what is wrong.
    """
    try:
        evidence = build(draft, tz)
    except IncidentError:
        return []
    if not isinstance(evidence, Transaction):
        return []
    from incident.core import txchecks

    return txchecks.texts(txchecks.checked(evidence), lang)


# Fixed choices; a TxID is checked like any text (a bare 64-hex TxID trips no key pattern).
_UNCHECKED = ("kind", "tx_type", "channel", "time", "warning")


def note(text: str) -> Draft:
    return Draft("note", {"text": text})


def transaction(
    *,
    time: str,
    tx_type: str,
    asset: str,
    amount: str,
    to_address: str | None = None,
    txid: str | None = None,
    network: str | None = None,
    note: str | None = None,
) -> Draft:
    values = {
        "time": time,
        "tx_type": tx_type,
        "asset": asset,
        "amount": amount,
        "to_address": to_address,
        "txid": txid,
        "network": network,
        "note": note,
    }
    return Draft("transaction", values)


def login(
    *,
    time: str,
    ip: str | None = None,
    device: str | None = None,
    location: str | None = None,
    note: str | None = None,
) -> Draft:
    values = {"time": time, "ip": ip, "device": device, "location": location, "note": note}
    return Draft("login", values)


def contact(
    *,
    channel: str,
    summary: str,
    ticket: str | None = None,
    agent: str | None = None,
    url: str | None = None,
) -> Draft:
    values = {"channel": channel, "summary": summary, "ticket": ticket, "agent": agent, "url": url}
    return Draft("contact", values)


def police_report(*, number: str, filed: str, agency: str, note: str | None = None) -> Draft:
    return Draft("police", {"number": number, "filed": filed, "agency": agency, "note": note})


def close(store: Store, session_id: str, *, now: datetime, note: str | None = None) -> None:
    note = trimmed(note)
    with store.writing(session_id, full=False) as writer:
        if writer.closed:
            raise StepError.said("session.already-closed", values={"sid": session_id})
        _check_text([("note", note)], confirmed=False)
        writer.append(ev.SessionClosed(at=now, note=note))


def reopen(store: Store, session_id: str, *, now: datetime) -> None:
    with store.writing(session_id, full=False) as writer:
        if not writer.closed:
            raise StepError.said("session.already-open", values={"sid": session_id})
        writer.append(ev.SessionReopened(at=now))


def check_value(kind: str, name: str, text: str, tz: str, now: datetime | None = None) -> None:
    """Read one typed value as its field would (a form checks each answer as it is typed)."""
    kinds.get(kind).field(name).read_value(text.strip(), Reading(tz, now))


def record_timestamp(
    store: Store,
    session_id: str,
    *,
    now: datetime,
    time: datetime,
    authority: str,
    url: str,
    serial: int,
    digest: str,
    entries: int,
    head_hash: str,
) -> ev.CaseTimestamped:
    """Keep in the journal that an authority time-stamped a case file made from it.

    Recorded whether the session is open or closed: it says what was done with the record,
    it adds nothing to it.
    """
    event = ev.CaseTimestamped(
        at=now,
        time=time,
        authority=clean_text(authority).strip()[:MAX_NAME] or "?",
        url=clean_text(url).strip()[:MAX_NAME],
        serial=str(serial),
        digest=digest,
        entries=entries,
        head_hash=head_hash,
    )
    with store.writing(session_id, full=False) as writer:
        writer.append(event)
    return event

"""What a user can do to a session. The command line, the runner and the demo all call these."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from incident.core import events as ev
from incident.core import guards
from incident.core.attachments import Incoming, read_file
from incident.core.evidence import (
    Attachment,
    Contact,
    Login,
    Note,
    Transaction,
    clean_text,
    parse_amount,
    parse_asset,
)
from incident.core.state import SessionState
from incident.core.store import Opened, Store
from incident.errors import EvidenceError, NeedsConfirmation, StepError, UsageError
from incident.playbook import loader
from incident.playbook.schema import Lang, Step
from incident.times import parse_time, system_zone, zone

MAX_NAME = 400  # a platform or account name; notes may be far longer


@dataclass
class Recorded:
    """What a recording action reports back to the user."""

    number: int
    warnings: list[str] = field(default_factory=list)


def _check_text(fields: Sequence[tuple[str, str | None]], confirmed: bool) -> list[str]:
    """Refuse secrets; ask for confirmation of password-like text. Returns what was confirmed."""
    guards.refuse_secrets(fields)
    findings = guards.needs_confirmation(fields)
    if findings and not confirmed:
        first = findings[0]
        raise NeedsConfirmation(
            f"{first.field} looks like it contains a {first.what}; nothing was stored",
            f"{guards.NEVER_ASKS} Remove it, or pass --yes if it is not one",
        )
    return [f"{f.field}: {f.what}" for f in findings]


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
) -> Opened:
    """Create a session; nothing is written when any argument is wrong."""
    found = loader.find(playbook)
    tz_name = tz or system_zone()
    zone(tz_name)
    platform, account = clean_text(platform).strip(), clean_text(account).strip()
    if not platform:
        raise UsageError("--platform is empty", "name the platform, e.g. OKX")
    if not account:
        raise UsageError("--account is empty", "give the account's e-mail, phone or user id")
    for name, value in (("--platform", platform), ("--account", account)):
        if len(value) > MAX_NAME:
            raise UsageError(f"{name} is longer than {MAX_NAME} characters")
    _check_text([("--platform", platform), ("--account", account)], confirmed=False)
    discovered = parse_time(discovered_at, tz_name) if discovered_at else now
    if discovered > now:
        raise UsageError("--discovered-at is in the future", "give the time you first noticed")
    matched = found.playbook.platform(platform)

    def make(session_id: str) -> ev.SessionStarted:
        return ev.SessionStarted(
            at=now,
            session_id=session_id,
            playbook=found.playbook,
            playbook_origin=f"{found.origin}:{found.location}",
            platform=platform,
            platform_id=matched.id if matched else None,
            account=account,
            discovered_at=discovered,
            tz=tz_name,
            lang=lang,
        )

    return store.create(make, now)


def _step(state: SessionState, step_id: str) -> Step:
    step = state.playbook.step(step_id)
    if step is None:
        ids = [s.id for s in state.playbook.steps]
        close = difflib.get_close_matches(step_id, ids, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "see the steps with: incident status"
        raise StepError(f"no step {step_id!r} in playbook {state.playbook.id!r}", hint)
    return step


def _writable(opened: Opened) -> None:
    if opened.closed:
        raise StepError(f"session {opened.state.id} is closed", "reopen it with: incident reopen")


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
    if status == "skipped" and not (reason and reason.strip()):
        raise UsageError("skipping a step needs a reason", "add --reason TEXT")
    with store.writing(session_id) as opened:
        _writable(opened)
        state = opened.state
        step = _step(state, step_id)
        engine = state.engine
        if step.kind == "question":
            raise StepError(
                f"{step_id!r} is a question", f"answer it with: incident answer {step_id} VALUE"
            )
        current = state.steps[step_id]
        if current.status == "done" and status == "done":
            raise StepError(f"step {step_id!r} is already done", "nothing was changed")
        if not engine.applies(step) and not force:
            assert step.when is not None
            if engine.waiting(step):
                raise StepError(
                    f"step {step_id!r} depends on question {step.when.step!r}",
                    f"answer it first: incident answer {step.when.step} VALUE",
                )
            raise StepError(
                f"step {step_id!r} does not apply: {step.when.step} was answered "
                f"{state.answers.get(step.when.step)!r}",
                "use --force to record it anyway",
            )
        unmet = engine.unmet(step)
        if unmet and status == "done" and not force:
            raise StepError(
                f"step {step_id!r} needs {', '.join(unmet)} done first",
                "do that first, or add --force to record an override",
            )
        _check_text([("--note", note), ("--reason", reason)], confirmed)
        event = ev.StepMarked(
            at=now,
            step_id=step_id,
            status=status,
            note=note,
            reason=reason,
            forced=force and (bool(unmet) or not engine.applies(step)),
            unmet=unmet if force and status == "done" else [],
        )
        opened.append(event)
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
    """Answer a question step with one of its option values (or labels, in either language)."""
    with store.writing(session_id) as opened:
        _writable(opened)
        state = opened.state
        step = _step(state, step_id)
        if step.kind != "question":
            raise StepError(
                f"{step_id!r} is not a question", f"mark it with: incident step done {step_id}"
            )
        wanted = value.strip().casefold()
        chosen = next(
            (
                o.value
                for o in step.options
                if wanted in (o.value.casefold(), o.label.en.casefold(), o.label.zh.casefold())
            ),
            None,
        )
        if chosen is None:
            options = ", ".join(o.value for o in step.options)
            raise UsageError(
                f"{value!r} is not an answer to {step_id!r}", f"answer one of: {options}"
            )
        _check_text([("--note", note)], confirmed=False)
        event = ev.StepAnswered(at=now, step_id=step_id, value=chosen, note=note)
        opened.append(event)
        return event


def _attach(opened: Opened, incoming: list[Incoming]) -> list[Attachment]:
    return [item.attachment(opened.blobs.put(item.data)) for item in incoming]


Build = Callable[[SessionState], Note | Transaction | Login | Contact]


def _built(build: Build, state: SessionState) -> Note | Transaction | Login | Contact:
    try:
        return build(state)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err.get("loc", ())) or "value"
        raise EvidenceError(f"--{where.replace('_', '-')}: {err.get('msg', 'invalid')}") from None


def add_evidence(
    store: Store,
    session_id: str,
    build: Build,
    *,
    now: datetime,
    files: Sequence[Path] = (),
    step_id: str | None = None,
    confirmed: bool = False,
) -> Recorded:
    """Check everything first (files, secrets, step id), then store files, then the event."""
    incoming = [read_file(Path(p)) for p in files]
    with store.writing(session_id, full=False) as opened:
        _writable(opened)
        evidence = _built(build, opened.state)
        if step_id is not None:
            _step(opened.state, step_id)
        fields = [
            ("--note" if k == "text" else f"--{k.replace('_', '-')}", v)
            for k, v in evidence.model_dump().items()
            if isinstance(v, str) and k not in _UNCHECKED
        ]
        fields += [("file name", item.name) for item in incoming]
        agreed = _check_text(fields, confirmed)
        warnings: list[str] = []
        if isinstance(evidence, Contact):
            official, warning = guards.check_contact(
                evidence.url, evidence.channel, opened.state.platform_info
            )
            evidence = evidence.model_copy(update={"official": official, "warning": warning})
            if warning:
                warnings.append(warning)
        attachments = _attach(opened, incoming)
        opened.append(
            ev.EvidenceAdded(
                at=now,
                evidence=evidence,
                step_id=step_id,
                attachments=attachments,
                confirmed=agreed,
            )
        )
        return Recorded(opened.evidence_count, warnings)


# Fixed choices; a TxID is checked like any text (a bare 64-hex TxID trips no key pattern).
_UNCHECKED = ("kind", "tx_type", "channel", "time")


def note(text: str) -> Build:
    return lambda state: Note(text=text)


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
) -> Build:
    when_text, amount_value, asset_value = time, parse_amount(amount), parse_asset(asset)

    def build(state: SessionState) -> Transaction:
        return Transaction.model_validate(
            {
                "time": parse_time(when_text, state.tz),
                "tx_type": tx_type,
                "asset": asset_value,
                "amount": amount_value,
                "to_address": _blank_none(to_address),
                "txid": _blank_none(txid),
                "network": _blank_none(network),
                "note": _blank_none(note),
            }
        )

    return build


def login(
    *,
    time: str,
    ip: str | None = None,
    device: str | None = None,
    location: str | None = None,
    note: str | None = None,
) -> Build:
    if ip:
        _check_ip(ip)

    def build(state: SessionState) -> Login:
        return Login.model_validate(
            {
                "time": parse_time(time, state.tz),
                "ip": _blank_none(ip),
                "device": _blank_none(device),
                "location": _blank_none(location),
                "note": _blank_none(note),
            }
        )

    return build


def contact(
    *,
    channel: str,
    summary: str,
    ticket: str | None = None,
    agent: str | None = None,
    url: str | None = None,
) -> Build:
    if not summary.strip():
        raise UsageError("--summary is empty", "say in a sentence what was said or asked")
    return lambda state: Contact.model_validate(
        {
            "channel": channel,
            "summary": summary,
            "ticket": _blank_none(ticket),
            "agent": _blank_none(agent),
            "url": _blank_none(url),
        }
    )


def _blank_none(value: str | None) -> str | None:
    return value if value is not None and value.strip() else None


def _check_ip(text: str) -> None:
    import ipaddress

    try:
        ipaddress.ip_address(text.strip())
    except ValueError:
        raise EvidenceError(
            f"cannot read IP address {text!r}", "use e.g. 203.0.113.7 or 2001:db8::1"
        ) from None


def close(store: Store, session_id: str, *, now: datetime, note: str | None = None) -> None:
    with store.writing(session_id, full=False) as opened:
        if opened.closed:
            raise StepError(f"session {session_id} is already closed")
        _check_text([("--note", note)], confirmed=False)
        opened.append(ev.SessionClosed(at=now, note=note))


def reopen(store: Store, session_id: str, *, now: datetime) -> None:
    with store.writing(session_id, full=False) as opened:
        if not opened.closed:
            raise StepError(f"session {session_id} is open already")
        opened.append(ev.SessionReopened(at=now))

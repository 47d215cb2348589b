"""The events a journal holds. Only ``session.py`` interprets them."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from incident.core.evidence import Attachment, CleanText, Evidence, ShortText
from incident.errors import IncidentError
from incident.playbook.schema import Lang, Playbook


class Base(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    at: datetime  # when it was recorded, UTC


class SessionStarted(Base):
    type: Literal["session.started"] = "session.started"
    session_id: str
    playbook: Playbook  # a snapshot: the session reads the same tomorrow whatever changes
    playbook_origin: str
    platform: ShortText
    platform_id: str | None = None
    account: ShortText
    discovered_at: datetime
    tz: str
    lang: Lang


class StepMarked(Base):
    type: Literal["step.marked"] = "step.marked"
    step_id: str
    status: Literal["done", "skipped", "failed"]
    note: CleanText | None = None
    reason: CleanText | None = None
    forced: bool = False
    unmet: list[str] = []


class StepAnswered(Base):
    type: Literal["step.answered"] = "step.answered"
    step_id: str
    value: str
    note: CleanText | None = None


class EvidenceAdded(Base):
    type: Literal["evidence.added"] = "evidence.added"
    evidence: Evidence
    step_id: str | None = None
    attachments: list[Attachment] = []
    confirmed: list[str] = Field(
        default=[], description="warnings the user confirmed (looks like a password...)"
    )


class SessionClosed(Base):
    type: Literal["session.closed"] = "session.closed"
    note: CleanText | None = None


class SessionReopened(Base):
    type: Literal["session.reopened"] = "session.reopened"


Event = Annotated[
    SessionStarted | StepMarked | StepAnswered | EvidenceAdded | SessionClosed | SessionReopened,
    Field(discriminator="type"),
]

_adapter: TypeAdapter[Event] = TypeAdapter(Event)
# The adapter's own validate_json is a Python wrapper that adds ~1 us to each of the
# thousands of events a long session decodes; its validator is the same check, called direct.
_validate_json = _adapter.validator.validate_json


def decode(payload: bytes) -> Event:
    event: Event = _validate_json(payload)
    return event


def decode_entry(payload: bytes, n: int) -> Event:
    """Journal entry ``n`` as an event, or a one-line error for one this version cannot read."""
    try:
        return decode(payload)
    except ValidationError:
        raise IncidentError(
            f"entry {n} cannot be read by this version of incident", "upgrade incident"
        ) from None


def encode(event: Base) -> bytes:
    return event.model_dump_json(exclude_none=True).encode()


# How ``encode`` begins an evidence event: fields in the order the models declare them.
_EVIDENCE_START = re.compile(
    rb'\{"at":"([0-9:.TZ+-]{20,40})","type":"evidence\.added",'
    rb'"evidence":\{"kind":"(note|transaction|login|contact)"'
)


def evidence_start(payload: bytes) -> tuple[datetime, str] | None:
    """When an evidence event was recorded and its kind, read off the start of its payload.

    A long session is nearly all evidence, and a status needs only how many there are,
    their kinds and times, so their full decoding can wait until something reads them.
    None for anything else (another event, or a payload not written by ``encode``):
    decode that in full.
    """
    match = _EVIDENCE_START.match(payload)
    if match is None:
        return None
    try:
        at = datetime.fromisoformat(match[1].decode())
    except ValueError:
        return None
    if at.tzinfo is None:
        return None
    return at, match[2].decode()

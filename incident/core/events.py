"""The events a journal holds, and their codec. Only ``state.py`` interprets them."""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from incident.catalog import Lang
from incident.core import kinds
from incident.core.attachments import Attachment
from incident.core.text import CleanText, ShortText
from incident.errors import IncidentError
from incident.playbook.schema import Playbook

if TYPE_CHECKING:
    from incident.core.kinds.base import EvidenceModel as AnyEvidence
else:
    # The union of every registered kind, told apart by "kind"; rebuilt when kinds change.
    AnyEvidence = Any


class Base(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    at: datetime  # when it was recorded, UTC


class SessionStarted(Base):
    type: Literal["session.started"] = "session.started"
    session_id: str
    playbook: Playbook  # a snapshot: the session reads the same tomorrow whatever changes
    playbook_origin: str
    playbook_sha256: str | None = None  # of the YAML file it was read from (older: absent)
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
    evidence: AnyEvidence
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


class CaseTimestamped(Base):
    """A trusted timestamp (RFC 3161) was taken over a case file's ``SHA256SUMS``."""

    type: Literal["case.timestamped"] = "case.timestamped"
    time: datetime  # the token's time (genTime), UTC
    authority: ShortText  # who vouches for it: the token's name or its signer's
    url: ShortText  # where it was asked for
    serial: str  # the token's serial number (decimal; may exceed 64 bits)
    digest: str = Field(pattern=r"^[0-9a-f]{64}$")  # SHA-256 of the SHA256SUMS it covers
    entries: int = Field(ge=1)  # the journal's entries the case file was made from
    head_hash: str = Field(pattern=r"^[0-9a-f]{64}$")  # and their head


# Corrections (issue 12): the journal stays append-only, so a mistake is put right by a new
# event that names what it changes; the original entry is kept and read as it was.


class EvidenceCorrected(Base):
    type: Literal["evidence.corrected"] = "evidence.corrected"
    number: int = Field(ge=1)  # the entry corrected: E1, E2... as numbered when recorded
    evidence: AnyEvidence  # the entry as it reads from now on, in full
    fields: list[str]  # the fields this correction changed
    reason: CleanText | None = None
    confirmed: list[str] = []


class EvidenceRetracted(Base):
    type: Literal["evidence.retracted"] = "evidence.retracted"
    number: int = Field(ge=1)
    reason: CleanText


SessionField = Literal["discovered_at", "platform", "account", "tz"]


class SessionEdited(Base):
    """One fact of the session given anew; ``value`` as stored (ISO-8601 for a time)."""

    type: Literal["session.edited"] = "session.edited"
    field: SessionField
    value: ShortText
    reason: CleanText | None = None


class StepReset(Base):
    """A done, skipped, failed or answered step put back to to-do."""

    type: Literal["step.reset"] = "step.reset"
    step_id: str
    reason: CleanText | None = None


# -- issue 17: a repair of a damaged journal, recorded in the journal it repaired ----------
class LostPart(BaseModel):
    """Entries a repair could not keep, why, and the bytes it set aside for them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entries: list[int] = []  # none when no entry was lost (a damaged head file, stray bytes)
    reason: str  # cut-short, changed, removed, not-a-record, unlinked, head-missing, ...
    bytes: int  # how many bytes were set aside
    sha256: str  # of those bytes
    file: str | None = None  # where they were set aside, relative to the session folder


class IntegrityRepaired(Base):
    type: Literal["integrity.repaired"] = "integrity.repaired"
    lost: list[LostPart]
    evidence: int = 0  # evidence recorded before it, as far as the head knew (numbers used)
    renumber: list[tuple[int, int]] = []  # (entry, n): evidence from it on is numbered n later


Event = Annotated[
    SessionStarted
    | StepMarked
    | StepAnswered
    | EvidenceAdded
    | SessionClosed
    | SessionReopened
    | CaseTimestamped
    | EvidenceCorrected
    | EvidenceRetracted
    | SessionEdited
    | StepReset
    | IntegrityRepaired,
    Field(discriminator="type"),
]


@cache
def _validate_json() -> Any:
    """The decoder for the kinds registered now.

    The adapter's own validate_json is a Python wrapper that adds ~1 us to each of the
    thousands of events a long session decodes; its validator is the same check, called direct.
    """
    for model in (EvidenceAdded, EvidenceCorrected):
        field = model.model_fields["evidence"]
        field.annotation = Union[tuple(kinds.models())]  # type: ignore[assignment]  # noqa: UP007
        field.discriminator = "kind"
        model.model_rebuild(force=True)
    return TypeAdapter(Event).validator.validate_json


@cache
def _evidence_start() -> re.Pattern[bytes]:
    """How ``encode`` begins an evidence event: fields in the order the models declare them."""
    names = b"|".join(re.escape(n.encode()) for n in kinds.names())
    return re.compile(
        rb'\{"at":"([0-9:.TZ+-]{20,40})","type":"evidence\.added",'
        rb'"evidence":\{"kind":"(' + names + rb')"'
    )


def _kinds_changed() -> None:
    _validate_json.cache_clear()
    _evidence_start.cache_clear()


kinds.on_change(_kinds_changed)
_validate_json()  # build the evidence union now, so models made in Python are checked too


def decode(payload: bytes) -> Event:
    event: Event = _validate_json()(payload)
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
    _validate_json()  # the evidence union is built before the first dump too
    return event.model_dump_json(exclude_none=True).encode()


def evidence_start(payload: bytes) -> tuple[datetime, str] | None:
    """When an evidence event was recorded and its kind, read off the start of its payload.

    A long session is nearly all evidence, and a status needs only how many there are,
    their kinds and times, so their full decoding can wait until something reads them.
    None for anything else (another event, or a payload not written by ``encode``):
    decode that in full.
    """
    match = _evidence_start().match(payload)
    if match is None:
        return None
    try:
        at = datetime.fromisoformat(match[1].decode())
    except ValueError:
        return None
    if at.tzinfo is None:
        return None
    return at, match[2].decode()

"""The playbook format: YAML validated by these pydantic models (``extra="forbid"``)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from incident.bilingual import Text

StepKind = Literal["action", "question", "evidence"]
EvidenceKind = Literal["transaction", "login", "contact", "note", "file"]
ChannelKind = Literal["chat", "email", "phone", "web-form", "ticket", "social"]
# How one reaches support: a platform's channels and a recorded contact share this list.
CHANNELS: tuple[str, ...] = get_args(ChannelKind)

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """A public page a platform-specific fact was checked against."""

    url: str = Field(pattern=r"^https://")
    title: str | None = None
    checked: date | None = None


class Channel(Strict):
    """One official support channel of a platform."""

    kind: ChannelKind
    name: Text
    address: str = Field(min_length=1, description="URL, e-mail address or phone number")
    hours: str | None = Field(default=None, description="e.g. '24/7' or '09:00-18:00'")
    hours_tz: str | None = Field(default=None, description="IANA zone the hours are given in")
    note: Text | None = None
    source: str | None = None


class Platform(Strict):
    """A platform the playbook fits, with what is official about it."""

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    aliases: list[str] = []
    domains: list[str] = Field(default=[], description="official domains, for the phishing check")
    channels: list[Channel] = []
    sources: list[Source] = []


class PlatformNote(Text):
    """How a step differs on one platform, and the official page (and day) it was read on."""

    source: str | None = Field(default=None, pattern=r"^https://")
    checked: date | None = None


class Option(Strict):
    value: str = Field(pattern=ID_PATTERN)
    label: Text


class When(Strict):
    """Show a step only when question ``step`` was answered with one of ``answer``."""

    step: str
    answer: list[str] = Field(min_length=1)

    @field_validator("answer", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class Step(Strict):
    id: str = Field(pattern=ID_PATTERN)
    kind: StepKind
    title: Text
    why: Text
    help: Text
    target_minutes: int = Field(
        ge=0, description="minutes after discovery (or after `target_from`) this should be done"
    )
    target_from: str | None = Field(
        default=None,
        description="count the target from when this step was done (it must be required)",
    )
    requires: list[str] = []
    when: When | None = None
    unless: When | None = Field(default=None, description="hide the step on this answer")
    platforms: list[str] = Field(default=[], description="only on these platforms (empty: all)")
    options: list[Option] = []
    evidence: list[EvidenceKind] = []
    support: bool = Field(default=False, description="the step involves contacting support")
    platform_notes: dict[str, PlatformNote] = {}

    @model_validator(mode="after")
    def _question_has_options(self) -> Step:
        if self.kind == "question" and len(self.options) < 2:
            raise ValueError("a question needs at least two options")
        if self.kind != "question" and self.options:
            raise ValueError("only a question step has options")
        values = [o.value for o in self.options]
        if len(values) != len(set(values)):
            raise ValueError("option values repeat")
        return self

    def note_for(self, platform_id: str | None) -> PlatformNote | None:
        if platform_id and platform_id in self.platform_notes:
            return self.platform_notes[platform_id]
        return self.platform_notes.get("default")


class Deadline(Strict):
    """A day-scale limit a platform sets (a report, a claim), counted from discovery or a step."""

    id: str = Field(pattern=ID_PATTERN)
    platform: str | None = Field(default=None, description="platform id; none: every platform")
    title: Text
    why: Text
    days: int = Field(default=0, ge=0, le=3660)
    hours: int = Field(default=0, ge=0, le=24 * 3660)
    start: str = Field(
        default="discovery", description="'discovery', or a step id: counted from when it was done"
    )
    funds_taken: bool = Field(default=False, description="only once a loss has been recorded")
    met_by: str | None = Field(default=None, description="the step that meets the deadline")
    source: str = Field(pattern=r"^https://")
    checked: date

    @model_validator(mode="after")
    def _has_length(self) -> Deadline:
        if self.days == 0 and self.hours == 0:
            raise ValueError("a deadline needs days or hours")
        return self

    @property
    def length(self) -> timedelta:
        return timedelta(days=self.days, hours=self.hours)


class Playbook(Strict):
    id: str = Field(pattern=ID_PATTERN)
    version: str = Field(min_length=1)
    title: Text
    description: Text
    platforms: list[Platform] = []
    follow_up_hours: int = Field(default=24, ge=1, le=24 * 14)
    steps: list[Step] = Field(min_length=1)
    deadlines: list[Deadline] = []
    sources: list[Source] = []

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int | float) else value

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def platform(self, text: str | None) -> Platform | None:
        """The platform ``text`` names (id, name or alias, any case), if the playbook has it."""
        if not text:
            return None
        wanted = text.strip().casefold()
        for platform in self.platforms:
            names = [platform.id, platform.name, *platform.aliases]
            if wanted in (n.casefold() for n in names):
                return platform
        return None

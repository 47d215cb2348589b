"""A contact with support: how, what was said, the ticket, and whether the channel is official."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import Field as ModelField
from pydantic import field_validator

from incident.bilingual import Text
from incident.catalog import t
from incident.core.kinds.base import EvidenceModel, Field, Kind
from incident.core.text import CleanText, LineText
from incident.playbook.schema import CHANNELS, Platform


class Contact(EvidenceModel):
    kind: Literal["contact"] = "contact"
    channel: str
    summary: CleanText
    ticket: LineText | None = None
    agent: LineText | None = None
    url: LineText | None = None
    official: bool | None = ModelField(
        default=None, description="True/False when checked against the playbook; None: unknown"
    )
    warning: str | None = None  # as recorded (English); readers word it again in their language

    @field_validator("channel")
    @classmethod
    def _known_channel(cls, value: str) -> str:
        if value not in CHANNELS:
            raise ValueError(f"must be one of {', '.join(CHANNELS)}")
        return value


def _first_channel(platform: Platform | None, values: Mapping[str, str | None]) -> str:
    return platform.channels[0].kind if platform and platform.channels else "chat"


def _channel_address(platform: Platform | None, values: Mapping[str, str | None]) -> str | None:
    """The official address of the channel chosen (no phone numbers: they are no URL)."""
    channel = values.get("channel")
    if platform is None or channel == "phone":
        return None
    return next((c.address for c in platform.channels if c.kind == channel), None)


def channel_label(channel: str, lang: str) -> str:
    return t(f"channel.{channel}", lang)


def _describe(e: Contact, lang: str, tz: str) -> str:
    body = " ".join(x for x in (channel_label(e.channel, lang), e.ticket, e.summary) if x)
    return body + (f" [{t('evidence.not-official', lang)}]" if e.official is False else "")


KIND = Kind(
    name="contact",
    model=Contact,
    label=Text(en="Support contact", zh="客服联系"),
    fields=(
        Field(
            "channel",
            label=Text(en="Channel", zh="渠道"),
            prompt=Text(en="Channel", zh="渠道"),
            help="How you reached support (or how they reached you).",
            required=True,
            choices={
                c: Text(en=t(f"channel.{c}", "en"), zh=t(f"channel.{c}", "zh")) for c in CHANNELS
            },
            suggest=_first_channel,
        ),
        Field(
            "summary",
            label=Text(en="What was said", zh="沟通内容"),
            prompt=Text(en="What you asked and what they said", zh="你问了什么，对方怎么答复"),
            help="What you asked and what they said.",
            required=True,
            long=True,
        ),
        Field(
            "ticket",
            label=Text(en="Ticket", zh="工单号"),
            prompt=Text(en="Ticket / case number (optional)", zh="工单号 / 案件号（可选）"),
            help="Ticket / case number.",
            metavar="ID",
        ),
        Field(
            "agent",
            label=Text(en="Agent", zh="客服"),
            prompt=Text(en="Agent name or id (optional)", zh="客服姓名或工号（可选）"),
            help="Agent name or id.",
            metavar="NAME",
        ),
        Field(
            "url",
            label=Text(en="Link", zh="链接"),
            prompt=Text(en="Where: page or e-mail address", zh="在哪里联系：网址或邮箱"),
            help="Where: the chat page, form URL or support e-mail address.",
            metavar="URL",
            suggest=_channel_address,
        ),
    ),
    describe=_describe,
    recorded=Text(en="Support contacted by {channel} (E{n})", zh="通过{channel}联系客服（E{n}）"),
    recorded_values=lambda e, lang: {"channel": channel_label(e.channel, lang)},
)

"""A login that was not the user's: when, from which IP, device and place."""

from __future__ import annotations

import ipaddress
from datetime import datetime
from typing import Literal

from incident.bilingual import Text
from incident.core.kinds.base import EvidenceModel, Field, Kind, Reading
from incident.core.text import CleanText, LineText
from incident.errors import EvidenceError
from incident.times import fmt_local_offset, parse_time


class Login(EvidenceModel):
    kind: Literal["login"] = "login"
    time: datetime
    ip: LineText | None = None
    device: LineText | None = None
    location: LineText | None = None
    note: CleanText | None = None

    def happened_at(self) -> datetime:
        return self.time


def _time(text: str, reading: Reading) -> object:
    return parse_time(text, reading.tz, reading.now)


def read_ip(text: str, reading: Reading | None = None) -> str:
    try:
        ipaddress.ip_address(text.strip())
    except ValueError:
        raise EvidenceError.said("ip.unreadable", "ip.hint", {"value": text.strip()}) from None
    return text


def _describe(e: Login, lang: str, tz: str) -> str:
    return " ".join(x for x in (fmt_local_offset(e.time, tz), e.ip, e.device, e.location) if x)


KIND = Kind(
    name="login",
    model=Login,
    label=Text(en="Login", zh="登录记录"),
    fields=(
        Field(
            "time",
            label=Text(en="Time", zh="时间"),
            prompt=Text(en="When (e.g. {example})", zh="时间（例如 {example}）"),
            help="When the login happened: 2026-11-25 02:27, 02:27 (today), yesterday 02:27, "
            "3 hours ago, 昨天 02:27...",
            read=_time,
            required=True,
            metavar="TIME",
        ),
        Field(
            "ip",
            label=Text(en="IP address", zh="IP 地址"),
            prompt=Text(en="IP address (optional)", zh="IP 地址（可选）"),
            help="IP address shown in the login history.",
            read=read_ip,
        ),
        Field(
            "device",
            label=Text(en="Device", zh="设备"),
            prompt=Text(en="Device or browser (optional)", zh="设备或浏览器（可选）"),
            help="Device or browser shown.",
        ),
        Field(
            "location",
            label=Text(en="Location", zh="地点"),
            prompt=Text(en="Location (optional)", zh="地点（可选）"),
            help="Location shown.",
        ),
        Field(
            "note",
            label=Text(en="Note", zh="备注"),
            prompt=Text(en="Note (optional)", zh="备注（可选）"),
            help="Anything else about it.",
            long=True,
        ),
    ),
    describe=_describe,
    recorded=Text(en="Suspicious login (E{n}){ip}", zh="可疑登录（E{n}）{ip}"),
    recorded_values=lambda e, lang: {"ip": ("：" if lang == "zh" else ": ") + e.ip if e.ip else ""},
)

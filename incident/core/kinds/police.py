"""A police report: its number, when it was filed and with which agency (issue 14)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from incident.bilingual import Text
from incident.core.kinds.base import EvidenceModel, Field, Kind, Reading
from incident.core.text import CleanText, ShortText
from incident.times import fmt_local, parse_time


class PoliceReport(EvidenceModel):
    kind: Literal["police"] = "police"
    number: ShortText
    filed: datetime
    agency: ShortText
    note: CleanText | None = None

    def happened_at(self) -> datetime:
        return self.filed


def _time(text: str, reading: Reading) -> object:
    return parse_time(text, reading.tz)


def _describe(e: PoliceReport, lang: str, tz: str) -> str:
    return " ".join((e.number, fmt_local(e.filed, tz), e.agency))


KIND = Kind(
    name="police",
    model=PoliceReport,
    label=Text(en="Police report", zh="报案记录"),
    fields=(
        Field(
            "number",
            label=Text(en="Report number", zh="报案编号"),
            prompt=Text(en="Report or reference number", zh="报案回执编号或案件编号"),
            help="The report or reference number the police gave you.",
            required=True,
        ),
        Field(
            "filed",
            label=Text(en="Filed", zh="报案时间"),
            prompt=Text(en="When it was filed (e.g. {example})", zh="报案时间（例如 {example}）"),
            help="When the report was filed.",
            read=_time,
            required=True,
            metavar="ISO-8601",
        ),
        Field(
            "agency",
            label=Text(en="Agency", zh="受理机关"),
            prompt=Text(en="Police station or agency", zh="受理的派出所或机关"),
            help="The police station or agency that took the report.",
            required=True,
        ),
        Field(
            "note",
            label=Text(en="Note", zh="备注"),
            prompt=Text(en="Note (optional)", zh="备注（可选）"),
            help="Anything else about it (officer, contact number).",
            long=True,
        ),
    ),
    describe=_describe,
    recorded=Text(en="Police report recorded (E{n})", zh="记录报案（E{n}）"),
)

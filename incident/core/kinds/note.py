"""A note: what the user saw or did, in their own words (files may be attached to it)."""

from __future__ import annotations

from typing import Literal

from incident.bilingual import Text
from incident.core.kinds.base import EvidenceModel, Field, Kind
from incident.core.text import CleanText


class Note(EvidenceModel):
    kind: Literal["note"] = "note"
    text: CleanText


def _describe(e: Note, lang: str, tz: str) -> str:
    return e.text


KIND = Kind(
    name="note",
    model=Note,
    label=Text(en="Note", zh="备注"),
    fields=(
        Field(
            "text",
            label=Text(en="Note", zh="备注"),
            prompt=Text(en="Note", zh="备注"),
            help="What you saw or did, in your own words.",
            required=True,
            flag="note",
            long=True,
        ),
    ),
    describe=_describe,
    recorded=Text(en="Note recorded (E{n})", zh="记录备注（E{n}）"),
)

"""What every evidence kind is made of: a model, its fields as a user fills them, its words."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from incident.bilingual import Text
from incident.core.text import Frozen
from incident.errors import EvidenceError, IncidentError
from incident.playbook.schema import Platform


class EvidenceModel(Frozen):
    """The base of every kind's model; ``kind`` tells them apart in the journal."""

    kind: str

    def happened_at(self) -> datetime | None:
        """When the thing itself happened (a login's time), if the kind records one."""
        return None


@dataclass(frozen=True)
class Reading:
    """What reading a typed value needs to know about its session (and the clock)."""

    tz: str
    now: datetime | None = None  # a time after it is refused; None: the system clock


# Text as typed -> the value the model takes; raises EvidenceError naming what is wrong.
Reader = Callable[[str, Reading], object]
# Something reading the input filled in, said to the user: a catalog key and its values.
Note = tuple[str, dict[str, object]]
# What a kind fills in from the other fields (a network from its asset); says what it did.
Complete = Callable[[dict[str, Any]], list[Note]]
# What to offer as the answer, from the platform and the answers so far (a form's default).
Suggest = Callable[[Platform | None, Mapping[str, str | None]], str | None]


def as_text(text: str, reading: Reading) -> object:
    return text


@dataclass(frozen=True)
class Field:
    """One field of a kind as a user fills it in: on the command line or in the runner."""

    name: str  # the model's field
    label: Text  # a column header or "old -> new" line
    prompt: Text  # the runner's question
    help: str  # the command-line option's help (all --help text is English)
    read: Reader = as_text
    required: bool = False
    choices: Mapping[str, Text] = field(default_factory=dict)  # value -> its label
    flag: str = ""  # the option's name when it is not the field's (``type`` for tx_type)
    metavar: str | None = None
    long: bool = False  # free text that may run to pages (a note), not a name or a number
    suggest: Suggest | None = None

    @property
    def option(self) -> str:
        return "--" + (self.flag or self.name.replace("_", "-"))

    def read_value(self, text: str, reading: Reading) -> object:
        """``text`` (trimmed) as the model takes it; an error names this field."""
        if self.choices and text not in self.choices:
            raise EvidenceError.said(
                "field.not-a-choice",
                values={"value": text, "choices": ", ".join(self.choices)},
                field=self.name,
            )
        try:
            return self.read(text, reading)
        except IncidentError as exc:
            if exc.field is None:
                exc.field = self.name
            raise


M = TypeVar("M", bound=EvidenceModel)


@dataclass(frozen=True)
class Kind(Generic[M]):
    """An evidence kind: its model, its fields, and how it reads in a list and a timeline."""

    name: str
    model: type[M]
    label: Text  # "Transaction" / "交易"
    fields: tuple[Field, ...]
    describe: Callable[[M, str, str], str]  # (evidence, lang, tz) -> one line, no number
    recorded: Text  # the timeline's line: "{label} recorded (E{n})"; more fields allowed
    recorded_values: Callable[[M, str], dict[str, object]] = lambda e, lang: {}
    complete: Complete | None = None

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def field_named(self, name: str) -> Field | None:
        """The field called ``name``, or whose option is (``type`` for ``tx_type``)."""
        return next((f for f in self.fields if name in (f.name, f.flag)), None)

    def read_one(self, f: Field, raw: str | None, reading: Reading) -> object | None:
        """One typed value as its field reads it (trimmed); None for a blank (refused if
        required)."""
        text = raw.strip() if raw is not None else ""  # every field is trimmed
        if not text:
            if f.required:
                raise EvidenceError.said("field.empty", field=f.name)
            return None
        return f.read_value(text, reading)

    def build(self, values: Mapping[str, str | None], reading: Reading) -> M:
        """The model from what a user typed: blanks left out, each value read by its field."""
        return self.read(values, reading)[0]

    def read(self, values: Mapping[str, str | None], reading: Reading) -> tuple[M, list[Note]]:
        """``build``, and what was filled in on the user's behalf (to tell them)."""
        data: dict[str, Any] = {}
        for f in self.fields:
            value = self.read_one(f, values.get(f.name), reading)
            if value is not None:
                data[f.name] = value
        notes = self.complete(data) if self.complete else []
        return self.validate(data), notes

    def amend(self, evidence: M, values: Mapping[str, str], reading: Reading) -> M:
        """``evidence`` with the fields in ``values`` typed anew, each read as ``build`` reads
        it (a blank clears an optional field); the whole is validated again."""
        data = evidence.model_dump(exclude_none=True)
        for name, raw in values.items():
            f = self.field_named(name)
            if f is None:
                raise EvidenceError.said("field.unknown", values={"kind": self.name}, field=name)
            value = self.read_one(f, raw, reading)
            if value is None:
                data.pop(f.name, None)
            else:
                data[f.name] = value
        return self.validate(data)

    def validate(self, data: Mapping[str, Any]) -> M:
        try:
            return self.model.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = [str(p) for p in err.get("loc", ())]
            name = loc[0] if loc else None
            msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
            if "control character" in msg:  # a one-line field: say which character
                raise EvidenceError(f"{{field}}: {msg}", field=name) from None
            if err.get("type") == "string_too_long":
                limit = (err.get("ctx") or {}).get("max_length", "?")
                raise EvidenceError.said(
                    "field.too-long", values={"max": limit}, field=name
                ) from None
            raise EvidenceError.said("field.invalid", field=name) from None

    def timeline(self, evidence: M, number: int, lang: str) -> str:
        values = {"n": number, **self.recorded_values(evidence, lang)}
        return self.recorded.get(lang).format(**values)

    def words(self, evidence: EvidenceModel, lang: str, tz: str) -> str:
        """``describe`` for any model of this kind (the registry hands out untyped models)."""
        assert isinstance(evidence, self.model)
        return self.describe(evidence, lang, tz)

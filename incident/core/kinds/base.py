"""What every evidence kind is made of: a model, its fields as a user fills them, its words."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from incident.bilingual import Text
from incident.core.text import Frozen
from incident.errors import EvidenceError
from incident.playbook.schema import Platform


class EvidenceModel(Frozen):
    """The base of every kind's model; ``kind`` tells them apart in the journal."""

    kind: str

    def happened_at(self) -> datetime | None:
        """When the thing itself happened (a login's time), if the kind records one."""
        return None


@dataclass(frozen=True)
class Reading:
    """What reading a typed value needs to know about its session."""

    tz: str


# Text as typed -> the value the model takes; raises EvidenceError naming what is wrong.
Reader = Callable[[str, Reading], object]
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

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def field_named(self, name: str) -> Field | None:
        """The field called ``name``, or whose option is (``type`` for ``tx_type``)."""
        return next((f for f in self.fields if name in (f.name, f.flag)), None)

    def read(self, f: Field, raw: str | None, reading: Reading) -> object | None:
        """One typed value as its field reads it; None for a blank (refused if required)."""
        if raw is None or not raw.strip():
            if f.required:
                raise EvidenceError("{field} is empty", field=f.name)
            return None
        if f.choices and raw not in f.choices:
            raise EvidenceError(
                f"{{field}}: {raw!r} is not one of {', '.join(f.choices)}", field=f.name
            )
        return f.read(raw, reading)

    def build(self, values: Mapping[str, str | None], reading: Reading) -> M:
        """The model from what a user typed: blanks left out, each value read by its field."""
        data: dict[str, Any] = {}
        for f in self.fields:
            value = self.read(f, values.get(f.name), reading)
            if value is not None:
                data[f.name] = value
        return self.validate(data)

    def amend(self, evidence: M, values: Mapping[str, str], reading: Reading) -> M:
        """``evidence`` with the fields in ``values`` typed anew, each read as ``build`` reads
        it (a blank clears an optional field); the whole is validated again."""
        data = evidence.model_dump(exclude_none=True)
        for name, raw in values.items():
            f = self.field_named(name)
            if f is None:
                raise EvidenceError(
                    f"{{field}} is not a field of {self.label.en.lower()} entries", field=name
                )
            value = self.read(f, raw, reading)
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
            raise EvidenceError(f"{{field}}: {msg}", field=name) from None

    def timeline(self, evidence: M, number: int, lang: str) -> str:
        values = {"n": number, **self.recorded_values(evidence, lang)}
        return self.recorded.get(lang).format(**values)

    def words(self, evidence: EvidenceModel, lang: str, tz: str) -> str:
        """``describe`` for any model of this kind (the registry hands out untyped models)."""
        assert isinstance(evidence, self.model)
        return self.describe(evidence, lang, tz)

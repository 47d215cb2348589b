"""Text as the journal keeps it: lone surrogates cleaned, lengths bounded, models frozen."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

MAX_TEXT = 200_000  # a note; names and other short fields hold far less
MAX_SHORT = 4_000


def clean_text(value: str) -> str:
    """Replace lone surrogates (undecodable bytes from a terminal) so the text can be stored."""
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _clean(value: object) -> object:
    # Before pydantic's own str check, which rejects lone surrogates outright.
    return clean_text(value) if isinstance(value, str) else value


class _Cleaned:
    """Clean Python strings before validation; JSON input skips the call.

    JSON cannot carry a lone surrogate (the parser rejects the escape before any validator
    runs), and a Python call per text field was a fifth of decoding a journal event.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        checked = handler(source)
        return core_schema.json_or_python_schema(
            json_schema=checked,
            python_schema=core_schema.no_info_before_validator_function(_clean, checked),
        )


def refuse_controls(value: str) -> str:
    """A one-line field: no control character (escape sequences, bidi overrides, new lines)."""
    from incident.visible import first_control

    found = first_control(value)
    if found is not None:
        raise ValueError(
            f"holds the control character U+{ord(found):04X}; type it as plain text on one line"
        )
    return value


class _OneLine:
    """Refuse control characters in new input; journals already written read as they are."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        checked = handler(source)
        return core_schema.json_or_python_schema(
            json_schema=checked,
            python_schema=core_schema.no_info_after_validator_function(refuse_controls, checked),
        )


CleanText = Annotated[str, Field(max_length=MAX_TEXT), _Cleaned()]
ShortText = Annotated[str, Field(max_length=MAX_SHORT), _Cleaned()]
# Names, numbers, addresses, hosts: short fields that must print on one line as they are.
LineText = Annotated[str, Field(max_length=MAX_SHORT), _Cleaned(), _OneLine()]


class Frozen(BaseModel):
    """A validated value that never changes once made (``extra="forbid"``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

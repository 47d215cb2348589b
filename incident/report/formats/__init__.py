"""Output formats behind one interface: ``render(fmt, view, options) -> bytes``.

Each format is a module with ``render(view, options)``; the command line's choices come from
``Format``, and ``render`` names every member, so a format cannot be added and forgotten.
Nothing heavy is imported until a format is rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, assert_never

if TYPE_CHECKING:
    from incident.core.view import SessionView


class Format(StrEnum):
    JSON = "json"
    MARKDOWN = "markdown"
    PDF = "pdf"


@dataclass(frozen=True)
class Options:
    lang: str
    now: datetime  # the "reported at" time
    redact: bool = False  # mask the account (PDF)
    invariant: bool = False  # byte-identical output for identical input (PDF)
    originals: bool = False  # attach the screenshots' files too (PDF)


class Renderer(Protocol):
    """What every format module offers."""

    def render(self, view: SessionView, options: Options) -> bytes: ...


def renderer(fmt: Format) -> Renderer:
    """The module of format ``fmt``, imported now."""
    if fmt is Format.JSON:
        from incident.report.formats import json

        return json
    if fmt is Format.MARKDOWN:
        from incident.report.formats import markdown

        return markdown
    if fmt is Format.PDF:
        from incident.report.formats import pdf

        return pdf
    assert_never(fmt)


def render(fmt: Format, view: SessionView, options: Options) -> bytes:
    """The session in format ``fmt``."""
    return renderer(fmt).render(view, options)

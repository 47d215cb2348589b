"""Output formats behind one small interface: each module has ``render(state, lang, now)``."""

from __future__ import annotations

import importlib
from datetime import datetime
from enum import StrEnum

from incident.core.state import SessionState


class Format(StrEnum):
    JSON = "json"
    MARKDOWN = "markdown"


_MODULES = {Format.JSON: "incident.report.json_export", Format.MARKDOWN: "incident.report.markdown"}


def render(fmt: str, state: SessionState, lang: str, now: datetime) -> str:
    module = importlib.import_module(_MODULES[Format(fmt)])
    text: str = module.render(state, lang=lang, now=now)
    return text

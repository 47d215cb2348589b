"""The PDF report. ``render(view, lang=, now=, redact=, invariant=, originals=) -> bytes``.

Sections are small modules, each ``section(ctx) -> list[Flowable]``; ``build`` makes the
document around them. reportlab and Pillow are imported only when a report is rendered.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from incident.errors import UsageError

if TYPE_CHECKING:
    from incident.core.state import SessionState
    from incident.core.view import SessionView

SECTIONS = (
    "summary",
    "timeline",
    "checklist",
    "transactions",
    "contacts",
    "evidence",
    "corrections",
    "fulltext",
    "integrity",
)


def default_name(session_id: str) -> str:
    return f"incident-{session_id}-report.pdf"


def source_date_epoch() -> datetime | None:
    """The time SOURCE_DATE_EPOCH asks reproducible builds to use, if it is set."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise UsageError(
            f"SOURCE_DATE_EPOCH={raw!r} is not a number of seconds",
            "unset it or use e.g. 1764000000",
        )
    return datetime.fromtimestamp(int(raw), UTC)


def reproducible(invariant: bool) -> bool:
    return invariant or source_date_epoch() is not None


def report_time(state: SessionState, now: datetime, invariant: bool) -> datetime:
    """The "reported at" time: ``now``, or for byte-identical output a time the input fixes
    (SOURCE_DATE_EPOCH, else the session's last recorded action)."""
    if not reproducible(invariant):
        return now
    return source_date_epoch() or state.last_activity


def render(
    view: SessionView,
    *,
    lang: str,
    now: datetime,
    redact: bool = False,
    invariant: bool = False,
    originals: bool = False,
) -> bytes:
    """The whole report as PDF bytes; ``originals``: attach the screenshots' files too."""
    from incident.report.pdf.document import render as render_document

    return render_document(
        view,
        lang=lang,
        now=now,
        redact=redact,
        invariant=reproducible(invariant),
        originals=originals,
    )

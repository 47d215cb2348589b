"""The PDF report as an output format (its sections live in ``incident.report.pdf``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from incident.core.view import SessionView
    from incident.report.formats import Options


def render(view: SessionView, options: Options) -> bytes:
    from incident.report import pdf

    return pdf.render(
        view,
        lang=options.lang,
        now=options.now,
        redact=options.redact,
        invariant=options.invariant,
        originals=options.originals,
    )

"""The PDF report. ``render(opened, lang=, now=, redact=, invariant=) -> bytes``.

A plain placeholder until the full report lands: the Markdown export, set as text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any


def render(opened: Any, *, lang: str, now: datetime, redact: bool = False, invariant: bool = False) -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    from xml.sax.saxutils import escape

    from incident.report import markdown

    text = markdown.render(opened.state, lang="en", now=now)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, invariant=int(invariant))
    styles = getSampleStyleSheet()
    doc.build([Paragraph(escape(line) or " ", styles["Normal"]) for line in text.splitlines()])
    return buf.getvalue()

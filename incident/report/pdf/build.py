"""The document: page frame, header and "Page X of Y" footer, outline, metadata, embedded files."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from incident.report.pdf import styles as S

TOTAL_FORM = "IncidentPageTotal"


@dataclass(frozen=True)
class Embedded:
    """An original attachment carried inside the PDF."""

    key: str  # the name-tree key: ASCII, sortable, unique
    name: str  # the file's own name
    description: str
    media_type: str
    data: bytes
    size: int | None = None  # set when ``data`` is deflated already: the file's own size


@dataclass(frozen=True)
class Meta:
    title: str
    author: str
    subject: str
    keywords: str
    creator: str
    header: str  # the running head, plain text
    page_label: Callable[[int], str]  # page -> "Page 3 of "
    total_label: Callable[[int], str]  # total -> "12" (drawn once, in a form)
    created: datetime
    lang: str


class Heading(Paragraph):  # type: ignore[misc]
    """A heading that starts a new page rather than stand alone at the foot of one.

    (keepWithNext would glue it to the whole following table, and a table longer than the
    rest of the page then leaves the page blank.)
    """

    ROOM_AFTER = 56.0  # points: a few rows of whatever follows

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = super().wrap(avail_width, avail_height)
        self.push = avail_height < height + self.ROOM_AFTER and avail_height < S.FRAME_HEIGHT - 1
        return (width, avail_height + 1) if self.push else (width, height)

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        return (
            [] if getattr(self, "push", False) else list(super().split(avail_width, avail_height))
        )


def heading(
    text_markup: str, plain: str, style: Any, level: int, key: str, room_after: float | None = None
) -> Paragraph:
    """A heading that also becomes an outline entry (bookmark) where it lands."""
    p = Heading(text_markup, style)
    if room_after is not None:
        p.ROOM_AFTER = room_after
    p.outline = (plain, level, key)  # read by Doc.afterFlowable
    return p


class Doc(BaseDocTemplate):  # type: ignore[misc]
    def afterFlowable(self, flowable: Flowable) -> None:
        entry = getattr(flowable, "outline", None)
        if entry:
            title, level, key = entry
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)


def _pdf_name(value: str) -> str:
    """A PDF name object (``/image#2Fjpeg``); reportlab's PDFName leaves "/" unescaped."""
    return "/" + "".join(c if c.isalnum() or c in "-+." else f"#{ord(c):02X}" for c in value)


def _embedded_files(files: Sequence[Embedded]) -> Any:
    names: list[Any] = []
    for f in sorted(files, key=lambda e: e.key):
        entries = {
            "Type": pdfdoc.PDFName("EmbeddedFile"),
            "Subtype": _pdf_name(f.media_type),
            "Params": pdfdoc.PDFDictionary({"Size": len(f.data) if f.size is None else f.size}),
        }
        if f.size is not None:  # deflated by its maker (a long listing; see listing.py)
            entries["Filter"] = pdfdoc.PDFName("FlateDecode")
        stream = pdfdoc.PDFStream(
            pdfdoc.PDFDictionary(entries),
            f.data,
            # Screenshots are compressed already; text-like files are worth deflating.
            filters=None if f.media_type.startswith("image/") else [pdfdoc.PDFZCompress],
        )
        spec = pdfdoc.PDFDictionary(
            {
                "Type": pdfdoc.PDFName("Filespec"),
                "F": pdfdoc.PDFString(f.key),
                "UF": pdfdoc.PDFString(f.name),
                "Desc": pdfdoc.PDFString(f.description),
                "EF": pdfdoc.PDFDictionary({"F": stream}),
            }
        )
        names += [pdfdoc.PDFString(f.key), spec]
    return pdfdoc.PDFDictionary(
        {"EmbeddedFiles": pdfdoc.PDFDictionary({"Names": pdfdoc.PDFArray(names)})}
    )


def _canvas_class(meta: Meta, font: str, files: Sequence[Embedded]) -> type[Canvas]:
    class ReportCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            stamp = meta.created.astimezone(UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
            self.setDateFormatter(lambda *_: stamp)
            self.setCreator(meta.creator)
            self.setKeywords(meta.keywords)
            self.showOutline()

        def save(self) -> None:
            # The total page count, drawn once as a form that every footer refers to.
            self.beginForm(TOTAL_FORM)
            self.setFont(font, 7.5)
            self.setFillColor(S.MUTED)
            self.drawString(0, 0, meta.total_label(self.getPageNumber() - 1))
            self.endForm()
            if files:
                self._doc.Catalog.Names = _embedded_files(files)
            super().save()

    return ReportCanvas


def _decorate(meta: Meta, font: str) -> Callable[[Canvas, Doc], None]:
    def on_page(canv: Canvas, doc: Doc) -> None:
        width, height = S.PAGE
        canv.saveState()
        canv.setFont(font, 7.5)
        canv.setFillColor(S.MUTED)
        canv.drawString(S.MARGIN_X, height - S.MARGIN_TOP + 8, meta.header)
        canv.setStrokeColor(S.RULE)
        canv.setLineWidth(0.5)
        canv.line(
            S.MARGIN_X, height - S.MARGIN_TOP + 4, width - S.MARGIN_X, height - S.MARGIN_TOP + 4
        )
        before = meta.page_label(canv.getPageNumber())
        y = S.MARGIN_BOTTOM - 20
        canv.drawString(S.MARGIN_X, y, before)
        # The total is not known yet: refer to a form that the canvas draws when it saves.
        canv.translate(S.MARGIN_X + canv.stringWidth(before, font, 7.5), y)
        canv.doForm(TOTAL_FORM)
        canv.restoreState()

    return on_page


def build(
    story: list[Flowable], meta: Meta, font: str, files: Sequence[Embedded], invariant: bool
) -> bytes:
    buf = io.BytesIO()
    doc = Doc(
        buf,
        pagesize=S.PAGE,
        leftMargin=S.MARGIN_X,
        rightMargin=S.MARGIN_X,
        topMargin=S.MARGIN_TOP,
        bottomMargin=S.MARGIN_BOTTOM,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        creator=meta.creator,
        keywords=meta.keywords,
        lang=meta.lang,
        invariant=1 if invariant else 0,
    )
    frame = Frame(
        S.MARGIN_X,
        S.MARGIN_BOTTOM,
        S.FRAME_WIDTH,
        S.FRAME_HEIGHT,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=_decorate(meta, font))])
    doc.build(story, canvasmaker=_canvas_class(meta, font, files))
    return buf.getvalue()


def ascii_key(number: int, index: int, name: str) -> str:
    """A sortable ASCII name-tree key for attachment ``index`` of evidence ``number``."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:80] or "file"
    return f"E{number:05d}-{index:02d}-{safe}"

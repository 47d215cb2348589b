"""Page geometry, colours, paragraph styles and the table look of the report, in one place."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

PAGE = A4
MARGIN_X = 16 * mm
MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 16 * mm
FRAME_WIDTH = PAGE[0] - 2 * MARGIN_X
FRAME_HEIGHT = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM

INK = HexColor("#1b1f24")
MUTED_HEX = "#5b6470"
MUTED = HexColor(MUTED_HEX)
ACCENT_HEX = "#12355b"
ACCENT = HexColor(ACCENT_HEX)
DANGER_HEX = "#a3211a"
DANGER = HexColor(DANGER_HEX)
DANGER_BG = HexColor("#fbeaea")
OK = HexColor("#1e6b36")
RULE = HexColor("#c5cbd3")
HEAD_BG = HexColor("#e8edf3")
ZEBRA = HexColor("#f6f8fa")
NA_INK = HexColor("#8a929c")
LINK = "#1a4fb5"
PADDING_X = 3  # left and right padding of a table cell


@dataclass(frozen=True)
class Styles:
    font: str
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_small: ParagraphStyle
    cell_na: ParagraphStyle
    cell_alert: ParagraphStyle
    cell_head: ParagraphStyle
    big: ParagraphStyle
    alert: ParagraphStyle
    code: ParagraphStyle
    caption: ParagraphStyle


def make_styles(font: str) -> Styles:
    """Paragraph styles set in ``font``; every one wraps CJK-style (long words break too)."""

    def style(
        name: str, size: float, leading: float, color: Color = INK, **kw: Any
    ) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=leading,
            textColor=color,
            wordWrap="CJK",
            **kw,
        )

    return Styles(
        font=font,
        title=style("title", 19, 24, ACCENT, spaceAfter=4),
        h1=style("h1", 14.5, 19, ACCENT, spaceBefore=6, spaceAfter=6),
        h2=style("h2", 11, 14.5, ACCENT, spaceBefore=8, spaceAfter=3),
        body=style("body", 9.5, 13.2, spaceAfter=3),
        small=style("small", 8, 10.5, MUTED, spaceAfter=2),
        cell=style("cell", 8.2, 10.6),
        cell_small=style("cell_small", 7.2, 9.2),
        cell_na=style("cell_na", 8.2, 10.6, NA_INK),
        cell_alert=style("cell_alert", 8.2, 10.6, DANGER),
        cell_head=style("cell_head", 8, 10.2, ACCENT),
        big=style("big", 12.5, 16),
        alert=style("alert", 9.5, 13, DANGER),
        code=style(
            "code", 9, 12.5, INK, backColor=ZEBRA, borderPadding=4, spaceBefore=4, spaceAfter=6
        ),
        caption=style("caption", 7.6, 9.8, MUTED, spaceBefore=2, spaceAfter=10),
    )


_TAGS = re.compile(r"<[^>]*>")
# Far longer than a TxID (64) or an address (34-42), which wrap as words and stay whole.
_LONG_WORD = re.compile(r"[^\s<>]{200,}")
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def for_text(style: ParagraphStyle, markup: str) -> ParagraphStyle:
    """``style`` for this paragraph: word wrapping for plain Latin text (English is not cut
    mid-word), CJK wrapping when it holds Chinese (a line may break between any two
    characters, so mixed lines flow) or a word of hundreds of characters (reportlab splits
    those in linear time this way; its word splitter is quadratic in the word's length, and
    this way is about 15 times slower than word wrapping for ordinary cells)."""
    text = _TAGS.sub("", markup)
    if _CJK.search(text) or _LONG_WORD.search(text):
        return style
    latin: ParagraphStyle | None = getattr(style, "latin_variant", None)
    if latin is None:
        latin = ParagraphStyle(style.name + "-latin", parent=style, wordWrap=None)
        style.latin_variant = latin
    return latin


def table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    header: bool = True,
    zebra: bool = True,
    extra: Sequence[tuple[Any, ...]] = (),
    split_in_row: bool = True,
    rules: bool = True,
) -> Any:
    """A grid that splits across pages and repeats its header row on each; a row taller than
    a page (a 4,000-character field) splits too."""
    from reportlab.platypus import LongTable, TableStyle

    from incident.report.pdf.cells import plain_cells

    cells, looks = plain_cells([list(r) for r in rows], widths, 2 * PADDING_X)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING_X),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
    ]
    if rules:
        commands += [("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE)]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ]
    if zebra:
        first = 1 if header else 0
        commands += [("ROWBACKGROUNDS", (0, first), (-1, -1), [None, ZEBRA])]
    t = LongTable(
        cells,
        colWidths=list(widths),
        repeatRows=1 if header else 0,
        hAlign="LEFT",
        splitInRow=1 if split_in_row else 0,
    )
    t.setStyle(TableStyle(looks + commands + list(extra)))
    return t


def columns(*fractions: float) -> list[float]:
    """Column widths as fractions of the frame width."""
    total = sum(fractions)
    return [FRAME_WIDTH * f / total for f in fractions]


def alert_box(cells: Sequence[Any]) -> Any:
    """A red-framed box, one cell a row, across the frame: a warning a reader must not miss."""
    return table(
        [[cell] for cell in cells],
        [FRAME_WIDTH],
        header=False,
        zebra=False,
        extra=[
            ("BACKGROUND", (0, 0), (-1, -1), DANGER_BG),
            ("BOX", (0, 0), (-1, -1), 0.8, DANGER),
        ],
    )

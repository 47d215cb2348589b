"""Table cells that cost one layout, not three.

reportlab's table code wraps every cell when it sizes a row, again when it splits the table
across a page and again when it draws it, always at the same width, and a Paragraph keeps
nothing between the calls. :class:`Cell` remembers its last wrap and parses its markup only
if it is laid out as a Paragraph. In a table (:func:`plain_cells`), a cell without markup
that fits on one line becomes a plain string the table draws itself, in its column's font,
size, leading and colour; a cell of one line and a grey second line (a time with its UTC
and T+, an amount with its type) that fits becomes :class:`TwoLines`. Both are drawn where
the Paragraph would have drawn the same text.

``FAST = False`` turns all of it off (the report is then laid out as before; a test compares
the two page by page, word by word).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import unescape

from reportlab.platypus import Flowable, Paragraph

FAST = True

# The escapes that markup.esc writes; any other entity means the text is real markup.
_OTHER_ENTITY = re.compile(r"&(?!amp;|lt;|gt;|quot;)")
# "text<br/><font color=... size=...>secondary text</font>": Context.when() and its like.
_TWO_LINES = re.compile(
    r'([^<>]*)<br/><font color="(#[0-9a-fA-F]{6})"(?: size="([0-9.]+)")?>([^<>]*)</font>'
)


_TAG = re.compile(r"(<[^<>]*>)")
_FIRST_MARK = 0xF0000  # private-use characters stand for the texts of a markup's shape
_MAX_RUNS = 64


def _frags(markup: str, style: Any) -> list[Any] | None:
    """The parsed fragments of ``markup``: parsed once per shape (the markup with its texts
    left out) and style, then copied with this markup's texts; None where that cannot be
    done exactly (the cell is then parsed as usual)."""
    import copy

    from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags

    clean = cleanBlockQuotedText(markup)  # what Paragraph parses; it folds white space
    if "<a " in clean:  # a link's address is in its tag: each shape would be new
        return None
    parts = _TAG.split(clean)  # text, tag, text, tag, ..., text
    texts = [p for p in parts[::2] if p]
    if len(texts) > _MAX_RUNS or "<" in "".join(texts) or _OTHER_ENTITY.search(clean):
        return None
    marks = iter(range(_FIRST_MARK, _FIRST_MARK + _MAX_RUNS))
    shape = "".join(part if i % 2 or not part else chr(next(marks)) for i, part in enumerate(parts))
    shapes: dict[str, list[Any] | None] = style.__dict__.setdefault("_incident_shapes", {})
    if shape not in shapes:
        shapes[shape] = _template(shape, style, len(texts))
    template = shapes[shape]
    if template is None:
        return None
    frags = []
    for frag in template:
        frag = copy.copy(frag)
        mark = getattr(frag, "text", "")
        if mark:
            frag.text = unescape(texts[ord(mark) - _FIRST_MARK], {"&quot;": '"'})
        frags.append(frag)
    textTransformFrags(frags, style)
    return frags


def _template(shape: str, style: Any, runs: int) -> list[Any] | None:
    """The fragments of ``shape`` parsed, if each text fragment is exactly one of its marks,
    each mark once, in order."""
    from reportlab.platypus.paraparser import ParaParser

    parser = ParaParser()
    parser.caseSensitive = 1
    _, frags, bullet = parser.parse(shape, style)
    if frags is None or bullet:
        return None
    marks = [getattr(f, "text", "") for f in frags if getattr(f, "text", "")]
    expected = [chr(_FIRST_MARK + i) for i in range(runs)]
    return frags if marks == expected else None


def _text(markup: str) -> str | None:
    """The text of markup without tags, if a Paragraph would show it exactly as it is."""
    if _OTHER_ENTITY.search(markup):
        return None
    text = unescape(markup, {"&quot;": '"'})
    # A Paragraph folds runs of white space and trims the ends; a string would not.
    return text if " ".join(text.split()) == text else None


class Cell(Paragraph):  # type: ignore[misc]
    """A Paragraph that returns its last size when asked to wrap again at the same width.

    Its markup is parsed only when it is laid out as a Paragraph: a plain cell that becomes
    a string in :func:`plain_cells` never is.
    """

    def __init__(self, markup: str | None, style: Any, **kwargs: Any) -> None:
        self.__dict__["_wrapped_at"] = None
        if kwargs:  # the halves of a split paragraph (Paragraph.split passes frags=)
            super().__init__(markup, style, **kwargs)
            return
        # Paragraph.__init__ (which parses) runs on first use: see __getattr__.
        self.__dict__["_pending"] = (markup, style)

    def __getattr__(self, name: str) -> Any:
        pending = self.__dict__.get("_pending")
        if pending is None:
            raise AttributeError(name)
        del self.__dict__["_pending"]
        markup, style = pending
        frags = _frags(markup, style) if FAST else None
        if frags is None:
            Paragraph.__init__(self, markup, style)
        else:
            Paragraph.__init__(self, None, style, frags=frags)
            self.text = markup
        return getattr(self, name)

    def plain(self) -> tuple[str, Any] | None:
        """(text, style) when this cell is one run of plain text (no tags, one line)."""
        pending = self.__dict__.get("_pending")
        if pending is None:
            return None
        markup, style = pending
        if "<" in markup or ">" in markup:
            return None
        text = _text(markup)
        return None if text is None else (text, style)

    def two_lines(self) -> tuple[str, str, str, float | None, Any] | None:
        """(first line, second line, its colour, its size, style) for the two-line shape."""
        pending = self.__dict__.get("_pending")
        if pending is None:
            return None
        markup, style = pending
        found = _TWO_LINES.fullmatch(markup)
        if found is None:
            return None
        first, color, size, second = found.groups()
        first, second = _text(first), _text(second)
        if not first or not second:
            return None
        return first, second, color, float(size) if size else None, style

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # split() may delete blPara (a paragraph pushed whole to the next page): wrap again.
        if FAST and avail_width == self._wrapped_at and "blPara" in self.__dict__:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        self.__dict__["_wrapped_at"] = avail_width
        return size


class TwoLines(Flowable):  # type: ignore[misc]
    """Two lines, each a single run that fits the width: drawn where the Paragraph of the
    same markup draws them (first baseline at the height less the font size, as reportlab's
    paraFontSizeHeightOffset has it, the second one leading below), without parsing,
    wrapping or a text layout engine."""

    def __init__(self, first: str, second: str, color: Any, size: float | None, style: Any) -> None:
        super().__init__()
        self.first, self.second, self.style = first, second, style
        self.second_color, self.second_size = color, size or style.fontSize
        self.height = 2 * style.leading

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        # As Paragraph.split: never one line alone at the foot of a page (no orphans).
        return [self] if int(avail_height / self.style.leading) >= 2 else []

    def draw(self) -> None:
        from reportlab import rl_config
        from reportlab.pdfbase.pdfmetrics import getAscentDescent

        style, canv = self.style, self.canv
        top = style.fontSize
        if not rl_config.paraFontSizeHeightOffset:
            top = getAscentDescent(style.fontName, style.fontSize)[0]
        y = self.height - top
        canv.setFillColor(style.textColor)
        canv.setFont(style.fontName, style.fontSize)
        canv.drawString(0, y, self.first)
        canv.setFillColor(self.second_color)
        canv.setFont(style.fontName, self.second_size)
        canv.drawString(0, y - style.leading, self.second)

    def getPlainText(self) -> str:
        return f"{self.first}\n{self.second}"


def _two_lines(value: Any, room: float) -> TwoLines | None:
    """A :class:`TwoLines` for a cell of that shape whose lines both fit in ``room``."""
    from reportlab.lib.colors import HexColor
    from reportlab.pdfbase.pdfmetrics import stringWidth

    found = value.two_lines()
    if found is None:
        return None
    first, second, color, size, style = found
    if style.leftIndent or style.firstLineIndent or style.rightIndent or style.alignment:
        return None
    if stringWidth(first, style.fontName, style.fontSize) > room:
        return None
    if stringWidth(second, style.fontName, size or style.fontSize) > room:
        return None
    return TwoLines(first, second, HexColor(color), size, style)


def _look(style: Any) -> tuple[str, float, float, Any]:
    return (style.fontName, style.fontSize, style.leading, style.textColor)


def plain_cells(
    rows: list[list[Any]], widths: Sequence[float], padding: float
) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    """``rows`` with each plain one-line :class:`Cell` that fits its column replaced by its
    text, and the style commands that set each such string as its Paragraph would be set
    (one FONT and TEXTCOLOR command per run of rows with the same look in a column)."""
    if not FAST:
        return rows, []
    from reportlab.pdfbase.pdfmetrics import stringWidth

    looks: list[list[tuple[str, float, float, Any] | None]] = []
    out: list[list[Any]] = []
    for row in rows:
        new_row = list(row)
        row_looks: list[tuple[str, float, float, Any] | None] = []
        for j, value in enumerate(row):
            look = None
            if not isinstance(value, Cell) or j >= len(widths):
                row_looks.append(None)
                continue
            room = widths[j] - padding
            found = value.plain()
            if found is not None:
                text, style = found
                if stringWidth(text, style.fontName, style.fontSize) <= room:
                    new_row[j], look = text, _look(style)
            else:
                new_row[j] = _two_lines(value, room) or value
            row_looks.append(look)
        out.append(new_row)
        looks.append(row_looks)
    commands: list[tuple[Any, ...]] = []
    for j in range(max((len(r) for r in rows), default=0)):
        runs: list[tuple[int, int, tuple[str, float, float, Any]]] = []
        for i, row_looks in enumerate(looks):
            look = row_looks[j] if j < len(row_looks) else None
            if look is None:
                continue  # a Paragraph here: any look will do, so the run goes on
            if runs and runs[-1][2] == look:
                runs[-1] = (runs[-1][0], i, look)
            else:
                runs.append((i, i, look))
        for first, last, (name, size, leading, color) in runs:
            commands += [
                ("FONT", (j, first), (j, last), name, size, leading),
                ("TEXTCOLOR", (j, first), (j, last), color),
            ]
    return out, commands

"""The one choke point between user text and reportlab's paragraph markup.

Every string a user or a playbook supplied passes through :func:`esc` (or :func:`clean` for
plain-text places such as the outline and metadata) before it reaches reportlab. Markup this
package writes itself is a :class:`Markup` and passes through unchanged.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

# C0 and C1 control characters except tab and newline: reportlab cannot show them and some
# (NUL, form feed) confuse PDF viewers and text extractors.
_CONTROL = {c: None for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)] if c not in (9, 10)}
_NEWLINES = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n", "\t": " "})


class Markup(str):
    """Paragraph markup written by this package (trusted); user text never becomes one directly."""

    __slots__ = ()


def clean(text: object) -> str:
    """``text`` as a string reportlab can draw: lone surrogates replaced, control characters gone."""
    s = str(text)
    s = s.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return s.replace("\r\n", "\n").translate(_NEWLINES).translate(_CONTROL)


def esc(text: object) -> Markup:
    """User text as inert paragraph markup: escaped, controls stripped, line breaks kept."""
    if isinstance(text, Markup):
        return text
    return Markup(escape(clean(text), {'"': "&quot;"}).replace("\n", "<br/>"))


def join(*parts: object) -> Markup:
    """Concatenate markup and (escaped) text."""
    return Markup("".join(esc(p) for p in parts))


def font(text: object, *, color: str | None = None, size: float | None = None) -> Markup:
    attrs = (f' color="{color}"' if color else "") + (f' size="{size:g}"' if size else "")
    return Markup(f"<font{attrs}>{esc(text)}</font>")


def link(url: str, text: object, color: str = "#1a4fb5") -> Markup:
    """A clickable link; ``url`` is escaped as an attribute value.

    Only https: and mailto: addresses become links (never javascript:, file:, http: or a
    URL a browser would read differently); anything else is shown as plain text.
    """
    from incident.core.guards import is_link

    if not is_link(url):
        return Markup(esc(text))
    return Markup(f'<a href="{esc(url)}" color="{color}">{esc(text)}</a>')


BR = Markup("<br/>")

"""What every section function gets: the session, the language, the clock and the helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from incident.catalog import t
from incident.core.state import SessionState
from incident.core.view import SessionView
from incident.report.pdf.markup import BR, Markup, clean, esc, join, link
from incident.report.pdf.styles import LINK, MUTED_HEX, Styles, for_text
from incident.times import fmt_local, fmt_offset, fmt_utc

if TYPE_CHECKING:
    from incident.core.attachments import Attachment
    from incident.report.pdf.images import Shot

# Table cells hold at most this much of a user's text; the rest goes to "Long texts in full".
CELL_CHARS = 700
CELL_LINES = 14
NAME_CHARS = 80
# A listing (transactions, evidence, timeline, logins, contacts) of more rows than this is
# summarised on the page and attached in full as a CSV file (see listing.py; README "Large
# sessions"). Read when a report starts, so tests can lower it.
ROW_LIMIT = 2_000


def mask_account(account: str) -> str:
    """``lin.wei@example.com`` -> ``li***@example.com``, ``+86 138 0013 8000`` -> ``+86***8000``;
    other ids keep two characters at each end."""
    local, at, domain = account.partition("@")
    if at and local and domain:
        return f"{local[:2]}***@{domain}"
    compact = re.sub(r"[\s()-]", "", account)
    if len(compact) >= 10 and re.fullmatch(r"\+?\d+", compact):
        return f"{compact[:3]}***{compact[-4:]}"
    if len(account) <= 4:
        return account[:1] + "***"
    return f"{account[:2]}***{account[-2:]}"


@dataclass
class Overflow:
    """A text cut short in a table; shown whole in the long-texts section."""

    ref: str  # e.g. "E12" or a step id
    where: str  # the section it was cut in
    text: str


@dataclass(frozen=True)
class Listed:
    """A whole listing as a CSV file, attached to the PDF."""

    name: str  # e.g. "transactions.csv"
    description: str
    deflated: bytes  # zlib: the whole file is held only while it is written
    size: int


@dataclass
class Context:
    view: SessionView
    lang: str
    now: datetime
    redact: bool
    styles: Styles
    originals: bool = False  # attach the screenshots' files too (--attach-originals)
    shots: dict[str, Shot] = field(default_factory=dict)  # by SHA-256: those the page shows
    overflow: list[Overflow] = field(default_factory=list)
    lists: list[Listed] = field(default_factory=list)
    row_limit: int = field(default_factory=lambda: ROW_LIMIT)
    _hide: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        account = self.state.account
        if self.redact and account:
            self._hide = re.compile(re.escape(account), re.IGNORECASE)

    @property
    def state(self) -> SessionState:
        return self.view.state

    @property
    def tz(self) -> str:
        return self.state.tz

    @property
    def account(self) -> str:
        return mask_account(self.state.account) if self.redact else self.state.account

    def attached(self, a: Attachment) -> bool:
        """Whether ``a`` goes into the PDF as a file: unless a screenshot shows it exactly."""
        shot = self.shots.get(a.sha256)
        return self.originals or shot is None or not shot.exact

    # -- words -------------------------------------------------------------------
    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def label(self, text: str) -> str:
        """``text`` followed by the colon of the report's language."""
        return text + ("：" if self.lang == "zh" else ": ")

    def hide(self, text: str) -> str:
        """``text`` with the account masked when the report is redacted."""
        if self._hide is None:
            return text
        masked = self.account
        return self._hide.sub(lambda _: masked, text)

    def plain(self, text: object) -> str:
        """User text for plain-text places (outline, metadata, page header)."""
        return clean(self.hide(str(text)))

    def markup(self, *parts: object) -> Markup:
        """Markup parts as they are; everything else masked (if redacting) and escaped."""
        return join(*(p if isinstance(p, Markup) else esc(self.hide(str(p))) for p in parts))

    def grey(self, *parts: object, size: float | None = None) -> Markup:
        """Secondary text: like :meth:`markup`, set in grey (and smaller, if ``size``)."""
        attrs = f' color="{MUTED_HEX}"' + (f' size="{size:g}"' if size else "")
        return Markup(f"<font{attrs}>{self.markup(*parts)}</font>")

    def p(self, *parts: object, style: str = "body") -> Any:
        from incident.report.pdf.cells import Cell

        text = self.markup(*parts)
        return Cell(text, for_text(getattr(self.styles, style), text))

    def heading(self, text: str, key: str, level: int = 0, room_after: float | None = None) -> Any:
        """A section (level 0) or sub-section heading that is also a PDF bookmark; it moves
        to the next page unless ``room_after`` points (default: a few lines) fit below it."""
        from incident.report.pdf.build import heading

        style = self.styles.h1 if level == 0 else self.styles.h2
        markup = self.markup(text)
        return heading(markup, self.plain(text), for_text(style, markup), level, key, room_after)

    def subheading(self, text: str, key: str, room_after: float | None = None) -> Any:
        return self.heading(text, key, level=1, room_after=room_after)

    def link(self, url: str, text: str) -> Markup:
        return link(url, self.hide(text), LINK)

    def cell(self, *parts: object, style: str = "cell") -> Any:
        return self.p(*parts, style=style)

    def head(self, *labels: str) -> list[Any]:
        """A table header row."""
        return [self.p(label, style="cell_head") for label in labels]

    def long_text(
        self,
        text: str | None,
        ref: str,
        where: str,
        chars: int = CELL_CHARS,
        lines: int = CELL_LINES,
    ) -> object:
        """``text`` for a table cell: cut to a size a row can hold, the whole kept for later.

        (Addresses and TxIDs never come here: they are always shown whole.)
        """
        if not text:
            return ""
        split = text.splitlines()
        if len(text) <= chars and len(split) <= lines:
            return text
        self.overflow.append(Overflow(ref, where, text))
        short = "\n".join(split[:lines])[:chars].rstrip()
        note = self.t("report.fulltext.cut", section=self.t("report.sec.fulltext"), ref=ref)
        return self.markup(short, " ", self.grey(note))

    def name_text(self, text: str | None, ref: str, where: str) -> object:
        """A name-like field (network, device, ticket...) for a narrow column."""
        return self.long_text(text, ref, where, chars=NAME_CHARS, lines=2) or "—"

    # -- times -------------------------------------------------------------------
    def local(self, when: datetime) -> str:
        return fmt_local(when, self.tz)

    def utc(self, when: datetime) -> str:
        return fmt_utc(when)

    def offset(self, when: datetime) -> str:
        return fmt_offset(when - self.state.discovered_at)

    def when(self, value: datetime) -> Markup:
        """Local time, with UTC and the offset from discovery in small grey below."""
        return self.markup(
            self.local(value), BR, self.grey(f"{self.utc(value)} · {self.offset(value)}", size=6.6)
        )

"""The report's one font: a TrueType font with Chinese and Latin glyphs, found on this system.

One font for everything keeps mixed Chinese/Latin lines wrapping as one run of text.
reportlab embeds (subsets of) TrueType fonts only; CFF-outline OpenType fonts such as the
.otf Noto CJK files are skipped. With no usable font the built-in CID font STSong-Light is
used: viewers supply its glyphs, so Chinese still shows, though less reliably.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ENV = "INCIDENT_CJK_FONT"
CID_FALLBACK = "STSong-Light"

# (path, subfont index). Order: Linux packages first, then Windows, then macOS.
CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/google-droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf", 0),
    ("{windir}/Fonts/msyh.ttc", 0),
    ("{windir}/Fonts/msyh.ttf", 0),
    ("{windir}/Fonts/simsun.ttc", 0),
    ("{windir}/Fonts/simhei.ttf", 0),
    ("/System/Library/Fonts/STHeiti Light.ttc", 0),
    ("/System/Library/Fonts/STHeiti Medium.ttc", 0),
    ("/System/Library/Fonts/Supplemental/Songti.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
)


@dataclass(frozen=True)
class Font:
    name: str  # the name registered with reportlab
    source: str  # the file, or the CID font's name
    embedded: bool


def _candidates() -> list[tuple[str, int]]:
    windir = os.environ.get("WINDIR", "C:/Windows")
    found: list[tuple[str, int]] = []
    override = os.environ.get(ENV, "").strip()
    if override:
        path, _, index = override.partition("#")
        found.append((path, int(index) if index.isdigit() else 0))
    found += [(p.format(windir=windir), i) for p, i in CANDIDATES]
    return found


def _register_ttf(path: str, index: int) -> Font | None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not Path(path).is_file() or path.lower().endswith(".otf"):
        return None
    # Named after the file so that a different file (another INCIDENT_CJK_FONT) gets its own name.
    name = "IncidentCJK-" + hashlib.sha256(f"{path}#{index}".encode()).hexdigest()[:8]
    try:
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
    except Exception:  # TTFError for CFF outlines, broken or unreadable files
        return None
    _family(name)
    return Font(name, path, True)


def _family(name: str) -> None:
    from reportlab.lib.fonts import addMapping

    # <b>/<i> in paragraphs fall back to the same face instead of failing.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)


@cache
def _load(candidates: tuple[tuple[str, int], ...]) -> Font:
    for path, index in candidates:
        font = _register_ttf(path, index)
        if font:
            return font
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    _family(CID_FALLBACK)
    return Font(CID_FALLBACK, CID_FALLBACK, False)


def report_font() -> Font:
    """Register (once) and return the font the report is set in."""
    return _load(tuple(_candidates()))

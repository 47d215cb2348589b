"""File names inside a case file: safe to unpack anywhere and unique.

Recorded names come from the user and from other people's systems (a screenshot saved as
``C:\\Users\\lin\\shot.png``, a name with a right-to-left override that hides ``.exe``).
``clean_part`` turns one into a single harmless path part; ``NameTable`` joins parts into
archive names that cannot leave the archive and numbers duplicates.
"""

from __future__ import annotations

import unicodedata

# Separators and the characters Windows refuses in a name: the police or a lawyer may unpack
# the case file there, and a name their system cannot create is a file they cannot check.
_REPLACED = frozenset('\\/:*?"<>|')
# Characters that move or hide text: bidi embeddings, overrides and isolates, marks.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Names Windows keeps for devices, with or without an extension.
_DEVICES = frozenset(
    {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{i}" for i in range(1, 10)),
        *(f"LPT{i}" for i in range(1, 10)),
    }
)
MAX_PART_BYTES = 200  # under the 255 bytes most file systems allow, with room for "-12"


def clean_part(raw: str) -> str:
    """One path part: no separators, control, format or bidi characters; never ``.`` or ``..``."""
    out = []
    for ch in unicodedata.normalize("NFC", raw):
        category = unicodedata.category(ch)
        if ch in _BIDI or category == "Cf":
            continue  # invisible by design: dropping them changes nothing a reader sees
        if ch in _REPLACED or category in ("Cc", "Zl", "Zp", "Cs"):
            out.append("_")
        else:
            out.append(ch)
    # Windows drops trailing dots and spaces, so "a." and "a" would be one file there.
    name = "".join(out).strip().rstrip(". ")
    if name in ("", ".", ".."):
        name = "_"
    if name.partition(".")[0].upper() in _DEVICES:
        name = "_" + name
    return _shorten(name, MAX_PART_BYTES)


def _shorten(name: str, limit: int) -> str:
    """``name`` cut to ``limit`` UTF-8 bytes, keeping a short extension."""
    if len(name.encode("utf-8")) <= limit:
        return name
    stem, ext = split_suffix(name)
    budget = limit - len(ext.encode("utf-8"))
    return stem.encode("utf-8")[:budget].decode("utf-8", errors="ignore") + ext


def split_suffix(name: str) -> tuple[str, str]:
    """``("shot", ".png")`` for ``shot.png``; a leading dot is part of the stem."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext) > 10:
        return name, ""
    return stem, f".{ext}"


class NameTable:
    """Archive names handed out so far; ``add`` gives each file a unique, safe name."""

    def __init__(self) -> None:
        # Compared case-folded: Windows and macOS would unpack "A.png" and "a.png" as one file.
        self._files: set[str] = set()
        self._folders: set[str] = set()

    def add(self, name: str, folder: str = "") -> str:
        """``folder/name`` made safe and unique. ``/`` in ``folder`` separates folders the
        caller chose; ``name`` is always one file name (a ``/`` or ``\\`` in it is replaced)."""
        parts = [clean_part(p) for p in folder.split("/") if p.strip() not in ("", ".")]
        for i in range(1, len(parts) + 1):
            if "/".join(parts[:i]).casefold() in self._files:
                raise ValueError(f"folder {'/'.join(parts[:i])!r} is already a file's name")
        prefix = "".join(f"{p}/" for p in parts)
        base = clean_part(name)
        stem, ext = split_suffix(base)
        candidate, n = prefix + base, 1
        while candidate.casefold() in self._files or candidate.casefold() in self._folders:
            n += 1
            candidate = f"{prefix}{_shorten(stem, MAX_PART_BYTES - 8)}-{n}{ext}"
        self._files.add(candidate.casefold())
        for i in range(1, len(parts) + 1):
            self._folders.add("/".join(parts[:i]).casefold())
        return candidate

    def reserve(self, name: str) -> None:
        """Keep the top-level ``name`` (e.g. ``SHA256SUMS``) from being handed out."""
        self._files.add(clean_part(name).casefold())

"""`incident verify`: check a session's journal and attachments end to end.

Also the record reference: a short copy of the head (``<first 16 hex of the head hash>,
<entries> entries``) that every support message ends with. Kept outside the machine (in a
sent message, a note, support's ticket), it catches what the journal alone cannot: the
whole session folder put back to an older copy, which is consistent in itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from incident.core.store import Store
from incident.errors import IntegrityError, UsageError

if TYPE_CHECKING:
    from incident.core.view import Integrity, SessionView

REFERENCE_HEX = 16  # 64 bits: no one finds another journal with the same prefix by trying
MIN_EXPECT_HEX = 8
_EXPECT = re.compile(
    r"^\s*(?:record reference:\s*|记录编号[:：]\s*)?"
    r"(?P<hex>[0-9a-fA-F]+)\s*(?:[,，]\s*(?:共\s*)?(?P<entries>\d+)\s*(?:entries|entry|条)?)?"
    r"\s*[.。]?\s*$",
    re.IGNORECASE,
)


def verify_session(store: Store, session_id: str) -> dict[str, Any]:
    """Raise IntegrityError naming the first bad entry; otherwise describe what was checked."""
    view = store.open(session_id, decode_all=True)  # an entry it cannot read is named
    return verify_view(view)


def verify_view(view: SessionView) -> dict[str, Any]:
    """Check every attachment of an opened view; the shape ``verify --json`` prints."""
    digests = {a.sha256 for _, a in view.state.attachments()}
    for digest in sorted(digests):
        view.blob(digest)
    integrity = view.integrity
    return {
        "session_id": view.state.id,
        "ok": True,
        "entries": integrity.entries,
        "acknowledged": integrity.acknowledged,
        "head_hash": integrity.head_hash,
        "attachments": len(digests),
        "warnings": view.warnings,
    }


def summary_line(result: dict[str, Any], lang: str = "en") -> str:
    """The line `incident verify` prints for a good journal."""
    from incident.catalog import t

    return t(
        "cli.verified",
        lang,
        sid=result["session_id"],
        entries=result["entries"],
        attachments=result["attachments"],
        head=result["head_hash"],
    )


def reference(integrity: Integrity, lang: str = "en") -> str:
    """``Record reference: 3f2a9c0d1e2b4a5f, 42 entries``: the head, short enough to quote."""
    from incident.catalog import t

    return t(
        "verify.reference",
        lang,
        hex=integrity.head_hash[:REFERENCE_HEX],
        entries=integrity.entries,
    )


@dataclass(frozen=True)
class Expected:
    """A reference as given: a prefix of a head hash, and the entries it counted (if given)."""

    prefix: str
    entries: int | None


def parse_expected(text: str) -> Expected:
    """``3f2a9c0d1e2b4a5f``, ``3f2a9c0d1e2b4a5f, 42 entries`` or the whole message line."""
    found = _EXPECT.match(text)
    if found is None or len(found["hex"]) < MIN_EXPECT_HEX or len(found["hex"]) > 64:
        raise UsageError(
            f"{text.strip()!r} is not a record reference",
            f"give at least {MIN_EXPECT_HEX} hex digits, e.g. 3f2a9c0d1e2b4a5f, 42 entries",
        )
    entries = int(found["entries"]) if found["entries"] else None
    if entries is not None and entries < 1:
        raise UsageError(f"{text.strip()!r} counts no entries", "copy the reference again")
    return Expected(found["hex"].lower(), entries)


@dataclass(frozen=True)
class Match:
    """Where a reference was found: at the head, or at an earlier entry (``later`` since)."""

    entry: int
    later: int


def check_expected(view: SessionView, expected: Expected) -> Match:
    """Find the reference in the journal's chain; IntegrityError (exit 3) when it is not.

    A reference taken earlier names an earlier entry: the journal has grown since, which is
    fine. One the journal does not hold means it is not the copy the reference came from:
    rolled back to an older copy, or replaced.
    """
    integrity = view.integrity
    total = integrity.entries
    if integrity.head_hash.startswith(expected.prefix) and expected.entries in (None, total):
        return Match(total, 0)
    if expected.entries is not None and expected.entries > total:
        raise IntegrityError(
            f"the record reference counts {expected.entries} entries but the journal holds "
            f"only {total}: it was put back to an older copy, or entries were removed",
            hint="restore the newest copy of the session folder from a backup",
        )
    hashes = view.entry_hashes()
    candidates = [expected.entries] if expected.entries is not None else range(total, 0, -1)
    for n in candidates:
        if hashes[n - 1].startswith(expected.prefix):
            return Match(n, total - n)
    counted = f" at entry {expected.entries}" if expected.entries is not None else ""
    raise IntegrityError(
        f"the journal does not hold the record reference {expected.prefix}{counted}: "
        "it is not the record the reference was taken from (an older copy, or another one)",
        hint="restore the newest copy of the session folder from a backup",
    )

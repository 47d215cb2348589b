"""A damaged journal: what can still be shown, what is lost, and setting the loss aside.

A strict read (``Journal.read``) refuses a journal at its first bad byte, and ``incident
verify`` says so. Damage from a disk or a sync fault should not lock the victim out of
the rest, so ``salvage`` reads what still authenticates: each record is opened on its own,
with the number and link it carries as associated data, so only what the session's key
sealed is ever shown. The first run of records from entry 1 that chain is kept; after a
break, later records that chain among themselves are kept too, "after a gap". Everything
else is ``Lost``: which entries, why, and which bytes held them.

``repair`` moves those bytes aside into ``quarantine/`` (never deleted), writes the intact
records back byte for byte, records the breaks in ``gaps.json`` and appends a record that
the caller (the core) fills in with what was lost, so the chain continues honestly.

Crash residue (one unfinished record after the last acknowledged one) is not damage: it
stays a warning, as in ``log.py``.
"""

from __future__ import annotations

import base64
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from incident import paths
from incident.errors import IntegrityError
from incident.journal.log import (
    _RECORD,
    GENESIS,
    HEAD,
    Gap,
    Head,
    Journal,
    ReadResult,
    _aad,
    _residue_pattern,
    _sha,
    _undecryptable,
)

QUARANTINE = "quarantine"

# Why entries or bytes could not be shown.
CUT_SHORT = "cut-short"  # the journal ends before its head says it does
CHANGED = "changed"  # bytes where the entries were, that no longer authenticate
REMOVED = "removed"  # no bytes at all where the entries were
NOT_A_RECORD = "not-a-record"  # bytes that hold no entry (junk, an out-of-place copy)
UNLINKED = "unlinked"  # an entry that authenticates but does not follow the one before
HEAD_MISSING = "head-missing"
HEAD_CHANGED = "head-changed"  # head.json damaged, or not matching the records
HEAD_OLDER = "head-older"  # head.json from an older copy: fewer entries than the journal


@dataclass(frozen=True)
class Lost:
    """Entries (maybe none) that cannot be shown, why, and the bytes that held them."""

    entries: tuple[int, ...]
    reason: str
    offset: int  # where the bytes start in journal.log (-1: head.json)
    data: bytes = field(repr=False)

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Damage:
    """What a read in spite of damage established."""

    error: IntegrityError  # what a strict read says: the first bad entry
    lost: tuple[Lost, ...]
    after_gap: int | None  # the first entry shown after entries that are missing


@dataclass(frozen=True)
class _Kept:
    n: int
    prev: str
    hash: str
    start: int
    end: int  # after the newline
    payload: bytes


@dataclass
class _Salvage:
    kept: list[_Kept]
    lost: list[Lost]
    warnings: list[str]
    head: Head | None
    after_gap: int | None


@dataclass(frozen=True)
class Repaired:
    """What ``repair`` did: the entries it accounted for and where it put their bytes."""

    lost: tuple[Lost, ...]
    files: tuple[Path | None, ...]  # one per lost part: where its bytes went (None: no bytes)
    entry: int  # the record it appended
    head: Head


def _pieces(data: bytes) -> list[tuple[bytes, int, int, bool]]:
    """(line, start, end, ends with a newline) for each line of ``data``."""
    out = []
    start = 0
    while start < len(data):
        nl = data.find(b"\n", start)
        if nl < 0:
            out.append((data[start:], start, len(data), False))
            break
        out.append((data[start:nl], start, nl + 1, True))
        start = nl + 1
    return out


def _authentic(journal: Journal, line: bytes, aead: Any) -> tuple[int, str, bytes] | None:
    """(number, link, payload) of a record sealed with this session's key; None otherwise."""
    match = _RECORD.fullmatch(line)
    if match is None:
        return None
    rn, prev, nonce, ct = match.groups()
    n, link = int(rn), prev.decode()
    try:
        payload = aead.decrypt(
            base64.b64decode(nonce, validate=True),
            base64.b64decode(ct, validate=True),
            _aad(journal.session_id, n, link),
        )
    except _undecryptable():
        return None
    return n, link, bytes(payload)


def _head(journal: Journal) -> tuple[Head | None, Lost | None]:
    """The head if it authenticates; otherwise what is wrong with it (its bytes kept)."""
    try:
        raw = journal.head_path.read_bytes()
    except FileNotFoundError:
        return None, Lost((), HEAD_MISSING, -1, b"")
    try:
        return journal.read_head(), None
    except IntegrityError:
        return None, Lost((), HEAD_CHANGED, -1, raw)


def _scan(journal: Journal) -> _Salvage:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aead = AESGCM(journal.keys.enc)
    head, head_lost = _head(journal)
    try:
        gaps = journal.read_gaps()
    except IntegrityError:
        gaps = {}  # its breaks then show as damage again, which is the honest answer
    data = journal.path.read_bytes()
    kept: list[_Kept] = []
    lost: list[Lost] = []
    warnings: list[str] = []
    after_gap: int | None = None
    bad: int | None = None  # where bytes not yet accounted for start
    expect, link = 1, GENESIS
    pieces = _pieces(data)
    for index, (line, start, end, whole) in enumerate(pieces):
        found = _authentic(journal, line, aead) if whole else None
        if found is None:
            if not whole and index == len(pieces) - 1 and bad is None and kept:
                last = kept[-1].n
                if (head is None or last >= head.count) and _residue_pattern(
                    expect, link
                ).fullmatch(line):
                    warnings.append(
                        f"an incomplete record after entry {last} was ignored (left by a crash)"
                    )
                    continue
            bad = start if bad is None else bad
            continue
        n, prev, payload = found
        if n < expect:  # a copy of an entry already shown, or one out of its place
            bad = start if bad is None else bad
            continue
        if bad is None and n == expect and prev == link:
            pass  # in the chain
        elif (
            bad is None
            and kept
            and (gap := gaps.get(kept[-1].n))
            and (n, prev)
            == (
                gap.next,
                gap.prev,
            )
        ):
            pass  # a break a repair accounted for
        else:
            missing = tuple(range(expect, n))
            held = data[bad:start] if bad is not None else b""
            if missing:
                reason = CHANGED if held else REMOVED
            else:
                reason = NOT_A_RECORD if held else UNLINKED
            lost.append(Lost(missing, reason, bad if bad is not None else start, held))
            if (missing or prev != link) and after_gap is None:
                after_gap = n
            bad = None
        kept.append(_Kept(n, prev, _sha(line), start, end, payload))
        expect, link = n + 1, _sha(line)
    last = kept[-1].n if kept else 0
    tail = data[bad:] if bad is not None else b""
    if head is not None and last < head.count:
        lost.append(Lost(tuple(range(last + 1, head.count + 1)), CUT_SHORT, bad or len(data), tail))
    else:
        if tail:
            lost.append(Lost((), NOT_A_RECORD, bad or 0, tail))
        if head is not None:
            at = next((k for k in kept if k.n == head.count), None)
            if at is None or at.hash != head.hash:
                lost.append(Lost((), HEAD_CHANGED, -1, journal.head_path.read_bytes()))
            elif last > max(head.count + 1, head.pending):
                lost.append(Lost((), HEAD_OLDER, -1, journal.head_path.read_bytes()))
            elif last > head.count:
                warnings.append(f"entry {last} was written by a command that did not finish")
    if head_lost is not None:
        lost.append(head_lost)
    return _Salvage(kept, lost, warnings, head, after_gap)


def _check_start(salvage: _Salvage, error: IntegrityError) -> None:
    if not salvage.kept or salvage.kept[0].n != 1:
        if error.entry == 1:
            raise error
        raise IntegrityError(
            "entry 1, the start of the session, cannot be read: nothing of it can be shown",
            entry=1,
            hint="if this is not the data key the session was made with, "
            "import that one with: incident key import",
        ) from error


def salvage(journal: Journal, error: IntegrityError) -> ReadResult:
    """What can be shown of a journal a strict read refused with ``error``.

    Raises ``error`` again when the first entry cannot be read (nothing can be shown), or
    when nothing is found lost (the damage is not one this reader understands).
    """
    found = _scan(journal)
    _check_start(found, error)
    if not found.lost:
        raise error
    last = found.kept[-1]
    head = found.head or Head(last.n, last.hash, last.end, last.start, {})
    return ReadResult(
        [k.payload for k in found.kept],
        last.hash,
        head,
        found.warnings,
        [k.n for k in found.kept],
        Damage(error, tuple(found.lost), found.after_gap),
    )


def check_links(journal: Journal, head: Head) -> None:
    """Every record's number and link, by hashes alone: cheap enough before each write.

    A changed byte anywhere changes its record's hash, which the next record's link (or,
    for the last, the head) no longer matches; a removed or moved record breaks a number.
    """
    data = journal.path.read_bytes()
    gaps = journal.read_gaps()
    lines = data.split(b"\n")
    if lines.pop():  # no newline at the end: the last record is cut
        raise IntegrityError(
            f"the journal was cut short inside entry {head.count}", entry=head.count
        )
    sha = hashlib.sha256
    expect, link = 1, GENESIS
    n = 0
    for line in lines:
        if not line.startswith(b'{"n":%d,"prev":"%s","nonce":"' % (expect, link.encode())):
            raise IntegrityError(
                f"entry {expect} does not follow entry {n}: the chain of hashes is broken",
                entry=expect,
            )
        n, link = expect, sha(line).hexdigest()
        expect = n + 1
        if gaps:
            gap = gaps.get(n)
            if gap is not None:
                expect, link = gap.next, gap.prev
    if n != head.count or len(data) != head.size or (n and link != head.hash and n not in gaps):
        raise IntegrityError(
            f"the journal ends at entry {n}, its head at entry {head.count}", entry=n + 1
        )
    if head.count and _sha(data[head.last_offset : head.size].rstrip(b"\n")) != head.hash:
        raise IntegrityError(f"entry {n} does not match the journal's head", entry=n)


def _span(entries: tuple[int, ...]) -> str:
    if not entries:
        return ""
    return f"{entries[0]}" if len(entries) == 1 else f"{entries[0]}-{entries[-1]}"


def _quarantine(journal: Journal, lost: list[Lost]) -> list[Path | None]:
    """Write each lost part's bytes to its own file in quarantine/ (0600), fsynced."""
    folder = paths.ensure_dir(journal.folder / QUARANTINE)
    if os.name == "posix":
        folder.chmod(paths.DIR_MODE)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    files: list[Path | None] = []
    for i, part in enumerate(lost, 1):
        if not part.data:
            files.append(None)
            continue
        what = f"entries-{_span(part.entries)}" if part.entries else "bytes"
        source = HEAD if part.offset < 0 else f"journal-at-{part.offset}"
        name = f"{stamp}-{i}-{what}-{part.reason}-{source}.bin"
        target = folder / name
        paths.write_private(target, part.data)
        files.append(target)
    paths.fsync_dir(journal.folder)
    return files


# (first entry number it is appended as, what was lost, where its bytes went) -> (payload, meta)
Describe = Callable[[int, tuple[Lost, ...], tuple[Path | None, ...]], tuple[bytes, dict[str, Any]]]


def repair(journal: Journal, error: IntegrityError, describe: Describe) -> Repaired:
    """Set the damaged bytes aside, keep every intact record as it is, and append one more.

    The caller holds the session's lock. Intact records are written back byte for byte
    (only the bytes between them go); their numbers and links stay, and the breaks are
    recorded in gaps.json so a strict read accepts them and nothing else.
    """
    found = _scan(journal)
    _check_start(found, error)
    if not found.lost:
        raise error
    data = journal.path.read_bytes()
    lost = tuple(found.lost)
    files = tuple(_quarantine(journal, list(lost)))
    kept = found.kept
    gaps = [Gap(a.n, b.n, b.prev) for a, b in pairwise(kept) if (b.n, b.prev) != (a.n + 1, a.hash)]
    last = kept[-1]
    highest = max([last.n, *(n for part in lost for n in part.entries)])
    if found.head is not None:
        highest = max(highest, found.head.count)
    n = highest + 1
    if n != last.n + 1:
        gaps.append(Gap(last.n, n, last.hash))
    payload, meta = describe(n, lost, files)
    line = journal._seal(n, last.hash, payload)
    body = b"".join(data[k.start : k.end] for k in kept)
    new = body + line + b"\n"
    head = Head(n, _sha(line), len(new), len(body), meta)
    journal.write_gaps(gaps)
    paths.write_private(journal.path, new)
    journal._write_head(head)
    return Repaired(lost, files, n, head)

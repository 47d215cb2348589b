"""The append-only, encrypted, hash-chained journal of one session.

File ``journal.log`` holds one record a line::

    {"n":1,"prev":"<sha256 hex of the previous line>","nonce":"<b64>","ct":"<b64>"}

``ct`` is the event, AES-GCM encrypted with the session key and ``session|n|prev`` as
associated data, so a record cannot be edited, moved or copied from another session.
``head.json`` keeps the count and hash of the last acknowledged record, authenticated
with the session's MAC key, so cutting acknowledged records off the end is caught too.

``gaps.json``, written only by a repair (see ``damage.py``), lists the breaks in the chain a
repair accounted for, authenticated the same way: after entry ``after`` comes entry ``next``,
carrying ``prev``. A strict read accepts exactly those breaks and no other.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from incident import paths
from incident.errors import IntegrityError, WrongKey
from incident.journal import lock
from incident.journal.keys import SessionKeys

JOURNAL = "journal.log"
HEAD = "head.json"
GAPS = "gaps.json"
GENESIS = "0" * 64
MAX_RECORD = 64 * 1024 * 1024

_RECORD = re.compile(
    rb'\{"n":([1-9][0-9]*),"prev":"([0-9a-f]{64})","nonce":"([A-Za-z0-9+/=]{16})",'
    rb'"ct":"([A-Za-z0-9+/=]+)"\}'
)
_B64 = rb"[A-Za-z0-9+/=]*"


# (number, payload) of a record adopted after a crash, and the head's metadata -> metadata after it.
Adopt = Callable[[int, bytes, dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Head:
    count: int
    hash: str
    size: int
    last_offset: int
    meta: dict[str, Any]
    # A batch being appended may have written records up to this one before the head
    # acknowledges them (0: none). It tells a killed batch from a head of an older copy.
    pending: int = 0


@dataclass(frozen=True)
class Gap:
    """A break in the chain a repair accounted for: after entry ``after`` comes ``next``."""

    after: int
    next: int
    prev: str  # the link entry ``next`` carries (the hash of a record that was lost)

    @property
    def missing(self) -> tuple[int, ...]:
        return tuple(range(self.after + 1, self.next))


@dataclass
class ReadResult:
    payloads: list[bytes]
    head_hash: str  # of the last record read: the chain's head
    head: Head  # the authenticated head file the records were checked against
    warnings: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # each payload's entry number
    damage: Any = None  # a damage.Damage when read in spite of damage (see damage.salvage)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _aad(session_id: str, n: int, prev: str) -> bytes:
    return f"{session_id}|{n}|{prev}".encode()


def _undecryptable() -> tuple[type[Exception], ...]:
    """What opening a record that does not decrypt raises.

    Called by ``except`` only when something was raised, not for every record read: the
    import statement alone costs ~1.5 us, a tenth of opening a record.
    """
    from cryptography.exceptions import InvalidTag

    return (InvalidTag, binascii.Error, ValueError)


def _residue_pattern(n: int, prev: str) -> re.Pattern[bytes]:
    """What a torn write of record ``n`` can look like: any prefix of a valid record."""
    parts = [
        re.escape(b'{"n":' + str(n).encode() + b',"prev":"' + prev.encode() + b'","nonce":"'),
        _B64,
        re.escape(b'","ct":"'),
        _B64,
        re.escape(b'"}'),
    ]
    # Each literal may itself be cut anywhere, so accept prefixes of literals too.
    alternatives = []
    for i, part in enumerate(parts):
        head = b"".join(parts[:i])
        if part == _B64:
            alternatives.append(head + part)
        else:
            literal = re.sub(rb"\\(.)", rb"\1", part)
            for cut in range(1, len(literal) + 1):
                alternatives.append(head + re.escape(literal[:cut]))
    return re.compile(b"(?:" + b"|".join(alternatives) + b")")


class Journal:
    """One session's journal files; the caller holds the session lock to append."""

    def __init__(self, folder: Path, session_id: str, keys: SessionKeys) -> None:
        self.folder = folder
        self.session_id = session_id
        self.keys = keys
        self.path = folder / JOURNAL
        self.head_path = folder / HEAD

    # -- encryption -------------------------------------------------------------
    def _seal(self, n: int, prev: str, payload: bytes, aead: Any = None) -> bytes:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(12)
        aead = aead or AESGCM(self.keys.enc)
        ct = aead.encrypt(nonce, payload, _aad(self.session_id, n, prev))
        return b'{"n":%d,"prev":"%s","nonce":"%s","ct":"%s"}' % (
            n,
            prev.encode(),
            base64.b64encode(nonce),
            base64.b64encode(ct),
        )

    def _open(self, n: int, line: bytes, expected_prev: str, aead: Any) -> bytes:
        """The payload of record ``n``: checked to carry its number, to follow the record
        before it (``expected_prev``), and to decrypt with both as associated data."""
        payload = self._open_in_place(n, line, expected_prev, aead)
        if payload is not None:
            return payload
        match = _RECORD.fullmatch(line)
        if match is None:
            raise IntegrityError(f"entry {n} is not a journal record", entry=n)
        rn, prev, nonce, ct = match.groups()
        if int(rn) != n:
            raise IntegrityError(
                f"entry {n} carries number {int(rn)}: records were removed or reordered", entry=n
            )
        if prev.decode() != expected_prev:
            raise IntegrityError(
                f"entry {n} does not follow entry {n - 1}: the chain of hashes is broken", entry=n
            )
        try:
            return bytes(
                aead.decrypt(
                    base64.b64decode(nonce, validate=True),
                    base64.b64decode(ct, validate=True),
                    _aad(self.session_id, n, expected_prev),
                )
            )
        except _undecryptable():
            raise IntegrityError(
                f"entry {n} was changed, or comes from another session: it does not decrypt",
                entry=n,
            ) from None

    def _open_in_place(self, n: int, line: bytes, expected_prev: str, aead: Any) -> bytes | None:
        """Record ``n`` where it belongs, taken apart by position; None for anything else.

        Reading a session spends its time opening records, and slicing costs less than the
        regular expression of the full parse (about 2 of 8 us per record). Only a line that
        starts with exactly the number and link expected, has 16 nonce characters and a
        ciphertext, and decrypts is accepted, so nothing the full parse refuses gets through;
        anything else goes to the full parse, which names what is wrong.
        """
        start = b'{"n":%d,"prev":"%s","nonce":"' % (n, expected_prev.encode())
        cut = len(start) + 16
        if not (
            line.startswith(start)
            and line[cut : cut + 8] == b'","ct":"'
            and line.endswith(b'"}')
            and len(line) > cut + 10
        ):
            return None
        try:
            payload: bytes = aead.decrypt(
                binascii.a2b_base64(line[len(start) : cut], strict_mode=True),
                binascii.a2b_base64(line[cut + 8 : -2], strict_mode=True),
                _aad(self.session_id, n, expected_prev),
            )
        except _undecryptable():
            return None
        return payload

    # -- head -------------------------------------------------------------------
    def _tag(
        self, count: int, digest: str, size: int, last: int, meta: dict[str, Any], pending: int = 0
    ) -> str:
        fields: list[Any] = [self.session_id, count, digest, size, last, meta]
        if pending:  # heads written before batches were marked stay valid
            fields.append(pending)
        body = json.dumps(fields, sort_keys=True)
        return hmac.new(self.keys.mac, body.encode(), hashlib.sha256).hexdigest()

    def read_head(self) -> Head:
        try:
            raw = json.loads(self.head_path.read_text(encoding="utf-8"))
            head = Head(
                int(raw["count"]),
                str(raw["hash"]),
                int(raw["size"]),
                int(raw["last_offset"]),
                dict(raw.get("meta", {})),
                int(raw.get("pending", 0)),
            )
            tag = str(raw["tag"])
        except FileNotFoundError:
            raise IntegrityError("the journal's head file is missing", entry=None) from None
        except (ValueError, KeyError, TypeError, OSError):
            raise IntegrityError("the journal's head file is damaged", entry=None) from None
        expected = self._tag(
            head.count, head.hash, head.size, head.last_offset, head.meta, head.pending
        )
        if not hmac.compare_digest(tag, expected):
            if not self._first_record_opens():
                raise WrongKey(
                    f"this data key does not open session {self.session_id} "
                    "(it was written with another key; nothing points to tampering)",
                    "restore that folder's key with: incident key import FILE",
                )
            raise IntegrityError("the journal's head file was changed", entry=None)
        return head

    def _gaps_tag(self, gaps: list[list[Any]]) -> str:
        body = json.dumps([self.session_id, "gaps", gaps])
        return hmac.new(self.keys.mac, body.encode(), hashlib.sha256).hexdigest()

    def read_gaps(self) -> dict[int, Gap]:
        """The breaks a repair accounted for, by the entry they follow; none without a repair."""
        path = self.folder / GAPS
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            gaps = [Gap(int(a), int(b), str(c)) for a, b, c in raw["gaps"]]
            tag = str(raw["tag"])
        except FileNotFoundError:
            return {}
        except (ValueError, KeyError, TypeError, OSError):
            raise IntegrityError("the journal's list of repaired gaps is damaged") from None
        rows: list[list[Any]] = [[g.after, g.next, g.prev] for g in gaps]
        if not hmac.compare_digest(tag, self._gaps_tag(rows)):
            raise IntegrityError("the journal's list of repaired gaps was changed")
        return {g.after: g for g in gaps}

    def write_gaps(self, gaps: list[Gap]) -> None:
        rows: list[list[Any]] = [
            [g.after, g.next, g.prev] for g in sorted(gaps, key=lambda g: g.after)
        ]
        body = {"gaps": rows, "tag": self._gaps_tag(rows)}
        paths.write_private(self.folder / GAPS, json.dumps(body).encode())

    def _first_record_opens(self) -> bool:
        """False when a well-formed first record does not decrypt: the key is another one.

        A changed head alone is tampering; a head and a first record that both fail to
        open with this key, the first record otherwise intact, is a session from elsewhere.
        """
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            with self.path.open("rb") as fh:
                line = fh.readline(MAX_RECORD)
        except OSError:
            return True
        match = _RECORD.fullmatch(line.rstrip(b"\n"))
        if match is None or int(match[1]) != 1 or match[2].decode() != GENESIS:
            return True
        try:
            AESGCM(self.keys.enc).decrypt(
                base64.b64decode(match[3]),
                base64.b64decode(match[4]),
                _aad(self.session_id, 1, GENESIS),
            )
        except _undecryptable():
            return False
        return True

    def _write_head(self, head: Head) -> None:
        body = {
            "count": head.count,
            "hash": head.hash,
            "size": head.size,
            "last_offset": head.last_offset,
            "meta": head.meta,
            "tag": self._tag(
                head.count, head.hash, head.size, head.last_offset, head.meta, head.pending
            ),
        }
        if head.pending:
            body["pending"] = head.pending
        paths.write_private(self.head_path, json.dumps(body).encode())

    # -- writing ----------------------------------------------------------------
    def create(self, payload: bytes, meta: dict[str, Any]) -> Head:
        """Write the first record of a new session: the journal appears whole or not at all.

        The head goes first and the journal is renamed into place last, so a crash in between
        leaves a folder without ``journal.log``, which no command lists.
        """
        line = self._seal(1, GENESIS, payload)
        head = Head(1, _sha(line), len(line) + 1, 0, meta)
        self._write_head(head)
        paths.write_private(self.path, line + b"\n")
        return head

    def append(self, payload: bytes, meta: dict[str, Any]) -> Head:
        """Append one record after checking the end of the file against the head (O(1))."""
        head, _ = self._settle_tail(self.read_head())
        return self._append_after(head, payload, meta)

    def settle(self, adopt: Adopt | None = None) -> tuple[Head, list[str]]:
        """Under the lock, before writing: check the tail, tidy what a crash left behind.

        A record a killed command wrote in full but never acknowledged is kept; ``adopt``
        gives the head's metadata after it, so the head is rewritten once, whole.
        """
        for stale in [*self.folder.glob(".*.tmp"), *self.folder.glob("files/.*.tmp")]:
            stale.unlink(missing_ok=True)  # temp files of a killed writer; we hold the lock
        return self._settle_tail(self.read_head(), adopt)

    def append_many(self, payloads: Sequence[bytes], meta: dict[str, Any]) -> Head:
        """Append records in one write, one fsync and one head update (an import's rows).

        Each record is sealed and chained exactly as ``append`` would; only the durability
        work is shared. The head acknowledges them all at once, after they are on disk, with
        ``meta`` as it stands after the last.
        """
        head, _ = self._settle_tail(self.read_head())
        if not payloads:
            return head
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        aead = AESGCM(self.keys.enc)  # one cipher for the batch, a fresh nonce per record
        lines: list[bytes] = []
        n, prev, size, last = head.count, head.hash, head.size, head.last_offset
        for payload in payloads:
            n += 1
            line = self._seal(n, prev, payload, aead)
            lines.append(line)
            prev, last, size = _sha(line), size, size + len(line) + 1
        if len(lines) > 1:  # say first that a batch may follow, so a kill is told from damage
            self._write_head(Head(head.count, head.hash, head.size, head.last_offset, head.meta, n))
        self._write_lines(lines)
        new = Head(n, prev, size, last, meta)
        self._write_head(new)
        return new

    def _write_lines(self, lines: list[bytes]) -> None:
        data = b"".join(line + b"\n" for line in lines)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        try:
            view = memoryview(data)
            while view:  # os.write may write less than asked (a large import)
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)

    def _append_after(self, head: Head, payload: bytes, meta: dict[str, Any]) -> Head:
        n = head.count + 1
        line = self._seal(n, head.hash, payload)
        self._write_lines([line])
        new = Head(n, _sha(line), head.size + len(line) + 1, head.size, meta)
        self._write_head(new)
        return new

    def _settle_tail(self, head: Head, adopt: Adopt | None = None) -> tuple[Head, list[str]]:
        """Check the last acknowledged record and clear crash residue after it."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        warnings: list[str] = []
        size = self.path.stat().st_size
        if size < head.size:
            raise IntegrityError(
                f"the journal was cut short: acknowledged entries after {head.count} are gone",
                entry=head.count,
            )
        with self.path.open("rb") as fh:
            fh.seek(head.last_offset)
            last = fh.read(head.size - head.last_offset)
            extra = fh.read()
        if head.count and _sha(last.rstrip(b"\n")) != head.hash:
            raise IntegrityError(
                f"entry {head.count} does not match the journal's head", entry=head.count
            )
        if not extra:
            return head, warnings
        aead = AESGCM(self.keys.enc)
        newline = extra.find(b"\n")
        adopted = newline >= 0
        first = head.count + 1
        until = max(first, head.pending)  # one record, or the batch the head announced
        # Whole records a killed command wrote but never acknowledged (one, or a batch's).
        while newline >= 0:
            if head.count + 1 > until:
                raise IntegrityError(
                    f"the journal has more entries than its head records (from entry {until + 1})",
                    entry=until + 1,
                )
            line = extra[:newline]
            payload = self._open(head.count + 1, line, head.hash, aead)  # raises if not a record
            meta = adopt(head.count + 1, payload, head.meta) if adopt else head.meta
            head = Head(head.count + 1, _sha(line), head.size + newline + 1, head.size, meta)
            extra = extra[newline + 1 :]
            newline = extra.find(b"\n")
        if adopted:
            if first == head.count:
                warnings.append(f"entry {first} was written by a command that did not finish")
            else:
                warnings.append(
                    f"entries {first}-{head.count} were written by a command that did not finish"
                )
            if extra and not _residue_pattern(head.count + 1, head.hash).fullmatch(extra):
                raise IntegrityError(
                    f"bytes after entry {head.count} are not a journal record",
                    entry=head.count + 1,
                )
        elif not _residue_pattern(head.count + 1, head.hash).fullmatch(extra):
            raise IntegrityError(
                f"bytes after entry {head.count} are not a journal record", entry=head.count + 1
            )
        if extra:
            with self.path.open("r+b") as fh:
                fh.truncate(head.size)
                os.fsync(fh.fileno())
            warnings.append(f"an incomplete record after entry {head.count} was cleared")
        head = Head(head.count, head.hash, head.size, head.last_offset, head.meta)  # settled
        self._write_head(head)
        return head, warnings

    # -- reading ----------------------------------------------------------------
    def read_first(self) -> bytes:
        """The first record alone, decrypted and checked."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        with self.path.open("rb") as fh:
            line = fh.readline(MAX_RECORD)
        if not line.endswith(b"\n"):
            raise IntegrityError("the journal's first entry is incomplete", entry=1)
        return self._open(1, line[:-1], GENESIS, AESGCM(self.keys.enc))

    def read(self, *, holding_lock: bool = False) -> ReadResult:
        """Every record, decrypted and checked against the chain and the head.

        ``holding_lock``: the caller holds the session's lock, so every byte is checked
        as it is (nobody else can be half-way through an append).
        """
        return self._scan(holding_lock)

    def entry_hashes(self, count: int) -> list[str]:
        """The chain's hash after each of the first ``count`` records, as the file holds them.

        Not checked here: call it after ``read``, which checked the same chain.
        """
        hashes: list[str] = []
        with self.path.open("rb") as fh:
            for line in fh:
                if len(hashes) >= count or not line.endswith(b"\n"):
                    break
                hashes.append(_sha(line[:-1]))
        return hashes

    def _snapshot(self) -> tuple[Head, bytes]:
        """The head and the journal's bytes as of one moment, without taking the lock.

        An append writes its record, then the head; a reader in between sees a record the
        head does not count yet. While a writer holds the lock, read again (at worst leave
        its record out); with no writer, the extra bytes are crash residue for the scan.
        """
        deadline = time.monotonic() + 2
        while True:
            head = self.read_head()
            data = self.path.read_bytes()
            if len(data) <= head.size:
                return head, data
            if lock.busy(self.folder):
                if time.monotonic() >= deadline:
                    return head, data[: head.size]
                time.sleep(0.002)
            elif self.read_head() == head:
                return head, data  # nobody writing, and nobody wrote since we read: residue

    def _scan(self, holding_lock: bool = False) -> ReadResult:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if holding_lock:
            head, data = self.read_head(), self.path.read_bytes()
        else:
            head, data = self._snapshot()
        gaps = self.read_gaps()
        aead = AESGCM(self.keys.enc)
        payloads: list[bytes] = []
        numbers: list[int] = []
        warnings: list[str] = []
        prev = GENESIS
        link = GENESIS  # what the next record must carry: prev, or a repaired gap's link
        pos = 0
        n = 0  # the last record read
        expect = 1  # the number of the next record
        for line, end in _lines(data):
            if end is None:  # no newline: a torn write, or junk
                if n < head.count:
                    raise IntegrityError(
                        f"the journal was cut short inside entry {expect} of {head.count}",
                        entry=expect,
                    )
                if n >= head.count and _residue_pattern(expect, link).fullmatch(line):
                    warnings.append(
                        f"an incomplete record after entry {n} was ignored (left by a crash)"
                    )
                    break
                raise IntegrityError(
                    f"bytes after entry {n} are not a journal record", entry=expect
                )
            n = expect
            payloads.append(self._open(n, line, link, aead))
            numbers.append(n)
            prev = link = _sha(line)
            pos = end
            gap = gaps.get(n)
            expect = n + 1
            if gap is not None:
                expect, link = gap.next, gap.prev
            if n == head.count and (prev != head.hash or pos != head.size):
                raise IntegrityError(f"entry {n} does not match the journal's head", entry=n)
        if n < head.count:
            raise IntegrityError(
                f"the journal was cut short: it ends at entry {n} of {head.count} acknowledged"
                f" (entry {expect} is missing)",
                entry=expect,
            )
        if n > max(head.count + 1, head.pending):
            raise IntegrityError(
                f"the journal has {n - head.count} entries more than its head records"
                f" (from entry {head.count + 2})",
                entry=head.count + 2,
            )
        if n == head.count + 1:
            warnings.append(f"entry {n} was written by a command that did not finish")
        elif n > head.count:
            warnings.append(
                f"entries {head.count + 1}-{n} were written by a command that did not finish"
            )
        return ReadResult(payloads, prev, head, warnings, numbers)


def _lines(data: bytes) -> Iterator[tuple[bytes, int | None]]:
    """Lines of ``data`` with the offset after their newline (None for a last torn line)."""
    start = 0
    length = len(data)
    while start < length:
        end = data.find(b"\n", start)
        if end < 0:
            yield data[start:], None
            return
        yield data[start:end], end + 1
        start = end + 1

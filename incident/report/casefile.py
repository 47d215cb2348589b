"""The case file: a ZIP of files streamed in whole, with a ``SHA256SUMS`` over them.

``write_case_file(path, entries, when=)`` writes the archive atomically (private temp file in
the target folder, fsync, rename, fsync the folder) with mode 0600. Files are read and written
in chunks, so memory does not grow with their size. Given the same entries and ``when`` two
runs give the same bytes: entries keep their order, every header carries the same time and
permissions, and nothing else varies (deflated bytes depend on the zlib build, as always).

``SHA256SUMS`` lists every other file as ``<hex> *<name>``, the binary-mode line GNU
``sha256sum -c`` reads (coreutils ``split_3``: digest, one space, ``' '`` or ``'*'``, then the
name to the end of the line; ``shasum -a 256 -c`` reads it too). Names are cleaned first
(``filenames``), so none needs the backslash escape of that format.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from incident.errors import IncidentError, IntegrityError, UsageError
from incident.paths import FILE_MODE, atomic_file
from incident.report.filenames import NameTable

if TYPE_CHECKING:
    import zipfile

SUMS_NAME = "SHA256SUMS"
CHUNK = 1 << 20
# The oldest time a ZIP header can hold (MS-DOS dates start in 1980).
_ZIP_EPOCH = datetime(1980, 1, 1)
# Formats that are compressed already: deflating them again costs time and saves nothing.
_STORED_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".heic", ".pdf", ".zip", ".gz", ".mp4", ".mov"}
)

Opener = Callable[[], IO[bytes]]


@dataclass(frozen=True)
class Entry:
    """One file for the case file: ``name`` (one file name) in ``folder`` (``/``-separated).

    ``content`` is the bytes themselves, a path to stream from, or a function that opens a
    binary stream (closed after use). ``compress``: None decides by the name's suffix.
    """

    name: str
    content: bytes | Path | Opener
    folder: str = ""
    compress: bool | None = None

    def open(self) -> IO[bytes]:
        import io

        if isinstance(self.content, bytes):
            return io.BytesIO(self.content)
        if isinstance(self.content, Path):
            return self.content.open("rb")
        return self.content()

    def size_hint(self) -> int | None:
        if isinstance(self.content, bytes):
            return len(self.content)
        if isinstance(self.content, Path):
            try:
                return self.content.stat().st_size
            except OSError:
                return None  # reported when it is opened
        return None


@dataclass(frozen=True)
class Written:
    """A file as it went into the archive: its name there, size and SHA-256 (hex)."""

    name: str
    source_name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class CaseFile:
    """What ``write_case_file`` wrote: the entries in order, then ``SHA256SUMS``, then the
    ``after_sums`` entries."""

    path: Path
    files: tuple[Written, ...]
    sums: bytes


def sums_text(files: Iterable[Written]) -> bytes:
    """The ``SHA256SUMS`` file for ``files``: one ``<hex> *<name>`` line each, UTF-8."""
    return "".join(f"{f.sha256} *{f.name}\n" for f in files).encode("utf-8")


def parse_sums(data: bytes) -> dict[str, str]:
    """``{name: hex}`` from a ``SHA256SUMS`` written by ``sums_text`` (or ``sha256sum``)."""
    out: dict[str, str] = {}
    for number, line in enumerate(data.decode("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        digest, sep, rest = line.partition(" ")
        if (
            not sep
            or len(digest) != 64
            or any(c not in "0123456789abcdefABCDEF" for c in digest)
            or rest[:1] not in (" ", "*")
            or not rest[1:]
        ):
            raise IntegrityError(f"{SUMS_NAME} line {number} is not a SHA-256 line")
        out[rest[1:]] = digest.lower()
    return out


def write_case_file(
    path: Path,
    entries: Sequence[Entry],
    *,
    when: datetime | None = None,
    overwrite: bool = False,
    after_sums: Callable[[bytes], Sequence[Entry]] | None = None,
) -> CaseFile:
    """Write ``entries`` and ``SHA256SUMS`` over them to the ZIP ``path``, whole or not at all.

    ``when`` is the time in every header (its wall-clock fields: ZIP has no zone); None takes
    SOURCE_DATE_EPOCH, else the current UTC time. ``after_sums`` gets the ``SHA256SUMS`` bytes
    and returns files to add after it, outside the sums (a timestamp token over them).
    An existing ``path`` is refused unless ``overwrite``.
    """
    import zipfile

    stamp = _zip_time(when)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{path}: folder {folder} does not exist")
    if path.is_dir() or (path.exists() and not overwrite):
        raise UsageError(f"{path} already exists", "choose another name or allow overwriting")
    names = NameTable()
    names.reserve(SUMS_NAME)
    exists = UsageError(f"{path} already exists", "choose another name or allow overwriting")
    try:
        # The project's one atomic writer: a temp file nobody can guess, 0600, fsync, rename.
        with (
            atomic_file(path, overwrite=overwrite) as raw,
            zipfile.ZipFile(raw, "w", allowZip64=True) as archive,
        ):
            files = [_add(archive, names.add(e.name, e.folder), e, stamp) for e in entries]
            sums = sums_text(files)
            files.append(_add(archive, SUMS_NAME, Entry(SUMS_NAME, sums, compress=True), stamp))
            for extra in after_sums(sums) if after_sums else ():
                files.append(_add(archive, names.add(extra.name, extra.folder), extra, stamp))
    except FileExistsError:
        raise exists from None
    except OSError as exc:
        raise UsageError(
            f"{path}: cannot write ({exc.strerror or exc.__class__.__name__})"
        ) from None
    return CaseFile(path, tuple(files), sums)


def _zip_time(when: datetime | None) -> tuple[int, int, int, int, int, int]:
    if when is None:
        from incident.report.pdf import source_date_epoch

        when = source_date_epoch() or datetime.now(UTC)
    naive = when.replace(tzinfo=None, microsecond=0)
    naive = max(naive, _ZIP_EPOCH)
    # ZIP stores seconds in two-second steps; round down so the header is what we meant.
    return (naive.year, naive.month, naive.day, naive.hour, naive.minute, naive.second & ~1)


def _add(
    archive: zipfile.ZipFile,
    name: str,
    entry: Entry,
    stamp: tuple[int, int, int, int, int, int],
) -> Written:
    """Stream ``entry`` into ``archive`` as ``name``, hashing it on the way."""
    import zipfile

    info = zipfile.ZipInfo(name, date_time=stamp)
    info.create_system = 3  # Unix, so the permission bits below are read back everywhere
    info.external_attr = (0o100000 | FILE_MODE) << 16
    compress = entry.compress
    if compress is None:
        compress = Path(name).suffix.lower() not in _STORED_SUFFIXES
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    size_hint = entry.size_hint()
    if size_hint is not None:
        info.file_size = size_hint  # lets zipfile pick ZIP64 headers for a large file
    digest = hashlib.sha256()
    size = 0
    with _reading(entry) as source, archive.open(info, "w", force_zip64=size_hint is None) as sink:
        while chunk := _read(source, entry):
            digest.update(chunk)
            sink.write(chunk)
            size += len(chunk)
    return Written(name, entry.name, size, digest.hexdigest())


def _reading(entry: Entry) -> IO[bytes]:
    try:
        return entry.open()
    except OSError as exc:
        raise _unreadable(entry, exc) from None


def _read(source: IO[bytes], entry: Entry) -> bytes:
    try:
        return source.read(CHUNK)
    except OSError as exc:
        raise _unreadable(entry, exc) from None


def _unreadable(entry: Entry, exc: OSError) -> IncidentError:
    # Not an OSError, so it is not reported as a failure to write the archive.
    return IncidentError(f"{entry.name}: cannot read ({exc.strerror or exc.__class__.__name__})")


@dataclass(frozen=True)
class Checked:
    """A case file whose listed files all match ``SHA256SUMS``."""

    sums: bytes
    files: tuple[str, ...]
    unlisted: tuple[str, ...]


def check_case_file(path: Path, unlisted_ok: Iterable[str] = ()) -> Checked:
    """Re-hash every file listed in the archive's ``SHA256SUMS``.

    Raises IntegrityError naming each file that is missing, changed, or present but not
    listed (except ``SHA256SUMS`` and the names in ``unlisted_ok``).
    """
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise UsageError(f"{path} does not exist") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise IntegrityError(f"{path} is not a readable ZIP file ({exc})") from None
    with archive:
        members = [i for i in archive.infolist() if not i.is_dir()]
        by_name = {i.filename: i for i in members}
        # Two members of one name: tools disagree on which one they unpack.
        counts = Counter(i.filename for i in members)
        twice = sorted(name for name, n in counts.items() if n > 1)
        if SUMS_NAME not in by_name:
            raise IntegrityError(f"{path} has no {SUMS_NAME}")
        sums = archive.read(SUMS_NAME)
        listed = parse_sums(sums)
        problems = [f"{name} appears twice" for name in twice]
        for name, expected in listed.items():
            if name not in by_name:
                problems.append(f"{name} is missing")
            elif _hash_member(archive, by_name[name]) != expected:
                problems.append(f"{name} was changed")
        unlisted = tuple(n for n in by_name if n not in listed and n != SUMS_NAME)
        allowed = set(unlisted_ok)
        problems.extend(f"{n} is not listed in {SUMS_NAME}" for n in unlisted if n not in allowed)
    if problems:
        raise IntegrityError(
            f"{path}: " + "; ".join(problems), hint="the case file was changed after it was made"
        )
    return Checked(sums, tuple(listed), unlisted)


def _hash_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    """SHA-256 of a member, or None when it cannot be read back (CRC error, damage)."""
    import zipfile
    import zlib

    digest = hashlib.sha256()
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
        return None
    return digest.hexdigest()

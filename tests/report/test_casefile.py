"""The case file: a private, atomic, reproducible ZIP whose SHA256SUMS `sha256sum -c` accepts."""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import IO

import pytest

from incident.errors import IncidentError, IntegrityError, UsageError
from incident.report.casefile import (
    SUMS_NAME,
    Entry,
    Opener,
    check_case_file,
    parse_sums,
    sums_text,
    write_case_file,
)
from tests.conftest import has_tool

WHEN = datetime(2026, 12, 2, 17, 40, 31, tzinfo=UTC)


@pytest.fixture
def originals(tmp_path: Path) -> dict[str, bytes]:
    """Files as a user would have recorded them, with awkward names."""
    return {
        "截图 1.png": b"\x89PNG\r\n\x1a\n" + os.urandom(3000),
        "C:\\Users\\lin\\Desktop\\withdrawal.jpg": os.urandom(5000),
        "statement; final, v2.csv": b"time,amount\n2026-11-25,0.5\n",
        "../../escape.txt": b"outside?",
        "invoice\u202egnp.exe": b"MZ",
        "two\nlines.txt": b"x",
        "dup.txt": b"first",
        "DUP.txt": b"second",
    }


def _opener(path: Path) -> Opener:
    return lambda: path.open("rb")


def _entries(tmp_path: Path, originals: dict[str, bytes]) -> list[Entry]:
    folder = tmp_path / "src"
    folder.mkdir(exist_ok=True)
    entries = [Entry("README.txt", b"Read me first.\n")]
    for i, (name, data) in enumerate(originals.items()):
        path = folder / f"blob{i}"
        path.write_bytes(data)
        # Alternate the three kinds of content: bytes, a path, an opener.
        kinds: list[bytes | Path | Opener] = [data, path, _opener(path)]
        content = kinds[i % 3]
        entries.append(Entry(name, content, folder="originals"))
    return entries


def test_every_original_comes_back_byte_identical(
    tmp_path: Path, originals: dict[str, bytes]
) -> None:
    entries = _entries(tmp_path, originals)
    case = write_case_file(tmp_path / "case.zip", entries, when=WHEN)
    with zipfile.ZipFile(case.path) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        for entry, written in zip(entries, case.files, strict=False):
            data = archive.read(written.name)
            assert written.source_name == entry.name
            expected = entry.content if isinstance(entry.content, bytes) else None
            if expected is None:
                expected = originals[entry.name]
            assert data == expected
            assert written.sha256 == hashlib.sha256(data).hexdigest()
            assert written.size == len(data)
    assert names[0] == "README.txt" and names[-1] == SUMS_NAME
    assert "originals/dup.txt" in names and "originals/DUP-2.txt" in names
    assert "originals/invoicegnp.exe" in names
    for name in names:
        assert not name.startswith("/") and ".." not in name.split("/") and "\\" not in name


def test_sha256sum_checks_the_unpacked_case_file(
    tmp_path: Path, originals: dict[str, bytes]
) -> None:
    if not has_tool("sha256sum"):
        pytest.skip("sha256sum (coreutils) is not installed")
    case = write_case_file(tmp_path / "case.zip", _entries(tmp_path, originals), when=WHEN)
    out = tmp_path / "unpacked"
    with zipfile.ZipFile(case.path) as archive:
        archive.extractall(out)
    ok = subprocess.run(
        ["sha256sum", "--strict", "-c", SUMS_NAME], cwd=out, capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.count(": OK") == len(originals) + 1
    # ... and it would notice a change: the check can fail.
    (out / "originals" / "dup.txt").write_bytes(b"changed")
    bad = subprocess.run(["sha256sum", "-c", SUMS_NAME], cwd=out, capture_output=True, text=True)
    assert bad.returncode == 1 and "originals/dup.txt: FAILED" in bad.stdout


def test_sums_lines_are_what_sha256sum_writes_in_binary_mode(tmp_path: Path) -> None:
    if not has_tool("sha256sum"):
        pytest.skip("sha256sum (coreutils) is not installed")
    case = write_case_file(tmp_path / "case.zip", [Entry("a b.txt", b"hello\n")], when=WHEN)
    (tmp_path / "a b.txt").write_bytes(b"hello\n")
    theirs = subprocess.run(
        ["sha256sum", "-b", "a b.txt"], cwd=tmp_path, capture_output=True, check=True
    ).stdout
    assert case.sums == theirs
    assert parse_sums(theirs) == {"a b.txt": hashlib.sha256(b"hello\n").hexdigest()}
    text_mode = subprocess.run(
        ["sha256sum", "a b.txt"], cwd=tmp_path, capture_output=True, check=True
    ).stdout
    assert parse_sums(text_mode) == parse_sums(theirs)


def test_parse_sums_refuses_lines_that_are_not_sums() -> None:
    with pytest.raises(IntegrityError, match="line 2"):
        parse_sums(b"%s *a\nnot a line\n" % (b"0" * 64))
    with pytest.raises(IntegrityError, match="line 1"):
        parse_sums(b"%s a\n" % (b"0" * 64))  # one space: neither text nor binary mode


def test_two_runs_are_byte_identical_and_the_time_is_what_was_asked(
    tmp_path: Path, originals: dict[str, bytes]
) -> None:
    entries = _entries(tmp_path, originals)
    a = write_case_file(tmp_path / "a.zip", entries, when=WHEN)
    b = write_case_file(tmp_path / "b.zip", entries, when=WHEN)
    assert a.path.read_bytes() == b.path.read_bytes()
    c = write_case_file(tmp_path / "c.zip", entries, when=WHEN + timedelta(minutes=1))
    assert c.path.read_bytes() != a.path.read_bytes()
    with zipfile.ZipFile(a.path) as archive:
        for info in archive.infolist():
            assert info.date_time == (2026, 12, 2, 17, 40, 30)  # ZIP keeps even seconds
            assert info.create_system == 3
            assert stat.S_IMODE(info.external_attr >> 16) == 0o600
            assert stat.S_ISREG(info.external_attr >> 16)


def test_the_time_is_the_wall_clock_of_what_was_given(tmp_path: Path) -> None:
    shanghai = WHEN.astimezone(timezone(timedelta(hours=8)))
    case = write_case_file(tmp_path / "z.zip", [Entry("a", b"a")], when=shanghai)
    with zipfile.ZipFile(case.path) as archive:
        assert archive.infolist()[0].date_time[:4] == (2026, 12, 3, 1)


def test_source_date_epoch_fixes_the_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764072000")  # 2025-11-25 12:00 UTC
    a = write_case_file(tmp_path / "a.zip", [Entry("a.txt", b"a")])
    b = write_case_file(tmp_path / "b.zip", [Entry("a.txt", b"a")])
    assert a.path.read_bytes() == b.path.read_bytes()
    with zipfile.ZipFile(a.path) as archive:
        assert archive.infolist()[0].date_time == (2025, 11, 25, 12, 0, 0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        write_case_file(tmp_path / "c.zip", [Entry("a.txt", b"a")])


def test_times_before_1980_are_clamped(tmp_path: Path) -> None:
    old = datetime(1970, 1, 1, tzinfo=UTC)
    case = write_case_file(tmp_path / "old.zip", [Entry("a", b"a")], when=old)
    with zipfile.ZipFile(case.path) as archive:
        assert archive.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


def test_the_archive_is_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        case = write_case_file(tmp_path / "case.zip", [Entry("a", b"a")], when=WHEN)
    finally:
        os.umask(old)
    assert stat.S_IMODE(case.path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.zip"]  # no temp file left


def test_an_existing_file_is_kept_unless_overwriting_is_asked(tmp_path: Path) -> None:
    target = tmp_path / "case.zip"
    target.write_bytes(b"the user's earlier case file")
    with pytest.raises(UsageError, match="already exists"):
        write_case_file(target, [Entry("a", b"a")], when=WHEN)
    assert target.read_bytes() == b"the user's earlier case file"
    write_case_file(target, [Entry("a", b"a")], when=WHEN, overwrite=True)
    with zipfile.ZipFile(target) as archive:
        assert archive.read("a") == b"a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.zip"]


def test_a_file_that_appears_while_writing_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "case.zip"

    def opener() -> IO[bytes]:
        target.write_bytes(b"written by someone else meanwhile")
        return io.BytesIO(b"data")

    with pytest.raises(UsageError, match="already exists"):
        write_case_file(target, [Entry("a", opener)], when=WHEN)
    assert target.read_bytes() == b"written by someone else meanwhile"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.zip"]


FULL_DISK_PROBE = """
import os, resource, signal, sys
from pathlib import Path
from incident.errors import UsageError
from incident.report.casefile import Entry, write_case_file
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
try:
    write_case_file(Path(sys.argv[1]), [Entry("big.bin", os.urandom(1 << 20), compress=False)])
except UsageError as exc:
    print(exc)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="uses RLIMIT_FSIZE and SIGXFSZ")
def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "case.zip"
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK_PROBE, str(target)],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
    )
    assert result.returncode == 0, result.stderr
    assert "case.zip: cannot write (File too large)" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_an_unreadable_source_is_named_and_nothing_is_left(tmp_path: Path) -> None:
    target = tmp_path / "case.zip"
    with pytest.raises(IncidentError, match=re.escape("gone.png: cannot read")) as caught:
        write_case_file(target, [Entry("gone.png", tmp_path / "gone.png")], when=WHEN)
    assert not isinstance(caught.value, UsageError)
    assert list(tmp_path.iterdir()) == []


def test_the_temp_name_cannot_be_guessed(tmp_path: Path) -> None:
    # The old pattern (".name.<pid>.tmp") planted as a link to a file of the victim's.
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    (tmp_path / f".case.zip.{os.getpid()}.tmp").symlink_to(victim)
    write_case_file(tmp_path / "case.zip", [Entry("a", b"a")], when=WHEN)
    assert victim.read_bytes() == b"keep me"


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        write_case_file(tmp_path / "nope" / "case.zip", [Entry("a", b"a")], when=WHEN)


def test_files_after_the_sums_are_outside_them(tmp_path: Path) -> None:
    seen: list[bytes] = []

    def token(sums: bytes) -> list[Entry]:
        seen.append(sums)
        return [Entry("SHA256SUMS.tsr", b"token over " + hashlib.sha256(sums).digest())]

    case = write_case_file(
        tmp_path / "case.zip", [Entry("a.txt", b"a")], when=WHEN, after_sums=token
    )
    assert seen == [case.sums]
    assert [f.name for f in case.files] == ["a.txt", SUMS_NAME, "SHA256SUMS.tsr"]
    assert b"SHA256SUMS.tsr" not in case.sums
    checked = check_case_file(case.path, unlisted_ok=["SHA256SUMS.tsr"])
    assert checked.sums == case.sums and checked.files == ("a.txt",)
    assert checked.unlisted == ("SHA256SUMS.tsr",)
    with pytest.raises(IntegrityError, match=re.escape("SHA256SUMS.tsr is not listed")):
        check_case_file(case.path)


def _rewrite(source: Path, target: Path, change: dict[str, bytes | None]) -> None:
    """Copy a case file, replacing (bytes), dropping (None) or adding members."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename in change:
                data = change[info.filename]
                if data is not None:
                    new.writestr(info, data)
            else:
                new.writestr(info, old.read(info))
        for name, data in change.items():
            if name not in old.namelist() and data is not None:
                new.writestr(name, data)


@pytest.fixture
def good_case(tmp_path: Path) -> Path:
    entries = [
        Entry("README.txt", b"read me"),
        Entry("shot.png", os.urandom(2000), folder="originals"),
        Entry("notes.md", b"# notes\n" * 100, folder="exports"),
    ]
    return write_case_file(tmp_path / "good.zip", entries, when=WHEN).path


def test_check_accepts_the_good_case_file(good_case: Path) -> None:
    checked = check_case_file(good_case)
    assert checked.files == ("README.txt", "originals/shot.png", "exports/notes.md")


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"originals/shot.png": b"another picture"}, "originals/shot.png was changed"),
        ({"exports/notes.md": None}, "exports/notes.md is missing"),
        ({"originals/extra.png": b"slipped in"}, "originals/extra.png is not listed"),
    ],
)
def test_check_names_each_changed_file(
    good_case: Path, tmp_path: Path, change: dict[str, bytes | None], named: str
) -> None:
    bad = tmp_path / "bad.zip"
    _rewrite(good_case, bad, change)
    with pytest.raises(IntegrityError, match=re.escape(named)) as caught:
        check_case_file(bad)
    assert caught.value.exit_code == 3


def test_check_catches_a_second_member_of_the_same_name(good_case: Path, tmp_path: Path) -> None:
    bad = tmp_path / "twice.zip"
    _rewrite(good_case, bad, {})
    with zipfile.ZipFile(bad, "a") as archive, pytest.warns(UserWarning, match="Duplicate"):
        archive.writestr("originals/shot.png", b"the picture an unzip tool may show instead")
    with pytest.raises(IntegrityError, match=re.escape("originals/shot.png appears twice")):
        check_case_file(bad)


def test_check_catches_a_changed_sums_file(good_case: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(good_case) as archive:
        sums = archive.read(SUMS_NAME)
    forged = sums.replace(b"README.txt", b"README.txt\n" + b"0" * 64 + b" *ghost.txt", 1)
    bad = tmp_path / "bad.zip"
    _rewrite(good_case, bad, {SUMS_NAME: forged})
    with pytest.raises(IntegrityError, match=re.escape("ghost.txt is missing")):
        check_case_file(bad)


def test_check_catches_flipped_bytes_in_the_zip_itself(good_case: Path, tmp_path: Path) -> None:
    data = bytearray(good_case.read_bytes())
    with zipfile.ZipFile(good_case) as archive:
        info = archive.getinfo("originals/shot.png")  # stored: its bytes are in the file as is
    data[info.header_offset + 30 + len(info.filename) + 100] ^= 0x01
    bad = tmp_path / "flipped.zip"
    bad.write_bytes(bytes(data))
    with pytest.raises(IntegrityError, match=re.escape("originals/shot.png was changed")):
        check_case_file(bad)


def test_check_refuses_what_is_not_a_case_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip at all")
    with pytest.raises(IntegrityError, match="not a readable ZIP"):
        check_case_file(junk)
    with pytest.raises(UsageError, match="does not exist"):
        check_case_file(tmp_path / "absent.zip")
    plain = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("a.txt", b"a")
    with pytest.raises(IntegrityError, match="no SHA256SUMS"):
        check_case_file(plain)


def test_sums_text_round_trips() -> None:
    from incident.report.casefile import Written

    files = [Written("a b/截图.png", "截图.png", 1, "ab" * 32), Written("c", "c", 1, "cd" * 32)]
    assert parse_sums(sums_text(files)) == {"a b/截图.png": "ab" * 32, "c": "cd" * 32}


# The peak is read from /proc (VmHWM, KiB) after resetting it: ru_maxrss of a child can
# start at its parent's size (the pytest process) and would measure that, not the writer.
MEMORY_PROBE = """
import sys, time
from pathlib import Path
from incident.report.casefile import Entry, write_case_file, check_case_file

def hwm():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])

Path("/proc/self/clear_refs").write_text("5")  # reset the high-water mark to what is used now
source, target, compress = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "1"
before = hwm()
started = time.monotonic()
case = write_case_file(target, [Entry("big.bin", source, folder="originals", compress=compress)])
written = time.monotonic() - started
check_case_file(target)
peak = hwm()
print(before, peak, case.files[0].size, round(written, 2))
"""


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """200 MB: a sparse run of zeros with random blocks, so deflate has real work too."""
    path = tmp_path_factory.mktemp("big") / "big.bin"
    with path.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)
        for offset in range(0, 200 * 1024 * 1024, 16 * 1024 * 1024):
            fh.seek(offset)
            fh.write(os.urandom(1024 * 1024))
    yield path
    path.unlink()


@pytest.mark.skipif(sys.platform != "linux", reason="reads the peak from Linux's /proc")
@pytest.mark.parametrize("compress", [False, True], ids=["stored", "deflated"])
def test_memory_does_not_grow_with_the_file(big_file: Path, tmp_path: Path, compress: bool) -> None:
    target = tmp_path / "big.zip"
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(big_file), str(target), "1" if compress else "0"],
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ.copy(),
    )
    assert result.returncode == 0, result.stderr
    before_kib, peak_kib, size, _seconds = result.stdout.split()
    assert int(size) == big_file.stat().st_size
    # The file is 200 MiB; reading it whole would put the peak far above this.
    assert int(peak_kib) - int(before_kib) < 40 * 1024, result.stdout
    assert int(peak_kib) < 80 * 1024, result.stdout

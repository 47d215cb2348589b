"""Promise 8c: corrupt, truncated and enormous images are refused with a clear error, and
nothing is half stored (no new file in the session's files/, the journal unchanged)."""

from __future__ import annotations

import io
import random
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .disk import changed, snapshot


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A well-formed PNG header that claims ``width`` x ``height`` pixels (a few bytes)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + _chunk(b"IEND", b"")
    )


def real(fmt: str, size: tuple[int, int] = (64, 48)) -> bytes:
    from PIL import Image

    rng = random.Random(fmt)
    img = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    img.save(out, fmt)
    return out.getvalue()


def jpeg_claiming(width: int, height: int) -> bytes:
    data = bytearray(real("JPEG"))
    sof = data.find(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def gif_claiming(width: int, height: int) -> bytes:
    data = bytearray(real("GIF"))
    data[6:10] = struct.pack("<HH", width, height)
    return bytes(data)


def zero_png(width: int, height: int) -> bytes:
    """A real, complete PNG of ``width`` x ``height`` black pixels: tiny on disk."""
    row = b"\0" + b"\0" * width
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def flipped(data: bytes, at: float) -> bytes:
    out = bytearray(data)
    out[int(len(out) * at)] ^= 0x40
    return bytes(out)


PNG = real("PNG")
JPEG = real("JPEG")
BAD: dict[str, tuple[str, Callable[[], bytes]]] = {
    "png claims 100000x100000": ("bomb.png", lambda: png_claiming(100_000, 100_000)),
    "png claims 9000x9000": ("big.png", lambda: png_claiming(9_000, 9_000)),
    "real png of 8000x8000 zeros": ("zeros.png", lambda: zero_png(8_000, 8_000)),
    "jpeg claims 65000x65000": ("bomb.jpg", lambda: jpeg_claiming(65_000, 65_000)),
    "gif claims 65535x65535": ("bomb.gif", lambda: gif_claiming(65_535, 65_535)),
    "png cut after the header": ("cut.png", lambda: PNG[:40]),
    "png cut in the middle": ("cut.png", lambda: PNG[: len(PNG) // 2]),
    "png cut near the end": ("cut.png", lambda: PNG[:-40]),
    "jpeg cut in the middle": ("cut.jpg", lambda: JPEG[: len(JPEG) // 2]),
    "jpeg cut after the header": ("cut.jpg", lambda: JPEG[:200]),
    "png with a flipped byte": ("flip.png", lambda: flipped(PNG, 0.5)),
    "png with a broken header": ("flip.png", lambda: flipped(PNG, 0.001)),
    "random bytes named .png": ("noise.png", lambda: random.Random(1).randbytes(5000)),
    "text named .jpg": ("note.jpg", lambda: b"this is not a picture\n"),
    "png signature, then junk": ("junk.png", lambda: PNG[:8] + b"junk" * 100),
    "zip named .png": ("archive.png", lambda: b"PK\x03\x04" + bytes(200)),
    "png bytes named .txt": ("screenshot.txt", lambda: PNG[: len(PNG) // 3]),
    "bmp (unsupported)": ("old.bmp", lambda: real("BMP")),
    "tiff (unsupported)": ("scan.tiff", lambda: real("TIFF")),
    "empty": ("empty.png", lambda: b""),
}


@pytest.fixture
def before(session: str, incident_home: Path) -> dict[str, bytes]:
    return snapshot(incident_home)


def _refused(result: Any, incident_home: Path, before: dict[str, bytes]) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "unexpected" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert result.stdout == ""
    assert changed(before, snapshot(incident_home)) == []


@pytest.mark.parametrize("case", BAD)
def test_a_bad_image_is_refused_and_nothing_is_stored(
    case: str,
    session: str,
    run: Any,
    tmp_path: Path,
    incident_home: Path,
    before: dict[str, bytes],
) -> None:
    name, make = BAD[case]
    bad = tmp_path / name
    bad.write_bytes(make())
    good = tmp_path / "good.png"
    good.write_bytes(PNG)
    # the good file first: it must not be stored either when the second is refused
    result = run(
        "evidence",
        "add",
        "--session",
        session,
        "--note",
        "screenshots",
        "--file",
        str(good),
        "--file",
        str(bad),
    )
    _refused(result, incident_home, before)
    assert name in result.stderr
    if "claims" in case or "zeros" in case:  # refused on its size, before any decoding
        assert "million pixels" in result.stderr, result.stderr


@pytest.mark.parametrize("command", ["add", "tx", "login", "contact"])
def test_every_command_that_attaches_refuses_a_bomb(
    command: str,
    session: str,
    run: Any,
    tmp_path: Path,
    incident_home: Path,
    before: dict[str, bytes],
) -> None:
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png_claiming(100_000, 100_000))
    args = {
        "add": ["--note", "x"],
        "tx": [
            "--time",
            "2026-11-20T04:52",
            "--type",
            "withdrawal",
            "--asset",
            "USDT",
            "--amount",
            "1",
        ],
        "login": ["--time", "2026-11-20T04:40", "--ip", "203.0.113.7"],
        "contact": ["--channel", "chat", "--summary", "x"],
    }[command]
    result = run("evidence", command, "--session", session, *args, "--file", str(bomb))
    _refused(result, incident_home, before)
    assert "too large" in result.stderr


@pytest.mark.parametrize("what", ["missing", "a folder", "too big", "a fifo"])
def test_files_that_cannot_be_attached(
    what: str,
    session: str,
    run: Any,
    tmp_path: Path,
    incident_home: Path,
    before: dict[str, bytes],
) -> None:
    import os

    target = tmp_path / "thing.png"
    if what == "a folder":
        target.mkdir()
    elif what == "too big":
        with target.open("wb") as fh:
            fh.truncate(51 * 1024 * 1024)  # sparse: no time, no disk
    elif what == "a fifo":
        os.mkfifo(target)  # reading it would block forever
    result = run("evidence", "add", "--session", session, "--note", "x", "--file", str(target))
    _refused(result, incident_home, before)
    expected = {
        "missing": "no such file",
        "a folder": "not a regular file",
        "too big": "larger than 50 MB",
        "a fifo": "not a regular file",
    }[what]
    assert expected in result.stderr


def test_good_images_are_stored(session: str, run: Any, tmp_path: Path) -> None:
    """The refusals are about the files: real screenshots, even large ones, are kept whole."""
    files = []
    for fmt, suffix in (("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp"), ("GIF", "gif")):
        path = tmp_path / f"shot.{suffix}"
        path.write_bytes(real(fmt))
        files += ["--file", str(path)]
    large = tmp_path / "large.png"
    large.write_bytes(zero_png(4_000, 3_000))
    run.ok("evidence", "add", "--session", session, "--note", "shots", *files, "--file", str(large))
    from incident.core.store import Store

    view = Store().open(session)
    stored = view.state.evidence[-1].attachments
    assert [a.media_type for a in stored] == [
        "image/png",
        "image/jpeg",
        "image/webp",
        "image/gif",
        "image/png",
    ]
    assert (stored[-1].width, stored[-1].height) == (4_000, 3_000)
    assert view.blob(stored[0].sha256) == real("PNG")

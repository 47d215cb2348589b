"""Screenshots in real PDFs, read back with poppler and qpdf: PNG data passed through as it
is, pixels equal to Pillow's reading of the file, alpha as a soft mask, odd files survived."""

from __future__ import annotations

import hashlib
import io
import subprocess
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from incident.core import actions
from incident.core.attachments import Incoming
from incident.core.store import Store
from incident.report import pdf
from tests.conftest import has_tool
from tests.report import pngs
from tests.report.conftest import okx_session, pdftotext, reader

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

pytestmark = pytest.mark.skipif(
    not (has_tool("pdfimages") and has_tool("qpdf")), reason="needs poppler-utils and qpdf"
)


@dataclass
class Listed:
    """A row of ``pdfimages -list``."""

    kind: str  # image, smask
    width: int
    height: int
    color: str
    bpc: int
    enc: str
    obj: int


def report(tmp_path: Path, files: dict[str, bytes], **options: bool) -> Path:
    """A session with ``files`` attached to one note, rendered to ``tmp_path/report.pdf``."""
    store = Store()
    sid = okx_session(store, NOW - timedelta(hours=2)).id
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    actions.add_evidence(store, sid, actions.note("screenshots"), now=NOW, files=paths)
    out = tmp_path / "report.pdf"
    out.write_bytes(pdf.render(store.open(sid), lang="en", now=NOW, invariant=True, **options))
    return out


def listed(path: Path) -> list[Listed]:
    out = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout
    rows = []
    for line in out.splitlines()[2:]:
        f = line.split()
        rows.append(Listed(f[2], int(f[3]), int(f[4]), f[5], int(f[7]), f[8], int(f[10])))
    return rows


def extracted(path: Path, tmp_path: Path) -> list[Any]:
    """Every image (and soft mask) as ``pdfimages -png`` decodes it, in order."""
    from PIL import Image

    folder = tmp_path / "extracted"
    folder.mkdir()
    subprocess.run(["pdfimages", "-png", str(path), str(folder / "i")], check=True)
    return [Image.open(p) for p in sorted(folder.iterdir())]


def stream(path: Path, obj: int, how: str) -> bytes:
    """Object ``obj``'s stream as qpdf reads it: ``raw`` or ``filtered`` (decoded)."""
    return subprocess.run(
        ["qpdf", f"--show-object={obj}", f"--{how}-stream-data", str(path)],
        capture_output=True,
        check=True,
    ).stdout


def attached(path: Path) -> dict[str, bytes]:
    """The files embedded in the PDF, by their own name (/UF)."""
    files = reader(path.read_bytes()).attachment_list
    return {str(f.alternative_name): f.content for f in files}


def decoded(data: bytes) -> Any:
    """The file as Pillow reads it: what "pixel for pixel" is measured against."""
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def same_pixels(a: Any, b: Any, mode: str = "RGB") -> bool:
    return bool(a.size == b.size and a.convert(mode).tobytes() == b.convert(mode).tobytes())


def samples16(png: bytes) -> bytes:
    """The big-endian samples of a 16-bit PNG whose rows all use filter 0 (no predictor)."""
    width, channels = pngs.SIZE[0], 1 if png[25] == 0 else 3
    stride = 1 + width * channels * 2
    rows = zlib.decompress(pngs.idat(png))
    assert set(rows[::stride]) == {0}
    return b"".join(rows[i + 1 : i + stride] for i in range(0, len(rows), stride))


PASSING: dict[str, tuple[Callable[[], bytes], str, int]] = {
    "grey": (pngs.grey, "gray", 8),
    "grey 1-bit": (pngs.grey1, "gray", 1),
    "rgb": (pngs.rgb, "rgb", 8),
    "palette": (pngs.palette, "index", 4),
    "grey 16-bit": (pngs.grey16, "gray", 16),
}


@pytest.mark.parametrize("case", PASSING)
def test_png_passes_through_unchanged(case: str, tmp_path: Path) -> None:
    make, color, bpc = PASSING[case]
    data = make()
    path = report(tmp_path, {"shot.png": data})
    (image,) = listed(path)
    assert (image.kind, image.color, image.bpc, image.enc) == ("image", color, bpc, "image")
    assert (image.width, image.height) == pngs.SIZE
    # The image's stream is the PNG's IDAT data, byte for byte: nothing decoded or redone.
    assert stream(path, image.obj, "raw") == pngs.idat(data)
    original = decoded(data)
    if bpc == 16:  # pdfimages writes 8 bits; qpdf's decoding keeps all 16
        assert stream(path, image.obj, "filtered") == original.tobytes("raw", "I;16B")
        assert path.read_bytes().startswith(b"%PDF-1.5")
    else:
        (shown,) = extracted(path, tmp_path)
        assert same_pixels(shown, original)
    assert attached(path) == {}  # shown exactly: not attached too


def test_16_bit_rgb_passes_through_with_every_bit(tmp_path: Path) -> None:
    data = pngs.rgb16()
    path = report(tmp_path, {"deep.png": data})
    (image,) = listed(path)
    assert (image.color, image.bpc) == ("rgb", 16)
    assert stream(path, image.obj, "raw") == pngs.idat(data)
    assert stream(path, image.obj, "filtered") == samples16(data)


@pytest.mark.parametrize("content", ["noise", "flat", "gradient"])
def test_opaque_rgba_drops_the_alpha_channel(content: str, tmp_path: Path) -> None:
    data = pngs.rgba(opaque=True, content=content)
    path = report(tmp_path, {"phone.png": data})
    (image,) = listed(path)
    assert (image.kind, image.color, image.bpc) == ("image", "rgb", 8)
    assert b"/SMask" not in path.read_bytes()
    (shown,) = extracted(path, tmp_path)
    original = decoded(data)
    assert same_pixels(shown, original)
    # PNG rows (read with /Predictor 15), and no larger than Pillow's own PNG of the picture
    # or than rows without filters: whichever of the two is smaller for this picture.
    assert b"/Predictor 15" in path.read_bytes()
    rgb = original.convert("RGB")
    raw, stride = rgb.tobytes(), rgb.width * 3
    unfiltered = b"".join(b"\0" + raw[i : i + stride] for i in range(0, len(raw), stride))
    smallest = min(len(pngs.idat(pngs.save(rgb, compress_level=6))), len(zlib.compress(unfiltered)))
    assert len(stream(path, image.obj, "raw")) == smallest
    assert attached(path) == {}


def test_real_transparency_becomes_a_soft_mask(tmp_path: Path) -> None:
    data = pngs.rgba(opaque=False)
    path = report(tmp_path, {"overlay.png": data})
    image, mask = listed(path)
    assert (image.kind, image.color, mask.kind, mask.color) == ("image", "rgb", "smask", "gray")
    shown, alpha = extracted(path, tmp_path)
    original = decoded(data)
    assert same_pixels(shown, original)
    assert alpha.convert("L").tobytes() == original.getchannel("A").tobytes()
    assert attached(path) == {}


def test_interlaced_png_is_shown_with_the_same_pixels(tmp_path: Path) -> None:
    data = pngs.interlaced(pngs.noise("RGB", "interlaced"))
    path = report(tmp_path, {"interlaced.png": data})
    assert [i.kind for i in listed(path)] == ["image"]  # one picture, no mask
    (shown,) = extracted(path, tmp_path)
    assert same_pixels(shown, decoded(data))
    assert attached(path) == {}


@pytest.fixture
def unchecked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Attach files as they are: damaged files an older version might have stored."""
    media = {".png": "image/png", ".jpg": "image/jpeg"}

    def read(path: Path) -> Incoming:
        return Incoming(path.read_bytes(), path.name, media[path.suffix], 61, 37)

    monkeypatch.setattr(actions, "read_file", read)


def test_damaged_pngs_fall_back_and_nothing_is_lost(tmp_path: Path, unchecked: None) -> None:
    idat_crc = pngs.bad_crc(pngs.rgb(), b"IDAT")  # Pillow reads it all the same
    text_crc = pngs.bad_crc(pngs.insert(pngs.grey(), b"tEXt", b"a\0b"), b"tEXt")  # refused
    path = report(tmp_path, {"idat.png": idat_crc, "text.png": text_crc})
    assert [i.kind for i in listed(path)] == ["image"]
    (shown,) = extracted(path, tmp_path)
    assert same_pixels(shown, decoded(idat_crc))
    # The one that cannot be read is attached instead, and the files table says so.
    assert attached(path) == {"text.png": text_crc}
    text = " ".join(pdftotext(path.read_bytes()).split())  # as read, wherever lines wrap
    assert "shown as screenshot 1" in text and "cannot be shown; attached" in text
    assert "Screenshot 1 · E1 · idat.png" in text and "text.png ·" not in text


def test_jpeg_and_png_side_by_side(tmp_path: Path) -> None:
    """JPEG stays DCT, byte for byte: pdfimages -all writes out the very file."""
    from PIL import Image

    out = io.BytesIO()
    pngs.noise("RGB", "jpeg").save(out, "JPEG", quality=80)
    jpeg, png = out.getvalue(), pngs.rgb()
    path = report(tmp_path, {"a.jpg": jpeg, "b.png": png})
    assert [i.enc for i in listed(path)] == ["jpeg", "image"]
    folder = tmp_path / "all"
    folder.mkdir()
    subprocess.run(["pdfimages", "-all", str(path), str(folder / "shot")], check=True)
    got = sorted(folder.iterdir())
    assert [p.name for p in got] == ["shot-000.jpg", "shot-001.png"]
    assert hashlib.sha256(got[0].read_bytes()).digest() == hashlib.sha256(jpeg).digest()
    assert same_pixels(Image.open(got[1]), decoded(png))
    assert path.read_bytes().count(jpeg) == 1


def test_attach_originals_carries_every_file_too(tmp_path: Path) -> None:
    files = {"a.png": pngs.rgb(), "b.png": pngs.rgba(opaque=False), "c.png": pngs.grey16()}
    path = report(tmp_path, files, originals=True)
    assert len([i for i in listed(path) if i.kind == "image"]) == 3
    assert attached(path) == files
    text = " ".join(pdftotext(path.read_bytes()).split())
    assert text.count("; file attached") == 3


def test_gif_and_webp_are_shown_and_their_files_attached(tmp_path: Path) -> None:
    """Pixels of a lossy WebP or frames of an animated GIF cannot be got back from the page."""
    files = {}
    for fmt in ("GIF", "WEBP"):
        out = io.BytesIO()
        pngs.noise("RGB", fmt).save(out, fmt)
        files[f"shot.{fmt.lower()}"] = out.getvalue()
    path = report(tmp_path, files)
    assert [i.kind for i in listed(path)] == ["image", "image"]
    for shown, data in zip(extracted(path, tmp_path), files.values(), strict=True):
        assert same_pixels(shown, decoded(data))
    assert attached(path) == files
    text = " ".join(pdftotext(path.read_bytes()).split())
    assert "screenshot 1; file attached" in text and "screenshot 2; file attached" in text

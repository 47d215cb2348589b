"""Which PNGs go into the PDF as they are, and which are decoded first (never a traceback)."""

from __future__ import annotations

import struct
from collections.abc import Callable

import pytest

from incident.report.pdf.png import passthrough
from tests.report import pngs

PASSING: dict[str, tuple[Callable[[], bytes], int, int, bool]] = {
    # name: (file, bits, colours, palette)
    "grey 8-bit": (pngs.grey, 8, 1, False),
    "grey 1-bit": (pngs.grey1, 1, 1, False),
    "grey 16-bit": (pngs.grey16, 16, 1, False),
    "rgb 8-bit": (pngs.rgb, 8, 3, False),
    "rgb 16-bit": (pngs.rgb16, 16, 3, False),
    "palette 4-bit": (pngs.palette, 4, 1, True),
}


@pytest.mark.parametrize("case", PASSING)
def test_these_pass_through_as_their_idat(case: str) -> None:
    make, bits, colours, has_palette = PASSING[case]
    data = make()
    png = passthrough(data)
    assert png is not None
    assert (png.width, png.height, png.bits, png.colors) == (*pngs.SIZE, bits, colours)
    assert png.data == pngs.idat(data)
    plte = dict(pngs.chunks(data)).get(b"PLTE")
    assert png.palette == (plte if has_palette else None)


def test_idat_split_over_chunks_and_text_after_it() -> None:
    data = pngs.rgb()
    parts = pngs.chunks(data)
    stream = pngs.idat(data)
    head = [p for p in parts if p[0] not in (b"IDAT", b"IEND")]
    split = [(b"IDAT", stream[i : i + 100]) for i in range(0, len(stream), 100)]
    gamma = (b"gAMA", struct.pack(">I", 45455))
    text = (b"tEXt", b"Comment\0made by hand")
    odd = pngs.rebuild(data, [*head, gamma, *split, text, (b"IEND", b"")])
    png = passthrough(odd)
    assert png is not None and png.data == stream and len(split) > 3


def _with_ihdr(data: bytes, **fields: int) -> bytes:
    parts = pngs.chunks(data)
    names = ("width", "height", "bits", "ctype", "compression", "filter", "interlace")
    values = dict(zip(names, struct.unpack(">IIBBBBB", parts[0][1]), strict=True)) | fields
    parts[0] = (b"IHDR", struct.pack(">IIBBBBB", *values.values()))
    return pngs.rebuild(data, parts)


REFUSED: dict[str, Callable[[], bytes]] = {
    "rgba": lambda: pngs.rgba(opaque=True),
    "grey with alpha": lambda: pngs.save(pngs.noise("LA", "la")),
    "tRNS on rgb": lambda: pngs.insert(pngs.rgb(), b"tRNS", b"\0\1\0\2\0\3"),
    "tRNS on a palette": lambda: pngs.save(pngs.noise("L", "p").convert("P"), transparency=3),
    "interlaced": lambda: pngs.interlaced(pngs.noise("RGB", "i")),
    "bad CRC in IDAT": lambda: pngs.bad_crc(pngs.rgb(), b"IDAT"),
    "bad CRC in IHDR": lambda: pngs.bad_crc(pngs.rgb(), b"IHDR"),
    "unknown critical chunk": lambda: pngs.insert(pngs.rgb(), b"ZZZZ", b"?"),
    "more colours than the bit depth holds": lambda: _with_ihdr(pngs.palette(7), bits=2),
    "rgb at 4 bits (not allowed)": lambda: _with_ihdr(pngs.rgb(), bits=4),
    "colour type 5 (none such)": lambda: _with_ihdr(pngs.rgb(), ctype=5),
    "filter method 1": lambda: _with_ihdr(pngs.rgb(), filter=1),
    "zero width": lambda: _with_ihdr(pngs.rgb(), width=0),
    "palette image without PLTE": lambda: pngs.rebuild(
        pngs.palette(), [p for p in pngs.chunks(pngs.palette()) if p[0] != b"PLTE"]
    ),
    "IDAT that is not zlib": lambda: pngs.rebuild(
        pngs.rgb(), [pngs.chunks(pngs.rgb())[0], (b"IDAT", b"plain"), (b"IEND", b"")]
    ),
    "IDAT chunks apart": lambda: pngs.rebuild(
        pngs.rgb(),
        [
            pngs.chunks(pngs.rgb())[0],
            (b"IDAT", pngs.idat(pngs.rgb())[:50]),
            (b"tEXt", b"a\0b"),
            (b"IDAT", pngs.idat(pngs.rgb())[50:]),
            (b"IEND", b""),
        ],
    ),
    "no IEND": lambda: pngs.rgb()[:-12],
    "cut in the middle": lambda: pngs.rgb()[:300],
    "no signature": lambda: pngs.rgb()[8:],
    "jpeg": lambda: b"\xff\xd8\xff\xe0" + bytes(100),
    "empty": lambda: b"",
}


@pytest.mark.parametrize("case", REFUSED)
def test_these_are_left_to_pillow(case: str) -> None:
    assert passthrough(REFUSED[case]()) is None

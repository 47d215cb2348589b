"""PNG image data a PDF reader takes as it is: no decoding, no compressing again.

A PNG's IDAT chunks hold one zlib stream of rows, each row led by its filter byte. That is
exactly what a PDF image with /FlateDecode and /DecodeParms << /Predictor 15 >> reads, so
for the colour types a PDF colour space can express (grey, RGB and palette, without
transparency or interlacing) the concatenated IDAT data becomes the image stream unchanged.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# colour type -> (samples per pixel, the bit depths the PNG specification allows for it)
_TYPES = {0: (1, (1, 2, 4, 8, 16)), 2: (3, (8, 16)), 3: (1, (1, 2, 4, 8))}
_KNOWN_CRITICAL = {b"IHDR", b"PLTE", b"IDAT", b"IEND"}


@dataclass(frozen=True)
class Png:
    """What a PDF image needs of a PNG: its size, its samples and its IDAT data."""

    width: int
    height: int
    bits: int  # per sample
    colors: int  # samples per pixel: 1 (grey, or a palette index) or 3 (RGB)
    palette: bytes | None  # PLTE, RGB triplets, for a palette image
    data: bytes  # the IDAT chunks' data, concatenated: one zlib stream


def _chunks(data: bytes) -> list[tuple[bytes, memoryview]] | None:
    """(type, data) of every chunk up to IEND, or None if the file is not sound PNG."""
    if not data.startswith(SIGNATURE):
        return None
    view = memoryview(data)
    pos, out = len(SIGNATURE), list[tuple[bytes, memoryview]]()
    while True:
        if pos + 12 > len(data):
            return None  # cut short before IEND
        length, kind = struct.unpack_from(">I4s", data, pos)
        end = pos + 12 + length
        if end > len(data) or not kind.isalpha():
            return None
        body = view[pos + 8 : end - 4]
        (crc,) = struct.unpack_from(">I", data, end - 4)
        if zlib.crc32(body, zlib.crc32(kind)) != crc:
            return None
        if kind == b"IEND":
            return out
        out.append((kind, body))
        pos = end


def _zlib_header(stream: bytes) -> bool:
    """True if ``stream`` starts as a deflate stream without a preset dictionary.

    The rows themselves are not inflated to check them: Pillow decoded every image in full
    when it was attached (incident.core.attachments), and the store checks its hash on reading,
    so inflating them again would only cost time (~10 ms a screenshot).
    """
    return (
        len(stream) > 2
        and stream[0] & 0x0F == 8
        and not stream[1] & 0x20
        and (stream[0] << 8 | stream[1]) % 31 == 0
    )


def passthrough(data: bytes) -> Png | None:
    """``data`` as a :class:`Png` a PDF can carry unchanged, or None (then it is decoded).

    None for alpha channels, tRNS, interlacing and anything unexpected: a bad CRC, an
    unknown critical chunk, a palette that does not fit, image data that is not zlib.
    """
    chunks = _chunks(data)
    if not chunks or chunks[0][0] != b"IHDR" or len(chunks[0][1]) != 13:
        return None
    width, height, bits, ctype, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", chunks[0][1]
    )
    if ctype not in _TYPES or bits not in _TYPES[ctype][1]:
        return None
    if compression or filtering or interlace or not 0 < width < 2**31 or not 0 < height < 2**31:
        return None
    colors = _TYPES[ctype][0]
    palette: bytes | None = None
    idat: list[memoryview] = []
    idat_ended = False
    for kind, body in chunks[1:]:
        if kind == b"IDAT":
            if idat_ended:
                return None  # IDAT chunks must follow one another
            idat.append(body)
            continue
        idat_ended = bool(idat)
        if kind == b"tRNS" or kind == b"IHDR":
            return None
        if kind == b"PLTE":
            if palette is not None or len(body) % 3 or not 3 <= len(body) <= 768:
                return None
            palette = bytes(body)
        elif kind[0] & 0x20 == 0 and kind not in _KNOWN_CRITICAL:
            return None  # a critical chunk we do not know changes how the image reads
    if ctype == 0 and palette is not None:
        return None
    if ctype == 2:
        palette = None  # only a suggestion for displays with few colours
    if ctype == 3 and (palette is None or len(palette) // 3 > 2**bits):
        return None
    stream = b"".join(idat)
    if not _zlib_header(stream):
        return None
    return Png(width, height, bits, colors, palette, stream)

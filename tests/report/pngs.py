"""PNG files for the image tests, made with Pillow or, where Pillow cannot, chunk by chunk."""

from __future__ import annotations

import io
import random
import struct
import zlib
from typing import Any

SIZE = (61, 37)  # odd sizes: rows that do not end on a byte, a last interlace pass that is short


def chunk(kind: bytes, data: bytes, crc: int | None = None) -> bytes:
    value = zlib.crc32(kind + data) if crc is None else crc
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", value)


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """(type, data) of each chunk, read here independently of the code under test."""
    out, pos = [], 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        out.append((png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    return out


def idat(png: bytes) -> bytes:
    return b"".join(data for kind, data in chunks(png) if kind == b"IDAT")


def rebuild(png: bytes, parts: list[tuple[bytes, bytes]]) -> bytes:
    """``png``'s signature followed by ``parts`` as chunks (their CRCs made right)."""
    return png[:8] + b"".join(chunk(kind, data) for kind, data in parts)


def insert(png: bytes, kind: bytes, body: bytes) -> bytes:
    """``png`` with a chunk ``kind`` added right after IHDR."""
    parts = chunks(png)
    return rebuild(png, [parts[0], (kind, body), *parts[1:]])


def bad_crc(png: bytes, kind: bytes) -> bytes:
    """``png`` with the CRC of its first ``kind`` chunk wrong."""
    at = png.index(kind)
    (length,) = struct.unpack(">I", png[at - 4 : at])
    end = at + 4 + length
    return png[:end] + bytes(b ^ 0xFF for b in png[end : end + 4]) + png[end + 4 :]


def save(image: Any, **options: Any) -> bytes:
    """``image`` as a PNG, compressed harder than Pillow's default: data that would come
    out different if the report decoded and encoded it again."""
    out = io.BytesIO()
    image.save(out, "PNG", **{"compress_level": 9, **options})
    return out.getvalue()


def noise(mode: str, seed: str, size: tuple[int, int] = SIZE) -> Any:
    from PIL import Image

    bands = {"L": 1, "RGB": 3, "RGBA": 4, "LA": 2, "I;16": 2}[mode]
    data = random.Random(seed).randbytes(size[0] * size[1] * bands)
    return Image.frombytes(mode, size, data)


def flat(size: tuple[int, int] = (320, 200)) -> Any:
    """Something like an app's screen: flat panels, lines of text, a few colours."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (246, 247, 249))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0], 24), fill=(20, 24, 32))
    for row in range(8):
        draw.text(
            (10, 32 + row * 20), f"2026-11-25 14:{row:02d}  Withdrawal  {row * 731} USDT", fill=0
        )
    return image


def gradient(size: tuple[int, int] = (320, 200)) -> Any:
    """Something like a photo or a wallpaper: smooth changes of colour."""
    from PIL import Image

    ramp = Image.linear_gradient("L").resize(size)
    return Image.merge("RGB", (ramp, ramp.rotate(180), Image.radial_gradient("L").resize(size)))


def grey() -> bytes:
    return save(noise("L", "grey"))


def grey1() -> bytes:
    return save(noise("L", "grey1").convert("1"))


def rgb() -> bytes:
    return save(noise("RGB", "rgb"))


def grey16() -> bytes:
    return save(noise("I;16", "grey16"))


def rgb16() -> bytes:
    """16-bit RGB, which Pillow cannot write: rows of filter 0, deflated."""
    width, height = SIZE
    raw = random.Random("rgb16").randbytes(width * height * 6)
    rows = b"".join(b"\0" + raw[y * width * 6 : (y + 1) * width * 6] for y in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def palette(colours: int = 7) -> bytes:
    rnd = random.Random("palette")
    image = noise("L", "palette").point(lambda v: v % colours)
    image.putpalette(rnd.randbytes(colours * 3))
    return save(image)


def rgba(opaque: bool, content: str = "noise") -> bytes:
    image = {"noise": lambda: noise("RGBA", "rgba"), "flat": flat, "gradient": gradient}[content]()
    image = image.convert("RGBA")
    if opaque:
        image.putalpha(255)
    return save(image)


def interlaced(image: Any) -> bytes:
    """``image`` (RGB) as an Adam7-interlaced PNG, which Pillow reads but does not write."""
    width, height = image.size
    pixels = image.tobytes()
    raw = bytearray()
    for x0, y0, dx, dy in (
        (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
        (0, 1, 1, 2),
    ):  # fmt: skip
        xs = range(x0, width, dx)
        for y in range(y0, height, dy) if xs else ():
            raw.append(0)
            for x in xs:
                raw += pixels[(y * width + x) * 3 : (y * width + x) * 3 + 3]
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 1)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(bytes(raw)))
        + chunk(b"IEND", b"")
    )

"""Screenshots made ready for the PDF before the story is built: their image XObjects.

JPEG goes in byte for byte (DCTDecode). PNG goes in as its own IDAT stream with PNG
predictors (see png.py), so its pixels are the file's. A PNG that cannot pass through (an
alpha channel, tRNS, interlacing), a GIF or a WebP is decoded once by Pillow: an alpha
channel that is opaque everywhere is dropped, a real one becomes a soft mask (/SMask), and
each is compressed as PNG rows again (see ``_smallest``). Whatever cannot be read gives
``None``: the report then attaches the file instead of showing it.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase import pdfdoc

from incident.report.pdf.png import Png, passthrough


class _Hex(pdfdoc.PDFObject):  # type: ignore[misc]
    """A PDF hex string: a palette is binary, which reportlab's PDFString would re-encode."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return b"<" + self.data.hex().encode("ascii") + b">"


class PngImage(pdfdoc.PDFObject):  # type: ignore[misc]
    """An image XObject whose stream is a PNG's IDAT data, read through PNG predictors."""

    def __init__(self, png: Png) -> None:
        self.png = png
        self.smask: Any = None  # a reference to the soft mask, set when it is registered

    def format(self, document: Any) -> bytes:
        png, name = self.png, pdfdoc.PDFName
        space: Any = name("DeviceGray" if png.colors == 1 else "DeviceRGB")
        if png.palette is not None:
            hival = len(png.palette) // 3 - 1
            space = pdfdoc.PDFArray([name("Indexed"), name("DeviceRGB"), hival, _Hex(png.palette)])
        entries: dict[str, Any] = {
            "Type": name("XObject"),
            "Subtype": name("Image"),
            "Width": png.width,
            "Height": png.height,
            "BitsPerComponent": png.bits,
            "ColorSpace": space,
            "Filter": name("FlateDecode"),  # present, so PDFStream compresses nothing again
            "DecodeParms": pdfdoc.PDFDictionary(
                {
                    "Predictor": 15,  # PNG filters, chosen row by row
                    "Colors": png.colors,
                    "BitsPerComponent": png.bits,
                    "Columns": png.width,
                }
            ),
        }
        if self.smask is not None:
            entries["SMask"] = self.smask
        stream = pdfdoc.PDFStream(pdfdoc.PDFDictionary(entries), png.data)
        return bytes(stream.format(document))


@dataclass(frozen=True)
class Shot:
    """A screenshot ready to draw: its image (and soft mask), registered on first use."""

    name: str  # the XObject's name, made from the file's SHA-256
    width: int
    height: int
    image: Any  # a reportlab PDFObject
    mask: PngImage | None  # the alpha channel, when the picture has real transparency
    exact: bool  # the page holds the file itself: JPEG bytes, or every PNG pixel
    pdf_version: tuple[int, int]  # 16 bits a sample needs PDF 1.5


def _jpeg(data: bytes, name: str) -> Shot | None:
    image = pdfdoc.PDFImageXObject(name)  # no source: filled in below
    if not image.loadImageFromJPEG(io.BytesIO(data)):
        return None
    image.name = name
    return Shot(name, image.width, image.height, image, None, True, (1, 4))


def _png(png: Png, name: str, mask: Png | None, exact: bool) -> Shot:
    version = (1, 5) if png.bits == 16 else (1, 4)
    soft = PngImage(mask) if mask is not None else None
    return Shot(name, png.width, png.height, PngImage(png), soft, exact, version)


def _encoded(image: Any) -> Png | None:
    """``image`` as a PNG written by Pillow (its C encoder picks a filter per row)."""
    image.info.clear()  # no tRNS, ICC profile or text from the source: pixels only
    out = io.BytesIO()
    image.save(out, "PNG")
    return passthrough(out.getvalue())


def _unfiltered(image: Any) -> Png | None:
    """``image`` (8-bit grey or RGB) as PNG rows that all use filter None, deflated."""
    if image.mode not in ("L", "RGB"):
        return None
    colors = len(image.mode)
    raw, stride = image.tobytes(), image.width * colors
    rows = b"".join(b"\0" + raw[i : i + stride] for i in range(0, len(raw), stride))
    return Png(image.width, image.height, 8, colors, None, zlib.compress(rows))


def _smallest(image: Any) -> Png | None:
    """The smaller of Pillow's PNG and unfiltered rows.

    Neither wins everywhere: on flat screenshots (text, UI) Pillow's choice of filters came
    out 10-25% larger than no filter at all, on gradients and photos up to 7 times smaller.
    Trying both costs about half as much again as Pillow's encoding alone (~90 ms for a
    phone screenshot of 3 megapixels), and only for pictures that had to be decoded.
    """
    made = [png for png in (_encoded(image), _unfiltered(image)) if png is not None]
    return min(made, key=lambda png: len(png.data), default=None)


def _has_alpha(image: Any) -> bool:
    palette = image.palette if image.mode == "P" else None
    return (
        image.mode in ("RGBA", "LA", "PA", "La", "RGBa")
        or "transparency" in image.info
        or (palette is not None and palette.mode == "RGBA")
    )


def _decoded(data: bytes, name: str, exact: bool, deep: bool = False) -> Shot | None:
    """Decoded by Pillow; ``exact`` if the pixels are the file's (``deep``: 16-bit PNG)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as source:
        source.load()
        image = source.copy()  # the first frame of an animated GIF or WebP
    alpha = None
    if _has_alpha(image):
        grey = image.mode in ("1", "L", "LA", "La")
        image = image.convert("LA" if grey else "RGBA")
        alpha = image.getchannel("A")
        image = image.convert("L" if grey else "RGB")  # Pillow drops the alpha, nothing else
        if alpha.getextrema() == (255, 255):  # opaque everywhere: no mask needed
            alpha = None
    elif image.mode not in ("1", "L", "P", "RGB", "I;16"):
        image = image.convert("RGB")  # CMYK, YCbCr, 32-bit grey...: what a screen shows
    # Pillow reads 16-bit colour as 8 bits: still shown, but then the original goes along.
    exact = exact and (not deep or image.mode == "I;16")
    colour = _smallest(image)
    mask = _smallest(alpha) if alpha is not None else None
    if colour is None or (alpha is not None and mask is None):
        return None
    return _png(colour, name, mask, exact)


def prepare(data: bytes, media_type: str, sha256: str) -> Shot | None:
    """The screenshot ``data`` ready for the page, or None if it cannot be shown."""
    name = f"Shot{sha256[:32]}"
    try:
        if media_type == "image/jpeg":
            return _jpeg(data, name) or _decoded(data, name, exact=False)
        if media_type == "image/png":
            png = passthrough(data)
            if png is not None:
                return _png(png, name, None, exact=True)
            # Decoded by Pillow, but every pixel is the file's: PNG is lossless.
            return _decoded(data, name, exact=True, deep=data[24:25] == b"\x10")
        # GIF and WebP: shown as decoded, and (not exact) attached too, since a lossy WebP
        # or an animated GIF cannot be got back from the page.
        return _decoded(data, name, exact=False)
    except Exception:  # Pillow raises many kinds for damaged files; the file is attached
        return None

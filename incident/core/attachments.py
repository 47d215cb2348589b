"""Reading a file a user attaches: size limits, and images that really are images."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from incident.core.text import Frozen, ShortText, clean_text
from incident.errors import EvidenceError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_IMAGE_PIXELS = 60_000_000  # ~ 7700 x 7700; a screenshot is far smaller
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff"}
_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}


class Attachment(Frozen):
    """A file kept with a piece of evidence, found again by its SHA-256."""

    name: ShortText
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=0)
    media_type: str
    width: int | None = None
    height: int | None = None

    @property
    def is_image(self) -> bool:
        return self.media_type in ("image/png", "image/jpeg", "image/gif", "image/webp")


@dataclass(frozen=True)
class Incoming:
    data: bytes
    name: str
    media_type: str
    width: int | None
    height: int | None

    def attachment(self, digest: str) -> Attachment:
        return Attachment(
            name=self.name,
            sha256=digest,
            size=len(self.data),
            media_type=self.media_type,
            width=self.width,
            height=self.height,
        )


def _looks_like_image(data: bytes) -> bool:
    return data.startswith(
        (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")
    ) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def _inspect_image(data: bytes, shown: str) -> tuple[str, int, int]:
    """(media type, width, height) of a complete, reasonably sized image, or an error."""
    import io
    import warnings

    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                fmt, (width, height) = img.format or "", img.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise Image.DecompressionBombError("too many pixels")
                img.verify()
            with Image.open(io.BytesIO(data)) as img:
                img.load()  # verify() misses truncated pixel data; decoding catches it
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise EvidenceError.said(
            "file.too-many-pixels",
            "file.too-many-pixels-hint",
            values={"path": shown, "millions": MAX_IMAGE_PIXELS // 1_000_000},
        ) from None
    except Exception:  # Pillow raises many kinds for broken files
        raise EvidenceError.said(
            "file.bad-image", "file.bad-image-hint", values={"path": shown}
        ) from None
    media = _FORMATS.get(fmt)
    if media is None:
        raise EvidenceError.said(
            "file.image-kind", "file.image-kind-hint", values={"path": shown, "kind": fmt or "?"}
        )
    return media, width, height


def read_file(path: Path) -> Incoming:
    """Read and check a file to attach; nothing is stored here."""
    shown = clean_text(str(path))
    try:
        if not path.exists():
            raise EvidenceError.said("file.missing", values={"path": shown})
        if not path.is_file():  # a folder, or a pipe or device that could block or never end
            raise EvidenceError.said(
                "file.not-regular", "file.not-regular-hint", values={"path": shown}
            )
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise EvidenceError.said(
                "file.too-large", values={"path": shown, "mb": MAX_FILE_BYTES // 1024 // 1024}
            )
        data = path.read_bytes()
    except OSError as exc:
        raise EvidenceError.said(
            "file.unreadable",
            values={"path": shown, "reason": exc.strerror or exc.__class__.__name__},
        ) from None
    if not data:
        raise EvidenceError.said("file.empty", values={"path": shown})
    name = clean_text(path.name)
    if path.suffix.lower() in IMAGE_SUFFIXES or _looks_like_image(data):
        media, width, height = _inspect_image(data, shown)
        return Incoming(data, name, media, width, height)
    guessed = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return Incoming(data, name, guessed, None, None)

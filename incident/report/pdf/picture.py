"""A screenshot drawn from a file, named by its hash, JPEG bytes passed through untouched.

reportlab's own ``drawImage`` names an image after its file path, which would put the
private temp folder's random name into the PDF and break ``--invariant``; this flowable
registers the image under a name made from the attachment's SHA-256 instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.platypus import Flowable

from incident.report.pdf import styles as S


class Picture(Flowable):  # type: ignore[misc]
    def __init__(
        self, path: Path, sha256: str, width: float, height: float, failed: str, font: str
    ) -> None:
        super().__init__()
        self.path = path
        self.name = f"Shot{sha256[:32]}"
        self.width = width
        self.height = height
        self.failed = failed  # what to draw when the file cannot be read after all
        self.font = font

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _register(self) -> bool:
        canv = self.canv
        doc = canv._doc
        reg = doc.getXObjectName(self.name)
        if reg in doc.idToObject:
            return True
        try:
            image = pdfdoc.PDFImageXObject(self.name, str(self.path), mask="auto")
        except Exception:  # Pillow or reportlab could not read it; the caption says so
            return False
        image.name = self.name
        canv._setXObjects(image)
        doc.Reference(image, reg)
        doc.addForm(self.name, image)
        smask = getattr(image, "_smask", None)
        if smask is not None:  # PNG with an alpha channel: the soft mask is its own image
            mreg = doc.getXObjectName(smask.name)
            if mreg in doc.idToObject:
                image.smask = pdfdoc.PDFObjectReference(mreg)
            else:
                canv._setXObjects(smask)
                image.smask = doc.Reference(smask, mreg)
            del image._smask
        return True

    def draw(self) -> None:
        canv: Any = self.canv
        canv.saveState()
        if self._register():
            canv.scale(self.width, self.height)
            canv.doForm(self.name)
        else:
            canv.setStrokeColor(S.RULE)
            canv.setFillColor(S.ZEBRA)
            canv.rect(0, 0, self.width, self.height, fill=1)
            canv.setFillColor(S.DANGER)
            canv.setFont(self.font, 9)
            canv.drawString(8, self.height - 16, self.failed)
        canv.restoreState()

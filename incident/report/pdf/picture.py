"""A screenshot on the page: a prepared image (see images.py), named by the file's hash.

reportlab's own ``drawImage`` names an image after its file path, which would put a temp
folder's random name into the PDF and break ``--invariant``; this flowable registers the
image under a name made from the attachment's SHA-256 instead, once however often it is
drawn.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from incident.report.pdf.images import Shot


class Picture(Flowable):  # type: ignore[misc]
    def __init__(self, shot: Shot, width: float, height: float) -> None:
        super().__init__()
        self.shot = shot
        self.width = width
        self.height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _register(self) -> None:
        shot, doc = self.shot, self.canv._doc
        if doc.getXObjectName(shot.name) in doc.idToObject:
            return
        if shot.mask is not None:
            shot.image.smask = doc.Reference(shot.mask, f"{shot.name}Mask")
        doc.addForm(shot.name, shot.image)
        # The header is written when the document is saved, so raising it here still counts.
        doc._pdfVersion = max(doc._pdfVersion, shot.pdf_version)

    def draw(self) -> None:
        canv: Any = self.canv
        self._register()
        canv.saveState()
        canv.scale(self.width, self.height)
        canv.doForm(self.shot.name)
        canv.restoreState()

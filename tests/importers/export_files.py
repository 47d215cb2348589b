"""Fixture files for the importers, built in a temporary folder from the documented headers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class Files:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def csv(
        self,
        name: str,
        lines: Sequence[str],
        *,
        bom: bool = False,
        crlf: bool = False,
        encoding: str = "utf-8",
    ) -> Path:
        """A text file of ``lines``, as an exchange would write it."""
        text = ("\r\n" if crlf else "\n").join(lines) + ("\r\n" if crlf else "\n")
        data = text.encode(encoding)
        if bom:
            data = b"\xef\xbb\xbf" + data
        path = self.folder / name
        path.write_bytes(data)
        return path

    def xlsx(self, name: str, rows: Sequence[Sequence[object]], title: str = "Sheet1") -> Path:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = title
        for row in rows:
            sheet.append(list(row))
        path = self.folder / name
        book.save(path)
        return path

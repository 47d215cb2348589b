"""A table that takes what is left of its page and says how many rows it left out.

Page one must stay one page whatever the number of transactions: its list of TxIDs shows the
rows that fit, then "...and N more" (the transactions table has them all).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import Flowable


class Fitted(Flowable):  # type: ignore[misc]
    """``table`` (a header row, then one row an item) cut to the room left on the page."""

    def __init__(self, table: Any, more: Callable[[int], Any]) -> None:
        super().__init__()
        self.table = table
        self.more = more  # left-out count -> the flowable that says so
        self.rows = len(table._cellvalues) - 1
        self._parts: list[tuple[Any, float]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = self.table.wrap(avail_width, avail_height)
        if height <= avail_height:
            self._parts = [(self.table, height)]
            return width, height
        sample = self.more(self.rows)
        _, note_height = sample.wrap(avail_width, avail_height)
        parts = self.table.split(avail_width, avail_height - note_height)
        shown = parts[0] if parts else None
        kept = len(shown._cellvalues) - 1 if shown is not None else 0
        if shown is None or kept < 1:  # not one row fits (a huge row): only the count
            self._parts = [(sample, note_height)]
            return width, note_height
        _, shown_height = shown.wrap(avail_width, avail_height)
        note = self.more(self.rows - kept)
        _, note_height = note.wrap(avail_width, avail_height)
        self._parts = [(shown, shown_height), (note, note_height)]
        return width, shown_height + note_height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        return []  # never carried over: what does not fit is counted instead

    def draw(self) -> None:
        y = sum(h for _, h in self._parts)
        for part, height in self._parts:
            y -= height
            part.drawOn(self.canv, 0, y)

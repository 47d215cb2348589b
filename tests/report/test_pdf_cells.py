"""The faster table cells change nothing a reader sees: the demo report laid out with them
and without them (``cells.FAST``) has the same text on every page, at the same places."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from incident.core import actions
from incident.core.store import Store
from incident.report import pdf
from incident.report.pdf import cells
from incident.report.pdf.markup import esc
from tests.report.conftest import Demo, link_uris, okx_session, page_texts, pdftotext


def _render(demo: Demo, lang: str) -> bytes:
    return pdf.render(demo.view, lang=lang, now=demo.report_at, invariant=True)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_demo_report_reads_the_same_with_and_without_fast_cells(
    demo: Demo, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cells, "FAST", False)
    before = _render(demo, lang)
    monkeypatch.setattr(cells, "FAST", True)
    after = _render(demo, lang)
    assert before != after  # the plain cells really are drawn another way
    old, new = page_texts(before), page_texts(after)
    assert len(old) == len(new) > 5
    for number, (a, b) in enumerate(zip(old, new, strict=True), 1):
        assert a == b, f"page {number} differs"
    # Word by word, to a millionth of a point: every word where it was.
    assert pdftotext(before, "-bbox") == pdftotext(after, "-bbox")
    assert link_uris(before) == link_uris(after)


def test_the_wrap_cache_alone_gives_the_same_bytes(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cells, "FAST", False)
    before = _render(demo, "en")
    monkeypatch.setattr(cells, "FAST", True)
    monkeypatch.setattr(cells, "plain_cells", lambda rows, widths, padding: (rows, []))
    wraps = 0
    real = cells.Paragraph.wrap

    def counted(self: Any, width: float, height: float) -> Any:
        nonlocal wraps
        wraps += 1
        return real(self, width, height)

    monkeypatch.setattr(cells.Paragraph, "wrap", counted)
    assert _render(demo, "en") == before
    cached = wraps
    monkeypatch.setattr(cells, "FAST", False)
    wraps = 0
    _render(demo, "en")
    assert cached * 2 < wraps  # each cell wrapped about once instead of about three times


@pytest.mark.parametrize(
    ("markup", "plain"),
    [
        (esc("E12"), "E12"),
        (esc('Tom & Jerry <x> "q"'), 'Tom & Jerry <x> "q"'),
        (esc("&lt; typed by the user"), "&lt; typed by the user"),
        (esc("two  spaces"), None),  # a Paragraph folds them; a string would not
        (esc(" leading"), None),
        (esc("one\ntwo"), None),
        ('<font color="#5b6470">grey</font>', None),
        ("&nbsp;", None),
    ],
)
def test_which_cells_are_plain(markup: str, plain: str | None) -> None:
    from reportlab.lib.styles import ParagraphStyle

    style = ParagraphStyle("s")
    found = cells.Cell(markup, style).plain()
    assert (found[0] if found else None) == plain


def test_plain_cells_keep_their_column_look() -> None:
    from reportlab.lib.styles import ParagraphStyle

    small = ParagraphStyle("small", fontSize=7, leading=9)
    big = ParagraphStyle("big", fontSize=9, leading=11)
    rows = [
        [cells.Cell("a", big), cells.Cell("<b>x</b>", small)],
        [cells.Cell("b", small), cells.Cell("y", small)],
        [cells.Cell("c", small), cells.Cell("w" * 400, small)],  # too wide for one line
    ]
    out, looks = cells.plain_cells(rows, [100, 100], 6)
    assert out[0][0] == "a" and out[1] == ["b", "y"] and out[2][0] == "c"
    assert isinstance(out[0][1], cells.Cell) and isinstance(out[2][1], cells.Cell)
    fonts = [c for c in looks if c[0] == "FONT"]
    assert ("FONT", (0, 0), (0, 0), "Helvetica", 9, 11) in fonts
    assert ("FONT", (0, 1), (0, 2), "Helvetica", 7, 9) in fonts
    assert ("FONT", (1, 1), (1, 1), "Helvetica", 7, 9) in fonts


def test_txids_and_addresses_stay_whole_on_one_line() -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    store = Store()
    sid = okx_session(store, now - timedelta(hours=3)).id
    txid = "9f" * 32
    address = "TXYZ" + "k" * 30
    actions.add_evidence(
        store,
        sid,
        actions.transaction(
            time="2026-11-25T09:00",
            tx_type="withdrawal",
            asset="USDT",
            amount="12.5",
            network="TRC20",
            txid=txid,
            to_address=address,
            note="not me",
        ),
        now=now,
    )
    data = pdf.render(store.open(sid), lang="en", now=now, invariant=True)
    lines = pdftotext(data).splitlines()
    assert sum(txid in line for line in lines) >= 2  # page one and the transactions table
    assert any(address in line for line in lines)
    assert any(txid in uri for uri in link_uris(data))

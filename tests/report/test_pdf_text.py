"""User text in the PDF: escaped at one choke point, never cut, never crashing the report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from incident.core import actions
from incident.core.store import Store
from incident.report import pdf
from incident.report.pdf.markup import Markup, clean, esc
from tests.report.conftest import body_text, link_uris, pdftotext, pypdf_text, reader, squash

HOSTILE = (
    '<b>&</b> </para> <img src="/etc/passwd"/> &amp; <a href="javascript:x">y</a> <font size=90>'
)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def new_session(store: Store, account: str = "lin@example.com") -> str:
    state = actions.start(
        store,
        playbook="crypto-exchange",
        platform="OKX",
        account=account,
        now=NOW - timedelta(hours=2),
        tz="Asia/Shanghai",
        discovered_at=(NOW - timedelta(hours=3)).isoformat(),
    )
    return state.id


def render(store: Store, sid: str, lang: str = "en", **kw: bool) -> bytes:
    return pdf.render(store.open(sid), lang=lang, now=NOW, invariant=True, **kw)


# -- the choke point ------------------------------------------------------------------
def test_esc_makes_markup_inert() -> None:
    out = esc(HOSTILE)
    assert "<" not in out.replace("<br/>", "") and ">" not in out.replace("<br/>", "")
    assert "&amp;amp;" in out and "&lt;b&gt;" in out and "&quot;" in out


def test_esc_keeps_lines_and_drops_controls() -> None:
    assert esc("one\r\ntwo\rthree\u2028four") == "one<br/>two<br/>three<br/>four"
    assert esc("a\x00b\x07c\x1bd\x7fe\x85f\tg") == "abcde<br/>f g"
    assert clean("x\ud800y\udfffz") == "x\ufffdy\ufffdz"  # lone surrogates
    assert esc(Markup("<b>ok</b>")) == "<b>ok</b>"  # our own markup passes unchanged


# -- in a real report -----------------------------------------------------------------
def test_hostile_markup_appears_literally_and_changes_nothing() -> None:
    store = Store()
    sid = new_session(store)
    actions.add_evidence(store, sid, actions.note(HOSTILE + "\nsecond line"), now=NOW)
    actions.add_evidence(
        store,
        sid,
        actions.transaction(
            time="2026-11-25T09:00",
            tx_type="withdrawal",
            asset="USDT",
            amount="5",
            network=HOSTILE,
            txid=HOSTILE,
            to_address=HOSTILE,
            note=HOSTILE,
        ),
        now=NOW,
    )
    actions.add_evidence(
        store,
        sid,
        actions.contact(
            channel="chat",
            summary=HOSTILE,
            ticket=HOSTILE,
            agent=HOSTILE,
            url='https://www.okx.com/help?a=1&b="2"',
        ),
        now=NOW,
    )
    data = render(store, sid)
    for text in (pdftotext(data), pypdf_text(data)):
        assert squash(HOSTILE) in squash(text)
        assert "second line" in text
    r = reader(data)
    assert sum(len(p.images) for p in r.pages) == 0  # no <img> became an image
    assert not [u for u in link_uris(data) if "javascript" in u or "passwd" in u]
    assert 'https://www.okx.com/help?a=1&b="2"' in link_uris(data)


def test_long_words_wrap_and_long_notes_are_whole() -> None:
    store = Store()
    sid = new_session(store)
    word = "A1b2C3d4E5" * 30  # one 300-character word
    big = "第一行中文说明。\n" + "lorem ipsum dolor sit amet " * 800 + "\n" + word + "\nTHE END"
    actions.add_evidence(store, sid, actions.note(word), now=NOW)
    actions.add_evidence(store, sid, actions.note(big), now=NOW)
    long_txid = "ab" * 1000  # 2,000 characters: taller than a page in its table cell
    actions.add_evidence(
        store,
        sid,
        actions.transaction(
            time="2026-11-25T09:00",
            tx_type="withdrawal",
            asset="BTC",
            amount="1",
            network="BTC",
            txid=long_txid,
            to_address="bc1q" + "x" * 1500,
        ),
        now=NOW,
    )
    data = render(store, sid)
    text = pdftotext(data)
    flat = squash(text).replace("—", "")  # a neighbouring empty cell ("—") can land mid-word
    assert word in flat
    # A cell taller than a page goes on over the next: the table's header row repeats there.
    flowing = squash(body_text(data)).replace("—", "")
    flowing = flowing.replace(squash("# Time Amount Network Destination address and TxID"), "")
    assert long_txid in flowing and "bc1q" + "x" * 1500 in flowing
    assert "THE END" in text and "第一行中文说明。" in text
    assert "Long texts in full" in text  # the table holds an excerpt; the whole note follows
    assert squash("lorem ipsum dolor sit amet " * 800) in squash(body_text(data))


@pytest.mark.parametrize(
    "text",
    [
        "emoji 😀🔥👍🏽 and flags 🇨🇳",
        "rtl \u202eevil\u202c \u200f\u200e mark",
        "zero\u200bwidth\ufeffbom",
        "\x00\x01\x02 controls \x1b[31m",
        "noncharacters \uffff \ufffe",
    ],
)
def test_odd_unicode_renders(text: str) -> None:
    store = Store()
    sid = new_session(store)
    actions.add_evidence(store, sid, actions.note(text), now=NOW)
    data = render(store, sid)
    assert data.startswith(b"%PDF") and len(reader(data).pages) > 3


def test_chinese_falls_back_to_the_cid_font(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from incident.report.pdf import fonts

    monkeypatch.setattr(fonts, "CANDIDATES", ())
    monkeypatch.setenv(fonts.ENV, str(tmp_path / "missing.ttf"))
    assert fonts.report_font().name == fonts.CID_FALLBACK
    store = Store()
    sid = new_session(store)
    actions.add_evidence(store, sid, actions.note("已冻结账户 😀"), now=NOW)
    data = render(store, sid, lang="zh")
    assert b"STSong-Light" in data and b"/FontFile2" not in data
    assert "未授权交易" in pdftotext(data)


def test_font_override_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    from incident.report.pdf import fonts

    default = fonts.report_font()
    if not default.embedded:
        pytest.skip("no TrueType font on this machine")
    monkeypatch.setenv(fonts.ENV, default.source + "#0")
    assert fonts.report_font().source == default.source
    monkeypatch.setenv(fonts.ENV, "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.otf")
    assert fonts.report_font().source != "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.otf"


@pytest.mark.parametrize(
    "text", ["a" * 5000, "word " * 1000, "line\n" * 100, "中" * 4500, "x\n" * 5]
)
def test_full_texts_are_cut_into_short_paragraphs(text: str) -> None:
    from incident.report.pdf.fulltext import CHUNK, CHUNK_LINES, chunks

    pieces = list(chunks(text))
    assert all(len(p) <= CHUNK and p.count("\n") <= CHUNK_LINES for p in pieces)
    assert squash("".join(pieces)) == squash(text)


@pytest.mark.parametrize("originals", [False, True], ids=["default", "attach-originals"])
def test_redaction_reaches_file_names_and_notes(tmp_path: Path, originals: bool) -> None:
    from PIL import Image

    store = Store()
    sid = new_session(store, account="Lin.Wei@Example.com")
    shot = tmp_path / "lin.wei@example.com-withdrawals.png"
    Image.new("RGB", (64, 40), (200, 0, 0)).save(shot)
    export = tmp_path / "LIN.WEI@example.com-history.csv"
    export.write_text("time,amount\n2026-11-25 04:52,1520.5\n")
    actions.add_evidence(
        store,
        sid,
        actions.note("Mail to LIN.WEI@EXAMPLE.COM bounced"),
        now=NOW,
        files=[shot, export],
    )
    data = render(store, sid, redact=True, originals=originals)
    r = reader(data)
    files = list(r.attachment_list)
    # The CSV is always attached; the screenshot's file only with --attach-originals.
    assert len(files) == (2 if originals else 1)
    for f in files:  # its own name and the description both masked
        assert str(f.alternative_name).startswith("Li***@Example.com-")
        assert "Li***@Example.com-" in str(f.pdf_object.get("/Desc"))
    names = " ".join(r.attachments) + " ".join(str(f.pdf_object.get("/Desc")) for f in files)
    text = pdftotext(data)
    for where in (names, text):
        assert "lin.wei@example.com" not in where.casefold()
        assert "Li***@Example.com" in where
    assert b"lin.wei@example.com" not in data.lower()


def test_every_field_at_its_longest_renders() -> None:
    long = "Ab9" * 1333  # 3,999 characters, just under the 4,000 limit of short fields
    store = Store()
    # The account is at its own limit (actions.MAX_NAME), the other short fields at 4,000.
    sid = new_session(store, account="x" + long[: actions.MAX_NAME - 13] + "@example.com")
    actions.add_evidence(
        store,
        sid,
        actions.transaction(
            time="2026-11-25T09:00",
            tx_type="withdrawal",
            asset="USDT",
            amount="1" * 59,
            network=long,
            txid=long,
            to_address=long,
            note=long * 3,
        ),
        now=NOW,
    )
    actions.add_evidence(
        store,
        sid,
        actions.login(
            time="2026-11-25T08:00", ip="2001:db8::1", device=long, location=long, note=long
        ),
        now=NOW,
    )
    actions.add_evidence(
        store,
        sid,
        actions.contact(
            channel="chat", summary=long * 3, ticket=long, agent=long, url="https://" + long[:3900]
        ),
        now=NOW,
    )
    actions.mark_step(
        store, sid, "secure-email", "skipped", reason=long * 3, note=long * 3, now=NOW
    )
    data = render(store, sid, lang="zh")
    assert len(reader(data).pages) > 10
    assert long in squash(body_text(data))


@pytest.mark.parametrize(
    ("account", "masked"),
    [
        ("lin.wei.trader@example.com", "li***@example.com"),
        ("+86 138 0013 8000", "+86***8000"),
        ("13800138000", "138***8000"),
        ("satoshi_nakamoto", "sa***to"),
        ("bob", "b***"),
    ],
)
def test_account_masks(account: str, masked: str) -> None:
    from incident.report.pdf.context import mask_account

    assert mask_account(account) == masked


def test_runs_of_empty_lines_are_counted_not_printed() -> None:
    from incident.report.pdf.fulltext import squeeze_blank_lines

    text = "start" + "\n" * 50_001 + "end\n\n\nkept"
    assert squeeze_blank_lines(text, "[{} empty lines]".format) == (
        "start\n\n[50000 empty lines]\n\nend\n\n\nkept"
    )

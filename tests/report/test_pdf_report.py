"""The PDF report of the demo session: every section, TxID, total, link and attachment."""

from __future__ import annotations

import hashlib
import re
import subprocess

import pytest

from incident.core.kinds.transaction import Transaction
from incident.report import explorers
from tests.conftest import has_tool
from tests.report.conftest import Demo, link_uris, page_texts, pdftotext, pypdf_text, reader, squash

EN_SECTIONS = [
    "Account takeover on OKX: please act now",
    "What we ask of support",
    "Timeline",
    "Checklist",
    "Unauthorized transactions",
    "Suspicious logins",
    "Support contact log",
    "Evidence",
    "Attachments and their SHA-256",
    "Screenshots",
    "Integrity",
]
ZH_SECTIONS = [
    "OKX 账户被盗：请立即处理",
    "请客服协助",
    "时间线",
    "处置清单",
    "未授权交易",
    "可疑登录",
    "客服联系记录",
    "证据清单",
    "截图",
    "完整性校验",
]


def txs(demo: Demo) -> list[Transaction]:
    return [tx for _, tx in demo.view.state.transactions()]


@pytest.mark.parametrize("extract", [pdftotext, pypdf_text], ids=["pdftotext", "pypdf"])
def test_every_section_is_there(demo: Demo, extract) -> None:  # type: ignore[no-untyped-def]
    text = extract(demo.pdf("en"))
    missing = [s for s in EN_SECTIONS if s not in text]
    assert missing == []


@pytest.mark.parametrize("extract", [pdftotext, pypdf_text], ids=["pdftotext", "pypdf"])
def test_chinese_report_has_chinese_labels(demo: Demo, extract) -> None:  # type: ignore[no-untyped-def]
    text = extract(demo.pdf("zh"))
    missing = [s for s in ZH_SECTIONS if s not in text]
    assert missing == []
    assert "Unauthorized transactions" not in text and "Checklist" not in text


@pytest.mark.parametrize("extract", [pdftotext, pypdf_text], ids=["pdftotext", "pypdf"])
def test_every_txid_address_and_total_in_full(demo: Demo, extract) -> None:  # type: ignore[no-untyped-def]
    text = extract(demo.pdf("en"))
    flat = squash(text)
    with_txid = [tx for tx in txs(demo) if tx.txid]
    assert len(with_txid) == 15
    for tx in with_txid:
        assert tx.txid and tx.txid in flat
        assert tx.to_address and tx.to_address in flat
    # Page one lists the TxIDs that fit beside the attack at a glance, each on one line,
    # unbroken, in order, and counts the rest (the transactions table has them all).
    first = page_texts(demo.pdf("en"))[0]
    shown = [tx for tx in with_txid if tx.txid and tx.txid in first]
    assert len(shown) >= 4 and shown == with_txid[: len(shown)]
    left = len(with_txid) - len(shown)
    assert not left or f"…and {left} more: every transaction is in the transactions table" in first
    for asset, total in {
        "USDT": "50,319.75",
        "BTC": "0.2234",
        "ETH": "4.95",
        "SOL": "212.4",
    }.items():
        assert re.search(rf"{re.escape(total)}\s*{asset}", text), (asset, total)


def test_first_page_is_the_act_now_page(demo: Demo) -> None:
    first = page_texts(demo.pdf("en"))[0]
    state = demo.view.state
    for needle in [
        "OKX",
        state.account,
        "Discovered",
        "2026-11-20 07:42",
        "Reported",
        "Asia/Shanghai",
        "open",
        "Freeze the account now",
        "take the account back",
        "Investigate the unauthorized transactions",
        "CASE-20261120-004417",
        "NOT official",
        "50,319.75",
    ]:
        assert needle in first, needle


def test_chinese_notes_are_chinese_text(demo: Demo) -> None:
    for lang in ("en", "zh"):
        data = demo.pdf(lang)
        for text in (pdftotext(data), pypdf_text(data)):
            assert "已冻结账户" in text
            assert "三次陌生登录，来自新加坡和越南" in squash(text)


def test_timeline_has_local_utc_and_offsets(demo: Demo) -> None:
    text = pdftotext(demo.pdf("en"))
    assert "2026-11-20 07:48 CST" in text  # freeze-account, 6 minutes after discovery
    assert "2026-11-19 23:48:00Z" in text
    assert "T+00:06" in text
    assert "T+1d01:02" in text  # the follow-up the next day


def test_checklist_statuses_targets_and_branches(demo: Demo) -> None:
    text = pdftotext(demo.pdf("en"))
    assert "request-freeze-by-email" in text
    assert "not on this path" in text  # the 'cannot log in' branch was not taken
    skipped = [s for s in demo.view.state.steps.values() if s.status == "skipped"]
    assert skipped and "skipped" in text
    assert all(s.reason and squash(s.reason) in squash(text) for s in skipped)
    assert re.search(r"missed\s+by", text) and "met" in text
    assert "answer:" in text and "Yes" in text


def test_unofficial_contact_is_flagged_and_not_a_link(demo: Demo) -> None:
    data = demo.pdf("en")
    text = pdftotext(data)
    assert "NOT AN OFFICIAL CHANNEL" in text
    assert "t.me" in text
    uris = link_uris(data)
    assert "https://www.okx.com/help" in uris
    assert not [u for u in uris if "t.me" in u]
    zh = pdftotext(demo.pdf("zh"))
    assert "非官方渠道！" in zh and "t.me不是OKX的官方渠道" in squash(zh)  # in Chinese, too


def test_every_txid_links_to_its_explorer(demo: Demo) -> None:
    uris = set(link_uris(demo.pdf("en")))
    for tx in txs(demo):
        if not tx.txid:
            continue
        explorer = explorers.find(tx.network)
        assert explorer is not None
        assert explorer.tx_url(tx.txid) in uris
    assert any(u.startswith("https://tronscan.org/#/transaction/") for u in uris)
    assert any(u.startswith("https://etherscan.io/tx/0x") for u in uris)
    assert any(u.startswith("https://mempool.space/tx/") for u in uris)


def test_page_x_of_y_on_every_page(demo: Demo) -> None:
    for lang, label in (("en", "Page {i} of {n}"), ("zh", "第 {i} 页，共 {n} 页")):
        pages = page_texts(demo.pdf(lang))
        n = len(pages)
        assert n == len(reader(demo.pdf(lang)).pages) and n > 5
        for i, text in enumerate(pages, 1):
            assert label.format(i=i, n=n) in text, (lang, i)


def test_outline_and_metadata(demo: Demo) -> None:
    r = reader(demo.pdf("en"))
    titles = [o.title for o in r.outline if not isinstance(o, list)]
    for section in [
        "Account takeover on OKX: please act now",
        "Timeline",
        "Checklist",
        "Unauthorized transactions",
        "Suspicious logins",
        "Support contact log",
        "Evidence",
        "Integrity",
    ]:
        assert section in titles
    meta = r.metadata
    account = demo.view.state.account
    assert meta.title == f"Incident report: OKX account {account}"
    assert meta.author and account in meta.author
    assert meta.subject and "discovered 2026-11-20 07:42" in meta.subject
    zh = reader(demo.pdf("zh"))
    assert "时间线" in [o.title for o in zh.outline if not isinstance(o, list)]
    assert zh.metadata.title.startswith("事件报告")


def test_redact_hides_the_account_everywhere(demo: Demo) -> None:
    account = demo.view.state.account
    data = demo.pdf("en", redact=True)
    text = pdftotext(data) + pypdf_text(data)
    assert "li***@example.com" in text
    assert account not in text and account not in squash(text)
    r = reader(data)
    meta = " ".join(str(v) for v in r.metadata.values())
    assert account not in meta and "li***@example.com" in meta
    assert all(account not in o.title for o in r.outline if not isinstance(o, list))
    assert account.encode() not in data
    assert account in pdftotext(demo.pdf("en"))  # the unredacted report does show it


def test_screenshots_are_shown_not_attached_twice(demo: Demo) -> None:
    data = demo.pdf("en")
    attached = demo.view.state.attachments()
    assert len(attached) >= 3 and all(a.is_image for _, a in attached)
    assert reader(data).attachments == {}  # each shown exactly, so not embedded as a file
    images = [img for page in reader(data).pages for img in page.images]
    assert len(images) == len({a.sha256 for _, a in attached}) >= 3
    text = " ".join(pdftotext(data).split())
    for n in range(1, len(attached) + 1):
        assert f"shown as screenshot {n}" in text
    assert "--attach-originals" in text


def test_attach_originals_embeds_every_original(demo: Demo) -> None:
    r = reader(demo.pdf("en", originals=True))
    files = {str(f.alternative_name): f.content for f in r.attachment_list}
    attachments = demo.view.state.attachments()
    assert len(files) == len({a.sha256 for _, a in attachments}) >= 3
    for _, a in attachments:
        # under its own file name (/UF), byte for byte
        assert files[a.name] == demo.view.blob(a.sha256)
    assert len([img for page in r.pages for img in page.images]) == len(files)


def test_jpeg_screenshots_pass_through_unchanged(demo: Demo) -> None:
    data, with_originals = demo.pdf("en"), demo.pdf("en", originals=True)
    attached = demo.view.state.attachments()
    jpegs = [a for _, a in attached if a.media_type == "image/jpeg"]
    assert len(jpegs) == 2
    for a in jpegs:
        original = demo.view.blob(a.sha256)
        # Once, as the page image (DCTDecode, no re-encoding); the embedded file only on asking.
        assert data.count(original) == 1
        assert with_originals.count(original) == 2
    assert b"/DCTDecode" in data and b"ASCII85Decode" not in data


def test_pdfimages_writes_out_the_jpeg_files(demo: Demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """What the report tells its reader: pdfimages -all gives back each JPEG, same SHA-256."""
    if not has_tool("pdfimages"):
        pytest.skip("pdfimages (poppler-utils) is not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(demo.pdf("en"))
    subprocess.run(["pdfimages", "-all", str(path), str(tmp_path / "shot")], check=True)
    written = {hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.glob("shot-*.jpg")}
    jpegs = {a.sha256 for _, a in demo.view.state.attachments() if a.media_type == "image/jpeg"}
    assert written == jpegs and len(jpegs) == 2


def test_screenshot_captions_carry_number_and_hash(demo: Demo) -> None:
    text = pdftotext(demo.pdf("en"))
    for n, (item, a) in enumerate(
        [(i, a) for i, a in demo.view.state.attachments() if a.is_image], 1
    ):
        assert f"Screenshot {n} · E{item.number} · {a.name}" in text
        assert f"SHA-256 {a.sha256}" in text


def test_integrity_appendix(demo: Demo) -> None:
    text = pdftotext(demo.pdf("en"))
    view = demo.view
    assert view.integrity.head_hash in squash(text)
    assert f"incident verify --session {view.state.id}" in text
    assert f"{view.integrity.entries} entries" in text


def test_qpdf_finds_no_error(demo: Demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    if not has_tool("qpdf"):
        pytest.skip("qpdf is not installed")
    for lang in ("en", "zh"):
        path = tmp_path / f"{lang}.pdf"
        path.write_bytes(demo.pdf(lang))
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No syntax or stream encoding errors" in result.stdout


def test_the_font_is_embedded_truetype(demo: Demo) -> None:
    from incident.report.pdf.fonts import report_font

    font = report_font()
    if not font.embedded:
        pytest.skip("no TrueType CJK font on this machine")
    assert b"/FontFile2" in demo.pdf("zh")


def test_invariant_output_is_byte_identical(demo: Demo) -> None:
    from incident.report import pdf

    first = pdf.render(demo.view, lang="en", now=demo.report_at, invariant=True)
    assert first == demo.pdf("en")
    assert b"incident-report-" not in first  # the temp folder's name does not leak


def test_source_date_epoch_fixes_the_dates(demo: Demo, monkeypatch: pytest.MonkeyPatch) -> None:
    from incident.report import pdf

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    a = pdf.render(demo.view, lang="en", now=demo.report_at)
    b = pdf.render(demo.view, lang="en", now=demo.report_at)
    assert a == b
    # The file's date is the report's time ("reported at"), not the clock.
    stamp = demo.report_at.strftime("D:%Y%m%d%H%M%S+00'00'")
    assert reader(a).metadata["/CreationDate"] == stamp

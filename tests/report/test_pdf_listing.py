"""Past the row limit a section is summarised and its whole list attached as CSV: the
summaries are exact and the CSV files hold every entry, each field in full.

The limit is lowered for these tests (context.ROW_LIMIT), so a small session crosses it.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from incident.core import actions
from incident.core.amounts import fmt_amount
from incident.core.store import Store
from incident.core.timeline import timeline
from incident.report import pdf
from incident.report.pdf import context
from incident.report.pdf.summaries import TX_CSV
from tests.report.conftest import okx_session, pdftotext, reader, squash

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
LIMIT = 5
ADDRESSES = ["T" + c * 33 for c in "ABCDEFG"]  # A three times, B twice, the rest once
FORMULA = '=HYPERLINK("http://evil.example","click")'


def _session(store: Store) -> str:
    sid = okx_session(store, NOW - timedelta(days=2)).id
    plan = [0, 0, 0, 1, 1, 2, 3, 4, 5, 6]
    for n, a in enumerate(plan):
        actions.add_evidence(
            store,
            sid,
            actions.transaction(
                time="2026-11-24T09:00" if n % 2 else "2026-11-25T01:30",
                tx_type="deposit" if n == 9 else "withdrawal",
                asset=("USDT", "BTC", "ETH")[n % 3],
                amount=f"{n + 1}.{n}5",
                network="TRC20",
                txid=f"{n:064x}",
                to_address=ADDRESSES[a],
                note=FORMULA if n == 0 else f"第 {n} 笔，不是我操作的",
            ),
            now=NOW - timedelta(hours=10 - n),  # each after the transaction it records
        )
    actions.add_evidence(
        store,
        sid,
        actions.transaction(time="2026-11-24T10:00", tx_type="trade", asset="BTC", amount="0.5"),
        now=NOW,
    )
    for n in range(3):
        actions.add_evidence(
            store,
            sid,
            actions.login(time="2026-11-24T03:00", ip=f"203.0.113.{n % 2}", device="Chrome"),
            now=NOW,
        )
    actions.add_evidence(store, sid, actions.note("长备注 " + "x" * 5000 + " END"), now=NOW)
    return sid


@pytest.fixture(scope="module")
def listed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, str, bytes]:
    home = tmp_path_factory.mktemp("listing") / "home"
    store = Store(home=home, passphrase="listing test passphrase")
    sid = _session(store)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(context, "ROW_LIMIT", LIMIT)
        data = pdf.render(store.open(sid), lang="en", now=NOW, invariant=True)
    return store, sid, data


def _csv(data: bytes, name: str) -> list[dict[str, str]]:
    files = reader(data).attachments
    assert name in files, sorted(files)
    raw = files[name][0]
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # BOM for spreadsheets, CRLF
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_transactions_csv_has_every_transaction_in_full(listed: tuple[Store, str, bytes]) -> None:
    store, sid, data = listed
    rows = _csv(data, "transactions.csv")
    txs = store.open(sid).state.transactions()
    assert list(rows[0]) == list(TX_CSV)
    assert len(rows) == len(txs) == 11
    for row, (item, tx) in zip(rows, txs, strict=True):
        assert row["entry"] == f"E{item.number}"
        assert Decimal(row["amount"]) == tx.amount and row["asset"] == tx.asset
        assert row["txid"] == (tx.txid or "") and row["to_address"] == (tx.to_address or "")
        assert row["type"] == tx.tx_type
        if tx.txid:
            assert row["explorer_url"].endswith(tx.txid)
        # A formula is kept from running in a spreadsheet, and otherwise kept as it was.
        expected = "'" + FORMULA if tx.note == FORMULA else (tx.note or "")
        assert row["note"] == expected


def test_transaction_summaries_are_exact(listed: tuple[Store, str, bytes]) -> None:
    store, sid, data = listed
    state = store.open(sid).state
    text = pdftotext(data)
    flat = squash(text)
    # No row per transaction: the table is replaced by the summaries.
    assert f"{11} transactions: more than the {LIMIT} rows" in " ".join(text.split())
    for asset, total in state.totals().items():
        assert squash(f"{fmt_amount(total)} {asset}") in flat
    # Per address: the four busiest, then the other four (the trade without one among them).
    assert ADDRESSES[0] in flat and ADDRESSES[1] in flat
    assert "4 other addresses together" in " ".join(text.split())
    # Per day (Asia/Shanghai): 09:00 and 01:30 local on two days; the losses of each add up.
    for day in ("2026-11-24", "2026-11-25"):
        assert day in text
    # The page-one TxID list points at the file instead of listing 10 TxIDs.
    assert "11 transactions" in text or "10 transactions have a TxID" in " ".join(text.split())
    assert f"{0:064x}" not in flat and f"{5:064x}" not in flat


def test_per_address_summary_adds_up(listed: tuple[Store, str, bytes]) -> None:
    from incident.report.pdf.context import Context
    from incident.report.pdf.fonts import report_font
    from incident.report.pdf.styles import make_styles
    from incident.report.pdf.summaries import transactions

    store, sid, _ = listed
    view = store.open(sid)
    ctx = Context(view, "en", NOW, False, make_styles(report_font().name), row_limit=LIMIT)
    flow = transactions(ctx, view.state.transactions())
    table = flow[4]  # note, heading, per asset, heading, per address
    cells = table._cellvalues[1:]
    assert len(cells) == LIMIT  # four addresses and one row for the rest

    def text(cell: object) -> str:
        return cell if isinstance(cell, str) else cell.getPlainText()

    assert [int(text(r[1])) for r in cells] == [3, 2, 1, 1, 1 + 1 + 1 + 1]
    assert sum(int(text(r[1])) for r in cells) == len(view.state.transactions())
    # Per day, in the session's zone: counts and the losses of each asset, exactly.
    expected: dict[str, dict[str, Decimal]] = {}
    counts: dict[str, int] = {}
    for _, tx in view.state.transactions():
        day = tx.time.astimezone(ZoneInfo("Asia/Shanghai")).date().isoformat()
        counts[day] = counts.get(day, 0) + 1
        sums = expected.setdefault(day, {})
        if tx.is_loss:
            sums[tx.asset] = sums.get(tx.asset, Decimal(0)) + tx.amount
    days = flow[6]._cellvalues[1:]
    assert {text(r[0]): int(text(r[1])) for r in days} == counts
    for r in days:
        shown = text(r[4])
        want = "; ".join(f"{fmt_amount(v)} {a}" for a, v in sorted(expected[text(r[0])].items()))
        assert shown == want


def test_evidence_and_timeline_csv_are_complete(listed: tuple[Store, str, bytes]) -> None:
    store, sid, data = listed
    state = store.open(sid).state
    evidence = _csv(data, "evidence.csv")
    assert [r["entry"] for r in evidence] == [f"E{i.number}" for i in state.evidence]
    assert any(r["content"] == "长备注 " + "x" * 5000 + " END" for r in evidence)  # never cut
    entries = timeline(state, "en")
    rows = _csv(data, "timeline.csv")
    assert len(rows) == len(entries) > LIMIT
    assert [r["event"] for r in rows] == [e.text for e in entries]
    # 3 logins: under the limit, so their table is laid out and no file is attached.
    assert "logins.csv" not in reader(data).attachments
    assert "Long texts in full" not in pdftotext(data)  # the CSV has the note whole


def test_the_note_gives_each_files_sha256(listed: tuple[Store, str, bytes]) -> None:
    _, _, data = listed
    flat = squash(pdftotext(data))
    for name, blobs in reader(data).attachments.items():
        if name.endswith(".csv") and not name.startswith("L"):
            assert hashlib.sha256(blobs[0]).hexdigest() in flat, name


def test_at_the_limit_the_table_is_laid_out(monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store()
    sid = okx_session(store, NOW - timedelta(days=1)).id
    for n in range(3):
        actions.add_evidence(store, sid, actions.note(f"note {n}"), now=NOW)
    monkeypatch.setattr(
        context, "ROW_LIMIT", 3
    )  # 3 evidence entries; 5 timeline rows (discovery, start, 3 notes)
    data = pdf.render(store.open(sid), lang="zh", now=NOW, invariant=True)
    assert sorted(reader(data).attachments) == ["L01-timeline.csv", "timeline.csv"]
    text = pdftotext(data)
    assert "note 2" in text  # the evidence table is there
    assert "共 5 条时间线记录" in text  # and the timeline summarised, in Chinese


def test_logins_contacts_and_files_past_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store()
    sid = okx_session(store, NOW - timedelta(days=1)).id
    for n in range(4):
        actions.add_evidence(
            store,
            sid,
            actions.login(time="2026-11-25T03:00", ip=f"198.51.100.{n % 2}", location="Hanoi"),
            now=NOW,
        )
        actions.add_evidence(
            store,
            sid,
            actions.contact(channel="chat", summary=f"asked to freeze, try {n}", ticket=f"T-{n}"),
            now=NOW,
        )
        shot = tmp_path / f"file-{n}.txt"
        shot.write_text(f"file {n}", encoding="utf-8")
        actions.add_evidence(store, sid, actions.note(f"with file {n}"), now=NOW, files=[shot])
    monkeypatch.setattr(context, "ROW_LIMIT", 3)
    view = store.open(sid)
    data = pdf.render(view, lang="en", now=NOW, invariant=True)
    logins = _csv(data, "logins.csv")
    assert [r["ip"] for r in logins] == [f"198.51.100.{n % 2}" for n in range(4)]
    contacts = _csv(data, "contacts.csv")
    assert [r["ticket"] for r in contacts] == [f"T-{n}" for n in range(4)]
    assert [r["summary"] for r in contacts] == [f"asked to freeze, try {n}" for n in range(4)]
    evidence = _csv(data, "evidence.csv")
    for _, a in view.state.attachments():
        assert any(a.sha256 in r["files"] and a.name in r["files"] for r in evidence)
    text = " ".join(pdftotext(data).split())
    assert "198.51.100.0 2" in text and "198.51.100.1 2" in text  # logins per IP
    assert "4 attached files: too many to list here" in text
    # Each text file is still attached whole, besides the lists.
    names = reader(data).attachments
    assert sum(1 for n in names if n.startswith("file-")) == 4


def test_page_one_names_at_most_forty_tickets() -> None:
    from incident.report.pdf.summary import TICKETS

    store = Store()
    sid = okx_session(store, NOW - timedelta(days=1)).id
    for n in range(TICKETS + 5):
        actions.add_evidence(
            store,
            sid,
            actions.contact(channel="email", summary="asked again", ticket=f"TK-{n:03d}"),
            now=NOW,
        )
    data = pdf.render(store.open(sid), lang="en", now=NOW, invariant=True)
    first = " ".join(pdftotext(data, "-l", "1").split())
    assert f"TK-{TICKETS - 1:03d}" in first and f"TK-{TICKETS:03d}" not in first
    assert "and 5 more (see “Support contact log”)" in first
    assert f"TK-{TICKETS + 4:03d}" in pdftotext(data)  # in the contact log

"""Issue 12's "Done when": a corrected and a retracted transaction everywhere a reader looks,
a timeline in the order things happened, official contacts only, and page one that fits."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from incident.catalog import t
from incident.core import actions, corrections
from incident.core.store import Store
from incident.core.timeline import timeline
from incident.core.verify import verify_session
from incident.errors import IntegrityError
from incident.report import pdf
from incident.report.formats import json as json_format
from incident.report.messages import Kind, compose
from tests.factory import NOW, SessionFactory
from tests.report.conftest import body_text, page_texts, reader

AMOUNTS = ["1111.11", "2222.22", "3333.33", "4444.44", "5555.55"]
ADDRESS = "TVeaRKoEn9T7U9x9LEzWQwNBejcL6L48nP"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(home=tmp_path / "home", passphrase="a passphrase for the tests")


def _five(store: Store) -> str:
    drafts = [
        actions.transaction(
            time=f"2026-11-25 16:{10 + i:02d}",
            tx_type="withdrawal",
            asset="USDT",
            amount=amount,
            network="TRC20",
            to_address=ADDRESS,
            txid=f"{i + 1:02x}" * 32,
        )
        for i, amount in enumerate(AMOUNTS)
    ]
    sid = SessionFactory(store)(evidence=drafts)
    corrections.retract(store, sid, "E3", reason="typed twice", now=NOW - timedelta(minutes=30))
    corrections.correct(
        store,
        sid,
        "E2",
        {"amount": "1000.50"},
        reason="mistyped amount",
        now=NOW - timedelta(minutes=20),
    )
    return sid


def _section(text: str, heading: str, following: str) -> str:
    """The text from the section ``heading`` to the next heading ``following``."""
    start = text.index(heading)
    return text[start : text.index(following, start + len(heading))]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_retracted_and_corrected_transactions_everywhere(store: Store, lang: str) -> None:
    sid = _five(store)
    view = store.open(sid)
    state = view.state
    # 1111.11 + 1000.50 (corrected from 2222.22) + 4444.44 + 5555.55; 3333.33 retracted
    assert state.totals() == {"USDT": Decimal("12111.60")}
    assert [i.number for i, _ in state.transactions()] == [1, 2, 4, 5]

    data = pdf.render(view, lang=lang, now=NOW, invariant=True)
    pages = page_texts(data)
    first = pages[0]
    assert "12,111.60" in first
    assert "".join(t("report.sum.count", lang, count=4).split()) in "".join(first.split())
    assert "3,333.33" not in first and "2,222.22" not in first
    text = body_text(data)
    table = _section(text, t("report.sec.transactions", lang), t("report.sec.logins", lang))
    assert "1,000.50" in table and "4,444.44" in table
    assert "3,333.33" not in table and "2,222.22" not in table
    appendix = _section(text, t("report.corr.intro", lang)[:12], t("report.sec.integrity", lang))
    assert "typed twice" in appendix and "mistyped amount" in appendix
    assert "2,222.22 → 1,000.50" in appendix
    assert t("report.corr.retracted", lang) in appendix and "3,333.33" in appendix

    for kind in Kind:
        body = compose.compose(state, kind.value, lang, NOW).body
        assert "1,000.50" in body and "12,111.60" in body, kind
        assert "3,333.33" not in body and "2,222.22" not in body, kind
        assert "03" * 32 not in body  # the retracted transaction's TxID

    export = json_format.document(state, lang, NOW)
    assert export["totals"] == {"USDT": "12111.60"}
    states = {e["number"]: e["state"] for e in export["evidence"]}
    assert states == {1: "active", 2: "corrected", 3: "retracted", 4: "active", 5: "active"}
    e2 = export["evidence"][1]
    assert e2["amount"] == "1000.50"
    assert e2["history"][0]["fields"] == {"amount": {"old": "2222.22", "new": "1000.50"}}
    assert e2["history"][0]["reason"] == "mistyped amount"
    assert export["evidence"][2]["history"][0]["action"] == "retracted"
    assert [c["action"] for c in export["corrections"]] == ["retracted", "corrected"]
    json.dumps(export)  # every value is JSON

    assert verify_session(store, sid)["ok"]


def test_a_tampered_correction_is_caught(store: Store) -> None:
    sid = _five(store)
    journal = store.root / sid / "journal.log"
    lines = journal.read_bytes().splitlines(keepends=True)
    # Entries: 1 start, 2-6 transactions, 7 the retraction, 8 the correction.
    assert len(lines) == 8
    record = json.loads(lines[7])
    ct = record["ct"]
    record["ct"] = ("A" if ct[10] != "A" else "B").join((ct[:10], ct[11:]))
    lines[7] = json.dumps(record, separators=(",", ":")).encode() + b"\n"
    journal.write_bytes(b"".join(lines))
    with pytest.raises(IntegrityError) as caught:
        verify_session(store, sid)
    assert caught.value.entry == 8


def _late(store: Store) -> str:
    """Discovered 16:00 (Shanghai); the login and withdrawals typed in an hour later."""
    make = SessionFactory(store)
    sid = make(discovered_ago=timedelta(hours=4), started_ago=timedelta(hours=3, minutes=55))
    later = NOW - timedelta(hours=2, minutes=50)  # 17:10 local
    for n, draft in enumerate(
        [
            actions.transaction(
                time="2026-11-25 16:17", tx_type="withdrawal", asset="USDT", amount="700"
            ),
            actions.login(time="2026-11-25 15:58", ip="203.0.113.7", location="Lagos"),
            actions.transaction(
                time="2026-11-25 16:05", tx_type="withdrawal", asset="USDT", amount="500"
            ),
        ]
    ):
        actions.add_evidence(store, sid, draft, now=later + timedelta(minutes=n))
    return sid


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_timeline_is_in_the_order_things_happened(store: Store, lang: str) -> None:
    sid = _late(store)
    view = store.open(sid)
    rows = timeline(view.state, lang)
    kinds = [r.kind for r in rows]
    assert kinds[:5] == [
        "evidence.added",  # the login, 15:58
        "discovered",  # 16:00
        "session.started",  # 16:05
        "evidence.added",  # the 16:05 withdrawal, recorded 17:12
        "evidence.added",  # the 16:17 withdrawal, recorded 17:10
    ]
    assert [r.at for r in rows] == sorted(r.at for r in rows)

    data = pdf.render(view, lang=lang, now=NOW, invariant=True)
    intro = t("report.timeline.intro", lang, zone="Asia/Shanghai")[:12]
    text = _section(body_text(data), intro, t("report.sec.checklist", lang))
    login = text.index("203.0.113.7")
    discovered = text.index(t("tl.discovered", lang))
    first, last = text.index("500 USDT"), text.index("700 USDT")
    assert login < discovered < first < last
    assert "2026-11-25 15:58 +08:00" in text and "T-00:02" in text
    assert "2026-11-25 07:58:00Z" in text  # and in UTC
    assert t("tl.recorded", lang, time="17:12") in text  # when the 16:05 one was typed in
    timeline_page = next(p for p in page_texts(data) if intro in p)
    assert "CST" not in timeline_page


def test_an_unofficial_contact_never_counts_as_contacting_support(store: Store) -> None:
    sid = SessionFactory(store)()
    official_at = NOW - timedelta(hours=1, minutes=30)
    actions.add_evidence(
        store,
        sid,
        actions.contact(
            channel="chat", summary="asked for a freeze", url="https://www.okx.com/help"
        ),
        now=official_at,
    )
    actions.add_evidence(
        store,
        sid,
        actions.contact(
            channel="email", summary="they asked for my code", url="help@okx-support-desk.com"
        ),
        now=NOW - timedelta(minutes=10),
    )
    state = store.open(sid).state
    assert [c.official for _, c in state.contacts()] == [True, False]
    assert state.last_contact_at() == official_at
    assert state.follow_up_due() == official_at + timedelta(hours=state.playbook.follow_up_hours)
    follow = compose.compose(state, "follow-up", "en", NOW).body
    assert "I last contacted you on 2026-11-25 18:30 +08:00 by online chat." in follow
    zh = compose.compose(state, "follow-up", "zh", NOW).body
    assert "2026-11-25 18:30" in zh and "邮件" not in zh


def _forty(store: Store) -> str:
    addresses = [f"TVeaRKoEn9T7U9x9LEzWQwNBejcL6L48n{c}" for c in "ABCDEFGHJK"]
    drafts = [actions.login(time="2026-11-25 15:58", ip="203.0.113.7", device="Chrome")]
    for i in range(40):
        drafts.append(
            actions.transaction(
                time=f"2026-11-25 16:{i:02d}",
                tx_type="withdrawal",
                asset="USDT" if i % 3 else "BTC",
                amount=f"{100 + i}.25",
                network="TRC20",
                to_address=addresses[i % len(addresses)],
                txid=f"{i:064x}",
            )
        )
    return SessionFactory(store)(evidence=drafts)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_one_of_forty_transactions_holds_the_attack_and_stays_one_page(
    store: Store, lang: str
) -> None:
    view = store.open(_forty(store))
    data = pdf.render(view, lang=lang, now=NOW, invariant=True)
    pages = [page.extract_text() or "" for page in reader(data).pages]
    first, second = pages[0], pages[1]
    squashed = "".join(first.split())
    for key in (
        "report.glance.title",
        "report.glance.login",
        "report.glance.first-tx",
        "report.glance.last-tx",
        "report.glance.destinations",
        "report.sum.asks",
        "report.sum.totals",
    ):
        assert "".join(t(key, lang).split()) in squashed, key
    assert "203.0.113.7" in first
    assert "2026-11-2515:58+08:00" in squashed  # the login
    assert "2026-11-2516:00+08:00" in squashed  # the first transaction
    assert "2026-11-2516:39+08:00" in squashed  # the last
    assert "TVeaRKoEn9T7U9x9LEzWQwNBejcL6L48nA" in squashed  # a destination, in full
    assert "".join(t("report.sum.tickets", lang).split()) in squashed  # the page's last part
    # Page two is the timeline's: nothing of page one ran over onto it.
    assert t("report.sec.timeline", lang) in second
    assert "".join(t("report.sum.tickets", lang).split()) not in "".join(second.split())


def test_a_redacted_report_masks_the_account_before_its_correction(store: Store) -> None:
    sid = SessionFactory(store)(account="lin.wei@example.com")
    corrections.edit(store, sid, now=NOW, account="wei.lin@example.org", reason="the other one")
    data = pdf.render(store.open(sid), lang="en", now=NOW, invariant=True, redact=True)
    text = body_text(data)
    assert "li***@example.com → we***@example.org" in text
    assert "lin.wei@" not in text and "wei.lin@" not in text

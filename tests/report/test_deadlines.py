"""Day-scale deadlines: Binance's police-report rule in `status`, on page 1 and in reminders."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from incident.core import actions
from incident.core.status import status
from incident.core.store import Store
from incident.report import pdf
from tests.conftest import Runner
from tests.factory import TXID
from tests.report.conftest import page_texts, pypdf_text, reader

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
DISCOVERED = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai
# Seven days after discovery, shown in the session's zone (Asia/Shanghai, UTC+8).
DUE_LOCAL = "2026-12-02 09:30 +08:00"


def start(store: Store, platform: str = "Binance", lang: str = "en") -> str:
    state = actions.start(
        store,
        playbook="crypto-exchange",
        platform=platform,
        account="lin@example.com",
        now=NOW - timedelta(hours=2),
        discovered_at=DISCOVERED.isoformat(),
        tz="Asia/Shanghai",
        lang=lang,  # type: ignore[arg-type]
    )
    return state.id


def take_funds(store: Store, sid: str) -> None:
    draft = actions.transaction(
        time="2026-11-25 04:52",
        tx_type="withdrawal",
        asset="USDT",
        amount="1520.5",
        network="TRC20",
        txid=TXID,
        to_address="TVeaRKoEn9T7U9x9LEzWQwNBejcL6L48nP",
    )
    actions.add_evidence(store, sid, draft, now=NOW - timedelta(hours=1))


def test_binance_police_deadline_appears_once_funds_were_taken() -> None:
    store = Store()
    sid = start(store)
    before = status(store.open(sid).state, NOW)
    assert before.deadlines == []  # nothing was taken yet
    take_funds(store, sid)
    st = status(store.open(sid).state, NOW)
    [due] = st.deadlines
    assert due.deadline.id == "binance-police-report"
    assert due.at == DISCOVERED + timedelta(days=7)
    text = "\n".join(st.lines())
    assert DUE_LOCAL in text and "police report" in text
    shape = st.to_json()["deadlines"][0]
    assert shape["due_at_local"] == DUE_LOCAL
    assert shape["source"].startswith("https://www.binance.com/")


def test_other_platforms_do_not_get_binance_deadline() -> None:
    store = Store()
    sid = start(store, platform="OKX")
    take_funds(store, sid)
    assert status(store.open(sid).state, NOW).deadlines == []


def test_the_deadline_is_met_by_the_police_report_step() -> None:
    store = Store()
    sid = start(store)
    take_funds(store, sid)
    actions.mark_step(store, sid, "police-report", "done", now=NOW)
    [due] = status(store.open(sid).state, NOW).deadlines
    assert due.met and not due.late(NOW + timedelta(days=30))


def test_status_command_shows_the_date_in_the_session_zone(run: Runner) -> None:
    sid = json.loads(
        run.ok(
            "start",
            "--playbook",
            "crypto-exchange",
            "--platform",
            "Binance",
            "--account",
            "lin@example.com",
            "--discovered-at",
            "2026-11-25T09:30+08:00",
            "--tz",
            "Asia/Shanghai",
            "--no-run",
            "--json",
        ).stdout
    )["session_id"]
    run.ok(
        "evidence",
        "tx",
        "--session",
        sid,
        "--type",
        "withdrawal",
        "--time",
        "2026-11-25T09:00+08:00",
        "--asset",
        "USDT",
        "--amount",
        "100",
    )
    out = run.ok("status", "--session", sid).stdout
    assert DUE_LOCAL in out and "Binance: police report" in out


def test_page_one_shows_the_deadline_box_in_both_languages() -> None:
    store = Store()
    for lang, words in (("en", "Deadlines"), ("zh", "期限")):
        sid = start(store, lang=lang)
        take_funds(store, sid)
        data = pdf.render(store.open(sid), lang=lang, now=NOW, invariant=True)
        first = page_texts(data)[0]
        assert words in first and DUE_LOCAL in first
        page1 = reader(data).pages[0].extract_text() or ""
        assert DUE_LOCAL in page1 or DUE_LOCAL in pypdf_text(data)


def test_the_runner_shows_the_deadline_in_the_checklist_and_on_its_step() -> None:
    from incident.runner import screen

    store = Store()
    sid = start(store)
    take_funds(store, sid)
    st = status(store.open(sid).state, NOW)
    lines = [x.text for x in screen.checklist_lines(st, "en", 79)]
    assert any(DUE_LOCAL in x for x in lines)
    body = " ".join(x.text for x in screen.step_body(st, st.state.playbook.steps[-2], "en", 79))
    assert st.state.playbook.steps[-2].id == "police-report" and DUE_LOCAL in body


def test_the_deadline_goes_on_the_calendar() -> None:
    from icalendar import Calendar

    from incident.report.calendar import deadline_reminders, render_calendar

    store = Store()
    sid = start(store)
    take_funds(store, sid)
    state = store.open(sid).state
    reminders = deadline_reminders(sid, state.deadlines(), "en")
    data = render_calendar(reminders, tz=state.tz, stamp=NOW)
    [event] = Calendar.from_ical(data).walk("VEVENT")
    assert event.decoded("dtstart").astimezone(UTC) == DISCOVERED + timedelta(days=7)
    assert "police report" in str(event["summary"])
    actions.mark_step(store, sid, "police-report", "done", now=NOW)
    assert deadline_reminders(sid, store.open(sid).state.deadlines(), "en") == []


def test_remind_puts_the_deadline_in_the_calendar_file(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from icalendar import Calendar

    monkeypatch.setattr("incident.times.utcnow", lambda: NOW)  # the deadline is still ahead
    store = Store()
    sid = start(store)
    take_funds(store, sid)
    out = tmp_path / "incident.ics"
    run.ok("remind", "--session", sid, "-o", str(out))
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    [police] = [e for e in events if str(e["summary"]).startswith("Deadline: ")]
    assert "police report" in str(police["summary"])
    assert police.decoded("dtstart").astimezone(UTC) == DISCOVERED + timedelta(days=7)
    assert "binance.com" in str(police["description"])  # the source it comes from

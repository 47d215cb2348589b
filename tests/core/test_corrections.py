"""Corrections in the core: each is a new event, passes the guards a new entry passes, and
the fold reads entries, session facts and steps as they stand after them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from incident.core import actions, corrections
from incident.core import events as ev
from incident.core.state import fold, fold_journal
from incident.core.status import status, summaries
from incident.core.store import Store
from incident.errors import (
    EvidenceError,
    IncidentError,
    NeedsConfirmation,
    SecretRefused,
    StepError,
    UsageError,
)
from tests.factory import NOW, TXID, SessionFactory, typical


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(home=tmp_path / "home", passphrase="a passphrase for the tests")


@pytest.fixture
def sid(store: Store) -> str:
    return SessionFactory(store)(evidence=typical())


def _entries(store: Store, sid: str) -> int:
    return store.open(sid).integrity.entries


def test_correct_keeps_the_original_and_reads_the_new(store: Store, sid: str) -> None:
    corrections.correct(store, sid, "E1", {"amount": "1000.50"}, now=NOW, reason="typo")
    item = store.open(sid).state.evidence[0]
    assert item.state == "corrected"
    assert item.original.amount == Decimal("1520.5")  # type: ignore[attr-defined]
    assert item.evidence.amount == Decimal("1000.50")  # type: ignore[attr-defined]
    [change] = item.history()
    assert change.fields == {"amount": (Decimal("1520.5"), Decimal("1000.50"))}
    assert change.reason == "typo" and change.at == NOW


@pytest.mark.parametrize(
    ("values", "error"),
    [
        ({"amount": "abc"}, EvidenceError),  # the amount's own reader
        ({"amount": "NaN"}, EvidenceError),
        ({"time": "yesterday"}, UsageError),  # the time's own reader
        ({"type": "gift"}, EvidenceError),  # a fixed choice
        ({"asset": ""}, EvidenceError),  # a required field cannot be cleared
        ({"channel": "chat"}, EvidenceError),  # not a field of a transaction
        ({"amount": "1520.5"}, UsageError),  # nothing changes
        ({}, UsageError),
        (
            {
                "note": "seed: abandon ability able about above absent absorb abstract absurd abuse "
                "access accident"
            },
            SecretRefused,
        ),
    ],
)
def test_a_correction_passes_the_checks_of_a_new_entry(
    store: Store, sid: str, values: dict[str, str], error: type[IncidentError]
) -> None:
    before = _entries(store, sid)
    with pytest.raises(error):
        corrections.correct(store, sid, "E1", values, now=NOW)
    assert _entries(store, sid) == before  # nothing recorded


def test_password_like_text_is_confirmed_as_for_a_new_entry(store: Store, sid: str) -> None:
    with pytest.raises(NeedsConfirmation):
        corrections.correct(store, sid, "E1", {"note": "password: Tr0ub4dor&3"}, now=NOW)
    corrections.correct(
        store, sid, "E1", {"note": "password: Tr0ub4dor&3"}, now=NOW, confirmed=True
    )
    assert store.open(sid).state.evidence[0].evidence.note  # type: ignore[attr-defined]


def test_a_corrected_contact_is_checked_against_the_official_channels(
    store: Store, sid: str
) -> None:
    result = corrections.correct(
        store, sid, "E4", {"url": "https://okx-help-desk.example.net/chat"}, now=NOW
    )
    assert result.warnings  # said at once, as for a new contact
    state = store.open(sid).state
    assert state.contacts()[0][1].official is False
    assert state.last_contact_at() is None and state.follow_up_due() is None
    corrections.correct(store, sid, "E4", {"url": "https://www.okx.com/help"}, now=NOW)
    assert store.open(sid).state.contacts()[0][1].official is True


def test_a_blank_clears_an_optional_field(store: Store, sid: str) -> None:
    corrections.correct(store, sid, "e1", {"txid": ""}, now=NOW)
    assert store.open(sid).state.evidence[0].evidence.txid is None  # type: ignore[attr-defined]


def test_retract(store: Store, sid: str) -> None:
    with pytest.raises(UsageError):
        corrections.retract(store, sid, "E2", reason="  ", now=NOW)
    corrections.retract(store, sid, "E2", reason="typed twice", now=NOW)
    state = store.open(sid).state
    assert [i.number for i, _ in state.transactions()] == [1]
    assert "XYZ" not in state.totals()
    assert state.evidence[1].state == "retracted"
    for action in (
        lambda: corrections.retract(store, sid, "E2", reason="again", now=NOW),
        lambda: corrections.correct(store, sid, "E2", {"amount": "4"}, now=NOW),
    ):
        with pytest.raises(EvidenceError):
            action()
    with pytest.raises(UsageError):
        corrections.retract(store, sid, "E9", reason="no such", now=NOW)
    with pytest.raises(UsageError):
        corrections.retract(store, sid, "first", reason="?", now=NOW)


def test_edit_session_facts_and_status_follows(store: Store, sid: str) -> None:
    state = store.open(sid).state
    due_before = status(state, NOW).next[0].due_at
    corrections.edit(
        store,
        sid,
        now=NOW,
        discovered_at="2026-11-25 16:00",  # an hour earlier than the factory's 17:00 (Shanghai)
        platform="Binance",
        account="lin.wei@example.com",
        reason="noticed earlier than I said",
    )
    state = store.open(sid).state
    assert state.discovered_at == datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    assert state.platform == "Binance" and state.platform_id == "binance"
    assert state.account == "lin.wei@example.com"
    assert status(state, NOW).next[0].due_at == due_before - timedelta(hours=1)
    assert [c.subject for c in state.edits] == ["platform", "account", "discovered_at"]
    [row] = summaries(store)  # `incident list` reads the facts as they stand too
    assert row["platform"] == "Binance" and row["account"] == "lin.wei@example.com"
    assert row["discovered_at"] == "2026-11-25T08:00:00+00:00"
    with pytest.raises(UsageError):  # nothing changes
        corrections.edit(store, sid, now=NOW, platform="Binance")
    with pytest.raises(UsageError):
        corrections.edit(store, sid, now=NOW, discovered_at="2026-11-26 10:00")  # the future
    with pytest.raises(UsageError):
        corrections.edit(store, sid, now=NOW, tz="Mars/Olympus")
    with pytest.raises(UsageError):
        corrections.edit(store, sid, now=NOW, account="   ")


def test_a_new_zone_reads_what_is_recorded_next(store: Store, sid: str) -> None:
    corrections.edit(store, sid, now=NOW, tz="Europe/Berlin")
    actions.add_evidence(
        store,
        sid,
        actions.login(time="2026-11-25 10:00"),
        now=NOW + timedelta(minutes=1),
    )
    login = store.open(sid).state.logins()[0][1]
    assert login.time == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # 10:00 in Berlin


def test_step_reset_and_the_last_step_action(store: Store, sid: str) -> None:
    actions.answer(store, sid, "can-you-log-in", "yes", now=NOW)
    actions.mark_step(store, sid, "cancel-pending-withdrawals", "done", now=NOW)
    state = store.open(sid).state
    assert corrections.last_step_action(state) == "cancel-pending-withdrawals"
    corrections.reset_step(store, sid, "cancel-pending-withdrawals", now=NOW, reason="not yet")
    state = store.open(sid).state
    assert state.steps["cancel-pending-withdrawals"].status == "pending"
    assert corrections.last_step_action(state) == "can-you-log-in"
    with pytest.raises(StepError):
        corrections.reset_step(store, sid, "cancel-pending-withdrawals", now=NOW)
    corrections.reset_step(store, sid, "can-you-log-in", now=NOW)
    state = store.open(sid).state
    assert state.steps["can-you-log-in"].answer is None
    assert corrections.last_step_action(state) is None
    assert [c.action for c in state.changes()] == ["reset", "reset"]


def test_the_fast_path_is_kept_and_a_bad_correction_does_not_fold(store: Store, sid: str) -> None:
    corrections.correct(store, sid, "E1", {"amount": "2"}, now=NOW)
    started = store.first_event(sid)
    added = ev.EvidenceAdded(at=NOW, evidence=actions.build(actions.note("n"), "UTC"))
    fixed = ev.EvidenceCorrected(
        at=NOW, number=1, evidence=actions.build(actions.note("m"), "UTC"), fields=["text"]
    )
    assert ev.evidence_start(ev.encode(added)) is not None
    assert ev.evidence_start(ev.encode(fixed)) is None  # decoded in full, folded by apply
    state = fold_journal([ev.encode(started), ev.encode(added), ev.encode(fixed)])
    assert state.evidence[0].evidence.text == "m"  # type: ignore[attr-defined]
    for bad in (
        ev.EvidenceRetracted(at=NOW, number=7, reason="no such entry"),
        fixed.model_copy(
            update={"evidence": actions.build(actions.login(time="2026-11-25 10:00"), "UTC")}
        ),
    ):
        with pytest.raises(ValueError):
            fold([started, added, bad])


def test_an_old_session_without_corrections_opens(store: Store, sid: str) -> None:
    state = store.open(sid, decode_all=True).state
    assert all(i.state == "active" and i.history() == [] for i in state.evidence)
    assert state.changes() == [] and state.edits == []
    assert state.evidence[0].evidence.txid == TXID  # type: ignore[attr-defined]


def test_an_unofficial_contact_is_not_the_contact_a_step_asks_for(store: Store) -> None:
    sid = SessionFactory(store)()
    step = "request-freeze-by-email"
    for url in ("https://www.okx.com/help", "https://okx-help-desk.example.net/chat"):
        actions.add_evidence(
            store, sid, actions.contact(channel="chat", summary="s", url=url), now=NOW, step_id=step
        )
    actions.add_evidence(store, sid, actions.note("n"), now=NOW, step_id=step)
    corrections.retract(store, sid, "E3", reason="wrong step", now=NOW)
    counted, flagged = store.open(sid).state.step_evidence(step)
    assert [i.number for i in counted] == [1]
    assert [i.number for i in flagged] == [2]

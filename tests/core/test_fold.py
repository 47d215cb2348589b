"""The state read from a journal equals the state folded from the same events, while only
what is used gets decoded: evidence entries wait until something reads them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incident.core import events as ev
from incident.core.attachments import Attachment
from incident.core.kinds.contact import Contact
from incident.core.kinds.login import Login
from incident.core.kinds.note import Note
from incident.core.kinds.transaction import Transaction
from incident.core.state import EvidenceItem, SessionState, fold, fold_journal
from incident.core.store import Store
from incident.core.timeline import timeline
from incident.errors import IncidentError, IntegrityError
from incident.playbook.loader import bundled_dir, parse
from tests.conftest import Runner

T0 = datetime(2026, 11, 25, 1, 2, 3, tzinfo=UTC)
PLAYBOOK = parse((bundled_dir() / "crypto-exchange.yaml").read_text(encoding="utf-8"), "crypto")
STEP_IDS = [s.id for s in PLAYBOOK.steps]


def started(at: datetime = T0) -> ev.SessionStarted:
    return ev.SessionStarted(
        at=at,
        session_id="20261125-abcdef",
        playbook=PLAYBOOK,
        playbook_origin="bundled:crypto-exchange",
        platform="OKX",
        platform_id="okx",
        account="lin@example.com",
        discovered_at=at - timedelta(hours=1),
        tz="Asia/Shanghai",
        lang="en",
    )


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
# One-line fields (ticket, TxID, IP, device) refuse control characters.
line_texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")), max_size=40
)
times = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)
evidences = st.one_of(
    st.builds(Note, text=texts),
    st.builds(
        Transaction,
        time=times,
        tx_type=st.sampled_from(["withdrawal", "trade", "deposit"]),
        asset=st.sampled_from(["USDT", "BTC"]),
        amount=st.decimals(min_value=0, max_value=10**9, places=8),
        txid=st.none() | line_texts,
        note=st.none() | texts,
    ),
    st.builds(Login, time=times, ip=st.none() | line_texts, device=st.none() | line_texts),
    st.builds(
        Contact,
        channel=st.sampled_from(["chat", "email", "social"]),
        summary=texts,
        ticket=st.none() | line_texts,
        official=st.none() | st.booleans(),
    ),
)
attachments = st.lists(
    st.builds(
        Attachment,
        name=texts,
        sha256=st.text("0123456789abcdef", min_size=64, max_size=64),
        size=st.integers(0, 10**6),
        media_type=st.sampled_from(["image/png", "application/pdf"]),
    ),
    max_size=2,
)


@st.composite
def event_lists(draw: st.DrawFn) -> list[ev.Base]:
    out: list[ev.Base] = [started()]
    for _ in range(draw(st.integers(0, 25))):
        at = draw(times)
        roll = draw(st.integers(0, 9))
        if roll < 7:
            out.append(
                ev.EvidenceAdded(
                    at=at,
                    evidence=draw(evidences),
                    step_id=draw(st.none() | st.sampled_from(STEP_IDS)),
                    attachments=draw(attachments),
                    confirmed=draw(st.lists(texts, max_size=1)),
                )
            )
        elif roll < 9:
            status = draw(st.sampled_from(["done", "skipped", "failed"]))
            out.append(
                ev.StepMarked(
                    at=at, step_id=draw(st.sampled_from(STEP_IDS)), status=status, note="n"
                )
            )
        else:
            out.append(
                ev.SessionClosed(at=at) if draw(st.booleans()) else ev.SessionReopened(at=at)
            )
    return out


def as_read(state: SessionState) -> dict[str, Any]:
    """Everything a command can see of a state, in plain values."""
    return {
        "entries": [e.at for e in state.entries],
        "evidence": [
            (i.number, i.entry, i.at, i.kind, i.evidence, i.step_id, i.attachments, i.confirmed)
            for i in state.evidence
        ],
        "steps": {k: (s.status, s.at, s.note, s.reason) for k, s in state.steps.items()},
        "closed_at": state.closed_at,
        "totals": state.totals(),
        "tickets": state.tickets(),
        "last_contact_at": state.last_contact_at(),
        "kinds": [len(state.transactions()), len(state.logins()), len(state.contacts())],
        "timeline": timeline(state, "en") + timeline(state, "zh"),
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event_lists())
def test_reading_a_journal_equals_folding_its_events(events: list[ev.Base]) -> None:
    read = fold_journal([ev.encode(e) for e in events])
    assert as_read(read) == as_read(fold(events))


@pytest.mark.parametrize(
    "evidence",
    [
        Note(text='{"at":"x","type":"evidence.added"} "kind":"contact"'),
        Transaction(time=T0, tx_type="trade", asset="BTC", amount=Decimal("0.1")),
        Login(time=T0, ip="203.0.113.7"),
        Contact(channel="chat", summary="asked for a freeze"),
    ],
)
def test_the_start_of_an_evidence_event_gives_its_time_and_kind(evidence: Any) -> None:
    for at in (T0, T0.replace(microsecond=120)):
        payload = ev.encode(ev.EvidenceAdded(at=at, evidence=evidence))
        assert ev.evidence_start(payload) == (at, evidence.kind)


def test_other_events_and_other_spellings_are_decoded_in_full() -> None:
    assert ev.evidence_start(ev.encode(started())) is None
    assert ev.evidence_start(ev.encode(ev.SessionClosed(at=T0))) is None
    # The same event with its fields in another order: not what encode() writes, so it is
    # decoded in full, and reads the same.
    written = json.loads(ev.encode(ev.EvidenceAdded(at=T0, evidence=Note(text="hi"))))
    reordered = json.dumps(dict(reversed(list(written.items())))).encode()
    assert ev.evidence_start(reordered) is None
    state = fold_journal([ev.encode(started()), reordered])
    assert state.evidence[0].decode() is not None and state.evidence[0].evidence == Note(text="hi")
    assert state.evidence[0]._payload is None  # decoded when read


def test_evidence_is_decoded_only_when_used(monkeypatch: pytest.MonkeyPatch) -> None:
    contact = ev.EvidenceAdded(
        at=T0 + timedelta(hours=2), evidence=Contact(channel="chat", summary="s")
    )
    events: list[ev.Base] = [started()]
    events += [ev.EvidenceAdded(at=T0, evidence=Note(text=str(i))) for i in range(50)]
    events += [contact, ev.StepMarked(at=T0, step_id=STEP_IDS[0], status="done")]
    decoded: list[int] = []
    real = ev.decode_entry

    def counting(payload: bytes, n: int) -> ev.Event:
        decoded.append(n)
        return real(payload, n)

    monkeypatch.setattr(ev, "decode_entry", counting)
    state = fold_journal([ev.encode(e) for e in events])
    # What `status` asks of a state: counts, kinds, the last contact, the steps.
    assert len(state.evidence) == 51 and state.last_contact_at() == contact.at
    assert state.steps[STEP_IDS[0]].status == "done"
    # The session's start, the step, and the one contact (only an official one times the
    # follow-up, so it is read); no note.
    assert sorted(decoded) == [1, 52, 53]
    assert [c for _, c in state.contacts()] == [contact.evidence]
    assert decoded == [1, 53, 52]
    state.read_all()
    assert sorted(decoded) == list(range(1, 54))


def test_an_entry_this_version_cannot_read_is_named_when_read() -> None:
    payload = ev.encode(ev.EvidenceAdded(at=T0, evidence=Note(text="hi")))
    future = payload[:-1] + b',"new_field":1}'  # starts like evidence, does not validate
    state = fold_journal([ev.encode(started()), future])
    assert len(state.evidence) == 1 and state.evidence[0].kind == "note"
    with pytest.raises(IncidentError, match="entry 2 cannot be read by this version"):
        state.read_all()


def test_an_item_that_reads_otherwise_than_its_start_is_refused() -> None:
    payload = ev.encode(ev.EvidenceAdded(at=T0, evidence=Note(text="hi")))
    item = EvidenceItem(1, 2, T0, "contact", payload=payload)
    with pytest.raises(IntegrityError, match="entry 2"):
        item.decode()


def test_commands_on_a_session_with_an_unreadable_entry(
    run: Runner, session: str, incident_home: Path
) -> None:
    """status still works (it needs no evidence content); verify and evidence list name it."""
    run.ok("evidence", "add", "--note", "first")
    store = Store(incident_home)
    with store.writing(session) as writer:
        good = ev.encode(ev.EvidenceAdded(at=T0, evidence=Note(text="x")))
        writer.journal.append(good[:-1] + b',"new_field":1}', writer.head.meta)
    status = json.loads(run.ok("status", "--json").stdout)
    assert status["evidence_count"] == 2
    for args in (("verify",), ("evidence", "list"), ("export", "--format", "json")):
        result = run(*args)
        assert result.exit_code == 1, (args, result.output)
        assert "entry 3 cannot be read by this version of incident" in result.stderr
        assert "Traceback" not in result.output

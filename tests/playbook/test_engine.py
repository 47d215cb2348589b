"""The step engine: branches, requirements, order, overdue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from incident.playbook.engine import Engine
from incident.playbook.schema import Playbook
from tests.playbook.test_validation import MINIMAL

PB = Playbook.model_validate(MINIMAL)
T0 = datetime(2026, 11, 25, tzinfo=UTC)


def test_branch_steps_wait_for_the_answer() -> None:
    e = Engine(PB, {}, {})
    assert [s.id for s in e.next_steps()] == [
        "q",
        "b",
    ]  # b's requirement 'a' is not on any path yet
    assert e.waiting(PB.steps[1]) and not e.applies(PB.steps[1])


def test_yes_brings_in_a_and_blocks_b() -> None:
    e = Engine(PB, {"q": "done"}, {"q": "yes"})
    assert [s.id for s in e.next_steps()] == ["a"]
    assert [(s.id, unmet) for s, unmet in e.blocked()] == [("b", ["a"])]


def test_no_hides_a_and_frees_b() -> None:
    e = Engine(PB, {"q": "done"}, {"q": "no"})
    assert [s.id for s in e.next_steps()] == ["b"]
    assert e.progress().total == 2


def test_skipped_requirement_counts_failed_does_not() -> None:
    assert Engine(PB, {"q": "done", "a": "skipped"}, {"q": "yes"}).unmet(PB.steps[2]) == []
    assert Engine(PB, {"q": "done", "a": "failed"}, {"q": "yes"}).unmet(PB.steps[2]) == ["a"]


def test_failed_steps_come_after_pending_ones() -> None:
    e = Engine(PB, {"q": "done", "a": "failed"}, {"q": "no"})
    assert [s.id for s in e.next_steps()] == ["b"]
    e = Engine(PB, {"q": "done", "a": "failed"}, {"q": "yes"})
    assert [s.id for s in e.next_steps()] == ["a"]


def test_overdue() -> None:
    e = Engine(PB, {}, {})
    assert [s.id for s in e.overdue(T0, T0 + timedelta(minutes=3))] == ["q"]
    assert [s.id for s in e.overdue(T0, T0 + timedelta(minutes=1))] == []
    done = Engine(PB, {"q": "done"}, {"q": "no"})
    assert [s.id for s in done.overdue(T0, T0 + timedelta(hours=1))] == ["b"]

"""The --json shapes documented in the README are the shapes printed."""

from __future__ import annotations

import json

from tests.conftest import Runner

STEP = {"id", "title", "kind", "status", "target_minutes", "due_at", "overdue", "requires_unmet"}


def keys(run: Runner, *args: str) -> object:
    return json.loads(run.ok(*args).stdout)


def test_shapes(run: Runner, session: str) -> None:
    listed = keys(run, "list", "--json")
    assert isinstance(listed, list)
    assert set(listed[0]) == {
        "session_id",
        "status",
        "playbook",
        "platform",
        "account",
        "discovered_at",
        "last_activity",
        "last_activity_local",
        "entries",
        "evidence_count",
        "lang",
        "started_at",
        "started_local",
        "discovered_local",
        "progress",
    }
    status = keys(run, "status", "--json")
    assert isinstance(status, dict)
    assert set(status) == {
        "session_id",
        "status",
        "playbook",
        "platform",
        "platform_id",
        "account",
        "lang",
        "tz",
        "discovered_at",
        "now",
        "minutes_since_discovery",
        "progress",
        "next",
        "overdue",
        "blocked",
        "follow_up_due",
        "follow_up_overdue",
        "deadlines",
        "evidence_count",
    }
    assert set(status["next"][0]) == STEP
    assert set(status["progress"]) == {"done", "skipped", "failed", "left", "total"}
    nxt = keys(run, "next", "--json")
    assert isinstance(nxt, dict) and set(nxt) == {"session_id", "next", "overdue"}
    assert set(keys(run, "answer", "can-you-log-in", "yes", "--json")) == {
        "session_id",
        "step_id",
        "value",
    }  # type: ignore[arg-type]
    assert set(keys(run, "step", "done", "cancel-pending-withdrawals", "--json")) == {
        "session_id",
        "step_id",
        "status",
        "forced",
    }  # type: ignore[arg-type]
    assert set(keys(run, "evidence", "add", "--note", "n", "--json")) == {
        "session_id",
        "number",
        "warnings",
        "notes",
    }  # type: ignore[arg-type]
    ev = keys(run, "evidence", "list", "--json")
    assert isinstance(ev, dict) and set(ev) == {"session_id", "evidence"}
    assert set(keys(run, "verify", "--json")) == {
        "session_id",
        "ok",
        "entries",
        "acknowledged",
        "head_hash",
        "attachments",
        "warnings",
        "reference",
    }  # type: ignore[arg-type]
    books = keys(run, "playbooks", "list", "--json")
    assert isinstance(books, list)
    assert set(books[0]) == {
        "id",
        "version",
        "title",
        "platforms",
        "steps",
        "origin",
        "location",
        "sha256",
    }
    export = keys(run, "export", "--format", "json")
    assert isinstance(export, dict)
    assert set(export) == {
        "format",
        "version",
        "exported_at",
        "session",
        "steps",
        "evidence",
        "totals",
        "tickets",
        "corrections",
        "follow_up_due",
        "timeline",
        "integrity",
    }
    assert export["format"] == "incident-export" and export["version"] == 1

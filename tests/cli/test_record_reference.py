"""The record reference: every support message ends with it, and `verify --expect` catches a
session folder put back to an older copy (which the journal alone cannot)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from incident.core import actions
from incident.core.store import Store
from incident.core.verify import parse_expected
from incident.errors import UsageError
from incident.report.messages import Kind
from tests.conftest import Runner
from tests.factory import NOW, SessionFactory, typical


@pytest.fixture
def sid(make_session: SessionFactory) -> str:
    return make_session(evidence=typical())


def head(sid: str) -> tuple[str, int]:
    integrity = Store().open(sid).integrity
    return integrity.head_hash, integrity.entries


@pytest.mark.parametrize("kind", [k.value for k in Kind])
def test_every_message_ends_with_the_reference(run: Runner, sid: str, kind: str) -> None:
    digest, entries = head(sid)
    text = run.ok("message", kind, "--session", sid).stdout
    assert text.rstrip("\n").splitlines()[-1] == (
        f"Record reference: {digest[:16]}, {entries} entries"
    )
    zh = run.ok("message", kind, "--session", sid, "--lang", "zh").stdout
    assert zh.rstrip("\n").splitlines()[-1] == f"记录编号：{digest[:16]}，共 {entries} 条"
    body = json.loads(run.ok("message", kind, "--session", sid, "--json").stdout)["body"]
    assert body.rstrip("\n").endswith(f"{digest[:16]}, {entries} entries")


def test_verify_prints_the_reference(run: Runner, sid: str) -> None:
    digest, entries = head(sid)
    data = json.loads(run.ok("verify", "--session", sid, "--json").stdout)
    assert data["reference"] == f"Record reference: {digest[:16]}, {entries} entries"
    assert data["reference"] in run.ok("verify", "--session", sid).stdout


@pytest.mark.parametrize(
    "given",
    [
        "{short}",
        "{short}, {entries} entries",
        "Record reference: {short}, {entries} entries",
        "记录编号：{short}，共 {entries} 条",
        "{full}",
        "{upper}",
    ],
)
def test_verify_expect_passes_on_the_current_head(run: Runner, sid: str, given: str) -> None:
    digest, entries = head(sid)
    text = given.format(short=digest[:16], full=digest, upper=digest[:12].upper(), entries=entries)
    result = run.ok("verify", "--session", sid, "--expect", text)
    assert "matches the journal's head" in result.output


def test_an_older_reference_matches_a_journal_that_grew_since(
    run: Runner, sid: str, make_session: SessionFactory
) -> None:
    digest, entries = head(sid)
    message = run.ok("message", "follow-up", "--session", sid).stdout
    quoted = message.rstrip("\n").splitlines()[-1]
    actions.add_evidence(Store(), sid, actions.note("later"), now=NOW)
    actions.add_evidence(Store(), sid, actions.note("later still"), now=NOW)
    result = run.ok("verify", "--session", sid, "--expect", quoted)
    assert f"matches entry {entries}; 2 entries were recorded after it" in result.output
    # Without the count too: the chain is searched for it.
    assert "matches entry" in run.ok("verify", "--session", sid, "--expect", digest[:16]).output


def test_verify_expect_fails_after_the_folder_is_put_back_to_an_older_copy(
    run: Runner, sid: str, incident_home: Path, tmp_path: Path
) -> None:
    folder = incident_home / "sessions" / sid
    older = tmp_path / "older-copy"
    shutil.copytree(folder, older)
    actions.add_evidence(Store(), sid, actions.note("the freeze was confirmed"), now=NOW)
    quoted = run.ok("message", "follow-up", "--session", sid).stdout.rstrip("\n").splitlines()[-1]
    run.ok("verify", "--session", sid, "--expect", quoted)
    shutil.rmtree(folder)
    shutil.copytree(older, folder)  # consistent in itself: plain verify cannot tell
    run.ok("verify", "--session", sid)
    result = run("verify", "--session", sid, "--expect", quoted)
    assert result.exit_code == 3
    assert "older copy" in result.output and "Traceback" not in result.output
    digest = quoted.split(": ")[1].split(",")[0]
    no_count = run("verify", "--session", sid, "--expect", digest)
    assert no_count.exit_code == 3
    assert f"does not hold the record reference {digest}" in no_count.output


def test_a_reference_of_another_session_fails(
    run: Runner, sid: str, make_session: SessionFactory
) -> None:
    other = make_session(evidence=typical(), account="wang@example.com")
    digest, entries = head(other)
    result = run("verify", "--session", sid, "--expect", f"{digest[:16]}, {entries} entries")
    assert result.exit_code == 3


@pytest.mark.parametrize("text", ["", "xyz", "abc123", "3f2a9c0d1e2b4a5f, 0 entries", "g" * 16])
def test_what_is_not_a_reference_is_a_usage_error(run: Runner, sid: str, text: str) -> None:
    with pytest.raises(UsageError):
        parse_expected(text)
    result = run("verify", "--session", sid, "--expect", text)
    assert result.exit_code == 2
    assert "not a record reference" in result.output or "no entries" in result.output

"""A session written by an earlier version (0.1.0, before the core package and every feature
since) opens, verifies and takes new entries: the journal's format has not changed.

The fixture was made with `incident` at commit abefa29 (`pip install .` of that tree, then
start, answer, step done, evidence tx/login/contact and a note with a PNG, with the
passphrase below) and copied as it was left.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import Runner

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "session-0.1"
PASSPHRASE = "fixture passphrase, old version"
SID = "20261208-3371de"
HEAD = "ce389f847c684fa2c1d7b67d92ee23bf5bbd27d116b4e865f9faabdd6e851232"
TXID = "501d6785d0f57dc32af39350589f4d7ac84452463f2f15eade2fa29161cfaa0d"


@pytest.fixture
def old_home(incident_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURE, incident_home)
    for path in [incident_home, *incident_home.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)  # git keeps no modes
    monkeypatch.setenv("INCIDENT_PASSPHRASE", PASSPHRASE)
    return incident_home


def test_it_verifies_with_the_head_the_old_version_printed(run: Runner, old_home: Path) -> None:
    out = json.loads(run.ok("verify", "--session", SID, "--json").stdout)
    assert (out["ok"], out["entries"], out["attachments"]) == (True, 7, 1)
    assert out["head_hash"] == HEAD


def test_every_reader_sees_what_was_recorded(run: Runner, old_home: Path, tmp_path: Path) -> None:
    status = json.loads(run.ok("status", "--session", SID, "--json").stdout)
    assert status["platform"] == "OKX" and status["discovered_at"].startswith("2026-11-19T23:42")
    listed = json.loads(run.ok("evidence", "list", "--session", SID, "--json").stdout)
    kinds = [(e["number"], e["kind"]) for e in listed["evidence"]]
    assert kinds == [(1, "transaction"), (2, "login"), (3, "contact"), (4, "note")]
    tx = listed["evidence"][0]
    assert (tx["amount"], tx["txid"], tx["state"]) == ("9800.5", TXID, "active")
    assert listed["evidence"][3]["attachments"][0]["name"] == "shot.png"
    report = tmp_path / "old.pdf"
    run.ok("report", "--session", SID, "-o", str(report))
    assert report.read_bytes().startswith(b"%PDF")
    message = run.ok("message", "freeze", "--session", SID).stdout
    assert TXID in message and "9,800.5 USDT" in message


def test_new_entries_and_corrections_follow_on(run: Runner, old_home: Path) -> None:
    run.ok("evidence", "add", "--session", SID, "--note", "written by this version")
    run.ok("evidence", "correct", "E1", "--amount", "9900.5", "--reason", "typo", "--session", SID)
    out = json.loads(run.ok("verify", "--session", SID, "--json").stdout)
    assert out["ok"] and out["entries"] == 9
    listed = json.loads(run.ok("evidence", "list", "--session", SID, "--json").stdout)
    assert (listed["evidence"][0]["state"], listed["evidence"][0]["amount"]) == (
        "corrected",
        "9900.5",
    )
    assert listed["evidence"][4]["text"] == "written by this version"

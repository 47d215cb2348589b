"""Issue 17: a damaged session still opens, says what is lost, refuses writes until
`incident repair`, and after the repair records, verifies and reports again.

Each test damages a real session one way a disk or a sync fault does, then drives the
command line: every reading command exits 0 with the damage named and shows exactly the
authentic entries; verify exits 3 naming the damage; writes are refused; then repair.
"""

from __future__ import annotations

import json
import re
import shutil
import stat
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

NOTES = 10  # entries: 1 session.started, then note 0 .. note 9 as entries 2 .. 11


@dataclass
class Damaged:
    sid: str
    folder: Path
    shown: list[str]  # the notes an honest reader shows
    lost: str  # how the damage reads: "entries 11 (cut short) missing"
    verify: str  # what verify's error must say
    gap: bool  # whether notes after missing entries are marked "after a gap"
    bytes_lost: bool  # whether bytes are left to set aside


def _start(run: Any) -> str:
    out = run.ok(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "OKX",
        "--account",
        "lin@example.com",
        "--no-run",
        "--json",
    ).stdout
    return str(json.loads(out)["session_id"])


def _lines(journal: Path) -> list[bytes]:
    return journal.read_bytes().splitlines(keepends=True)


def _all(run: Any, home: Path, notes: int = NOTES) -> tuple[str, Path]:
    sid = _start(run)
    for i in range(notes):
        run.ok("evidence", "add", "--session", sid, "--note", f"note {i}")
    return sid, home / "sessions" / sid


def cut_inside_last(run: Any, home: Path) -> Damaged:
    sid, folder = _all(run, home)
    journal = folder / "journal.log"
    journal.write_bytes(journal.read_bytes()[:-7])
    notes = [f"note {i}" for i in range(NOTES - 1)]
    return Damaged(sid, folder, notes, "entries 11 (cut short) missing", "entry 11", False, True)


def cut_at_boundary(run: Any, home: Path) -> Damaged:
    sid, folder = _all(run, home)
    journal = folder / "journal.log"
    journal.write_bytes(b"".join(_lines(journal)[:-1]))
    notes = [f"note {i}" for i in range(NOTES - 1)]
    return Damaged(sid, folder, notes, "entries 11 (cut short) missing", "entry 11", False, False)


def flipped_byte(run: Any, home: Path) -> Damaged:
    sid, folder = _all(run, home)
    journal = folder / "journal.log"
    lines = _lines(journal)
    middle = bytearray(lines[5])  # entry 6: note 4
    middle[len(middle) // 2] ^= 0x01
    lines[5] = bytes(middle)
    journal.write_bytes(b"".join(lines))
    notes = [f"note {i}" for i in range(NOTES) if i != 4]
    return Damaged(sid, folder, notes, "entries 6 (changed) missing", "entry 6", True, True)


def record_deleted(run: Any, home: Path) -> Damaged:
    sid, folder = _all(run, home)
    journal = folder / "journal.log"
    lines = _lines(journal)
    journal.write_bytes(b"".join(lines[:5] + lines[6:]))
    notes = [f"note {i}" for i in range(NOTES) if i != 4]
    return Damaged(sid, folder, notes, "entries 6 (removed) missing", "entry 6", True, False)


def head_missing(run: Any, home: Path) -> Damaged:
    sid, folder = _all(run, home)
    (folder / "head.json").unlink()
    notes = [f"note {i}" for i in range(NOTES)]
    return Damaged(sid, folder, notes, "the head file is missing", "head file", False, False)


def head_older(run: Any, home: Path) -> Damaged:
    sid, folder = _all(run, home, notes=6)
    old = (folder / "head.json").read_bytes()
    for i in range(6, NOTES):
        run.ok("evidence", "add", "--session", sid, "--note", f"note {i}")
    (folder / "head.json").write_bytes(old)
    notes = [f"note {i}" for i in range(NOTES)]
    return Damaged(
        sid, folder, notes, "the head file is older than the journal", "entry 9", False, True
    )


DAMAGE: list[Callable[[Any, Path], Damaged]] = [
    cut_inside_last,
    cut_at_boundary,
    flipped_byte,
    record_deleted,
    head_missing,
    head_older,
]


def _notes(run: Any, sid: str) -> tuple[list[str], list[dict[str, Any]], str]:
    result = run("evidence", "list", "--session", sid, "--json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)["evidence"]
    return [i["text"] for i in items], items, result.stderr


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        return " ".join(out.stdout.decode().split())
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(path).pages).split())


READING: list[tuple[str, ...]] = [
    ("status",),
    ("status", "--json"),
    ("next",),
    ("evidence", "list"),
    ("export", "--format", "json"),
    ("export", "--format", "markdown"),
    ("message", "freeze"),
]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda d: d.__name__)
def test_damaged_sessions_read_refuse_writes_and_repair(
    damage: Callable[[Any, Path], Damaged], run: Any, incident_home: Path, tmp_path: Path
) -> None:
    d = damage(run, incident_home)
    warning = f"Warning: Integrity: damaged — {d.lost}; the {len(d.shown) + 1} entries shown"

    # reading commands: exit 0, the damage named, exactly the authentic entries
    for args in READING:
        result = run(*args, "--session", d.sid)
        assert result.exit_code == 0, (args, result.output)
        assert result.stderr.startswith(warning), (args, result.stderr)
        assert "incident repair" in result.stderr
    shown, items, _ = _notes(run, d.sid)
    assert shown == d.shown
    recorded_as = [int(text.split()[1]) + 1 for text in d.shown]  # note i was E(i+1)
    assert [i["number"] for i in items] == recorded_as
    marked = [i["text"] for i in items if i.get("after_gap")]
    assert marked == ([t for t in d.shown if t > "note 4"] if d.gap else [])
    gap_line = "Evidence E6-E10 comes after a gap"  # the numbers they were recorded with
    assert (gap_line in _notes(run, d.sid)[2]) == d.gap
    markdown = run("export", "--session", d.sid, "--format", "markdown").stdout
    assert (gap_line in markdown) == d.gap
    export = json.loads(run("export", "--session", d.sid, "--format", "json").stdout)
    assert export["integrity"]["damaged"] and d.lost in export["integrity"]["summary"]
    pdf = tmp_path / "damaged.pdf"
    assert run("report", "--session", d.sid, "-o", str(pdf)).exit_code == 0
    text = _pdf_text(pdf)
    line = f"Integrity: damaged — {d.lost}; the {len(d.shown) + 1} entries shown are authentic"
    assert text.count(line) == 2, text[:600]  # page 1 and the integrity appendix
    assert text.count(gap_line) == (2 if d.gap else 0)
    zh = tmp_path / "damaged-zh.pdf"
    assert run("report", "--session", d.sid, "--lang", "zh", "-o", str(zh)).exit_code == 0
    assert _pdf_text(zh).count("完整性：已损坏") == 2

    # verify names the damage and exits 3
    result = run("verify", "--session", d.sid)
    assert result.exit_code == 3 and d.verify in result.stderr, result.output

    # writes are refused, pointing to repair; nothing is written
    before = {p.name: p.read_bytes() for p in d.folder.iterdir() if p.is_file()}
    for args in (
        ("evidence", "add", "--note", "refused"),
        ("step", "done", "freeze-account"),
        ("answer", "can-you-log-in", "no"),
        ("close",),
    ):
        result = run(*args, "--session", d.sid)
        assert result.exit_code == 3, (args, result.output)
        assert "is damaged" in result.stderr and "incident repair --session" in result.stderr
    after = {p.name: p.read_bytes() for p in d.folder.iterdir() if p.is_file()}
    assert after == before

    # repair: the damaged bytes set aside (0600, named), the loss recorded
    damaged_lines = _lines(d.folder / "journal.log")
    result = run("repair", "--session", d.sid)
    assert result.exit_code == 0, result.output
    assert d.lost in result.stdout
    kept = sorted((d.folder / "quarantine").glob("*")) if d.bytes_lost else []
    if d.bytes_lost:
        assert kept, result.stdout
        for f in kept:
            assert str(f) in result.stdout
            assert stat.S_IMODE(f.stat().st_mode) == 0o600
            assert f.stat().st_size > 0
    else:
        assert "nothing was left to set aside" in result.stdout
    # intact entries are kept byte for byte, in order; one entry (the repair) is added
    repaired_lines = _lines(d.folder / "journal.log")
    assert len(repaired_lines) == len(d.shown) + 2
    kept_lines = iter(damaged_lines)
    assert all(line in kept_lines for line in repaired_lines[:-1])

    # afterwards: verify passes with the repair as a warning; everything works again
    result = run("verify", "--session", d.sid, "--json")
    assert result.exit_code == 0, result.output
    warnings = json.loads(result.stdout)["warnings"]
    assert any(re.search(r"repaired on .*" + re.escape(d.lost), w) for w in warnings), warnings
    for args in READING:
        result = run(*args, "--session", d.sid)
        assert result.exit_code == 0 and "damaged" not in result.stderr, (args, result.output)
    run.ok("evidence", "add", "--session", d.sid, "--note", "after the repair")
    run.ok("answer", "can-you-log-in", "no", "--session", d.sid)
    shown, items, _ = _notes(run, d.sid)
    assert shown == [*d.shown, "after the repair"]
    assert [i["number"] for i in items] == [*recorded_as, NOTES + 1]  # never an E number twice
    assert run("verify", "--session", d.sid).exit_code == 0
    pdf = tmp_path / "repaired.pdf"
    assert run("report", "--session", d.sid, "-o", str(pdf)).exit_code == 0
    text = _pdf_text(pdf)
    assert "Repairs" in text and d.lost in text
    assert all(f.name[:20] in text.replace(" ", "") for f in kept)
    # a second repair finds nothing to do; the quarantined bytes are never removed
    assert "nothing to repair" in run.ok("repair", "--session", d.sid).stdout
    assert sorted((d.folder / "quarantine").glob("*")) == kept if kept else True


def test_lost_evidence_numbers_are_not_given_again(run: Any, incident_home: Path) -> None:
    """E10 was cut off: the next note is E11, never a second E10."""
    d = cut_inside_last(run, incident_home)
    run.ok("repair", "--session", d.sid)
    out = run.ok("evidence", "add", "--session", d.sid, "--note", "new", "--json").stdout
    assert json.loads(out)["number"] == NOTES + 1
    _, items, _ = _notes(run, d.sid)
    assert [i["number"] for i in items] == [*range(1, NOTES), NOTES + 1]


def test_the_first_entry_unreadable_is_an_error(run: Any, incident_home: Path) -> None:
    sid, folder = _all(run, incident_home, notes=2)
    journal = folder / "journal.log"
    data = bytearray(journal.read_bytes())
    data[200] ^= 0x01  # inside entry 1: the session itself
    journal.write_bytes(bytes(data))
    for args in (("status",), ("evidence", "list"), ("verify",), ("repair",)):
        result = run(*args, "--session", sid)
        assert result.exit_code == 3, (args, result.output)
        assert result.stderr.startswith("Error: ") and "entry 1" in result.stderr
        assert "Traceback" not in result.output


def test_repair_of_an_intact_session_changes_nothing(run: Any, incident_home: Path) -> None:
    sid, folder = _all(run, incident_home, notes=2)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert "nothing to repair" in run.ok("repair", "--session", sid).stdout
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    assert not (folder / "quarantine").exists()


def test_a_forged_gap_list_is_caught(run: Any, incident_home: Path) -> None:
    """gaps.json is authenticated: one written without the key does not hide a deletion."""
    d = record_deleted(run, incident_home)
    gaps = {"gaps": [[5, 7, "0" * 64]], "tag": "0" * 64}
    (d.folder / "gaps.json").write_text(json.dumps(gaps))
    result = run("verify", "--session", d.sid)
    assert result.exit_code == 3 and "gaps" in result.stderr, result.output
    result = run("evidence", "list", "--session", d.sid)
    assert result.exit_code == 0 and "damaged" in result.stderr


def test_removing_the_gap_list_after_a_repair_is_caught(run: Any, incident_home: Path) -> None:
    d = record_deleted(run, incident_home)
    run.ok("repair", "--session", d.sid)
    assert run("verify", "--session", d.sid).exit_code == 0
    (d.folder / "gaps.json").unlink()
    result = run("verify", "--session", d.sid)
    assert result.exit_code == 3 and "entry 6" in result.stderr, result.output


def test_a_key_that_is_gone_or_wrong_is_an_error_not_damage(
    run: Any, incident_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from incident.journal import keys

    sid, _ = _all(run, incident_home, notes=2)
    key = incident_home / keys.KEY_FILE
    saved = key.read_bytes()
    monkeypatch.setenv("INCIDENT_PASSPHRASE", "not the passphrase")
    keys.forget_cached()
    result = run("status", "--session", sid)
    assert result.exit_code == 1 and "wrong passphrase" in result.stderr, result.output
    monkeypatch.setenv("INCIDENT_PASSPHRASE", "correct horse battery staple")
    keys.forget_cached()
    key.unlink()
    result = run("status", "--session", sid)
    assert result.exit_code == 1 and "no data key" in result.stderr, result.output
    # another data key: nothing of the session opens, which is no partial damage
    other = tmp_path / "other-home"
    monkeypatch.setenv("INCIDENT_HOME", str(other))
    _start(run)
    monkeypatch.setenv("INCIDENT_HOME", str(incident_home))
    keys.forget_cached()
    key.write_bytes((other / keys.KEY_FILE).read_bytes())
    for args in (("status",), ("evidence", "list"), ("repair",)):
        result = run(*args, "--session", sid)
        # not tampering (exit 3) and not damage: a key from elsewhere, said as such
        assert result.exit_code == 1, (args, result.output)
        assert "does not open session" in result.stderr, (args, result.output)
        assert "damaged —" not in result.stderr
    key.write_bytes(saved)
    keys.forget_cached()
    run.ok("verify", "--session", sid)


def test_a_second_damage_after_a_repair_is_repaired_too(run: Any, incident_home: Path) -> None:
    d = record_deleted(run, incident_home)
    run.ok("repair", "--session", d.sid)
    for i in range(3):
        run.ok("evidence", "add", "--session", d.sid, "--note", f"later {i}")
    journal = d.folder / "journal.log"
    lines = _lines(journal)
    journal.write_bytes(b"".join(lines[:-2] + lines[-1:]))  # "later 1" removed
    shown, _, err = _notes(run, d.sid)
    assert shown == [*d.shown, "later 0", "later 2"] and "(removed)" in err
    assert run("verify", "--session", d.sid).exit_code == 3
    run.ok("repair", "--session", d.sid)
    result = run.ok("verify", "--session", d.sid, "--json")
    warnings = json.loads(result.stdout)["warnings"]
    assert len([w for w in warnings if w.startswith("repaired on")]) == 2, warnings
    run.ok("evidence", "add", "--session", d.sid, "--note", "after both")
    shown, _, _ = _notes(run, d.sid)
    assert shown == [*d.shown, "later 0", "later 2", "after both"]


def test_every_reason_for_a_loss_reads_in_both_languages() -> None:
    from incident.catalog import CATALOG
    from incident.journal import damage

    reasons = [
        value
        for name, value in vars(damage).items()
        if name.isupper()
        and isinstance(value, str)
        and name not in ("QUARANTINE", "GENESIS", "HEAD")
    ]
    assert len(reasons) == 8, reasons
    for reason in reasons:
        en, zh = CATALOG[f"integrity.reason.{reason}"]
        assert en and zh and en != zh


def test_a_retraction_after_a_gap_still_takes_back_the_right_evidence(
    run: Any, incident_home: Path
) -> None:
    """Evidence is named by number (E7) in corrections: after a lost entry, E7 is still the
    seventh recorded, before and after the repair."""
    from incident.core.corrections import retract
    from incident.core.store import Store
    from incident.times import utcnow

    sid, folder = _all(run, incident_home)
    retract(Store(), sid, "E7", reason="typed twice", now=utcnow())  # note 6
    journal = folder / "journal.log"
    lines = _lines(journal)
    journal.write_bytes(b"".join(lines[:5] + lines[6:]))  # entry 6 (note 4, E5) removed
    for repaired in (False, True):
        _, items, _ = _notes(run, sid)
        states = {i["text"]: (i["number"], i["state"]) for i in items}
        assert states["note 6"] == (7, "retracted"), (repaired, states)
        assert states["note 5"] == (6, "active") and "note 4" not in states
        if not repaired:
            run.ok("repair", "--session", sid)
    run.ok("evidence", "retract", "E8", "--reason", "wrong", "--session", sid)  # note 7
    _, items, _ = _notes(run, sid)
    assert {i["text"]: i["state"] for i in items}["note 7"] == "retracted"
    assert run("evidence", "retract", "E5", "--reason", "x", "--session", sid).exit_code != 0

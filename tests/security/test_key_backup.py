"""Promise 2: `incident key export` / `import` move a user's sessions to a new machine;
a wrong backup passphrase changes nothing."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest

from incident.journal import keyring_door, keys

from .conftest import KeyringInUse
from .disk import changed, snapshot
from .subproc import env, incident

MARKER = "backup-marker-7f3a"
EXPORT_PASS = "a long export passphrase, kept apart"


@pytest.fixture
def filled(run: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    """A session with a note, a transaction and a step: something worth moving."""
    monkeypatch.setenv("INCIDENT_EXPORT_PASSPHRASE", EXPORT_PASS)
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
    sid = str(json.loads(out)["session_id"])
    run.ok("evidence", "add", "--session", sid, "--note", f"note {MARKER}")
    run.ok(
        "evidence",
        "tx",
        "--session",
        sid,
        "--time",
        "2026-11-20T04:52:00+08:00",
        "--type",
        "withdrawal",
        "--asset",
        "USDT",
        "--amount",
        "1520.5",
        "--txid",
        "ab" * 32,
    )
    run.ok("step", "done", "check-device", "--session", sid)
    return sid


def _readable(sid: str, run: Any, environ: dict[str, str] | None = None) -> None:
    """The session reads again: status, verify, the note itself; in a new process if asked."""
    keys.forget_cached()  # so the key is fetched afresh from the keyring or passphrase
    if environ is not None:
        verify = incident("verify", "--session", sid, "--json", environ=environ)
        assert verify.code == 0, verify.err
        assert json.loads(verify.out)["ok"] is True
    run.ok("status", "--session", sid, "--json")
    assert json.loads(run.ok("verify", "--session", sid, "--json").stdout)["ok"] is True
    assert MARKER in run.ok("evidence", "list", "--session", sid, "--json").stdout


def test_export_forget_import_on_the_same_machine(
    any_keyring: KeyringInUse, filled: str, run: Any, incident_home: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "key-backup.json"
    run.ok("key", "export", str(backup))
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert keys.master_key(incident_home).hex() not in backup.read_text()

    keys.forget_from_keyring(incident_home)
    lost = incident("status", "--session", filled, environ=env(**any_keyring.env))
    assert lost.code == 1 and "incident key import" in lost.err

    result = run.ok("key", "import", str(backup))
    assert "kept in: keyring" in result.output
    _readable(filled, run, env(**any_keyring.env))


def test_copy_the_sessions_and_import_on_a_new_machine(
    any_keyring: KeyringInUse,
    filled: str,
    run: Any,
    tmp_path: Path,
    incident_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backup = tmp_path / "key-backup.json"
    run.ok("key", "export", str(backup))
    new_home = tmp_path / "new-machine"
    shutil.copytree(incident_home / "sessions", new_home / "sessions")
    any_keyring.homes.append(new_home)
    monkeypatch.setenv("INCIDENT_HOME", str(new_home))
    keys.forget_cached()

    before = incident("status", "--session", filled, environ=env(**any_keyring.env))
    assert before.code == 1 and "no data key" in before.err

    run.ok("key", "import", str(backup))
    assert keys.store_mode(new_home) == "keyring"
    _readable(filled, run, env(**any_keyring.env))
    # the old machine's keyring entry is not what opens the new one: forget it, still readable
    keys.forget_from_keyring(incident_home)
    _readable(filled, run)


def test_passphrase_machine_to_passphrase_machine(
    filled: str, run: Any, tmp_path: Path, incident_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = tmp_path / "key-backup.json"
    run.ok("key", "export", str(backup))
    new_home = tmp_path / "new-machine"
    shutil.copytree(incident_home / "sessions", new_home / "sessions")
    monkeypatch.setenv("INCIDENT_HOME", str(new_home))
    monkeypatch.setenv("INCIDENT_PASSPHRASE", "the new machine's own passphrase")
    keys.forget_cached()
    assert "kept in: passphrase" in run.ok("key", "import", str(backup)).output
    _readable(filled, run, env())
    wrong = incident(
        "status",
        "--session",
        filled,
        environ=env(INCIDENT_PASSPHRASE="correct horse battery staple"),
    )
    assert wrong.code == 1 and "wrong passphrase" in wrong.err


def test_a_wrong_backup_passphrase_changes_nothing(
    any_keyring: KeyringInUse,
    filled: str,
    run: Any,
    tmp_path: Path,
    incident_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backup = tmp_path / "key-backup.json"
    run.ok("key", "export", str(backup))
    info = json.loads((incident_home / keys.KEY_FILE).read_text())
    keys.forget_from_keyring(incident_home)
    before = snapshot(incident_home)
    backup_before = backup.read_bytes()

    monkeypatch.setenv("INCIDENT_EXPORT_PASSPHRASE", "not the export passphrase")
    result = run("key", "import", str(backup))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: wrong passphrase for this key backup (nothing was changed)"
    ]
    assert changed(before, snapshot(incident_home)) == []
    assert backup.read_bytes() == backup_before
    assert keyring_door.get(f"data-key:{info['home_id']}") is None


def test_a_wrong_backup_passphrase_on_a_new_machine_writes_nothing(
    filled: str, run: Any, tmp_path: Path, incident_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = tmp_path / "key-backup.json"
    run.ok("key", "export", str(backup))
    new_home = tmp_path / "new-machine"
    shutil.copytree(incident_home / "sessions", new_home / "sessions")
    monkeypatch.setenv("INCIDENT_HOME", str(new_home))
    keys.forget_cached()
    before = snapshot(new_home)
    monkeypatch.setenv("INCIDENT_EXPORT_PASSPHRASE", "wrong")
    result = run("key", "import", str(backup))
    assert result.exit_code == 1 and "wrong passphrase for this key backup" in result.stderr
    assert changed(before, snapshot(new_home)) == []


def test_a_backup_of_another_key_is_refused(
    filled: str, run: Any, tmp_path: Path, incident_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other_home = tmp_path / "other"
    monkeypatch.setenv("INCIDENT_HOME", str(other_home))
    run.ok(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "OKX",
        "--account",
        "x@example.com",
        "--no-run",
    )
    other_backup = tmp_path / "other-backup.json"
    run.ok("key", "export", str(other_backup))
    monkeypatch.setenv("INCIDENT_HOME", str(incident_home))
    keys.forget_cached()
    before = snapshot(incident_home)
    result = run("key", "import", str(other_backup))
    assert result.exit_code == 1 and "different key" in result.stderr
    assert changed(before, snapshot(incident_home)) == []


@pytest.mark.parametrize(
    "content",
    [
        None,
        b"",
        b"not json",
        b"[]",
        b'{"format": "something-else"}',
        b'{"format": "incident-key-export", "salt": "!!", "nonce": "", "wrapped": ""}',
        b"\xff\xfe\x00garbage",
    ],
    ids=["missing", "empty", "text", "list", "other-format", "damaged", "binary"],
)
def test_a_file_that_is_not_a_backup_is_a_clear_error(
    content: bytes | None, filled: str, run: Any, tmp_path: Path, incident_home: Path
) -> None:
    source = tmp_path / "backup.json"
    if content is not None:
        source.write_bytes(content)
    before = snapshot(incident_home)
    result = run("key", "import", str(source))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1
    assert "unexpected" not in result.stderr
    assert changed(before, snapshot(incident_home)) == []


def test_export_never_overwrites_a_file(filled: str, run: Any, tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    result = run("key", "export", str(target))
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert target.read_text() == "keep me"


def test_export_to_a_folder_that_does_not_exist(filled: str, run: Any, tmp_path: Path) -> None:
    result = run("key", "export", str(tmp_path / "no-such-folder" / "backup.json"))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write" in lines[0] and "unexpected" not in lines[0]

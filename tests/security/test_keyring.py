"""Promise 1: the data key lives in the OS keyring (or behind a passphrase), never on disk in
the clear; a wrong passphrase changes nothing; a hung keyring cannot hang a command."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from incident.journal import keyring_door, keys

from .conftest import REAL_SCRYPT_N, KeyringInUse
from .disk import changed, snapshot
from .subproc import env, incident

START = (
    "start",
    "--playbook",
    "crypto-exchange",
    "--platform",
    "OKX",
    "--account",
    "lin@example.com",
    "--tz",
    "Asia/Shanghai",
    "--no-run",
    "--json",
)


def _start(run: Any) -> str:
    result = run.ok(*START)
    return str(json.loads(result.stdout)["session_id"])


def _encodings(secret: bytes) -> list[bytes]:
    """The ways a 32-byte key could sit in a file."""
    b64 = base64.b64encode(secret)
    return [
        secret,
        b64,
        b64.rstrip(b"="),
        base64.urlsafe_b64encode(secret).rstrip(b"="),
        secret.hex().encode(),
        secret.hex().upper().encode(),
        base64.b32encode(secret).rstrip(b"="),
    ]


# -- the OS keyring ----------------------------------------------------------------------
def test_key_goes_to_the_keyring_and_a_new_process_finds_it(
    any_keyring: KeyringInUse, incident_home: Path, run: Any
) -> None:
    master = keys.master_key(incident_home, create=True)
    assert keys.store_mode(incident_home) == "keyring"
    sid = _start(run)
    run.ok("evidence", "add", "--session", sid, "--note", "found in a new process")
    keys.forget_cached()

    status = incident("status", "--session", sid, "--json", environ=env(**any_keyring.env))
    assert status.code == 0, status.err
    assert json.loads(status.out)["session_id"] == sid
    listed = incident(
        "evidence", "list", "--session", sid, "--json", environ=env(**any_keyring.env)
    )
    assert listed.code == 0, listed.err
    assert "found in a new process" in listed.out
    shown = incident("key", "status", "--json", environ=env(**any_keyring.env))
    assert json.loads(shown.out)["mode"] == "keyring"
    # the same key came back: what is in the keyring opens this folder
    assert keys.master_key(incident_home) == master


def test_the_key_is_never_written_to_disk(
    any_keyring: KeyringInUse, incident_home: Path, run: Any
) -> None:
    sid = _start(run)
    run.ok("evidence", "add", "--session", sid, "--note", "n")
    run.ok("step", "done", "check-device", "--session", sid)
    master = keys.master_key(incident_home)
    info = json.loads((incident_home / keys.KEY_FILE).read_text())
    in_keyring = keyring_door.get(f"data-key:{info['home_id']}")
    assert in_keyring is not None and base64.b64decode(in_keyring) == master
    files = snapshot(incident_home)
    assert files, "the scenario wrote nothing?"
    for name, data in files.items():
        for form in _encodings(master):
            assert form not in data, f"{name} holds the data key ({form[:8]!r}...)"


def test_without_its_key_the_folder_says_how_to_restore_it(
    any_keyring: KeyringInUse, incident_home: Path, run: Any
) -> None:
    sid = _start(run)
    before = snapshot(incident_home)
    keys.forget_from_keyring(incident_home)
    done = incident("status", "--session", sid, environ=env(**any_keyring.env))
    assert done.code == 1
    assert "not in the OS keyring" in done.err and "incident key import" in done.err
    assert "Traceback" not in done.text
    assert changed(before, snapshot(incident_home)) == []


def test_an_insecure_keyring_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A keyring that keeps nothing (or plain files) is refused: ask for a passphrase instead."""
    home = tmp_path / "fresh"
    done = incident(
        *START,
        environ=env(
            INCIDENT_HOME=str(home),
            INCIDENT_PASSPHRASE=None,
            PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        ),
    )
    assert done.code == 1
    assert done.err.startswith("Error: no secure OS keyring is available"), done.err
    assert len(done.err.strip().splitlines()) == 1
    assert not (home / keys.KEY_FILE).exists()


# -- the passphrase ----------------------------------------------------------------------
def test_passphrase_mode_wraps_the_key(incident_home: Path, run: Any) -> None:
    sid = _start(run)  # the autouse fixture sets INCIDENT_PASSPHRASE
    assert keys.store_mode(incident_home) == "passphrase"
    master = keys.master_key(incident_home)
    for name, data in snapshot(incident_home).items():
        for form in _encodings(master):
            assert form not in data, f"{name} holds the data key"
    keys.forget_cached()
    done = incident("status", "--session", sid, "--json")
    assert done.code == 0, done.err


WRONG_PASSPHRASE_COMMANDS = [
    ("list",),
    ("status",),
    ("verify",),
    ("evidence", "add", "--note", "should not be stored"),
    ("evidence", "list"),
    ("step", "done", "check-device"),
    ("answer", "can-you-log-in", "no"),
    ("export", "--format", "json"),
    ("close",),
]


@pytest.mark.parametrize("args", WRONG_PASSPHRASE_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_a_wrong_passphrase_is_one_line_and_changes_nothing(
    args: tuple[str, ...], incident_home: Path, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _start(run)
    run.ok("evidence", "add", "--note", "before")
    before = snapshot(incident_home)
    keys.forget_cached()
    monkeypatch.setenv("INCIDENT_PASSPHRASE", "not the passphrase")
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: wrong passphrase"), result.stderr
    assert changed(before, snapshot(incident_home)) == []


def test_a_wrong_passphrase_in_a_new_process(incident_home: Path, run: Any) -> None:
    sid = _start(run)
    before = snapshot(incident_home)
    done = incident(
        "evidence", "add", "--session", sid, "--note", "x", environ=env(INCIDENT_PASSPHRASE="wrong")
    )
    assert done.code == 1
    assert done.out == ""
    assert done.err.strip().splitlines() == [
        "Error: wrong passphrase (nothing was changed; try again)"
    ]
    assert changed(before, snapshot(incident_home)) == []


def test_no_keyring_and_no_passphrase_off_a_terminal(tmp_path: Path) -> None:
    home = tmp_path / "fresh"
    done = incident(
        *START,
        environ=env(
            INCIDENT_HOME=str(home),
            INCIDENT_PASSPHRASE=None,
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        ),
    )
    assert done.code == 1
    assert "no passphrase was given" in done.err and "INCIDENT_PASSPHRASE" in done.err
    assert "Traceback" not in done.text
    assert not (home / keys.KEY_FILE).exists()
    assert not list((home / "sessions").glob("*")) if (home / "sessions").exists() else True


# -- a keyring that hangs --------------------------------------------------------------------
TIMEOUT = 2.0
SLACK = 8.0  # interpreter start-up and imports on a slow CI machine


def test_a_hung_keyring_on_first_use_fails_after_the_timeout(tmp_path: Path) -> None:
    home = tmp_path / "fresh"
    done = incident(
        *START,
        environ=env(
            INCIDENT_HOME=str(home),
            INCIDENT_PASSPHRASE=None,
            INCIDENT_KEYRING_TIMEOUT=str(TIMEOUT),
            PYTHON_KEYRING_BACKEND="fake_keyrings.HungKeyring",
        ),
        timeout=60,
    )
    assert done.code == 1, done.text
    assert f"did not answer within {TIMEOUT:g} s" in done.err
    assert TIMEOUT <= done.seconds < TIMEOUT + SLACK, done.seconds
    assert not (home / keys.KEY_FILE).exists()


@pytest.mark.parametrize("backend", ["HungKeyring", "HungStartKeyring"])
def test_a_hung_keyring_cannot_hang_a_command(
    backend: str, file_keyring: KeyringInUse, incident_home: Path, run: Any
) -> None:
    """Hung on every call, or already when it is looked up (D-Bus not answering)."""
    sid = _start(run)  # key kept in the stand-in keyring
    before = snapshot(incident_home)
    hung = env(
        INCIDENT_KEYRING_TIMEOUT=str(TIMEOUT), PYTHON_KEYRING_BACKEND=f"fake_keyrings.{backend}"
    )
    for args in (("status", "--session", sid), ("evidence", "add", "--note", "x")):
        done = incident(*args, environ=hung, timeout=60)
        assert done.code == 1, done.text
        assert done.err.startswith(f"Error: the OS keyring did not answer within {TIMEOUT:g} s")
        assert TIMEOUT <= done.seconds < TIMEOUT + SLACK, done.seconds
    # key status asks the keyring several things: one timeout in all, not one each
    baseline = incident("key", "status", "--json", environ=env(**file_keyring.env)).seconds
    shown = incident("key", "status", "--json", environ=hung, timeout=60)
    assert shown.code == 0 and json.loads(shown.out)["mode"] == "keyring"
    assert shown.seconds < baseline + 1.5 * TIMEOUT, (shown.seconds, baseline)
    assert changed(before, snapshot(incident_home)) == []
    # and the key is still there for when the keyring answers again
    keys.forget_cached()
    assert incident("status", "--session", sid, environ=env(**file_keyring.env)).code == 0


def test_the_real_passphrase_kdf_is_costly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other tests lower scrypt's N for speed; what users get is N=2**15 (32 MiB)."""
    monkeypatch.setattr(keys, "SCRYPT_N", REAL_SCRYPT_N)
    assert keys.SCRYPT_N >= 2**15
    home = tmp_path / "real-kdf"
    keys.master_key(home, create=True, passphrase="a passphrase")
    info = json.loads((home / keys.KEY_FILE).read_text())
    assert info["n"] == keys.SCRYPT_N and info["r"] == 8

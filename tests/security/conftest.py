"""Fixtures of the security tests: the real OS keyring, and a stand-in one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from incident.journal import keyring_door, keys


@dataclass
class KeyringInUse:
    """Which keyring a test talks to, and how a subprocess reaches the same one."""

    name: str
    env: dict[str, str]  # changes to a subprocess's environment
    homes: list[Path] = field(default_factory=list)  # data folders whose keys to delete after

    def forget_all(self) -> None:
        for home in self.homes:
            if (home / keys.KEY_FILE).exists():
                keys.forget_from_keyring(home)


REAL_SCRYPT_N = keys.SCRYPT_N


@pytest.fixture(autouse=True)
def quick_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wrap keys with scrypt N=2**10 here: these tests are not about its cost, and at the
    real N (see test_keyring.py) every derivation takes ~0.3 s, in every process. Key files
    record their N, so subprocesses use the same."""
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def real_keyring(monkeypatch: pytest.MonkeyPatch, incident_home: Path) -> Iterator[KeyringInUse]:
    """The OS's Secret Service, with INCIDENT_PASSPHRASE unset so keys go to the keyring.

    Skips when none is reachable, except under INCIDENT_REQUIRE_KEYRING=1 (set by .ci/run),
    where a missing keyring fails the test.
    """
    monkeypatch.delenv("INCIDENT_PASSPHRASE", raising=False)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("INCIDENT_KEYRING_TIMEOUT", "20")
    name = keyring_door.backend_name() if keyring_door.available() else "none"
    if "SecretService" not in name:
        reason = (
            f"no Secret Service reachable (keyring backend: {name}); run under "
            "dbus-run-session with gnome-keyring unlocked, as .ci/run does"
        )
        if os.environ.get("INCIDENT_REQUIRE_KEYRING") == "1":
            pytest.fail(f"INCIDENT_REQUIRE_KEYRING=1 but {reason}")
        pytest.skip(reason)
    used = KeyringInUse(name, {}, [incident_home])
    try:
        yield used
    finally:
        keys.forget_cached()
        used.forget_all()


@pytest.fixture
def file_keyring(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, incident_home: Path
) -> Iterator[KeyringInUse]:
    """A stand-in keyring kept in a JSON file, in this process and in subprocesses."""
    import keyring

    from .fake_keyrings import FileKeyring

    monkeypatch.setenv("FAKE_KEYRING_FILE", str(tmp_path / "fake-keyring.json"))
    monkeypatch.delenv("INCIDENT_PASSPHRASE", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    try:
        yield KeyringInUse(
            "stand-in", {"PYTHON_KEYRING_BACKEND": "fake_keyrings.FileKeyring"}, [incident_home]
        )
    finally:
        keyring.set_keyring(previous)


@pytest.fixture(params=["secret-service", "stand-in"])
def any_keyring(request: pytest.FixtureRequest) -> KeyringInUse:
    """Runs a test against the real Secret Service and against the stand-in keyring."""
    fixture = "real_keyring" if request.param == "secret-service" else "file_keyring"
    used: KeyringInUse = request.getfixturevalue(fixture)
    return used

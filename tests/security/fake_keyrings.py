"""Keyring backends for tests, loaded in a subprocess with PYTHON_KEYRING_BACKEND.

This folder is put on PYTHONPATH, so the names are ``fake_keyrings.HungKeyring`` and
``fake_keyrings.FileKeyring``. Never used outside the tests.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from jaraco.classes import properties
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class OnlyWhenNamed(KeyringBackend):
    """Never picked by keyring's own search (which would make every one of them, hung
    or not, in any process that imported this module): only when named in
    PYTHON_KEYRING_BACKEND, or set with keyring.set_keyring()."""

    @properties.classproperty
    def priority(cls) -> float:
        named = os.environ.get("PYTHON_KEYRING_BACKEND", "").rsplit(".", 1)[-1]
        if named != cls.__name__:
            raise RuntimeError("a test keyring, used only when named")
        return 1


class HungKeyring(OnlyWhenNamed):
    """Answers nothing, like a Secret Service stuck on D-Bus."""

    def get_password(self, service: str, username: str) -> str | None:
        time.sleep(3600)
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        time.sleep(3600)

    def delete_password(self, service: str, username: str) -> None:
        time.sleep(3600)


class FileKeyring(OnlyWhenNamed):
    """Keeps secrets in the JSON file named by FAKE_KEYRING_FILE: a stand-in OS keyring."""

    @staticmethod
    def _path() -> Path:
        return Path(os.environ["FAKE_KEYRING_FILE"])

    def _load(self) -> dict[str, str]:
        try:
            data: dict[str, str] = json.loads(self._path().read_text())
        except FileNotFoundError:
            return {}
        return data

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}/{username}"] = password
        self._path().write_text(json.dumps(data))

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self._path().write_text(json.dumps(data))


class HungStartKeyring(HungKeyring):
    """Hangs as soon as it is looked up, like a Secret Service whose D-Bus never answers."""

    def __init__(self) -> None:
        time.sleep(3600)

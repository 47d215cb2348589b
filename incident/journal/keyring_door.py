"""The one door to the OS keyring: every call is bounded by a timeout."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from typing import TypeVar

from incident.errors import KeyUnavailable

SERVICE = "incident"
T = TypeVar("T")

# Backends that keep nothing, refuse everything, or keep secrets in plain files.
_INSECURE_MODULE_PREFIXES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


def _timeout() -> float:
    try:
        return float(os.environ.get("INCIDENT_KEYRING_TIMEOUT", "10"))
    except ValueError:
        return 10.0


_hung: list[str] = []  # set once a call timed out: the next would only hang again


def _bounded(fn: Callable[[], T], what: str) -> T:
    """Run ``fn`` in a daemon thread so a hung D-Bus cannot hang the command."""
    if _hung:
        raise KeyUnavailable(
            f"the OS keyring did not answer within {_timeout():g} s ({_hung[0]})",
            "unlock your keyring, or set INCIDENT_PASSPHRASE to use a passphrase",
        )
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed back to the caller below
            box["error"] = exc

    worker = threading.Thread(target=run, name=f"keyring-{what}", daemon=True)
    worker.start()
    worker.join(_timeout())
    if worker.is_alive():
        _hung.append(what)
        raise KeyUnavailable(
            f"the OS keyring did not answer within {_timeout():g} s ({what})",
            "unlock your keyring, or set INCIDENT_PASSPHRASE to use a passphrase",
        )
    if "error" in box:
        err = box["error"]
        if isinstance(err, KeyUnavailable):
            raise err
        raise KeyUnavailable(
            f"the OS keyring failed ({what}): {err.__class__.__name__}",
            "unlock your keyring, or set INCIDENT_PASSPHRASE to use a passphrase",
        )
    return box["value"]  # type: ignore[return-value]


def _is_secure(backend: object) -> bool:
    module = type(backend).__module__
    if module.startswith(_INSECURE_MODULE_PREFIXES):
        return False
    children = getattr(backend, "backends", None)
    if module.startswith("keyring.backends.chainer"):
        return bool(children) and all(_is_secure(b) for b in children or [])
    return True


def backend_name() -> str:
    """The active backend's class name, e.g. ``SecretService Keyring``."""

    def probe() -> str:
        import keyring

        backend = keyring.get_keyring()
        return f"{type(backend).__module__}.{type(backend).__name__}"

    return _bounded(probe, "probe")


def available() -> bool:
    """True when a keyring that really protects secrets is reachable."""

    def probe() -> bool:
        import keyring

        return _is_secure(keyring.get_keyring())

    try:
        return _bounded(probe, "probe")
    except KeyUnavailable:
        return False


def get(name: str) -> str | None:
    def call() -> str | None:
        import keyring

        value = keyring.get_password(SERVICE, name)
        return None if value is None else str(value)

    return _bounded(call, "read")


def put(name: str, secret: str) -> None:
    def call() -> None:
        import keyring

        keyring.set_password(SERVICE, name, secret)

    _bounded(call, "write")


def delete(name: str) -> None:
    def call() -> None:
        import keyring
        from keyring.errors import PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError):
            keyring.delete_password(SERVICE, name)

    _bounded(call, "delete")

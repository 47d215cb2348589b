"""One writer per session: a file lock with a short wait, then a clear error."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from incident.errors import SessionInUse


def _wait_seconds() -> float:
    try:
        return float(os.environ.get("INCIDENT_LOCK_TIMEOUT", "10"))
    except ValueError:
        return 10.0


@contextmanager
def locked(
    folder: Path, session_id: str, on_wait: Callable[[float], None] | None = None
) -> Iterator[None]:
    """Hold the session's lock; ``on_wait(seconds)`` is told once if another holds it."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(folder / "lock"), timeout=_wait_seconds(), mode=0o600)
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if on_wait is not None:
                on_wait(_wait_seconds())  # so a person knows why nothing happens yet
            lock.acquire()
        try:
            yield
        finally:
            lock.release()
    except Timeout:
        raise SessionInUse.said(
            "lock.in-use", "lock.in-use-hint", values={"session": session_id}
        ) from None


def busy(folder: Path) -> bool:
    """True while another command holds the session's lock (an append may be half done)."""
    from filelock import FileLock, Timeout

    path = folder / "lock"
    if not path.exists():
        return False
    try:
        with FileLock(str(path), timeout=0, mode=0o600):
            return False
    except Timeout:
        return True
    except OSError:  # e.g. a read-only copy of the data: nobody writes there
        return False

"""Where incident keeps its data: ``INCIDENT_HOME`` or the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def home() -> Path:
    """The data folder, created private (0700) on first use."""
    env = os.environ.get("INCIDENT_HOME")
    if env:
        path = Path(env).expanduser()
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("incident", appauthor=False))
    return ensure_dir(path)


def ensure_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it private to the user."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if os.name == "posix" and (path.stat().st_mode & 0o777) != DIR_MODE:
        path.chmod(DIR_MODE)
    return path


def sessions_dir() -> Path:
    return ensure_dir(home() / "sessions")


def user_playbooks_dir() -> Path:
    return home() / "playbooks"


def write_private(path: Path, data: bytes) -> None:
    """Atomically replace ``path`` with ``data``, readable by the user only (0600).

    The bytes go to a new temporary file in the same folder (a random name, created
    exclusively, so nobody else's file or link is ever written through), are fsynced,
    and the file is renamed over ``path``; the folder is fsynced last.
    """
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if os.name == "posix":
                os.fchmod(fh.fileno(), FILE_MODE)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def write_output(path: Path, data: bytes) -> None:
    """Write a report or export the user asked for: whole or not at all, or a one-line error."""
    from incident.errors import UsageError

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{path}: folder {folder} does not exist")
    try:
        write_private(path, data)  # reports hold the whole story: readable by the user only
    except OSError as exc:
        raise UsageError(
            f"{path}: cannot write ({exc.strerror or exc.__class__.__name__})"
        ) from None


def fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

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
    """Atomically replace ``path`` with ``data``: write, fsync, rename, fsync the folder."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

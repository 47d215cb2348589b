"""Where incident keeps its data: ``INCIDENT_HOME`` or the platform's user data folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

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
    _refuse_foreign(path)
    return ensure_dir(path)


def _refuse_foreign(path: Path) -> None:
    """A data folder that belongs to another account is never used: its owner could read,
    replace or plant anything in it (a playbook, a key, a session)."""
    if os.name != "posix" or not hasattr(os, "geteuid"):
        return
    try:
        owner = path.stat().st_uid
    except FileNotFoundError:
        return
    if owner != os.geteuid():
        from incident.errors import UsageError

        raise UsageError(
            f"the data folder {path} belongs to another account (uid {owner}); not using it",
            "point INCIDENT_HOME at a folder of your own",
        )


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


@contextmanager
def atomic_file(path: Path, *, overwrite: bool = True) -> Iterator[BinaryIO]:
    """The one way incident writes a file: whole or not at all, readable by the user only.

    The bytes go to a temporary file in the target folder with a random name, created
    exclusively (``mkstemp``: nobody can guess it, plant a link at it or read it first),
    made 0600, fsynced, then renamed to ``path``; the folder is fsynced last. Without
    ``overwrite`` an existing ``path`` is never replaced (``FileExistsError``), even one
    that appears while the file is written.
    """
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w+b") as fh:
            if os.name == "posix":
                os.fchmod(fh.fileno(), FILE_MODE)  # whatever the umask or platform default
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _publish(tmp, path, overwrite)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(folder)


def _publish(tmp: Path, path: Path, overwrite: bool) -> None:
    """Move the finished temp file to ``path``; without ``overwrite`` never replace a file."""
    if overwrite:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # fails if the name exists, so a file that appeared is never lost
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if path.exists() or path.is_symlink():
            raise FileExistsError(path) from None
        os.rename(tmp, path)
        return
    tmp.unlink()


def write_private(path: Path, data: bytes) -> None:
    """Atomically replace ``path`` with ``data``, readable by the user only (0600)."""
    with atomic_file(path) as fh:
        fh.write(data)


def write_output(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    """Write a report or export the user asked for: whole or not at all, or a one-line error.

    An existing file is kept unless ``overwrite`` (``--force``): ``-o withdrawals.png``
    must never destroy the evidence it names.
    """
    from incident.errors import UsageError

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{path}: folder {folder} does not exist")
    if path.is_dir():
        raise UsageError(f"{path} is a folder", "give a file name")
    exists = f"{path} already exists; nothing was written"
    if not overwrite and (path.exists() or path.is_symlink()):
        raise UsageError(exists, "choose another name, or add --force to replace it")
    try:
        with atomic_file(path, overwrite=overwrite) as fh:  # reports: the user's eyes only
            fh.write(data)
    except FileExistsError:
        raise UsageError(exists, "choose another name, or add --force to replace it") from None
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

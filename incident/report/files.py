"""Writing a report or export the user asked for, outside the data folder."""

from __future__ import annotations

import os
from pathlib import Path

from incident.errors import UsageError


def write_output(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole (temp file, fsync, rename) or not at all."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{path}: folder {folder} does not exist")
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    try:
        # Reports hold the whole story of the incident: readable by the user only.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(
            f"{path}: cannot write ({exc.strerror or exc.__class__.__name__})"
        ) from None

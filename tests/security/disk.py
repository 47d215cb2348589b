"""Looking at a data folder from outside: every file's bytes, modes and names."""

from __future__ import annotations

from pathlib import Path


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative path -> bytes); equal snapshots: nothing changed."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    """Files added, removed or rewritten with different bytes."""
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))

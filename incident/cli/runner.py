"""`incident run` / `incident resume` (filled in by the runner work)."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    return None

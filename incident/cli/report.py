"""`incident report` and `incident message` (filled in by the report work)."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    return None

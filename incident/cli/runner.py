"""`incident run` / `incident resume`: the interactive walk-through on a terminal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from incident.cli.options import lang_option, session_option

if TYPE_CHECKING:
    from incident.core.imports import ImportPlan
    from incident.core.store import Store


@click.command("run")
@session_option
@lang_option
def run_(session_id: str | None, lang: str | None) -> None:
    """Walk through the session step by step on this terminal (keys: d done, s skip, q quit)."""
    _run(session_id, lang)


@click.command()
@session_option
@lang_option
def resume(session_id: str | None, lang: str | None) -> None:
    """Continue the walk-through where you left off; the clock still counts from discovery."""
    _run(session_id, lang)


def _run(session_id: str | None, lang: str | None) -> None:
    from incident.cli.options import store
    from incident.runner import run as runner

    runner.run(store().resolve(session_id), lang=lang, importer=_importer)


def _importer(st: Store, session_id: str, path: Path, dry_run: bool) -> ImportPlan:
    """The runner's "import a file": the same reading and recording as `evidence import`."""
    from incident.importers.session import Choice, import_file
    from incident.times import utcnow

    return import_file(st, session_id, path, Choice(), now=utcnow(), dry_run=dry_run).plan

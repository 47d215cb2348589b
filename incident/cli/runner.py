"""`incident run` / `incident resume`: the interactive walk-through on a terminal."""

from __future__ import annotations

import click

from incident.cli.options import lang_option, session_option


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

    runner.run(store().resolve(session_id), lang=lang)

"""Options that many commands share, defined once, and the few helpers every command uses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

import click

from incident.catalog import LANGS
from incident.visible import echo

if TYPE_CHECKING:
    from incident.core.store import Store

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

session_option = click.option(
    "--session",
    "session_id",
    metavar="ID",
    help="Session id (or a unique prefix); default: the most recently active open session.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
lang_option = click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    help="Language: en or zh (default: the session's).",
)
force_output_option = click.option(
    "--force",
    "overwrite",
    is_flag=True,
    help="Replace the output file if it already exists (otherwise it is kept and nothing written).",
)
yes_option = click.option(
    "--yes",
    "confirmed",
    is_flag=True,
    help="Store text even though it looks like a password or one-time code.",
)


STDIN_HELP = " Give - to type it at a prompt or read it from standard input (kept out of `ps` and shell history)."


def text_or_stdin(value: str | None, label: str = "Note") -> str | None:
    """``-`` reads the text from standard input: typed at a prompt on a terminal, piped
    otherwise. A note given on the command line is visible to other accounts in ``ps``
    and stays in the shell's history."""
    import sys

    if value != "-":
        return value
    if sys.stdin.isatty():
        from incident.catalog import t

        echo(t("note.stdin", "en", label=label), err=True)
    text = sys.stdin.read()
    return text[:-1] if text.endswith("\n") else text


def print_json(value: Any) -> None:
    import json  # here, not at the top: `incident --help` never needs it

    echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def store() -> Store:
    """The session store of this data folder (imported lazily)."""
    from incident.core.store import Store

    return Store(on_wait=_waiting)


def _waiting(session_id: str, seconds: float) -> None:
    from incident.catalog import t

    echo(t("lock.waiting", "en", session=session_id, seconds=seconds), err=True)


def now() -> datetime:
    from incident.times import utcnow

    return utcnow()


def warn(lines: list[str]) -> None:
    for line in lines:
        echo(f"Warning: {line}", fg="yellow", err=True)


def confirming(action: Callable[[bool], T], confirmed: bool) -> T:
    """Run ``action(confirmed)``; on a terminal, ask before storing password-like text."""
    import sys

    from incident.cli.errors import option_for
    from incident.errors import NeedsConfirmation

    try:
        return action(confirmed)
    except NeedsConfirmation as exc:
        if confirmed or not sys.stdin.isatty():
            raise
        ctx = click.get_current_context(silent=True)
        echo(exc.text(lambda field: option_for(ctx, field)), fg="yellow", err=True)
        if exc.hint:
            echo(exc.hint, err=True)
        if not click.confirm("Store it anyway?", default=False, err=True):
            raise click.ClickException("nothing was stored") from None
        return action(True)


def files_option(help: str) -> Callable[[F], F]:
    """``--file PATH`` (repeatable), given to the command as ``files``."""
    from pathlib import Path

    return click.option(
        "--file", "files", multiple=True, type=click.Path(path_type=Path), help=help
    )

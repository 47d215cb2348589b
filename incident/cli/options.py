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
    from incident.core.view import SessionView

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

session_option = click.option(
    "--session",
    "session_id",
    metavar="ID",
    help="Session id (or a unique prefix); default: the most recently active open session.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
LANG_KEY = "incident.lang"  # ctx.meta: the language the user reads (--lang, else the session's)
CHOSEN_KEY = "incident.lang-chosen"  # ctx.meta: --lang was given, the session's does not win


def _remember_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        meta = ctx.find_root().meta
        meta[LANG_KEY] = value
        meta[CHOSEN_KEY] = True
    return value


lang_option = click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    callback=_remember_lang,
    help="Language: en or zh (default: the session's).",
)
force_output_option = click.option(
    "--force",
    "overwrite",
    is_flag=True,
    help="Replace the output file if it already exists (otherwise it is kept and nothing written).",
)


def lang() -> str:
    """The language this command speaks: --lang, else the session's, else English."""
    ctx = click.get_current_context(silent=True)
    return str(ctx.find_root().meta.get(LANG_KEY, "en")) if ctx is not None else "en"


def use_lang(value: str) -> None:
    """Speak ``value`` from now on, unless the user chose a language with --lang."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and not ctx.find_root().meta.get(CHOSEN_KEY):
        ctx.find_root().meta[LANG_KEY] = value


def say(key: str, **values: object) -> str:
    """Catalog entry ``key`` in this command's language."""
    from incident.catalog import t

    return t(key, lang(), **values)


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
    echo(say("lock.waiting", session=session_id, seconds=seconds), err=True)


def resolve(st: Store, session_id: str | None) -> str:
    """The session a command acts on; speaks its language from here on.

    Without ``--session`` and with more than one open session, it says which one it chose.
    """
    from incident.errors import IncidentError

    sid = st.resolve(session_id)
    try:
        first = st.first_event(sid)
    except IncidentError:  # a damaged journal: the command itself says what is wrong
        return sid
    use_lang(first.lang)
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.find_root().meta[SESSION_KEY] = (sid, first.platform, first.account)
    if session_id is None and sum(1 for _, h in st.heads() if not h.meta.get("closed")) > 1:
        echo(
            say("session.chosen", **named(sid, first.platform, first.account)),
            fg="cyan",
            err=True,
        )
    return sid


SESSION_KEY = "incident.session"  # ctx.meta: (id, platform, account) of the session acted on


def named(sid: str, platform: str, account: str) -> dict[str, str]:
    return {"sid": sid, "platform": platform, "account": account}


def session_words() -> dict[str, str]:
    """``sid``, ``platform`` and ``account`` of the session this command acted on."""
    ctx = click.get_current_context(silent=True)
    found = ctx.find_root().meta.get(SESSION_KEY) if ctx is not None else None
    if not found:
        return named("?", "?", "?")
    return named(*found)


def read_view(session_id: str | None, *, decode_all: bool = False) -> SessionView:
    """The session a reading command shows: chosen (speaking its language from here on),
    read, and any damage or crash residue told on stderr in this command's language."""
    st = store()
    view = st.open(resolve(st, session_id), decode_all=decode_all)
    warn(view.warnings_in(lang()))
    return view


def now() -> datetime:
    from incident.times import utcnow

    return utcnow()


def warn(lines: list[str]) -> None:
    sep = "：" if lang() == "zh" else ": "
    for line in lines:
        echo(f"{say('error.warning')}{sep}{line}", fg="yellow", err=True)


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
        speak = lang()
        echo(exc.text(lambda field: option_for(ctx, field, speak), speak), fg="yellow", err=True)
        hint = exc.hint_text(speak)
        if hint:
            echo(hint, err=True)
        if not click.confirm(say("secret.store-anyway"), default=False, err=True):
            from incident.errors import EvidenceError

            raise EvidenceError.said("secret.not-stored") from None
        return action(True)


def output_option(help: str, **extra: Any) -> Callable[[F], F]:
    """``-o/--output FILE``, given to the command as ``output`` (a Path, or None)."""
    from pathlib import Path

    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        metavar="FILE",
        help=help,
        **extra,
    )


invariant_option = click.option(
    "--invariant",
    is_flag=True,
    help="Byte-identical output for identical input (also when SOURCE_DATE_EPOCH is set).",
)


def files_option(help: str) -> Callable[[F], F]:
    """``--file PATH`` (repeatable), given to the command as ``files``."""
    from pathlib import Path

    return click.option(
        "--file", "files", multiple=True, type=click.Path(path_type=Path), help=help
    )

"""How a domain error reads on the command line: its fields named as the options that set
them, and what to type next."""

from __future__ import annotations

import click

from incident.errors import (
    ActionStep,
    IncidentError,
    NeedsConfirmation,
    Overridable,
    QuestionStep,
    SessionClosedError,
    UnknownStep,
    WaitingForAnswer,
)

OPTIONS_KEY = "incident.options"  # ctx.meta: a command's field -> option, where they differ


def option_for(ctx: click.Context | None, field: str) -> str:
    """``--to-address`` for ``to_address``; a command may name its own (``text`` is ``--note``)."""
    named = ctx.find_root().meta.get(OPTIONS_KEY, {}) if ctx is not None else {}
    if field in named:
        return str(named[field])
    if field == "file":
        return "the --file name"
    return "--" + field.replace("_", "-")


def _next(exc: IncidentError) -> str | None:
    """What to type next, for the errors that have a command for it."""
    if isinstance(exc, NeedsConfirmation):
        return "Remove it, or pass --yes if it is not one"
    if isinstance(exc, Overridable):
        return "add --force to record it anyway"
    if isinstance(exc, QuestionStep):
        return f"answer it with: incident answer {exc.step_id} VALUE"
    if isinstance(exc, WaitingForAnswer):
        return f"answer it first: incident answer {exc.step_id} VALUE"
    if isinstance(exc, ActionStep):
        return f"mark it with: incident step done {exc.step_id}"
    if isinstance(exc, SessionClosedError):
        return "reopen it with: incident reopen"
    if isinstance(exc, UnknownStep) and exc.hint is None:
        return "see the steps with: incident status"
    return None


def message(exc: IncidentError, ctx: click.Context | None = None) -> str:
    """The error as one line (or a few, for a playbook's problems), with what to do next."""
    text = exc.text(lambda field: option_for(ctx, field))
    hints = [h for h in (exc.hint, _next(exc)) if h]
    if not hints:
        return text
    joined = hints[0] if len(hints) == 1 else f"{hints[0].rstrip('.')}. {hints[1]}"
    return f"{text} ({joined})"


def name_options(options: dict[str, str]) -> None:
    """Tell the error messages how this command names its fields."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.find_root().meta.setdefault(OPTIONS_KEY, {}).update(options)

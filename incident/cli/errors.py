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


def option_for(ctx: click.Context | None, field: str, lang: str = "en") -> str:
    """``--to-address`` for ``to_address``; a command may name its own (``text`` is ``--note``)."""
    named = ctx.find_root().meta.get(OPTIONS_KEY, {}) if ctx is not None else {}
    if field in named:
        return str(named[field])
    if field == "file":
        from incident.catalog import t

        return t("cli.file-name", lang)
    return "--" + field.replace("_", "-")


def _next(exc: IncidentError, lang: str) -> str | None:
    """What to type next, for the errors that have a command for it."""
    from incident.catalog import t

    if isinstance(exc, NeedsConfirmation):
        return t("cli.next.confirm", lang)
    if isinstance(exc, Overridable):
        return t("cli.next.force", lang)
    if isinstance(exc, QuestionStep):
        return t("cli.next.answer", lang, step=exc.step_id)
    if isinstance(exc, WaitingForAnswer):
        return t("cli.next.answer-first", lang, step=exc.step_id)
    if isinstance(exc, ActionStep):
        return t("cli.next.mark", lang, step=exc.step_id)
    if isinstance(exc, SessionClosedError):
        return t("cli.next.reopen", lang)
    if isinstance(exc, UnknownStep) and exc.hint is None:
        return t("cli.next.step-ids", lang)
    return None


def message(exc: IncidentError, ctx: click.Context | None = None, lang: str = "en") -> str:
    """The error as one line (or a few, for a playbook's problems), with what to do next."""
    text = exc.text(lambda field: option_for(ctx, field, lang), lang)
    hints = [h for h in (exc.hint_text(lang), _next(exc, lang)) if h]
    if not hints:
        return text
    if lang == "zh":
        joined = hints[0] if len(hints) == 1 else f"{hints[0].rstrip('。')}。{hints[1]}"
        return f"{text}（{joined}）"
    joined = hints[0] if len(hints) == 1 else f"{hints[0].rstrip('.')}. {hints[1]}"
    return f"{text} ({joined})"


def name_options(options: dict[str, str]) -> None:
    """Tell the error messages how this command names its fields."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.find_root().meta.setdefault(OPTIONS_KEY, {}).update(options)

"""The questions behind each kind of evidence, asked from the kind's own fields.

Every answer is checked by the field's own reader as it is typed (a time, an amount, an
asset, an IP address, a file), so a typo is asked again instead of losing the form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from incident.catalog import t
from incident.core import actions, kinds
from incident.core.attachments import read_file
from incident.core.state import SessionState
from incident.runner.ask import Ask
from incident.times import local, utcnow


@dataclass
class Filled:
    """A filled-in form: what to record, and the files to attach."""

    draft: actions.Draft
    files: list[Path] = field(default_factory=list)


def path_of(text: str) -> Path:
    """The path a user typed or dropped on the terminal (quotes and ``\\ `` escapes removed)."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return Path(text.replace("\\ ", " ")).expanduser()


def _check_file(text: str) -> None:
    read_file(path_of(text))


def _files(ask: Ask) -> list[Path]:
    given = ask.text(
        t("runner.ask.optional-file", ask.lang),
        check=_check_file,
        field=t("runner.field.file", ask.lang),
    )
    return [path_of(given)] if given else []


def evidence(ask: Ask, kind_name: str, state: SessionState, now: datetime) -> Filled:
    """Ask for each field of a kind in turn; a note alone is asked without a file."""
    kind = kinds.get(kind_name)
    lang, tz = ask.lang, state.tz
    example = local(now, tz).strftime("%Y-%m-%d %H:%M")
    values: dict[str, str | None] = {}
    for f in kind.fields:
        prompt = f.prompt.get(lang).replace("{example}", example)
        offer = f.suggest(state.platform_info, values) if f.suggest else None
        if f.choices:
            options = [(value, label.get(lang)) for value, label in f.choices.items()]
            values[f.name] = ask.choose(prompt, options, offer or options[0][0])
            continue

        def check(text: str, name: str = f.name) -> None:
            actions.check_value(kind_name, name, text, tz, utcnow())

        values[f.name] = ask.text(
            prompt, required=f.required, default=offer, check=check, field=f.label.get(lang)
        )
    draft = actions.Draft(kind_name, values)
    return Filled(draft, [] if kind_name == "note" else _files(ask))


def file(ask: Ask) -> Filled:
    lang = ask.lang
    given = ask.text(
        t("runner.ask.file", lang),
        required=True,
        check=_check_file,
        field=t("runner.field.file", lang),
    )
    assert given is not None
    path = path_of(given)
    text = ask.text(t("runner.ask.description", lang), default=path.name)
    return Filled(actions.note(text or path.name), [path])

"""`incident evidence ...`: record evidence of each registered kind, and list it.

The recording commands (`add`, `tx`, `login`, `contact`, ...) are made from the kinds'
fields: one option a field, with the kind's own help. They are built only when run, so
`incident evidence --help` loads no kind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from incident.cli.lazy import Lazy, LazyGroup
from incident.cli.options import (
    STDIN_HELP,
    confirming,
    files_option,
    json_option,
    lang,
    lang_option,
    now,
    print_json,
    read_view,
    resolve,
    say,
    session_option,
    session_words,
    store,
    text_or_stdin,
    yes_option,
)
from incident.visible import echo


def _kind_commands() -> dict[str, Lazy]:
    from incident.core import kinds

    table = {e.command: Lazy(f"kind:{e.name}", e.help) for e in kinds.entries()}
    table["correct"] = Lazy(
        "incident.cli.corrections:correct",
        "Correct fields of an entry; the original is kept and the report lists the change.",
    )
    table["retract"] = Lazy(
        "incident.cli.corrections:retract",
        "Retract an entry: it leaves totals, report and messages; the original is kept.",
    )
    table["import"] = Lazy("incident.cli.imports:import_", IMPORT_SUMMARY)
    return table


IMPORT_SUMMARY = "Import an exchange's history export (CSV or XLSX) as transactions."


class EvidenceGroup(LazyGroup):
    """Its subcommands are the registered kinds, made into commands when run."""

    def load(self, name: str, entry: Lazy) -> click.Command:
        if not entry.target.startswith("kind:"):
            return super().load(name, entry)
        return kind_command(entry.target.removeprefix("kind:"), name, entry.summary)


@click.group(cls=EvidenceGroup, lazy=_kind_commands)
def evidence() -> None:
    """Record evidence: notes and files, transactions, logins, support contacts."""


def kind_command(kind_name: str, command: str, summary: str) -> click.Command:
    """`incident evidence COMMAND`: one option per field of the kind, plus the common ones."""
    from incident.core import kinds

    kind = kinds.get(kind_name)
    options = {f.name: f.option for f in kind.fields}

    def callback(
        session_id: str | None,
        files: tuple[Path, ...],
        step_id: str | None,
        confirmed: bool,
        as_json: bool,
        lang: str | None,
        **values: str | None,
    ) -> None:
        from incident.cli.errors import name_options
        from incident.core import actions

        name_options(options)
        for f in kind.fields:
            if f.long:
                values[f.name] = text_or_stdin(values.get(f.name), f.label.en)
        draft = actions.Draft(kind_name, values)
        _record(session_id, draft, confirmed, as_json, files, step_id, kind.label)

    decorators: list[Any] = [session_option]
    for f in kind.fields:
        choice = click.Choice(list(f.choices)) if f.choices else None
        decorators.append(
            click.option(
                f.option,
                f.name,
                required=f.required,
                type=choice,
                metavar=f.metavar,
                help=f.help + (STDIN_HELP if f.long else ""),
            )
        )
    decorators += [
        files_option(
            "A screenshot or document to attach (repeatable); a copy is kept, with its SHA-256."
        ),
        click.option(
            "--step",
            "step_id",
            metavar="STEP_ID",
            help="The playbook step this belongs to (ids: `incident status` or `incident next`).",
        ),
        yes_option,
        json_option,
        lang_option,
    ]
    decorated: Any = callback
    for decorator in reversed(decorators):
        decorated = decorator(decorated)
    made: click.Command = click.command(command, help=summary)(decorated)
    return made


def _record(
    session_id: str | None,
    draft: Any,
    confirmed: bool,
    as_json: bool,
    files: tuple[Path, ...] = (),
    step_id: str | None = None,
    what: Any = None,
) -> None:
    from incident.core import actions

    st = store()
    sid = resolve(st, session_id)
    shown: list[str] = []
    if not confirmed and not as_json:
        _ask_about_warnings(st, sid, draft, shown)
    result = confirming(
        lambda ok: actions.add_evidence(
            st,
            sid,
            draft,
            now=now(),
            files=files,
            step_id=step_id,
            confirmed=ok,
            lang=lang(),
        ),
        confirmed,
    )
    if as_json:
        print_json(
            {
                "session_id": sid,
                "number": result.number,
                "warnings": result.warnings,
                "notes": result.notes,
            }
        )
        return
    for warning in result.warnings:
        if warning not in shown:
            echo(f"!!! {warning}", fg="red", bold=True, err=True)
    for note in result.notes:
        echo(note, err=True)
    label = what.get(lang()) if what is not None else say("label.evidence")
    label = label.lower() if lang() == "en" else label
    echo(say("cli.recorded", what=label, n=result.number, **session_words()))


def _ask_about_warnings(st: Any, sid: str, draft: Any, shown: list[str]) -> None:
    """On a terminal: show at once what looks wrong with an entry, and ask before recording."""
    import sys

    from incident.core import actions
    from incident.errors import Declined

    if not sys.stdin.isatty():
        return  # a script: it is recorded, and the warnings printed after
    first = st.first_event(sid)
    warnings = actions.warnings_of(draft, first.tz, lang())
    if not warnings:
        return
    for warning in warnings:
        echo(f"!!! {warning}", fg="red", bold=True, err=True)
    shown.extend(warnings)
    if not click.confirm(say("check.record-anyway"), default=True, err=True):
        raise Declined(say("cli.declined"), say("cli.declined-hint"))


@evidence.command("list")
@session_option
@json_option
@lang_option
def list_(session_id: str | None, as_json: bool, lang: str | None) -> None:
    """List the evidence recorded so far."""
    from incident.catalog import t
    from incident.cli.options import lang as speaking
    from incident.report.formats.json import evidence_item
    from incident.times import fmt_local

    view = read_view(session_id, decode_all=True)
    state = view.state
    gap = view.integrity.after_gap
    if as_json:
        items = [evidence_item(i, after_gap=gap) for i in state.evidence]
        print_json({"session_id": state.id, "evidence": items})
        return
    if not state.evidence:
        echo(say("cli.no-evidence"))
    for item in state.evidence:
        line = item.line(speaking(), state.tz)
        if item.state != "active":  # shown as it reads now; a retracted one is marked so
            line = f"[{t('fix.state.' + item.state, speaking())}] {line}"
        after = gap is not None and item.entry >= gap
        mark = f" [{t('integrity.after-gap', speaking())}]" if after else ""
        echo(f"{fmt_local(item.at, state.tz)}  {line[:120]}{mark}")

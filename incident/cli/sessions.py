"""Session commands: start, list, status, next, step, answer, close, reopen, export, verify."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from incident.catalog import LANGS
from incident.cli.options import (
    STDIN_HELP,
    confirming,
    force_output_option,
    json_option,
    lang_option,
    now,
    print_json,
    session_option,
    store,
    text_or_stdin,
    warn,
    yes_option,
)
from incident.report.formats import Format
from incident.visible import echo

F = TypeVar("F", bound=Callable[..., Any])


@click.command()
@click.option(
    "--playbook",
    "playbook",
    required=True,
    metavar="NAME|PATH",
    help="Bundled or user playbook name (see `incident playbooks list`), or a YAML file.",
)
@click.option("--platform", required=True, help="The platform, e.g. OKX, Binance, Gmail, GoPay.")
@click.option("--account", required=True, help="Which account: e-mail, phone or user id.")
@click.option(
    "--discovered-at",
    metavar="ISO-8601",
    help="When you noticed the takeover (default: now). Without an offset: the session's zone.",
)
@click.option("--tz", metavar="ZONE", help="IANA time zone of the session (default: the system's).")
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default="en",
    show_default=True,
    help="Language of the steps, messages and report.",
)
@click.option("--no-run", is_flag=True, help="Do not start the interactive walk-through.")
@click.option(
    "--override-bundled",
    is_flag=True,
    help="Use a user playbook that has the id or name of a bundled one (it can change which "
    "domains count as official).",
)
@json_option
def start(
    playbook: str,
    platform: str,
    account: str,
    discovered_at: str | None,
    tz: str | None,
    lang: str,
    no_run: bool,
    override_bundled: bool,
    as_json: bool,
) -> None:
    """Start a new incident session and print its id."""
    from incident.core import actions

    state = actions.start(
        store(),
        playbook=playbook,
        platform=platform,
        account=account,
        now=now(),
        discovered_at=discovered_at,
        tz=tz,
        lang=lang,  # type: ignore[arg-type]
        override_bundled=override_bundled,
    )
    if as_json:
        print_json(
            {
                "session_id": state.id,
                "playbook": {
                    "id": state.playbook.id,
                    "origin": state.playbook_origin,
                    "sha256": state.playbook_sha256,
                },
            }
        )
        return
    echo(state.id)
    from incident.catalog import t

    pb = state.playbook
    echo(
        t("start.playbook", lang, id=pb.id, version=pb.version, source=state.playbook_source),
        err=True,
    )
    if not state.playbook_origin.startswith("bundled:"):
        warn([t("start.not-bundled", lang)])
    if state.platform_id is None and state.playbook.platforms:
        known = ", ".join(p.name for p in state.playbook.platforms)
        warn(
            [
                f"{state.platform!r} is not one of this playbook's platforms ({known}); "
                "steps show general advice and support contacts cannot be checked."
            ]
        )
    if not no_run and sys.stdin.isatty() and sys.stdout.isatty():
        from incident.runner import run as runner

        runner.run(state.id)
    else:
        echo(
            "Next: `incident status` to see what to do, or `incident run` to be walked through.",
            err=True,
        )


@click.command("list")
@json_option
def list_(as_json: bool) -> None:
    """List sessions, most recently active first."""
    from incident.core.status import summaries

    skipped: list[str] = []
    rows = summaries(store(), skipped)
    warn(skipped)
    if as_json:
        print_json(rows)
        return
    if not rows:
        echo("No sessions yet. Start one with: incident start --help")
        return
    for r in rows:
        echo(
            f"{r['session_id']}  {r['status']:<6}  {r['playbook']:<16} {r['platform']} / {r['account']}"
            f"  (last activity {r['last_activity_local']})"
        )


def _status(session_id: str | None) -> Any:
    from incident.core.status import status

    st = store()
    view = st.open(st.resolve(session_id))
    warn(view.warnings)
    return status(view.state, now())


@click.command("status")
@session_option
@json_option
def status_(session_id: str | None, as_json: bool) -> None:
    """Progress, next steps, time since discovery, overdue steps and the next follow-up."""
    result = _status(session_id)
    if as_json:
        print_json(result.to_json())
        return
    for line in result.lines():
        echo(line)


@click.command("next")
@session_option
@json_option
def next_(session_id: str | None, as_json: bool) -> None:
    """Show the next step to do, with why and how."""
    from incident.catalog import t
    from incident.times import fmt_local

    result = _status(session_id)
    state = result.state
    lang = state.lang
    if as_json:
        data = result.to_json()
        print_json({"session_id": state.id, "next": data["next"], "overdue": data["overdue"]})
        return
    if not result.next:
        echo(t("next.none", lang))
        return
    view = result.next[0]
    step = state.playbook.step(view.id)
    assert step is not None
    echo(f"{view.id}: {step.title.get(lang)}", bold=True)
    due = fmt_local(view.due_at, state.tz)
    echo(f"[{t('label.due', lang)} {due}]" + (" (!)" if view.overdue else ""))
    echo("")
    echo(step.why.get(lang))
    echo("")
    echo(step.help.get(lang))
    note = step.note_for(state.platform_id)
    if note:
        echo("")
        echo(f"{state.platform}: {note.get(lang)}")
    if step.kind == "question":
        opts = " / ".join(f"{o.value} ({o.label.get(lang)})" for o in step.options)
        echo(f"\nAnswer with: incident answer {step.id} VALUE   [{opts}]")
    else:
        echo(f"\nWhen done: incident step done {step.id}")


@click.group()
def step() -> None:
    """Mark a step done, skipped or failed, or reset it."""


def _mark(
    status: str,
    session_id: str | None,
    step_id: str,
    note: str | None,
    reason: str | None,
    force: bool,
    confirmed: bool,
    as_json: bool,
) -> None:
    from incident.core import actions

    st = store()
    sid = st.resolve(session_id)
    event = confirming(
        lambda ok: actions.mark_step(
            st,
            sid,
            step_id,
            status,  # type: ignore[arg-type]
            now=now(),
            note=note,
            reason=reason,
            force=force,
            confirmed=ok,
        ),
        confirmed,
    )
    if as_json:
        print_json(
            {"session_id": sid, "step_id": step_id, "status": status, "forced": event.forced}
        )
        return
    echo(f"{step_id}: {status}" + (" (override recorded)" if event.forced else ""))


_step_options = [
    session_option,
    click.argument("step_id"),
    click.option("--note", help="What you did or saw." + STDIN_HELP),
    click.option(
        "--force", is_flag=True, help="Record it even though required steps are not done."
    ),
    yes_option,
    json_option,
]


def _with(options: list[Any]) -> Callable[[F], F]:
    def deco(fn: F) -> F:
        for opt in reversed(options):
            fn = opt(fn)
        return fn

    return deco


def _step_command(name: str, status: str, doc: str, reason_help: str) -> None:
    """Register `incident step NAME`; done, skip and fail differ only in these words."""

    @_with(_step_options)
    @click.option("--reason", help=reason_help)
    def command(
        session_id: str | None,
        step_id: str,
        note: str | None,
        force: bool,
        confirmed: bool,
        as_json: bool,
        reason: str | None,
    ) -> None:
        _mark(status, session_id, step_id, text_or_stdin(note), reason, force, confirmed, as_json)

    command.__doc__ = doc
    step.command(name)(command)


_step_command("done", "done", "Mark STEP_ID done.", "Why (kept with the step).")
_step_command("skip", "skipped", "Skip STEP_ID, with a reason.", "Why it is skipped (required).")
_step_command("fail", "failed", "Record that STEP_ID was tried and did not work.", "What happened.")


def _reset() -> None:
    from incident.cli.corrections import reset

    step.add_command(reset)


_reset()


@click.command()
@session_option
@click.argument("step_id")
@click.argument("value")
@click.option("--note", help="Anything worth keeping with the answer." + STDIN_HELP)
@json_option
def answer(
    session_id: str | None, step_id: str, value: str, note: str | None, as_json: bool
) -> None:
    """Answer a question step with one of its options.

    STEP_ID is the question's id (`incident status` and `incident next` show it); VALUE is
    one of its options, for example: incident answer can-you-log-in no
    """
    from incident.core import actions

    st = store()
    sid = st.resolve(session_id)
    event = actions.answer(st, sid, step_id, value, now=now(), note=text_or_stdin(note))
    if as_json:
        print_json({"session_id": sid, "step_id": step_id, "value": event.value})
        return
    echo(f"{step_id}: {event.value}")


@click.command()
@session_option
@click.option("--note", help="How it ended (e.g. funds returned, account recovered)." + STDIN_HELP)
def close(session_id: str | None, note: str | None) -> None:
    """Close the session (it can be reopened)."""
    from incident.core import actions

    st = store()
    sid = st.resolve(session_id)
    actions.close(st, sid, now=now(), note=text_or_stdin(note))
    echo(f"Closed {sid}. Reopen it with: incident reopen --session {sid}")


@click.command()
@click.option("--session", "session_id", required=True, metavar="ID", help="Session to reopen.")
def reopen(session_id: str) -> None:
    """Reopen a closed session."""
    from incident.core import actions

    st = store()
    sid = st.resolve(session_id)
    actions.reopen(st, sid, now=now())
    echo(f"Reopened {sid}.")


@click.command()
@session_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in Format]),
    default=Format.JSON.value,
    show_default=True,
    help="json: the full record in a stable shape; markdown: a readable summary; "
    "pdf: the report (needs -o).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
@lang_option
@force_output_option
def export(
    session_id: str | None, fmt: str, output: Path | None, lang: str | None, overwrite: bool
) -> None:
    """Export the session as JSON, Markdown or PDF."""
    from incident.report import formats

    chosen = Format(fmt)
    if output is None and chosen is Format.PDF:
        raise click.UsageError("a PDF needs a file to go to: add -o FILE")
    st = store()
    view = st.open(st.resolve(session_id), decode_all=True)
    warn(view.warnings)
    data = formats.render(chosen, view, formats.Options(lang=lang or view.state.lang, now=now()))
    if output is None:
        echo(data.decode("utf-8"), nl=False)
        return
    from incident.paths import write_output

    write_output(output, data, overwrite=overwrite)
    echo(f"Wrote {output}")


@click.command()
@session_option
@click.option(
    "--expect",
    metavar="REFERENCE",
    help="A record reference you kept or support quoted back (from the end of a support "
    "message, e.g. '3f2a9c0d1e2b4a5f, 42 entries'); exit 3 if this journal does not hold it.",
)
@json_option
def verify(session_id: str | None, expect: str | None, as_json: bool) -> None:
    """Check the journal: every entry, its chain of hashes and its head (exit 3 if changed).

    With --expect, also check it against a record reference kept elsewhere: that catches
    the whole session folder being put back to an older copy.
    """
    from incident.core.verify import (
        check_expected,
        parse_expected,
        reference,
        summary_line,
        verify_view,
    )

    expected = parse_expected(expect) if expect is not None else None
    st = store()
    sid = st.resolve(session_id)
    view = st.open(sid, decode_all=True)  # an entry it cannot read is named
    result = verify_view(view)
    result["reference"] = reference(view.integrity)
    if expected is not None:
        match = check_expected(view, expected)
        result["expected"] = {"entry": match.entry, "entries_since": match.later}
    if as_json:
        print_json(result)
        return
    warn(result["warnings"])
    echo(summary_line(result))
    echo(result["reference"])
    if expected is not None:
        if match.later:
            echo(
                f"The reference {expected.prefix} matches entry {match.entry}; "
                f"{match.later} entries were recorded after it."
            )
        else:
            echo(f"The reference {expected.prefix} matches the journal's head.")

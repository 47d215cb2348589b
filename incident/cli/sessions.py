"""Session commands: start, list, status, next, step, answer, close, reopen, export, verify."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from incident.catalog import LANGS
from incident.cli.lazy import LazyGroup
from incident.cli.options import (
    STDIN_HELP,
    confirming,
    force_output_option,
    json_option,
    lang,
    lang_option,
    now,
    output_option,
    print_json,
    read_view,
    resolve,
    say,
    session_option,
    session_words,
    store,
    text_or_stdin,
    use_lang,
    warn,
    yes_option,
)
from incident.report.formats import Format
from incident.visible import echo

if TYPE_CHECKING:
    from incident.core.actions import PlatformCheck

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
    metavar="TIME",
    help="When you noticed the takeover: 2026-11-25 07:42, 07:42 (today), yesterday 22:30, "
    "2 hours ago, 昨天 22:30... (default: now; asked on a terminal). Read in the session's zone.",
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
    "--yes",
    "confirmed",
    is_flag=True,
    help="Start without asking, even with a platform the playbook does not list.",
)
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
    confirmed: bool,
    as_json: bool,
) -> None:
    """Start a new incident session and print its id."""
    from incident.core import actions

    use_lang(lang)
    st = store()
    check = actions.check_platform(playbook, platform, override_bundled=override_bundled)
    if check is not None:
        platform = _which_platform(platform, check, confirmed)
    interactive = not no_run and sys.stdin.isatty() and sys.stdout.isatty()
    if interactive and discovered_at is None:
        discovered_at = _ask_discovered(tz)
    others = [sid for sid, head in st.heads() if not head.meta.get("closed")]
    state = actions.start(
        st,
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
    words = {"sid": state.id, "platform": state.platform, "account": state.account}
    echo(say("cli.started", **words), err=True)
    if others:
        echo(say("cli.started-default", count=len(others)), err=True)
    pb = state.playbook
    echo(
        say("start.playbook", id=pb.id, version=pb.version, source=state.playbook_source),
        err=True,
    )
    if not state.playbook_origin.startswith("bundled:"):
        warn([say("start.not-bundled")])
    if state.platform_id is None and state.playbook.platforms:
        known = ", ".join(p.name for p in state.playbook.platforms)
        warn([say("platform.general-advice", platform=state.platform, known=known)])
    if interactive:
        from incident.runner import run as runner

        runner.run(state.id)
    else:
        echo(say("cli.next-after-start"), err=True)


def _which_platform(platform: str, check: PlatformCheck, confirmed: bool) -> str:
    """A platform the playbook does not list: the closest it does, or this one if the user
    says so (``--yes``, or a question on a terminal)."""
    from incident.errors import UsageError

    known = ", ".join(check.known)
    typed = platform.strip()
    if confirmed:
        return platform
    if not sys.stdin.isatty():
        key = "platform.did-you-mean" if check.closest else "platform.unknown"
        raise UsageError.said(
            key,
            "platform.unknown-hint",
            values={"platform": typed, "known": known, "closest": check.closest or ""},
        )
    if check.closest and click.confirm(
        say("platform.ask-closest", platform=typed, closest=check.closest), default=True, err=True
    ):
        return str(check.closest)
    if click.confirm(
        say("platform.ask-anyway", platform=typed, known=known), default=False, err=True
    ):
        return platform
    raise UsageError.said("platform.not-started")


def _ask_discovered(tz: str | None) -> str | None:
    """When the takeover was noticed (Enter: now), asked until it reads."""
    from incident.errors import IncidentError
    from incident.times import parse_time, system_zone, zone

    zone_name = tz or system_zone()
    zone(zone_name)  # an unknown zone is refused before asking

    while True:
        given = str(
            click.prompt(say("start.ask-discovered"), default="", show_default=False, err=True)
        ).strip()
        if not given:
            return None
        try:
            parse_time(given, zone_name, now())
        except IncidentError as exc:
            echo(exc.render(lambda field: "", lang()).strip(), fg="yellow", err=True)
            continue
        return given


@click.command("list")
@json_option
@lang_option
def list_(as_json: bool, lang: str | None) -> None:
    """List sessions, most recently active first."""
    from incident.core.status import summaries

    skipped: list[str] = []
    rows = summaries(store(), now(), skipped)
    warn(skipped)
    if as_json:
        print_json(rows)
        return
    if not rows:
        echo(say("cli.no-sessions"))
        return
    for r in rows:
        speak = lang or r["lang"]
        from incident.catalog import t

        state = t("session.open" if r["status"] == "open" else "session.closed", speak)
        echo(f"{r['session_id']}  {state}  {r['playbook']}  {r['platform']} / {r['account']}")
        p = r["progress"]
        echo(
            "    "
            + t(
                "cli.list-line",
                speak,
                started=r["started_local"],
                discovered=r["discovered_local"],
                last=r["last_activity_local"],
                done=p["done"] if p else "?",
                total=p["total"] if p else "?",
                evidence=r["evidence_count"],
            )
        )


def _status(session_id: str | None) -> Any:
    from incident.core.status import status

    view = read_view(session_id)
    return status(view.state, now())


@click.command("status")
@session_option
@json_option
@lang_option
def status_(session_id: str | None, as_json: bool, lang: str | None) -> None:
    """Progress, next steps, time since discovery, overdue steps and the next follow-up."""
    result = _status(session_id)
    if as_json:
        print_json(result.to_json())
        return
    from incident.cli.options import lang as speaking

    for line in result.lines(speaking()):
        echo(line)


@click.command("next")
@session_option
@json_option
@lang_option
def next_(session_id: str | None, as_json: bool, lang: str | None) -> None:
    """Show the next step to do, with why and how (and its id, for `step` and `answer`)."""
    from incident.catalog import t
    from incident.cli.options import lang as speaking
    from incident.times import fmt_local

    result = _status(session_id)
    state = result.state
    lang = speaking()
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
        opts = "  ".join(
            f"[{n}] {o.value} ({o.label.get(lang)})" for n, o in enumerate(step.options, 1)
        )
        echo("\n" + t("cli.answer-with", lang, step=step.id, options=opts))
    else:
        echo("\n" + t("cli.done-with", lang, step=step.id))


@click.group(cls=LazyGroup)
def step() -> None:
    """Mark a step done, skipped, failed or back to to-do (ids: `incident status` or `next`)."""


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
    sid = resolve(st, session_id)
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
    from incident.catalog import t

    shown = t(f"status.{status}", lang()) + (say("cli.override") if event.forced else "")
    echo(say("cli.marked", step=step_id, status=shown, **session_words()))


_step_options = [
    session_option,
    click.argument("step_id"),
    click.option("--note", help="What you did or saw." + STDIN_HELP),
    click.option(
        "--force", is_flag=True, help="Record it even though required steps are not done."
    ),
    yes_option,
    json_option,
    lang_option,
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
        lang: str | None,
        reason: str | None,
    ) -> None:
        _mark(status, session_id, step_id, text_or_stdin(note), reason, force, confirmed, as_json)

    command.__doc__ = (
        doc + "\n\nSTEP_ID is the step's id, as `incident status` and `incident next` show it."
    )
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
@lang_option
def answer(
    session_id: str | None,
    step_id: str,
    value: str,
    note: str | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """Answer a question step with one of its options.

    STEP_ID is the question's id (`incident status` and `incident next` show it); VALUE is
    one of its options or the number shown beside it, for example:
    incident answer can-you-log-in no (or: incident answer can-you-log-in 2)
    """
    from incident.core import actions

    st = store()
    sid = resolve(st, session_id)
    event = actions.answer(st, sid, step_id, value, now=now(), note=text_or_stdin(note))
    if as_json:
        print_json({"session_id": sid, "step_id": step_id, "value": event.value})
        return
    echo(say("cli.answered", step=step_id, value=event.value, **session_words()))


@click.command()
@session_option
@click.option("--note", help="How it ended (e.g. funds returned, account recovered)." + STDIN_HELP)
@lang_option
def close(session_id: str | None, note: str | None, lang: str | None) -> None:
    """Close the session (it can be reopened)."""
    from incident.core import actions

    st = store()
    sid = resolve(st, session_id)
    actions.close(st, sid, now=now(), note=text_or_stdin(note))
    echo(say("cli.closed", **session_words()))


@click.command()
@click.option("--session", "session_id", required=True, metavar="ID", help="Session to reopen.")
@lang_option
def reopen(session_id: str, lang: str | None) -> None:
    """Reopen a closed session."""
    from incident.core import actions

    st = store()
    sid = resolve(st, session_id)
    actions.reopen(st, sid, now=now())
    echo(say("cli.reopened", **session_words()))


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
@output_option("File to write (default: standard output).")
@lang_option
@force_output_option
def export(
    session_id: str | None, fmt: str, output: Path | None, lang: str | None, overwrite: bool
) -> None:
    """Export the session as JSON, Markdown or PDF."""
    from incident.report import formats

    chosen = Format(fmt)
    if output is None and chosen is Format.PDF:
        raise click.UsageError(say("cli.pdf-needs-file"))
    view = read_view(session_id, decode_all=True)
    data = formats.render(chosen, view, formats.Options(lang=lang or view.state.lang, now=now()))
    if output is None:
        echo(data.decode("utf-8"), nl=False)
        return
    from incident.paths import write_output

    write_output(output, data, overwrite=overwrite)
    echo(say("cli.wrote-report", path=output, **session_words()))


@click.command()
@session_option
@click.option(
    "--expect",
    metavar="REFERENCE",
    help="A record reference you kept or support quoted back (from the end of a support "
    "message, e.g. '3f2a9c0d1e2b4a5f, 42 entries'); exit 3 if this journal does not hold it.",
)
@json_option
@lang_option
def verify(session_id: str | None, expect: str | None, as_json: bool, lang: str | None) -> None:
    """Check the journal: every entry, its chain of hashes and its head (exit 3 if changed).

    With --expect, also check it against a record reference kept elsewhere: that catches
    the whole session folder being put back to an older copy.
    """
    from incident.cli.options import lang as current_lang  # ``lang`` is the option here
    from incident.core.verify import (
        check_expected,
        parse_expected,
        reference,
        summary_line,
        verify_view,
    )

    expected = parse_expected(expect) if expect is not None else None
    st = store()
    sid = resolve(st, session_id)
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
    echo(summary_line(result, current_lang()))
    echo(reference(view.integrity, current_lang()))
    if expected is not None:
        if match.later:
            echo(
                say(
                    "verify.expected-later",
                    prefix=expected.prefix,
                    entry=match.entry,
                    later=match.later,
                )
            )
        else:
            echo(say("verify.expected-head", prefix=expected.prefix))

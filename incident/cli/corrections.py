"""Fixing mistakes: `incident evidence correct|retract`, `incident edit`, `incident step reset`."""

from __future__ import annotations

from typing import Any

import click

from incident.cli.options import (
    confirming,
    json_option,
    lang_option,
    now,
    print_json,
    resolve,
    say,
    session_option,
    session_words,
    store,
    yes_option,
)
from incident.visible import echo

_reason_option = click.option("--reason", help="Why (shown in the report's Corrections).")


def _field_options() -> list[tuple[str, str, str]]:
    """(option, name, help) for every field of every kind, each option once."""
    from incident.core import kinds

    seen: dict[str, tuple[str, str, str]] = {}
    for kind in kinds.all_kinds():
        for f in kind.fields:
            name = f.flag or f.name
            if f.option not in seen:
                seen[f.option] = (f.option, name, f.help)
            elif seen[f.option][2] != f.help:
                seen[f.option] = (f.option, name, "The entry's " + name.replace("_", " ") + ".")
    return list(seen.values())


def correct(name: str) -> click.Command:
    """`incident evidence correct ENTRY --FIELD VALUE...`: made from the kinds' fields."""

    def callback(
        session_id: str | None,
        ref: str,
        reason: str | None,
        confirmed: bool,
        lang: str | None,
        as_json: bool,
        **values: str | None,
    ) -> None:
        from incident.core import corrections

        given = {k: v for k, v in values.items() if v is not None}
        st = store()
        sid = resolve(st, session_id)  # and speak the session's language
        result = confirming(
            lambda ok: corrections.correct(
                st, sid, ref, given, now=now(), reason=reason, confirmed=ok
            ),
            confirmed,
        )
        if as_json:
            print_json({"session_id": sid, "number": result.number, "warnings": result.warnings})
            return
        for warning in result.warnings:
            echo(f"!!! {warning}", fg="red", bold=True, err=True)
        echo(say("fix.done-correct", n=result.number, **session_words()))

    decorators: list[Any] = [session_option, click.argument("ref", metavar="ENTRY")]
    for option, dest, help_ in _field_options():
        decorators.append(click.option(option, dest, metavar="VALUE", help=help_))
    decorators += [_reason_option, yes_option, lang_option, json_option]
    decorated: Any = callback
    for decorator in reversed(decorators):
        decorated = decorator(decorated)
    doc = (
        "Correct fields of an entry; the original is kept and the report lists the change.\n\n"
        "ENTRY is its number (E3). Any field of its kind can be given; an empty value "
        "clears an optional one."
    )
    made: click.Command = click.command(name, help=doc)(decorated)
    return made


@click.command("retract")
@session_option
@click.argument("ref", metavar="ENTRY")
@click.option("--reason", required=True, help="Why it is taken back (shown in the report).")
@lang_option
@json_option
def retract(session_id: str | None, ref: str, reason: str, lang: str | None, as_json: bool) -> None:
    """Retract an entry: it leaves totals, report and messages; the original is kept.

    ENTRY is its number (E3).
    """
    from incident.core import corrections

    st = store()
    sid = resolve(st, session_id)  # and speak the session's language
    event = corrections.retract(st, sid, ref, reason=reason, now=now())
    if as_json:
        print_json({"session_id": sid, "number": event.number, "state": "retracted"})
        return
    echo(say("fix.done-retract", n=event.number, **session_words()))


@click.command("edit")
@session_option
@click.option(
    "--discovered-at",
    metavar="ISO-8601",
    help="When you noticed the takeover. Without an offset: the session's zone.",
)
@click.option("--platform", help="The platform, e.g. OKX, Binance.")
@click.option("--account", help="Which account: e-mail, phone or user id.")
@click.option("--tz", metavar="ZONE", help="IANA time zone of the session, e.g. Asia/Shanghai.")
@_reason_option
@lang_option
@json_option
def edit(
    session_id: str | None,
    discovered_at: str | None,
    platform: str | None,
    account: str | None,
    tz: str | None,
    reason: str | None,
    lang: str | None,
    as_json: bool,
) -> None:
    """Correct the session's facts given at start; status, deadlines and report follow."""
    from incident.core import corrections

    st = store()
    sid = resolve(st, session_id)  # and speak the session's language
    events = corrections.edit(
        st,
        sid,
        now=now(),
        discovered_at=discovered_at,
        platform=platform,
        account=account,
        tz=tz,
        reason=reason,
    )
    if as_json:
        print_json({"session_id": sid, "changed": {e.field: e.value for e in events}})
        return
    for e in events:
        value = e.value
        if e.field == "discovered_at":  # shown in the session's zone, with its offset
            from datetime import datetime

            from incident.times import fmt_local_offset

            zone = st.open(sid).state.tz
            value = fmt_local_offset(datetime.fromisoformat(value), zone)
        echo(say("fix.done-edit", field=say("fix.field." + e.field), value=value))


@click.command("reset")
@session_option
@click.argument("step_id")
@_reason_option
@lang_option
@json_option
def reset(
    session_id: str | None, step_id: str, reason: str | None, lang: str | None, as_json: bool
) -> None:
    """Put STEP_ID (done, skipped, failed or answered) back to to-do."""
    from incident.core import corrections

    st = store()
    sid = resolve(st, session_id)  # and speak the session's language
    corrections.reset_step(st, sid, step_id, now=now(), reason=reason)
    if as_json:
        print_json({"session_id": sid, "step_id": step_id, "status": "pending"})
        return
    echo(say("fix.done-reset", step=step_id, **session_words()))

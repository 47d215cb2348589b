"""`incident remind`: the session's deadlines as an iCalendar file for a phone's calendar."""

from __future__ import annotations

from pathlib import Path

import click

from incident.cli.options import (
    force_output_option,
    lang_option,
    now,
    output_option,
    read_view,
    session_option,
)
from incident.visible import echo


@click.command()
@session_option
@output_option("Where to write the .ics file (default: incident-<session>.ics here).")
@click.option(
    "--alarm-minutes",
    type=click.IntRange(min=0, max=7 * 24 * 60),
    default=30,
    show_default=True,
    help="Minutes before each deadline that the calendar's alarm rings.",
)
@lang_option
@force_output_option
def remind(
    session_id: str | None,
    output: Path | None,
    alarm_minutes: int,
    lang: str | None,
    overwrite: bool,
) -> None:
    """Write the follow-up and step deadlines to an iCalendar file for your phone.

    One event for the next follow-up with support and one for each open step's target, in
    the session's time zone, each with an alarm and the command that helps. Import the
    file into any calendar (open it, or mail it to yourself); importing it again after
    more progress updates the same events.
    """
    from incident.paths import write_output
    from incident.report.calendar import render_calendar
    from incident.report.reminders import session_reminders

    view = read_view(session_id)
    state = view.state
    chosen = lang or state.lang
    at = now()
    found = session_reminders(state, chosen, at)
    data = render_calendar(
        found.ahead,
        tz=state.tz,
        stamp=at,
        alarm_minutes=alarm_minutes,
        name=f"incident {state.platform} / {state.account}",
    )
    target = output or Path(f"incident-{state.id}.ics")
    write_output(target, data, overwrite=overwrite)
    echo(f"Wrote {target}: {len(found.ahead)} reminders, alarm {alarm_minutes} min before.")
    if found.past:
        echo(
            f"{found.past} deadlines are already past and left out: "
            "see `incident status` and do them now."
        )

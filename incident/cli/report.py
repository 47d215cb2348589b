"""`incident report` (the PDF for support) and `incident message` (text to paste to support)."""

from __future__ import annotations

from pathlib import Path

import click

from incident.cli.options import (
    json_option,
    lang_option,
    now,
    print_json,
    session_option,
    store,
    warn,
)

MESSAGE_KINDS = ("freeze", "recovery", "dispute", "follow-up")


@click.command()
@session_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Where to write the PDF (default: incident-<session>-report.pdf here).",
)
@lang_option
@click.option(
    "--redact",
    is_flag=True,
    help="Mask the account (e.g. li***@example.com) everywhere in the report.",
)
@click.option(
    "--invariant",
    is_flag=True,
    help="Byte-identical output for identical input (also when SOURCE_DATE_EPOCH is set).",
)
@click.option(
    "--attach-originals",
    "originals",
    is_flag=True,
    help="Also attach the screenshots' original files, for a byte-for-byte hash check; "
    "the PDF grows by their size.",
)
def report(
    session_id: str | None,
    output: Path | None,
    lang: str | None,
    redact: bool,
    invariant: bool,
    originals: bool,
) -> None:
    """Write the PDF incident report: a first page support can act on, then the timeline,
    checklist, transactions, logins, support contacts, evidence and integrity check."""
    from incident.report import pdf
    from incident.report.files import write_output

    st = store()
    opened = st.open(st.resolve(session_id), decode_all=True)
    warn(opened.warnings)
    state = opened.state
    when = pdf.report_time(state, now(), invariant)
    data = pdf.render(
        opened,
        lang=lang or state.lang,
        now=when,
        redact=redact,
        invariant=invariant,
        originals=originals,
    )
    target = output or Path(pdf.default_name(state.id))
    write_output(target, data)
    click.echo(f"Wrote {target}")


@click.command()
@click.argument("kind", type=click.Choice(MESSAGE_KINDS))
@session_option
@lang_option
@json_option
def message(kind: str, session_id: str | None, lang: str | None, as_json: bool) -> None:
    """Print a ready-to-send message to support: KIND is freeze, recovery, dispute or follow-up.

    It is filled with the session's facts (account, discovery time, unauthorized transactions
    with TxIDs, tickets) and never contains a password, 2FA code or recovery phrase.
    """
    from incident.report.messages import compose

    st = store()
    opened = st.open(st.resolve(session_id), decode_all=True)
    warn(opened.warnings)
    msg = compose(opened.state, kind, lang or opened.state.lang, now())
    if as_json:
        print_json(msg.to_json())
        return
    click.echo(msg.text(), nl=False)


def register(group: click.Group) -> None:
    group.add_command(report)
    group.add_command(message)

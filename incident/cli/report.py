"""`incident report` (the PDF for support) and `incident message` (text to paste to support)."""

from __future__ import annotations

from pathlib import Path

import click

from incident.cli.options import (
    force_output_option,
    invariant_option,
    json_option,
    lang_option,
    now,
    output_option,
    print_json,
    read_view,
    say,
    session_option,
    session_words,
)
from incident.report.messages import Kind
from incident.visible import echo


@click.command()
@session_option
@output_option("Where to write the PDF (default: incident-<session>-report.pdf here).")
@lang_option
@click.option(
    "--redact",
    is_flag=True,
    help="Mask the account (e.g. li***@example.com) everywhere in the report.",
)
@invariant_option
@click.option(
    "--attach-originals",
    "originals",
    is_flag=True,
    help="Also attach the screenshots' original files, for a byte-for-byte hash check; "
    "the PDF grows by their size.",
)
@force_output_option
def report(
    session_id: str | None,
    output: Path | None,
    lang: str | None,
    redact: bool,
    invariant: bool,
    originals: bool,
    overwrite: bool,
) -> None:
    """Write the PDF incident report: a first page support can act on, then the details.

    After the first page come the timeline, checklist, transactions, logins, support
    contacts, evidence and the integrity check.
    """
    from incident.paths import write_output
    from incident.report import formats, pdf

    view = read_view(session_id, decode_all=True)
    state = view.state
    options = formats.Options(
        lang=lang or state.lang,
        now=pdf.report_time(state, now(), invariant),
        redact=redact,
        invariant=invariant,
        originals=originals,
    )
    data = formats.render(formats.Format.PDF, view, options)
    target = output or Path(pdf.default_name(state.id))
    write_output(target, data, overwrite=overwrite)
    echo(say("cli.wrote-report", path=target, **session_words()))


@click.command()
@click.argument("kind", type=click.Choice([k.value for k in Kind]))
@session_option
@lang_option
@click.option(
    "--reply-to",
    metavar="ADDRESS",
    help="A safe address for replies, when the mailbox bound to the account may be compromised.",
)
@json_option
def message(
    kind: str, session_id: str | None, lang: str | None, reply_to: str | None, as_json: bool
) -> None:
    """Print a ready-to-send message to support.

    KIND is one of the choices shown above; `police` writes the statement for a police report
    instead. The message is filled with the session's facts (account, discovery time,
    unauthorized transactions with TxIDs and explorer links, tickets, the police report) and
    never contains a password, 2FA code or recovery phrase. It ends with the record
    reference, which `incident verify --expect` checks later.
    """
    from incident.report.messages.compose import compose

    view = read_view(session_id, decode_all=True)
    msg = compose(
        view.state,
        kind,
        lang or view.state.lang,
        now(),
        integrity=view.integrity,
        reply_to=reply_to,
    )
    if as_json:
        print_json(msg.to_json())
        return
    echo(msg.text(), nl=False)

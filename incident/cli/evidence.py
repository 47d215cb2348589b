"""`incident evidence ...`: record notes, files, transactions, logins and support contacts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from incident.cli.options import (
    confirming,
    files_option,
    json_option,
    now,
    print_json,
    session_option,
    store,
    yes_option,
)


@click.group()
def evidence() -> None:
    """Record evidence: notes and files, transactions, logins, support contacts."""


def _record(
    session_id: str | None,
    build: Any,
    confirmed: bool,
    as_json: bool,
    files: tuple[Path, ...] = (),
    step_id: str | None = None,
    what: str = "evidence",
) -> None:
    from incident.core import actions

    st = store()
    sid = st.resolve(session_id)
    result = confirming(
        lambda ok: actions.add_evidence(
            st, sid, build, now=now(), files=files, step_id=step_id, confirmed=ok
        ),
        confirmed,
    )
    if as_json:
        print_json({"session_id": sid, "number": result.number, "warnings": result.warnings})
        return
    for warning in result.warnings:
        click.secho(f"!!! {warning}", fg="red", bold=True, err=True)
    click.echo(f"Recorded {what} E{result.number} in session {sid}.")


@evidence.command("add")
@session_option
@click.option("--note", required=True, help="What you saw or did, in your own words.")
@files_option("A screenshot or document to attach (repeatable). A copy is kept, with its SHA-256.")
@click.option("--step", "step_id", metavar="STEP_ID", help="The playbook step this belongs to.")
@yes_option
@json_option
def add(
    session_id: str | None,
    note: str,
    files: tuple[Path, ...],
    step_id: str | None,
    confirmed: bool,
    as_json: bool,
) -> None:
    """Add a note, with files attached if given."""
    from incident.core import actions

    if not note.strip():
        raise click.UsageError("--note is empty")
    _record(session_id, actions.note(note), confirmed, as_json, files, step_id, "note")


@evidence.command("tx")
@session_option
@click.option(
    "--time",
    "time_",
    required=True,
    metavar="ISO-8601",
    help="When it happened (the platform's record time).",
)
@click.option(
    "--type",
    "tx_type",
    required=True,
    type=click.Choice(["withdrawal", "trade", "transfer", "deposit", "other"]),
    help="What kind of transaction it was.",
)
@click.option("--asset", required=True, help="Symbol, e.g. USDT, BTC.")
@click.option(
    "--amount",
    required=True,
    metavar="DECIMAL",
    help="Amount, e.g. 1520.5 (read exactly, never rounded).",
)
@click.option("--to-address", metavar="A", help="Destination address, in full.")
@click.option("--txid", metavar="ID", help="Transaction hash (TxID), in full.")
@click.option("--network", metavar="N", help="Network / chain, e.g. TRC20, ERC20, BTC.")
@click.option("--note", help="Anything else about it.")
@files_option("Screenshot of the record (repeatable).")
@yes_option
@json_option
def tx(
    session_id: str | None,
    time_: str,
    tx_type: str,
    asset: str,
    amount: str,
    to_address: str | None,
    txid: str | None,
    network: str | None,
    note: str | None,
    files: tuple[Path, ...],
    confirmed: bool,
    as_json: bool,
) -> None:
    """Record an unauthorized transaction."""
    from incident.core import actions

    build = actions.transaction(
        time=time_,
        tx_type=tx_type,
        asset=asset,
        amount=amount,
        to_address=to_address,
        txid=txid,
        network=network,
        note=note,
    )
    _record(session_id, build, confirmed, as_json, files, None, "transaction")


@evidence.command("login")
@session_option
@click.option("--time", "time_", required=True, metavar="ISO-8601", help="When the login happened.")
@click.option("--ip", help="IP address shown in the login history.")
@click.option("--device", help="Device or browser shown.")
@click.option("--location", help="Location shown.")
@click.option("--note", help="Anything else about it.")
@files_option("Screenshot (repeatable).")
@yes_option
@json_option
def login(
    session_id: str | None,
    time_: str,
    ip: str | None,
    device: str | None,
    location: str | None,
    note: str | None,
    files: tuple[Path, ...],
    confirmed: bool,
    as_json: bool,
) -> None:
    """Record a login that was not yours."""
    from incident.core import actions

    build = actions.login(time=time_, ip=ip, device=device, location=location, note=note)
    _record(session_id, build, confirmed, as_json, files, None, "login")


@evidence.command("contact")
@session_option
@click.option(
    "--channel",
    required=True,
    type=click.Choice(["chat", "email", "phone", "web-form", "ticket", "social"]),
    help="How you reached support (or how they reached you).",
)
@click.option("--summary", required=True, help="What you asked and what they said.")
@click.option("--ticket", metavar="ID", help="Ticket / case number.")
@click.option("--agent", metavar="NAME", help="Agent name or id.")
@click.option(
    "--url", metavar="URL", help="Where: the chat page, form URL or support e-mail address."
)
@files_option("Screenshot or e-mail (repeatable).")
@yes_option
@json_option
def contact(
    session_id: str | None,
    channel: str,
    summary: str,
    ticket: str | None,
    agent: str | None,
    url: str | None,
    files: tuple[Path, ...],
    confirmed: bool,
    as_json: bool,
) -> None:
    """Record a contact with support (checked against the official channels)."""
    from incident.core import actions

    build = actions.contact(channel=channel, summary=summary, ticket=ticket, agent=agent, url=url)
    _record(session_id, build, confirmed, as_json, files, None, "support contact")


@evidence.command("list")
@session_option
@json_option
def list_(session_id: str | None, as_json: bool) -> None:
    """List the evidence recorded so far."""
    from incident.report.json_export import evidence_item
    from incident.times import fmt_local

    st = store()
    opened = st.open(st.resolve(session_id), decode_all=True)
    state = opened.state
    if as_json:
        print_json({"session_id": state.id, "evidence": [evidence_item(i) for i in state.evidence]})
        return
    if not state.evidence:
        click.echo("No evidence yet. Add some with: incident evidence --help")
    for item in state.evidence:
        e = item.evidence
        head = f"E{item.number}  {fmt_local(item.at, state.tz)}  {e.kind:<11}"
        if e.kind == "transaction":
            body = f"{e.tx_type} {e.amount} {e.asset}" + (f" txid {e.txid}" if e.txid else "")
        elif e.kind == "login":
            body = f"{fmt_local(e.time, state.tz)} ip {e.ip or '?'} {e.device or ''}"
        elif e.kind == "contact":
            body = f"{e.channel} {e.ticket or ''} {e.summary}"
            if e.official is False:
                body += "  [NOT OFFICIAL]"
        else:
            body = e.text
        one_line = " ".join(body.split())
        click.echo(
            f"{head} {one_line[:90]}"
            + (f"  (+{len(item.attachments)} file)" if item.attachments else "")
        )


def register(group: click.Group) -> None:
    group.add_command(evidence)

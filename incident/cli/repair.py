"""`incident repair`: set a damaged session's lost bytes aside and let it record again."""

from __future__ import annotations

import click

from incident.cli.options import json_option, now, print_json, session_option, store


@click.command()
@session_option
@json_option
def repair(session_id: str | None, as_json: bool) -> None:
    """Set a damaged journal's lost bytes aside, record what was lost, and record again.

    The bytes are kept in the session's quarantine/ folder (0600), never deleted. Intact entries are kept as they are; an integrity.repaired entry records which entries
    were lost, how many bytes and their SHA-256, so the chain continues and `incident
    verify` passes again, with the repair as a warning.
    """
    from incident.core.repair import repair_session

    st = store()
    sid = st.resolve(session_id)
    result = repair_session(st, sid, now=now())
    if as_json:
        print_json(result.to_json())
        return
    if result.event is None:
        click.echo(f"Session {sid} is intact: nothing to repair.")
        return
    click.echo(f"Repaired session {sid}: {result.summary()}.")
    for part in result.event.lost:
        where = str(st.root / sid / part.file) if part.file else "nothing was left to set aside"
        click.echo(f"  kept {where}: {part.bytes} bytes, SHA-256 {part.sha256}")
    click.echo(f"Recorded as entry {result.entry} (integrity.repaired); the session records again.")

"""`incident bundle` (the case file for police and lawyers) and `incident bundle verify`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from incident.catalog import LANGS
from incident.cli.options import (
    invariant_option,
    json_option,
    now,
    output_option,
    print_json,
    read_view,
    session_option,
    store,
)
from incident.visible import echo

if TYPE_CHECKING:
    from incident.report.timestamp import Token


def _langs(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    langs = tuple(dict.fromkeys(p.strip() for p in value.split(",") if p.strip()))
    unknown = [p for p in langs if p not in LANGS]
    if unknown or not langs:
        raise click.BadParameter(
            f"{value!r}: give {', '.join(LANGS)} or both, comma-separated (en,zh)",
            param_hint="--lang",
        )
    return langs


@click.group(invoke_without_command=True)
@session_option
@output_option(
    "Where to write the ZIP (default: incident-<session>-case.zip here); never replaced."
)
@click.option(
    "--lang",
    "langs",
    metavar="en|zh|en,zh",
    help="Language(s) of the reports, comma-separated (default: the session's).",
)
@invariant_option
@click.option(
    "--timestamp",
    "timestamp_url",
    metavar="URL",
    help="Ask this RFC 3161 time-stamping authority for a token over SHA256SUMS (only the "
    "hash is sent); the token goes in the archive and its time in the journal.",
)
@click.pass_context
def bundle(
    ctx: click.Context,
    session_id: str | None,
    output: Path | None,
    langs: str | None,
    invariant: bool,
    timestamp_url: str | None,
) -> None:
    """Write the case file for police or a lawyer: a ZIP with every original and its hash.

    It holds the PDF report with the original files attached, every original evidence file
    byte for byte, the JSON and Markdown exports, transactions.csv, verify.txt, README.txt
    and SHA256SUMS (check it with `sha256sum -c SHA256SUMS`). `incident bundle verify
    FILE` checks it again later.
    """
    if ctx.invoked_subcommand is not None:
        if any((session_id, output, langs, invariant, timestamp_url)):
            raise click.UsageError("options of `bundle` go after it, not before `verify`")
        return
    chosen = _langs(langs)
    from incident.report import bundle as casefile
    from incident.report.pdf import report_time

    view = read_view(session_id, decode_all=True)
    sid = view.state.id
    target = output or Path(f"incident-{sid}-case.zip")
    stamp: Callable[[bytes], Token] | None = None
    if timestamp_url is not None:
        from incident.report.timestamp import request_token

        url = timestamp_url

        def stamp(sums: bytes) -> Token:
            return request_token(sums, url)

    made = casefile.write_bundle(
        view,
        target,
        langs=chosen or (view.state.lang,),
        now=report_time(view.state, now(), invariant),
        invariant=invariant,
        stamp=stamp,
    )
    size = made.case.path.stat().st_size
    echo(
        f"Wrote {target}: {len(made.case.files)} files ({size / 1e6:.1f} MB), "
        f"every one listed in SHA256SUMS"
    )
    if made.token is not None:
        from incident.core import actions

        token = made.token
        actions.record_timestamp(
            store(),
            sid,
            now=now(),
            time=token.time,
            authority=token.authority,
            url=timestamp_url or "",
            serial=token.serial,
            digest=token.digest.hex(),
            entries=made.entries,
            head_hash=made.head_hash,
        )
        when = token.time.strftime("%Y-%m-%d %H:%M:%S UTC")
        echo(f"Timestamp: {when}, per {token.authority} (recorded in the journal).")
        echo(
            f"Check its signature with: incident bundle verify {target} "
            "--tsa-cert <the authority's CA>.pem"
        )
        return
    echo(f"Check it with: incident bundle verify {target}")


@bundle.command("verify")
@click.argument("archive", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--tsa-cert",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    metavar="PEM",
    help="The time-stamping authority's CA certificate (PEM; intermediates may follow): "
    "checks the token's signature and certificate chain too.",
)
@json_option
def verify(archive: Path, tsa_cert: Path | None, as_json: bool) -> None:
    """Check a case file's hashes and timestamp.

    Exit 3, naming the file, if anything was changed. Prints what it proves. Without --tsa-cert the token's signature is not checked.
    """
    from incident.report.bundle import verify_bundle

    checked = verify_bundle(archive, tsa_cert=tsa_cert)
    if as_json:
        proof = checked.proof
        print_json(
            {
                "ok": True,
                "files": checked.files,
                "reference": checked.reference,
                "timestamp": None
                if proof is None
                else {
                    "time": proof.token.time.isoformat(),
                    "authority": proof.token.authority,
                    "signature_checked": proof.trusted,
                },
            }
        )
        return
    echo(f"OK: {checked.files} files match SHA256SUMS in {archive}.")
    if checked.reference:
        echo(
            f"Made from the record with reference {checked.reference} "
            "(`incident verify --expect` checks a session against it)."
        )
    if checked.proof is None:
        echo(
            "No trusted timestamp: this shows the files are unchanged since SHA256SUMS was "
            "made, not when that was."
        )
        return
    sentence = checked.proof.sentence("en")
    echo(sentence[0].upper() + sentence[1:] + ".")

"""`incident key ...`: where the data key is kept, and moving it to a new machine."""

from __future__ import annotations

from pathlib import Path

import click

from incident.cli.lazy import LazyGroup
from incident.cli.options import json_option, lang_option, print_json
from incident.visible import echo


@click.group(cls=LazyGroup)
def key() -> None:
    """Show, export or import the data key (to move your sessions to a new machine)."""


def _export_passphrase(confirm: bool) -> str:
    import os

    env = os.environ.get("INCIDENT_EXPORT_PASSPHRASE")
    if env:
        return env
    return str(
        click.prompt("Passphrase for the key backup", hide_input=True, confirmation_prompt=confirm)
    )


@key.command("status")
@json_option
@lang_option
def status(as_json: bool, lang: str | None) -> None:
    """Where the data key is kept: the OS keyring or a passphrase."""
    from incident import paths
    from incident.journal import keyring_door, keys

    home = paths.home()
    secure = keyring_door.available()
    info = {
        "home": str(home),
        "mode": keys.store_mode(home),
        "keyring_backend": keyring_door.backend_name() if secure else None,
        "secure_keyring_available": secure,
    }
    if as_json:
        print_json(info)
        return
    if info["mode"] is None:
        from incident.cli.options import say

        where = say("key.keyring-ready") if secure else say("key.passphrase-ready")
        echo(say("key.none-yet", home=home, where=where))
        return
    for k, v in info.items():
        echo(f"{k}: {v}")


@key.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export(file: Path) -> None:
    """Write a passphrase-protected backup of the data key to FILE.

    The passphrase comes from INCIDENT_EXPORT_PASSPHRASE or a prompt.
    """
    from incident import paths
    from incident.journal import keys

    keys.export_key(paths.home(), file, _export_passphrase(confirm=True))
    from incident.cli.options import say

    echo(say("key.exported", path=file))


@key.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def import_(file: Path) -> None:
    """Restore the data key from a backup made with `incident key export`."""
    from incident import paths
    from incident.journal import keys

    if not file.is_file():  # before asking for its passphrase
        from incident.errors import KeyUnavailable

        raise KeyUnavailable(f"{file}: no such file")
    mode = keys.import_key(paths.home(), file, _export_passphrase(confirm=False))
    from incident.cli.options import say

    echo(say("key.imported", mode=mode))

"""The `incident` command line: thin commands over the core. Heavy imports stay inside commands."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from incident import __version__


class Group(click.Group):
    """Turns domain errors into one-line messages and exit codes; never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from incident.errors import IncidentError

        try:
            return super().invoke(ctx)
        except IncidentError as exc:
            _fail(str(exc), exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("\nInterrupted; everything recorded so far is saved.", err=True)
            sys.exit(130)
        except Exception as exc:  # a bug: still one line for the user
            if os.environ.get("INCIDENT_DEBUG"):
                raise
            _fail(
                f"unexpected {exc.__class__.__name__}: {exc} "
                "(nothing recorded was lost; set INCIDENT_DEBUG=1 for details)",
                1,
            )


def _fail(message: str, code: int) -> None:
    lines = message.splitlines() or [message]
    click.echo(f"Error: {lines[0]}", err=True)
    for line in lines[1:]:
        click.echo(f"  {line}", err=True)
    sys.exit(code)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="incident")
def cli() -> None:
    """Walk through an account takeover step by step, record every action and piece of
    evidence (encrypted, tamper-evident), and write the report support needs.

    Start with: incident start --playbook crypto-exchange --platform OKX --account you@example.com
    """


def _register() -> None:
    from incident.cli import demo, evidence, keys, playbooks, report, runner, sessions

    for module in (sessions, evidence, playbooks, keys, demo, report, runner):
        module.register(cli)


_register()


def main() -> None:
    cli(prog_name="incident")

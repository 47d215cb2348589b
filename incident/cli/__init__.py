"""The `incident` command line: thin commands over the core.

Command modules are imported only when their command runs (see lazy.py), and heavy
libraries only inside the commands that use them, so `incident --help` stays fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any

import click

from incident import __version__
from incident.cli.lazy import Lazy, LazyGroup
from incident.visible import echo, escaping

# Every command: where it lives, and the one line `incident --help` shows for it.
COMMANDS: dict[str, Lazy] = {
    "start": Lazy("incident.cli.sessions:start", "Start a new incident session and print its id."),
    "list": Lazy("incident.cli.sessions:list_", "List sessions, most recently active first."),
    "status": Lazy(
        "incident.cli.sessions:status_",
        "Progress, next steps, time since discovery, overdue steps and the next follow-up.",
    ),
    "next": Lazy(
        "incident.cli.sessions:next_",
        "Show the next step to do, with why and how (and its id, for `step` and `answer`).",
    ),
    "step": Lazy(
        "incident.cli.sessions:step",
        "Mark a step done, skipped, failed or back to to-do (ids: `incident status` or `next`).",
    ),
    "answer": Lazy(
        "incident.cli.sessions:answer", "Answer a question step with one of its options."
    ),
    "edit": Lazy(
        "incident.cli.corrections:edit",
        "Correct the session's facts given at start; status, deadlines and report follow.",
    ),
    "close": Lazy("incident.cli.sessions:close", "Close the session (it can be reopened)."),
    "reopen": Lazy("incident.cli.sessions:reopen", "Reopen a closed session."),
    "export": Lazy("incident.cli.sessions:export", "Export the session as JSON, Markdown or PDF."),
    "verify": Lazy(
        "incident.cli.sessions:verify",
        "Check the journal: every entry, its chain of hashes and its head (exit 3 if changed).",
    ),
    "repair": Lazy(
        "incident.cli.repair:repair",
        "Set a damaged journal's lost bytes aside, record what was lost, and record again.",
    ),
    "evidence": Lazy(
        "incident.cli.evidence:evidence",
        "Record evidence: notes and files, transactions, logins, support contacts.",
    ),
    "playbooks": Lazy(
        "incident.cli.playbooks:playbooks",
        "List, show and validate playbooks (bundled, in $INCIDENT_HOME/playbooks/, or a file).",
    ),
    "key": Lazy(
        "incident.cli.keys:key",
        "Show, export or import the data key (to move your sessions to a new machine).",
    ),
    "demo": Lazy(
        "incident.cli.demo:demo",
        "Replay a realistic OKX-style takeover in a temporary folder and write its PDF report.",
    ),
    "report": Lazy(
        "incident.cli.report:report",
        "Write the PDF incident report: a first page support can act on, then the details.",
    ),
    "message": Lazy("incident.cli.report:message", "Print a ready-to-send message to support."),
    "bundle": Lazy(
        "incident.cli.bundle:bundle",
        "Write the case file for police or a lawyer: a ZIP with every original and its hash.",
    ),
    "remind": Lazy(
        "incident.cli.remind:remind",
        "Write the follow-up and step deadlines to an iCalendar file for your phone.",
    ),
    "run": Lazy(
        "incident.cli.runner:run_",
        "Walk through the session step by step on this terminal (keys: d done, s skip, q quit).",
    ),
    "resume": Lazy(
        "incident.cli.runner:resume",
        "Continue the walk-through where you left off; the clock still counts from discovery.",
    ),
}


class Group(LazyGroup):
    """Turns domain errors into one-line messages and exit codes; never a traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        _no_core_dumps()
        # Everything printed, Click's own usage errors included, passes the escaping filter.
        with escaping():
            return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        from incident.errors import IncidentError

        try:
            return super().invoke(ctx)
        except IncidentError as exc:
            from incident.cli.errors import message

            _fail(message(exc, ctx, _lang(ctx)), exc.exit_code, _lang(ctx))
        except BrokenPipeError:
            _quiet_pipe()
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            from incident.catalog import t

            echo("\n" + t("cli.interrupted", _lang(ctx)), err=True)
            sys.exit(130)
        except (SystemExit, GeneratorExit):
            raise
        except BaseException as exc:  # a bug (or a library's panic): still one line
            # BaseException, not Exception: a Rust extension's PanicException derives from it.
            if os.environ.get("INCIDENT_DEBUG"):
                raise
            from incident.catalog import t

            # The first line only: a panic's message carries a whole backtrace.
            text = str(exc).split("\n", 1)[0][:300]
            _fail(
                t("cli.unexpected", _lang(ctx), error=f"{exc.__class__.__name__}: {text}"),
                1,
                _lang(ctx),
            )


def _no_core_dumps() -> None:
    """A core dump would hold decrypted notes and the data key: allow none (size limit 0)."""
    try:
        import resource
    except ImportError:  # not on POSIX
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _lang(ctx: click.Context) -> str:
    from incident.cli.options import LANG_KEY

    return str(ctx.find_root().meta.get(LANG_KEY, "en"))


def _quiet_pipe() -> None:
    """The reader went away (``| head``): stop without a word, as the shell's own tools do."""
    # Point stdout at nothing, so the interpreter's last flush does not fail again.
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(1)


def _fail(message: str, code: int, lang: str = "en") -> None:
    from incident.catalog import t

    # Only a real new line starts a line: \r, NEL or U+2028 in quoted input stay escaped.
    lines = message.rstrip("\n").split("\n")
    sep = "：" if lang == "zh" else ": "
    echo(f"{t('error.label', lang)}{sep}{lines[0]}", err=True)
    for line in lines[1:]:
        echo(f"  {line}", err=True)
    sys.exit(code)


@click.group(cls=Group, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="incident")
def cli() -> None:
    """Walk through an account takeover step by step, record every action and piece of
    evidence (encrypted, tamper-evident), and write the report support needs.

    Start with: incident start --playbook crypto-exchange --platform OKX --account you@example.com
    """


def main() -> None:
    try:
        cli(prog_name="incident")
    except BrokenPipeError:  # while click printed help or a usage error
        _quiet_pipe()

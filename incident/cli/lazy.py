"""Click groups whose subcommands are imported only when they run (click's lazy group).

`incident --help` lists every command from a table of names and one-line summaries, so
it imports none of the command modules; a test checks the table against the commands.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import click


@dataclass(frozen=True)
class Lazy:
    target: str  # "incident.cli.sessions:start"
    summary: str  # what `--help` lists: the command's own first line


class LazyGroup(click.Group):
    def __init__(
        self,
        *args: Any,
        lazy: Mapping[str, Lazy] | Callable[[], Mapping[str, Lazy]] = (),  # type: ignore[assignment]
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._lazy = lazy

    def lazy(self) -> Mapping[str, Lazy]:
        table = self._lazy() if callable(self._lazy) else self._lazy
        return table or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy()})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = self.lazy().get(cmd_name)
        if entry is None:
            return super().get_command(ctx, cmd_name)
        return self.load(cmd_name, entry)

    def load(self, name: str, entry: Lazy) -> click.Command:
        module, _, attr = entry.target.partition(":")
        made = getattr(importlib.import_module(module), attr)
        command = made(name) if not isinstance(made, click.Command) else made
        if not isinstance(command, click.Command):
            raise TypeError(f"{entry.target} is not a click command")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and their summaries, from the table (nothing is imported)."""
        rows = []
        lazy = self.lazy()
        for name in self.list_commands(ctx):
            if name in lazy:
                rows.append((name, lazy[name].summary))
                continue
            command = super().get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=formatter.width)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

"""The README and the commands agree: every command has help and an example in the README."""

from __future__ import annotations

import re
from pathlib import Path

import click

from incident.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"


def _commands(
    group: click.Group, prefix: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    out = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # lazy groups load a command when asked for it
        command = group.get_command(ctx, name)
        assert command is not None, name
        path = (*prefix, name)
        out.append((path, command))
        if isinstance(command, click.Group):
            out.extend(_commands(command, path))
    return out


ALL = _commands(cli)


def test_there_are_commands() -> None:
    names = {" ".join(p) for p, _ in ALL}
    assert {"start", "status", "evidence tx", "playbooks validate", "verify", "demo"} <= names


def test_every_command_has_help() -> None:
    missing = [" ".join(p) for p, c in ALL if not (c.help or "").strip()]
    assert missing == []


def test_every_option_has_help() -> None:
    missing = []
    for path, command in ALL:
        for param in command.params:
            if isinstance(param, click.Option) and not param.help and param.name not in ("help",):
                missing.append(f"{' '.join(path)} {param.opts[0]}")
    assert missing == []


def test_every_command_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [
        " ".join(p)
        for p, c in ALL
        if not isinstance(c, click.Group) and f"incident {' '.join(p)}" not in text
    ]
    assert missing == []


def test_readme_opens_with_the_two_setup_commands() -> None:
    text = README.read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", text, re.S)
    assert first_block is not None
    lines = [line for line in first_block.group(1).splitlines() if line.strip()]
    assert lines == [
        "pip install . && incident demo",
        "pip install -e '.[test]' && python -m pytest -q",
    ]
    ci = (README.parent / ".ci" / "with-keyring.sh").read_text(encoding="utf-8")
    assert lines[1] in ci


def test_readme_documents_exit_codes() -> None:
    text = README.read_text(encoding="utf-8")
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert code in text


def test_lazy_summaries_are_the_commands_own_first_lines() -> None:
    """`incident --help` lists summaries from a table; each must be what the command says."""
    from incident.cli.lazy import LazyGroup

    wrong = []
    groups = [((), cli), *ALL]
    for path, command in groups:
        if not isinstance(command, LazyGroup):
            continue
        for name, entry in command.lazy().items():
            loaded = command.get_command(click.Context(command), name)
            assert loaded is not None
            first = (loaded.help or "").strip().split("\n\n")[0].replace("\n", " ")
            if entry.summary != loaded.short_help and entry.summary != first:
                wrong.append(f"{' '.join((*path, name))}: {entry.summary!r} vs {first!r}")
    assert isinstance(cli, LazyGroup) and cli.lazy(), "the top-level group is lazy"
    assert wrong == []

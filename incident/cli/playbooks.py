"""`incident playbooks ...`: list, show and validate playbooks."""

from __future__ import annotations

from pathlib import Path

import click

from incident.catalog import LANGS
from incident.cli.lazy import LazyGroup
from incident.cli.options import json_option, print_json, warn
from incident.visible import echo


@click.group(cls=LazyGroup)
def playbooks() -> None:
    """List, show and validate playbooks (bundled, in $INCIDENT_HOME/playbooks/, or a file)."""


@playbooks.command("list")
@json_option
def list_(as_json: bool) -> None:
    """List the playbooks you can start."""
    from incident.playbook import loader

    problems: list[str] = []
    found = loader.available(problems)
    warn(problems)
    if as_json:
        print_json(
            [
                {
                    "id": f.playbook.id,
                    "version": f.playbook.version,
                    "title": f.playbook.title.model_dump(),
                    "platforms": [p.id for p in f.playbook.platforms],
                    "steps": len(f.playbook.steps),
                    "origin": f.origin,
                    "location": f.location,
                    "sha256": f.sha256,
                }
                for f in found
            ]
        )
        return
    for f in found:
        pb = f.playbook
        platforms = ", ".join(p.name for p in pb.platforms) or "any"
        echo(f"{pb.id:<18} {pb.title.en} / {pb.title.zh}  [{platforms}]  ({f.origin})")


@playbooks.command("show")
@click.argument("name")
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default="en",
    show_default=True,
    help="Language to show.",
)
@json_option
def show(name: str, lang: str, as_json: bool) -> None:
    """Show a playbook's steps in order, with targets, branches and requirements."""
    from incident.catalog import t
    from incident.playbook import loader

    pb = loader.find(name).playbook
    if as_json:
        print_json(pb.model_dump(mode="json"))
        return
    echo(f"{pb.title.get(lang)} ({pb.id} {pb.version})", bold=True)
    echo(pb.description.get(lang))
    echo("")
    for i, s in enumerate(pb.steps, 1):
        flags = []
        if s.when:
            flags.append(f"{t('label.when', lang)} {s.when.step} = {'/'.join(s.when.answer)}")
        if s.unless:
            flags.append(f"{t('label.unless', lang)} {s.unless.step} = {'/'.join(s.unless.answer)}")
        if s.platforms:
            flags.append(f"{t('label.platform', lang)} {', '.join(s.platforms)}")
        if s.requires:
            flags.append(f"{t('label.needs', lang)} {', '.join(s.requires)}")
        since = f" {t('label.after-step', lang, step=s.target_from)}" if s.target_from else ""
        echo(
            f"{i:>2}. [{t('kind.' + s.kind, lang)}] {s.id}: {s.title.get(lang)}"
            f"  ({t('label.target', lang)} {t('unit.minutes', lang, n=s.target_minutes)}{since})"
        )
        if flags:
            echo(f"      {'; '.join(flags)}")
        if s.options:
            echo("      " + " / ".join(f"{o.value} = {o.label.get(lang)}" for o in s.options))
    for d in pb.deadlines:
        length = f"{d.days}d" if d.days else ""
        length += f"{d.hours}h" if d.hours else ""
        echo(f"{t('deadline.label', lang)}: {d.title.get(lang)} ({length}; {d.source})")
    if pb.platforms:
        echo("")
        for p in pb.platforms:
            echo(f"{p.name}: " + ", ".join(f"{c.name.get(lang)} <{c.address}>" for c in p.channels))


@playbooks.command("validate")
@click.argument("path", type=click.Path(path_type=Path))
def validate(path: Path) -> None:
    """Check a playbook file; exit 1 with the problems when it is invalid."""
    from incident.playbook import loader

    pb = loader.load_path(path)
    echo(f"OK: {path}: playbook {pb.id} {pb.version}, {len(pb.steps)} steps")

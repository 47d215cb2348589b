"""`incident demo`: the bundled example, end to end, with no keyring and no prompts."""

from __future__ import annotations

from pathlib import Path

import click

from incident.catalog import LANGS
from incident.visible import echo


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("incident-demo.pdf"),
    show_default=True,
    help="Where to write the PDF.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default="en",
    show_default=True,
    help="Language of the report.",
)
@click.option(
    "--force",
    "overwrite",
    is_flag=True,
    help="Replace the output file if it already exists.",
)
def demo(output: Path, lang: str, overwrite: bool) -> None:
    """Replay a realistic OKX-style takeover in a temporary folder and write its PDF report."""
    from incident import demo as demo_mod
    from incident.catalog import t

    path = demo_mod.run(output, lang, overwrite=overwrite)
    echo(t("cli.demo-wrote", lang, path=path))

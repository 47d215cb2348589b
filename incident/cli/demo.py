"""`incident demo`: the bundled example, end to end, with no keyring and no prompts."""

from __future__ import annotations

from pathlib import Path

import click

from incident.catalog import LANGS
from incident.cli.options import output_option
from incident.visible import echo


@click.command()
@output_option("Where to write the PDF.", default=Path("incident-demo.pdf"), show_default=True)
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

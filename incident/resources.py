"""Data shipped with the package: the top-level playbooks/ and examples/ folders."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def folder(name: str) -> Traversable:
    """``incident.<name>`` from an installed wheel; in a source checkout, the folder itself."""
    try:
        return resources.files(f"incident.{name}")
    except ModuleNotFoundError:
        # Running from a checkout, where the package-dir mapping of pyproject.toml is not applied.
        return Path(__file__).resolve().parent.parent / name

"""Finding and loading playbooks: bundled ones, ``$INCIDENT_HOME/playbooks/`` and paths."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from incident import paths
from incident.errors import PlaybookError
from incident.playbook.schema import Playbook
from incident.playbook.validate import cross_check
from incident.resources import folder

MAX_PLAYBOOK_BYTES = 2_000_000


@dataclass(frozen=True)
class Found:
    """A playbook and where it came from."""

    playbook: Playbook
    origin: str  # "bundled", "user" or "path"
    location: str


def bundled_dir() -> Traversable:
    return folder("playbooks")


def parse(text: str, where: str) -> Playbook:
    """Parse and validate playbook YAML; every problem becomes one PlaybookError."""
    try:
        raw = yaml.safe_load(text)
    except RecursionError:
        raise PlaybookError(f"{where}: nested too deeply to be a playbook") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise PlaybookError(f"{where}:{at}: {problem}") from None
    if not isinstance(raw, dict):
        raise PlaybookError(f"{where}: a playbook is a mapping with id, version, title and steps")
    try:
        pb = Playbook.model_validate(raw)
    except RecursionError:
        raise PlaybookError(f"{where}: nested too deeply to be a playbook") from None
    except ValidationError as exc:
        lines = [f"{where}: {_describe(err, raw)}" for err in exc.errors()]
        raise PlaybookError(_join(lines)) from None
    problems = cross_check(pb)
    if problems:
        raise PlaybookError(_join([f"{where}: {p}" for p in problems]))
    return pb


def _join(lines: list[str]) -> str:
    shown = lines[:8]
    if len(lines) > 8:
        shown.append(f"... and {len(lines) - 8} more problems")
    return "\n".join(shown)


def _describe(err: Any, raw: dict[str, Any]) -> str:
    """``step 'freeze': field 'title.zh': Field required`` from a pydantic error."""
    loc = list(err.get("loc", ()))
    prefix = ""
    if len(loc) >= 2 and loc[0] == "steps" and isinstance(loc[1], int):
        steps = raw.get("steps")
        sid = None
        if isinstance(steps, list) and loc[1] < len(steps) and isinstance(steps[loc[1]], dict):
            sid = steps[loc[1]].get("id")
        prefix = f"step {sid!r}: " if sid else f"step #{loc[1] + 1}: "
        loc = loc[2:]
    field = ".".join(str(p) for p in loc) or "(top level)"
    msg = str(err.get("msg", "invalid"))
    if err.get("type") == "extra_forbidden":
        msg = "unknown field"
    return f"{prefix}field {field!r}: {msg}"


def load_path(path: Path) -> Playbook:
    try:
        if path.stat().st_size > MAX_PLAYBOOK_BYTES:
            raise PlaybookError(f"{path}: too large for a playbook")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlaybookError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PlaybookError(f"{path}: cannot read ({exc.__class__.__name__})") from None
    return parse(text, str(path))


def _bundled() -> list[tuple[str, Traversable]]:
    entries = [e for e in bundled_dir().iterdir() if e.name.endswith((".yaml", ".yml"))]
    return sorted((e.name.rsplit(".", 1)[0], e) for e in entries)


def _user() -> list[tuple[str, Path]]:
    folder = paths.user_playbooks_dir()
    if not folder.is_dir():
        return []
    return sorted((p.stem, p) for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def available() -> list[Found]:
    """Every playbook one can start by name; user playbooks may shadow bundled ones."""
    found: dict[str, Found] = {}
    for _, entry in _bundled():
        pb = parse(entry.read_text(encoding="utf-8"), f"playbooks/{entry.name}")
        found[pb.id] = Found(pb, "bundled", f"playbooks/{entry.name}")
    for _, path in _user():
        pb = load_path(path)
        found[pb.id] = Found(pb, "user", str(path))
    return sorted(found.values(), key=lambda f: f.playbook.id)


def find(name_or_path: str) -> Found:
    """A playbook by id (user first, then bundled) or by a path to a YAML file."""
    candidate = Path(name_or_path).expanduser()
    looks_like_path = (
        name_or_path.endswith((".yaml", ".yml")) or "/" in name_or_path or "\\" in name_or_path
    )
    if looks_like_path or candidate.is_file():
        return Found(load_path(candidate), "path", str(candidate.resolve()))
    for _, path in _user():
        if path.stem == name_or_path:
            return Found(load_path(path), "user", str(path))
    for stem, entry in _bundled():
        if stem == name_or_path:
            pb = parse(entry.read_text(encoding="utf-8"), f"playbooks/{entry.name}")
            return Found(pb, "bundled", f"playbooks/{entry.name}")
    names = ", ".join(stem for stem, _ in _bundled())
    raise PlaybookError(
        f"no playbook named {name_or_path!r}", f"bundled playbooks: {names}; or give a path"
    )

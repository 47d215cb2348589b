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
MAX_NODES = 100_000  # YAML nodes in one playbook; the bundled ones have about 3,000


@dataclass(frozen=True)
class Found:
    """A playbook and where it came from."""

    playbook: Playbook
    origin: str  # "bundled", "user" or "path"
    location: str
    sha256: str = ""  # of the file's bytes, shown by start, status and the report

    @property
    def source(self) -> str:
        """``user /home/me/.../x.yaml sha256:ab12...``: what start, status and reports show."""
        return f"{self.origin}:{self.location}"


class _Loader(yaml.SafeLoader):
    """Safe YAML without aliases, and with a bounded number of nodes.

    An alias repeats a whole subtree for a few bytes: a 2 MB file of them expands to
    gigabytes. A playbook has no need of them.
    """

    nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in a playbook", mark
            )
        self.nodes += 1
        if self.nodes > MAX_NODES:
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, f"more than {MAX_NODES} values: too large for a playbook", mark
            )
        return super().compose_node(parent, index)


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def bundled_dir() -> Traversable:
    return folder("playbooks")


def parse(text: str, where: str) -> Playbook:
    """Parse and validate playbook YAML; every problem becomes one PlaybookError."""
    try:
        raw = yaml.load(text, Loader=_Loader)  # a SafeLoader, without aliases
    except RecursionError:
        raise PlaybookError(f"{where}: nested too deeply to be a playbook") from None
    except (ValueError, OverflowError) as exc:  # an int of 5,000 digits, a date 2026-13-45
        raise PlaybookError(f"{where}: a value cannot be read: {exc}") from None
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
    except (ValueError, OverflowError) as exc:
        raise PlaybookError(f"{where}: a value cannot be read: {exc}") from None
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
    return _load(path)[0]


def _load(path: Path) -> tuple[Playbook, str]:
    """The playbook in ``path`` and the SHA-256 of its bytes (read up to the size cap)."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_PLAYBOOK_BYTES + 1)  # never trust st_size
        if len(data) > MAX_PLAYBOOK_BYTES:
            raise PlaybookError(f"{path}: too large for a playbook")
        text = data.decode("utf-8")
    except FileNotFoundError:
        raise PlaybookError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PlaybookError(f"{path}: cannot read ({exc.__class__.__name__})") from None
    return parse(text, str(path)), _sha256(data)


def _load_bundled(entry: Traversable) -> Found:
    data = entry.read_bytes()
    pb = parse(data.decode("utf-8"), f"playbooks/{entry.name}")
    return Found(pb, "bundled", f"playbooks/{entry.name}", _sha256(data))


def _bundled_ids() -> dict[str, str]:
    """Bundled playbook ids (and file stems) -> file name, without parsing them."""
    ids: dict[str, str] = {}
    for stem, entry in _bundled():
        ids[stem] = entry.name
        text = entry.read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.startswith("id:"):
                ids[line[3:].strip().strip("'\"")] = entry.name
                break
    return ids


def _user_found(path: Path, override_bundled: bool) -> Found:
    """A user playbook; one reusing a bundled id only when asked for explicitly."""
    pb, digest = _load(path)
    bundled = _bundled_ids()
    if not override_bundled and (pb.id in bundled or path.stem in bundled):
        raise PlaybookError(
            f"{path}: a user playbook may not reuse the bundled id {pb.id!r}"
            if pb.id in bundled
            else f"{path}: a user playbook may not reuse the bundled name {path.stem!r}",
            "rename or remove it to use the bundled one, or pass --override-bundled to use "
            "it in its place",
        )
    return Found(pb, "user", str(path), digest)


def _bundled() -> list[tuple[str, Traversable]]:
    entries = [e for e in bundled_dir().iterdir() if e.name.endswith((".yaml", ".yml"))]
    return sorted((e.name.rsplit(".", 1)[0], e) for e in entries)


def _user() -> list[tuple[str, Path]]:
    folder = paths.user_playbooks_dir()
    if not folder.is_dir():
        return []
    return sorted((p.stem, p) for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def available(problems: list[str] | None = None) -> list[Found]:
    """Every playbook one can start by name.

    A user playbook that cannot be loaded, or that reuses a bundled id, is left out and
    said in ``problems``: one bad file never hides the others.
    """
    found: dict[str, Found] = {}
    for _, entry in _bundled():
        f = _load_bundled(entry)
        found[f.playbook.id] = f
    for _, path in _user():
        try:
            f = _user_found(path, override_bundled=False)
        except PlaybookError as exc:
            if problems is not None:
                problems.append(exc.render().splitlines()[0])
            continue
        found.setdefault(f.playbook.id, f)
    return sorted(found.values(), key=lambda f: f.playbook.id)


def find(name_or_path: str, *, override_bundled: bool = False) -> Found:
    """A playbook by id (user, then bundled) or by a path to a YAML file.

    A user playbook named like a bundled one is refused unless ``override_bundled``: a
    file dropped in the user folder must not silently replace the phishing check's list
    of official domains.
    """
    candidate = Path(name_or_path).expanduser()
    looks_like_path = (
        name_or_path.endswith((".yaml", ".yml")) or "/" in name_or_path or "\\" in name_or_path
    )
    if looks_like_path or candidate.is_file():
        pb, digest = _load(candidate)
        return Found(pb, "path", str(candidate.resolve()), digest)
    for _, path in _user():
        if path.stem == name_or_path:
            return _user_found(path, override_bundled)
    for stem, entry in _bundled():
        if stem == name_or_path:
            return _load_bundled(entry)
    names = ", ".join(stem for stem, _ in _bundled())
    raise PlaybookError(
        f"no playbook named {name_or_path!r}", f"bundled playbooks: {names}; or give a path"
    )

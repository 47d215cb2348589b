"""Evidence kinds: one module each, registered here by name.

A registration is light (no model is imported): the command line lists `incident evidence`
subcommands from it without loading a kind. The kind itself (``KIND`` in its module: model,
fields, words) is imported the first time something asks for it. Adding a kind is a module
and a line here; the command line, the runner's form, the journal, the exports and the
report take it from the registry.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from incident.core.kinds.base import EvidenceModel, Kind


@dataclass(frozen=True)
class Entry:
    name: str  # the kind as the journal stores it ("transaction")
    command: str  # its `incident evidence` subcommand ("tx")
    module: str  # where its KIND lives
    help: str  # one line for `incident evidence --help` (English, as all --help text)


_ENTRIES: dict[str, Entry] = {}
_LOADED: dict[str, Kind[Any]] = {}
_listeners: list[Callable[[], None]] = []  # told when the set of kinds changes (the codec)


def register(entry: Entry, kind: Kind[Any] | None = None) -> None:
    """Add a kind (its module is imported when first needed, unless ``kind`` is given)."""
    _ENTRIES[entry.name] = entry
    _LOADED.pop(entry.name, None)
    if kind is not None:
        _LOADED[entry.name] = kind
    for listener in _listeners:
        listener()


def unregister(name: str) -> None:
    _ENTRIES.pop(name, None)
    _LOADED.pop(name, None)
    for listener in _listeners:
        listener()


@contextmanager
def registered(entry: Entry, kind: Kind[Any] | None = None) -> Iterator[None]:
    """A kind that exists only inside the ``with`` block (for tests)."""
    register(entry, kind)
    try:
        yield
    finally:
        unregister(entry.name)


def on_change(listener: Callable[[], None]) -> None:
    _listeners.append(listener)


def entries() -> list[Entry]:
    return list(_ENTRIES.values())


def names() -> list[str]:
    return list(_ENTRIES)


def get(name: str) -> Kind[EvidenceModel]:
    """The kind called ``name``; KeyError for one this version does not know."""
    kind = _LOADED.get(name)
    if kind is None:
        module = importlib.import_module(_ENTRIES[name].module)
        kind = module.KIND
        _LOADED[name] = kind
    return kind


def all_kinds() -> list[Kind[EvidenceModel]]:
    return [get(name) for name in _ENTRIES]


def models() -> list[type[EvidenceModel]]:
    return [kind.model for kind in all_kinds()]


for _entry in (
    Entry("note", "add", "incident.core.kinds.note", "Add a note, with files attached if given."),
    Entry(
        "transaction",
        "tx",
        "incident.core.kinds.transaction",
        "Record an unauthorized transaction.",
    ),
    Entry("login", "login", "incident.core.kinds.login", "Record a login that was not yours."),
    Entry(
        "contact",
        "contact",
        "incident.core.kinds.contact",
        "Record a contact with support (checked against the official channels).",
    ),
    Entry("police", "police", "incident.core.kinds.police", "Record a police report you filed."),
):
    register(_entry)

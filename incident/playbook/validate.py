"""Checks across steps that a single model cannot make: ids, references, cycles."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from incident.playbook.engine import MAX_DEPTH
from incident.playbook.schema import Playbook


def cross_check(pb: Playbook) -> list[str]:
    """Problems as ``step 'x': field 'y': message`` lines; empty when the playbook is sound."""
    problems: list[str] = []
    ids = [s.id for s in pb.steps]
    seen: set[str] = set()
    for sid in ids:
        if sid in seen:
            problems.append(f"step {sid!r}: field 'id': duplicate step id")
        seen.add(sid)
    by_id = {s.id: s for s in pb.steps}
    platform_ids = [p.id for p in pb.platforms]
    if len(platform_ids) != len(set(platform_ids)):
        problems.append("field 'platforms': duplicate platform id")
    for step in pb.steps:
        for req in step.requires:
            if req not in by_id:
                problems.append(f"step {step.id!r}: field 'requires': unknown step {req!r}")
            elif req == step.id:
                problems.append(f"step {step.id!r}: field 'requires': a step cannot require itself")
        if step.when is not None:
            q = by_id.get(step.when.step)
            if q is None:
                problems.append(
                    f"step {step.id!r}: field 'when.step': unknown step {step.when.step!r}"
                )
            elif q.kind != "question":
                problems.append(
                    f"step {step.id!r}: field 'when.step': {step.when.step!r} is not a question"
                )
            else:
                values = {o.value for o in q.options}
                for ans in step.when.answer:
                    if ans not in values:
                        problems.append(
                            f"step {step.id!r}: field 'when.answer': {ans!r} is not an option of "
                            f"{q.id!r} (options: {', '.join(sorted(values))})"
                        )
        for key in step.platform_notes:
            if key != "default" and key not in platform_ids:
                problems.append(
                    f"step {step.id!r}: field 'platform_notes.{key}': unknown platform {key!r}"
                )
    cycle = _find_cycle(pb)
    if cycle:
        problems.append(
            f"step {cycle[0]!r}: field 'requires': dependency cycle {' -> '.join(cycle)}"
        )
    else:
        depth, deepest = _depth(pb)
        if depth > MAX_DEPTH:
            problems.append(
                f"step {deepest!r}: field 'requires': a chain of {depth} steps "
                f"(requires and when); at most {MAX_DEPTH}"
            )
    problems += _too_many(pb)
    problems += _public_suffixes(pb)
    return problems


def _edges(pb: Playbook) -> dict[str, list[str]]:
    """A step depends on what it requires and on the question that gates it."""
    ids = {s.id for s in pb.steps}
    edges: dict[str, list[str]] = {}
    for s in pb.steps:
        deps = [r for r in s.requires if r in ids]
        if s.when is not None and s.when.step in ids:
            deps.append(s.when.step)
        edges[s.id] = deps
    return edges


def _find_cycle(pb: Playbook) -> list[str] | None:
    """A dependency cycle as ``[a, b, ..., a]``, found with an explicit stack (no recursion)."""
    edges = _edges(pb)
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(edges, white)
    for root in edges:
        if colour[root] != white:
            continue
        path: list[str] = [root]
        todo: list[list[str]] = [list(edges[root])]
        colour[root] = grey
        while path:
            if not todo[-1]:
                colour[path.pop()] = black
                todo.pop()
                continue
            nxt = todo[-1].pop()
            if colour[nxt] == grey:
                return [*path[path.index(nxt) :], nxt]
            if colour[nxt] == white:
                colour[nxt] = grey
                path.append(nxt)
                todo.append(list(edges[nxt]))
    return None


def _depth(pb: Playbook) -> tuple[int, str]:
    """The longest chain of requires/when (in steps), and the step at its end (no cycles)."""
    edges = _edges(pb)
    depth: dict[str, int] = {}
    for root in edges:
        stack = [root]
        while stack:
            node = stack[-1]
            pending = [d for d in edges[node] if d not in depth]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            depth[node] = 1 + max((depth[d] for d in edges[node]), default=0)
    if not depth:
        return 0, ""
    deepest = max(depth, key=lambda k: depth[k])
    return depth[deepest], deepest


# Bounds on what a playbook may hold: generous for real ones (the bundled ones have at most
# 20 steps), small enough that no file can make a listing or a report crawl.
LIMITS = {
    "steps": 300,
    "platforms": 100,
    "domains": 100,
    "channels": 50,
    "aliases": 50,
    "sources": 100,
    "options": 50,
    "requires": 100,
    "answer": 50,
}


def _too_many(pb: Playbook) -> list[str]:
    problems = []

    def check(where: str, name: str, items: Sequence[object]) -> None:
        if len(items) > LIMITS[name]:
            problems.append(f"{where}field {name!r}: more than {LIMITS[name]} items")

    check("", "steps", pb.steps)
    check("", "platforms", pb.platforms)
    check("", "sources", pb.sources)
    for p in pb.platforms:
        where = f"platform {p.id!r}: "
        check(where, "domains", p.domains)
        check(where, "channels", p.channels)
        check(where, "aliases", p.aliases)
        check(where, "sources", p.sources)
    for s in pb.steps:
        where = f"step {s.id!r}: "
        check(where, "options", s.options)
        check(where, "requires", s.requires)
        if s.when is not None:
            check(where, "answer", s.when.answer)
    return problems


def _public_suffixes(pb: Playbook) -> list[str]:
    """Official domains that are public suffixes ("com", "co.uk", "github.io"): anyone can
    register a name under them, so they would make every phishing host official."""
    psl = _psl()
    problems = []
    for p in pb.platforms:
        hosts: list[tuple[str | None, str]] = [(d, "domains") for d in p.domains]
        hosts += [(_host_of(c.address), "channels") for c in p.channels if c.kind != "phone"]
        for host, field in hosts:
            name = (host or "").strip().lower().rstrip(".")
            if not name:
                continue
            if ("." not in name and name.isascii()) or psl.is_public(name):
                problems.append(
                    f"platform {p.id!r}: field {field!r}: {name!r} is a public suffix "
                    "(anyone can register names under it), not an official domain"
                )
    return problems


@cache
def _psl() -> Any:
    """The public suffix list shipped with ``publicsuffixlist`` (no network)."""
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def _host_of(address: str) -> str | None:
    from urllib.parse import urlsplit

    text = address.strip()
    if "@" in text and "/" not in text:
        return text.rsplit("@", 1)[1]
    try:
        return urlsplit(text if "://" in text else f"https://{text}").hostname
    except ValueError:
        return None

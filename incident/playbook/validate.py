"""Checks across steps that a single model cannot make: ids, references, cycles, the order
of targets, and that every platform fact names a page on that platform's official domains."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from incident.playbook.engine import MAX_DEPTH
from incident.playbook.schema import Platform, Playbook, Step

# Pages that are not the platform's own help, even on its domain: search results, community
# and social posts, academy and news articles, AMP copies.
_NOT_HELP_HOSTS = ("academy.", "community.", "blog.", "news.")
_NOT_HELP_PATHS = ("/search", "/square/", "/answers/", "/community/", "/blog/", "/news/", "/amp/")


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
        problems += _step_refs(pb, step, platform_ids)
        problems += _note_sources(pb, step)
    problems += _channel_sources(pb)
    problems += _deadlines(pb, platform_ids)
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
    if not cycle:
        problems += _target_order(pb)
    return problems


def _step_refs(pb: Playbook, step: Step, platform_ids: list[str]) -> list[str]:
    out: list[str] = []
    where = f"step {step.id!r}"
    for pid in step.platforms:
        if pid not in platform_ids:
            out.append(f"{where}: field 'platforms': unknown platform {pid!r}")
    if step.unless is not None:
        q = pb.step(step.unless.step)
        if q is None or q.kind != "question":
            out.append(f"{where}: field 'unless.step': {step.unless.step!r} is not a question")
        else:
            values = {o.value for o in q.options}
            out += [
                f"{where}: field 'unless.answer': {a!r} is not an option of {q.id!r}"
                for a in step.unless.answer
                if a not in values
            ]
    if step.target_from is not None and step.target_from not in step.requires:
        out.append(f"{where}: field 'target_from': {step.target_from!r} must also be in 'requires'")
    return out


def official(url: str, platform: Platform) -> bool:
    """True when ``url`` is a help page on one of the platform's official domains."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:  # e.g. an unbalanced "[" in the host
        return False
    on_domain = any(host == d or host.endswith("." + d) for d in platform.domains)
    path = parts.path.lower()
    not_help = host.startswith(_NOT_HELP_HOSTS) or any(p in path for p in _NOT_HELP_PATHS)
    return parts.scheme == "https" and on_domain and not not_help


def _unofficial(url: str, platform: Platform, field: str, where: str) -> str:
    domains = ", ".join(platform.domains) or "none listed"
    return (
        f"{where}: field {field!r}: {url!r} is not a help page on an official {platform.id} "
        f"domain ({domains})"
    )


def _note_sources(pb: Playbook, step: Step) -> list[str]:
    """A platform's note names the official page it comes from and the day it was checked."""
    out: list[str] = []
    for key, note in step.platform_notes.items():
        platform = next((p for p in pb.platforms if p.id == key), None)
        if platform is None:
            continue
        field = f"platform_notes.{key}"
        where = f"step {step.id!r}"
        if note.source is None:
            out.append(f"{where}: field '{field}.source': a platform note needs its source")
        elif not official(note.source, platform):
            out.append(_unofficial(note.source, platform, f"{field}.source", where))
        if note.checked is None:
            out.append(f"{where}: field '{field}.checked': a platform note needs the date checked")
    return out


def _channel_sources(pb: Playbook) -> list[str]:
    out: list[str] = []
    for platform in pb.platforms:
        for n, channel in enumerate(platform.channels):
            if channel.source and not official(channel.source, platform):
                where = f"platform {platform.id!r}"
                out.append(_unofficial(channel.source, platform, f"channels.{n}.source", where))
        for n, source in enumerate(platform.sources):
            if not official(source.url, platform):
                where = f"platform {platform.id!r}"
                out.append(_unofficial(source.url, platform, f"sources.{n}.url", where))
    return out


def _deadlines(pb: Playbook, platform_ids: list[str]) -> list[str]:
    out: list[str] = []
    ids = [d.id for d in pb.deadlines]
    for d in pb.deadlines:
        where = f"deadline {d.id!r}"
        if ids.count(d.id) > 1:
            out.append(f"{where}: field 'id': duplicate deadline id")
        if d.start != "discovery" and pb.step(d.start) is None:
            out.append(f"{where}: field 'start': neither 'discovery' nor a step ({d.start!r})")
        if d.met_by is not None and pb.step(d.met_by) is None:
            out.append(f"{where}: field 'met_by': unknown step {d.met_by!r}")
        if d.platform is None:
            continue
        platform = next((p for p in pb.platforms if p.id == d.platform), None)
        if platform is None:
            out.append(f"{where}: field 'platform': unknown platform {d.platform!r}")
        elif not official(d.source, platform):
            out.append(_unofficial(d.source, platform, "source", where))
    return out


def earliest(pb: Playbook, step: Step) -> int:
    """Minutes after discovery a step can be due at the soonest: its target after its anchor's."""
    seen: set[str] = set()
    total = 0
    current: Step | None = step
    while current is not None and current.id not in seen:
        seen.add(current.id)
        total += current.target_minutes
        current = pb.step(current.target_from) if current.target_from else None
    return total


def _anchors(pb: Playbook, step: Step) -> set[str]:
    """The steps a target counts from, through their own anchors."""
    seen: set[str] = set()
    current = pb.step(step.target_from) if step.target_from else None
    while current is not None and current.id not in seen:
        seen.add(current.id)
        current = pb.step(current.target_from) if current.target_from else None
    return seen


def _target_order(pb: Playbook) -> list[str]:
    """A step may not be due before a step it requires or the question that gates it.

    With ``target_from`` a step is checked twice: counted from its anchor, and, when the
    anchor is only on some paths (a branch or a platform), counted from discovery against
    what it requires that does not wait for that anchor (the path where the anchor is absent).
    """
    out: list[str] = []
    for step in pb.steps:
        mine = earliest(pb, step)
        anchor = pb.step(step.target_from) if step.target_from else None
        conditional = anchor is not None and bool(anchor.when or anchor.unless or anchor.platforms)
        deps = list(step.requires)
        deps += [c.step for c in (step.when, step.unless) if c is not None]
        for dep_id in deps:
            dep = pb.step(dep_id)
            if dep is None or dep.id == step.id:
                continue
            theirs = earliest(pb, dep)
            if mine < theirs:
                out.append(
                    f"step {step.id!r}: field 'target_minutes': due at T+{mine} min, earlier "
                    f"than {dep.id!r} (T+{theirs} min), which it requires"
                )
            elif (
                conditional
                and anchor is not None
                and dep.id != anchor.id
                and anchor.id not in _anchors(pb, dep)
                and step.target_minutes < theirs
            ):
                out.append(
                    f"step {step.id!r}: field 'target_minutes': where {anchor.id!r} does not "
                    f"apply it is due at T+{step.target_minutes} min, earlier than {dep.id!r} "
                    f"(T+{theirs} min), which it requires"
                )
    return out


def _edges(pb: Playbook) -> dict[str, list[str]]:
    """A step depends on what it requires and on the question that gates it."""
    ids = {s.id for s in pb.steps}
    edges: dict[str, list[str]] = {}
    for s in pb.steps:
        deps = [r for r in s.requires if r in ids]
        for cond in (s.when, s.unless):
            if cond is not None and cond.step in ids:
                deps.append(cond.step)
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

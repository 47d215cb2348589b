"""Checks across steps that a single model cannot make: ids, references, cycles."""

from __future__ import annotations

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
    edges = _edges(pb)
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(edges, white)
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = grey
        stack.append(node)
        for nxt in edges[node]:
            if colour[nxt] == grey:
                return [*stack[stack.index(nxt) :], nxt]
            if colour[nxt] == white:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        colour[node] = black
        return None

    for node in edges:
        if colour[node] == white:
            found = visit(node)
            if found:
                return found
    return None

"""Promise 8b: a malformed playbook gives validation errors, never a traceback.

Mutations of the bundled YAML (deleted keys, wrong types, unknown keys, duplicate ids, cycles,
bad `when` references, broken YAML text): `incident playbooks validate` exits 1 with one error
block (an `Error:` line, then indented lines), or 0 when the mutation left a valid playbook;
`incident start` with the same file exits 1 and creates nothing.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incident.playbook import loader

BUNDLED = sorted(p.name for p in loader.bundled_dir().iterdir() if p.name.endswith(".yaml"))
WRONG_VALUES: list[Any] = [
    None,
    0,
    -5,
    3.5,
    True,
    "",
    "x",
    [],
    {},
    [1, 2],
    {"a": 1},
    "x" * 5000,
    "中文",
    ["yes", None],
    {"en": "", "zh": ""},
]


def _load(name: str) -> dict[str, Any]:
    raw = yaml.safe_load((loader.bundled_dir() / name).read_text(encoding="utf-8"))
    assert isinstance(raw, dict)
    return raw


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into the parsed YAML."""
    found = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            found += _nodes(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _nodes(v, (*path, i))
    return found


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


def mutate(doc: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    path = rng.choice([p for p in _nodes(doc) if p])
    parent, key = _parent(doc, path), path[-1]
    action = rng.choice(["delete", "wrong-type", "unknown-key", "duplicate", "empty"])
    if action == "delete":
        del parent[key]
    elif action == "wrong-type":
        parent[key] = copy.deepcopy(rng.choice(WRONG_VALUES))
    elif action == "unknown-key" and isinstance(parent, dict):
        parent[f"surprise_{rng.randrange(99)}"] = "surprise"
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[key]))
    else:
        parent[key] = type(parent[key])() if isinstance(parent[key], list | dict | str) else None
    return doc


def _one_error_block(result: Any) -> None:
    assert "Traceback" not in result.output, result.output
    assert "Error: unexpected " not in result.output, result.output
    lines = result.stderr.rstrip("\n").splitlines()
    assert lines and lines[0].startswith("Error: "), result.stderr
    assert all(line.startswith("  ") for line in lines[1:]), result.stderr


def _validate(run: Any, path: Path, text: str) -> Any:
    path.write_text(text, encoding="utf-8")
    result = run("playbooks", "validate", str(path))
    assert result.exit_code in (0, 1), result.output
    if result.exit_code:
        _one_error_block(result)
    else:
        assert result.stdout.startswith("OK: ")
    return result


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.sampled_from(BUNDLED), seed=st.integers(0, 2**32), count=st.integers(1, 3))
def test_random_mutations(name: str, seed: int, count: int, run: Any, tmp_path: Path) -> None:
    rng = random.Random(seed)
    doc = _load(name)
    for _ in range(count):
        doc = mutate(doc, rng)
    _validate(run, tmp_path / "mutated.yaml", yaml.safe_dump(doc, allow_unicode=True))


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.sampled_from(BUNDLED),
    seed=st.integers(0, 2**32),
    insert=st.sampled_from(
        [
            "\t",
            ":",
            "- ",
            "&a ",
            "*a",
            "!!python/object:os.system ",
            "{",
            "[",
            "'",
            '"',
            "\x00",
            "\ufeff",
            "%YAML 9.9\n",
            "\n  ",
            "? ",
        ]
    ),
)
def test_broken_yaml_text(name: str, seed: int, insert: str, run: Any, tmp_path: Path) -> None:
    text = (loader.bundled_dir() / name).read_text(encoding="utf-8")
    rng = random.Random(seed)
    at = rng.randrange(len(text))
    mutated = text[:at] + insert + text[at:] if rng.random() < 0.7 else text[:at]
    _validate(run, tmp_path / "broken.yaml", mutated)


def _steps(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in doc["steps"]}


def _structural(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Mutations that only the cross-step checks can catch, each with what the error names."""
    cases: dict[str, tuple[dict[str, Any], list[str]]] = {}

    def case(name: str, change: Any, expect: list[str]) -> None:
        mutated = copy.deepcopy(doc)
        change(mutated)
        cases[name] = (mutated, expect)

    ids = [s["id"] for s in doc["steps"]]
    question = next(s["id"] for s in doc["steps"] if s.get("kind") == "question")
    action = next(s["id"] for s in doc["steps"] if s.get("kind") != "question")
    last = ids[-1]

    def duplicate(d: dict[str, Any]) -> None:
        d["steps"][1]["id"] = ids[0]

    def cycle(d: dict[str, Any]) -> None:
        _steps(d)[ids[1]]["requires"] = [last]
        _steps(d)[last]["requires"] = [ids[1]]

    def self_require(d: dict[str, Any]) -> None:
        _steps(d)[last]["requires"] = [last]

    def unknown_require(d: dict[str, Any]) -> None:
        _steps(d)[last]["requires"] = ["no-such-step"]

    def when_unknown(d: dict[str, Any]) -> None:
        _steps(d)[last]["when"] = {"step": "no-such-step", "answer": ["yes"]}

    def when_not_question(d: dict[str, Any]) -> None:
        _steps(d)[last]["when"] = {"step": action, "answer": ["yes"]}

    def when_bad_answer(d: dict[str, Any]) -> None:
        _steps(d)[last]["when"] = {"step": question, "answer": ["maybe-later"]}

    case("duplicate id", duplicate, [repr(ids[0]), "duplicate"])
    case("cycle", cycle, ["cycle"])
    case("self require", self_require, [repr(last), "require"])
    case("unknown require", unknown_require, [repr(last), "no-such-step"])
    case("when unknown step", when_unknown, [repr(last), "when.step"])
    case("when not a question", when_not_question, [repr(last), "not a question"])
    case("when bad answer", when_bad_answer, [repr(last), "maybe-later"])
    if doc.get("platforms"):

        def dup_platform(d: dict[str, Any]) -> None:
            d["platforms"].append(copy.deepcopy(d["platforms"][0]))

        case("duplicate platform", dup_platform, ["platform"])
    return {k: {"doc": v[0], "expect": v[1]} for k, v in cases.items()}


STRUCTURAL = [(name, case) for name in BUNDLED for case in _structural(_load(name))]


@pytest.mark.parametrize(("name", "case"), STRUCTURAL, ids=[f"{n}:{c}" for n, c in STRUCTURAL])
def test_cross_step_problems_are_named(
    name: str, case: str, run: Any, tmp_path: Path, incident_home: Path
) -> None:
    spec = _structural(_load(name))[case]
    path = tmp_path / "bad.yaml"
    result = _validate(run, path, yaml.safe_dump(spec["doc"], allow_unicode=True))
    assert result.exit_code == 1
    for expected in spec["expect"]:
        assert expected in result.stderr, (expected, result.stderr)
    started = run(
        "start",
        "--playbook",
        str(path),
        "--platform",
        "OKX",
        "--account",
        "me@example.com",
        "--no-run",
    )
    assert started.exit_code == 1
    _one_error_block(started)
    assert not list((incident_home / "sessions").glob("*/journal.log"))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "null",
        "42",
        "- a\n- b",
        "just text",
        "id: [",
        "\x00\x01",
        "&a [*a]",
        "id: x\nsteps: &s [*s]\n",
        "id: x\nsteps: [&t {id: a, requires: *t}]\n",
    ],
    ids=[
        "empty",
        "null",
        "number",
        "list",
        "text",
        "unclosed",
        "binary",
        "self-list",
        "self-steps",
        "self-step",
    ],
)
def test_not_a_playbook_at_all(text: str, run: Any, tmp_path: Path) -> None:
    result = _validate(run, tmp_path / "x.yaml", text)
    assert result.exit_code == 1


def test_a_missing_or_huge_file(run: Any, tmp_path: Path) -> None:
    result = run("playbooks", "validate", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 1
    _one_error_block(result)
    huge = tmp_path / "huge.yaml"
    huge.write_text("id: x\n" + "# padding\n" * 300_000)
    result = run("playbooks", "validate", str(huge))
    assert result.exit_code == 1 and "too large" in result.stderr


def test_deeply_nested_yaml(run: Any, tmp_path: Path) -> None:
    _validate(run, tmp_path / "deep.yaml", "[" * 5000 + "]" * 5000)

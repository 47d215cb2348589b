"""Playbooks are data: every problem is a readable error naming file, step and field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from incident.playbook import loader
from incident.resources import folder
from tests.conftest import Runner

MINIMAL = {
    "id": "mini",
    "version": "1",
    "title": {"en": "Mini", "zh": "迷你"},
    "description": {"en": "A small one.", "zh": "一个小手册。"},
    "steps": [
        {
            "id": "q",
            "kind": "question",
            "title": {"en": "Can you log in?", "zh": "还能登录吗？"},
            "why": {"en": "w", "zh": "原因"},
            "help": {"en": "h", "zh": "帮助"},
            "target_minutes": 2,
            "options": [
                {"value": "yes", "label": {"en": "Yes", "zh": "能"}},
                {"value": "no", "label": {"en": "No", "zh": "不能"}},
            ],
        },
        {
            "id": "a",
            "kind": "action",
            "title": {"en": "A", "zh": "甲"},
            "why": {"en": "w", "zh": "原因"},
            "help": {"en": "h", "zh": "帮助"},
            "target_minutes": 10,
            "when": {"step": "q", "answer": "yes"},
        },
        {
            "id": "b",
            "kind": "action",
            "title": {"en": "B", "zh": "乙"},
            "why": {"en": "w", "zh": "原因"},
            "help": {"en": "h", "zh": "帮助"},
            "target_minutes": 20,
            "requires": ["a"],
        },
    ],
}


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "book.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def mutate(change: str) -> dict:  # type: ignore[type-arg]
    import copy

    data = copy.deepcopy(MINIMAL)
    steps = data["steps"]
    if change == "missing-zh":
        del steps[1]["title"]["zh"]
    elif change == "blank-zh":
        steps[1]["why"]["zh"] = "   "
    elif change == "duplicate":
        steps[2]["id"] = "a"
    elif change == "unknown-require":
        steps[2]["requires"] = ["zzz"]
    elif change == "unknown-when":
        steps[1]["when"] = {"step": "nope", "answer": "yes"}
    elif change == "bad-answer":
        steps[1]["when"] = {"step": "q", "answer": "perhaps"}
    elif change == "cycle":
        steps[1]["requires"] = ["b"]
    elif change == "extra-field":
        steps[1]["colour"] = "red"
    elif change == "bad-kind":
        steps[1]["kind"] = "chore"
    elif change == "question-without-options":
        steps[0]["options"] = []
    elif change == "negative-target":
        steps[1]["target_minutes"] = -1
    return data


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("missing-zh", "step 'a': field 'title.zh': Field required"),
        ("blank-zh", "step 'a': field 'why.zh'"),
        ("duplicate", "step 'a': field 'id': duplicate step id"),
        ("unknown-require", "step 'b': field 'requires': unknown step 'zzz'"),
        ("unknown-when", "step 'a': field 'when.step': unknown step 'nope'"),
        ("bad-answer", "step 'a': field 'when.answer': 'perhaps' is not an option"),
        ("cycle", "dependency cycle"),
        ("extra-field", "step 'a': field 'colour': unknown field"),
        ("bad-kind", "step 'a': field 'kind'"),
        ("question-without-options", "step 'q'"),
        ("negative-target", "step 'a': field 'target_minutes'"),
    ],
)
def test_validate_names_file_step_and_field(
    run: Runner, tmp_path: Path, change: str, expected: str
) -> None:
    path = write(tmp_path, mutate(change))
    result = run("playbooks", "validate", str(path))
    assert result.exit_code == 1
    assert str(path) in result.output
    assert expected in result.output
    assert "Traceback" not in result.output


def test_valid_file(run: Runner, tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL)
    assert "OK" in run.ok("playbooks", "validate", str(path)).output


@pytest.mark.parametrize(
    "text", ["id: [unclosed", "- just\n- a list", "", "!!python/object:os.system {}"]
)
def test_not_a_playbook(run: Runner, tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("playbooks", "validate", str(path))
    assert result.exit_code == 1 and str(path) in result.output and "Traceback" not in result.output


def test_every_bundled_playbook_is_valid_and_complete() -> None:
    names = sorted(e.name for e in folder("playbooks").iterdir() if e.name.endswith(".yaml"))
    assert names == [
        "crypto-exchange.yaml",
        "email-account.yaml",
        "generic-account.yaml",
        "payment-wallet.yaml",
    ]
    for name in names:
        pb = loader.parse(folder("playbooks").joinpath(name).read_text(encoding="utf-8"), name)
        assert pb.id == name.removesuffix(".yaml")
        assert pb.steps[0].kind == "question"
        # An emergency: the first action is due within minutes, not days.
        first_action = next(s for s in pb.steps if s.kind == "action")
        assert first_action.target_minutes <= 30, (name, first_action.id)
        for step in pb.steps:
            for note in step.platform_notes.values():
                assert note.source is None or note.source.startswith("https://")


def test_platform_specific_facts_have_sources() -> None:
    pb = loader.find("crypto-exchange").playbook
    assert {p.id for p in pb.platforms} >= {"okx", "binance", "coinbase"}
    freeze = pb.step("freeze-account")
    assert freeze is not None
    for platform in ("okx", "binance", "coinbase"):
        note = freeze.platform_notes[platform]
        assert note.source and note.source.startswith("https://"), platform
    for p in pb.platforms:
        assert p.domains, p.id
        for ch in p.channels:
            assert ch.source, (p.id, ch.address)


def test_user_playbooks_are_found(run: Runner, incident_home: Path) -> None:
    folder_ = incident_home / "playbooks"
    folder_.mkdir(parents=True)
    write(folder_, MINIMAL).rename(folder_ / "mini.yaml")
    listed = run.ok("playbooks", "list", "--json").stdout
    assert '"id": "mini"' in listed and '"origin": "user"' in listed
    run.ok("start", "--playbook", "mini", "--platform", "Somewhere", "--account", "me", "--no-run")
    shown = run.ok("playbooks", "show", "mini", "--lang", "zh").stdout
    assert "还能登录吗？" in shown


def test_start_from_a_path(run: Runner, tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL)
    run.ok("start", "--playbook", str(path), "--platform", "X", "--account", "me", "--no-run")
    path.unlink()  # the session keeps its own copy of the playbook
    assert "q" in run.ok("next").stdout


def test_list_and_show(run: Runner) -> None:
    out = run.ok("playbooks", "list").stdout
    assert "crypto-exchange" in out
    shown = run.ok("playbooks", "show", "crypto-exchange").stdout
    assert "freeze-account" in shown and "when can-you-log-in = yes" in shown
    missing = run("playbooks", "show", "nothing-here")
    assert missing.exit_code == 1

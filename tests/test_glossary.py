"""Chinese words: a playbook, message or catalog string may not use a word GLOSSARY.md marks
as wrong for its place (every text, or one platform's notes and channels)."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from incident.resources import folder

Wrong = dict[str, list[tuple[str, str]]]  # section -> [(wrong word, the right one)]


def glossary() -> Wrong:
    text = folder("playbooks").joinpath("GLOSSARY.md").read_text(encoding="utf-8")
    wrong: Wrong = {}
    section = ""
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
            wrong[section] = []
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if section and len(cells) == 3 and cells[0] not in ("English", "---"):
            wrong[section] += [(w.strip(), cells[1]) for w in cells[2].split(",") if w.strip()]
    return wrong


def zh_texts(node: object) -> list[str]:
    if isinstance(node, dict):
        out: list[str] = []
        for key, value in node.items():
            if key == "zh" and isinstance(value, str):
                out.append(value)
            else:
                out += zh_texts(value)
        return out
    if isinstance(node, list):
        return [t for item in node for t in zh_texts(item)]
    return []


def places(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(where, section, text): every Chinese text of a playbook with the section it answers to."""
    out: list[tuple[str, str, str]] = []
    for platform in doc.get("platforms") or []:
        for text in zh_texts(platform.get("channels") or []):
            out.append((f"platform {platform['id']}", platform["id"], text))
    for step in doc.get("steps") or []:
        notes = step.get("platform_notes") or {}
        for key, note in notes.items():
            section = "general" if key == "default" else key
            out += [(f"step {step['id']} note {key}", section, t) for t in zh_texts(note)]
        rest = {k: v for k, v in step.items() if k != "platform_notes"}
        out += [(f"step {step['id']}", "general", t) for t in zh_texts(rest)]
    for deadline in doc.get("deadlines") or []:
        section = deadline.get("platform") or "general"
        out += [(f"deadline {deadline['id']}", section, t) for t in zh_texts(deadline)]
    top = {k: v for k, v in doc.items() if k not in ("platforms", "steps", "deadlines")}
    out += [("playbook", "general", t) for t in zh_texts(top)]
    return out


def problems(where: str, section: str, text: str, wrong: Wrong) -> list[str]:
    found = []
    for sec in {"general", section}:
        for bad, good in wrong.get(sec, []):
            # a wrong word inside the right one (提币 inside 提币地址白名单) is not a use of it
            cleaned = text.replace(good, "") if bad in good else text
            if bad in cleaned:
                found.append(f"{where}: {bad!r} (use {good!r})")
    return found


def scan() -> list[str]:
    from incident.catalog import CATALOG

    wrong = glossary()
    found: list[str] = []
    for entry in folder("playbooks").iterdir():
        if entry.name.endswith(".yaml"):
            doc = yaml.safe_load(entry.read_text(encoding="utf-8"))
            for where, section, text in places(doc):
                found += problems(f"{entry.name} {where}", section, text, wrong)
    for key, (_, zh) in CATALOG.items():
        found += problems(f"catalog {key}", "general", zh, wrong)
    data = resources.files("incident.report.messages").joinpath("messages.yaml").read_text("utf-8")
    for text in zh_texts(yaml.safe_load(data)):
        found += problems("messages.yaml", "general", text, wrong)
    return found


def test_the_glossary_has_sections_and_wrong_words() -> None:
    wrong = glossary()
    assert {"general", "binance", "okx", "google"} <= set(wrong)
    assert ("提币", "提现") in wrong["binance"] and ("提现", "提币") in wrong["okx"]
    assert ("应急流程", "处置手册") in wrong["general"]


def test_a_wrong_word_is_flagged_in_its_place_only() -> None:
    wrong = glossary()
    doc = {
        "steps": [
            {
                "id": "s",
                "help": {"en": "x", "zh": "请查看提现记录。"},
                "platform_notes": {
                    "binance": {"en": "x", "zh": "打开提币记录。"},
                    "okx": {"en": "x", "zh": "打开提币记录，开启地址白名单。"},
                },
            }
        ]
    }
    found = [p for w, s, t in places(doc) for p in problems(w, s, t, wrong)]
    assert found == ["step s note binance: '提币' (use '提现')"]
    assert problems("x", "general", "按应急流程处理", wrong)


def test_no_text_uses_a_word_the_glossary_marks_wrong() -> None:
    assert scan() == []

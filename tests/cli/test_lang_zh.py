"""With --lang zh (or a Chinese session) refusals read in Chinese only, and store nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli.test_sessions import journal_bytes
from tests.conftest import Runner

SEED = "abandon ability able about above absent absorb abstract absurd abuse access accident"
TX = ["evidence", "tx", "--type", "withdrawal", "--asset", "USDT"]
CASES = {
    "seed phrase": (["evidence", "add", "--note", f"my words: {SEED}"], SEED),
    "bad time": ([*TX, "--amount", "5", "--time", "tomorrow-ish"], "tomorrow-ish"),
    "future time": ([*TX, "--amount", "5", "--time", "2999-01-01 10:00"], "2999-01-01 10:00"),
    "missing file": (
        ["evidence", "add", "--note", "the page", "--file", "/no/such/shot.png"],
        "/no/such/shot.png",
    ),
    "refused amount": ([*TX, "--time", "2026-11-25 04:52", "--amount", "1,5"], "1,5"),
    # fixing mistakes: the command to type is the same in both languages, so it is "typed"
    "no such entry": (["evidence", "retract", "E9", "--reason", "twice"], "incident evidence list"),
    "step already to do": (["step", "reset", "can-you-log-in"], "can-you-log-in"),
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def ascii_words(text: str, typed: str) -> set[str]:
    """Words of a message, leaving out what the user typed (the value and option names) and
    time zone abbreviations (CST), which read the same in both languages."""
    text = text.replace(typed, " ")
    text = re.sub(r"--[a-z][a-z-]*", " ", text)
    return {w.lower() for w in re.findall(r"[A-Za-z]{2,}", text) if not w.isupper()}


@pytest.mark.parametrize("case", list(CASES))
def test_refusals_in_chinese_carry_no_english(
    run: Runner, session: str, incident_home: Path, case: str
) -> None:
    args, typed = CASES[case]
    before = journal_bytes(incident_home)
    english = run(*args)
    chinese = run(*args, "--lang", "zh")
    assert english.exit_code == chinese.exit_code != 0
    assert journal_bytes(incident_home) == before
    assert "Error:" in english.output and CJK.search(chinese.output)
    english_words = ascii_words(english.output, typed)
    assert len(english_words) >= 3  # the check below can fail
    assert ascii_words(chinese.output, typed) & english_words == set(), chinese.output


def test_a_chinese_session_speaks_chinese_without_lang(run: Runner, incident_home: Path) -> None:
    run.ok(
        "start", "--playbook", "crypto-exchange", "--platform", "OKX", "--account", "lin@x.cn",
        "--lang", "zh", "--tz", "Asia/Shanghai", "--discovered-at", "2026-11-25 07:00", "--no-run",
    )  # fmt: skip
    result = run(*TX, "--time", "2026-11-25 08:00", "--amount", "1.000,50")
    assert result.exit_code == 1
    assert result.output.startswith("错误：--amount“1.000,50”") and "1000.50" in result.output
    ok = run.ok(*TX, "--time", "昨天 15:00", "--amount", "1,000.50")
    assert "已在事件" in ok.output and "OKX / lin@x.cn" in ok.output


@pytest.mark.parametrize(
    ("typed", "meant"), [("1.000,50", "1000.50"), ("1,5", "1.5"), ("1e3", "1000")]
)
def test_refused_amounts_in_chinese(
    run: Runner, session: str, incident_home: Path, typed: str, meant: str
) -> None:
    before = journal_bytes(incident_home)
    result = run(*TX, "--time", "2026-11-25 04:52", "--amount", typed, "--lang", "zh")
    assert result.exit_code == 1 and journal_bytes(incident_home) == before
    [line] = result.output.strip().splitlines()
    assert (
        line.startswith(f"错误：--amount“{typed}”") and meant in line and "未保存任何内容" in line
    )


def test_status_and_step_notes_in_the_language_asked(run: Runner, session: str) -> None:
    assert "下一步" in run.ok("status", "--lang", "zh").stdout
    out = run.ok(
        "step", "done", "freeze-account", "--force", "--note", "  froze it  ", "--lang", "zh"
    )
    assert "已完成" in out.stdout and "OKX / lin@example.com" in out.stdout
    import json

    steps = json.loads(run.ok("export", "--format", "json").stdout)["steps"]
    assert next(s for s in steps if s["id"] == "freeze-account")["note"] == "froze it"

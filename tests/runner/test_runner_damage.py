"""Issue 17: the runner on a damaged session shows what is intact, says so in its header
on every screen, and refuses to record until `incident repair`."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from incident.core import actions
from incident.core.store import Store
from incident.runner import screen
from tests.conftest import Runner
from tests.runner.test_runner_pty import Tty
from tests.runner.test_runner_screen import NOW, all_pages, assert_fits, now_status, start

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def _cut_last(store: Store, sid: str) -> None:
    journal = store.root / sid / "journal.log"
    journal.write_bytes(journal.read_bytes()[:-7])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_damage_line_is_in_the_header_of_every_screen_and_fits(lang: str) -> None:
    store, sid = start(lang)
    actions.add_evidence(store, sid, actions.note("kept"), now=NOW)
    actions.add_evidence(store, sid, actions.note("lost"), now=NOW)
    _cut_last(store, sid)
    view = store.open(sid)
    line = view.integrity.damage_line(lang)
    assert line.startswith("Integrity: damaged" if lang == "en" else "完整性：已损坏")
    st = replace(now_status(store, sid), integrity=line)
    assert st.state.evidence[-1].evidence.text == "kept"  # type: ignore[union-attr]
    step = st.next[0].id
    shown = [
        *all_pages(st, step, lang),
        screen.checklist_screen(st, lang=lang, cells=80, height=24, current=step, color=False),
        screen.evidence_menu(st, step, lang=lang, cells=80, height=24, color=False),
    ]
    for s in shown:
        assert_fits(s.lines)
        assert any(line[:20] in text for text in s.lines[:3]), s.lines[:3]


def test_the_runner_reads_a_damaged_session_and_refuses_to_record(
    session: str, run: Runner, tmp_path: Path
) -> None:
    run.ok("evidence", "add", "--session", session, "--note", "kept")
    run.ok("evidence", "add", "--session", session, "--note", "lost")
    _cut_last(Store(), session)
    tty = Tty("run", "--session", session, cwd=tmp_path)
    shown = tty.screen("[q] quit")
    assert "! Integrity: damaged — entries 3 (cut short) missing" in shown
    tty.child.send("1")  # the first step is a question: answer it
    shown = tty.screen("nothing was recorded")
    assert "is damaged" in shown
    tty.child.send("q")
    assert tty.finish() == 0
    assert run("verify", "--session", session).exit_code == 3  # nothing was recorded

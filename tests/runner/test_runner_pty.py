"""The runner in a real pseudo-terminal (pexpect, 80 x 24): whole runs on both branches,
evidence typed in, Ctrl-C in a prompt, a hang-up, SIGKILL, and no terminal at all.

What the runner shows is checked against what the core says is next, and what it records
is checked through the non-interactive commands (`evidence list --json`, `export`).
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pexpect
import pytest

from incident.core.status import status
from incident.core.store import Store
from incident.playbook.schema import Step
from incident.times import utcnow
from tests.conftest import Runner

CLEAR = "\x1b[2J"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


class Tty:
    """``python -m incident ARGS`` on an 80 x 24 pseudo-terminal, with all it printed kept."""

    def __init__(self, *args: str, cwd: Path, color: bool = False) -> None:
        env = dict(os.environ)
        env.pop("NO_COLOR", None)
        if not color:
            env["NO_COLOR"] = "1"
        self.log = io.StringIO()
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "incident", *args],
            env=env,
            cwd=str(cwd),
            dimensions=(24, 80),
            encoding="utf-8",
            timeout=20,
        )
        self.child.logfile_read = self.log

    def screen(self, marker: str) -> str:
        """Wait for ``marker``; return the screen drawn last (up to and including it)."""
        self.child.expect_exact(marker)
        return str(self.child.before + self.child.after).rsplit(CLEAR, 1)[-1]

    def prompt(self, label: str, answer: str) -> None:
        self.child.expect_exact(label)
        self.child.sendline(answer)

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert "Traceback" not in self.log.getvalue()
        return int(
            self.child.exitstatus
            if self.child.exitstatus is not None
            else 128 + self.child.signalstatus
        )


def next_step(sid: str) -> Step | None:
    """What the core says is the step to do now."""
    st = status(Store().open(sid).state, utcnow())
    if not st.next:
        return None
    step = st.state.playbook.step(st.next[0].id)
    assert step is not None
    return step


def export(run: Runner, sid: str) -> dict:  # type: ignore[type-arg]
    return json.loads(run.ok("export", "--session", sid).stdout)  # type: ignore[no-any-return]


AMOUNT = "1520.123456789012345678"


def add_transaction(tty: Tty) -> None:
    tty.child.send("e")
    tty.screen("[n] Note")
    tty.child.send("t")
    tty.prompt("When (e.g.", "2026-11-25 14:05")
    tty.prompt("Type [1]", "1")
    tty.prompt("Asset", "usdt")
    tty.prompt("Amount", "1,520.x")  # a typo is asked again, nothing is lost
    tty.child.expect_exact("cannot read Amount")  # named as the question, not --amount
    tty.prompt("Amount", AMOUNT)
    tty.prompt("To address", "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE")
    tty.prompt("TxID", "a" * 64)
    tty.prompt("Network", "TRC20")
    tty.prompt("Note (optional)", "")
    tty.prompt("Screenshot file", "")


def add_contact(tty: Tty) -> None:
    tty.child.send("e")
    tty.screen("[n] Note")
    tty.child.send("c")
    tty.prompt("Channel [1]", "")
    tty.prompt("What you asked and what they said", "Asked to freeze the account")
    tty.prompt("Ticket", "CASE-77")
    tty.prompt("Agent", "")
    tty.prompt("Where: page or e-mail address [https://www.okx.com/help]", "")
    tty.prompt("Screenshot file", "")


@pytest.mark.parametrize("branch", ["yes", "no"])
def test_a_whole_run_on_each_branch_records_everything(
    branch: str, session: str, run: Runner, tmp_path: Path
) -> None:
    tty = Tty("run", "--session", session, cwd=tmp_path)
    shown = tty.screen("[q] quit")
    assert "> Can you still sign in to the exchange?" in shown
    assert "since discovery" in shown and "OKX / lin@example.com" in shown
    tty.child.send("1" if branch == "yes" else "2")
    label = "Yes, I can sign in" if branch == "yes" else "No — the password was changed"
    shown = tty.screen(f"Answered: {label}")

    failed: set[str] = set()
    done: list[str] = []
    for _ in range(40):
        step = next_step(session)
        if step is None:
            break
        assert f"> {step.title.en}" in shown, (step.id, shown)
        title = step.title.en
        if step.kind == "question":  # OKX asks whether the self-freeze can trap you
            tty.child.send("1")
            shown = tty.screen(f"Answered: {step.options[0].label.en}")
            done.append(step.id)
            continue
        if step.id == "secure-email" and step.id not in failed:
            failed.add(step.id)
            tty.child.send("f")
            tty.prompt("What happened?", "mail provider asked me to wait")
            shown = tty.screen(f"{title}: failed")
            continue
        if step.id == "police-report":
            tty.child.send("s")
            tty.prompt("Why skip it?", "filing tomorrow morning in person")
            shown = tty.screen(f"{title}: skipped")
            continue
        if step.id == "review-transactions":
            add_transaction(tty)
            shown = tty.screen("Recorded E")
            assert f"withdrawal {AMOUNT} USDT" in shown or "[space] more" in shown
        if step.id == "request-freeze-by-email":
            add_contact(tty)
            tty.screen("Recorded E")
        tty.child.send("d")
        shown = tty.screen(f"{title}: done")
        done.append(step.id)
    else:
        pytest.fail("the run did not end")
    assert "Nothing left to do now." in shown
    tty.child.send("q")
    tty.child.expect_exact(f"Continue with: incident resume --session {session}")
    assert tty.finish() == 0

    evidence = json.loads(run.ok("evidence", "list", "--json", "--session", session).stdout)
    txs = [e for e in evidence["evidence"] if e["kind"] == "transaction"]
    assert len(txs) == 1
    tx = txs[0]
    assert tx["amount"] == AMOUNT and Decimal(tx["amount"]) == Decimal(AMOUNT)
    assert (tx["asset"], tx["tx_type"], tx["network"]) == ("USDT", "withdrawal", "TRON (TRC20)")
    assert tx["time"].startswith("2026-11-25T06:05:00")  # 14:05 in Asia/Shanghai
    assert tx["step_id"] == "review-transactions"

    data = export(run, session)
    assert data["totals"] == {"USDT": AMOUNT}
    steps = {s["id"]: s for s in data["steps"]}
    assert steps["can-you-log-in"]["answer"] == branch
    assert steps["secure-email"]["status"] == "done"  # failed first, then done at the end
    assert done.index("secure-email") > done.index("review-logins")  # a failed step goes last
    assert steps["police-report"]["status"] == "skipped"
    assert steps["police-report"]["reason"] == "filing tomorrow morning in person"
    applying = [s for s in data["steps"] if s["applies"]]
    assert all(s["status"] in ("done", "skipped") for s in applying)
    branch_only = "freeze-account" if branch == "yes" else "request-freeze-by-email"
    other = "request-freeze-by-email" if branch == "yes" else "freeze-account"
    assert steps[branch_only]["status"] == "done" and not steps[other]["applies"]
    texts = [e["text"] for e in data["timeline"]]
    assert "Step failed: Secure the e-mail account linked to the exchange" in texts
    if branch == "no":
        contact = next(e for e in evidence["evidence"] if e["kind"] == "contact")
        assert contact["official"] is True and contact["ticket"] == "CASE-77"


def test_ctrl_c_in_a_prompt_exits_cleanly_and_resume_shows_the_same_step(
    session: str, run: Runner, tmp_path: Path
) -> None:
    tty = Tty("run", "--session", session, cwd=tmp_path)
    tty.screen("[q] quit")
    tty.child.send("2")
    tty.screen("Answered:")
    tty.child.send("n")
    tty.prompt("Note:", "called the exchange hotline")
    tty.screen("Recorded E1: Note")
    step = next_step(session)
    assert step is not None and step.id == "request-freeze-by-email"
    tty.child.send("s")
    tty.child.expect_exact("Why skip it?")
    tty.child.send("half a reas")
    # Wait for the echo: only then is the prompt reading the line (a Ctrl-C sent while the
    # terminal switches from key mode to line mode can be swallowed; see the closing note).
    tty.child.expect_exact("half a reas")
    tty.child.sendintr()
    tty.child.expect_exact("Interrupted. Everything recorded so far is saved.")
    assert tty.finish() == 130

    again = Tty("resume", "--session", session, cwd=tmp_path)
    shown = again.screen("[q] quit")
    assert f"> {step.title.en}" in shown
    assert "1 done, 0 skipped" in shown  # the answer is kept, the half-typed skip is not
    again.child.sendintr()  # Ctrl-C while waiting for a key is just as clean
    again.child.expect_exact("Interrupted.")
    assert again.finish() == 130

    data = export(run, session)
    steps = {s["id"]: s for s in data["steps"]}
    assert steps["can-you-log-in"]["answer"] == "no"
    assert steps[step.id]["status"] == "pending"
    assert [e["text"] for e in data["evidence"]] == ["called the exchange hotline"]


def test_sigkill_mid_form_then_resume_loses_nothing_recorded(
    session: str, run: Runner, tmp_path: Path
) -> None:
    tty = Tty("run", "--session", session, cwd=tmp_path)
    tty.screen("[q] quit")
    tty.child.send("1")
    tty.screen("Answered:")
    tty.child.send("d")  # the pending withdrawals come first
    tty.screen("Cancel withdrawals that are still pending: done")
    tty.child.send("1")  # OKX: the self-freeze cannot trap me
    tty.screen("Answered:")
    tty.child.send("d")
    tty.screen("Freeze the account now: done")
    tty.child.send("e")
    tty.screen("[n] Note")
    tty.child.send("t")
    tty.prompt("When (e.g.", "2026-11-25 14:05")
    tty.prompt("Type [1]", "")
    tty.child.expect_exact("Asset")
    tty.child.kill(signal.SIGKILL)
    tty.child.expect(pexpect.EOF)
    tty.child.close()
    assert tty.child.signalstatus == signal.SIGKILL

    again = Tty("resume", "--session", session, cwd=tmp_path)
    shown = again.screen("[q] quit")
    step = next_step(session)
    assert step is not None and f"> {step.title.en}" in shown
    again.child.kill(signal.SIGKILL)  # killed while waiting for a key, too
    again.child.expect(pexpect.EOF)
    again.child.close()

    run.ok("verify", "--session", session)
    data = export(run, session)
    steps = {s["id"]: s for s in data["steps"]}
    assert steps["can-you-log-in"]["answer"] == "yes"
    assert steps["freeze-account"]["status"] == "done"
    assert data["evidence"] == []  # the half-filled transaction was never stored


def test_hangup_restores_and_exits_and_resume_works(
    session: str, run: Runner, tmp_path: Path
) -> None:
    tty = Tty("run", "--session", session, cwd=tmp_path)
    tty.screen("[q] quit")
    tty.child.send("2")
    tty.screen("Answered:")
    tty.child.kill(signal.SIGHUP)
    assert tty.finish() == 128 + signal.SIGHUP
    again = Tty("resume", "--session", session, cwd=tmp_path)
    shown = again.screen("[q] quit")
    assert "> Ask support to freeze the account" in shown
    again.child.send("q")
    assert again.finish() == 0


def test_secrets_are_refused_or_confirmed_in_the_runner(
    session: str, run: Runner, tmp_path: Path
) -> None:
    tty = Tty("run", "--session", session, cwd=tmp_path)
    tty.screen("[q] quit")
    tty.child.send("n")
    tty.prompt("Note:", "my password is hunter2hunter2")
    tty.prompt("Store it anyway? [y/N]", "n")
    tty.screen("Nothing was stored.")
    seed = ("abandon " * 11 + "about").strip()
    tty.child.send("n")
    tty.prompt("Note:", f"they asked for {seed}")
    shown = tty.screen("Nothing was stored.")
    assert "recovery (seed) phrase" in shown
    tty.child.send("n")
    tty.prompt("Note:", "the pin: 4711 was my old one")
    tty.prompt("Store it anyway? [y/N]", "y")
    tty.screen("Recorded E1: Note")
    tty.child.send("q")
    assert tty.finish() == 0
    data = export(run, session)
    assert [e["text"] for e in data["evidence"]] == ["the pin: 4711 was my old one"]
    assert data["evidence"][0]["confirmed_warnings"]


def test_a_chinese_runner_refuses_in_chinese_without_option_names(
    run: Runner, tmp_path: Path
) -> None:
    sid = json.loads(
        run.ok(
            "start", "--playbook", "crypto-exchange", "--platform", "OKX", "--account", "a@b.c",
            "--tz", "Asia/Shanghai", "--lang", "zh", "--no-run", "--json",
        ).stdout
    )["session_id"]  # fmt: skip
    tty = Tty("run", "--session", sid, cwd=tmp_path)
    tty.screen("[q] 退出")
    seed = ("abandon " * 11 + "about").strip()
    tty.child.send("n")
    tty.prompt("备注：", f"他们要 {seed}")
    shown = tty.screen("未保存任何内容。")
    assert "备注看起来含有助记词" in shown and "--note" not in shown
    assert "recovery" not in shown and "phrase" not in shown
    tty.child.send("q")
    assert tty.finish() == 0


def test_chinese_session_runs_in_chinese_with_colours(run: Runner, tmp_path: Path) -> None:
    result = run.ok(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "欧易",
        "--account",
        "lin@example.com",
        "--tz",
        "Asia/Shanghai",
        "--lang",
        "zh",
        "--no-run",
        "--json",
    )
    sid = json.loads(result.stdout)["session_id"]
    tty = Tty("run", "--session", sid, cwd=tmp_path, color=True)
    shown = tty.screen("[q] 退出")
    for text in ("距发现已过", "你现在还能登录交易所账户吗？", "[1] 能登录", "第 1 步"):
        assert text in shown
    assert "\x1b[1m" in shown  # styled
    tty.child.send("1")
    shown = tty.screen("已回答：能登录")
    assert "撤销仍在处理中的提币" in shown  # pending withdrawals before the freeze
    tty.child.send("c")
    shown = tty.screen("全部步骤")
    tty.child.send("c")
    tty.child.send("q")
    tty.child.expect_exact("所有内容都已保存")
    assert tty.finish() == 0


def test_start_on_a_terminal_opens_the_runner(tmp_path: Path) -> None:
    tty = Tty(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "OKX",
        "--account",
        "a@b.c",
        cwd=tmp_path,
    )
    tty.prompt("When did you notice?", "")  # Enter: now
    shown = tty.screen("[q] quit")
    assert "> Can you still sign in to the exchange?" in shown
    tty.child.send("q")
    assert tty.finish() == 0


@pytest.mark.parametrize(
    ("lang", "question"), [("en", "When did you notice?"), ("zh", "你是什么时候发现的？")]
)
def test_a_new_session_asks_when_it_was_noticed(
    run: Runner, tmp_path: Path, lang: str, question: str
) -> None:
    tty = Tty(
        "start", "--playbook", "crypto-exchange", "--platform", "OKX", "--account", "a@b.c",
        "--tz", "Asia/Shanghai", "--lang", lang, cwd=tmp_path,
    )  # fmt: skip
    tty.prompt(question, "in 3 days")  # the future: refused, showing the time understood
    tty.child.expect_exact("CST")
    tty.prompt(question, "2小时前" if lang == "zh" else "2 hours ago")
    tty.screen("[q]")
    tty.child.send("q")
    assert tty.finish() == 0
    status = json.loads(run.ok("status", "--json").stdout)
    assert 119 <= status["minutes_since_discovery"] <= 121


def test_without_a_terminal_it_points_to_the_other_commands(session: str, tmp_path: Path) -> None:
    for command in ("run", "resume"):
        result = subprocess.run(
            [sys.executable, "-m", "incident", command, "--session", session],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=60,
        )
        assert result.returncode == 1
        assert "needs an interactive terminal" in result.stderr
        for hint in ("incident status", "incident next", "incident step done STEP_ID"):
            assert hint in result.stderr
        assert "Traceback" not in result.stderr


def test_report_and_support_message_from_the_runner(session: str, tmp_path: Path) -> None:
    tty = Tty("run", "--session", session, cwd=tmp_path)
    tty.screen("[q] quit")
    tty.child.send("m")
    tty.prompt("Which message [1]", "1")
    shown = tty.screen("[w] save to a file")
    assert "Urgent: my OKX account lin@example.com was taken over" in shown
    tty.child.send("w")
    tty.prompt("Save the message as", "freeze.txt")
    tty.screen("Wrote freeze.txt")
    assert "please freeze it now" in (tmp_path / "freeze.txt").read_text(encoding="utf-8")
    tty.child.send("r")
    tty.prompt(f"Save the report as [incident-{session}-report.pdf]", "")
    tty.screen(f"Wrote incident-{session}-report.pdf")
    pdf = tmp_path / f"incident-{session}-report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    tty.child.send("q")
    assert tty.finish() == 0


def test_clock_ticks_while_waiting_and_other_commands_show_up(
    session: str, run: Runner, tmp_path: Path
) -> None:
    tty = Tty("run", "--session", session, cwd=tmp_path)
    shown = tty.screen("[q] quit")
    first = next(line for line in shown.splitlines() if "since discovery" in line)
    # Only the header line is rewritten in place (save cursor, row 1, clear line, restore).
    tty.child.expect(r"\x1b7\x1b\[1;1H\x1b\[2K([^\x1b]*since discovery)\x1b8", timeout=5)
    assert tty.child.match.group(1).strip() != first.strip()
    run.ok("answer", "can-you-log-in", "no", "--session", session)  # from another window
    tty.child.expect_exact("> Ask support to freeze the account", timeout=5)
    tty.child.send("q")
    assert tty.finish() == 0


def test_closed_session_and_unknown_platform(run: Runner, tmp_path: Path) -> None:
    result = run.ok(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "SomeExchange",
        "--account",
        "a@b.c",
        "--no-run",
        "--yes",
        "--json",
    )
    sid = json.loads(result.stdout)["session_id"]
    tty = Tty("run", "--session", sid, cwd=tmp_path)
    tty.screen("SomeExchange is not one of this playbook's platforms")
    tty.child.send("q")
    assert tty.finish() == 0
    run.ok("close", "--session", sid)
    tty = Tty("run", "--session", sid, cwd=tmp_path)
    tty.child.expect_exact(f"session {sid} is closed")
    assert tty.finish() == 1


def test_deadlines_to_the_calendar_from_the_message_screen(session: str, tmp_path: Path) -> None:
    from icalendar import Calendar

    tty = Tty("run", "--session", session, cwd=tmp_path)
    tty.screen("[q] quit")
    tty.child.send("m")
    tty.prompt("Which message [1]", "1")
    tty.screen("[k] deadlines to calendar")
    tty.child.send("k")
    tty.prompt(f"Calendar file to write (.ics, open it on your phone) [incident-{session}.ics]", "")
    tty.screen(f"Wrote incident-{session}.ics")
    calendar = Calendar.from_ical((tmp_path / f"incident-{session}.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events and all(str(e["SUMMARY"]).startswith("Due: ") for e in events)
    tty.child.send("q")
    assert tty.finish() == 0


def test_undo_puts_the_last_step_back_after_asking(
    session: str, run: Runner, tmp_path: Path
) -> None:
    tty = Tty("run", "--session", session, cwd=tmp_path)
    tty.screen("[q] quit")
    tty.child.send("1")  # can-you-log-in: yes
    tty.screen("Answered: Yes, I can sign in")
    step = next_step(session)
    assert step is not None
    tty.child.send("d")
    tty.screen(f"{step.title.en}: done")
    tty.child.send("u")
    tty.prompt(f"Put “{step.title.en}” back to to-do? [y/N]", "n")  # asked first; no keeps it
    tty.screen("Cancelled")
    assert {s["id"]: s["status"] for s in export(run, session)["steps"]}[step.id] == "done"
    tty.child.send("u")
    tty.prompt(f"Put “{step.title.en}” back to to-do? [y/N]", "y")
    shown = tty.screen(f"“{step.title.en}” is to-do again.")
    assert f"> {step.title.en}" in shown  # back on the step that was undone
    tty.child.send("q")
    assert tty.finish() == 0
    data = export(run, session)
    steps = {s["id"]: s for s in data["steps"]}
    assert steps[step.id]["status"] == "pending"
    assert any(e["type"] == "step.reset" for e in data["timeline"])

"""Hostile text: escape sequences in every text field never reach a terminal raw.

Each field of each command is fed a corpus of ESC, CSI, OSC 52 (clipboard), OSC 8
(hyperlink), BEL, CR, DEL, C1 and bidi sequences. No command's stdout or stderr may hold a
raw control character; long fields keep the text exactly in the journal and show it escaped;
one-line fields refuse it with a one-line error.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from incident.visible import visible
from tests.conftest import Runner

HOSTILE = (
    "A\x1b[2J\x1b]0;owned\x07\x1b]52;c;cm0gLXJmIH4K\x07"
    "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\\x1b[8mhidden\x1b[0m"
    "\rCR\x7f\x9b2J\x9d0;x\x9c\x85\u202eRTL\u2066iso\u2069\u200fZ"
)
# Anything a terminal would obey: C0 but tab and newline, DEL, C1, bidi controls.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str, where: str) -> None:
    found = RAW.search(text)
    assert found is None, f"raw U+{ord(found.group()):04X} in {where}: {text[:300]!r}"


def check(run: Runner, *args: str, ok: bool = True, input: str | None = None) -> str:
    """Run a command; no raw control character in its output; returns stdout + stderr."""
    result = run(*args, input=input)
    out, err = result.stdout, result.stderr
    clean(out, f"stdout of {args[:2]}")
    clean(err, f"stderr of {args[:2]}")
    if ok:
        assert result.exit_code == 0, f"{args}: exit {result.exit_code}: {err}"
    else:
        assert result.exit_code != 0, f"{args} was accepted"
        # One error (a playbook's problems may follow it, one a line), no usage noise after.
        lines = err.rstrip("\n").split("\n")
        errors = [x for x in lines if x.startswith("Error: ")]
        assert len(errors) == 1, err
        assert all(x.startswith("  ") for x in lines[lines.index(errors[0]) + 1 :]), err
        assert "Traceback" not in err
    return out + err


def escaped_shown(text: str) -> bool:
    return "\\u001b]52;c;cm0gLXJmIH4K\\u0007" in text and "\\u202eRTL" in text


def hostile_playbook(home: Path) -> None:
    """A user playbook whose every text holds the corpus."""
    h = {"en": HOSTILE, "zh": HOSTILE}
    step = {"kind": "action", "title": h, "why": h, "help": h, "target_minutes": 5}
    data = {
        "id": "hostile",
        "version": "1",
        "title": h,
        "description": h,
        "platforms": [
            {
                "id": "evil",
                "name": "Evil",
                "domains": ["evil-exchange.example"],
                "channels": [
                    {"kind": "chat", "name": h, "address": "https://x.example/", "note": h}
                ],
            }
        ],
        "steps": [
            {**step, "id": "first", "platform_notes": {"default": h}},
            {
                **step,
                "id": "ask",
                "kind": "question",
                "options": [{"value": "yes", "label": h}, {"value": "no", "label": h}],
            },
        ],
    }
    folder = home / "playbooks"
    folder.mkdir(parents=True, exist_ok=True)

    class Plain(yaml.SafeDumper):  # playbooks may not use aliases
        def ignore_aliases(self, data: object) -> bool:
            return True

    (folder / "hostile.yaml").write_text(yaml.dump(data, Dumper=Plain, allow_unicode=True))


def test_every_command_escapes_and_stores_exactly(
    run: Runner, incident_home: Path, tmp_path: Path
) -> None:
    hostile_playbook(incident_home)
    # One-line fields refuse control characters, with a one-line error that is escaped too.
    for field in ("--platform", "--account"):
        args = {"--platform": "Evil", "--account": "me@example.com", field: HOSTILE}
        flat = [x for kv in args.items() for x in kv]
        check(run, "start", "--playbook", "hostile", *flat, "--no-run", ok=False)
    out = check(
        run,
        "start",
        "--playbook",
        "hostile",
        "--platform",
        "Evil",
        "--account",
        "a@b.example",
        "--no-run",
        "--json",
    )
    sid = json.loads(out[: out.rindex("}") + 1])["session_id"]
    for args in (
        ("playbooks", "list"),
        ("playbooks", "show", "hostile"),
        ("playbooks", "show", "hostile", "--json"),
        ("status",),
        ("status", "--json"),
        ("next",),
    ):
        shown = check(run, *args)
        assert escaped_shown(shown) or "list" in args, f"{args}: {shown[:400]}"

    att = tmp_path / f"shot{HOSTILE[:20]}.txt"
    try:
        att.write_text("a file")
        files = ["--file", str(att)]
    except OSError:
        files = []
    # A playbook whose errors quote hostile text (a step id, an unknown field).
    bad_playbook = tmp_path / "bad.yaml"
    bad_playbook.write_text(
        json.dumps({"id": HOSTILE, "version": "1", HOSTILE: 1, "steps": [{"id": HOSTILE}]})
    )
    long_fields = [
        ("evidence", "add", "--note", HOSTILE, *files),
        (
            "evidence",
            "tx",
            "--time",
            "2026-01-01T10:00",
            "--type",
            "withdrawal",
            "--asset",
            "USDT",
            "--amount",
            "1",
            "--note",
            HOSTILE,
        ),
        ("evidence", "login", "--time", "2026-01-01T09:00", "--note", HOSTILE),
        ("evidence", "contact", "--channel", "chat", "--summary", HOSTILE),
        ("step", "done", "first", "--note", HOSTILE),
        ("answer", "ask", "yes", "--note", HOSTILE),
    ]
    for args in long_fields:
        check(run, *args, "--yes") if args[0] == "evidence" else check(run, *args)
    one_line = [
        (
            "evidence",
            "tx",
            "--time",
            "2026-01-01T10:00",
            "--type",
            "withdrawal",
            "--amount",
            "1",
            "--asset",
            HOSTILE,
        ),
        (
            "evidence",
            "tx",
            "--time",
            "2026-01-01T10:00",
            "--type",
            "withdrawal",
            "--amount",
            "1",
            "--asset",
            "USDT",
            "--to-address",
            HOSTILE,
        ),
        (
            "evidence",
            "tx",
            "--time",
            "2026-01-01T10:00",
            "--type",
            "withdrawal",
            "--amount",
            "1",
            "--asset",
            "USDT",
            "--txid",
            HOSTILE,
        ),
        (
            "evidence",
            "tx",
            "--time",
            "2026-01-01T10:00",
            "--type",
            "withdrawal",
            "--amount",
            "1",
            "--asset",
            "USDT",
            "--network",
            HOSTILE,
        ),
        ("evidence", "login", "--time", "2026-01-01T09:00", "--ip", HOSTILE),
        ("evidence", "login", "--time", "2026-01-01T09:00", "--device", HOSTILE),
        ("evidence", "login", "--time", "2026-01-01T09:00", "--location", HOSTILE),
        ("evidence", "contact", "--channel", "chat", "--summary", "hi", "--ticket", HOSTILE),
        ("evidence", "contact", "--channel", "chat", "--summary", "hi", "--agent", HOSTILE),
        ("evidence", "contact", "--channel", "chat", "--summary", "hi", "--url", HOSTILE),
        # Errors that quote what was typed.
        ("step", "done", HOSTILE),
        ("answer", "ask", HOSTILE + "?"),
        ("status", "--session", HOSTILE),
        ("evidence", "add", "--note", "x", "--file", str(tmp_path / HOSTILE[:30])),
        ("export", "--format", HOSTILE),
        (
            "start",
            "--playbook",
            "hostile",
            "--platform",
            "Evil",
            "--account",
            "a@b.example",
            "--tz",
            HOSTILE,
            "--no-run",
        ),
        (
            "start",
            "--playbook",
            "hostile",
            "--platform",
            "Evil",
            "--account",
            "a@b.example",
            "--discovered-at",
            HOSTILE,
            "--no-run",
        ),
        (
            "start",
            "--playbook",
            HOSTILE,
            "--platform",
            "Evil",
            "--account",
            "a@b.example",
            "--no-run",
        ),
        ("playbooks", "show", HOSTILE),
        ("playbooks", "validate", str(bad_playbook)),
        ("key", "import", str(tmp_path / HOSTILE[:40])),
        ("message", HOSTILE),
    ]
    for args in one_line:
        check(run, *args, ok=False)
    # Fixing mistakes: long fields and reasons keep the text, names and one-line fields refuse.
    check(
        run, "evidence", "correct", "E4", "--summary", HOSTILE + "!", "--reason", HOSTILE, "--yes"
    )
    check(run, "evidence", "retract", "E3", "--reason", HOSTILE)
    check(run, "step", "reset", "first", "--reason", HOSTILE)
    for args in (
        ("edit", "--platform", HOSTILE, "--reason", "r"),
        ("edit", "--account", HOSTILE, "--reason", "r"),
        ("evidence", "correct", "E4", "--ticket", HOSTILE),
        ("evidence", "correct", "E2", "--txid", HOSTILE),
        ("evidence", "correct", HOSTILE, "--note", "x"),
    ):
        check(run, *args, ok=False)
    check(run, "step", "done", "first", "--note", HOSTILE)

    for args in (
        ("evidence", "list"),
        ("evidence", "list", "--json"),
        ("status",),
        ("list",),
        ("export", "--format", "markdown"),
        ("export", "--format", "json"),
        ("message", "freeze"),
        ("message", "recovery"),
        ("message", "dispute"),
        ("message", "follow-up"),
        ("message", "freeze", "--json"),
        ("close", "--note", HOSTILE),
        ("list", "--json"),
    ):
        shown = check(run, *args)
        if args[0] == "evidence" and "--json" not in args:
            assert escaped_shown(shown), f"{args}: {shown[:400]}"
        elif args[0] == "export":  # markdown drops C0 itself; the rest shows escaped
            assert "\\u202eRTL" in shown and "\\u009b2J" in shown, shown[:400]

    # The journal keeps the text exactly as typed.
    from incident.core.store import Store

    state = Store().open(sid, decode_all=True).state
    kept = [item.evidence for item in state.evidence]
    assert [getattr(e, "text", None) for e in kept if e.kind == "note"] == [HOSTILE]
    assert [e.note for e in kept if e.kind in ("transaction", "login")] == [HOSTILE, HOSTILE]
    contacts = [c for _, c in state.contacts()]
    assert [c.summary for c in contacts] == [HOSTILE + "!"]  # as corrected
    assert state.steps["first"].note == HOSTILE and state.steps["ask"].note == HOSTILE


def test_json_output_stays_valid_and_exact(run: Runner, session: str) -> None:
    run.ok("evidence", "add", "--note", HOSTILE, "--yes")
    result = run.ok("evidence", "list", "--json")
    clean(result.stdout, "evidence list --json")
    # Escaped the JSON way, so a JSON reader gets the text back exactly.
    assert HOSTILE in json.loads(result.stdout)["evidence"][0].values()


def test_visible_is_total() -> None:
    every = "".join(chr(c) for c in range(0x3000))
    clean(visible(every), "visible()")
    assert visible("tab\tnew\nline 中文") == "tab\tnew\nline 中文"


# The runner's own sequences: cursor moves, clearing, SGR colours, cursor save/restore.
OURS = re.compile(r"\x1b\[[0-9;]*[HJKm]|\x1b[78]|\r+\n")  # the pty adds \r to \n


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs a pseudo-terminal")
def test_runner_pty_shows_hostile_text_escaped(
    run: Runner, incident_home: Path, tmp_path: Path
) -> None:
    import io
    import os
    import sys

    import pexpect

    hostile_playbook(incident_home)
    run.ok(
        "start",
        "--playbook",
        "hostile",
        "--platform",
        "Evil",
        "--account",
        "a@b.example",
        "--no-run",
    )
    run.ok("evidence", "add", "--note", HOSTILE, "--step", "first", "--yes")
    log = io.StringIO()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "incident", "run"],
        env=env,
        cwd=str(tmp_path),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=20,
    )
    child.logfile_read = log
    child.expect_exact("RTL")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    shown = log.getvalue()
    assert "Traceback" not in shown
    assert "\\u001b]52;c;cm0gLXJmIH4K" in shown and "\\u202eRTL" in shown
    assert "\x1b]" not in shown and "\x1b[8m" not in shown and "\x07" not in shown
    clean(OURS.sub("", shown), "the runner's pty output")

"""The security review's findings 4-10, each attack reproduced and shown refused with a
one-line message, nothing recorded lost and no file overwritten."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import Runner
from tests.security.disk import changed, snapshot

SRC = Path(__file__).resolve().parents[2] / "incident"


def one_line_error(result: Result) -> str:
    assert result.exit_code != 0, result.output
    err = result.stderr
    assert "Traceback" not in err
    errors = [x for x in err.splitlines() if x.startswith("Error: ")]
    assert len(errors) == 1 and err.strip().splitlines()[-1] == errors[0], err
    return errors[0]


# -- 6: one atomic writer, temp files nobody can guess or plant a link at ----------------
def test_one_atomic_writer_for_the_whole_project() -> None:
    """Only incident/paths.py renames temp files into place or makes them."""
    writers = {
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if re.search(
            r"os\.replace\(|os\.rename\(|mkstemp\(|\.rename\(|\.replace\(tmp", p.read_text()
        )
    }
    assert writers == {"paths.py"}, writers


def test_outputs_are_private_and_never_written_through_a_link(
    run: Runner, session: str, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("the victim's own file")
    out = tmp_path / "shared"
    out.mkdir(mode=0o777)
    planted = out / "report.json"
    planted.symlink_to(victim)
    # Without --force the planted name is refused; with it the link itself is replaced.
    one_line_error(run("export", "--format", "json", "-o", str(planted)))
    run.ok("export", "--format", "json", "-o", str(planted), "--force")
    assert victim.read_text() == "the victim's own file"
    assert not planted.is_symlink()
    assert stat.S_IMODE(planted.stat().st_mode) == 0o600
    assert [p.name for p in out.iterdir()] == ["report.json"]  # no temp file left behind


# -- 10: -o over an existing file -------------------------------------------------------
def test_output_over_an_existing_file_is_refused(run: Runner, session: str, tmp_path: Path) -> None:
    evidence = tmp_path / "withdrawals.png"
    evidence.write_bytes(b"\x89PNG the only copy of the evidence")
    for args in (
        ("report", "-o", str(evidence)),
        ("export", "--format", "markdown", "-o", str(evidence)),
    ):
        message = one_line_error(run(*args))
        assert "already exists" in message and "--force" in message
        assert evidence.read_bytes() == b"\x89PNG the only copy of the evidence"
    run.ok("export", "--format", "markdown", "-o", str(evidence), "--force")
    assert evidence.read_bytes().startswith(b"#")


# -- 7: a missing key must not orphan every session -------------------------------------
def _start(run: Runner, home: Path) -> str:
    result = run(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "OKX",
        "--account",
        "lin@example.com",
        "--no-run",
        "--json",
        env={"INCIDENT_HOME": str(home)},
    )
    assert result.exit_code == 0, result.output
    import json

    return str(json.loads(result.stdout)["session_id"])


def test_no_new_key_while_sessions_exist(run: Runner, tmp_path: Path) -> None:
    import shutil

    old, moved = tmp_path / "old", tmp_path / "moved"
    _start(run, old)
    moved.mkdir(mode=0o700)
    shutil.copytree(old / "sessions", moved / "sessions")  # copied without key.json
    before = snapshot(moved)
    env = {"INCIDENT_HOME": str(moved)}
    message = one_line_error(
        run(
            "start",
            "--playbook",
            "crypto-exchange",
            "--platform",
            "OKX",
            "--account",
            "x@example.com",
            "--no-run",
            env=env,
        )
    )
    assert "key import" in message and ("no new key" in message or "no data key" in message)
    assert changed(before, snapshot(moved)) == []  # no key.json made, no session touched


def test_another_key_is_not_called_tampering(run: Runner, tmp_path: Path) -> None:
    import shutil

    a, b = tmp_path / "a", tmp_path / "b"
    sid_a = _start(run, a)
    sid_b = _start(run, b)  # b has a key of its own
    shutil.copytree(a / "sessions" / sid_a, b / "sessions" / sid_a)
    env = {"INCIDENT_HOME": str(b)}
    for args in (("status", "--session", sid_a), ("verify", "--session", sid_a)):
        result = run(*args, env=env)
        message = one_line_error(result)
        assert result.exit_code != 3, message  # 3 means tampering
        assert "does not open" in message and "key import" in message
    listed = run("list", env=env)
    assert listed.exit_code == 0 and sid_b in listed.stdout and sid_a not in listed.stdout
    assert f"session {sid_a} skipped" in listed.stderr
    # Tampering with the head is still tampering (exit 3).
    head = b / "sessions" / sid_b / "head.json"
    head.write_text(head.read_text().replace('"count": 1', '"count": 2'))
    assert run("verify", "--session", sid_b, env=env).exit_code == 3


# -- 4: a user playbook replacing a bundled one -----------------------------------------
def _user_playbook(home: Path, name: str, edit: dict[str, object] | None = None) -> Path:
    """The bundled crypto-exchange playbook, changed by ``edit``, in the user folder."""
    import yaml

    from incident.resources import folder

    data = yaml.safe_load((folder("playbooks") / "crypto-exchange.yaml").read_text("utf-8"))
    data.update(edit or {})
    target = home / "playbooks" / f"{name}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


def _okx_with_domains(domains: list[str]) -> dict[str, object]:
    import yaml

    from incident.resources import folder

    data = yaml.safe_load((folder("playbooks") / "crypto-exchange.yaml").read_text("utf-8"))
    platforms = data["platforms"]
    for p in platforms:
        if p["id"] == "okx":
            p["domains"] = [*p["domains"], *domains]
    return {"platforms": platforms}


def test_user_playbook_cannot_replace_a_bundled_one(run: Runner, incident_home: Path) -> None:
    planted = _user_playbook(
        incident_home, "crypto-exchange", _okx_with_domains(["okx-support.help"])
    )
    start = (
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "OKX",
        "--account",
        "a@example.com",
        "--no-run",
    )
    message = one_line_error(run(*start))
    assert "may not reuse the bundled" in message and "--override-bundled" in message
    assert not (incident_home / "sessions").exists() or not any(
        (incident_home / "sessions").iterdir()
    )
    # `playbooks list` still lists the bundled one, and says why the file was left out.
    listed = run.ok("playbooks", "list")
    assert "crypto-exchange" in listed.stdout and "(bundled)" in listed.stdout
    assert "may not reuse the bundled" in listed.stderr
    # Asked for explicitly, it is used, and start, status and the report say which file.
    started = run.ok(*start, "--override-bundled")
    assert str(planted) in started.stderr and "SHA-256" in started.stderr
    assert "not one shipped with incident" in started.stderr
    status = run.ok("status").stdout
    import hashlib

    digest = hashlib.sha256(planted.read_bytes()).hexdigest()
    assert f"user:{planted}" in status and digest in status
    assert digest in run.ok("export", "--format", "markdown").stdout


@pytest.mark.parametrize("domains", [["com"], ["co.uk"], ["github.io"]])
def test_public_suffix_domains_are_refused(
    run: Runner, incident_home: Path, domains: list[str]
) -> None:
    path = _user_playbook(
        incident_home, "my-exchange", {"id": "my-exchange", **_okx_with_domains(domains)}
    )
    message = one_line_error(run("playbooks", "validate", str(path)))
    assert "public suffix" in message and repr(domains[0]) in message


# -- 5: YAML alias amplification; a panic in a library ----------------------------------
def test_yaml_aliases_are_refused_quickly(run: Runner, incident_home: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 40)]
    bomb = incident_home / "playbooks" / "bomb.yaml"
    bomb.parent.mkdir(parents=True)
    bomb.write_text("\n".join(lines) + "\nid: bomb\n")
    message = one_line_error(run("playbooks", "validate", str(bomb)))
    assert "aliases" in message
    listed = run.ok("playbooks", "list")  # one bad file does not break the listing
    assert "crypto-exchange" in listed.stdout and "aliases" in listed.stderr


def test_steps_are_capped(run: Runner, incident_home: Path) -> None:

    step = {
        "kind": "action",
        "title": {"en": "t", "zh": "t"},
        "why": {"en": "w", "zh": "w"},
        "help": {"en": "h", "zh": "h"},
        "target_minutes": 1,
    }
    data = {
        "id": "many",
        "version": "1",
        "title": {"en": "t", "zh": "t"},
        "description": {"en": "d", "zh": "d"},
        "steps": [{**step, "id": f"s{i}"} for i in range(400)],
    }
    path = incident_home.parent / "many.yaml"
    path.write_text(dump(data))
    assert "more than 300" in one_line_error(run("playbooks", "validate", str(path)))


def test_a_panic_in_a_library_is_one_line(
    run: Runner, session: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    class PanicException(BaseException):  # what pyo3 raises when Rust code panics
        pass

    def panic(*args: object, **kwargs: object) -> object:
        raise PanicException("called `Option::unwrap()` on a `None` value\nstack backtrace:")

    monkeypatch.setattr("incident.core.status.status", panic)
    message = one_line_error(run("status"))
    assert "unexpected PanicException" in message and "nothing recorded was lost" in message


def dump(data: object) -> str:
    """YAML without anchors and aliases (which playbooks may not use)."""
    import yaml

    class Plain(yaml.SafeDumper):
        def ignore_aliases(self, data: object) -> bool:
            return True

    return yaml.dump(data, Dumper=Plain)


# -- 10: recursion, unreadable values ----------------------------------------------------
def _chain(n: int) -> dict[str, object]:
    text = {"en": "t", "zh": "t"}
    steps: list[dict[str, object]] = []
    for i in range(n):
        s: dict[str, object] = {
            "id": f"q{i}",
            "kind": "question",
            "title": text,
            "why": text,
            "help": text,
            "target_minutes": 1,
            "options": [{"value": "yes", "label": text}, {"value": "no", "label": text}],
        }
        if i:
            s["when"] = {"step": f"q{i - 1}", "answer": "yes"}
        steps.append(s)
    return {"id": "chain", "version": "1", "title": text, "description": text, "steps": steps}


def test_long_chains_are_refused_and_walked_without_recursion(
    run: Runner, incident_home: Path
) -> None:
    import sys

    from incident.playbook.engine import Engine
    from incident.playbook.schema import Playbook

    path = incident_home.parent / "chain.yaml"
    path.write_text(dump(_chain(250)))
    message = one_line_error(run("playbooks", "validate", str(path)))
    assert "chain of" in message and "at most 100" in message
    # A playbook frozen into an older session may hold a longer chain: it still opens.
    pb = Playbook.model_validate(_chain(sys.getrecursionlimit() + 500))
    engine = Engine(pb, {}, {s.id: "yes" for s in pb.steps})
    assert engine.applies(pb.steps[50]) and not engine.applies(pb.steps[-1])
    assert engine.progress().total == 101


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("version", "9" * 5000, "cannot be read"),
        ("sources", "[{url: 'https://x.example', checked: 2026-13-45}]", "cannot be read"),
    ],
)
def test_unreadable_values_are_validation_errors(
    run: Runner, incident_home: Path, field: str, value: str, said: str
) -> None:

    data = _chain(2)
    data.pop(field, None)
    path = incident_home.parent / "odd.yaml"
    path.write_text(dump(data) + f"{field}: {value}\n")
    message = one_line_error(run("playbooks", "validate", str(path)))
    assert said in message and "unexpected" not in message


# -- 9: attached files ------------------------------------------------------------------
def test_file_links_and_proc_files_are_refused(
    run: Runner, session: str, incident_home: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "shadow"
    secret.write_text("root:$6$secret")
    link = tmp_path / "notes.txt"
    link.symlink_to(secret)
    before = snapshot(incident_home)
    message = one_line_error(run("evidence", "add", "--note", "n", "--file", str(link)))
    assert "link" in message and str(secret) in message
    if Path("/proc/self/environ").exists():
        message = one_line_error(
            run("evidence", "add", "--note", "n", "--file", "/proc/self/environ")
        )
        assert "size is not its content" in message
    assert changed(before, snapshot(incident_home)) == []


def test_file_size_is_what_is_read(
    run: Runner, session: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from incident.core import attachments

    monkeypatch.setattr(attachments, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 1001)
    assert "larger than" in one_line_error(
        run("evidence", "add", "--note", "n", "--file", str(big))
    )
    big.write_bytes(b"x" * 1000)
    run.ok("evidence", "add", "--note", "n", "--file", str(big))


def test_attachment_names_are_cleaned(run: Runner, session: str, tmp_path: Path) -> None:
    import json

    odd = tmp_path / "invoice\u202ecod.exe\\..:x\x1b[2J.txt"
    odd.write_text("a receipt")
    run.ok("evidence", "add", "--note", "n", "--file", str(odd))
    items = json.loads(run.ok("evidence", "list", "--json").stdout)["evidence"]
    name = items[0]["attachments"][0]["name"]
    assert name == "invoice_cod.exe_.._x_[2J.txt"
    md = run.ok("export", "--format", "markdown").stdout
    assert "cod.exe" in md and "\u202e" not in md


# -- 10: notes off the command line, core dumps, foreign folders, short passphrases ------
def test_note_from_stdin(run: Runner, session: str) -> None:
    import json

    run.ok("evidence", "add", "--note", "-", input="first line\nsecond line\n")
    run.ok("answer", "can-you-log-in", "yes", "--note", "-", input="called at 10:02\n")
    items = json.loads(run.ok("evidence", "list", "--json").stdout)["evidence"]
    assert items[0]["text"] == "first line\nsecond line"
    status = json.loads(run.ok("export", "--format", "json").stdout)
    assert "called at 10:02" in json.dumps(status)


def test_no_core_dumps(run: Runner, session: str) -> None:
    resource = pytest.importorskip("resource")
    run.ok("status")
    assert resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_data_folder_of_another_account_is_refused(run: Runner, tmp_path: Path) -> None:
    home = tmp_path / "theirs"
    home.mkdir()
    os.chown(home, 4242, 4242)
    before, mode = snapshot(home), home.stat().st_mode
    message = one_line_error(run("list", env={"INCIDENT_HOME": str(home)}))
    assert "belongs to another account" in message
    assert changed(before, snapshot(home)) == [] and home.stat().st_mode == mode


def test_short_passphrases_are_refused(run: Runner, tmp_path: Path) -> None:
    home = tmp_path / "new"
    env = {"INCIDENT_HOME": str(home), "INCIDENT_PASSPHRASE": "1"}
    message = one_line_error(
        run(
            "start",
            "--playbook",
            "crypto-exchange",
            "--platform",
            "OKX",
            "--account",
            "a@example.com",
            "--no-run",
            env=env,
        )
    )
    assert "shorter than 8" in message and "guessed" in message
    assert not (home / "key.json").exists()


def test_an_imported_file_name_is_cleaned(run: Runner, session: str, tmp_path: Path) -> None:
    import json

    export = tmp_path / "Withdraw_History\u202evsc.exe\x1b]0;x\x07.csv"
    export.write_text(
        "Date(UTC+0),Coin,Network,Amount,Fee,Address,TXID,Status\n"
        "2026-11-25 04:52:10,USDT,TRX,9800,1,TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t,"
        "9521e668a1f2c07bc7e30fc95c5318cce8f20346bd9a06acb80e1f3d877c38a7,Completed\n"
    )
    run.ok("evidence", "import", str(export), "--yes")
    listed = json.dumps(json.loads(run.ok("evidence", "list", "--json").stdout))
    assert "Withdraw_History_vsc.exe_]0;x_.csv" in listed
    assert "\\u202e" not in listed and "\\u001b" not in listed


def test_an_import_never_follows_a_link(
    run: Runner, session: str, incident_home: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("Date(UTC+0),Coin,Network,Amount,Fee,Address,TXID,Status\n")
    link = tmp_path / "Withdraw_History.csv"
    link.symlink_to(secret)
    before = snapshot(incident_home)
    message = one_line_error(run("evidence", "import", str(link), "--yes"))
    assert "link" in message and str(secret) in message
    assert changed(before, snapshot(incident_home)) == []

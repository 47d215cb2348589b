"""`incident report` and `incident message` end to end, through the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import Runner
from tests.factory import TXID, SessionFactory, typical
from tests.report.conftest import pdftotext, reader


@pytest.fixture
def recorded(make_session: SessionFactory) -> str:
    """Two withdrawals, a note and a contact, recorded through the core."""
    return make_session(
        evidence=typical(), discovered_ago=timedelta(hours=1), started_ago=timedelta(0)
    )


def test_report_writes_the_default_file(
    run: Runner, recorded: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run.ok("report")
    path = tmp_path / f"incident-{recorded}-report.pdf"
    assert result.stdout.strip().startswith(f"Wrote {path.name} for session {recorded} (")
    text = pdftotext(path.read_bytes())
    assert TXID in text and "1,520.5" in text and "T-123" in text
    assert "账户里的 USDT 全部被提走了。<b>not bold</b>" in text
    assert "no explorer known for this network" in text


def test_explorer_links_for_known_networks_only(run: Runner, recorded: str, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    run.ok("report", "-o", str(out))
    uris = [
        str(a.get_object()["/A"]["/URI"])
        for p in reader(out.read_bytes()).pages
        for a in p.get("/Annots") or []
        if "/A" in a.get_object()
    ]
    assert f"https://tronscan.org/#/transaction/{TXID}" in uris
    assert not [u for u in uris if "ab" * 20 in u]


def test_report_in_chinese_and_redacted(run: Runner, recorded: str, tmp_path: Path) -> None:
    out = tmp_path / "zh.pdf"
    run.ok("report", "-o", str(out), "--lang", "zh", "--redact")
    data = out.read_bytes()
    text = pdftotext(data)
    assert "未授权交易" in text and "客服联系记录" in text and "完整性校验" in text
    assert "lin@example.com" not in text and "li***@example.com" in text
    assert "lin@example.com" not in str(reader(data).metadata)


def _clock(monkeypatch: pytest.MonkeyPatch, at: datetime) -> None:
    monkeypatch.setattr("incident.times.utcnow", lambda: at)


def test_invariant_reports_are_byte_identical(
    run: Runner, recorded: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    _clock(monkeypatch, datetime(2026, 11, 26, 9, 0, 0, tzinfo=UTC))
    run.ok("report", "-o", str(a), "--invariant")
    _clock(monkeypatch, datetime(2026, 11, 27, 18, 30, 1, tzinfo=UTC))  # another clock: no byte
    run.ok("report", "-o", str(b), "--invariant")
    assert a.read_bytes() == b.read_bytes()


def test_source_date_epoch_makes_reports_reproducible(
    run: Runner, recorded: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    env = {"SOURCE_DATE_EPOCH": "1764072000"}  # 2025-11-25 12:00 UTC
    _clock(monkeypatch, datetime(2026, 11, 26, 9, 0, 0, tzinfo=UTC))
    assert run("report", "-o", str(a), env=env).exit_code == 0
    _clock(monkeypatch, datetime(2026, 11, 27, 18, 30, 1, tzinfo=UTC))
    assert run("report", "-o", str(b), env=env).exit_code == 0
    assert a.read_bytes() == b.read_bytes()
    assert "2025-11-25 12:00:00Z" in pdftotext(a.read_bytes())
    bad = run("report", "-o", str(a), env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert (
        bad.exit_code == 2 and "SOURCE_DATE_EPOCH" in bad.output and "Traceback" not in bad.output
    )


def test_report_errors_are_one_line(run: Runner, tmp_path: Path) -> None:
    result = run("report")
    assert result.exit_code != 0 and result.output.startswith("Error: there is no session yet")
    assert "Traceback" not in result.output


def test_report_into_a_missing_folder(run: Runner, session: str, tmp_path: Path) -> None:
    result = run("report", "-o", str(tmp_path / "nope" / "r.pdf"))
    assert result.exit_code == 2 and "does not exist" in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("kind", ["freeze", "recovery", "dispute", "follow-up"])
def test_messages_print_text_and_json(run: Runner, recorded: str, kind: str) -> None:
    text = run.ok("message", kind).stdout
    assert "lin@example.com" in text and TXID in text and "T-123" in text
    assert "will not share my password, 2FA codes or recovery phrase" in text
    data = json.loads(run.ok("message", kind, "--lang", "zh", "--json").stdout)
    assert set(data) == {"kind", "lang", "subject", "body"}
    assert data["kind"] == kind and data["lang"] == "zh"
    assert TXID in data["body"] and "助记词" in data["body"]
    assert text.startswith(json.loads(run.ok("message", kind, "--json").stdout)["subject"])


def test_message_rejects_an_unknown_kind(run: Runner, session: str) -> None:
    result = run("message", "refund")
    assert result.exit_code == 2 and "freeze" in result.output


def test_demo_writes_the_full_report(run: Runner, tmp_path: Path) -> None:
    out = tmp_path / "demo.pdf"
    run.ok("demo", "-o", str(out))
    text = pdftotext(out.read_bytes())
    for section in (
        "please act now",
        "Timeline",
        "Checklist",
        "Unauthorized transactions",
        "Suspicious logins",
        "Support contact log",
        "Evidence",
        "Screenshots",
        "Integrity",
    ):
        assert section in text
    r = reader(out.read_bytes())
    # The demo's files are all screenshots: shown on their pages, not attached a second time.
    assert r.attachments == {} and sum(len(page.images) for page in r.pages) == 4


def _embedded(path: Path) -> dict[str, bytes]:
    return {str(f.alternative_name): f.content for f in reader(path.read_bytes()).attachment_list}


def test_report_attaches_files_and_on_asking_the_screenshots(
    run: Runner, session: str, tmp_path: Path
) -> None:
    from PIL import Image

    shot = tmp_path / "withdrawals.png"
    Image.new("RGB", (320, 200), (30, 60, 90)).save(shot)
    export = tmp_path / "history.csv"
    export.write_text("time,asset,amount\n2026-11-25 04:52,USDT,1520.5\n")
    run.ok("evidence", "add", "--note", "export", "--file", str(shot), "--file", str(export))
    plain, full = tmp_path / "plain.pdf", tmp_path / "full.pdf"
    run.ok("report", "-o", str(plain))
    run.ok("report", "--attach-originals", "-o", str(full))
    assert _embedded(plain) == {"history.csv": export.read_bytes()}
    assert _embedded(full) == {
        "history.csv": export.read_bytes(),
        "withdrawals.png": shot.read_bytes(),
    }
    for path in (plain, full):
        text = " ".join(pdftotext(path.read_bytes()).split())
        assert "Screenshot 1 · E" in text and "attached" in text
    assert "shown as screenshot 1" in " ".join(pdftotext(plain.read_bytes()).split())
    assert "screenshot 1; file attached" in " ".join(pdftotext(full.read_bytes()).split())


def test_reportlab_is_not_imported_by_the_cli() -> None:
    code = (
        "import sys, incident.cli, incident.report.pdf, incident.report.messages; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'PIL', 'pypdf')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_invariant_across_processes(recorded: str, tmp_path: Path) -> None:
    import os

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.pdf"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "incident", "report", "--invariant", "-o", str(out)],
            env=env,
            check=True,
            capture_output=True,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_report_and_messages_for_a_fresh_closed_session(
    run: Runner, session: str, tmp_path: Path
) -> None:
    run.ok("close", "--note", "nothing happened after all")
    out = tmp_path / "fresh.pdf"
    run.ok("report", "--session", session, "-o", str(out))
    text = pdftotext(out.read_bytes())
    assert "No unauthorized transactions recorded." in text
    assert "No suspicious login recorded." in text and "closed" in text
    body = run.ok("message", "follow-up", "--session", session).stdout
    assert "I have not been given a case number yet." in body
    assert "I have not found any unauthorized transaction yet" in body


def test_every_report_option_is_in_the_readme() -> None:
    import re

    import click

    from incident.cli.report import report

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    missing = [
        p.opts[-1]
        for p in report.params
        if isinstance(p, click.Option)
        and not any(re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", readme) for o in p.opts)
    ]
    assert missing == []

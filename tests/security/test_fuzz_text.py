"""Promise 8a: any text in any option of the evidence and step commands, then the exports:
never a traceback, only exit codes 0, 1 or 2 and a one-line error.

Two kinds of test: the *refusal* fuzz throws hostile text at the values that are checked
(times, amounts, IP addresses, URLs, ids) and wants a clean error or a clean success; the
*reach* fuzz puts hostile text in the free-text fields of evidence whose checked values are
valid, so every example is stored, and asserts that the text reached the journal (read
back by `evidence list --json`), the JSON and Markdown exports and the PDF report.
How many examples: a quarter of the Hypothesis profile's (see tests/conftest.py).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incident.visible import CONTROLS

NASTY = [
    "\u202e",
    "\u200f",
    "\u200b",
    "\ufeff",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\r\n",
    "\r",
    "\t",
    "\x0b\x0c",
    "\u2028",
    "\u0085",
    "😀",
    "👨‍👩‍👧",
    "🏳️‍🌈",
    "<script>alert(1)</script>",
    "**bold** _it_",
    "| a | b |",
    "[x](javascript:alert(1))",
    "`code`",
    "# heading",
    "<!-- -->",
    "\\",
    "%s%n%x",
    "{0}{}",
    "${HOME}",
    "'; DROP TABLE x;--",
    "中文备注：账户被盗",
    "ﷺ",
    "Z̴̡̛a̷l̸g̶o̵",
    "-",
    "--note",
    '"',
    "'",
]
BIG = st.sampled_from(["x", "中", "😀", "\u202e", "a b ", "| "]).map(
    lambda s: s * (100_000 // len(s))
)
CHARS = st.characters(exclude_categories=["Cs"])  # lone surrogates: their own test below
TEXT = st.one_of(
    st.text(CHARS, max_size=300),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(CHARS, max_size=12)), max_size=12).map(
        "".join
    ),
    BIG,
)
SETTINGS = settings(
    max_examples=max(5, settings.default.max_examples // 4),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Values the checks accept, so that the hostile text beside them is stored every time.
VALID_TIMES = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2026, 11, 1), timezones=st.just(UTC)
).map(lambda d: d.isoformat(timespec="seconds"))
VALID_AMOUNTS = st.decimals(
    min_value=Decimal("0.00000001"), max_value=Decimal("1000000000"), places=8
).map(lambda d: format(d.normalize(), "f"))
VALID_ASSETS = st.sampled_from(["USDT", "BTC", "ETH", "usdc", "TRX"])


def _clean(result: Any) -> None:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output[-500:])
    assert "Traceback" not in result.output, result.output[-2000:]
    assert "unexpected" not in result.output, result.output[-500:]
    if result.exit_code:
        lines = result.stderr.strip().splitlines()
        assert lines and lines[0].startswith(("Error: ", "Usage: ")), result.stderr[:500]


def _fresh(run: Any) -> str:
    """A new session for each example, so big notes do not pile up across examples."""
    out = run.ok(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "OKX",
        "--account",
        "lin@example.com",
        "--no-run",
        "--json",
    ).stdout
    return str(json.loads(out)["session_id"])


def _exports(run: Any, session: str) -> None:
    for fmt in ("json", "markdown"):
        result = run("export", "--session", session, "--format", fmt)
        _clean(result)
        assert result.exit_code == 0, result.output[-500:]
    json.loads(run("export", "--session", session, "--format", "json").stdout)
    for args in (
        ("evidence", "list"),
        ("evidence", "list", "--json"),
        ("status",),
        ("status", "--json"),
        ("verify",),
    ):
        result = run(*args, "--session", session)
        _clean(result)
        assert result.exit_code == 0, (args, result.output[-500:])


@SETTINGS
@given(note=TEXT)
def test_notes(note: str, run: Any) -> None:
    session = _fresh(run)
    _clean(run("evidence", "add", "--session", session, "--note", note, "--yes"))
    _clean(
        run(
            "step",
            "fail",
            "secure-email",
            "--session",
            session,
            "--note",
            note,
            "--reason",
            note,
            "--yes",
        )
    )
    _exports(run, session)


# Hostile text that fits a short field (addresses, TxIDs, names: up to 4,000 characters).
# Short fields refuse control and bidi characters at input (tests/security/
# test_hostile_text.py); what they take is still markup, quotes, scripts and emoji.
_NO_CONTROLS = re.compile(f"[{CONTROLS}\t\n]")
SHORT = st.one_of(
    st.text(CHARS, max_size=300),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(CHARS, max_size=12)), max_size=12).map(
        "".join
    ),
).map(lambda text: _NO_CONTROLS.sub("", text))


def _marked(marker: str, text: Any = SHORT) -> Any:
    """Hostile text behind a marker that survives escaping, wrapping and extraction."""
    return text.map(lambda value: f"{marker} {value}")


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        return out.stdout.decode("utf-8", "replace")
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _reaches(run: Any, session: str, tmp_path: Path, texts: dict[str, str]) -> None:
    """Each text was stored as given (cleaned only of lone surrogates) and each marker
    reached the JSON export, the Markdown export and the PDF report."""
    listed = run("evidence", "list", "--session", session, "--json")
    assert listed.exit_code == 0, listed.output[-500:]
    stored = json.loads(listed.stdout)["evidence"]
    for field, text in texts.items():
        values = [item.get(field) for item in stored]
        assert any(v is not None and text.split(" ", 1)[0] in v for v in values), (field, values)
    outputs = {}
    for fmt in ("json", "markdown"):
        result = run("export", "--session", session, "--format", fmt)
        assert result.exit_code == 0, result.output[-500:]
        outputs[fmt] = result.stdout
    outputs["json"] = json.dumps(json.loads(outputs["json"]), ensure_ascii=False)
    pdf = tmp_path / "fuzz.pdf"
    result = run("report", "--session", session, "-o", str(pdf), "--force")  # one per example
    assert result.exit_code == 0, result.output[-500:]
    outputs["pdf"] = "".join(_pdf_text(pdf).split())  # a marker may be wrapped
    for where, out in outputs.items():
        for field, text in texts.items():
            marker = text.split(" ", 1)[0]
            assert marker in out, f"{field}'s text did not reach the {where} output"


@SETTINGS
@given(note=_marked("QXNOTEQ", TEXT))
def test_hostile_notes_reach_every_output(note: str, run: Any, tmp_path: Path) -> None:
    session = _fresh(run)
    result = run("evidence", "add", "--session", session, "--note", note, "--yes")
    _clean(result)
    assert result.exit_code == 0, result.output[-500:]
    _reaches(run, session, tmp_path, {"text": note})


@SETTINGS
@given(
    time=VALID_TIMES,
    amount=VALID_AMOUNTS,
    asset=VALID_ASSETS,
    address=_marked("QXADDRQ"),
    txid=_marked("QXTXIDQ"),
    network=_marked("QXNETQ"),
    note=_marked("QXNOTEQ", TEXT),
)
def test_hostile_text_in_a_valid_transaction_reaches_every_output(
    time: str,
    amount: str,
    asset: str,
    address: str,
    txid: str,
    network: str,
    note: str,
    run: Any,
    tmp_path: Path,
) -> None:
    session = _fresh(run)
    result = run(
        "evidence",
        "tx",
        "--session",
        session,
        "--time",
        time,
        "--type",
        "withdrawal",
        "--asset",
        asset,
        "--amount",
        amount,
        "--to-address",
        address,
        "--txid",
        txid,
        "--network",
        network,
        "--note",
        note,
        "--yes",
    )
    _clean(result)
    assert result.exit_code == 0, result.output[-500:]
    texts = {"to_address": address, "txid": txid, "network": network, "note": note}
    _reaches(run, session, tmp_path, texts)


@SETTINGS
@given(
    time=VALID_TIMES,
    device=_marked("QXDEVQ"),
    location=_marked("QXLOCQ"),
    note=_marked("QXNOTEQ", TEXT),
)
def test_hostile_text_in_a_valid_login_reaches_every_output(
    time: str, device: str, location: str, note: str, run: Any, tmp_path: Path
) -> None:
    session = _fresh(run)
    result = run(
        "evidence",
        "login",
        "--session",
        session,
        "--time",
        time,
        "--ip",
        "203.0.113.7",
        "--device",
        device,
        "--location",
        location,
        "--note",
        note,
        "--yes",
    )
    _clean(result)
    assert result.exit_code == 0, result.output[-500:]
    _reaches(run, session, tmp_path, {"device": device, "location": location, "note": note})


@SETTINGS
@given(summary=_marked("QXSUMQ"), ticket=_marked("QXTICKETQ"), agent=_marked("QXAGENTQ"))
def test_hostile_text_in_a_valid_contact_reaches_every_output(
    summary: str, ticket: str, agent: str, run: Any, tmp_path: Path
) -> None:
    session = _fresh(run)
    result = run(
        "evidence",
        "contact",
        "--session",
        session,
        "--channel",
        "chat",
        "--summary",
        summary,
        "--ticket",
        ticket,
        "--agent",
        agent,
        "--url",
        "https://www.okx.com/help",
        "--yes",
    )
    _clean(result)
    assert result.exit_code == 0, result.output[-500:]
    _reaches(run, session, tmp_path, {"summary": summary, "ticket": ticket, "agent": agent})


# -- refusal fuzz: hostile text in the values that are checked ----------------------------
@SETTINGS
@given(
    time=TEXT
    | st.sampled_from(
        [
            "2026-11-20T04:52",
            "yesterday",
            "2026-13-40",
            "0",
            "9" * 40,
            "2026-11-20T04:52:00+25:00",
            "１２:００",
        ]
    ),
    amount=TEXT
    | st.sampled_from(
        [
            "1e999999",
            "NaN",
            "-1",
            "Infinity",
            "1,2,3",
            "0x10",
            "１２３",
            "١٢٣",
            "1_000",
            " 5 ",
            "1e-400",
            "9" * 100,
        ]
    ),
    asset=TEXT,
    other=TEXT,
)
def test_hostile_times_and_amounts_are_refused_cleanly(
    time: str, amount: str, asset: str, other: str, run: Any
) -> None:
    session = _fresh(run)
    _clean(
        run(
            "evidence",
            "tx",
            "--session",
            session,
            "--time",
            time,
            "--type",
            "withdrawal",
            "--asset",
            asset,
            "--amount",
            amount,
            "--to-address",
            other,
            "--txid",
            other,
            "--network",
            other,
            "--note",
            other,
            "--yes",
        )
    )
    _clean(
        run(
            "evidence",
            "tx",
            "--session",
            session,
            "--time",
            "2026-11-20T04:52:00+08:00",
            "--type",
            "deposit",
            "--asset",
            "USDT",
            "--amount",
            amount,
            "--note",
            other,
            "--yes",
        )
    )
    _exports(run, session)


@SETTINGS
@given(ip=TEXT | st.sampled_from(["::1", "fe80::1%eth0", "256.1.1.1", "1.2.3.4/24"]), other=TEXT)
def test_logins(ip: str, other: str, run: Any) -> None:
    session = _fresh(run)
    _clean(
        run(
            "evidence",
            "login",
            "--session",
            session,
            "--time",
            "2026-11-20T04:40",
            "--ip",
            ip,
            "--device",
            other,
            "--location",
            other,
            "--note",
            other,
            "--yes",
        )
    )
    _exports(run, session)


@SETTINGS
@given(
    url=TEXT
    | st.sampled_from(
        [
            "https://[evil",
            "http://",
            "mailto:",
            "@",
            "https://a@b@c",
            "//okx.com",
            "javascript:alert(1)",
            "https://okx.com:99999",
        ]
    ),
    other=TEXT,
)
def test_contacts(url: str, other: str, run: Any) -> None:
    session = _fresh(run)
    _clean(
        run(
            "evidence",
            "contact",
            "--session",
            session,
            "--channel",
            "chat",
            "--summary",
            other or "x",
            "--ticket",
            other,
            "--agent",
            other,
            "--url",
            url,
            "--yes",
        )
    )
    _exports(run, session)


@SETTINGS
@given(step=TEXT, value=TEXT, sid=TEXT)
def test_ids_and_answers(step: str, value: str, sid: str, session: str, run: Any) -> None:
    _clean(run("step", "done", step, "--session", session))
    _clean(run("answer", step, value, "--session", session))
    _clean(run("answer", "can-you-log-in", value, "--session", session))
    _clean(run("status", "--session", sid))
    _clean(run("evidence", "add", "--session", session, "--note", "x", "--step", step))


LONE_SURROGATES = ["caf\udce9", "\udcff", "\ud800"]  # undecodable argv bytes (surrogateescape)


def test_undecodable_bytes_from_a_terminal_are_stored(session: str, run: Any) -> None:
    for text in LONE_SURROGATES:
        result = run("step", "fail", "secure-email", "--session", session, "--note", text)
        _clean(result)
        assert result.exit_code == 0, result.output
        result = run("evidence", "add", "--session", session, "--note", text)
        assert result.exit_code == 0, result.output

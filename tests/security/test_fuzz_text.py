"""Promise 8a: any text in any option of the evidence and step commands, then the exports:
never a traceback, only exit codes 0, 1 or 2 and a one-line error."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


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
def test_transactions(time: str, amount: str, asset: str, other: str, run: Any) -> None:
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

"""Promise 7: a support contact off the platform's official channels is recorded with a
prominent warning, kept with the contact (official=False) and carried into the exports."""

from __future__ import annotations

import json
from typing import Any

import pytest

from incident.core.kinds.contact import Contact
from incident.core.store import Store

OFFICIAL = [
    "https://www.okx.com/help",
    "https://okx.com/support/chat?x=1",
    "www.okx.com/help",
    "OKX.COM",
    "https://www.okx.com./help",
    "support@okx.com",
    "mailto:support@okx.com",
]
LOOKALIKES = [
    "https://okx-support.help/chat",
    "okxsupport.com",
    "https://okx.com.evil.io/help",
    "https://evil.io/okx.com",
    "https://www.okx.com@evil.io/help",
    "https://okx.com:443@evil.io",
    "https://evil.io\\.okx.com/help",  # a browser opens evil.io
    "https://evil.io%2f.okx.com",
    "https://\u043ekx.com/help",  # Cyrillic o
    "https://xn--kx-ykc.com",
    "https://t.me/okx_support_desk",
    "okx.support@gmail.com",
    "support@okx.com.evil.io",
    "https://[evil",
]


def _contact(
    run: Any, session: str, url: str | None, channel: str = "chat", as_json: bool = False
) -> Any:
    args = [
        "evidence",
        "contact",
        "--session",
        session,
        "--channel",
        channel,
        "--summary",
        "asked them to freeze the account",
    ]
    if url is not None:
        args += ["--url", url]
    return run(*args, *(["--json"] if as_json else []))


def _stored(session: str) -> Contact:
    state = Store().open(session).state
    contact = state.evidence[-1].evidence
    assert isinstance(contact, Contact)
    return contact


@pytest.mark.parametrize("url", OFFICIAL)
def test_official_channels_pass_quietly(url: str, session: str, run: Any) -> None:
    result = _contact(run, session, url)
    assert result.exit_code == 0, result.output
    assert "WARNING" not in result.output and "!!!" not in result.output
    stored = _stored(session)
    assert stored.official is True and stored.warning is None


@pytest.mark.parametrize("url", LOOKALIKES)
def test_anything_else_is_recorded_with_a_warning(url: str, session: str, run: Any) -> None:
    result = _contact(run, session, url)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "unexpected" not in result.output
    assert result.stderr.startswith("!!! WARNING: "), result.stderr
    assert "not an official OKX channel" in result.stderr
    assert "okx.com" in result.stderr  # says where the real one is
    assert "Real support never asks" in result.stderr
    assert "Recorded support contact" in result.stdout
    stored = _stored(session)
    assert stored.official is False and stored.warning and "not an official" in stored.warning


def test_support_that_reaches_out_on_social_media_is_flagged(session: str, run: Any) -> None:
    result = _contact(run, session, None, channel="social")
    assert result.exit_code == 0
    assert "social media" in result.stderr
    assert _stored(session).official is False


def test_the_json_output_carries_the_warning(session: str, run: Any) -> None:
    result = _contact(run, session, LOOKALIKES[0], as_json=True)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data["warnings"]) == 1 and "not an official OKX channel" in data["warnings"][0]


def test_exports_show_the_warning(session: str, run: Any) -> None:
    _contact(run, session, "https://www.okx.com/help")
    _contact(run, session, "https://okx-support.help/chat")
    doc = json.loads(run.ok("export", "--session", session, "--format", "json").stdout)
    contacts = [e for e in doc["evidence"] if e["kind"] == "contact"]
    assert [c["official"] for c in contacts] == [True, False]
    assert "warning" not in contacts[0]
    assert "not an official OKX channel" in contacts[1]["warning"]
    markdown = run.ok("export", "--session", session, "--format", "markdown").stdout
    lines = [line.replace("\\", "") for line in markdown.splitlines()]  # Markdown escapes
    flagged = [line for line in lines if "okx-support.help" in line]
    assert flagged and "NOT an official channel" in flagged[0]
    official = [line for line in lines if "www.okx.com/help" in line]
    assert official and "NOT an official" not in official[0]


def test_an_unknown_platform_cannot_be_checked_and_says_so(run: Any) -> None:
    out = run.ok(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "SomeExchange",
        "--account",
        "me@example.com",
        "--no-run",
        "--yes",
        "--json",
    ).stdout
    sid = json.loads(out)["session_id"]
    result = _contact(run, sid, "https://someexchange.example/help")
    assert result.exit_code == 0
    assert "Could not check" in result.stderr
    stored = _stored(sid)
    assert stored.official is None and stored.warning

"""A made-up evidence kind, registered from this file alone, reaches every reader.

Issue 11 asks that adding a kind be one module plus its registration: the command line,
`evidence list`, the JSON export and the Markdown export take it from the registry. The
kind below lives only in this test; no other file of the project knows it.
"""

from __future__ import annotations

import json
from typing import Literal

import pytest

from incident.bilingual import Text
from incident.core import kinds
from incident.core.kinds.base import EvidenceModel, Field, Kind
from incident.core.text import CleanText, ShortText
from tests.conftest import Runner


class PhoneCall(EvidenceModel):
    """A call from someone who said they were support (a common second step of the scam)."""

    kind: Literal["phone-call"] = "phone-call"
    caller: ShortText
    said: CleanText | None = None


def _describe(e: PhoneCall, lang: str, tz: str) -> str:
    said = f": {e.said}" if e.said else ""
    return ("来电 " if lang == "zh" else "Call from ") + e.caller + said


PHONE_CALL = Kind(
    name="phone-call",
    model=PhoneCall,
    label=Text(en="Phone call", zh="来电"),
    fields=(
        Field(
            "caller",
            label=Text(en="Caller", zh="来电号码"),
            prompt=Text(en="Who called", zh="谁打来的"),
            help="The number or name that called.",
            required=True,
        ),
        Field(
            "said",
            label=Text(en="What they said", zh="对方说了什么"),
            prompt=Text(en="What they said", zh="对方说了什么"),
            help="What the caller said.",
            long=True,
        ),
    ),
    describe=_describe,
    recorded=Text(en="Phone call recorded (E{n})", zh="记录来电（E{n}）"),
)

ENTRY = kinds.Entry("phone-call", "call", __name__, "Record a call from someone claiming to help.")
KIND = PHONE_CALL  # where the registry looks when it loads the module by name
CALLER = "+1 555 0100 (said: Binance Security)"


@pytest.fixture
def phone_calls() -> object:
    with kinds.registered(ENTRY):
        yield


def test_a_new_kind_is_a_command_and_reaches_list_json_and_markdown(
    run: Runner, session: str, phone_calls: object
) -> None:
    assert "call" in run.ok("evidence", "--help").output
    result = run.ok(
        "evidence", "call", "--session", session, "--caller", CALLER, "--said", "asked for a code"
    )
    assert "E1" in result.output

    listed = run.ok("evidence", "list", "--session", session).output
    assert f"Call from {CALLER}: asked for a code" in listed

    items = json.loads(run.ok("evidence", "list", "--session", session, "--json").stdout)
    (item,) = items["evidence"]
    assert (item["kind"], item["caller"], item["said"]) == (
        "phone-call",
        CALLER,
        "asked for a code",
    )

    exported = json.loads(run.ok("export", "--format", "json", "--session", session).stdout)
    assert [e["caller"] for e in exported["evidence"] if e["kind"] == "phone-call"] == [CALLER]

    markdown = run.ok("export", "--format", "markdown", "--session", session).stdout
    assert "Phone call" in markdown and "+1 555 0100" in markdown
    assert "Phone call recorded (E1)" in markdown  # the timeline's line comes from the kind


def test_the_kind_goes_through_the_secret_guard_like_any_other(
    run: Runner, session: str, phone_calls: object
) -> None:
    seed = " ".join(["abandon"] * 11 + ["about"])
    result = run("evidence", "call", "--session", session, "--caller", "x", "--said", seed)
    assert result.exit_code != 0
    assert "E1" not in result.output
    listed = json.loads(run.ok("evidence", "list", "--session", session, "--json").stdout)
    assert listed["evidence"] == []


def test_without_the_registration_the_entry_is_named_not_lost(run: Runner, session: str) -> None:
    with kinds.registered(ENTRY):
        run.ok("evidence", "call", "--session", session, "--caller", CALLER)
    # This version no longer knows the kind: readers name the entry instead of failing blind.
    result = run("evidence", "list", "--session", session)
    assert result.exit_code != 0
    assert "entry" in result.output and "cannot be read" in result.output
    verified = run("verify", "--session", session)
    assert verified.exit_code == 1  # not 3: nothing was tampered with, this version is too old
    assert "entry 2 cannot be read by this version" in verified.output

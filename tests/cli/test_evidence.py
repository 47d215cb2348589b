"""Evidence commands: what is recorded, and bad input that records nothing."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from tests.cli.test_sessions import journal_bytes
from tests.conftest import Runner

TXID = "4f1c0e9a" * 8


def evidence(run: Runner) -> list[dict]:  # type: ignore[type-arg]
    return list(json.loads(run.ok("evidence", "list", "--json").stdout)["evidence"])


def test_transaction_is_exact_and_in_utc(run: Runner, session: str) -> None:
    out = run.ok(
        "evidence",
        "tx",
        "--time",
        "2026-11-25 04:52",
        "--type",
        "withdrawal",
        "--asset",
        "usdt",
        "--amount",
        "1,234.5678901234567890",
        "--to-address",
        "TJ6k1examplexxxxxxxxxxxxxxxxxxxxx",
        "--txid",
        TXID,
        "--network",
        "TRC20",
        "--note",
        "not me",
    )
    assert "Recorded transaction E1" in out.output
    [item] = evidence(run)
    assert item["kind"] == "transaction"
    assert Decimal(item["amount"]) == Decimal("1234.5678901234567890")
    assert item["asset"] == "USDT" and item["txid"] == TXID
    assert item["time"].startswith("2026-11-24T20:52:00")  # 04:52 in Asia/Shanghai


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--amount", "12,3x"], "cannot read --amount"),
        (["--amount", "NaN"], "cannot read --amount"),
        (["--amount", "-5"], "negative"),
        (["--time", "tomorrow-ish"], "cannot read --time"),
        (["--asset", "US DT"], "cannot read --asset"),
        (["--type", "theft"], "Invalid value for '--type'"),
    ],
)
def test_bad_transactions_write_nothing(
    run: Runner, session: str, incident_home: Path, args: list[str], message: str
) -> None:
    base = {
        "--time": "2026-11-25T04:52",
        "--type": "withdrawal",
        "--asset": "USDT",
        "--amount": "5",
    }
    for i in range(0, len(args), 2):
        base[args[i]] = args[i + 1]
    before = journal_bytes(incident_home)
    result = run("evidence", "tx", *[x for kv in base.items() for x in kv])
    assert result.exit_code in (1, 2), result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert journal_bytes(incident_home) == before


def test_login_and_bad_ip(run: Runner, session: str, incident_home: Path) -> None:
    run.ok(
        "evidence",
        "login",
        "--time",
        "2026-11-25T02:27+00:00",
        "--ip",
        "203.0.113.77",
        "--device",
        "Chrome",
        "--location",
        "Singapore",
    )
    before = journal_bytes(incident_home)
    bad = run("evidence", "login", "--time", "2026-11-25T02:27", "--ip", "999.1.1.1")
    assert bad.exit_code == 1 and "cannot read --ip" in bad.output
    assert journal_bytes(incident_home) == before
    [item] = evidence(run)
    assert item["ip"] == "203.0.113.77" and item["time"] == "2026-11-25T02:27:00Z"


def test_contact_official_and_not(run: Runner, session: str) -> None:
    ok = run.ok(
        "evidence",
        "contact",
        "--channel",
        "chat",
        "--summary",
        "asked for freeze",
        "--ticket",
        "CASE-1",
        "--url",
        "https://www.okx.com/help",
    )
    assert "WARNING" not in ok.output
    bad = run.ok(
        "evidence",
        "contact",
        "--channel",
        "email",
        "--summary",
        "they wrote to me",
        "--url",
        "support@okx-security-team.com",
    )
    assert "not an official OKX channel" in bad.output
    items = evidence(run)
    assert items[0]["official"] is True and items[0]["ticket"] == "CASE-1"
    assert items[1]["official"] is False and "okx-security-team.com" in items[1]["warning"]
    human = run.ok("evidence", "list").stdout
    assert "NOT OFFICIAL" in human


def test_note_with_files_keeps_hash_and_survives_deleting_the_original(
    run: Runner, session: str, tmp_path: Path, incident_home: Path
) -> None:
    import hashlib

    shot = tmp_path / "withdrawals.png"
    Image.new("RGB", (64, 40), (200, 10, 10)).save(shot)
    doc = tmp_path / "email.txt"
    doc.write_text("Withdrawal confirmation e-mail", encoding="utf-8")
    digest = hashlib.sha256(shot.read_bytes()).hexdigest()
    run.ok(
        "evidence",
        "add",
        "--note",
        "Screenshot of the withdrawal page",
        "--file",
        str(shot),
        "--file",
        str(doc),
        "--step",
        "review-transactions",
    )
    shot.unlink()
    [item] = evidence(run)
    assert item["step_id"] == "review-transactions"
    names = {a["name"]: a for a in item["attachments"]}
    assert names["withdrawals.png"]["sha256"] == digest
    assert (
        names["withdrawals.png"]["media_type"] == "image/png"
        and names["withdrawals.png"]["width"] == 64
    )
    assert names["email.txt"]["media_type"] == "text/plain"
    assert json.loads(run.ok("verify", "--json").stdout)["attachments"] == 2


@pytest.mark.parametrize("kind", ["missing", "fake-image", "truncated", "empty", "unknown-step"])
def test_bad_files_and_steps_write_nothing(
    run: Runner, session: str, tmp_path: Path, incident_home: Path, kind: str
) -> None:
    path = tmp_path / "shot.png"
    step: list[str] = []
    if kind == "fake-image":
        path.write_text("this is not a png", encoding="utf-8")
    elif kind == "truncated":
        full = tmp_path / "full.png"
        Image.effect_noise((300, 300), 50).convert("RGB").save(full)
        path.write_bytes(full.read_bytes()[:2000])
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "unknown-step":
        Image.new("RGB", (10, 10)).save(path)
        step = ["--step", "no-such-step"]
    before = journal_bytes(incident_home)
    result = run("evidence", "add", "--note", "look", "--file", str(path), *step)
    assert result.exit_code == 1, result.output
    assert len(result.output.strip().splitlines()) == 1
    assert journal_bytes(incident_home) == before


def test_secrets_are_refused(run: Runner, session: str, incident_home: Path) -> None:
    before = journal_bytes(incident_home)
    phrase = "abandon ability able about above absent absorb abstract absurd abuse access accident"
    result = run("evidence", "add", "--note", f"my words: {phrase}")
    assert result.exit_code == 1 and "seed" in result.output and "never asks" in result.output
    pw = run("evidence", "add", "--note", "old password: Hunter2!!")
    assert pw.exit_code == 1 and "--yes" in pw.output
    assert journal_bytes(incident_home) == before
    run.ok("evidence", "add", "--note", "old password: Hunter2!!", "--yes")


def test_list_is_empty_at_first(run: Runner, session: str) -> None:
    assert "No evidence yet" in run.ok("evidence", "list").stdout
    assert evidence(run) == []


def test_refusal_names_the_option_the_user_typed(run: Runner, session: str) -> None:
    result = run("evidence", "add", "--note", "password: Hunter2!!")
    assert result.exit_code == 1 and result.output.startswith("Error: --note looks like")


def test_exports_are_private(run: Runner, session: str, tmp_path: Path) -> None:
    target = tmp_path / "x.md"
    run.ok("export", "--format", "markdown", "-o", str(target))
    assert target.stat().st_mode & 0o777 == 0o600


def test_fields_are_trimmed_and_networks_normalised(run: Runner, session: str) -> None:
    run.ok(
        "evidence", "tx", "--time", " 2026-11-25 04:52 ", "--type", "withdrawal",
        "--asset", " usdt ", "--amount", " 5 ", "--to-address", "TJ6k1exampleLSE ",
        "--txid", " abc123 ", "--network", "trc20",
    )  # fmt: skip
    [item] = evidence(run)
    assert item["to_address"] == "TJ6k1exampleLSE" and item["txid"] == "abc123"
    assert item["network"] == "TRON (TRC20)" and item["asset"] == "USDT"


@pytest.mark.parametrize(
    ("asset", "network"), [("BTC", "Bitcoin"), ("eth", "Ethereum (ERC20)"), ("TRX", "TRON (TRC20)")]
)
def test_network_is_inferred_from_the_asset_and_said(
    run: Runner, session: str, asset: str, network: str
) -> None:
    out = run.ok(
        "evidence", "tx", "--time", "2026-11-25 04:52", "--type", "withdrawal",
        "--asset", asset, "--amount", "0.5", "--txid", "ab" * 32,
    )  # fmt: skip
    assert f"Network set to {network}" in out.stderr
    [item] = evidence(run)
    assert item["network"] == network


def test_no_network_is_inferred_for_a_token_on_many(run: Runner, session: str) -> None:
    out = run.ok(
        "evidence", "tx", "--time", "2026-11-25 04:52", "--type", "withdrawal",
        "--asset", "USDT", "--amount", "5", "--json",
    )  # fmt: skip
    assert json.loads(out.stdout)["notes"] == []
    [item] = evidence(run)
    assert "network" not in item

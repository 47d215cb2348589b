"""Rules the bundled playbooks must keep: target order, official sources, OKX routing,
hardening on both branches, and no advice to use links from messages."""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from incident.playbook import loader
from incident.playbook.engine import Engine, Status
from incident.playbook.schema import Playbook
from incident.resources import folder
from tests.conftest import Runner

BUNDLED = sorted(e.name for e in folder("playbooks").iterdir() if e.name.endswith(".yaml"))
HARDENING = {
    "crypto-exchange": [
        "change-password",
        "change-bound-email-phone",
        "reset-2fa",
        "delete-api-keys",
        "remove-devices",
        "check-withdrawal-whitelist",
    ],
    "email-account": ["change-password", "check-recovery-options", "check-forwarding-filters"],
    "payment-wallet": ["change-password-pin", "unlink-cards-banks", "remove-devices"],
    "generic-account": ["change-password", "reset-2fa", "remove-sessions-apps"],
}
PASSWORD_STEPS = {
    "crypto-exchange": ["secure-email", "change-password"],
    "email-account": ["account-recovery-form", "change-password", "secure-linked-accounts"],
    "payment-wallet": ["secure-email-phone", "change-password-pin"],
    "generic-account": ["lock-account", "secure-email", "change-password"],
}


def bundled(name: str) -> Playbook:
    return loader.find(name).playbook


def raw(name: str) -> dict[str, Any]:
    text = folder("playbooks").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "book.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def walk(pb: Playbook, answers: dict[str, str], platform: str | None) -> Engine:
    """Mark every step that becomes ready done (answering as given) until nothing is left."""
    status: dict[str, Status] = {}
    given: dict[str, str] = {}
    for _ in range(100):
        engine = Engine(pb, status, given, platform_id=platform)
        ready = engine.next_steps()
        if not ready:
            return engine
        step = ready[0]
        if step.kind == "question":
            given[step.id] = answers.get(step.id, step.options[0].value)
        status[step.id] = "done"
    raise AssertionError("the walk did not end")


# -- the bundled playbooks ------------------------------------------------------------
@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_playbooks_pass_validate(run: Runner, name: str) -> None:
    path = Path(str(folder("playbooks").joinpath(name)))
    result = run.ok("playbooks", "validate", str(path))
    assert result.stdout.startswith("OK: ")


@pytest.mark.parametrize("name", sorted(HARDENING))
@pytest.mark.parametrize("branch", ["yes", "no"])
def test_hardening_is_reached_on_both_branches(name: str, branch: str) -> None:
    pb = bundled(name)
    platform = pb.platforms[0].id if pb.platforms else None
    engine = walk(pb, {"can-you-log-in": branch}, platform)
    for sid in HARDENING[name]:
        assert engine.status.get(sid) == "done", (name, branch, sid)
    if branch == "no":
        assert engine.status.get("regained-access") == "done"


@pytest.mark.parametrize("name", sorted(PASSWORD_STEPS))
def test_a_clean_device_comes_before_every_password_change(name: str) -> None:
    pb = bundled(name)
    check = pb.step("check-device")
    assert check is not None
    for sid in PASSWORD_STEPS[name]:
        step = pb.step(sid)
        assert step is not None and "check-device" in step.requires, (name, sid)


def test_wallet_password_waits_for_the_mailbox() -> None:
    step = bundled("payment-wallet").step("change-password-pin")
    assert step is not None and "secure-email-phone" in step.requires


def test_hardening_targets_count_from_regaining_access() -> None:
    pb = bundled("crypto-exchange")
    step = pb.step("change-password")
    assert step is not None
    discovered = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)
    back = discovered + timedelta(hours=30)
    engine = Engine(
        pb, {"regained-access": "done"}, {"can-you-log-in": "no"}, done_at={"regained-access": back}
    )
    assert engine.due_at(step, discovered) == back + timedelta(minutes=step.target_minutes)


# -- OKX routing ----------------------------------------------------------------------
def ids(engine: Engine) -> list[str]:
    return [s.id for s in engine.visible()]


def test_okx_asks_before_the_self_freeze_and_routes_the_trapped_to_support() -> None:
    pb = bundled("crypto-exchange")
    asked = Engine(pb, {}, {"can-you-log-in": "yes"}, platform_id="okx")
    assert "okx-self-freeze-check" in [s.id for s in asked.next_steps()]
    freeze = pb.step("freeze-account")
    assert freeze is not None and asked.unmet(freeze) == ["okx-self-freeze-check"]
    trapped = Engine(
        pb, {}, {"can-you-log-in": "yes", "okx-self-freeze-check": "support"}, platform_id="okx"
    )
    assert "okx-freeze-via-support" in ids(trapped) and "freeze-account" not in ids(trapped)
    safe = Engine(
        pb, {}, {"can-you-log-in": "yes", "okx-self-freeze-check": "self-freeze"}, platform_id="okx"
    )
    assert "freeze-account" in ids(safe) and "okx-freeze-via-support" not in ids(safe)


def test_other_exchanges_freeze_without_the_okx_question() -> None:
    pb = bundled("crypto-exchange")
    for platform in ("binance", "coinbase", None):
        engine = Engine(pb, {}, {"can-you-log-in": "yes"}, platform_id=platform)
        assert "okx-self-freeze-check" not in ids(engine)
        assert "freeze-account" in [s.id for s in engine.next_steps()]


def test_pending_withdrawals_are_cancelled_before_the_freeze() -> None:
    pb = bundled("crypto-exchange")
    cancel, freeze = pb.step("cancel-pending-withdrawals"), pb.step("freeze-account")
    assert cancel is not None and freeze is not None
    assert cancel.target_minutes < freeze.target_minutes <= 10


# -- the validator --------------------------------------------------------------------
def test_a_step_due_before_what_it_requires_is_refused(run: Runner, tmp_path: Path) -> None:
    doc = raw("email-account")
    step = next(s for s in doc["steps"] if s["id"] == "secure-linked-accounts")
    step["target_minutes"] = 1  # check-device, which it requires, is due at T+5
    result = run("playbooks", "validate", str(write(tmp_path, doc)))
    assert result.exit_code == 1
    assert "step 'secure-linked-accounts': field 'target_minutes'" in result.output
    assert "earlier than 'check-device'" in result.output


def test_a_branch_without_the_anchor_must_meet_its_targets_too(run: Runner, tmp_path: Path) -> None:
    doc = raw("generic-account")
    step = next(s for s in doc["steps"] if s["id"] == "change-password")
    # Counted from regained-access (locked-out path) it is late enough, but on the path where
    # you never lost access it would be due at T+10, before securing the e-mail (T+30).
    step["target_minutes"] = 10
    result = run("playbooks", "validate", str(write(tmp_path, doc)))
    assert result.exit_code == 1
    assert "where 'regained-access' does not apply it is due at T+10 min" in result.output
    assert "earlier than 'secure-email'" in result.output


def note_source(url: str, checked: object = "2026-12-07") -> dict[str, Any]:
    doc = copy.deepcopy(raw("crypto-exchange"))
    step = next(s for s in doc["steps"] if s["id"] == "freeze-account")
    step["platform_notes"]["okx"]["source"] = url
    if checked is None:
        del step["platform_notes"]["okx"]["checked"]
    return doc


@pytest.mark.parametrize(
    "url",
    [
        "https://okx-help.example.com/help/how-do-i-freeze-my-account-web",
        "https://www.okx.com.evil.example/help/x",
        "https://www.okx.com/help/search?term=freeze",
        "https://academy.binance.com/en/articles/withdrawal-address-whitelist",
        "https://www.okx.com/en/square/post/1",
    ],
)
def test_a_note_without_an_official_source_is_refused(
    run: Runner, tmp_path: Path, url: str
) -> None:
    result = run("playbooks", "validate", str(write(tmp_path, note_source(url))))
    assert result.exit_code == 1
    assert "field 'platform_notes.okx.source'" in result.output
    assert "official okx domain (okx.com)" in result.output


def test_a_note_needs_its_checked_date(run: Runner, tmp_path: Path) -> None:
    doc = note_source("https://www.okx.com/help/how-do-i-freeze-my-account-app", None)
    result = run("playbooks", "validate", str(write(tmp_path, doc)))
    assert result.exit_code == 1 and "platform_notes.okx.checked" in result.output


def test_an_official_subdomain_is_accepted(run: Runner, tmp_path: Path) -> None:
    doc = note_source("https://www.okx.com/help/how-do-i-freeze-my-account-app")
    run.ok("playbooks", "validate", str(write(tmp_path, doc)))


# -- no advice to use links from messages ------------------------------------------------
# A sentence that tells the reader to click, tap, open, follow or use a link or button that
# came in an e-mail or message. Sentences that warn against it (don't, never, 不要...) pass.
LINK_USE = re.compile(
    r"\b(click|tap|press|open|follow|use)\b[^.;:!?\n]{0,40}\b(link|button)\b[^.;!?\n]{0,40}"
    r"\b(e-?mail|message|sms|text)"
    r"|\b(use|click|tap|follow)\s+(its|the)\s+link"
    r"|(用|点击?|打开)[^。；！？\n]{0,12}(邮件|短信|消息)[^。；！？\n]{0,8}(链接|按钮)"
    r"|(用|点击?)其中的(链接|按钮)",
    re.IGNORECASE,
)
NEGATION = re.compile(
    r"\b(don't|do not|never|not|instead|rather than|fakes?|phishing)\b|不要|别|不|切勿|勿|假",
    re.IGNORECASE,
)


def texts(node: object) -> list[str]:
    if isinstance(node, dict):
        out: list[str] = []
        for key, value in node.items():
            if key in ("en", "zh") and isinstance(value, str):
                out.append(value)
            else:
                out += texts(value)
        return out
    if isinstance(node, list):
        return [t for item in node for t in texts(item)]
    return []


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?。！？；;])\s*|\n", text) if s.strip()]


def offending(text: str) -> list[str]:
    return [s for s in sentences(text) if LINK_USE.search(s) and not NEGATION.search(s)]


def all_user_texts() -> list[str]:
    from importlib import resources

    from incident.catalog import CATALOG

    out = [t for name in BUNDLED for t in texts(raw(name.removesuffix(".yaml")))]
    out += [t for pair in CATALOG.values() for t in pair]
    data = resources.files("incident.report.messages").joinpath("messages.yaml").read_text("utf-8")
    out += texts(yaml.safe_load(data))
    return out


def test_the_link_scan_catches_what_it_should() -> None:
    assert offending("If you get a delayed-transaction e-mail, use its link to disable sign-in.")
    assert offending("Click the link in the e-mail to lock your account.")
    assert offending("如果收到交易延迟邮件，用其中的链接禁止登录。")
    assert not offending("Don't use links from e-mails, messages or search ads.")
    assert not offending("不要点邮件、短信或搜索广告里的链接。")


def test_no_text_tells_the_user_to_use_a_link_from_a_message() -> None:
    every = all_user_texts()
    assert len(every) > 500 and any("链接" in t for t in every)  # the scan sees the texts
    found = [s for text in every for s in offending(text)]
    assert found == []

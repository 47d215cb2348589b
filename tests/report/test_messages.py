"""Ready-to-send messages: the session's facts, both languages, and never a secret."""

from __future__ import annotations

import re

import pytest

from incident.core import guards
from incident.errors import EvidenceError
from incident.report.messages import Kind, compose
from tests.report.conftest import Demo

KINDS = [k.value for k in Kind]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_message_carries_the_facts(demo: Demo, kind: str, lang: str) -> None:
    state = demo.view.state
    msg = compose.compose(state, kind, lang, demo.report_at)
    text = msg.text()
    assert msg.kind == kind and msg.lang == lang
    assert state.account in msg.subject and state.account in msg.body
    assert "OKX" in msg.subject
    assert "2026-11-20 07:42" in msg.body and "Asia/Shanghai" in msg.body
    assert "2026-11-19 23:42" in msg.body  # and in UTC
    for _, tx in state.transactions():
        assert not tx.txid or tx.txid in msg.body
        assert not tx.to_address or tx.to_address in msg.body
    assert "50,319.75 USDT" in msg.body
    assert "CASE-20261120-004417" in msg.body
    assert "{" not in text and "}" not in text  # every field was filled
    assert "\n\n\n" not in msg.body  # an empty block leaves no gap
    if lang == "zh":
        assert CJK.search(msg.subject) and "密码、二次验证码或助记词" in msg.body
        assert not re.search(r"\b(Please|Hello|Thank)\b", msg.body)
    else:
        assert "will not share my password, 2FA codes or recovery phrase" in msg.body
        assert not CJK.search(msg.body)


@pytest.mark.parametrize("kind", KINDS)
def test_messages_hold_no_secret(demo: Demo, kind: str) -> None:
    for lang in ("en", "zh"):
        body = compose.compose(demo.view.state, kind, lang, demo.report_at).text()
        guards.refuse_secrets([("message", body)])
        assert guards.needs_confirmation([("message", body)]) == []
        # Notes are never quoted: the demo's notes mention the authenticator and the police number.
        assert "authenticator" not in body and "SH-2026-1120-0382" not in body


def test_kind_specific_content(demo: Demo) -> None:
    state, at = demo.view.state, demo.report_at
    recovery = compose.compose(state, "recovery", "en", at).body
    assert "What I have already done:" in recovery and "- Freeze the account now" in recovery
    dispute = compose.compose(state, "dispute", "en", at).body
    assert "reported the theft to the police" in dispute
    follow = compose.compose(state, "follow-up", "en", at)
    assert "on case CASE-20261120-004417" in follow.subject
    assert "I last contacted you on 2026-11-21 08:42 CST by online chat." in follow.body
    freeze_zh = compose.compose(state, "freeze", "zh", at).body
    assert "请立即冻结该账户" in freeze_zh and "提币 9,800 USDT，网络 TRON (TRC20)，" in freeze_zh
    assert "合计：0.2234 BTC、15,000 DOGE" in freeze_zh


def test_json_shape(demo: Demo) -> None:
    msg = compose.compose(demo.view.state, "freeze", "zh", demo.report_at)
    assert msg.to_json() == {
        "kind": "freeze",
        "lang": "zh",
        "subject": msg.subject,
        "body": msg.body,
    }


def test_templates_are_complete() -> None:
    tpl = compose.templates()
    assert set(tpl.kinds) == set(Kind)
    for template in tpl.kinds.values():
        for words in (template.subject, template.body):
            assert words.en.strip() and words.zh.strip()
            assert re.findall(r"\{(\w+)\}", words.en) and set(
                re.findall(r"\{(\w+)\}", words.en)
            ) == set(re.findall(r"\{(\w+)\}", words.zh))


def test_a_secret_looking_message_is_not_printed() -> None:
    with pytest.raises(EvidenceError):
        compose._check("my password is hunter2hunter2")
    with pytest.raises(EvidenceError):
        compose._check("the verification code: 123456")

"""Ready-to-send messages: the session's facts, both languages, and never a secret."""

from __future__ import annotations

import re
from datetime import UTC, datetime

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
    support = kind != "police"  # the police message is not sent to the platform
    if lang == "zh":
        assert CJK.search(msg.subject)
        assert not support or "密码、双重验证码或助记词" in msg.body
        assert not re.search(r"\b(Please|Hello|Thank)\b", msg.body)
    else:
        assert not support or "will not share my password, 2FA codes or recovery phrase" in msg.body
        assert not CJK.search(msg.body)


@pytest.mark.parametrize("kind", KINDS)
def test_messages_hold_no_secret(demo: Demo, kind: str) -> None:
    for lang in ("en", "zh"):
        body = compose.compose(demo.view.state, kind, lang, demo.report_at).text()
        guards.refuse_secrets([("message", body)])
        assert guards.needs_confirmation([("message", body)]) == []
        # Notes are never quoted: the demo's notes mention the authenticator and the ProtonMail
        # address (the police number now comes from the recorded police report, a structured fact).
        assert "authenticator" not in body and "ProtonMail" not in body


def test_kind_specific_content(demo: Demo) -> None:
    state, at = demo.view.state, demo.report_at
    recovery = compose.compose(state, "recovery", "en", at).body
    assert "What I have already done:" in recovery and "- Freeze the account now" in recovery
    dispute = compose.compose(state, "dispute", "en", at).body
    assert "Police report: number SH-2026-1120-0382" in dispute
    follow = compose.compose(state, "follow-up", "en", at)
    assert "on case CASE-20261120-004417" in follow.subject
    assert "I last contacted you on 2026-11-21 08:42 +08:00 by online chat." in follow.body
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


# -- issue 14: what support and the police need ------------------------------------------
def test_freeze_asks_to_cancel_pending_withdrawals(demo: Demo) -> None:
    state, at = demo.view.state, demo.report_at
    assert (
        "Cancel every withdrawal that is still pending"
        in compose.compose(state, "freeze", "en", at).body
    )
    assert "撤销所有仍在处理中或审核中的提币" in compose.compose(state, "freeze", "zh", at).body


def test_each_txid_carries_its_explorer_link_and_times_their_offset(demo: Demo) -> None:
    from incident.report import explorers

    state = demo.view.state
    body = compose.compose(state, "dispute", "en", demo.report_at).body
    linked = 0
    for _, tx in state.transactions():
        explorer = explorers.find(tx.network)
        if tx.txid and explorer is not None:
            assert explorer.tx_url(tx.txid) in body
            linked += 1
    assert linked >= 10
    assert "2026-11-20 07:42 +08:00" in body
    assert not re.search(r"\d{2}:\d{2} CST", body)  # a zone abbreviation alone is ambiguous


def test_police_message_lists_what_police_ask_for(demo: Demo) -> None:
    state = demo.view.state
    for lang, words in (
        ("en", ["Timeline:", "IP addresses of sign-ins", "203.0.113.77", "Total:"]),
        ("zh", ["事件经过：", "非本人登录的 IP 地址", "203.0.113.77", "合计："]),
    ):
        msg = compose.compose(state, "police", lang, demo.report_at)
        for word in words:
            assert word in msg.body, (lang, word)
        assert "TWCLdBzdVJLgMKGPu3B7KM4gBT32kj3JxC" in msg.body
        assert "CASE-20261120-004417" in msg.body


def test_a_recorded_police_report_reaches_the_messages(demo: Demo) -> None:
    state = demo.view.state
    [(_, report)] = state.police_reports()
    for kind in ("dispute", "follow-up", "police"):
        body = compose.compose(state, kind, "en", demo.report_at).body
        assert f"number {report.number}" in body and report.agency in body
    zh = compose.compose(state, "dispute", "zh", demo.report_at).body
    assert f"编号 {report.number}" in zh


def test_a_safe_reply_address_is_named_when_given(demo: Demo) -> None:
    state = demo.view.state
    plain = compose.compose(state, "freeze", "en", demo.report_at).body
    assert "may be in the attacker's hands" not in plain
    safe = compose.compose(state, "freeze", "en", demo.report_at, reply_to="me@safe.example").body
    assert "Please send your replies to me@safe.example" in safe
    zh = compose.compose(state, "recovery", "zh", demo.report_at, reply_to="me@safe.example").body
    assert "请同时把回复发到 me@safe.example" in zh


def test_coinbase_requests_carry_its_four_facts() -> None:
    from incident.core import actions
    from incident.core.store import Store

    store = Store()
    state = actions.start(
        store,
        playbook="crypto-exchange",
        platform="Coinbase",
        account="lin@example.com",
        now=demo_now(),
        discovered_at="2026-11-25T09:30+08:00",
        tz="Asia/Shanghai",
    )
    for lang, first in (("en", "My last successful sign-in"), ("zh", "我最后一次成功登录")):
        body = compose.compose(store.open(state.id).state, "freeze", lang, demo_now()).body
        assert first in body and ("4." in body)
    other = compose.compose(store.open(state.id).state, "police", "en", demo_now()).body
    assert "My last successful sign-in" not in other


def demo_now() -> datetime:
    return datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

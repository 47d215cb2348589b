"""The password and one-time-code check against how people write them in a sentence.

Every positive must ask for confirmation; every negative (ordinary notes, TxIDs, addresses,
ticket and order numbers) must pass untouched: 0 misses, 0 false alarms.
"""

from __future__ import annotations

import pytest

from incident.core import guards

TXID = "4f1c0e9a7b3d2c1e" * 4
TRON = "TJ6k1mYbWfhP4xWbTrCZ5jU9sE3aR2qLSE"
EVM = "0x52908400098527886E0F7030069857D2E4169EE7"
BTC = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"

POSITIVE = [
    # English
    "attacker changed my password, old one was Tr0ub4dor&3x",
    "my password is Hunter2!xyz",
    "password: hunter22",
    "Password: correcthorse99",
    "pw Tr0ub4dor&3",
    "pwd: s3cr3t!!",
    "login pw = Qwerty!2024",
    "my old password was Summer2024!",
    "new password is Blue-Sky-77",
    "the password I used: P@ssw0rd123",
    "passcode 8812ab",
    "changed my password to Zx9!kLm2 after the reset",
    "My email password was dragon1985",
    "pass: letmein2020",
    "Password = 12345678abc",
    "password was abc12345 before they changed it",
    "Password is Jan2019$ (the old one)",
    "my PIN is 4471",
    "the 2FA code was 493021",
    "the OTP is 118230",
    "Google Authenticator code 551902",
    "verification code: 20481733",
    "fund password: Abc@1234",
    "trading password is 990011",
    "pw: hunter2hunter2",
    "old pw was Tr0ub4dor&3x",
    "the hint says blue42 but the password is Blue42!!",
    "They set the password to N3wP@ss!",
    "login: lin@example.com / password: Abcd1234",
    "the okx password is Okx#2024pw and it still works",
    "Password — Tr0ub4dor&3x",
    "passwd=Secr3t!",
    "I changed the password, new one is Kx!92mPq",
    "one-time code 772190 arrived at 04:51",
    "PASSWORD: WINTER2023",
    # Chinese
    "密码是Tr0ub4dor",
    "旧密码Tr0ub4dor&3x",
    "密码：abc12345",
    "我的密码是 hunter22",
    "登录密码为Qwer1234",
    "资金密码 889900",
    "支付密码是123456",
    "新密码 Abc@2024",
    "原来的密码是Summer2024!",
    "密码被改成了Zx9!kLm2",
    "谷歌验证码 493021",
    "验证码是551902",
    "短信验证码：802211",
    "交易密码：Trade#88",
    "我之前的密码是dragon1985，现在登不上了",
    "邮箱密码 mail2024pw",
    "旧密码：Tr0ub4dor&3x，新密码：N3wP@ss!",
    "口令是 letmein2020",
    "密码为 P@ssw0rd",
    "我用的密码是 iloveyou88",
    "對方把密碼改成了Abc12345",
]

NEGATIVE = [
    # English
    "My password was changed at 04:50 and 2FA was turned off.",
    "I reset my password at 10:15 through the app",
    "password reset email came from noreply@okx.com",
    "the attacker changed the password and the bound email",
    "Support asked me to reset my password; I refused to share it",
    "pw reset failed twice",
    "ticket #48213 opened about the password change",
    "Ticket CASE-4417, agent Mia",
    "case number 2026120712345",
    f"TxID {TXID}",
    f"sent 9800 USDT to {TRON}",
    f"withdrawal to {BTC}",
    f"the tokens went to {EVM}",
    "amount 1520.50 USDT",
    "IP 203.0.113.7 from Singapore",
    "Error code 50001 when I tried to log in",
    "error code 100012 on the withdrawal page",
    "I could not log in this morning and my email was changed.",
    "password is the same as my email's, I will change both",
    "my password is strong and unique, it was phished",
    "password was leaked on a phishing site okx-login.example",
    "the passcode screen showed error 4012",
    "The PIN prompt appeared on a new device",
    "Froze it from Security > Freeze account",
    "Order ID 2367812239912",
    "UID 38800123",
    "called support at +1 415 555 0100",
    "Password manager: Bitwarden",
    "the password field was autofilled by the browser",
    "The 2FA app was removed from my phone at 05:10",
    "verification code never arrived",
    "They asked for my verification code on Telegram; I did not give it",
    "my password is not the problem, the API key was created by them",
    "Changed password at 2026-11-25 05:00 UTC",
    "Reference: REF-2026-0042",
    f"txid: {TXID} on TRON (TRC20)",
    "block 84123456 on TRON",
    "Password changed 2026-11-25T05:00",
    "the password reset link was https://www.okx.com/account/reset?id=8812345",
    # Chinese
    "我今天早上发现账户被盗，对方修改了密码和绑定邮箱。",
    "我的密码被改了，谷歌验证也被关了。",
    "密码已经重置，客服工单号 2026120712345",
    "客服说会在一小时内冻结账户",
    "工单号：CASE-4417",
    f"交易哈希：{TXID}",
    f"提币到地址 {TRON}",
    "密码错误次数太多，账户被锁定",
    "对方让我提供验证码，我没有给",
    "验证码一直收不到",
    "报警回执编号 110120230001",
    "资金密码也被修改了",
    "我忘记了旧密码",
    "新密码已经设置好了",
    "密码和手机号都被换了",
    "我不知道新密码是什么",
    "登录密码是我生日那天改的",
    "订单号 8812345678",
    "UID：38800123",
    "IP 地址 203.0.113.77，地点新加坡",
    "密码于 2026-11-25 05:00 被修改",
]


def test_the_corpus_is_large_enough() -> None:
    assert len(POSITIVE) >= 50 and len(NEGATIVE) >= 50
    assert len(set(POSITIVE)) == len(POSITIVE) and len(set(NEGATIVE)) == len(NEGATIVE)


def test_no_misses_and_no_false_alarms() -> None:
    misses = [s for s in POSITIVE if not guards.needs_confirmation([("note", s)])]
    alarms = [s for s in NEGATIVE if guards.needs_confirmation([("note", s)])]
    assert (misses, alarms) == ([], [])


@pytest.mark.parametrize("text", NEGATIVE)
def test_negatives_are_not_secrets_of_any_kind(text: str) -> None:
    guards.refuse_secrets([("note", text)])  # no seed phrase or key either

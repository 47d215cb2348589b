"""Promise 6: secrets support never needs are refused, in every field of every command;
password- and code-like text is stored only when confirmed; ordinary notes pass."""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from incident.core import guards
from incident.errors import SecretRefused

from .disk import changed, snapshot
from .subproc import env

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
LANGUAGES = Mnemonic.list_languages()
NEVER = "Real support never asks"


# -- making real secrets --------------------------------------------------------------------
def b58check(payload: bytes) -> str:
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    num = int.from_bytes(data, "big")
    out = ""
    while num:
        num, rem = divmod(num, 58)
        out = B58[rem] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def wif(key: bytes, compressed: bool = True, testnet: bool = False) -> str:
    return b58check(bytes([0xEF if testnet else 0x80]) + key + (b"\x01" if compressed else b""))


def xprv(body: bytes) -> str:
    return b58check(bytes.fromhex("0488ade4") + body[:74].ljust(74, b"\0"))


def pem(kind: str) -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())  # OpenSSH has no secp256k1
    fmt = {
        "pkcs8": serialization.PrivateFormat.PKCS8,
        "sec1": serialization.PrivateFormat.TraditionalOpenSSL,
        "openssh": serialization.PrivateFormat.OpenSSH,
    }[kind]
    raw = key.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption())
    return raw.decode()


def mnemonic(lang: str, words: int = 12, seed: int = 1) -> str:
    entropy = hashlib.sha256(f"{lang}{seed}".encode()).digest()[: words * 4 // 3]
    return Mnemonic(lang).to_mnemonic(entropy)


KEY = bytes.fromhex("0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d")
HEX = KEY.hex()
SECRETS = {
    "seed-en": mnemonic("english"),
    "seed-zh-labelled": "助记词：" + mnemonic("chinese_simplified"),
    "seed-ja-24": mnemonic("japanese", 24),
    "seed-es-numbered": " ".join(f"{i}.{w}" for i, w in enumerate(mnemonic("spanish").split(), 1)),
    "wif": wif(KEY, compressed=False),
    "wif-compressed": f"my key {wif(KEY)} please",
    "xprv": xprv(KEY * 3),
    "pem": pem("pkcs8"),
    "pem-openssh": pem("openssh"),
    "labelled-hex": f"private key: {HEX}",
    "labelled-hex-zh": f"私钥：0x{HEX}",
}


def test_the_generated_secrets_are_real() -> None:
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    for lang, words in (("english", 12), ("japanese", 24)):
        assert Mnemonic(lang).check(mnemonic(lang, words))
    # the Bitcoin wiki's WIF example
    assert wif(KEY, compressed=False) == "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"
    assert wif(KEY) == "KwdMAjGmerYanjeui5SHS7JkmpZvVipYvB2LJGU1ZxJwYvP98617"
    assert xprv(KEY * 3).startswith("xprv") and len(xprv(KEY * 3)) == 111
    load_pem_private_key(pem("pkcs8").encode(), None)


@pytest.mark.parametrize("name", SECRETS)
def test_each_kind_of_secret_is_refused(name: str) -> None:
    with pytest.raises(SecretRefused) as refused:
        guards.refuse_secrets([("--note", SECRETS[name])])
    assert NEVER in str(refused.value)


# -- through every command ------------------------------------------------------------------
Args = Callable[[str, str], list[str]]  # (session id, secret) -> command line
TIME = "2026-11-20T04:52:00+08:00"


def _tx(field: str) -> Args:
    def args(sid: str, secret: str) -> list[str]:
        base = {
            "--to-address": "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE",
            "--network": "TRC20",
            "--note": "withdrawal",
            "--txid": "ab" * 32,
        }
        base[field] = secret
        return [
            "evidence",
            "tx",
            "--session",
            sid,
            "--time",
            TIME,
            "--type",
            "withdrawal",
            "--asset",
            "USDT",
            "--amount",
            "10",
            *[x for kv in base.items() for x in kv],
        ]

    return args


def _login(field: str) -> Args:
    def args(sid: str, secret: str) -> list[str]:
        base = {"--device": "Chrome", "--location": "Lagos", "--note": "not me"}
        base[field] = secret
        return [
            "evidence",
            "login",
            "--session",
            sid,
            "--time",
            TIME,
            "--ip",
            "203.0.113.7",
            *[x for kv in base.items() for x in kv],
        ]

    return args


def _contact(field: str) -> Args:
    def args(sid: str, secret: str) -> list[str]:
        base = {
            "--summary": "asked to freeze",
            "--ticket": "T-1",
            "--agent": "Amy",
            "--url": "https://www.okx.com/help",
        }
        base[field] = secret
        return [
            "evidence",
            "contact",
            "--session",
            sid,
            "--channel",
            "chat",
            *[x for kv in base.items() for x in kv],
        ]

    return args


FIELDS: dict[str, Args] = {
    "evidence add --note": lambda sid, s: ["evidence", "add", "--session", sid, "--note", s],
    **{f"evidence tx {f}": _tx(f) for f in ("--note", "--to-address", "--network", "--txid")},
    **{f"evidence login {f}": _login(f) for f in ("--device", "--location", "--note")},
    **{f"evidence contact {f}": _contact(f) for f in ("--summary", "--ticket", "--agent", "--url")},
    "step done --note": lambda sid, s: [
        "step",
        "done",
        "check-device",
        "--session",
        sid,
        "--note",
        s,
    ],
    "step skip --reason": lambda sid, s: [
        "step",
        "skip",
        "police-report",
        "--session",
        sid,
        "--reason",
        s,
    ],
    "step fail --note": lambda sid, s: [
        "step",
        "fail",
        "secure-email",
        "--session",
        sid,
        "--note",
        s,
    ],
    "answer --note": lambda sid, s: [
        "answer",
        "can-you-log-in",
        "no",
        "--session",
        sid,
        "--note",
        s,
    ],
    "close --note": lambda sid, s: ["close", "--session", sid, "--note", s],
}
KNOWN_GAPS: set[str] = set()  # fields known to let a secret through: none


@pytest.fixture
def sid(session: str) -> str:
    return session


@pytest.mark.parametrize("field", FIELDS)
def test_every_field_of_every_command_refuses_secrets(
    field: str, sid: str, run: Any, incident_home: Path, request: pytest.FixtureRequest
) -> None:
    if field in KNOWN_GAPS:
        request.applymarker(pytest.mark.xfail(strict=True, reason="see KNOWN_GAPS"))
    before = snapshot(incident_home)
    for name, secret in SECRETS.items():
        result = run(*FIELDS[field](sid, secret))
        assert result.exit_code == 1, f"{name} in {field}: {result.output}"
        assert "was not stored" in result.stderr and NEVER in result.stderr, result.stderr
        assert result.stdout == ""
    assert changed(before, snapshot(incident_home)) == []


def test_the_same_fields_accept_ordinary_text(sid: str, run: Any, incident_home: Path) -> None:
    """The refusals above are about the secret, not the command: plain text is stored."""
    for field, args in FIELDS.items():
        if field.startswith("close"):
            continue
        text = "https://www.okx.com/help" if field.endswith("--url") else "ordinary text 1"
        if field.endswith("--txid"):
            text = "ab" * 32
        result = run(*args(sid, text))
        assert result.exit_code == 0, f"{field}: {result.output}"
    assert run("close", "--session", sid, "--note", "recovered").exit_code == 0


def test_start_refuses_a_seed_phrase_as_the_account(run: Any, incident_home: Path) -> None:
    result = run(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "OKX",
        "--account",
        SECRETS["seed-en"],
        "--no-run",
    )
    assert result.exit_code == 1 and NEVER in result.stderr
    assert not list((incident_home / "sessions").glob("*/journal.log"))


def test_a_file_named_with_a_seed_phrase_is_refused(
    sid: str, run: Any, incident_home: Path, tmp_path: Path
) -> None:
    from PIL import Image

    shot = tmp_path / f"{mnemonic('english')}.png"
    Image.new("RGB", (8, 8)).save(shot)
    before = snapshot(incident_home)
    result = run("evidence", "add", "--session", sid, "--note", "screenshot", "--file", str(shot))
    assert result.exit_code == 1 and "file name" in result.stderr and NEVER in result.stderr
    assert changed(before, snapshot(incident_home)) == []


# -- passwords and one-time codes: stored only when confirmed -------------------------------
CONFIRM = [
    "my password is Tr0ub4dor&3",
    "password: hunter22",
    "密码是 abc12345",
    "the 2FA code was 493021",
    "验证码 583920",
    "passphrase: correct-horse",
]


@pytest.mark.parametrize("text", CONFIRM)
def test_password_like_text_needs_yes_off_a_terminal(
    text: str, sid: str, run: Any, incident_home: Path
) -> None:
    before = snapshot(incident_home)
    refused = run("evidence", "add", "--session", sid, "--note", text)
    assert refused.exit_code == 1
    assert "nothing was stored" in refused.stderr and NEVER in refused.stderr
    assert "--yes" in refused.stderr
    assert changed(before, snapshot(incident_home)) == []
    run.ok("evidence", "add", "--session", sid, "--note", text, "--yes")
    items = json.loads(run.ok("evidence", "list", "--session", sid, "--json").stdout)["evidence"]
    assert items[-1]["text"] == text and items[-1]["confirmed_warnings"]


def test_step_notes_need_yes_too(sid: str, run: Any, incident_home: Path) -> None:
    before = snapshot(incident_home)
    result = run("step", "done", "check-device", "--session", sid, "--note", CONFIRM[0])
    assert result.exit_code == 1 and NEVER in result.stderr
    assert changed(before, snapshot(incident_home)) == []
    run.ok("step", "done", "check-device", "--session", sid, "--note", CONFIRM[0], "--yes")


@pytest.mark.parametrize("answer", ["n", "y"])
def test_on_a_terminal_the_user_is_asked(answer: str, sid: str, incident_home: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    import sys

    before = snapshot(incident_home)
    child = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "incident",
            "evidence",
            "add",
            "--session",
            sid,
            "--note",
            "my password is Tr0ub4dor&3",
        ],
        env=env(),
        encoding="utf-8",
        timeout=60,
    )
    child.expect("Store it anyway")
    child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    if answer == "n":
        assert child.exitstatus == 1 and "nothing was stored" in (child.before or "")
        assert changed(before, snapshot(incident_home)) == []
    else:
        assert child.exitstatus == 0 and "Recorded note" in (child.before or "")


# -- hypothesis: real mnemonics in several languages, embedded in text ----------------------
ORDINARY_EN = [
    "I could not log in this morning and my email was changed.",
    "Support said they would freeze the account within the hour.",
    "The withdrawal went to an address I have never seen.",
    "My password was changed at 04:50 and 2FA was turned off.",
    "Filed a police report at the local station, case number pending.",
]
ORDINARY_ZH = [
    "我今天早上发现账户被盗，对方修改了密码和绑定邮箱。",
    "客服说会在一小时内冻结账户，请我提供交易记录。",
    "所有USDT都被提到了一个陌生地址。",
    "已经报警，警方给了回执。",
    "我的密码被改了，谷歌验证也被关了。",
]


@st.composite
def embedded_mnemonics(draw: st.DrawFn) -> str:
    lang = draw(st.sampled_from(LANGUAGES))
    words = draw(st.sampled_from([12, 15, 18, 21, 24]))
    entropy = draw(st.binary(min_size=words * 4 // 3, max_size=words * 4 // 3))
    phrase = Mnemonic(lang).to_mnemonic(entropy).split()
    # mnemonic's (unofficial) Russian list has one word damaged to U+FFFD; no wallet uses it
    assume("\ufffd" not in "".join(phrase))
    form = draw(st.sampled_from(["NFC", "NFKD", "NFD"]))
    phrase = [unicodedata.normalize(form, w) for w in phrase]
    sep = draw(st.sampled_from([" ", "\n", ", ", "  ", " - ", "\u3000", "、", "\t"]))
    if draw(st.booleans()):
        phrase = [f"{i}.{w}" if i % 2 else f"{i}) {w}" for i, w in enumerate(phrase, 1)]
    before = draw(st.sampled_from(["", *ORDINARY_EN, *ORDINARY_ZH]))
    after = draw(st.sampled_from(["", *ORDINARY_EN, *ORDINARY_ZH]))
    glue = draw(st.sampled_from([" ", "\n", ": ", "：", "\n\n", " seed: ", "助记词："]))
    return before + glue + sep.join(phrase) + glue + after


@settings(max_examples=400, deadline=None)
@given(embedded_mnemonics())
def test_real_mnemonics_in_any_language_are_refused(text: str) -> None:
    with pytest.raises(SecretRefused):
        guards.refuse_secrets([("--note", text)])


@st.composite
def private_keys(draw: st.DrawFn) -> str:
    key = draw(st.binary(min_size=32, max_size=32).filter(lambda k: k.strip(b"\0")))
    kind = draw(st.sampled_from(["wif", "wif-c", "wif-test", "xprv", "hex-en", "hex-zh"]))
    secret = {
        "wif": lambda: wif(key, compressed=False),
        "wif-c": lambda: wif(key),
        "wif-test": lambda: wif(key, testnet=True),
        "xprv": lambda: xprv(key * 3),
        "hex-en": lambda: f"Private key: 0x{key.hex()}",
        "hex-zh": lambda: f"私钥：{key.hex()}",
    }[kind]()
    before = draw(st.sampled_from(["", *ORDINARY_EN, *ORDINARY_ZH]))
    return f"{before} {secret} "


@settings(max_examples=200, deadline=None)
@given(private_keys())
def test_private_keys_are_refused(text: str) -> None:
    with pytest.raises(SecretRefused):
        guards.refuse_secrets([("--note", text)])


# -- and what must pass: ordinary notes, TxIDs and addresses --------------------------------
def _addresses(raw: bytes) -> list[str]:
    return [
        b58check(b"\x00" + raw[:20]),  # Bitcoin P2PKH
        b58check(b"\x05" + raw[:20]),  # Bitcoin P2SH
        b58check(b"\x41" + raw[:20]),  # TRON
        "0x" + raw[:20].hex(),  # Ethereum
        "bc1q" + "".join("qpzry9x8gf2tvdw0s3jn54khce6mua7l"[b % 32] for b in raw[:38]),
        b58check(raw + raw[:32])[:88],  # a Solana-style signature (64 bytes, no check)
    ]


@st.composite
def ordinary_notes(draw: st.DrawFn) -> str:
    raw = draw(st.binary(min_size=32, max_size=32))
    parts = draw(st.lists(st.sampled_from([*ORDINARY_EN, *ORDINARY_ZH]), min_size=1, max_size=4))
    extras = draw(
        st.lists(
            st.sampled_from(
                [
                    raw.hex(),
                    "0x" + raw.hex(),
                    f"TxID: {raw.hex()}",
                    f"交易哈希：{raw.hex()}",
                    f"hash {raw.hex().upper()}",
                    *_addresses(raw),
                    f"sent to {_addresses(raw)[2]}",
                    "ticket #48213",
                    "amount 1520.50 USDT",
                    "IP 203.0.113.7",
                ]
            ),
            max_size=3,
        )
    )
    pieces = parts + extras
    return " ".join(draw(st.permutations(pieces)))


@settings(max_examples=300, deadline=None)
@given(ordinary_notes())
def test_ordinary_notes_txids_and_addresses_pass(text: str) -> None:
    guards.refuse_secrets([("--note", text)])
    assert guards.needs_confirmation([("--note", text)]) == []


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=ordinary_notes(), secret=embedded_mnemonics())
def test_through_the_command_line(
    note: str, secret: str, session: str, run: Any, incident_home: Path
) -> None:
    journal = next((incident_home / "sessions").glob("*/journal.log"))
    before = journal.read_bytes()
    refused = run("evidence", "add", "--session", session, "--note", secret)
    assert refused.exit_code == 1 and NEVER in refused.stderr
    assert journal.read_bytes() == before
    tx = run(
        "evidence",
        "tx",
        "--session",
        session,
        "--time",
        TIME,
        "--type",
        "withdrawal",
        "--asset",
        "USDT",
        "--amount",
        "1",
        "--txid",
        os.urandom(32).hex(),
        "--note",
        note,
    )
    assert tx.exit_code == 0, tx.output

"""Guards at the door: secrets support never needs, and support contacts off the official list."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from incident.errors import SecretRefused
from incident.playbook.schema import Platform

NEVER_ASKS = (
    "Real support never asks for your password, 2FA code, seed phrase or private key; "
    "anyone who does is an attacker."
)  # the same words as the catalog's "guard.never-asks", for errors (English until translated)

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_RUN = re.compile(r"[1-9A-HJ-NP-Za-km-z]{50,120}")
_PEM = re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----")
_LABELLED_HEX = re.compile(
    r"(?i)(?:private[\s_-]*key|priv[\s_-]*key|secret[\s_-]*key|私钥|密钥|私匙)"
    r"[^0-9a-fA-F\n]{0,12}(?:0x)?[0-9a-fA-F]{64}(?![0-9a-fA-F])"
)
# "my password was changed" tells what happened to it; "my password is Tr0ub4dor" gives it.
_ABOUT_A_PASSWORD = frozenset(
    [
        "changed",
        "reset",
        "stolen",
        "compromised",
        "leaked",
        "hacked",
        "wrong",
        "incorrect",
        "correct",
        "updated",
        "modified",
        "weak",
        "strong",
        "same",
        "different",
        "expired",
        "invalid",
        "rejected",
        "locked",
        "unknown",
        "known",
        "required",
        "working",
        "accepted",
        "still",
        "also",
        "already",
        "being",
        "never",
        "gone",
        "taken",
        "useless",
        "not",
        "none",
        "empty",
        "blank",
    ]
)
# A password is named by one of these words, then given: after a separator that says "this is
# it" (password: X, 密码是X), after is/was/to (is Tr0ub4dor), or straight after (pw Tr0ub4dor,
# 旧密码Tr0ub4dor).
_PW_NAME = re.compile(r"(?i)\b(?:pass(?:word|wd|code|phrase)?|pwd|pw|pin)\b|密码|密碼|口令")
_STRONG_SEP = re.compile(r"\s*(?:[:：=]|是|为|為)\s*")
_WEAK_SEP = re.compile(
    r"(?i)\s*(?:(?:i|we)\s+(?:used|had|set|typed)\s*[:：=]?\s*|"
    r"(?:(?:is|was|has\s+been)\s+)?(?:changed|set|reset|switched)\s+(?:to|into)\s+|"
    r"(?:was|is|to|into|[-—–])\s+|(?:was|is|[-—–])(?=\S))"
    r"|\s*(?:被|已)?(?:改成|改为|改為|换成|換成|设为|设成|设置为|設為)了?\s*"
)
# "... changed my password, old one was X": the password named once, then given as "one".
_ONE = re.compile(
    r"(?i)\b(?:old|new|previous|current|original|real|last)\s+one\s+(?:is|was|=|:)\s*"
)
_TOKEN = re.compile(r"[!-~]{4,64}")  # printable ASCII, up to a space or a Chinese character
_NOT_A_PASSWORD = re.compile(
    r"(?i)https?://\S+|[^@\s]+@[^@\s]+\.\w+|\d{4}-\d{1,2}-\d{1,2}\S*|\d{1,2}:\d{2}\S*"
    r"|(?:0x)?[0-9a-f]{40,}|[1-9A-HJ-NP-Za-km-z]{25,}|bc1[0-9a-z]{20,}"
)
_OTP = re.compile(
    r"(?i)(?:\b2fa\b|\botp\b|one[\s-]*time|verification\s*code|auth(?:enticator)?\s*code|"
    r"(?<!error\s)(?<!status\s)\bcode\b|验证码|驗證碼|动态码|校验码|谷歌验证)"
    r"[^0-9\n]{0,12}(?<!\d)\d{6,8}(?!\d)"
)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Words: runs of letters, with Chinese characters kept apart from other scripts ("abater助记词"
# is two words). A Chinese character alone is a possible seed word; a run of them is prose.
_WORD = re.compile(rf"[{_HAN}]+|[^\W\d_{_HAN}]+")


@dataclass(frozen=True)
class Finding:
    field: str
    what: str  # "password" or "one-time code"


def _normal(text: str) -> str:
    # The word lists are stored decomposed (NFKD) and people paste either form; NFKC makes
    # "й", "é" or "が" one letter, so a word is never split in two at its accent.
    return unicodedata.normalize("NFKC", text).casefold()


@cache
def _wordlists() -> tuple[frozenset[str], frozenset[str]]:
    """Multi-letter BIP39 words, and single-character (Chinese) words, from `mnemonic`."""
    from mnemonic import Mnemonic

    words: set[str] = set()
    chars: set[str] = set()
    for lang in Mnemonic.list_languages():
        try:
            wordlist = Mnemonic(lang).wordlist
        except Exception:  # a language file the installed version lacks
            continue
        for w in map(_normal, wordlist):
            (chars if len(w) == 1 else words).add(w)
    return frozenset(words), frozenset(chars)


def _has_seed_phrase(text: str) -> bool:
    """Twelve or more list words in a row (punctuation, numbers and spaces between them)."""
    words, chars = _wordlists()
    run = char_run = 0
    for token in _WORD.findall(_normal(text)):
        run = run + 1 if token in words else 0
        if len(token) > 1 and token[0] in chars and char_run + 1 >= 12:
            return True  # the last word of a phrase, glued to the prose after it
        # Chinese phrases are one character a word; prose runs characters together, though
        # its last character may be a phrase's first word ("助记词是的 一 是 ...").
        char_run = (
            (char_run + 1 if token in chars else 0)
            if len(token) == 1
            else (1 if token[-1] in chars else 0)
        )
        if run >= 12 or char_run >= 12:
            return True
    return False


def _b58decode(text: str) -> bytes | None:
    num = 0
    for ch in text:
        idx = _B58.find(ch)
        if idx < 0:
            return None
        num = num * 58 + idx
    raw = num.to_bytes((num.bit_length() + 7) // 8, "big") if num else b""
    pad = len(text) - len(text.lstrip("1"))
    return b"\x00" * pad + raw


def _b58check_ok(text: str) -> bytes | None:
    raw = _b58decode(text)
    if raw is None or len(raw) < 5:
        return None
    body, check = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(body).digest()).digest()[:4] != check:
        return None
    return body


def _has_private_key(text: str) -> bool:
    if _PEM.search(text) or _LABELLED_HEX.search(text):
        return True
    for match in _B58_RUN.finditer(text):
        candidate = match.group(0)
        if candidate[:4] in ("xprv", "tprv", "yprv", "zprv", "Yprv", "Zprv", "uprv", "vprv"):
            return True
        if len(candidate) in (51, 52):
            body = _b58check_ok(candidate)
            # WIF: version 0x80 (mainnet) or 0xef (testnet), 32 bytes, optional 0x01 flag.
            if body and body[0] in (0x80, 0xEF) and len(body) in (33, 34):
                return True
    return False


def refuse_secrets(fields: Iterable[tuple[str, str | None]]) -> None:
    """Raise SecretRefused when any field holds a seed phrase or a private key."""
    for name, value in fields:
        if not value:
            continue
        if _has_seed_phrase(value):
            raise SecretRefused.said("secret.seed", "guard.never-asks", field=name)
        if _has_private_key(value):
            raise SecretRefused.said("secret.private-key", "guard.never-asks", field=name)


def _given(token: str, strong: bool, straight: bool) -> bool:
    """Whether ``token``, written after a password's name, is the password itself."""
    token = token.rstrip(".,;)]}'\"")
    if len(token) < 4 or token.lower() in _ABOUT_A_PASSWORD or _NOT_A_PASSWORD.fullmatch(token):
        return False
    if strong:
        return True  # password: hunter22 / 密码是hunter
    digit = any(c.isdigit() for c in token)
    other = any(not c.isalnum() for c in token) or any(c.isupper() for c in token[1:])
    # "pw Tr0ub4dor" / "旧密码889900" need a digit; "is Hunter!x" a digit, symbol or capital.
    return digit if straight else digit or other


def _has_password(text: str) -> bool:
    for named in _PW_NAME.finditer(text):
        after = text[named.end() :]
        strong = _STRONG_SEP.match(after)
        sep = strong or _WEAK_SEP.match(after)
        rest = after[sep.end() :] if sep else after.lstrip()
        token = _TOKEN.match(rest)
        if token and _given(token.group(0), bool(strong), straight=sep is None):
            return True
    if _PW_NAME.search(text):
        for one in _ONE.finditer(text):
            token = _TOKEN.match(text[one.end() :])
            if token and _given(token.group(0), False, False):
                return True
    return False


def needs_confirmation(fields: Iterable[tuple[str, str | None]]) -> list[Finding]:
    """Fields that look like they hold a password or a one-time code."""
    found = []
    for name, value in fields:
        if not value:
            continue
        if _has_password(value):
            found.append(Finding(name, "password"))
        if _OTP.search(value):
            found.append(Finding(name, "one-time code"))
    return found


# -- phishing ------------------------------------------------------------------------
# Hosts are read the way a browser reads them (the WHATWG URL standard), or not at all: a
# URL whose host a browser and Python could disagree on - a backslash (a browser's "/"),
# user-info ("okx.com@evil.io"), a percent-encoded or bracketed host, control characters or
# spaces - has no host here, so it is never taken for an official one.
_EMAIL = re.compile(r"^(?:mailto:)?[^@\s/:]+@([^@\s/?#]+)$", re.IGNORECASE)
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOSTNAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):(?!\d+(?:[/?#]|$))", re.IGNORECASE)
LINK_SCHEMES = ("https", "mailto")  # the only ones a report turns into links


@dataclass(frozen=True)
class Target:
    """Where a contact's address leads: its scheme and host (punycode), as a browser sees it."""

    scheme: str
    host: str
    ascii: bool  # typed in ASCII: no look-alike letters (an IDN is never taken as official)


def _host(text: str) -> tuple[str, bool] | None:
    """A host as a browser would look it up (lower-case, punycode, no trailing dot)."""
    if not text or "%" in text or text.startswith("["):
        return None
    ascii_only = text.isascii()
    if not ascii_only:
        try:  # IDNA maps full-width letters and dots the way browsers do, then punycode
            text = text.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    host = text.lower()
    host = host[:-1] if host.endswith(".") else host
    if re.fullmatch(r"\d+|0x[0-9a-f]*", host.rsplit(".", 1)[-1]):
        return None  # a browser reads "0x7f.1" as the IPv4 address 127.0.0.1
    return (host, ascii_only) if _HOSTNAME.fullmatch(host) else None


def contact_target(url: str) -> Target | None:
    """The scheme and host ``url`` leads to, or None when a browser could read it otherwise."""
    from incident.visible import first_control

    text = url.strip()
    if not text or "\\" in text or first_control(text) or any(c.isspace() for c in text):
        return None
    email = _EMAIL.match(text)
    if email:
        found = _host(email.group(1))
        return Target("mailto", *found) if found else None
    scheme_match = _SCHEME.match(text)
    scheme = scheme_match.group(1).lower() if scheme_match else "https"
    rest = text[scheme_match.end() :] if scheme_match else "//" + text
    if not rest.startswith("//"):
        return None  # "https:evil.io" and the like: no host we would vouch for
    authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
    if "@" in authority:
        return None  # user-info: the host is what follows the @, whatever precedes it
    host, _, port = authority.rpartition(":") if ":" in authority else (authority, "", "")
    if port and not port.isdigit():
        return None
    found = _host(host)
    return Target(scheme, *found) if found else None


def contact_domain(url: str) -> str | None:
    """The host of a URL or the domain of an e-mail address, lower-case."""
    target = contact_target(url)
    return target.host if target else None


def is_link(url: str) -> bool:
    """May ``url`` be a clickable link in a report? Only https: and mailto:, unambiguous."""
    target = contact_target(url)
    if target is None or target.scheme not in LINK_SCHEMES:
        return False
    low = url.strip().lower()
    return low.startswith("https://") or low.startswith("mailto:")


def official_domains(platform: Platform) -> list[str]:
    """The domains a platform's support may be reached on: its own and its channels'."""
    official = {d.lower() for d in platform.domains}
    for ch in platform.channels:
        d = contact_domain(ch.address) if ch.kind != "phone" else None
        if d:
            official.add(d)
    return sorted(official)


def is_official(domain: str | None, platform: Platform) -> bool:
    return bool(
        domain
        and _HOSTNAME.fullmatch(domain)
        and any(domain == d or domain.endswith("." + d) for d in official_domains(platform))
    )


def is_official_url(url: str, platform: Platform) -> bool:
    """Official: https: (or an e-mail address) to a platform domain, typed in ASCII."""
    target = contact_target(url)
    return bool(
        target
        and target.ascii
        and target.scheme in LINK_SCHEMES
        and is_official(target.host, platform)
    )


def check_contact(
    url: str | None, channel: str, platform: Platform | None
) -> tuple[bool | None, str | None]:
    """(official?, warning in English as recorded) for a support contact."""
    if not url:
        official = False if channel == "social" else None
    elif platform is None:
        official = None
    else:
        official = is_official_url(url, platform)
    return official, contact_warning(url, channel, official, platform, "en")


def contact_warning(
    url: str | None,
    channel: str,
    official: bool | None,
    platform: Platform | None,
    lang: str,
    platform_name: str | None = None,
) -> str | None:
    """Why a contact may not have been real support, in ``lang``; None when it was official.

    The one wording of this warning: said when the contact is recorded, and again by every
    reader (report, exports, lists) in its own language.
    """
    from incident.catalog import t

    if official is True:
        return None
    name = platform.name if platform else (platform_name or "")
    if not url:
        return t("guard.social", lang) if channel == "social" else None
    target = contact_target(url)
    # A host only where the URL leads to one unambiguously; otherwise the text as typed.
    domain = target.host if target and target.scheme in LINK_SCHEMES else url
    if official is None or platform is None:
        return t("guard.unchecked", lang, domain=domain)
    listed = ", ".join(official_domains(platform)) or t("guard.none-listed", lang)
    return t(
        "guard.unofficial",
        lang,
        domain=domain,
        platform=name,
        official=listed,
        never=t("guard.never-asks", lang),
    )

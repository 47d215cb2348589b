"""Trusted timestamps against a local OpenSSL authority: granted, checked, and each forgery refused."""

from __future__ import annotations

import hashlib
import re
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from incident.errors import TimestampInvalid, TimestampUnavailable, UsageError
from incident.report.timestamp import Token, read_token, request_token, verify_token
from tests.report.tsa import Authority, closed_port, make_authority, make_ca, serve

SUMS = b"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03 *README.txt\n"
AUTHORITY = "Incident Test TSA (Incident tests)"


@pytest.fixture(scope="module")
def authority(tmp_path_factory: pytest.TempPathFactory) -> Authority:
    return make_authority(tmp_path_factory.mktemp("tsa"))


@pytest.fixture(scope="module")
def url(authority: Authority) -> Iterator[str]:
    with serve(authority) as address:
        yield address


@pytest.fixture(scope="module")
def stamped(url: str) -> tuple[Token, datetime, datetime]:
    before = datetime.now(UTC).replace(microsecond=0)
    token = request_token(SUMS, url, timeout=20)
    return token, before, datetime.now(UTC)


@pytest.fixture
def token(stamped: tuple[Token, datetime, datetime]) -> Token:
    return stamped[0]


def flipped(data: bytes, index: int, bit: int = 0x01) -> bytes:
    changed = bytearray(data)
    changed[index] ^= bit
    return bytes(changed)


def test_a_granted_token_says_when_who_and_over_what(
    stamped: tuple[Token, datetime, datetime], authority: Authority
) -> None:
    from cryptography import x509

    token, before, after = stamped
    assert token.time.tzinfo is not None and token.time.utcoffset() == timedelta(0)
    assert before <= token.time <= after + timedelta(seconds=1)
    assert token.authority == AUTHORITY
    assert token.digest == hashlib.sha256(SUMS).digest()
    assert token.certificate is not None
    signer = x509.load_pem_x509_certificate(token.certificate)
    assert signer == x509.load_pem_x509_certificate(authority.certificate.read_bytes())
    assert read_token(token.response) == token


def test_a_good_token_verifies_with_the_ca(token: Token, authority: Authority) -> None:
    proof = verify_token(token.response, data=SUMS, ca=authority.ca)
    assert proof.trusted and proof.token == token
    when = token.time.strftime("%Y-%m-%d %H:%M:%S")
    assert proof.sentence() == f"these files existed no later than {when} UTC, per {AUTHORITY}"
    assert proof.sentence("zh") == f"这些文件最晚在 {when} UTC 已经存在（时间戳机构：{AUTHORITY}）"
    by_digest = verify_token(token.response, digest=hashlib.sha256(SUMS).digest(), ca=authority.ca)
    assert by_digest == proof


def test_the_ca_file_may_carry_intermediates_after_the_root(
    token: Token, authority: Authority, tmp_path: Path
) -> None:
    bundle = tmp_path / "chain.pem"
    bundle.write_bytes(authority.certificate.read_bytes() + authority.ca.read_bytes())
    assert verify_token(token.response, data=SUMS, ca=bundle).trusted


def test_the_standard_openssl_tool_checks_the_stored_token(
    token: Token, authority: Authority, tmp_path: Path
) -> None:
    (tmp_path / "SHA256SUMS").write_bytes(SUMS)
    (tmp_path / "SHA256SUMS.tsr").write_bytes(token.response)
    args = ["openssl", "ts", "-verify", "-in", "SHA256SUMS.tsr", "-CAfile", str(authority.ca)]
    good = subprocess.run(
        [*args, "-data", "SHA256SUMS"], cwd=tmp_path, capture_output=True, text=True
    )
    assert good.returncode == 0 and "Verification: OK" in good.stdout, good.stderr
    (tmp_path / "SHA256SUMS").write_bytes(SUMS + b"\n")
    bad = subprocess.run(
        [*args, "-data", "SHA256SUMS"], cwd=tmp_path, capture_output=True, text=True
    )
    assert bad.returncode != 0


def test_without_a_ca_only_the_imprint_is_checked(token: Token) -> None:
    proof = verify_token(token.response, data=SUMS)
    assert not proof.trusted
    assert "signature was not checked" in proof.sentence() and "--tsa-cert" in proof.sentence()
    with pytest.raises(TimestampInvalid, match="for other data"):
        verify_token(token.response, data=SUMS + b" ")


def test_a_changed_file_is_refused(token: Token, authority: Authority) -> None:
    changed = SUMS.replace(b"README", b"READ_E")
    with pytest.raises(TimestampInvalid, match="for other data") as caught:
        verify_token(token.response, data=changed, ca=authority.ca)
    assert caught.value.exit_code == 3
    assert "files changed after they were time-stamped" in str(caught.value)


def test_a_token_for_other_data_is_refused(url: str, authority: Authority) -> None:
    other = request_token(b"some other case file's sums\n", url, timeout=20)
    assert verify_token(other.response, data=b"some other case file's sums\n", ca=authority.ca)
    with pytest.raises(TimestampInvalid, match="for other data"):
        verify_token(other.response, data=SUMS, ca=authority.ca)


def test_a_changed_signature_is_refused(token: Token, authority: Authority) -> None:
    # The response ends with the SignerInfo's signature value.
    with pytest.raises(TimestampInvalid, match="signature does not match: it was changed"):
        verify_token(flipped(token.response, len(token.response) - 1), data=SUMS, ca=authority.ca)


@pytest.mark.parametrize("years", [1, -6])
def test_a_changed_time_is_refused(token: Token, authority: Authority, years: int) -> None:
    digits = token.time.strftime("%Y%m%d%H%M%S").encode()
    at = token.response.index(digits)
    year = str(token.time.year + years).encode()
    forged = token.response[:at] + year + token.response[at + 4 :]
    assert read_token(forged).time.year == token.time.year + years  # it reads, another time
    # Later: the signature no longer matches. Earlier: also before the TSA certificate was
    # valid, which OpenSSL finds first; refused either way.
    message = "signature does not match" if years > 0 else "certificate is not yet valid"
    with pytest.raises(TimestampInvalid, match=message):
        verify_token(forged, data=SUMS, ca=authority.ca)


def test_a_token_from_another_ca_is_refused(token: Token, tmp_path: Path) -> None:
    other = make_ca(tmp_path, "other")
    with pytest.raises(TimestampInvalid, match="does not lead to the CA in") as caught:
        verify_token(token.response, data=SUMS, ca=other)
    assert "unable to get local issuer certificate" in str(caught.value)
    assert str(other) in str(caught.value)


def test_no_flipped_bit_anywhere_gives_another_proof(token: Token, authority: Authority) -> None:
    """Every byte of the token changed in turn: refused, or (for the few bytes outside the
    signature, such as the unsigned SignedData version) the very same proof."""
    original = verify_token(token.response, data=SUMS, ca=authority.ca)
    refused = 0
    for index in range(len(token.response)):
        try:
            proof = verify_token(flipped(token.response, index), data=SUMS, ca=authority.ca)
        except TimestampInvalid:
            refused += 1
            continue
        assert (proof.token.time, proof.token.authority, proof.token.digest) == (
            original.token.time,
            original.token.authority,
            original.token.digest,
        ), index
    assert refused > 0.95 * len(token.response)


def test_a_damaged_token_is_refused(token: Token) -> None:
    for damaged in (b"", b"not a token", token.response[:100]):
        with pytest.raises(TimestampInvalid, match="damaged"):
            read_token(damaged)
        with pytest.raises(TimestampInvalid, match="damaged"):
            verify_token(damaged, data=SUMS)


def test_the_ca_file_must_be_a_root_certificate(
    token: Token, authority: Authority, tmp_path: Path
) -> None:
    with pytest.raises(UsageError, match="cannot read"):
        verify_token(token.response, data=SUMS, ca=tmp_path / "absent.pem")
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate")
    with pytest.raises(UsageError, match="no PEM certificate"):
        verify_token(token.response, data=SUMS, ca=junk)
    with pytest.raises(UsageError, match="no root certificate"):
        verify_token(token.response, data=SUMS, ca=authority.certificate)


def test_data_or_digest_exactly_one(token: Token) -> None:
    with pytest.raises(ValueError, match="exactly one"):
        verify_token(token.response)
    with pytest.raises(ValueError, match="exactly one"):
        verify_token(token.response, data=SUMS, digest=b"x" * 32)


def _one_line(exc: BaseException) -> str:
    text = str(exc)
    assert "\n" not in text and "Traceback" not in text
    return text


def test_a_closed_port_is_one_clear_line() -> None:
    address = f"http://127.0.0.1:{closed_port()}/"
    with pytest.raises(TimestampUnavailable) as caught:
        request_token(SUMS, address, timeout=5)
    assert _one_line(caught.value).startswith(f"cannot reach {address}: Connection refused")
    assert caught.value.exit_code == 1


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("http500", r"answered HTTP 500 Internal Server Error"),
        ("garbage", r"did not answer with a time-stamp response \(is it an RFC 3161"),
        ("reject", r"did not grant a timestamp \(rejection: Message digest algorithm"),
    ],
)
def test_what_the_authority_answers_wrong_is_one_clear_line(
    url: str, path: str, message: str
) -> None:
    with pytest.raises(TimestampUnavailable) as caught:
        request_token(SUMS, url + path, timeout=20)
    assert re.search(message, _one_line(caught.value)), str(caught.value)
    assert str(caught.value).startswith(url + path)


def test_an_authority_that_does_not_answer_in_time(url: str) -> None:
    with pytest.raises(TimestampUnavailable, match=r"did not answer within 0\.5 s"):
        request_token(SUMS, url + "slow", timeout=0.5)


def test_a_replayed_answer_is_not_taken(url: str) -> None:
    request_token(b"first request\n", url, timeout=20)
    with pytest.raises(TimestampUnavailable, match=r"not to this request"):
        request_token(b"first request\n", url + "stale", timeout=20)


def test_only_http_addresses_and_some_data(url: str) -> None:
    with pytest.raises(UsageError, match="not an http"):
        request_token(SUMS, "file:///etc/passwd")
    with pytest.raises(UsageError, match="empty"):
        request_token(b"", url)


def test_a_case_file_carries_a_token_over_its_sums(
    url: str, authority: Authority, tmp_path: Path
) -> None:
    """The flow `incident bundle --timestamp` will use: sums, then a token over them."""
    import zipfile

    from incident.report.casefile import Entry, check_case_file, write_case_file

    def stamp(sums: bytes) -> list[Entry]:
        token = request_token(sums, url, timeout=20)
        assert token.certificate is not None
        return [Entry("SHA256SUMS.tsr", token.response), Entry("tsa.pem", token.certificate)]

    entries = [Entry("README.txt", b"read me"), Entry("shot.png", b"\x89PNG", folder="originals")]
    case = write_case_file(tmp_path / "case.zip", entries, after_sums=stamp)
    checked = check_case_file(case.path, unlisted_ok=["SHA256SUMS.tsr", "tsa.pem"])
    with zipfile.ZipFile(case.path) as archive:
        response = archive.read("SHA256SUMS.tsr")
    assert verify_token(response, data=checked.sums, ca=authority.ca).trusted
    # A token taken from this case file does not vouch for another one's sums.
    with pytest.raises(TimestampInvalid, match="for other data"):
        verify_token(response, data=checked.sums.replace(b"README", b"README2"), ca=authority.ca)

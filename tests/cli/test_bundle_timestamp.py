"""`incident bundle --timestamp` against a local OpenSSL authority (no network beyond loopback):
the token goes in the archive and its time in the journal; `bundle verify` says what it
proves, and refuses a changed file, a changed token and a token for other data (exit 3)."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from incident.core import actions
from incident.core.store import Store
from incident.report.casefile import Written as W
from incident.report.casefile import parse_sums, sums_text
from tests.cli.test_bundle import rewrite
from tests.conftest import Runner
from tests.factory import SessionFactory, typical
from tests.report.tsa import Authority, closed_port, make_authority, serve

AUTHORITY = "Incident Test TSA (Incident tests)"


@pytest.fixture(scope="module")
def authority(tmp_path_factory: pytest.TempPathFactory) -> Authority:
    return make_authority(tmp_path_factory.mktemp("tsa"))


@pytest.fixture(scope="module")
def url(authority: Authority) -> Iterator[str]:
    with serve(authority) as address:
        yield address


@pytest.fixture
def sid(make_session: SessionFactory) -> str:
    return make_session(evidence=[*typical(), actions.note("a second note")])


@pytest.fixture
def stamped(run: Runner, sid: str, url: str, tmp_path: Path) -> Path:
    target = tmp_path / "case.zip"
    result = run.ok("bundle", "--session", sid, "-o", str(target), "--timestamp", url)
    assert "Timestamp:" in result.output and AUTHORITY in result.output
    return target


def test_the_token_and_certificate_are_in_the_archive_outside_the_sums(stamped: Path) -> None:
    with zipfile.ZipFile(stamped) as zf:
        names = zf.namelist()
        sums = zf.read("SHA256SUMS")
        readme = zf.read("README.txt").decode()
    assert names[-3:] == ["SHA256SUMS", "SHA256SUMS.tsr", "tsa-certificate.pem"]
    assert "SHA256SUMS.tsr" not in parse_sums(sums)
    assert "openssl ts -verify" in readme and "可信时间戳" in readme


def test_the_token_time_and_authority_are_recorded_in_the_journal(
    run: Runner, sid: str, url: str, tmp_path: Path
) -> None:
    before = Store().open(sid).integrity
    started = datetime.now(UTC).replace(microsecond=0)
    target = tmp_path / "case.zip"
    run.ok("bundle", "--session", sid, "-o", str(target), "--timestamp", url)
    view = Store().open(sid)
    assert view.integrity.entries == before.entries + 1
    (event,) = view.state.timestamps
    assert event.authority == AUTHORITY
    assert event.url == url
    assert started <= event.time <= datetime.now(UTC)
    assert event.entries == before.entries and event.head_hash == before.head_hash
    with zipfile.ZipFile(target) as zf:
        assert event.digest == hashlib.sha256(zf.read("SHA256SUMS")).hexdigest()
    exported = json.loads(run.ok("export", "--session", sid, "--format", "json").stdout)
    (line,) = [e for e in exported["timeline"] if e["type"] == "case.timestamped"]
    assert (
        AUTHORITY in line["text"] and event.time.strftime("%Y-%m-%d %H:%M:%S UTC") in line["text"]
    )


def test_bundle_verify_says_what_the_good_bundle_proves(
    run: Runner, sid: str, stamped: Path, authority: Authority
) -> None:
    (event,) = Store().open(sid).state.timestamps
    result = run.ok("bundle", "verify", str(stamped), "--tsa-cert", str(authority.ca))
    when = event.time.strftime("%Y-%m-%d %H:%M:%S UTC")
    assert f"These files existed no later than {when}, per {AUTHORITY}." in result.output
    unchecked = run.ok("bundle", "verify", str(stamped))
    assert "not checked" in unchecked.output and "--tsa-cert" in unchecked.output


def test_the_standard_openssl_tool_checks_the_unpacked_bundle(
    stamped: Path, authority: Authority, tmp_path: Path
) -> None:
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(stamped) as zf:
        zf.extractall(folder)
    checked = subprocess.run(
        [
            "openssl",
            "ts",
            "-verify",
            "-data",
            "SHA256SUMS",
            "-in",
            "SHA256SUMS.tsr",
            "-CAfile",
            str(authority.ca),
        ],
        cwd=folder,
        capture_output=True,
        timeout=60,
    )
    assert checked.returncode == 0, checked.stderr
    assert b"Verification: OK" in checked.stdout


def _resummed(archive: Path, target: Path, name: str, data: bytes) -> None:
    """``name`` changed and SHA256SUMS written again to match: only the token can tell."""
    with zipfile.ZipFile(archive) as zf:
        listed = parse_sums(zf.read("SHA256SUMS"))
    listed[name] = hashlib.sha256(data).hexdigest()
    sums = sums_text(W(n, n, 0, digest) for n, digest in listed.items())
    rewrite(archive, target, {name: data, "SHA256SUMS": sums})


def _other_token(run: Runner, make_session: SessionFactory, url: str, tmp_path: Path) -> bytes:
    other = make_session(evidence=[actions.note("another case")], account="wang@example.com")
    target = tmp_path / "other.zip"
    run.ok("bundle", "--session", other, "-o", str(target), "--timestamp", url)
    with zipfile.ZipFile(target) as zf:
        return zf.read("SHA256SUMS.tsr")


def _flipped_signature(token: bytes) -> bytes:
    # The signature is at the end of the DER; a bit there changes nothing else.
    return token[:-10] + bytes([token[-10] ^ 0x01]) + token[-9:]


@pytest.mark.parametrize(
    ("tamper", "named"),
    [
        ("changed file", "transactions.csv was changed"),
        ("changed file, sums redone", "SHA256SUMS.tsr: the timestamp token is for other data"),
        ("changed token", "SHA256SUMS.tsr: the timestamp token"),
        ("token for other data", "SHA256SUMS.tsr: the timestamp token is for other data"),
        ("token removed", "SHA256SUMS.tsr"),
    ],
)
def test_bundle_verify_refuses_each_tampered_bundle(
    run: Runner,
    make_session: SessionFactory,
    stamped: Path,
    authority: Authority,
    url: str,
    tmp_path: Path,
    tamper: str,
    named: str,
) -> None:
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(stamped) as zf:
        token = zf.read("SHA256SUMS.tsr")
    if tamper == "changed file":
        rewrite(stamped, bad, {"transactions.csv": b"time_utc\r\n"})
    elif tamper == "changed file, sums redone":
        _resummed(stamped, bad, "transactions.csv", b"time_utc\r\n")
    elif tamper == "changed token":
        rewrite(stamped, bad, {"SHA256SUMS.tsr": _flipped_signature(token)})
    elif tamper == "token for other data":
        other = _other_token(run, make_session, url, tmp_path)
        rewrite(stamped, bad, {"SHA256SUMS.tsr": other})
    else:
        rewrite(stamped, bad, {"SHA256SUMS.tsr": None})
    result = run("bundle", "verify", str(bad), "--tsa-cert", str(authority.ca))
    assert result.exit_code == 3, result.output
    assert named in result.output
    assert "Traceback" not in result.output
    assert "existed no later than" not in result.output


def test_an_unreachable_authority_writes_nothing_and_records_nothing(
    run: Runner, sid: str, tmp_path: Path
) -> None:
    before = Store().open(sid).integrity
    target = tmp_path / "case.zip"
    address = f"http://127.0.0.1:{closed_port()}/"
    result = run("bundle", "--session", sid, "-o", str(target), "--timestamp", address)
    assert result.exit_code == 1
    assert re.search(r"Error: cannot reach http://127\.0\.0\.1:\d+/", result.output)
    assert not target.exists()
    assert list(tmp_path.glob(".case.zip*")) == []
    assert Store().open(sid).integrity == before


def test_the_next_report_shows_the_timestamp_in_its_timeline(
    run: Runner, sid: str, stamped: Path, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    pdf = tmp_path / "after.pdf"
    run.ok("report", "--session", sid, "-o", str(pdf))
    text = " ".join((page.extract_text() or "") for page in PdfReader(pdf).pages)
    assert "time-stamped" in " ".join(text.split())
    zh = json.loads(run.ok("export", "--session", sid, "--format", "json", "--lang", "zh").stdout)
    assert any("可信时间戳" in e["text"] for e in zh["timeline"])


def test_bundle_verify_json_gives_the_timestamp(
    run: Runner, sid: str, stamped: Path, authority: Authority
) -> None:
    (event,) = Store().open(sid).state.timestamps
    data = json.loads(
        run.ok("bundle", "verify", str(stamped), "--tsa-cert", str(authority.ca), "--json").stdout
    )
    assert data["timestamp"] == {
        "time": event.time.isoformat(),
        "authority": AUTHORITY,
        "signature_checked": True,
    }

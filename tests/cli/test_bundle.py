"""`incident bundle`: the case file unpacks, `sha256sum -c` passes, originals and amounts are exact."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from incident.core import actions
from incident.core.store import Store
from tests.conftest import Runner, has_tool
from tests.factory import TXID, SessionFactory, typical

ORIGINAL_NAMES = ("截图 withdrawal.png", "chat export.txt")
# Amounts whose text is easy to lose: trailing zeros, eight decimals, a large whole number.
AMOUNTS = ("1520.50", "0.00000001", "123456789012345678.123456789")


@pytest.fixture
def originals(tmp_path: Path) -> dict[str, bytes]:
    from PIL import Image

    folder = tmp_path / "files"
    folder.mkdir()
    out: dict[str, bytes] = {}
    png = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(png, "PNG")
    out[ORIGINAL_NAMES[0]] = png.getvalue()
    out[ORIGINAL_NAMES[1]] = "客服：已冻结\r\nagent: frozen\n".encode() + os.urandom(64)
    for name, data in out.items():
        (folder / name).write_bytes(data)
    return out


@pytest.fixture
def case_session(make_session: SessionFactory, originals: dict[str, bytes], tmp_path: Path) -> str:
    drafts = [actions.note("screenshots of the withdrawals"), *typical()]
    drafts += [
        actions.transaction(
            time="2026-11-25 06:00",
            tx_type="withdrawal",
            asset="BTC",
            amount=amount,
            network="Bitcoin",
            txid=f"{i:02x}" * 32,
            to_address="bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        )
        for i, amount in enumerate(AMOUNTS)
    ]
    files = [tmp_path / "files" / name for name in originals]
    return make_session(evidence=drafts, files=files)


def bundle(run: Runner, sid: str, target: Path, *more: str) -> Path:
    run.ok("bundle", "--session", sid, "-o", str(target), *more)
    return target


def unpack(archive: Path, folder: Path) -> Path:
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(folder)
    return folder


def test_the_case_file_unpacks_and_sha256sum_checks_it(
    run: Runner, case_session: str, originals: dict[str, bytes], tmp_path: Path
) -> None:
    archive = bundle(run, case_session, tmp_path / "case.zip", "--lang", "en,zh")
    folder = unpack(archive, tmp_path / "unpacked")
    names = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
    assert names == {
        "README.txt",
        "verify.txt",
        "report-en.pdf",
        "report-zh.pdf",
        "export.json",
        "summary-en.md",
        "summary-zh.md",
        "transactions.csv",
        "SHA256SUMS",
        *(f"originals/E1/{name}" for name in ORIGINAL_NAMES),
    }
    listed = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert sorted(line.split(" *", 1)[1] for line in listed) == sorted(names - {"SHA256SUMS"})
    if not has_tool("sha256sum"):
        pytest.skip("sha256sum (coreutils) is not installed")
    checked = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, timeout=60
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.decode().count(": OK") == len(names) - 1


def test_every_original_is_byte_identical_in_the_folder_and_in_the_pdf(
    run: Runner, case_session: str, originals: dict[str, bytes], tmp_path: Path
) -> None:
    from pypdf import PdfReader

    folder = unpack(bundle(run, case_session, tmp_path / "case.zip"), tmp_path / "unpacked")
    for name, data in originals.items():
        assert (folder / "originals" / "E1" / name).read_bytes() == data
    attached = PdfReader(folder / "report-en.pdf").attachments
    embedded = {hashlib.sha256(d).hexdigest() for files in attached.values() for d in files}
    assert {hashlib.sha256(d).hexdigest() for d in originals.values()} <= embedded


def test_transactions_csv_round_trips_amounts_and_txids(
    run: Runner, case_session: str, tmp_path: Path
) -> None:
    folder = unpack(bundle(run, case_session, tmp_path / "case.zip"), tmp_path / "unpacked")
    text = (folder / "transactions.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == [
        "time_utc",
        "time_local",
        "type",
        "asset",
        "amount",
        "network",
        "from",
        "to",
        "txid",
        "explorer",
        "state",
    ]
    recorded = Store().open(case_session, decode_all=True).state.transactions()
    assert len(rows) == len(recorded) == 2 + len(AMOUNTS)
    for row, (_, tx) in zip(rows, recorded, strict=True):
        assert Decimal(row["amount"]) == tx.amount
        assert "E" not in row["amount"]  # plain digits a spreadsheet reads as written
        assert row["txid"] == tx.txid
        assert row["to"] == (tx.to_address or "")
        assert row["state"] == "active"
    amounts = [row["amount"] for row in rows[2:]]
    assert [Decimal(a) for a in amounts] == [Decimal(a) for a in AMOUNTS]
    assert amounts[1] == "0.00000001" and amounts[2] == AMOUNTS[2]
    first = rows[0]
    assert first["time_utc"] == "2026-11-24T20:52:00Z"  # 04:52 in Shanghai
    assert first["time_local"] == "2026-11-25T04:52:00+08:00"
    assert first["txid"] == TXID
    assert first["explorer"].startswith("https://") and first["explorer"].endswith(TXID)


def test_a_cell_a_spreadsheet_would_run_is_quoted(make_session: SessionFactory) -> None:
    from incident.report.bundle import transactions_csv

    sid = make_session(
        evidence=[
            actions.transaction(
                time="2026-11-25 04:52",
                tx_type="withdrawal",
                asset="USDT",
                amount="5",
                to_address='=HYPERLINK("http://evil.example","x")',
                txid="-1+2",
            )
        ]
    )
    text = transactions_csv(Store().open(sid, decode_all=True).state)
    (row,) = list(csv.DictReader(io.StringIO(text, newline="")))
    assert row["to"] == '\'=HYPERLINK("http://evil.example","x")'
    assert row["txid"] == "'-1+2"


def test_verify_txt_and_the_readme_say_what_they_must(
    run: Runner, case_session: str, tmp_path: Path
) -> None:
    folder = unpack(bundle(run, case_session, tmp_path / "case.zip"), tmp_path / "unpacked")
    verify = (folder / "verify.txt").read_text(encoding="utf-8")
    view = Store().open(case_session)
    head, entries = view.integrity.head_hash, view.integrity.entries
    assert f"{entries} entries, 2 attachments, head {head}" in verify
    assert f"Record reference: {head[:16]}, {entries} entries" in verify
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert "sha256sum -c SHA256SUMS" in readme and "shasum -a 256 -c SHA256SUMS" in readme
    assert "如何核对文件未被改动" in readme  # the Chinese half too
    assert "SHA256SUMS.tsr" not in readme  # no token: nothing said about one


def test_invariant_bundles_are_byte_identical(
    run: Runner, case_session: str, tmp_path: Path
) -> None:
    one = bundle(run, case_session, tmp_path / "one.zip", "--invariant")
    two = bundle(run, case_session, tmp_path / "two.zip", "--invariant")
    assert one.read_bytes() == two.read_bytes()
    last = Store().open(case_session).state.last_activity
    with zipfile.ZipFile(one) as zf:
        stamps = {info.date_time for info in zf.infolist()}
    assert stamps == {(last.year, last.month, last.day, last.hour, last.minute, last.second & ~1)}


def test_source_date_epoch_fixes_the_time(
    run: Runner, case_session: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")  # 2025-11-24 16:00:00 UTC
    one = bundle(run, case_session, tmp_path / "one.zip")
    two = bundle(run, case_session, tmp_path / "two.zip")
    assert one.read_bytes() == two.read_bytes()
    with zipfile.ZipFile(one) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2025, 11, 24, 16, 0, 0)}


def test_the_archive_is_private_and_never_replaces_a_file(
    run: Runner, case_session: str, tmp_path: Path
) -> None:
    archive = bundle(run, case_session, tmp_path / "case.zip")
    if os.name == "posix":
        assert archive.stat().st_mode & 0o777 == 0o600
    before = archive.read_bytes()
    again = run("bundle", "--session", case_session, "-o", str(archive))
    assert again.exit_code == 2
    assert "already exists" in again.output
    assert archive.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".case.zip")] == []


def test_making_a_bundle_records_nothing(run: Runner, case_session: str, tmp_path: Path) -> None:
    before = Store().open(case_session).integrity
    bundle(run, case_session, tmp_path / "case.zip")
    assert Store().open(case_session).integrity == before


@pytest.mark.parametrize("langs", ["fr", "en,fr", ","])
def test_a_wrong_language_is_a_usage_error(
    run: Runner, case_session: str, tmp_path: Path, langs: str
) -> None:
    result = run(
        "bundle", "--session", case_session, "-o", str(tmp_path / "c.zip"), "--lang", langs
    )
    assert result.exit_code == 2
    assert "--lang" in result.output
    assert not (tmp_path / "c.zip").exists()


def test_bundle_verify_accepts_the_good_one_and_names_a_changed_file(
    run: Runner, case_session: str, tmp_path: Path
) -> None:
    archive = bundle(run, case_session, tmp_path / "case.zip")
    good = run.ok("bundle", "verify", str(archive))
    assert re.search(r"OK: \d+ files match SHA256SUMS", good.output)
    assert "No trusted timestamp" in good.output
    changed = tmp_path / "changed.zip"
    rewrite(archive, changed, {f"originals/E1/{ORIGINAL_NAMES[1]}": b"agent: nothing frozen\n"})
    result = run("bundle", "verify", str(changed))
    assert result.exit_code == 3
    assert f"originals/E1/{ORIGINAL_NAMES[1]} was changed" in result.output
    assert "Traceback" not in result.output


def test_bundle_verify_of_what_is_not_a_case_file(run: Runner, tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 not really")
    result = run("bundle", "verify", str(junk))
    assert result.exit_code == 3
    assert "not a readable ZIP" in result.output
    missing = run("bundle", "verify", str(tmp_path / "nope.zip"))
    assert missing.exit_code == 2


def rewrite(source: Path, target: Path, change: dict[str, bytes | None]) -> None:
    """Copy a case file, replacing (bytes) or dropping (None) members."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename not in change:
                new.writestr(info, old.read(info))
            elif (data := change[info.filename]) is not None:
                new.writestr(info, data)


def test_bundle_verify_gives_the_record_reference_and_json(
    run: Runner, case_session: str, tmp_path: Path
) -> None:
    archive = bundle(run, case_session, tmp_path / "case.zip")
    integrity = Store().open(case_session).integrity
    reference = f"{integrity.head_hash[:16]}, {integrity.entries} entries"
    assert f"reference {reference}" in run.ok("bundle", "verify", str(archive)).output
    data = json.loads(run.ok("bundle", "verify", str(archive), "--json").stdout)
    assert data == {"ok": True, "files": 8, "reference": reference, "timestamp": None}
    run.ok("verify", "--session", case_session, "--expect", reference)


def test_options_before_verify_are_a_usage_error(run: Runner, tmp_path: Path) -> None:
    result = run("bundle", "-o", str(tmp_path / "x.zip"), "verify", str(tmp_path / "x.zip"))
    assert result.exit_code == 2
    assert "go after it" in result.output


def test_a_changed_attachment_stops_the_bundle_and_nothing_is_written(
    run: Runner, case_session: str, incident_home: Path, tmp_path: Path
) -> None:
    files = sorted((incident_home / "sessions" / case_session).rglob("*.bin"))
    assert files
    damaged = bytearray(files[0].read_bytes())
    damaged[-5] ^= 0x01
    files[0].write_bytes(bytes(damaged))
    result = run("bundle", "--session", case_session, "-o", str(tmp_path / "case.zip"))
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.glob("*case.zip*")) == []

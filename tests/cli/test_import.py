"""`incident evidence import`: each export format through the real command, every field checked."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from incident.core.kinds.transaction import Check, Source, Transaction
from incident.core.store import Store
from tests.conftest import Runner
from tests.importers.export_files import Files

TRON_TO = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
ETH_TO = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"  # EIP-55 spec vector
BTC_TO = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"  # BIP-173 spec vector
TX1 = "9521e668a1f2c07bc7e30fc95c5318cce8f20346bd9a06acb80e1f3d877c38a7"
TX2 = "0x4f9ac1f4b4b1bd1e1a7e0f0e1c9e6ab0e7a6f1f3c2d1e0f9a8b7c6d5e4f3a2b1"
TX3 = "ab" * 32

WITHDRAWALS_V2 = "Date(UTC+0),Coin,Network,Amount,Fee,Address,TXID,Status"
V1 = "Date(UTC),Coin,Network,Amount,TransactionFee,Address,TXID,SourceAddress,PaymentID,Status"
STATEMENT = "User_ID,UTC_Time,Account,Operation,Coin,Change,Remark"
BILLS = "id,Time,Type,Amount,Before Balance,After Balance,Fee,Symbol"
COINBASE = (
    "ID,Timestamp,Transaction Type,Asset,Quantity Transacted,Price Currency,"
    "Price at Transaction,Subtotal,Total (inclusive of fees and/or spread),"
    "Fees and/or Spread,Notes"
)
COINBASE_OLD = (
    "Timestamp,Transaction Type,Asset,Quantity Transacted,Spot Price Currency,"
    "Spot Price at Transaction,Subtotal,Total (inclusive of fees),Fees,Notes"
)


@pytest.fixture
def files(tmp_path: Path) -> Files:
    return Files(tmp_path)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def transactions(sid: str) -> list[tuple[int, Transaction]]:
    view = Store().open(sid, decode_all=True)
    return [(item.number, tx) for item, tx in view.state.transactions()]


def entries(sid: str) -> int:
    return Store().open(sid).integrity.entries


def source(path: Path, row: int, fmt: str, status: str | None = None) -> Source:
    return Source(file=path.name, sha256=sha(path), row=row, format=fmt, status=status)


def test_binance_withdrawals_bom_crlf_two_digit_year_extra_column(
    run: Runner, session: str, files: Files
) -> None:
    path = files.csv(
        "Withdraw_History.csv",
        [
            WITHDRAWALS_V2 + ",Internal Note",
            f"2026-11-25 04:52:10,USDT,TRX,9800,1,{TRON_TO},{TX1},Completed,x",
            f"26-11-25 05:01:00,ETH,ETH,0.25000000,0.001,{ETH_TO},{TX2},Completed,",
            f"2026-11-25 05:30:00,BTC,BTC,0.00001,0.0000001,{BTC_TO},,Processing,",
            f"2026-11-24 01:00:00,USDT,TRX,5,1,{TRON_TO},{TX3},Completed,",
        ],
        bom=True,
        crlf=True,
    )
    result = run.ok("evidence", "import", str(path), "--session", session, input="y\n")
    assert "Binance withdrawal history: 4 row(s) in the file, 4 chosen." in result.output
    assert "Times read as UTC, as the file's header says." in result.output
    # The preview shows times in the session's zone (Asia/Shanghai, +8).
    assert "2026-11-25 12:52" in result.output
    assert "Recorded 4 transaction(s) from Withdraw_History.csv: E2 to E5" in result.output
    assert "Needs TxID (1): E4 (row 4)" in result.output
    assert "1 row(s) are not marked completed" in result.output
    fmt = "binance-withdrawals-v2"
    assert transactions(session) == [
        (
            2,
            Transaction(
                time=utc(2026, 11, 25, 4, 52, 10),
                tx_type="withdrawal",
                asset="USDT",
                amount=Decimal("9800"),
                to_address=TRON_TO,
                txid=TX1,
                network="TRON (TRC20)",
                source=source(path, 2, fmt, "Completed"),
            ),
        ),
        (
            3,
            Transaction(
                time=utc(2026, 11, 25, 5, 1),
                tx_type="withdrawal",
                asset="ETH",
                amount=Decimal("0.25000000"),
                to_address=ETH_TO,
                txid=TX2,
                network="Ethereum (ERC20)",
                source=source(path, 3, fmt, "Completed"),
            ),
        ),
        (
            4,
            Transaction(
                time=utc(2026, 11, 25, 5, 30),
                tx_type="withdrawal",
                asset="BTC",
                amount=Decimal("0.00001"),
                to_address=BTC_TO,
                network="Bitcoin",
                source=source(path, 4, fmt, "Processing"),
            ),
        ),
        (
            5,
            Transaction(
                time=utc(2026, 11, 24, 1),
                tx_type="withdrawal",
                asset="USDT",
                amount=Decimal("5"),
                to_address=TRON_TO,
                txid=TX3,
                network="TRON (TRC20)",
                source=source(path, 5, fmt, "Completed"),
            ),
        ),
    ]
    [amount] = [tx.amount for _, tx in transactions(session) if tx.asset == "ETH"]
    assert str(amount) == "0.25000000"  # exactly as written, never rounded
    # The file itself is kept, encrypted, with the note before the transactions.
    view = Store().open(session, decode_all=True)
    note = view.state.evidence[0]
    assert note.number == 1 and note.kind == "note"
    [attachment] = note.attachments
    assert (attachment.name, attachment.sha256) == (path.name, sha(path))
    assert view.blob(attachment.sha256) == path.read_bytes()
    assert sha(path) in note.evidence.model_dump()["text"]


def test_reimport_records_nothing_twice(run: Runner, session: str, files: Files) -> None:
    lines = [
        WITHDRAWALS_V2,
        f"2026-11-25 04:52:10,USDT,TRX,9800,1,{TRON_TO},{TX1},Completed",
        f"2026-11-25 05:30:00,BTC,BTC,0.5,0.0001,{BTC_TO},,Completed",
    ]
    path = files.csv("Withdraw_History.csv", lines)
    run.ok("evidence", "import", str(path), "--session", session, "--yes")
    before = entries(session)
    again = run.ok("evidence", "import", str(path), "--session", session, "--yes")
    assert "Left out 2 row(s) already recorded: 1 same TxID, 1 same time, asset and amount" in (
        again.output
    )
    assert "Nothing new to record" in again.output
    assert entries(session) == before
    # An overlapping file: one row already in, one new.
    newer = files.csv(
        "Withdraw_History_2.csv",
        [*lines[:2], f"2026-11-25 06:00:00,USDT,TRX,100,1,{TRON_TO},{TX3},Completed"],
    )
    out = run.ok("evidence", "import", str(newer), "--session", session, "--yes", "--json")
    data = json.loads(out.stdout)
    assert [t["row"] for t in data["transactions"]] == [3]
    assert data["skipped"] == [{"row": 2, "reason": "same-txid", "match": "E2"}]
    assert [tx.txid for _, tx in transactions(session)] == [TX1, None, TX3]


def test_binance_v1_told_apart_by_file_name(run: Runner, session: str, files: Files) -> None:
    path = files.csv(
        "Binance-Withdraw-History.csv",
        [V1, f"2024-01-15 10:20:30,USDT,TRX,1520.5,1,{TRON_TO},{TX1},,,Completed"],
    )
    run.ok("evidence", "import", str(path), "--session", session, "--yes")
    [(_, tx)] = transactions(session)
    assert (tx.time, tx.amount, tx.source) == (
        utc(2024, 1, 15, 10, 20, 30),
        Decimal("1520.5"),
        source(path, 2, "binance-withdrawals-v1", "Completed"),
    )


def test_binance_statement_withdrawals_only_by_default(
    run: Runner, session: str, files: Files
) -> None:
    path = files.csv(
        "statement.csv",
        [
            STATEMENT,
            "123,2026-11-25 04:52:10,Spot,Withdraw,USDT,-9800.00000000,",
            "123,2026-11-25 04:00:00,Spot,Deposit,USDT,50,",
            "123,2026-11-25 03:00:00,Spot,Buy Crypto,BTC,0.1,",
        ],
        bom=True,
    )
    run.ok("evidence", "import", str(path), "--session", session, "--yes")
    assert transactions(session) == [
        (
            2,
            Transaction(
                time=utc(2026, 11, 25, 4, 52, 10),
                tx_type="withdrawal",
                asset="USDT",
                amount=Decimal("9800.00000000"),
                source=source(path, 2, "binance-statement"),
            ),
        )
    ]
    deposits = run.ok(
        "evidence", "import", str(path), "--session", session, "--type", "deposit", "--yes"
    )
    assert "Recorded 1 transaction(s)" in deposits.output
    assert [tx.tx_type for _, tx in transactions(session)] == ["withdrawal", "deposit"]


def test_okx_bills_need_txid_and_one_row_can_get_it(
    run: Runner, session: str, files: Files
) -> None:
    path = files.csv(
        "bills.csv",
        [
            BILLS,
            "900001,2026-11-30 14:05:31,Withdrawal,-1200.5,1300.5,100,-1,USDT",
            "900002,2026-11-30 14:06:00,Deposit,50,100,150,0,USDT",
            "900003,2026-11-30 15:00:00,Withdrawal,-3,3,0,0,ETH",
        ],
        bom=True,
    )
    # --txid needs the choice narrowed to one row.
    refused = run("evidence", "import", str(path), "--session", session, "--txid", TX2, "--yes")
    assert refused.exit_code == 2 and "2 rows were chosen" in refused.output
    assert entries(session) == 1
    run.ok(
        "evidence",
        "import",
        str(path),
        "--session",
        session,
        "--asset",
        "eth",
        "--txid",
        TX2,
        "--yes",
    )
    rest = run.ok("evidence", "import", str(path), "--session", session, "--yes")
    assert "Left out 1 row(s) already recorded: 1 same time, asset and amount" in rest.output
    assert "Needs TxID (1): E4 (row 2)" in rest.output
    assert "incident evidence correct E4 --txid TXID" in rest.output
    assert transactions(session) == [
        (
            2,
            Transaction(
                time=utc(2026, 11, 30, 15),
                tx_type="withdrawal",
                asset="ETH",
                amount=Decimal("3"),
                txid=TX2,
                network=None,
                source=source(path, 4, "okx-bills"),
            ),
        ),
        (
            4,
            Transaction(
                time=utc(2026, 11, 30, 14, 5, 31),
                tx_type="withdrawal",
                asset="USDT",
                amount=Decimal("1200.5"),
                source=source(path, 2, "okx-bills"),
            ),
        ),
    ]


def test_coinbase_preamble_currency_symbols_address_in_notes(
    run: Runner, session: str, files: Files
) -> None:
    path = files.csv(
        "coinbase.csv",
        [
            "Transactions",
            "User,Lin,5f4c1b1e-0000-4000-8000-000000000000",
            "You can use this transaction report to inform your likely tax obligations.",
            COINBASE,
            "65a1,2024-02-08 16:31:22 UTC,Send,BTC,0.0125,USD,$42000.00,$525.00,$525.00,$0.00,"
            f"Sent 0.0125 BTC to {BTC_TO}",
            '65a2,2024-02-08 17:00:00 UTC,Buy,BTC,0.1,USD,"$42,000.00",$4200,$4210,$10,Bought',
        ],
        crlf=True,
    )
    run.ok("evidence", "import", str(path), "--session", session, "--yes")
    assert transactions(session) == [
        (
            2,
            Transaction(
                time=utc(2024, 2, 8, 16, 31, 22),
                tx_type="withdrawal",
                asset="BTC",
                amount=Decimal("0.0125"),
                to_address=BTC_TO,
                source=source(path, 5, "coinbase"),
            ),
        )
    ]


def test_coinbase_older_header(run: Runner, session: str, files: Files) -> None:
    path = files.csv(
        "coinbase-2021.csv",
        [
            COINBASE_OLD,
            f"2021-01-10T00:00:00Z,Send,ETH,1.5,USD,$1200,$1800,$1800,$0,Sent 1.5 ETH to {ETH_TO}",
        ],
    )
    run.ok("evidence", "import", str(path), "--session", session, "--yes")
    [(_, tx)] = transactions(session)
    assert (tx.time, tx.asset, tx.amount, tx.to_address, tx.checks) == (
        utc(2021, 1, 10),
        "ETH",
        Decimal("1.5"),
        ETH_TO,
        None,  # ETH implies Ethereum, and the address checks out
    )


def test_xlsx_export(run: Runner, session: str, files: Files) -> None:
    path = files.xlsx(
        "history.xlsx",
        [
            WITHDRAWALS_V2.split(","),
            ["2026-11-25 04:52:10", "USDT", "TRX", "9800.5", "1", TRON_TO, TX1, "Completed"],
        ],
    )
    run.ok("evidence", "import", str(path), "--session", session, "--yes")
    [(_, tx)] = transactions(session)
    assert (tx.time, tx.amount, tx.txid, tx.source) == (
        utc(2026, 11, 25, 4, 52, 10),
        Decimal("9800.5"),
        TX1,
        source(path, 2, "binance-withdrawals-v2", "Completed"),
    )


def test_since_until_in_the_session_zone(run: Runner, session: str, files: Files) -> None:
    path = files.csv(
        "Withdraw_History.csv",
        [
            WITHDRAWALS_V2,
            f"2026-11-25 01:00:00,USDT,TRX,1,1,{TRON_TO},{TX1},Completed",
            f"2026-11-25 04:52:10,USDT,TRX,2,1,{TRON_TO},{TX3},Completed",
        ],
    )
    # 12:00 in Asia/Shanghai is 04:00 UTC: only the second row.
    out = run.ok(
        "evidence",
        "import",
        str(path),
        "--session",
        session,
        "--since",
        "2026-11-25 12:00",
        "--dry-run",
    )
    assert "1 chosen" in out.output and "Dry run: nothing was recorded." in out.output
    assert entries(session) == 1
    run.ok(
        "evidence",
        "import",
        str(path),
        "--session",
        session,
        "--since",
        "2026-11-25 12:00",
        "--yes",
    )
    assert [tx.amount for _, tx in transactions(session)] == [Decimal(2)]


def test_answering_no_records_nothing(run: Runner, session: str, files: Files) -> None:
    path = files.csv(
        "Withdraw_History.csv",
        [WITHDRAWALS_V2, f"2026-11-25 04:52:10,USDT,TRX,1,1,{TRON_TO},{TX1},Completed"],
    )
    result = run("evidence", "import", str(path), "--session", session, input="n\n")
    assert result.exit_code != 0 and "nothing was recorded" in result.output
    assert entries(session) == 1


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            [
                WITHDRAWALS_V2,
                f"2026-11-25 04:52:10,USDT,TRX,9800,1,{TRON_TO},{TX1},Completed",
                f"2026-11-25 05:00:00,USDT,TRX,12.3.4,1,{TRON_TO},{TX3},Completed",
            ],
            "Withdraw_History.csv: row 3, column 'Amount': cannot read the amount '12.3.4'",
        ),
        (
            [WITHDRAWALS_V2, f"yesterday,USDT,TRX,9800,1,{TRON_TO},{TX1},Completed"],
            "Withdraw_History.csv: row 2, column 'Date(UTC+0)': cannot read the time 'yesterday'",
        ),
        (
            ["Date,Asset,Qty", "2026-11-25,USDT,1"],
            "Withdraw_History.csv: not an export this tool knows; no known header in the first "
            "30 rows (first row: 'Date,Asset,Qty')",
        ),
    ],
)
def test_a_broken_file_is_refused_with_nothing_recorded(
    run: Runner, session: str, files: Files, lines: list[str], expected: str
) -> None:
    path = files.csv("Withdraw_History.csv", lines)
    result = run("evidence", "import", str(path), "--session", session, "--yes")
    assert result.exit_code != 0
    assert expected in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1  # one line
    assert entries(session) == 1
    assert transactions(session) == []


def test_a_mistyped_address_is_flagged_and_stored(run: Runner, session: str, files: Files) -> None:
    damaged = ETH_TO[:-1] + "D"  # one character's case changed: the EIP-55 checksum fails
    path = files.csv(
        "Withdraw_History.csv",
        [WITHDRAWALS_V2, f"2026-11-25 04:52:10,ETH,ETH,1,0,{damaged},{TX2},Completed"],
    )
    result = run.ok("evidence", "import", str(path), "--session", session, "--yes")
    assert "!!! row 2: To address: This address does not check out for Ethereum (ERC20)" in (
        result.output
    )
    [(_, tx)] = transactions(session)
    assert tx.checks == (
        Check(code="address.checksum", network="Ethereum (ERC20)", shape="shape.address.evm"),
    )


def test_a_typed_transaction_is_checked_too(run: Runner, session: str) -> None:
    damaged = TRON_TO[:5] + ("b" if TRON_TO[5] != "b" else "c") + TRON_TO[6:]
    result = run.ok(
        "evidence",
        "tx",
        "--session",
        session,
        "--time",
        "2026-11-25T12:52",
        "--type",
        "withdrawal",
        "--asset",
        "USDT",
        "--amount",
        "9800",
        "--network",
        "TRC20",
        "--to-address",
        damaged,
        "--txid",
        "0x" + TX1,
    )
    assert "To address: This address does not check out for TRON (TRC20)" in result.output
    assert "TxID: This TxID (0x and 64 hex digits) has the form used on Ethereum/EVM" in (
        result.output
    )
    [(_, tx)] = transactions(session)
    assert [c.code for c in tx.checks or ()] == ["address.checksum", "txid.other-network"]
    clean = run.ok(
        "evidence",
        "tx",
        "--session",
        session,
        "--time",
        "2026-11-25T12:53",
        "--type",
        "withdrawal",
        "--asset",
        "USDT",
        "--amount",
        "1",
        "--network",
        "TRC20",
        "--to-address",
        TRON_TO,
        "--txid",
        TX1,
    )
    assert "!!!" not in clean.output
    assert transactions(session)[1][1].checks is None


def test_the_report_lists_the_file_the_sources_and_the_warnings(
    run: Runner, session: str, files: Files, tmp_path: Path
) -> None:
    from tests.report.conftest import pdftotext, reader

    damaged = ETH_TO[:-1] + "D"
    path = files.csv(
        "Withdraw_History.csv",
        [
            WITHDRAWALS_V2,
            f"2026-11-25 04:52:10,ETH,ETH,1,0,{damaged},{TX2},Completed",
            f"2026-11-25 04:53:10,USDT,TRX,5,1,{TRON_TO},{TX1},Completed",
        ],
    )
    run.ok("evidence", "import", str(path), "--session", session, "--yes")
    out = tmp_path / "r.pdf"
    run.ok("report", "--session", session, "-o", str(out))
    data = out.read_bytes()
    text = " ".join(pdftotext(data).split())
    assert "Check: To address: This address does not check out for Ethereum (ERC20)" in text
    assert "from Withdraw_History.csv, row 2" in text and "row 3" in text
    assert sha(path) in text  # the file's SHA-256 in the list of files
    embedded = {name for page in [reader(data)] for name in page.attachments}
    assert "Withdraw_History.csv" in embedded  # the export itself travels inside the PDF
    md = tmp_path / "r.md"
    run.ok("export", "--session", session, "--format", "markdown", "-o", str(md))
    markdown = md.read_text(encoding="utf-8")
    assert "- E2: Check: To address: This address does not check out" in markdown
    assert "- E3: from Withdraw\\_History.csv, row 3" in markdown
    exported = tmp_path / "r.json"
    run.ok("export", "--session", session, "--format", "json", "-o", str(exported))
    [first, *_] = [
        e for e in json.loads(exported.read_text())["evidence"] if e["kind"] == "transaction"
    ]
    assert first["source"] == {
        "file": "Withdraw_History.csv",
        "sha256": sha(path),
        "row": 2,
        "format": "binance-withdrawals-v2",
        "status": "Completed",
    }
    assert first["checks"] == [
        {"code": "address.checksum", "network": "Ethereum (ERC20)", "shape": "shape.address.evm"}
    ]


def test_the_command_offers_every_format_the_reader_knows() -> None:
    from incident.cli.imports import _format_names
    from incident.importers.reader import FORMAT_NAMES

    assert _format_names() == list(FORMAT_NAMES)


def test_a_v1_file_whose_name_says_nothing_needs_its_format_named(
    run: Runner, session: str, files: Files
) -> None:
    path = files.csv(
        "export.csv", [V1, f"2024-01-15 10:20:30,USDT,TRX,1520.5,1,{TRON_TO},{TX1},,,Completed"]
    )
    refused = run("evidence", "import", str(path), "--session", session, "--yes")
    assert refused.exit_code != 0
    assert "binance-withdrawals-v1 or binance-deposits-v1" in refused.output
    assert entries(session) == 1
    run.ok(
        "evidence",
        "import",
        str(path),
        "--session",
        session,
        "--format",
        "binance-deposits-v1",
        "--type",
        "deposit",
        "--yes",
    )
    [(_, tx)] = transactions(session)
    assert (tx.tx_type, tx.source.format if tx.source else None) == (
        "deposit",
        "binance-deposits-v1",
    )


def test_local_times_read_in_the_zone_given(run: Runner, session: str, files: Files) -> None:
    path = files.csv("bills.csv", [BILLS, "1,2026-11-30 22:05:31,Withdrawal,-3,3,0,0,ETH"])
    out = run.ok(
        "evidence", "import", str(path), "--session", session, "--tz", "Asia/Shanghai", "--yes"
    )
    assert "Times read as Asia/Shanghai, the zone you gave" in out.output
    [(_, tx)] = transactions(session)
    assert tx.time == utc(2026, 11, 30, 14, 5, 31)


def test_chinese_session_speaks_chinese(run: Runner, files: Files) -> None:
    started = run.ok(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "Binance",
        "--account",
        "lin@example.com",
        "--tz",
        "Asia/Shanghai",
        "--lang",
        "zh",
        "--no-run",
        "--json",
    )
    sid = json.loads(started.stdout)["session_id"]
    path = files.csv("bills.csv", [BILLS, "1,2026-11-30 14:05:31,Withdrawal,-3,3,0,0,ETH"])
    out = run.ok("evidence", "import", str(path), "--session", sid, "--yes")
    assert "已从 bills.csv 记录 1 笔交易：E2 至 E2" in out.output
    assert "缺少 TxID（1 笔）：E2 (第 2 行)" in out.output


def test_on_a_terminal_a_flagged_entry_is_asked_about(session: str, tmp_path: Path) -> None:
    import os
    import sys

    import pexpect

    damaged = TRON_TO[:-1] + ("u" if TRON_TO[-1] != "u" else "v")
    args = [
        "-m", "incident", "evidence", "tx", "--session", session, "--time", "2026-11-25T12:52",
        "--type", "withdrawal", "--asset", "USDT", "--amount", "9800", "--network", "TRC20",
        "--to-address", damaged,
    ]  # fmt: skip
    env = {**os.environ, "NO_COLOR": "1"}
    child = pexpect.spawn(sys.executable, args, env=env, encoding="utf-8", timeout=20)
    child.expect_exact("This address does not check out for TRON (TRC20)")
    child.expect_exact("Record it anyway? [Y/n]")
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus != 0 and "nothing was stored" in str(child.before)
    assert transactions(session) == []
    child = pexpect.spawn(sys.executable, args, env=env, encoding="utf-8", timeout=20)
    child.expect_exact("Record it anyway? [Y/n]")
    child.sendline("")  # Enter: record it, with the warning kept
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [(_, tx)] = transactions(session)
    assert [c.code for c in tx.checks or ()] == ["address.checksum"]


def test_json_needs_yes_or_dry_run(run: Runner, session: str, files: Files) -> None:
    path = files.csv(
        "Withdraw_History.csv",
        [WITHDRAWALS_V2, f"2026-11-25 04:52:10,USDT,TRX,1,1,{TRON_TO},{TX1},Completed"],
    )
    refused = run("evidence", "import", str(path), "--session", session, "--json")
    assert refused.exit_code == 2 and "add --yes or --dry-run" in refused.output
    dry = json.loads(
        run.ok("evidence", "import", str(path), "--session", session, "--json", "--dry-run").stdout
    )
    assert (dry["recorded"], dry["file_entry"], dry["rows"], dry["chosen"]) == (False, None, 1, 1)
    assert dry["transactions"] == [{"number": 2, "row": 2, "checks": []}]
    assert entries(session) == 1

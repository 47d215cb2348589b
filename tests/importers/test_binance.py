"""Binance deposit/withdrawal history (v1, v2) and the transaction statement, every field."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from incident.importers.base import ImportedRow, ImportFileError
from incident.importers.binance import statement_type
from incident.importers.reader import read_export
from tests.importers.export_files import Files

TRON_TO = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
TX1 = "9521e668a1f2c07bc7e30fc95c5318cce8f20346bd9a06acb80e1f3d877c38a7"
TX2 = "0x4f9ac1f4b4b1bd1e1a7e0f0e1c9e6ab0e7a6f1f3c2d1e0f9a8b7c6d5e4f3a2b1"
ETH_TO = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"

WITHDRAWALS_V2 = "Date(UTC+0),Coin,Network,Amount,Fee,Address,TXID,Status"
DEPOSITS_V2 = "Date(UTC+0),Coin,Network,Amount,Address,TXID,Status"
V1 = "Date(UTC),Coin,Network,Amount,TransactionFee,Address,TXID,SourceAddress,PaymentID,Status"
STATEMENT = "User_ID,UTC_Time,Account,Operation,Coin,Change,Remark"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_withdrawals_v2_every_field(files: Files) -> None:
    path = files.csv(
        "Withdrawal History.csv",
        [
            WITHDRAWALS_V2,
            f"2026-11-30 14:05:31,USDT,TRX,1200.5,1,{TRON_TO},{TX1},Completed",
            f"2026-11-30 14:07:02,ETH,ETH,0.25000000,0.0008,{ETH_TO},{TX2},Completed",
            "2026-11-30 14:09:59,BTC,BTC,0.1,0.0000052,bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq,,Cancelled",
        ],
        bom=True,
        crlf=True,
    )
    result = read_export(path)
    assert result.format == "binance-withdrawals-v2"
    assert result.header_row == 1
    assert (result.zone, result.zone_source) == ("UTC", "header")
    assert result.rows == (
        ImportedRow(
            time=utc(2026, 11, 30, 14, 5, 31),
            tx_type="withdrawal",
            asset="USDT",
            amount=Decimal("1200.5"),
            network="TRX",
            to_address=TRON_TO,
            txid=TX1,
            status="Completed",
            row=2,
            format="binance-withdrawals-v2",
            kind="Withdraw",
        ),
        ImportedRow(
            time=utc(2026, 11, 30, 14, 7, 2),
            tx_type="withdrawal",
            asset="ETH",
            amount=Decimal("0.25000000"),
            network="ETH",
            to_address=ETH_TO,
            txid=TX2,
            status="Completed",
            row=3,
            format="binance-withdrawals-v2",
            kind="Withdraw",
        ),
        ImportedRow(
            time=utc(2026, 11, 30, 14, 9, 59),
            tx_type="withdrawal",
            asset="BTC",
            amount=Decimal("0.1"),
            network="BTC",
            to_address="bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
            txid=None,
            status="Cancelled",  # shown as the file says, never dropped
            row=4,
            format="binance-withdrawals-v2",
            kind="Withdraw",
        ),
    )
    assert all(isinstance(r.amount, Decimal) for r in result.rows)
    assert str(result.rows[1].amount) == "0.25000000"


def test_deposits_v2_two_digit_years_and_extra_column(files: Files) -> None:
    path = files.csv(
        "deposits.csv",
        [
            "Date(UTC+0),Coin,Network,Amount,Address,TXID,Status,Label",
            f"26-11-29 08:00:00,USDT,TRX,500,{TRON_TO},{TX1},Completed,x",
        ],
    )
    [row] = read_export(path).rows
    assert row.time == utc(2026, 11, 29, 8, 0, 0)
    assert (row.tx_type, row.asset, row.amount, row.kind) == (
        "deposit",
        "USDT",
        Decimal(500),
        "Deposit",
    )
    assert (row.network, row.to_address, row.txid, row.status) == ("TRX", TRON_TO, TX1, "Completed")
    assert row.format == "binance-deposits-v2"


def test_columns_in_another_order(files: Files) -> None:
    path = files.csv(
        "w.csv",
        [
            "Status,TXID,Address,Fee,Amount,Network,Coin,Date(UTC+0)",
            f"Completed,{TX1},{TRON_TO},1,10,TRX,usdt,2026-11-30 14:05:31",
        ],
    )
    [row] = read_export(path).rows
    assert (row.asset, row.amount, row.txid, row.time) == (
        "USDT",
        Decimal(10),
        TX1,
        utc(2026, 11, 30, 14, 5, 31),
    )


def test_header_with_an_offset(files: Files) -> None:
    path = files.csv(
        "w.csv",
        [
            "Date(UTC+8),Coin,Network,Amount,Fee,Address,TXID,Status",
            f"2026-11-30 22:05:31,USDT,TRX,10,1,{TRON_TO},{TX1},Completed",
        ],
    )
    result = read_export(path)
    assert result.rows[0].time == utc(2026, 11, 30, 14, 5, 31)
    assert (result.zone, result.zone_source) == ("UTC+08:00", "header")
    assert result.zone_note() == "Times read as UTC+08:00, as the file's header says."


def test_zone_given_by_the_user_overrides_the_header(files: Files) -> None:
    # rotki issue 12143: a file downloaded in another locale holds local times under "UTC".
    path = files.csv(
        "w.csv",
        [WITHDRAWALS_V2, f"2026-11-30 22:05:31,USDT,TRX,10,1,{TRON_TO},{TX1},Completed"],
    )
    result = read_export(path, tz="Asia/Shanghai")
    assert result.rows[0].time == utc(2026, 11, 30, 14, 5, 31)
    assert (result.zone, result.zone_source) == ("Asia/Shanghai", "given")
    assert "Asia/Shanghai" in result.zone_note("zh")


@pytest.mark.parametrize(
    ("name", "fmt", "tx_type"),
    [
        ("Binance-Withdraw-History.csv", "binance-withdrawals-v1", "withdrawal"),
        ("binance_deposit_history.csv", "binance-deposits-v1", "deposit"),
    ],
)
def test_v1_told_apart_by_file_name(name: str, fmt: str, tx_type: str, files: Files) -> None:
    path = files.csv(
        name,
        [V1, f"2021-03-01 10:00:00,USDT,TRX,100,1,{TRON_TO},{TX1},,,Completed"],
    )
    result = read_export(path)
    assert result.format == fmt
    [row] = result.rows
    assert (row.tx_type, row.network, row.to_address, row.txid, row.status) == (
        tx_type,
        "TRX",
        TRON_TO,
        TX1,
        "Completed",
    )
    assert row.time == utc(2021, 3, 1, 10)


def test_v1_whose_name_says_nothing_needs_the_format(files: Files) -> None:
    path = files.csv("export.csv", [V1, f"2021-03-01 10:00:00,USDT,TRX,100,1,{TRON_TO},{TX1},,,"])
    with pytest.raises(ImportFileError) as caught:
        read_export(path)
    assert "binance-withdrawals-v1 or binance-deposits-v1" in str(caught.value)
    forced = read_export(path, force_format="binance-withdrawals-v1")
    assert forced.rows[0].tx_type == "withdrawal" and forced.rows[0].status is None


def test_v1_without_network_and_with_a_plain_date(files: Files) -> None:
    path = files.csv(
        "withdraw.csv",
        [
            "Date,Coin,Amount,TransactionFee,Address,TXID,SourceAddress,PaymentID,Status",
            f"2020-01-02 03:04:05,BTC,0.5,0.0005,1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa,{TX1},,,Completed",
        ],
    )
    result = read_export(path)
    [row] = result.rows
    assert row.network is None and row.asset == "BTC" and row.amount == Decimal("0.5")
    assert (result.zone, result.zone_source) == ("UTC", "assumed")
    assert row.time == utc(2020, 1, 2, 3, 4, 5)


def test_statement(files: Files) -> None:
    path = files.csv(
        "statement.csv",
        [
            STATEMENT,
            "38800123,2026-11-30 14:00:00,Spot,Transaction Buy,BTC,0.01000000,",
            "38800123,2026-11-30 14:00:00,Spot,Transaction Spend,USDT,-950.5,",
            "38800123,2026-11-30 14:05:31,Spot,Withdraw,USDT,-1200.5,Withdraw fee is included",
            "38800123,2026-11-30 14:06:00,Spot,Transfer Between Main and Funding Wallet,USDT,-5,",
            "38800123,2026-11-30 14:07:00,Spot,Deposit,USDT,10,",
            "38800123,2026-11-30 14:08:00,Earn,Simple Earn Flexible Interest,USDT,0.01,",
        ],
        bom=True,
    )
    result = read_export(path)
    assert result.format == "binance-statement"
    assert (result.zone, result.zone_source) == ("UTC", "header")
    assert [(r.tx_type, r.kind, r.asset, r.amount) for r in result.rows] == [
        ("trade", "Transaction Buy", "BTC", Decimal("0.01000000")),
        ("trade", "Transaction Spend", "USDT", Decimal("950.5")),
        ("withdrawal", "Withdraw", "USDT", Decimal("1200.5")),
        ("transfer", "Transfer Between Main and Funding Wallet", "USDT", Decimal(5)),
        ("deposit", "Deposit", "USDT", Decimal(10)),
        ("other", "Simple Earn Flexible Interest", "USDT", Decimal("0.01")),
    ]
    withdrawal = result.rows[2]
    assert (withdrawal.network, withdrawal.to_address, withdrawal.txid, withdrawal.status) == (
        None,
        None,
        None,
        None,
    )
    assert withdrawal.time == utc(2026, 11, 30, 14, 5, 31) and withdrawal.row == 4


def test_statement_without_user_id(files: Files) -> None:
    path = files.csv(
        "s.csv",
        ["UTC_Time,Account,Operation,Coin,Change,Remark", "2026-11-30 14:05:31,Spot,Send,BNB,-1,"],
    )
    [row] = read_export(path).rows
    assert (row.tx_type, row.asset, row.amount) == ("withdrawal", "BNB", Decimal(1))


@pytest.mark.parametrize(
    ("operation", "tx_type"),
    [
        ("Withdraw", "withdrawal"),
        ("Fiat Withdraw", "withdrawal"),
        ("Deposit", "deposit"),
        ("Fiat Deposit", "deposit"),
        ("Buy Crypto", "trade"),
        ("Binance Convert", "trade"),
        ("Transaction Revenue", "trade"),
        ("transfer_out", "transfer"),
        ("Launchpool Earnings Withdrawal", "other"),
        ("Airdrop Assets", "other"),
    ],
)
def test_statement_operations(operation: str, tx_type: str) -> None:
    assert statement_type(operation) == tx_type


def test_xlsx_withdrawals(files: Files) -> None:
    header = WITHDRAWALS_V2.split(",")
    path = files.xlsx(
        "Withdrawal History.xlsx",
        [
            header,
            [
                datetime(2026, 11, 30, 14, 5, 31),
                "USDT",
                "TRX",
                1200.5,
                1,
                TRON_TO,
                TX1,
                "Completed",
            ],
            ["2026-11-30 14:07:02", "ETH", "ETH", "0.25000000", "0.0008", ETH_TO, TX2, "Completed"],
            [
                datetime(2026, 11, 30, 14, 9),
                "BTC",
                "BTC",
                0.00001,
                0,
                "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
                None,
                "Processing",
            ],
        ],
    )
    result = read_export(path)
    assert result.format == "binance-withdrawals-v2"
    first, second, third = result.rows
    assert (first.time, first.amount, first.txid, first.row) == (
        utc(2026, 11, 30, 14, 5, 31),
        Decimal("1200.5"),
        TX1,
        2,
    )
    assert (second.amount, second.to_address, second.time) == (
        Decimal("0.25000000"),
        ETH_TO,
        utc(2026, 11, 30, 14, 7, 2),
    )
    # A number cell holding 1e-05 is read as the decimal the sheet shows, not as a float.
    assert str(third.amount) == "0.00001" and third.txid is None
    assert third.status == "Processing"


def test_xlsx_preamble_and_second_sheet(files: Files) -> None:
    from openpyxl import Workbook

    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "About"
    notes.append(["Exported by Binance"])
    data = book.create_sheet("Withdrawals")
    data.append(["Withdrawal history"])
    data.append([])
    data.append(WITHDRAWALS_V2.split(","))
    data.append(["2026-11-30 14:05:31", "USDT", "TRX", "10", "1", TRON_TO, TX1, "Completed"])
    path = files.folder / "history.xlsx"
    book.save(path)
    result = read_export(path)
    assert result.header_row == 3 and result.rows[0].row == 4
    assert result.source == "history.xlsx [Withdrawals]"


def test_semicolons_and_currency_symbols(files: Files) -> None:
    path = files.csv(
        "w.csv",
        [
            "Date(UTC+0);Coin;Network;Amount;Fee;Address;TXID;Status",
            f'2026-11-30 14:05:31;USDT;TRX;"1,200.50 USDT";1;{TRON_TO};{TX1};Completed',
        ],
    )
    [row] = read_export(path).rows
    assert row.amount == Decimal("1200.50")

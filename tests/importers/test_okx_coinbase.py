"""OKX funding bills and Coinbase transaction history (current and older headers)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from incident.importers.base import ImportedRow
from incident.importers.coinbase import address_in_notes, transaction_type
from incident.importers.okx import bill_type
from incident.importers.reader import read_export
from tests.importers.export_files import Files

BILLS = "id,Time,Type,Amount,Before Balance,After Balance,Fee,Symbol"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_okx_bills_every_field(files: Files) -> None:
    path = files.csv(
        "bills.csv",
        [
            BILLS,
            "900001,2026-11-30 14:05:31,Withdrawal,-1200.5,1300.5,100,-1,USDT",
            "900002,2026-11-30 14:06:00,Deposit,50,100,150,0,USDT",
            "900003,2026-11-30 14:07:00,Staking Yield,0.001,1,1.001,0,ETH",
        ],
        bom=True,  # the byte-order mark sits before "id"
        crlf=True,
    )
    result = read_export(path)
    assert result.format == "okx-bills"
    assert (result.zone, result.zone_source) == ("UTC", "assumed")
    assert "does not say which time zone" in result.zone_note()
    assert result.rows[0] == ImportedRow(
        time=utc(2026, 11, 30, 14, 5, 31),
        tx_type="withdrawal",
        asset="USDT",
        amount=Decimal("1200.5"),
        network=None,  # bills have no network, address or TxID columns
        to_address=None,
        txid=None,
        status=None,
        row=2,
        format="okx-bills",
        kind="Withdrawal",
    )
    assert [(r.tx_type, r.kind, r.asset, r.amount) for r in result.rows[1:]] == [
        ("deposit", "Deposit", "USDT", Decimal(50)),
        ("other", "Staking Yield", "ETH", Decimal("0.001")),
    ]


def test_okx_bills_with_an_empty_second_column(files: Files) -> None:
    path = files.csv(
        "bills.csv",
        [
            "id,,Time,Type,Amount,Before Balance,After Balance,Fee,Symbol",
            "900001,,2026-11-30 14:05:31,Withdrawal,-3,3,0,0,ETH",
        ],
    )
    [row] = read_export(path).rows
    assert (row.time, row.asset, row.amount) == (utc(2026, 11, 30, 14, 5, 31), "ETH", Decimal(3))


def test_okx_local_times_with_a_zone(files: Files) -> None:
    path = files.csv("bills.csv", [BILLS, "1,2026-11-30 22:05:31,Withdrawal,-3,3,0,0,ETH"])
    result = read_export(path, tz="Asia/Shanghai")
    assert result.rows[0].time == utc(2026, 11, 30, 14, 5, 31)
    assert result.zone_source == "given"


@pytest.mark.parametrize(
    ("kind", "tx_type"),
    [
        ("Withdrawal", "withdrawal"),
        ("Deposit", "deposit"),
        ("Transfer in", "transfer"),
        ("To unified trading account", "transfer"),
        ("Buy", "trade"),
        ("Fee rebate", "other"),
        ("Stake", "other"),
    ],
)
def test_okx_types(kind: str, tx_type: str) -> None:
    assert bill_type(kind) == tx_type


CURRENT = (
    "ID,Timestamp,Transaction Type,Asset,Quantity Transacted,Price Currency,Price at Transaction,"
    "Subtotal,Total (inclusive of fees and/or spread),Fees and/or Spread,Notes"
)
PREAMBLE = [
    "",
    "Transactions",
    "User,Jane Doe,5f0c2e1a-1111-2222-3333-444455556666",
    "You can use this transaction report to inform your likely tax obligations.",
]


def test_coinbase_current_with_preamble_and_symbols(files: Files) -> None:
    path = files.csv(
        "coinbase.csv",
        [
            *PREAMBLE,
            CURRENT,
            "65a1b2c3d4,2026-11-30 14:05:31 UTC,Send,BTC,-0.006132,USD,$29244.04,-$179.32,"
            "-$179.32,$0.00,Sent 0.006132 BTC to 1Kp7PRFHJRAVwYA4c9Py8H1i66AYqPLMuz",
            "65a1b2c3d5,2026-11-29 09:00:00 UTC,Buy,ETH,0.5,USD,$3000.00,$1500.00,$1510.00,"
            '$10.00,"Bought 0.5 ETH for 1,510.00 USD"',
            "65a1b2c3d6,2026-11-29 09:30:00 UTC,Send,USDC,-100,USD,$1.00,-$100.00,-$100.00,"
            "$0.00,Sent 100 USDC to jane@example.com",
            "65a1b2c3d7,2026-11-28 09:30:00 UTC,Receive,BTC,0.01,USD,$30000,$300,$300,$0,"
            "Received 0.01 BTC from an external account",
        ],
        bom=True,
        crlf=True,
    )
    result = read_export(path)
    assert result.format == "coinbase" and result.header_row == 5
    assert (result.zone, result.zone_source) == ("UTC", "cells")
    assert result.rows[0] == ImportedRow(
        time=utc(2026, 11, 30, 14, 5, 31),
        tx_type="withdrawal",
        asset="BTC",
        amount=Decimal("0.006132"),
        network=None,
        to_address="1Kp7PRFHJRAVwYA4c9Py8H1i66AYqPLMuz",
        txid=None,
        status=None,
        row=6,
        format="coinbase",
        kind="Send",
    )
    buy, send_email, receive = result.rows[1:]
    assert (buy.tx_type, buy.amount, buy.to_address) == ("trade", Decimal("0.5"), None)
    assert (send_email.tx_type, send_email.to_address) == ("withdrawal", None)
    assert (receive.tx_type, receive.to_address, receive.row) == ("deposit", None, 9)


def test_coinbase_older_header_with_z_times(files: Files) -> None:
    path = files.csv(
        "coinbase-2021.csv",
        [
            "Timestamp,Transaction Type,Asset,Quantity Transacted,Spot Price Currency,"
            "Spot Price at Transaction,Subtotal,Total (inclusive of fees),Fees,Notes",
            '2020-08-28T21:34:07Z,Send,BTC,0.00858795,CZK,"Kč216,233.43638",,,,'
            "Sent 0.00858795 BTC to 1Kp7PRFHJRAVwYA4c9Py8H1i66AYqPLMuz",
        ],
    )
    [row] = read_export(path).rows
    assert (row.time, row.amount, row.to_address) == (
        utc(2020, 8, 28, 21, 34, 7),
        Decimal("0.00858795"),
        "1Kp7PRFHJRAVwYA4c9Py8H1i66AYqPLMuz",
    )


def test_coinbase_oldest_header(files: Files) -> None:
    path = files.csv(
        "coinbase-2019.csv",
        [
            "Timestamp,Transaction Type,Asset,Quantity Transacted,USD Spot Price at Transaction,"
            "USD Subtotal,USD Total (inclusive of fees),USD Fees,Notes",
            "2019-05-01T10:00:00Z,Send,ETH,1.5,160.00,,,,"
            "Sent 1.5 ETH to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        ],
    )
    [row] = read_export(path).rows
    assert row.to_address == "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
    assert row.time == utc(2019, 5, 1, 10)


def test_coinbase_recipient_address_column(files: Files) -> None:
    path = files.csv(
        "coinbase.csv",
        [
            CURRENT + ",Sender Address,Recipient Address",
            "x1,2026-11-30 14:05:31 UTC,Send,SOL,-2,USD,$150,-$300,-$300,$0,Sent SOL,,"
            "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV",
        ],
    )
    [row] = read_export(path).rows
    assert row.to_address == "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV"


@pytest.mark.parametrize(
    ("notes", "address"),
    [
        (
            "Sent 0.01 BTC to 1Kp7PRFHJRAVwYA4c9Py8H1i66AYqPLMuz",
            "1Kp7PRFHJRAVwYA4c9Py8H1i66AYqPLMuz",
        ),
        (
            "Sent 1 ETH to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed.",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        ),
        ("Sent BTC", None),
        ("To ledger", None),
        ("Sent 100 USDC to jane@example.com", None),
        ("", None),
        (None, None),
    ],
)
def test_address_in_notes(notes: str | None, address: str | None) -> None:
    assert address_in_notes(notes) == address


@pytest.mark.parametrize(
    ("kind", "tx_type"),
    [
        ("Send", "withdrawal"),
        ("Withdrawal", "withdrawal"),
        ("Receive", "deposit"),
        ("Advanced Trade Sell", "trade"),
        ("Convert", "trade"),
        ("Pro Withdrawal", "transfer"),
        ("Rewards Income", "other"),
    ],
)
def test_coinbase_types(kind: str, tx_type: str) -> None:
    assert transaction_type(kind) == tx_type

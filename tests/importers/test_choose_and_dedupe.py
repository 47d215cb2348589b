"""Choosing rows to record, and leaving out those already recorded."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from incident.errors import UsageError
from incident.importers.base import ImportedRow, TxType
from incident.importers.duplicates import drop_duplicates, txid_key
from incident.importers.selection import choose

T0 = datetime(2026, 11, 30, 14, 5, 31, tzinfo=UTC)
HEX = "9521e668a1f2c07bc7e30fc95c5318cce8f20346bd9a06acb80e1f3d877c38a7"


def row(
    n: int,
    tx_type: TxType = "withdrawal",
    asset: str = "USDT",
    amount: str = "10",
    txid: str | None = None,
    minutes: int = 0,
) -> ImportedRow:
    return ImportedRow(
        time=T0 + timedelta(minutes=minutes),
        tx_type=tx_type,
        asset=asset,
        amount=Decimal(amount),
        network="TRX",
        to_address=None,
        txid=txid,
        status="Completed",
        row=n,
        format="binance-withdrawals-v2",
        kind="Withdraw",
    )


ROWS = [
    row(2, "withdrawal", "USDT", minutes=0),
    row(3, "deposit", "USDT", minutes=1),
    row(4, "trade", "BTC", minutes=2),
    row(5, "withdrawal", "BTC", minutes=3),
    row(6, "transfer", "ETH", minutes=4),
    row(7, "other", "ETH", minutes=5),
]


def rows_of(chosen: list[ImportedRow]) -> list[int]:
    return [r.row for r in chosen]


def test_default_is_withdrawals_only() -> None:
    assert rows_of(choose(ROWS)) == [2, 5]


def test_types_assets_and_times() -> None:
    assert rows_of(choose(ROWS, types=["deposit", "Trade"])) == [3, 4]
    assert rows_of(choose(ROWS, types=["all"])) == [2, 3, 4, 5, 6, 7]
    assert rows_of(choose(ROWS, types=["all"], assets=["btc"])) == [4, 5]
    since, until = T0 + timedelta(minutes=1), T0 + timedelta(minutes=4)
    assert rows_of(choose(ROWS, types=["all"], since=since, until=until)) == [3, 4, 5, 6]
    assert rows_of(choose(ROWS, since=since)) == [5]
    assert choose(ROWS, assets=["DOGE"]) == []


def test_bad_choices_are_refused() -> None:
    with pytest.raises(UsageError, match="unknown transaction type 'send'"):
        choose(ROWS, types=["send"])
    with pytest.raises(UsageError, match="needs a time zone"):
        choose(ROWS, since=datetime(2026, 11, 30))
    with pytest.raises(UsageError, match="since is after until"):
        choose(ROWS, since=T0, until=T0 - timedelta(seconds=1))


@dataclass(frozen=True)
class Recorded:
    time: datetime
    asset: str
    amount: Decimal
    txid: str | None


def test_same_txid_is_skipped_whatever_its_case_or_prefix() -> None:
    recorded = [Recorded(T0 - timedelta(days=3), "USDT", Decimal(999), "0x" + HEX.upper())]
    result = drop_duplicates([row(2, txid=HEX), row(3, txid=HEX[::-1])], recorded)
    assert rows_of(result.kept) == [3]
    [skip] = result.skipped
    assert (skip.row.row, skip.reason, skip.match) == (2, "same-txid", recorded[0])
    assert result.counts() == {"same-txid": 1}


def test_same_time_asset_amount_without_txid() -> None:
    typed = Recorded(T0.replace(second=0), "usdt", Decimal("10.00"), None)  # typed to the minute
    other_second = Recorded(T0 + timedelta(seconds=1), "USDT", Decimal(10), None)
    result = drop_duplicates(
        [row(2), row(3, amount="10.5"), row(4, asset="BTC"), row(5, minutes=1)], [typed]
    )
    assert rows_of(result.kept) == [3, 4, 5]
    assert [(s.row.row, s.reason) for s in result.skipped] == [(2, "same-time-asset-amount")]
    # Both to the second and a second apart: two transactions.
    assert rows_of(drop_duplicates([row(2)], [other_second]).kept) == [2]


def test_txid_on_one_side_only_compares_time_asset_amount() -> None:
    recorded = [Recorded(T0, "USDT", Decimal(10), None)]
    result = drop_duplicates([row(2, txid=HEX)], recorded)
    assert result.kept == [] and result.skipped[0].reason == "same-time-asset-amount"
    # Both with TxIDs that differ: never the same, however alike.
    assert rows_of(drop_duplicates([row(2, txid=HEX)], [replace_txid(recorded[0], "ab")]).kept) == [
        2
    ]


def replace_txid(recorded: Recorded, txid: str) -> Recorded:
    return Recorded(recorded.time, recorded.asset, recorded.amount, txid)


def test_reimporting_the_same_rows_records_nothing_twice() -> None:
    first = [row(n, txid=f"{n:064x}", minutes=n) for n in range(2, 50)] + [
        row(50),
        row(51, amount="3"),
    ]
    kept = drop_duplicates(first, []).kept
    assert kept == first
    recorded = [Recorded(r.time, r.asset, r.amount, r.txid) for r in kept]
    again = drop_duplicates(first, recorded)
    assert again.kept == [] and len(again.skipped) == len(first)
    overlapping = [*first[25:], row(60, txid="f" * 64, minutes=99)]
    assert rows_of(drop_duplicates(overlapping, recorded).kept) == [60]


def test_rows_repeated_in_one_file() -> None:
    a = row(2, txid=HEX)
    result = drop_duplicates([a, replace(a, row=9), row(3), row(4)], [])
    assert rows_of(result.kept) == [2, 3, 4]  # rows without TxID are the exchange's own entries
    assert [(s.row.row, s.reason, s.match) for s in result.skipped] == [(9, "repeated-in-file", a)]


@pytest.mark.parametrize(
    ("txid", "key"),
    [
        ("0xABCDEF", "abcdef"),
        (" abcdef ", "abcdef"),
        (
            "5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW",
            "5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW",
        ),
        ("", None),
        (None, None),
    ],
)
def test_txid_key(txid: str | None, key: str | None) -> None:
    assert txid_key(txid) == key


def test_recorded_evidence_transactions_can_be_compared() -> None:
    from incident.core.kinds.transaction import Transaction

    recorded = Transaction(
        time=T0, tx_type="withdrawal", asset="USDT", amount=Decimal(10), txid=HEX.upper()
    )
    assert drop_duplicates([row(2, txid=HEX)], [recorded]).skipped[0].match is recorded

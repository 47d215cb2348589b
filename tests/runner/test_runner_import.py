"""The runner's evidence menu imports an exchange export, in a real pseudo-terminal."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

from incident.core.store import Store
from tests.conftest import Runner
from tests.runner.test_runner_pty import Tty

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

TRON_TO = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
HEADER = "Date(UTC+0),Coin,Network,Amount,Fee,Address,TXID,Status"


def test_the_evidence_menu_imports_a_file(session: str, run: Runner, tmp_path: Path) -> None:
    export = tmp_path / "Withdraw_History.csv"
    damaged = TRON_TO[:-1] + ("u" if TRON_TO[-1] != "u" else "v")
    export.write_text(
        "\n".join(
            [
                HEADER,
                f"2026-11-25 04:52:10,USDT,TRX,9800,1,{TRON_TO},{'ab' * 32},Completed",
                f"2026-11-25 05:00:00,USDT,TRX,200.5,1,{damaged},{'cd' * 32},Completed",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    tty = Tty("run", "--session", session, cwd=tmp_path)
    tty.screen("[q] quit")
    tty.child.send("e")
    menu = tty.screen("[i] Import a file (exchange history)")
    assert "[t] Transaction" in menu  # beside the single transaction form
    tty.child.send("i")
    tty.prompt("Exported history file (CSV or XLSX)", str(export))
    tty.child.expect_exact("2 new transaction(s) to record, 0 already recorded")
    tty.child.expect_exact("This address does not check out for TRON (TRC20)")
    tty.prompt("Record these 2 transaction(s)? [y/N]", "y")
    tty.screen("Recorded 2 transaction(s) from the file (E2 to E3)")
    # Importing the same file again records nothing.
    tty.child.send("e")
    tty.screen("[i] Import a file")
    tty.child.send("i")
    tty.prompt("Exported history file (CSV or XLSX)", str(export))
    tty.child.expect_exact("0 new transaction(s) to record, 2 already recorded")
    tty.screen("Nothing new to record")
    tty.child.send("q")
    assert tty.finish() == 0

    view = Store().open(session, decode_all=True)
    txs = view.state.transactions()
    assert [(tx.amount, tx.source.row if tx.source else None) for _, tx in txs] == [
        (Decimal("9800"), 2),
        (Decimal("200.5"), 3),
    ]
    assert txs[0][1].checks is None and txs[1][1].checks is not None
    assert view.state.evidence[0].attachments[0].name == "Withdraw_History.csv"


def test_a_broken_file_in_the_runner_records_nothing(
    session: str, run: Runner, tmp_path: Path
) -> None:
    export = tmp_path / "Withdraw_History.csv"
    export.write_text(f"{HEADER}\n2026-11-25 04:52:10,USDT,TRX,lots,1,{TRON_TO},,Completed\n")
    tty = Tty("run", "--session", session, cwd=tmp_path)
    tty.screen("[q] quit")
    tty.child.send("e")
    tty.screen("[i] Import a file")
    tty.child.send("i")
    tty.prompt("Exported history file (CSV or XLSX)", str(export))
    shown = tty.screen("Nothing was stored")
    assert "row 2, column 'Amount': cannot read the amount 'lots'" in " ".join(shown.split())
    tty.child.send("q")
    assert tty.finish() == 0
    assert Store().open(session).state.evidence == []


def test_a_typed_transaction_with_a_mistyped_address_is_asked_about(
    session: str, run: Runner, tmp_path: Path
) -> None:
    damaged = TRON_TO[:-1] + ("u" if TRON_TO[-1] != "u" else "v")

    def fill(tty: Tty) -> None:
        tty.child.send("e")
        tty.screen("[t] Transaction")
        tty.child.send("t")
        tty.prompt("When (e.g.", "2026-11-25 14:05")
        tty.prompt("Type [1]", "1")
        tty.prompt("Asset", "usdt")
        tty.prompt("Amount", "9800")
        tty.prompt("To address", damaged)
        tty.prompt("TxID", "")
        tty.prompt("Network", "TRC20")
        tty.prompt("Note (optional)", "")
        tty.prompt("Screenshot file", "")
        tty.child.expect_exact("This address does not check out for TRON (TRC20)")

    tty = Tty("run", "--session", session, cwd=tmp_path)
    tty.screen("[q] quit")
    fill(tty)
    tty.prompt("Record it anyway? [Y/n]", "n")
    tty.screen("Nothing was stored")
    assert Store().open(session).state.evidence == []
    fill(tty)
    tty.prompt("Record it anyway? [Y/n]", "")
    tty.screen("Recorded E1")
    tty.child.send("q")
    assert tty.finish() == 0
    [(_, tx)] = Store().open(session, decode_all=True).state.transactions()
    assert [c.code for c in tx.checks or ()] == ["address.checksum"]

"""A 10,000-row Binance withdrawal history is read in one quick pass; openpyxl only for XLSX."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from incident.importers.reader import read_export
from tests.importers.export_files import Files

HEADER = "Date(UTC+0),Coin,Network,Amount,Fee,Address,TXID,Status"
TO = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"


def big_file(files: Files, n: int = 10_000) -> Path:
    lines = [HEADER]
    for i in range(n):
        lines.append(
            f"2026-11-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}:{i * 7 % 60:02d},USDT,TRX,"
            f"{i}.{i % 1000:03d},1,{TO},{i:064x},Completed"
        )
    return files.csv("Withdrawal History.csv", lines, bom=True, crlf=True)


def test_ten_thousand_rows(files: Files) -> None:
    path = big_file(files)
    result = read_export(path)
    assert len(result.rows) == 10_000
    last = result.rows[-1]
    assert (last.row, last.amount, last.txid) == (10_001, Decimal("9999.999"), f"{9999:064x}")
    # Its speed is measured in bench/run.py (import against verify), not asserted here.


PROBE = """
import sys
from incident.importers.reader import read_export
before = sorted(m for m in ("openpyxl", "base58", "Crypto") if m in sys.modules)
read_export(sys.argv[1])
after = sorted(m for m in ("openpyxl", "base58", "Crypto") if m in sys.modules)
print(before, after)
"""


def probe(path: Path) -> str:
    return subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_openpyxl_is_imported_only_for_xlsx(files: Files) -> None:
    csv_path = files.csv("w.csv", [HEADER, f"2026-11-30 14:05:31,USDT,TRX,1,1,{TO},ab,Completed"])
    assert probe(csv_path) == "[] []"
    xlsx_path = files.xlsx(
        "w.xlsx",
        [HEADER.split(","), ["2026-11-30 14:05:31", "USDT", "TRX", "1", "1", TO, "ab", "x"]],
    )
    assert probe(xlsx_path) == "[] ['openpyxl']"

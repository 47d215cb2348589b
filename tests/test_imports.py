"""Heavy libraries are imported only by the commands that use them (`incident --help` stays fast)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

# Run the command as the console script does, then report which top-level packages it loaded.
PROBE = """
import json, sys
sys.argv = ["incident", *json.loads(sys.argv[1])]
from incident.cli import main
try:
    main()
except SystemExit:
    pass
print("MODULES=" + json.dumps(sorted({m.partition(".")[0] for m in sys.modules})))
"""


def loaded(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args))],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )
    marker = [line for line in result.stdout.splitlines() if line.startswith("MODULES=")]
    assert marker, f"no module list printed:\n{result.stdout}\n{result.stderr}"
    return set(json.loads(marker[-1].removeprefix("MODULES=")))


def test_probe_sees_what_a_command_imports(session: str) -> None:
    # The probe itself must be able to fail: verify reads the journal, so it needs cryptography.
    assert "cryptography" in loaded("verify", "--session", session)


@pytest.mark.parametrize("args", [("--help",), ("evidence", "--help"), ("report", "--help")])
def test_help_imports_no_heavy_library(args: tuple[str, ...]) -> None:
    heavy = {"reportlab", "PIL", "pypdf", "cryptography", "pydantic", "yaml", "keyring"}
    assert loaded(*args) & heavy == set()


def test_status_does_not_import_the_report_libraries(session: str) -> None:
    modules = loaded("status", "--session", session)
    assert "incident" in modules and "click" in modules
    assert modules & {"reportlab", "PIL", "pypdf"} == set()


DATE_PARSERS = {"dateparser", "dateutil", "regex", "pytz"}


@pytest.mark.parametrize("args", [("--help",), ("status",), ("evidence", "tx", "--help")])
def test_help_and_status_import_no_date_parser(session: str, args: tuple[str, ...]) -> None:
    assert loaded(*args) & DATE_PARSERS == set()


def test_an_iso_time_needs_no_date_parser_but_a_spoken_one_does(session: str) -> None:
    tx = ("evidence", "tx", "--type", "withdrawal", "--asset", "BTC", "--amount", "1")
    assert loaded(*tx, "--time", "2026-11-25T04:52") & DATE_PARSERS == set()
    assert "dateparser" in loaded(*tx, "--time", "10 minutes ago")

"""Who may import whom: the import-linter contracts in pyproject.toml hold, and would fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}  # the `incident` under ``root`` is analysed
    return subprocess.run(
        [sys.executable, "-c", LINT, "--no-cache", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_import_contracts_are_kept() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 kept, 0 broken" in result.stdout


def test_a_forbidden_import_is_caught_and_named(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "incident", tmp_path / "incident")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    blobs = tmp_path / "incident" / "journal" / "blobs.py"
    blobs.write_text(blobs.read_text(encoding="utf-8") + "\nimport incident.core.state\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "journal keeps bytes: it imports nothing of the domain BROKEN" in result.stdout
    assert "incident.journal.blobs -> incident.core.state" in result.stdout

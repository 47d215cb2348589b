"""Promise 10: `ruff check` and `mypy --strict` (configured in pyproject.toml) stay clean.

They run as the developer runs them. Outside CI a missing tool skips the test; in CI
(CI or INCIDENT_REQUIRE_KEYRING set, as .ci/run does) it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _in_ci() -> bool:
    return bool(os.environ.get("CI")) or os.environ.get("INCIDENT_REQUIRE_KEYRING") == "1"


def _tool(module: str) -> list[str]:
    """`python -m <tool>` from this interpreter, or the tool on PATH."""
    import importlib.util

    if importlib.util.find_spec(module) is not None:
        return [sys.executable, "-m", module]
    found = shutil.which(module)
    if found:
        return [found]
    if _in_ci():
        pytest.fail(f"{module} is not installed (it is in the [test] extra)")
    pytest.skip(f"{module} is not installed")


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)


def test_ruff_check_is_clean() -> None:
    result = _run([*_tool("ruff"), "check", "incident", "tests"])
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean() -> None:
    result = _run([*_tool("mypy"), "incident"])  # strict = true in pyproject.toml
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = _run([*_tool("ruff"), "format", "--check", "incident", "tests", "bench"])
    assert result.returncode == 0, result.stdout + result.stderr

"""The ``files`` fixture: export files written into the test's temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importers.export_files import Files


@pytest.fixture
def files(tmp_path: Path) -> Files:
    return Files(tmp_path)

"""An import is one journal append: one lock and a fixed number of fsyncs whatever its size,
chained like single appends, and a batch a killed command left unacknowledged is adopted."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from incident.core import store as store_module
from incident.core.store import Store
from incident.core.verify import verify_session
from incident.importers.session import Choice, import_file
from tests.factory import NOW, SessionFactory

TRON_TO = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
HEADER = "Date(UTC+0),Coin,Network,Amount,Fee,Address,TXID,Status"


def export(folder: Path, rows: int, start: int = 0) -> Path:
    path = folder / f"Withdraw_History_{start}_{rows}.csv"
    lines = [HEADER] + [
        f"2026-11-25 04:{i // 60 % 60:02d}:{i % 60:02d},USDT,TRX,{i + 1},1,{TRON_TO},"
        f"{i:064x},Completed"
        for i in range(start, start + rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count fsyncs and session locks taken from now on."""
    counts = {"fsync": 0, "lock": 0}
    real_fsync = os.fsync
    real_locked = store_module.locked

    def fsync(fd: int) -> None:
        counts["fsync"] += 1
        real_fsync(fd)

    @contextmanager
    def locked(*args: Any) -> Iterator[None]:
        counts["lock"] += 1
        with real_locked(*args):
            yield

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(store_module, "locked", locked)
    return counts


def test_one_lock_and_as_many_fsyncs_for_3_rows_as_for_300(
    make_session: SessionFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store()
    small, large = make_session(), make_session()
    counts = counted(monkeypatch)
    done = import_file(store, small, export(tmp_path, 3), Choice(), now=NOW)
    assert len(done.plan.new) == 3 and counts["lock"] == 1
    for_three = dict(counts)
    counts.update(fsync=0, lock=0)
    done = import_file(store, large, export(tmp_path, 300), Choice(), now=NOW)
    assert len(done.plan.new) == 300
    assert counts == for_three
    view = Store().open(large, decode_all=True)
    assert view.integrity.entries == 1 + 1 + 300  # start, the file's note, the rows
    assert verify_session(Store(), large)["ok"]


def test_a_dry_run_takes_no_lock_and_writes_nothing(
    make_session: SessionFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = make_session()
    folder = Store().root / sid
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    counts = counted(monkeypatch)
    plan = import_file(Store(), sid, export(tmp_path, 5), Choice(), now=NOW, dry_run=True).plan
    assert len(plan.new) == 5 and not plan.recorded
    assert counts == {"fsync": 0, "lock": 0}
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_a_batch_written_but_never_acknowledged_is_adopted_whole(
    make_session: SessionFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from incident.journal.log import Journal

    sid = make_session()
    # The command is killed after the records reach the disk, before the head says so.
    write_head = Journal._write_head
    monkeypatch.setattr(Journal, "_write_head", lambda self, head: None)
    import_file(Store(), sid, export(tmp_path, 4), Choice(), now=NOW)
    monkeypatch.setattr(Journal, "_write_head", write_head)
    with Store().writing(sid) as writer:
        assert writer.warnings == ["entries 2-6 were written by a command that did not finish"]
        assert writer.evidence_count == 5
    assert verify_session(Store(), sid)["ok"]
    assert len(Store().open(sid).state.transactions()) == 4

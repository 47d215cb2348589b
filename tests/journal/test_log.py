"""The journal on its own: bytes in, the same bytes out, bound to their session and place.

These tests use the journal package alone, with no event, kind or session of the domain:
what it stores is opaque payloads, which is all it may know (see tests/test_architecture.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incident.errors import IntegrityError
from incident.journal.blobs import Blobs
from incident.journal.keys import session_keys
from incident.journal.log import Journal

MASTER = bytes(range(32))


def journal(folder: Path, session_id: str = "s1") -> Journal:
    folder.mkdir(parents=True, exist_ok=True)
    return Journal(folder, session_id, session_keys(MASTER, session_id))


@settings(max_examples=25, deadline=None)
@given(payloads=st.lists(st.binary(min_size=0, max_size=300), min_size=1, max_size=8))
def test_payloads_come_back_in_order_and_exact(
    tmp_path_factory: pytest.TempPathFactory, payloads: list[bytes]
) -> None:
    j = journal(tmp_path_factory.mktemp("j"))
    j.create(payloads[0], {"m": 1})
    for p in payloads[1:]:
        j.append(p, {"m": 1})
    result = j.read()
    assert result.payloads == payloads
    assert result.head.count == len(payloads)
    assert result.head_hash == result.head.hash
    assert result.warnings == []


def test_the_head_carries_its_metadata_authenticated(tmp_path: Path) -> None:
    j = journal(tmp_path)
    j.create(b"first", {"evidence": 0})
    j.append(b"second", {"evidence": 1})
    assert j.read_head().meta == {"evidence": 1}
    text = j.head_path.read_text(encoding="utf-8").replace('"evidence": 1', '"evidence": 9')
    j.head_path.write_text(text, encoding="utf-8")
    with pytest.raises(IntegrityError, match="head file was changed"):
        j.read_head()


def test_nothing_is_stored_in_the_clear(tmp_path: Path) -> None:
    j = journal(tmp_path)
    j.create(b"MARKER-first-payload", {})
    j.append(b"MARKER-second-payload", {})
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"MARKER" not in path.read_bytes(), path


def test_a_record_from_another_session_does_not_open(tmp_path: Path) -> None:
    a, b = journal(tmp_path / "a", "s1"), journal(tmp_path / "b", "s1-other")
    a.create(b"mine", {})
    b.create(b"theirs", {})
    b.path.write_bytes(a.path.read_bytes())  # a whole, valid journal of another session
    with pytest.raises(IntegrityError) as caught:
        b.read()
    assert caught.value.entry == 1


def test_a_changed_byte_names_its_entry(tmp_path: Path) -> None:
    j = journal(tmp_path)
    j.create(b"one", {})
    j.append(b"two", {})
    j.append(b"three", {})
    lines = j.path.read_bytes().split(b"\n")
    second = bytearray(lines[1])
    second[-5] ^= 0x01  # inside the ciphertext of entry 2
    lines[1] = bytes(second)
    j.path.write_bytes(b"\n".join(lines))
    with pytest.raises(IntegrityError) as caught:
        j.read()
    assert caught.value.entry == 2


def test_files_are_private(tmp_path: Path) -> None:
    j = journal(tmp_path)
    j.create(b"x", {})
    for path in (j.path, j.head_path):
        assert os.stat(path).st_mode & 0o077 == 0, path


def test_blobs_round_trip_and_refuse_a_changed_file(tmp_path: Path) -> None:
    keys = session_keys(MASTER, "s1")
    blobs = Blobs(tmp_path, "s1", keys)
    data = b"\x89PNG screenshot bytes" * 100
    digest = blobs.put(data)
    assert blobs.get(digest) == data
    stored = blobs.path(digest)
    assert digest not in stored.name  # named by a keyed hash, not the file's SHA-256
    raw = bytearray(stored.read_bytes())
    raw[20] ^= 0xFF
    stored.write_bytes(bytes(raw))
    with pytest.raises(IntegrityError, match="was changed"):
        blobs.get(digest)

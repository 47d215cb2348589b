"""Promise 5: nothing a user recorded is readable at rest, and every file is the user's alone.

After a scenario whose notes, fields and file names carry a unique marker and whose
attachments are images, no file under INCIDENT_HOME holds the marker (UTF-8, UTF-16, base64,
hex), a piece of an image, or an image's SHA-256 (which would let anyone holding a copy of a
screenshot confirm it is stored); folders are 0700 and files 0600, whatever the umask.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import random
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .disk import snapshot

MARKER = "zq7VividMarkerX91"
MARKER_ZH = "标记醒目"


def _forms(text: str) -> list[bytes]:
    """The ways ``text`` could sit in a file without being encrypted."""
    raw = text.encode("utf-8")
    forms = [
        raw,
        text.encode("utf-16-le"),
        text.encode("utf-16-be"),
        raw.hex().encode(),
        json.dumps(text).encode(),
    ]  # \\u escapes
    for pad in (b"", b"a", b"ab"):  # base64 of the marker at each alignment
        encoded = base64.b64encode(pad + raw)
        forms.append(encoded[len(pad) * 4 // 3 + 2 : -4])
    return [f for f in forms if len(f) >= 6]


def _image(fmt: str, seed: int) -> bytes:
    from PIL import Image

    rng = random.Random(seed)
    img = Image.frombytes("RGB", (96, 64), rng.randbytes(96 * 64 * 3))
    out = io.BytesIO()
    img.save(out, fmt)
    return out.getvalue()


@pytest.fixture
def umask_zero() -> Iterator[None]:
    """The loosest umask: modes must come from the code, not from the user's umask."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def scenario(run: Any, tmp_path: Path, umask_zero: None) -> dict[str, bytes]:
    """A session carrying the marker everywhere; returns the attached images by name."""
    files = tmp_path / "outside"
    files.mkdir()
    images = {
        f"{MARKER}-withdrawals.png": _image("PNG", 1),
        f"{MARKER_ZH}-登录记录.jpg": _image("JPEG", 2),
        f"{MARKER}-chat.png": _image("PNG", 3),
    }
    for name, data in images.items():
        (files / name).write_bytes(data)
    paths = [str(files / n) for n in images]
    out = run.ok(
        "start",
        "--playbook",
        "crypto-exchange",
        "--platform",
        "OKX",
        "--account",
        f"lin+{MARKER}@example.com",
        "--no-run",
        "--json",
    ).stdout
    sid = json.loads(out)["session_id"]
    s = ("--session", sid)
    run.ok("answer", "can-you-log-in", "yes", "--note", f"{MARKER} I can still log in", *s)
    run.ok("answer", "okx-self-freeze-check", "self-freeze", *s)
    run.ok("step", "done", "freeze-account", "--note", f"froze it {MARKER} {MARKER_ZH}", *s)
    run.ok(
        "evidence",
        "add",
        "--note",
        f"withdrawals I did not make {MARKER}",
        "--file",
        paths[0],
        "--file",
        paths[1],
        *s,
    )
    run.ok(
        "evidence",
        "tx",
        "--time",
        "2026-11-20T04:52:00+08:00",
        "--type",
        "withdrawal",
        "--asset",
        "USDT",
        "--amount",
        "1520.5",
        "--to-address",
        f"T{MARKER}addr",
        "--txid",
        "ab" * 32,
        "--network",
        "TRC20",
        "--note",
        f"{MARKER_ZH} 被盗",
        *s,
    )
    run.ok(
        "evidence",
        "login",
        "--time",
        "2026-11-20T04:40:00+08:00",
        "--ip",
        "203.0.113.7",
        "--device",
        f"{MARKER} Chrome",
        "--location",
        f"{MARKER_ZH} Lagos",
        *s,
    )
    run.ok(
        "evidence",
        "contact",
        "--channel",
        "chat",
        "--summary",
        f"asked to freeze {MARKER}",
        "--ticket",
        f"T-{MARKER}",
        "--agent",
        f"Agent {MARKER}",
        "--url",
        "https://www.okx.com/help",
        "--file",
        paths[2],
        *s,
    )
    run.ok("step", "skip", "police-report", "--reason", f"later {MARKER_ZH}", *s)
    run.ok("close", "--note", f"closed {MARKER}", *s)
    run.ok("reopen", *s)
    run.ok("verify", *s)
    return images


def test_no_recorded_text_or_image_is_readable(
    scenario: dict[str, bytes], incident_home: Path
) -> None:
    files = snapshot(incident_home)
    assert any(name.endswith(".bin") for name in files), "no attachment stored?"
    needles: dict[str, bytes] = {}
    for text in (MARKER, MARKER_ZH, "登录记录", "withdrawals I did not make"):
        for i, form in enumerate(_forms(text)):
            needles[f"{text!r} form {i}"] = form
    for name, data in scenario.items():
        middle = len(data) // 2
        needles[f"bytes of {name}"] = data[middle : middle + 48]
        digest = hashlib.sha256(data).hexdigest()
        needles[f"SHA-256 of {name}"] = digest.encode()
        needles[f"SHA-256 (base64) of {name}"] = base64.b64encode(bytes.fromhex(digest))[:40]
    for path, data in files.items():
        for what, needle in needles.items():
            assert needle not in data, f"{path} holds {what}"
            assert needle not in path.encode(), f"the name {path} holds {what}"


def test_folders_are_0700_and_files_0600(scenario: dict[str, bytes], incident_home: Path) -> None:
    seen = {"dir": 0, "file": 0}
    wrong = []
    for path in [incident_home, *incident_home.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if path.is_symlink():
            wrong.append(f"{path}: a symlink")
        elif path.is_dir():
            seen["dir"] += 1
            if mode != 0o700:
                wrong.append(f"{path}: {mode:o}")
        else:
            seen["file"] += 1
            if mode != 0o600:
                wrong.append(f"{path}: {mode:o}")
    assert not wrong, wrong
    names = {p.name for p in incident_home.rglob("*")}
    assert {"key.json", "head.json", "journal.log", "lock", "files"} <= names, names
    assert seen["dir"] >= 4 and seen["file"] >= 7, seen

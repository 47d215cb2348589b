"""A big session renders: many evidence entries and many screenshots, tables split over pages.

The normal run uses 200 entries and 10 screenshots; INCIDENT_SCALE_FULL=1 runs the full
1,000 entries and 50 screenshots (see the timings in the commit that added this file).
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from incident.core import actions
from incident.core.store import Store
from incident.report import pdf
from tests.report.conftest import body_text, okx_session, reader

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
FULL = os.environ.get("INCIDENT_SCALE_FULL") == "1"
ENTRIES, SHOTS = (1000, 50) if FULL else (200, 10)


def screenshot(folder: Path, n: int) -> Path:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (1280, 800), (240 - n % 40, 244, 248))
    draw = ImageDraw.Draw(img)
    for row in range(16):
        draw.rectangle(
            (40, 60 + row * 44, 40 + (n * 37 + row * 53) % 1100, 76 + row * 44), fill=(60, 70, 80)
        )
    draw.text((40, 20), f"screenshot {n}", fill=(0, 0, 0))
    path = folder / (f"shot-{n:03d}.jpg" if n % 2 else f"shot-{n:03d}.png")
    img.save(path, quality=75) if n % 2 else img.save(path)
    return path


def test_many_entries_and_screenshots(tmp_path: Path) -> None:
    store = Store()
    sid = okx_session(store, NOW - timedelta(days=2)).id
    shots = [screenshot(tmp_path, n) for n in range(SHOTS)]
    for i in range(ENTRIES):
        at = NOW - timedelta(days=1) + timedelta(minutes=i)
        files = [shots[i // (ENTRIES // SHOTS)]] if i % (ENTRIES // SHOTS) == 0 else []
        if i % 4 == 1:
            build = actions.transaction(
                time="2026-11-24T09:00",
                tx_type="withdrawal",
                asset="USDT",
                amount=f"{i}.5",
                network="TRC20",
                txid=f"{i:064x}",
                to_address="T" + "x" * 33,
            )
        else:
            build = actions.note(f"entry {i}: 证据说明 {'lorem ' * (i % 40)}")
        actions.add_evidence(store, sid, build, now=at, files=files)
    view = store.open(sid)
    started = time.perf_counter()
    data = pdf.render(view, lang="en", now=NOW, invariant=True)
    seconds = time.perf_counter() - started
    r = reader(data)
    print(
        f"\n{ENTRIES} entries, {SHOTS} screenshots: {seconds:.1f} s, "
        f"{len(data) / 1024 / 1024:.1f} MB, {len(r.pages)} pages"
    )
    # Each screenshot once, on its page; the budget: 1.1 x the image bytes + 1 MB.
    assert list(r.attachment_list) == []
    assert sum(len(p.images) for p in r.pages) == SHOTS
    image_bytes = sum(p.stat().st_size for p in shots)
    assert len(data) <= 1.1 * image_bytes + 1024 * 1024
    text = body_text(data)
    assert f"E{ENTRIES}" in text and f"entry {ENTRIES - 1}:" in text
    assert f"Screenshot {SHOTS} · " in text
    assert seconds < (240 if FULL else 60)

"""Every user-facing text exists in English and Chinese, with the same fields to fill."""

from __future__ import annotations

import re
import string

from incident.catalog import CATALOG, t

CJK = re.compile(r"[\u3400-\u9fff]")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages() -> None:
    assert len(CATALOG) > 50
    for key, pair in CATALOG.items():
        assert len(pair) == 2, key
        en, zh = pair
        assert en.strip() and zh.strip(), key
        bare = re.sub(r"\{[^}]*\}", " ", zh)
        # Chinese, or nothing to translate (symbols, codes, field names only).
        assert CJK.search(bare) or not re.search(r"[A-Za-z]{4,}", bare), (key, zh)
        assert fields(en) == fields(zh), key


def test_lookup_fills_fields() -> None:
    assert t("progress.line", "zh", done=1, skipped=2, failed=3, left=4, total=10).startswith(
        "已完成 1 项"
    )
    assert t("status.done", "en") == "done"

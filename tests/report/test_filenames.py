"""Names inside the case file: one harmless part each, never outside the archive, unique."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from incident.report.filenames import MAX_PART_BYTES, NameTable, clean_part


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("shot.png", "shot.png"),
        ("C:\\Users\\lin\\shot.png", "C__Users_lin_shot.png"),
        ("../../etc/passwd", ".._.._etc_passwd"),
        ("/etc/passwd", "_etc_passwd"),
        ("..", "_"),
        (".", "_"),
        ("", "_"),
        ("   ", "_"),
        ("a\nb\tc\x00d\x7f.txt", "a_b_c_d_.txt"),
        ("invoice\u202egnp.exe", "invoicegnp.exe"),  # the override that shows "exe.png"
        ("\u2066hidden\u2069.txt", "hidden.txt"),
        ("zero\u200bwidth.txt", "zerowidth.txt"),
        ("line\u2028sep.txt", "line_sep.txt"),
        ('what?*<>|".txt', "what______.txt"),
        ("report.", "report"),
        ("report. . ", "report"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("com1.log", "_com1.log"),
        ("console.txt", "console.txt"),
        ("截图 1.png", "截图 1.png"),
        ("e\u0301.txt", "\u00e9.txt"),  # NFC: the same name is the same bytes
        ("bad\udcff.png", "bad_.png"),  # a lone surrogate from an undecodable file name
    ],
)
def test_clean_part(raw: str, clean: str) -> None:
    assert clean_part(raw) == clean


def test_long_names_are_cut_keeping_the_extension() -> None:
    name = "截" * 300 + ".png"
    cleaned = clean_part(name)
    assert cleaned.endswith(".png")
    assert len(cleaned.encode("utf-8")) <= MAX_PART_BYTES
    assert cleaned.startswith("截" * 60)


def test_duplicates_are_numbered_and_case_does_not_make_a_name_unique() -> None:
    table = NameTable()
    assert table.add("shot.png", "originals") == "originals/shot.png"
    assert table.add("shot.png", "originals") == "originals/shot-2.png"
    assert table.add("SHOT.png", "originals") == "originals/SHOT-3.png"
    assert table.add("shot.png") == "shot.png"  # another folder, another name
    assert table.add("shot-2.png", "originals") == "originals/shot-2-2.png"
    assert table.add("shot", "originals") == "originals/shot"
    assert table.add("shot", "originals") == "originals/shot-2"


def test_reserved_names_and_folder_names_are_not_handed_out() -> None:
    table = NameTable()
    table.reserve("SHA256SUMS")
    assert table.add("SHA256SUMS") == "SHA256SUMS-2"
    assert table.add("sha256sums") == "sha256sums-3"
    table.add("a.png", "originals")
    assert table.add("originals") == "originals-2"  # a file may not take a folder's name
    with pytest.raises(ValueError, match="already a file"):
        table.add("x", "originals-2")


def test_folders_are_cleaned_part_by_part() -> None:
    table = NameTable()
    assert table.add("f.txt", "../../x/./y") == "_/_/x/y/f.txt"
    assert table.add("f.txt", "/abs//folder/") == "abs/folder/f.txt"
    assert table.add("f.txt", "C:") == "C_/f.txt"


def _is_hidden(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs")


@given(st.text(max_size=300))
def test_any_text_gives_one_safe_part(raw: str) -> None:
    part = clean_part(raw)
    assert part not in ("", ".", "..")
    assert not any(ch in '\\/:*?"<>|' or _is_hidden(ch) for ch in part)
    assert part == part.strip() and not part.endswith(".")
    assert len(part.encode("utf-8")) <= MAX_PART_BYTES


@given(st.lists(st.tuples(st.text(max_size=40), st.text(max_size=40)), max_size=30))
def test_any_names_stay_inside_and_unique(pairs: list[tuple[str, str]]) -> None:
    table = NameTable()
    names = []
    for name, folder in pairs:
        try:
            names.append(table.add(name, folder))
        except ValueError:
            continue  # a folder that a file already took: a caller's mistake, refused
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        parts = name.split("/")
        assert not name.startswith("/") and "\\" not in name
        assert all(p not in ("", ".", "..") for p in parts)

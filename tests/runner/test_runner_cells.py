"""Terminal cell arithmetic: wide Chinese characters, wrapping and clipping."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from incident.runner.cells import clip, strip_ansi, width, wrap


def test_width_counts_wide_characters_twice_and_styling_not_at_all() -> None:
    assert width("abc") == 3
    assert width("冻结账户") == 8
    assert width("\x1b[1mOKX\x1b[0m") == 3
    assert width("e\u0301") == 1  # a combining accent takes no cell


def test_clip_marks_what_it_cut() -> None:
    assert clip("hello world", 8) == "hello w…"
    assert clip("冻结账户立即", 7) == "冻结账…"
    assert width(clip("冻结账户立即", 7)) <= 7
    assert clip("short", 10) == "short"


def test_wrap_hangs_following_lines_and_keeps_paragraphs() -> None:
    lines = wrap("Why: one two three four five six seven\nnext paragraph", 16, hang="  ")
    assert lines[0].startswith("Why:")
    assert all(line.startswith("  ") for line in lines[1:-2])
    assert lines[-1] == "next paragraph"
    assert all(width(line) <= 16 for line in lines)


def test_wrap_breaks_chinese_anywhere_but_not_before_a_comma() -> None:
    text = "能登录的话，几分钟内就能自己冻结账户；登录不了，就只能请客服来冻结。"
    lines = wrap(text, 10)
    assert all(width(line) <= 10 for line in lines)
    assert "".join(lines) == text
    assert not any(line[0] in "，；。" for line in lines)


def test_wrap_cuts_a_word_longer_than_the_line() -> None:
    url = "https://www.example.com/" + "a" * 60
    lines = wrap(f"see {url} now", 20, hang="  ")
    assert all(width(line) <= 20 for line in lines)
    assert "".join(line.strip() for line in lines).replace("see", "", 1).startswith("https")


@given(
    st.text(
        alphabet=st.sampled_from(list("abc xyz,.") + list("冻结账户客服，。") + ["\n"]),
        max_size=300,
    ),
    st.integers(min_value=4, max_value=100),
)
def test_wrap_never_overflows_and_loses_nothing(text: str, cells: int) -> None:
    lines = wrap(text, cells, hang="  ")
    assert all(width(line) <= cells for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())
    assert strip_ansi("".join(lines)) == "".join(lines)

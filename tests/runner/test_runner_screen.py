"""The runner's screens as data: they fit 80 x 24, speak the session's language, and show
what the core says (next step, overdue, official channels) - no terminal needed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from incident.core import actions
from incident.core.status import Status, status
from incident.core.store import Store
from incident.runner import screen
from incident.runner.cells import strip_ansi, width

NOW = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
COLS, ROWS = 80, 24


def start(lang: str = "en", platform: str = "OKX", minutes_ago: int = 62) -> tuple[Store, str]:
    store = Store()
    state = actions.start(
        store,
        playbook="crypto-exchange",
        platform=platform,
        account="lin@example.com",
        now=NOW,
        discovered_at=(NOW - timedelta(minutes=minutes_ago)).isoformat(),
        tz="Asia/Shanghai",
        lang=lang,  # type: ignore[arg-type]
    )
    return store, state.id


def now_status(store: Store, sid: str, now: datetime = NOW) -> Status:
    return status(store.open(sid).state, now)


def all_pages(st: Status, step_id: str, lang: str, color: bool = False) -> list[screen.Screen]:
    first = screen.step_screen(st, step_id, lang=lang, cells=COLS, height=ROWS, color=color)
    return [first] + [
        screen.step_screen(st, step_id, lang=lang, cells=COLS, height=ROWS, page=p, color=color)
        for p in range(1, first.pages)
    ]


def assert_fits(lines: list[str]) -> None:
    assert len(lines) <= ROWS - 1, len(lines)
    for line in lines:
        assert width(strip_ansi(line)) <= COLS - 1, line


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("branch", ["yes", "no"])
def test_every_screen_of_a_whole_run_fits_80x24(lang: str, branch: str) -> None:
    store, sid = start(lang)
    actions.answer(store, sid, "can-you-log-in", branch, now=NOW)
    seen = 0
    for _ in range(30):
        st = now_status(store, sid)
        assert_fits(
            screen.checklist_screen(st, lang=lang, cells=COLS, height=ROWS, color=True).lines
        )
        if not st.next:
            break
        step_id = st.next[0].id
        for page in all_pages(st, step_id, lang, color=True):
            assert_fits(page.lines)
        assert_fits(screen.evidence_menu(st, step_id, lang=lang, cells=COLS, height=ROWS).lines)
        step = st.state.playbook.step(step_id)
        if step is not None and step.kind == "question":  # the OKX routing question
            actions.answer(store, sid, step_id, step.options[0].value, now=NOW)
        else:
            actions.mark_step(store, sid, step_id, "done", now=NOW)
        seen += 1
    st = now_status(store, sid)
    assert st.next == [] and seen >= 8
    done = screen.finished_screen(st, lang=lang, cells=COLS, height=ROWS)
    assert_fits(done.lines)
    assert ("目前没有待办步骤" if lang == "zh" else "Nothing left to do now.") in "\n".join(
        done.lines
    )


def test_pages_together_show_all_of_the_help_and_the_platform_note() -> None:
    store, sid = start()
    actions.answer(store, sid, "can-you-log-in", "no", now=NOW)
    st = now_status(store, sid)
    step = st.state.playbook.step("request-freeze-by-email")
    assert step is not None and st.next[0].id == step.id
    pages = all_pages(st, step.id, "en")
    assert len(pages) > 1
    text = " ".join(" ".join(p.lines) for p in pages)
    words = set(text.split())
    note = step.note_for("okx")
    assert note is not None
    for source in (step.help.en, step.why.en, note.en):
        missing = [w for w in source.split() if w not in words]
        assert missing == []
    assert "[space] more" in "\n".join(pages[0].lines)


def test_header_shows_the_ticking_clock_platform_account_and_progress() -> None:
    store, sid = start(minutes_ago=62)
    st = now_status(store, sid)
    first = screen.step_screen(st, "can-you-log-in", lang="en", cells=COLS, height=ROWS).lines
    assert first[0].startswith("OKX / lin@example.com")
    assert first[0].endswith("1:02:00 since discovery")
    assert "0 done, 0 skipped, 0 failed" in first[1]
    later = screen.step_screen(
        now_status(store, sid, NOW + timedelta(seconds=7)),
        "can-you-log-in",
        lang="en",
        cells=COLS,
        height=ROWS,
    ).lines
    assert later[0].endswith("1:02:07 since discovery")
    assert [i for i, (a, b) in enumerate(zip(first, later, strict=True)) if a != b] == [0]
    assert screen.clock(timedelta(days=2, hours=3, minutes=4, seconds=5)) == "2d 03:04:05"


def test_overdue_step_is_marked_and_a_timely_one_shows_time_left() -> None:
    store, sid = start(minutes_ago=62)
    st = now_status(store, sid)
    late = "\n".join(
        screen.step_screen(st, "can-you-log-in", lang="en", cells=COLS, height=ROWS).lines
    )
    # the question (3 min), a clean device (20), support (30), the e-mail (35), the records (60)
    assert len(st.overdue) == 5
    assert "OVERDUE by 59m" in late and "! 5 overdue" in late
    store, sid = start(minutes_ago=1)
    early = "\n".join(
        screen.step_screen(
            now_status(store, sid), "can-you-log-in", lang="en", cells=COLS, height=ROWS
        ).lines
    )
    assert "OVERDUE" not in early and "2m left" in early


def test_question_offers_its_answers_by_number() -> None:
    store, sid = start()
    lines = "\n".join(
        screen.step_screen(
            now_status(store, sid), "can-you-log-in", lang="en", cells=COLS, height=ROWS
        ).lines
    )
    assert "[1] Yes, I can sign in" in lines
    assert "[1-2] answer" in lines
    assert "[d] done" not in lines


def test_support_steps_list_the_official_channels_and_others_do_not() -> None:
    store, sid = start()
    actions.answer(store, sid, "can-you-log-in", "yes", now=NOW)
    actions.answer(store, sid, "okx-self-freeze-check", "self-freeze", now=NOW)
    st = now_status(store, sid)
    freeze = " ".join(" ".join(p.lines) for p in all_pages(st, "freeze-account", "en"))
    assert "https://www.okx.com/help" not in freeze and "On OKX:" in freeze
    store, sid = start()
    actions.answer(store, sid, "can-you-log-in", "no", now=NOW)
    st = now_status(store, sid)
    ask = " ".join(" ".join(p.lines) for p in all_pages(st, "request-freeze-by-email", "en"))
    assert "Official support channels" in ask and "https://www.okx.com/help" in ask


def test_unknown_platform_gets_the_general_advice_about_support() -> None:
    store, sid = start(platform="SomeExchange")
    actions.answer(store, sid, "can-you-log-in", "no", now=NOW)
    st = now_status(store, sid)
    text = " ".join(" ".join(p.lines) for p in all_pages(st, "request-freeze-by-email", "en"))
    assert "only from the platform's own website or app" in text
    assert "On SomeExchange" not in text


def test_steps_waiting_on_others_are_not_offered_and_the_checklist_says_why() -> None:
    store, sid = start()
    actions.answer(store, sid, "can-you-log-in", "yes", now=NOW)
    st = now_status(store, sid)
    assert "change-password" not in [v.id for v in st.next]
    with pytest.raises(ValueError):
        screen.step_screen(st, "change-password", lang="en", cells=COLS, height=ROWS)
    lines = screen.checklist_lines(st, "en", COLS - 1)
    row = next(x.text for x in lines if "Change the exchange login password" in x.text)
    assert "needs regained-access" in row
    done = next(x.text for x in lines if "Can you still sign in" in x.text)
    assert done.startswith(" [x]") and "Yes, I can sign in" in done


def test_failed_step_comes_back_with_what_happened() -> None:
    store, sid = start()
    actions.answer(store, sid, "can-you-log-in", "yes", now=NOW)
    actions.answer(store, sid, "okx-self-freeze-check", "self-freeze", now=NOW)
    actions.mark_step(store, sid, "freeze-account", "failed", now=NOW, reason="button greyed out")
    st = now_status(store, sid)
    assert st.next[0].id != "freeze-account" and st.next[-1].id == "freeze-account"
    text = "\n".join(
        screen.step_screen(st, "freeze-account", lang="en", cells=COLS, height=ROWS).lines
    )
    assert "Tried before, did not work: button greyed out" in text


def test_evidence_recorded_for_a_step_is_listed_under_it() -> None:
    store, sid = start()
    actions.answer(store, sid, "can-you-log-in", "no", now=NOW)
    actions.add_evidence(
        store,
        sid,
        actions.transaction(
            time="2026-11-25 12:00", tx_type="withdrawal", asset="USDT", amount="1520.50"
        ),
        now=NOW,
        step_id="review-transactions",
    )
    st = now_status(store, sid)
    text = " ".join(" ".join(p.lines) for p in all_pages(st, "review-transactions", "en"))
    assert "E1 Transaction: withdrawal 1,520.50 USDT" in text  # one amount formatter


def test_chinese_session_uses_chinese_labels() -> None:
    store, sid = start("zh")
    st = now_status(store, sid)
    text = "\n".join(
        screen.step_screen(st, "can-you-log-in", lang="zh", cells=COLS, height=ROWS).lines
    )
    for label in (
        "距发现已过",
        "进度：",
        "为什么：",
        "怎么做：",
        "请选择：",
        "[1-2] 回答",
        "[q] 退出",
        "你现在还能登录交易所账户吗？",
        "[1] 能登录",
        "第 1 步",
    ):
        assert label in text, label
    for english in ("Why:", "How:", "since discovery", "quit", "Progress"):
        assert english not in text, english
    menu = "\n".join(
        screen.evidence_menu(st, "can-you-log-in", lang="zh", cells=COLS, height=ROWS).lines
    )
    assert "[t] 交易" in menu and "添加证据" in menu


def test_a_narrow_terminal_still_fits() -> None:
    store, sid = start("zh")
    actions.answer(store, sid, "can-you-log-in", "yes", now=NOW)
    st = now_status(store, sid)
    first = screen.step_screen(st, st.next[0].id, lang="zh", cells=40, height=12)
    for p in range(first.pages):
        lines = screen.step_screen(st, st.next[0].id, lang="zh", cells=40, height=12, page=p).lines
        assert len(lines) <= 11 and all(width(x) <= 39 for x in lines)

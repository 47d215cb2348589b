"""What the runner shows: pure functions from a session's status to lines of text.

Nothing here reads keys or writes to the terminal, so every screen can be tested as data.
Each takes the terminal's ``cells`` and keeps its lines one cell narrower, so no terminal
wraps early; see layout.py for how lines, keys and pages are put together.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from incident.catalog import t
from incident.core import kinds
from incident.core.state import SessionState
from incident.core.status import Status, StepView, deadline_line
from incident.playbook.schema import Step
from incident.runner.cells import clip, pad, width, wrap
from incident.runner.layout import (
    TONES,
    Key,
    Line,
    Notice,
    Screen,
    clock,
    colon,
    footer,
    frame,
    header,
    keys,
    labelled,
    paint,
    rule,
)
from incident.times import fmt_duration, fmt_local, local

__all__ = ["Notice", "Screen", "clock", "keys"]  # what the runner and tests use from here


def kind_label(name: str, lang: str) -> str:
    """What the evidence menu calls a kind ("file" is a note with a file attached)."""
    if name == "import":
        return t("runner.import", lang)
    return t("runner.file", lang) if name == "file" else kinds.get(name).label.get(lang)


def _channels(state: SessionState, lang: str, cells: int) -> list[Line]:
    out = [Line(t("runner.channels", lang) + colon(lang).strip(), {"bold": True})]
    if not state.channels:
        out += [Line(x) for x in wrap(t("runner.channels-unknown", lang), cells, "  ")]
        return out
    for ch in state.channels:
        hours = f" ({t('runner.hours', lang, hours=ch.hours)})" if ch.hours else ""
        text = f"- {ch.name.get(lang)} [{t('channel.' + ch.kind, lang)}]: {ch.address}{hours}"
        out += [Line(x) for x in wrap(text, cells, hang="    ")]
        if ch.note:
            out += [Line(x, {"dim": True}) for x in wrap(ch.note.get(lang), cells, "    ")]
    return out


def step_body(st: Status, step: Step, lang: str, cells: int) -> list[Line]:
    """Why, how (with the platform's note), answers, support channels, evidence so far."""
    s = st.state
    out: list[Line] = []
    current = s.steps[step.id]
    if current.status == "failed":
        label = t("runner.tried-before", lang)
        reason = current.reason or current.note
        out += (
            labelled(label, reason, cells, lang, TONES["warn"])
            if reason
            else [Line(label, TONES["warn"])]
        )
        out.append(Line(""))
    out += labelled(t("runner.why", lang), step.why.get(lang), cells, lang)
    out.append(Line(""))
    out += labelled(t("runner.how", lang), step.help.get(lang), cells, lang)
    note = step.note_for(s.platform_id)
    if note:
        specific = s.platform_id is not None and s.platform_id in step.platform_notes
        label = (
            t("runner.on-platform", lang, platform=s.platform)
            if specific
            else t("runner.general-note", lang)
        )
        out.append(Line(""))
        out += labelled(label, note.get(lang), cells, lang)
    if step.kind == "question":
        out.append(Line(""))
        out.append(Line(t("runner.choose", lang) + colon(lang).strip(), {"bold": True}))
        for i, option in enumerate(step.options, 1):
            out += [
                Line(x, {"bold": True})
                for x in wrap(f"[{i}] {option.label.get(lang)}", cells, "  ", "      ")
            ]
    if step.support:
        out.append(Line(""))
        out += _channels(s, lang, cells)
    if step.evidence:
        asked = ", ".join(kind_label(k, lang) for k in step.evidence)
        out.append(Line(""))
        out += [
            Line(x, {"fg": "cyan"}) for x in wrap(t("runner.asks-for", lang, kinds=asked), cells)
        ]
    out += _deadlines(st, lang, cells, step.id)
    here, flagged = s.step_evidence(step.id)
    if here or flagged:
        out.append(Line(""))
        out.append(Line(t("runner.recorded-here", lang) + colon(lang).strip(), {"bold": True}))
        out += [Line(clip("  " + i.line(lang, s.tz), cells), TONES["ok"]) for i in here]
        # An unofficial contact is shown, but as a warning: it is not the contact asked for.
        out += [Line(clip("  ! " + i.line(lang, s.tz), cells), TONES["warn"]) for i in flagged]
    return out


def _deadlines(st: Status, lang: str, cells: int, step_id: str | None = None) -> list[Line]:
    """The platform's day-scale deadlines (all, or the one this step meets), as dates."""
    dues = [d for d in st.deadlines if step_id is None or d.deadline.met_by == step_id]
    if not dues:
        return []
    out = [Line(""), Line(t("deadline.label", lang) + colon(lang).strip(), {"bold": True})]
    for d in dues:
        tone = TONES["error"] if d.late(st.now) else TONES["warn"]
        text = deadline_line(d, lang, st.state.tz, st.now)
        out += [Line(x, tone) for x in wrap(text, cells, "  ", "    ")]
    return out


def _position(st: Status, step_id: str) -> tuple[int, int]:
    visible = [s.id for s in st.state.engine.visible()]
    return (visible.index(step_id) + 1 if step_id in visible else 0), len(visible)


def step_title(st: Status, view: StepView, lang: str, cells: int) -> list[Line]:
    n, total = _position(st, view.id)
    right = t("runner.step-of", lang, n=n, total=total)
    title = clip(f"> {view.title}", max(10, cells - width(right) - 2))
    first = Line(pad(title, cells - width(right)) + right, {"bold": True})
    due = fmt_local(view.due_at, st.state.tz)
    target = t("runner.target", lang, minutes=view.target_minutes, due=due)
    if view.overdue:
        late = t("runner.overdue", lang, late=fmt_duration(st.now - view.due_at))
        return [first, Line(f"  {target}  !! {late}", TONES["error"])]
    left = t("runner.time-left", lang, left=fmt_duration(view.due_at - st.now))
    return [first, Line(f"  {target} ({left})")]


def step_keys(step: Step, lang: str, pages: int = 1) -> list[Key]:
    if step.kind == "question":
        count = len(step.options)
        first: list[Key] = [("1" if count == 1 else f"1-{count}", t("runner.key.answer", lang))]
    else:
        first = [
            ("d", t("runner.key.done", lang)),
            ("s", t("runner.key.skip", lang)),
            ("f", t("runner.key.failed", lang)),
        ]
    rest: list[Key] = [
        ("n", t("runner.key.note", lang)),
        ("e", t("runner.key.evidence", lang)),
        ("c", t("runner.key.checklist", lang)),
        ("l", t("runner.key.later", lang)),
        ("r", t("runner.key.report", lang)),
        ("m", t("runner.key.message", lang)),
        ("u", t("runner.key.undo", lang)),
        ("q", t("runner.key.quit", lang)),
    ]
    more: list[Key] = (
        [(t("runner.key.space", lang), t("runner.key.more", lang))] if pages > 1 else []
    )
    return first + rest + more


def step_screen(
    st: Status,
    step_id: str,
    *,
    lang: str,
    cells: int,
    height: int,
    page: int = 0,
    notices: Sequence[Notice] = (),
    color: bool = False,
) -> Screen:
    """The main screen: one step to do now, how, and the keys to record it."""
    cells -= 1
    view = next((v for v in st.next if v.id == step_id), None)
    step = st.state.playbook.step(step_id)
    if view is None or step is None:
        raise ValueError(f"{step_id!r} is not one of the next steps")
    head = [*header(st, lang, cells), *step_title(st, view, lang, cells), Line("", optional=True)]
    body = step_body(st, step, lang, cells)
    # Two passes: the keys depend on whether a "more" key is needed.
    first = frame(
        head,
        body,
        footer(step_keys(step, lang), notices, cells),
        cells=cells,
        height=height,
        page=page,
        lang=lang,
        color=color,
    )
    if first.pages == 1:
        return first
    return frame(
        head,
        body,
        footer(step_keys(step, lang, first.pages), notices, cells),
        cells=cells,
        height=height,
        page=page,
        lang=lang,
        color=color,
    )


def finished_keys(lang: str) -> list[Key]:
    return [
        ("n", t("runner.key.note", lang)),
        ("e", t("runner.key.evidence", lang)),
        ("c", t("runner.key.checklist", lang)),
        ("r", t("runner.key.report", lang)),
        ("m", t("runner.key.message", lang)),
        ("u", t("runner.key.undo", lang)),
        ("q", t("runner.key.quit", lang)),
    ]


def finished_screen(
    st: Status,
    *,
    lang: str,
    cells: int,
    height: int,
    notices: Sequence[Notice] = (),
    color: bool = False,
) -> Screen:
    """Nothing left to do now: what remains is the report, support and follow-up."""
    cells -= 1
    s = st.state
    body = [Line(t("next.none", lang), {"bold": True, "fg": "green"}), Line("")]
    body += [Line(x) for x in wrap(t("runner.finished-hint", lang), cells)]
    if st.follow_up_due is not None:
        late = " (!)" if st.now > st.follow_up_due else ""
        due = fmt_local(st.follow_up_due, s.tz)
        body += [Line(""), Line(f"{t('label.follow-up', lang)}{colon(lang)}{due}{late}")]
    body += _deadlines(st, lang, cells)
    foot = footer(finished_keys(lang), notices, cells)
    return frame(
        header(st, lang, cells),
        body,
        foot,
        cells=cells,
        height=height,
        page=0,
        lang=lang,
        color=color,
    )


def _short(value: datetime, tz: str, now: datetime) -> str:
    """``14:05`` today, ``11-26 14:05`` on another day (in the session's zone)."""
    here, today = local(value, tz), local(now, tz)
    return here.strftime("%H:%M" if here.date() == today.date() else "%m-%d %H:%M")


_MARKS = {"done": "[x]", "skipped": "[-]", "failed": "[!]", "pending": "[ ]"}


def checklist_lines(st: Status, lang: str, cells: int, current: str | None = None) -> list[Line]:
    """Every step of the playbook, in order, with what became of it."""
    s = st.state
    engine = s.engine
    views = {v.id: v for v in st.next + st.blocked}
    out: list[Line] = []
    for step in s.playbook.steps:
        state = s.steps[step.id]
        style: dict[str, Any] = {}
        if not engine.applies(step):
            mark = "   "
            what = t("status.waiting" if engine.waiting(step) else "status.not-applicable", lang)
            style = {"dim": True}
        else:
            mark = _MARKS[state.status]
            if state.answer is not None:
                option = next((o for o in step.options if o.value == state.answer), None)
                what = option.label.get(lang) if option else state.answer
            elif state.status in ("done", "skipped") and state.at is not None:
                what = f"{t('status.' + state.status, lang)} {_short(state.at, s.tz, st.now)}"
            elif step.id in views and views[step.id].unmet:
                what = f"{t('label.needs', lang)} {', '.join(views[step.id].unmet)}"
            else:
                view = views.get(step.id)
                if view is not None and view.overdue:
                    what = t("runner.overdue", lang, late=fmt_duration(st.now - view.due_at))
                    style = TONES["error"]
                else:
                    due = engine.due_at(step, s.discovered_at)
                    what = f"{t('label.due', lang)} {_short(due, s.tz, st.now)}"
        pointer = ">" if step.id == current else " "
        what = clip(what, max(12, cells // 3))
        title = clip(step.title.get(lang), cells - 6 - width(what) - 1)
        out.append(
            Line(f"{pointer}{mark} {pad(title, cells - 6 - width(what))} {what}".rstrip(), style)
        )
    return out + _deadlines(st, lang, cells)


def checklist_screen(
    st: Status,
    *,
    lang: str,
    cells: int,
    height: int,
    page: int = 0,
    current: str | None = None,
    color: bool = False,
) -> Screen:
    cells -= 1
    head = [*header(st, lang, cells), Line(t("runner.checklist", lang), {"bold": True})]
    foot = footer(
        [
            (t("runner.key.space", lang), t("runner.key.more", lang)),
            ("c", t("runner.key.back", lang)),
        ],
        (),
        cells,
    )
    return frame(
        head,
        checklist_lines(st, lang, cells, current),
        foot,
        cells=cells,
        height=height,
        page=page,
        lang=lang,
        color=color,
    )


# The runner's own keys for the kinds it knows; any other registered kind gets a digit.
_KIND_KEYS: dict[str, str] = {
    "t": "transaction",
    "l": "login",
    "c": "contact",
    "f": "file",
    "n": "note",
    "i": "import",  # an exchange's history export: many transactions at once
}


def evidence_keys() -> dict[str, str]:
    """Key -> evidence kind (or "file"), in menu order."""
    keys = dict(_KIND_KEYS)
    others = [name for name in kinds.names() if name not in keys.values()]
    keys.update({str(i): name for i, name in enumerate(others, 1)})
    return keys


def evidence_menu(
    st: Status,
    step_id: str | None,
    *,
    lang: str,
    cells: int,
    height: int,
    color: bool = False,
) -> Screen:
    """Which kind of evidence to add; the kinds the current step asks for come marked."""
    cells -= 1
    step = st.state.playbook.step(step_id) if step_id else None
    asked = set(step.evidence) if step else set()
    head = [*header(st, lang, cells), Line(t("runner.evidence-title", lang), {"bold": True})]
    body: list[Line] = []
    if step is not None:
        body.append(Line(t("runner.evidence-for", lang, title=step.title.get(lang)), {"dim": True}))
    body.append(Line(""))
    for key, kind in evidence_keys().items():
        label = kind_label(kind, lang)
        extra = f"  <- {t('runner.asked-here', lang)}" if kind in asked else ""
        body.append(Line(f"  [{key}] {label}{extra}", {"bold": True} if extra else {}))
    foot = [rule(cells), Line(t("runner.key.other-back", lang), {"fg": "cyan"})]
    return frame(head, body, foot, cells=cells, height=height, page=0, lang=lang, color=color)


def text_screen(
    st: Status,
    title: str,
    text: str,
    *,
    lang: str,
    cells: int,
    height: int,
    page: int = 0,
    extra_keys: Sequence[Key] = (),
    color: bool = False,
) -> Screen:
    """A long text (a support message) shown a page at a time."""
    cells -= 1
    head = [*header(st, lang, cells), Line(title, {"bold": True})]
    body = [Line(x) for x in wrap(text, cells)]
    items = [
        *extra_keys,
        (t("runner.key.space", lang), t("runner.key.more", lang)),
        ("q", t("runner.key.back", lang)),
    ]
    return frame(
        head,
        body,
        footer(items, (), cells),
        cells=cells,
        height=height,
        page=page,
        lang=lang,
        color=color,
    )


def form_head(st: Status, title: str, *, lang: str, cells: int, color: bool = False) -> list[str]:
    """What stays on screen above the questions of a form."""
    cells -= 1
    lines = [*header(st, lang, cells), Line(title, {"bold": True})]
    lines += [Line(x, {"dim": True}) for x in wrap(t("runner.form.cancel-hint", lang), cells)]
    return [paint(line, cells, color) for line in lines] + [""]

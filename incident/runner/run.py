"""The interactive walk-through: show the next step, read a key, record it through the core.

Every action goes straight to ``incident.core.actions`` (which writes and fsyncs the journal), so
quitting at any moment - q, Ctrl-C, a closed terminal, a kill - loses nothing, and
``incident resume`` picks up from the journal at the same step.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Literal, TypeVar

import click

from incident.catalog import CATALOG, t
from incident.core import actions, corrections, kinds, txchecks
from incident.core.imports import ImportPlan
from incident.core.status import Status, status
from incident.core.store import Store
from incident.core.view import SessionView
from incident.errors import IncidentError, NeedsConfirmation, Overridable, SessionClosedError
from incident.runner import forms, screen
from incident.runner.ask import Ask, Cancelled
from incident.runner.screen import Notice
from incident.runner.terminal import Stopped, Terminal, is_interactive, shielded, stop_on_hangup
from incident.times import utcnow
from incident.visible import echo, unfiltered

T = TypeVar("T")
Mode = Literal["step", "checklist", "evidence", "text"]
MORE = (" ", "pagedown", "down", "right")
BACK = ("b", "pageup", "up", "left")
MARKS: dict[str, Literal["done", "skipped", "failed"]] = {
    "d": "done",
    "s": "skipped",
    "f": "failed",
}


# Reads an export file into the session: (store, session, file, dry_run) -> what it records.
# The command line hands it in (the runner does not read exchange files itself).
Importer = Callable[[Store, str, Path, bool], ImportPlan]


def run(session_id: str, lang: str | None = None, importer: Importer | None = None) -> None:
    """Walk the user through session ``session_id`` on this terminal until they quit."""
    store = Store()
    sid = store.resolve(session_id)
    view = store.open(sid, decode_all=True)  # its screens list the evidence of each step
    lang = lang or view.state.lang
    if not is_interactive():
        echo(t("runner.no-tty", lang), err=True)
        raise SystemExit(1)
    if not view.state.is_open:
        raise SessionClosedError.said("session.closed-error", "session.reopen-hint", {"sid": sid})
    color = "NO_COLOR" not in os.environ
    walk = Walk(store, sid, lang, Terminal(), Ask(lang, color), color, view)
    walk.importer = importer
    try:
        with stop_on_hangup():
            walk.loop()
    except (KeyboardInterrupt, click.Abort):
        _goodbye(t("runner.msg.interrupted", lang, sid=sid))
        raise SystemExit(130) from None
    except Stopped as stop:
        _goodbye(t("runner.msg.interrupted", lang, sid=sid))
        raise SystemExit(128 + stop.signum) from None
    _goodbye(t("runner.msg.saved", lang, sid=sid))


def _goodbye(text: str) -> None:
    with contextlib.suppress(OSError):  # the terminal is gone; the journal has everything
        unfiltered(sys.stderr).write("\r")  # ours: back to column 0 after the raw-mode screen
        echo("\n" + text, err=True)


class Walk:
    """What is on screen, and what each key does to the session."""

    def __init__(
        self,
        store: Store,
        sid: str,
        lang: str,
        term: Terminal,
        ask: Ask,
        color: bool,
        view: SessionView,
    ) -> None:
        self.store, self.sid, self.lang = store, sid, lang
        self.term, self.ask, self.color = term, ask, color
        self.view = view
        self.current: str | None = None
        self.mode: Mode = "step"
        self.page = 0
        self.pages = 1
        self.notices: list[Notice] = [Notice(w, "warn") for w in view.warnings_in(lang)]
        state = view.state
        if state.platform_id is None and state.playbook.platforms:
            self.notices.append(
                Notice(t("runner.unknown-platform", lang, platform=state.platform), "warn")
            )
        self.text: tuple[str, str] = ("", "")  # (title, body) shown in "text" mode
        self.text_name = ""
        self.importer: Importer | None = None

    # -- state ------------------------------------------------------------------------
    def reload(self) -> None:
        self.view = self.store.open(self.sid, decode_all=True)
        self.notices += [Notice(w, "warn") for w in self.view.warnings_in(self.lang)]

    def status(self) -> Status:
        from dataclasses import replace

        result = status(self.view.state, utcnow())
        if self.view.integrity.damaged:
            result = replace(result, integrity=self.view.integrity.damage_line(self.lang))
        ids = [v.id for v in result.next]
        if self.current not in ids:
            self.current = ids[0] if ids else None
        return result

    # -- drawing ----------------------------------------------------------------------
    def screen(self) -> screen.Screen:
        cells, height = self.term.size()
        st = self.status()
        lang, color = self.lang, self.color
        if self.mode == "checklist":
            shown = screen.checklist_screen(
                st,
                lang=lang,
                cells=cells,
                height=height,
                page=self.page,
                current=self.current,
                color=color,
            )
        elif self.mode == "evidence":
            shown = screen.evidence_menu(
                st, self.current, lang=lang, cells=cells, height=height, color=color
            )
        elif self.mode == "text":
            title, text = self.text
            shown = screen.text_screen(
                st,
                title,
                text,
                lang=lang,
                cells=cells,
                height=height,
                page=self.page,
                extra_keys=[
                    ("w", t("runner.key.save", lang)),
                    ("k", t("runner.key.calendar", lang)),
                ],
                color=color,
            )
        elif self.current is None:
            shown = screen.finished_screen(
                st, lang=lang, cells=cells, height=height, notices=self.notices, color=color
            )
        else:
            shown = screen.step_screen(
                st,
                self.current,
                lang=lang,
                cells=cells,
                height=height,
                page=self.page,
                notices=self.notices,
                color=color,
            )
        self.page, self.pages = shown.page, shown.pages
        return shown

    def tick(self) -> list[str]:
        """Every second while waiting for a key: pick up what other commands recorded."""
        try:
            if self.view.changed():
                self.reload()
        except IncidentError:  # caught mid-write; the next tick or key reads it again
            pass
        return self.screen().lines

    def loop(self) -> None:
        while True:
            self.term.draw(self.screen().lines)
            key = self.term.key(self.tick)
            if not self.handle(key):
                return

    # -- keys -------------------------------------------------------------------------
    def handle(self, key: str) -> bool:
        """Do what ``key`` means on the current screen; False to quit."""
        if key in MORE or key in BACK:
            self.page = (self.page + (1 if key in MORE else -1)) % max(self.pages, 1)
            return True
        if self.mode == "text" and key == "w":
            self.save_text()
            return True
        if self.mode == "text" and key == "k":
            self.save_calendar()
            return True
        if self.mode == "checklist" or self.mode == "text":
            self.mode, self.page = "step", 0
            return True
        if self.mode == "evidence":
            self.mode = "step"
            chosen = screen.evidence_keys().get(key)
            if chosen == "import":
                self.import_file()
            elif chosen is not None:
                self.add_evidence(chosen)
            return True
        if key in ("q", "Q", "\x04"):
            return False
        self.notices = []
        step = self.view.state.playbook.step(self.current) if self.current else None
        if key == "\x0c":  # Ctrl-L: read the journal again and redraw
            self.reload()
        elif key == "c":
            self.mode, self.page = "checklist", 0
        elif key == "e":
            self.mode = "evidence"
        elif key == "n":
            self.add_evidence("note")
        elif key == "r":
            self.report()
        elif key == "m":
            self.message()
        elif key == "u":
            self.undo()
        elif key == "l" and step is not None:
            ids = [v.id for v in self.status().next]
            self.current = ids[(ids.index(step.id) + 1) % len(ids)]
            self.page = 0
        elif step is not None and step.kind == "question" and key.isdigit():
            number = int(key)
            if 1 <= number <= len(step.options):
                self.answer(step.id, step.options[number - 1].value)
        elif step is not None and step.kind != "question" and key in ("d", "s", "f"):
            self.mark(step.id, MARKS[key])
        return True

    # -- actions ----------------------------------------------------------------------
    def core(self, action: Callable[[bool], T]) -> T | None:
        """Call the core; ask before storing password-like text; show errors, never raise them."""
        try:
            try:
                with shielded():
                    return action(False)
            except NeedsConfirmation as exc:
                self.ask.say(exc.text(self.field_name, self.lang), "warn")
                hint = exc.hint_text(self.lang)
                if hint:
                    self.ask.say(hint)
                if not self.ask.confirm(t("runner.ask.store-anyway", self.lang)):
                    self.notices.append(Notice(t("runner.msg.not-stored", self.lang), "warn"))
                    return None
                with shielded():
                    return action(True)
        except IncidentError as exc:  # SecretRefused included: shown, nothing stored
            self.notices.append(Notice(self.error_text(exc), "error"))
            self.notices.append(Notice(t("runner.msg.not-stored", self.lang), "warn"))
            return None
        finally:
            self.reload()

    def form(self, title: str) -> None:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (arrow keys and editing in the questions below)
        st = self.status()
        cells, _ = self.term.size()
        self.term.form(screen.form_head(st, title, lang=self.lang, cells=cells, color=self.color))

    def field_name(self, name: str) -> str:
        """A field as this screen asked for it: the question's label, never an option."""
        for kind in kinds.all_kinds():
            for f in kind.fields:
                if f.name == name:
                    return f.label.get(self.lang)
        key = f"runner.field.{name}"
        return t(key, self.lang) if key in CATALOG else name

    def error_text(self, exc: IncidentError) -> str:
        text = exc.render(self.field_name, self.lang)
        if isinstance(exc, Overridable):
            text += " " + t("runner.msg.override-elsewhere", self.lang)
        return text

    def mark(self, step_id: str, status_: Literal["done", "skipped", "failed"]) -> None:
        step = self.view.state.playbook.step(step_id)
        assert step is not None
        title = step.title.get(self.lang)
        reason = None
        if status_ != "done":
            self.form(
                t(
                    f"runner.form.{'skip' if status_ == 'skipped' else 'failed'}",
                    self.lang,
                    title=title,
                )
            )
            key = "runner.ask.reason-skip" if status_ == "skipped" else "runner.ask.reason-failed"
            try:
                reason = self.ask.text(t(key, self.lang), required=True)
            except Cancelled:
                self.notices.append(Notice(t("runner.msg.cancelled", self.lang)))
                return
        event = self.core(
            lambda ok: actions.mark_step(
                self.store, self.sid, step_id, status_, now=utcnow(), reason=reason, confirmed=ok
            )
        )
        if event is not None:
            shown = t(
                "runner.msg.marked",
                self.lang,
                title=title,
                status=t(f"status.{status_}", self.lang),
            )
            self.notices.append(Notice(shown, "ok" if status_ == "done" else "info"))
            self.current, self.page = None, 0  # on to the first step left (a failed one goes last)

    def undo(self) -> None:
        """Put the step of the last mark or answer back to to-do, after asking."""
        state = self.view.state
        step_id = corrections.last_step_action(state)
        if step_id is None:
            self.notices.append(Notice(t("runner.undo.nothing", self.lang)))
            return
        step = state.playbook.step(step_id)
        title = step.title.get(self.lang) if step else step_id
        self.form(t("runner.key.undo", self.lang))
        try:
            sure = self.ask.confirm(t("runner.undo.ask", self.lang, title=title))
        except Cancelled:
            sure = False
        if not sure:
            self.notices.append(Notice(t("runner.msg.cancelled", self.lang)))
            return
        event = self.core(
            lambda ok: corrections.reset_step(self.store, self.sid, step_id, now=utcnow())
        )
        if event is not None:
            self.notices.append(Notice(t("runner.undo.done", self.lang, title=title), "ok"))
            self.current, self.page = step_id, 0

    def answer(self, step_id: str, value: str) -> None:
        event = self.core(
            lambda ok: actions.answer(self.store, self.sid, step_id, value, now=utcnow())
        )
        if event is not None:
            step = self.view.state.playbook.step(step_id)
            assert step is not None
            label = next(o.label.get(self.lang) for o in step.options if o.value == value)
            self.notices.append(Notice(t("runner.msg.answered", self.lang, answer=label), "ok"))
            self.current, self.page = None, 0

    def add_evidence(self, kind: str) -> None:
        label = screen.kind_label(kind, self.lang)
        self.form(f"{t('runner.evidence-title', self.lang)}: {label}")
        state = self.view.state
        try:
            if kind == "file":
                filled = forms.file(self.ask)
            else:
                filled = forms.evidence(self.ask, kind, state, utcnow())
        except Cancelled:
            self.notices.append(Notice(t("runner.msg.cancelled", self.lang)))
            return
        except IncidentError as exc:
            self.notices += [
                Notice(self.error_text(exc), "error"),
                Notice(t("runner.msg.not-stored", self.lang), "warn"),
            ]
            return
        step_id = self.current
        warnings = actions.warnings_of(filled.draft, state.tz, self.lang)
        if warnings and not self.approve(warnings):
            self.notices.append(Notice(t("runner.msg.not-stored", self.lang), "warn"))
            return
        recorded = self.core(
            lambda ok: actions.add_evidence(
                self.store,
                self.sid,
                filled.draft,
                now=utcnow(),
                files=filled.files,
                step_id=step_id,
                confirmed=ok,
                lang=self.lang,
            )
        )
        if recorded is not None:
            self.notices.append(
                Notice(t("runner.msg.recorded", self.lang, n=recorded.number, kind=label), "ok")
            )
            self.notices += [Notice(w, "error") for w in recorded.warnings]
            self.notices += [Notice(n) for n in recorded.notes]  # e.g. the network inferred

    def approve(self, warnings: list[str]) -> bool:
        """Show what looks wrong with an entry at once; record it unless the user says no."""
        for warning in warnings:
            self.ask.say(f"!!! {warning}", "error")
        return self.ask.confirm(t("check.record-anyway", self.lang), default=True)

    def import_file(self) -> None:
        """Import an exchange's history export: show what it would record, ask, record."""
        lang = self.lang
        self.form(f"{t('runner.evidence-title', lang)}: {t('runner.import', lang)}")
        importer = self.importer
        if importer is None:
            self.notices.append(Notice(t("runner.import-unavailable", lang), "warn"))
            return
        try:
            given = self.ask.text(t("runner.ask.import-path", lang), required=True)
        except Cancelled:
            self.notices.append(Notice(t("runner.msg.cancelled", lang)))
            return
        assert given is not None
        path = forms.path_of(given)
        preview = self.core(lambda ok: importer(self.store, self.sid, path, True))
        if preview is None:
            return
        self.ask.say(
            t(
                "runner.msg.import-preview",
                lang,
                count=len(preview.new),
                skipped=len(preview.skipped),
            )
        )
        for _, tx in preview.flagged():
            for text in txchecks.texts(tx, lang):
                row = tx.source.row if tx.source else "?"
                self.ask.say(f"!!! {t('import.col.row', lang)} {row}: {text}", "error")
        if not preview.new:
            self.notices.append(Notice(t("import.nothing-new", lang)))
            return
        if not self.ask.confirm(t("import.confirm", lang, count=len(preview.new))):
            self.notices.append(Notice(t("runner.msg.not-stored", lang), "warn"))
            return
        done = self.core(lambda ok: importer(self.store, self.sid, path, False))
        if done is None or not done.recorded:
            return
        count = len(done.new)
        self.notices.append(
            Notice(
                t(
                    "runner.msg.imported",
                    lang,
                    count=count,
                    first=done.number(0),
                    last=done.number(count - 1),
                ),
                "ok",
            )
        )
        missing = done.needs_txid()
        if missing:
            entries = ", ".join(f"E{n}" for n, _ in missing[:8]) + (
                ", …" if len(missing) > 8 else ""
            )
            self.notices.append(
                Notice(
                    t(
                        "import.needs-txid",
                        lang,
                        count=len(missing),
                        entries=entries,
                        first=missing[0][0],
                    ),
                    "warn",
                )
            )

    def report(self) -> None:
        from incident.paths import write_output

        self.form(t("runner.form.report", self.lang))
        from incident.report.pdf import default_name

        default = default_name(self.sid)
        try:
            given = self.ask.text(t("runner.ask.report-path", self.lang), default=default)
        except Cancelled:
            self.notices.append(Notice(t("runner.msg.cancelled", self.lang)))
            return
        path = forms.path_of(given or default)
        self.ask.say(t("runner.msg.working", self.lang), "dim")
        try:
            from incident.report import pdf

            self.reload()
            data = pdf.render(self.view, lang=self.lang, now=utcnow())
            with shielded():
                write_output(path, data)
        except IncidentError as exc:
            self.notices.append(Notice(t("runner.msg.failed", self.lang, error=exc), "error"))
            return
        except Exception as exc:  # a bug in the report must not end the walk-through
            error = f"{exc.__class__.__name__}: {exc}"
            self.notices.append(Notice(t("runner.msg.failed", self.lang, error=error), "error"))
            return
        self.notices.append(Notice(t("runner.msg.wrote", self.lang, path=path), "ok"))
        self.notices.append(Notice(t("runner.msg.remind-hint", self.lang)))

    def message(self) -> None:
        from incident.report.messages import Kind
        from incident.report.messages.compose import compose

        kinds = [k.value for k in Kind]
        self.form(t("runner.form.message", self.lang))
        options = [
            (k, t(f"runner.message.{k}", self.lang) if f"runner.message.{k}" in CATALOG else k)
            for k in kinds
        ]
        try:
            kind = self.ask.choose(t("runner.ask.message-kind", self.lang), options, kinds[0])
            composed = compose(
                self.view.state, kind, self.lang, utcnow(), integrity=self.view.integrity
            )
        except Cancelled:
            self.notices.append(Notice(t("runner.msg.cancelled", self.lang)))
            return
        except IncidentError as exc:
            self.notices.append(Notice(t("runner.msg.failed", self.lang, error=exc), "error"))
            return
        self.text = (t("runner.message-title", self.lang), composed.text())
        self.text_name = f"incident-{self.sid}-{kind}-message.txt"
        self.mode, self.page = "text", 0

    def save_text(self) -> None:
        """Write the message on screen to a file, to paste from or attach."""
        from incident.paths import write_output

        self.form(self.text[0])
        try:
            given = self.ask.text(t("runner.ask.message-path", self.lang), default=self.text_name)
        except Cancelled:
            return
        path = forms.path_of(given or self.text_name)
        try:
            with shielded():
                write_output(path, self.text[1].encode("utf-8"))
        except IncidentError as exc:
            self.notices.append(Notice(t("runner.msg.failed", self.lang, error=exc), "error"))
            return
        self.notices.append(Notice(t("runner.msg.wrote", self.lang, path=path), "ok"))
        self.mode = "step"

    def save_calendar(self) -> None:
        """Write the session's deadlines to an .ics file (what `incident remind` writes)."""
        from incident.paths import write_output
        from incident.report.calendar import render_calendar
        from incident.report.reminders import session_reminders

        self.form(t("runner.form.calendar", self.lang))
        default = f"incident-{self.sid}.ics"
        try:
            given = self.ask.text(t("runner.ask.calendar-path", self.lang), default=default)
        except Cancelled:
            self.notices.append(Notice(t("runner.msg.cancelled", self.lang)))
            return
        path = forms.path_of(given or default)
        try:
            self.reload()
            state, at = self.view.state, utcnow()
            found = session_reminders(state, self.lang, at)
            data = render_calendar(
                found.ahead, tz=state.tz, stamp=at, name=f"incident {state.platform}"
            )
            with shielded():
                write_output(path, data)
        except IncidentError as exc:
            self.notices.append(Notice(t("runner.msg.failed", self.lang, error=exc), "error"))
            return
        wrote = t("runner.msg.calendar", self.lang, path=path, count=len(found.ahead))
        self.notices.append(Notice(wrote, "ok"))
        self.mode = "step"

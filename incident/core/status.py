"""The status of a session at a moment: what is done, what is next, what is late."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from incident.catalog import t
from incident.core.state import SessionState
from incident.core.store import Store
from incident.playbook.deadlines import Due
from incident.playbook.engine import Engine, Progress
from incident.playbook.schema import Step
from incident.times import fmt_duration, fmt_local, fmt_local_offset


@dataclass(frozen=True)
class StepView:
    id: str
    title: str
    kind: str
    target_minutes: int
    due_at: datetime
    overdue: bool
    status: str
    unmet: list[str]


@dataclass(frozen=True)
class Status:
    state: SessionState
    now: datetime
    progress: Progress
    next: list[StepView]
    overdue: list[StepView]
    blocked: list[StepView]
    follow_up_due: datetime | None
    deadlines: list[Due]
    integrity: str = ""  # issue 17: "Integrity: damaged — ..." when read in spite of damage

    @property
    def elapsed(self) -> str:
        return fmt_duration(self.now - self.state.discovered_at)

    def to_json(self) -> dict[str, Any]:
        s = self.state
        return {
            "session_id": s.id,
            "status": "open" if s.is_open else "closed",
            "playbook": {
                "id": s.playbook.id,
                "version": s.playbook.version,
                "origin": s.playbook_origin,
                "sha256": s.playbook_sha256,
            },
            "platform": s.platform,
            "platform_id": s.platform_id,
            "account": s.account,
            "lang": s.lang,
            "tz": s.tz,
            "discovered_at": s.discovered_at.isoformat(),
            "now": self.now.isoformat(),
            "minutes_since_discovery": int((self.now - s.discovered_at).total_seconds() // 60),
            "progress": {
                "done": self.progress.done,
                "skipped": self.progress.skipped,
                "failed": self.progress.failed,
                "left": self.progress.left,
                "total": self.progress.total,
            },
            "next": [_step_json(v) for v in self.next],
            "overdue": [_step_json(v) for v in self.overdue],
            "blocked": [_step_json(v) for v in self.blocked],
            "follow_up_due": self.follow_up_due.isoformat() if self.follow_up_due else None,
            "follow_up_overdue": bool(self.follow_up_due and self.now > self.follow_up_due),
            "evidence_count": len(s.evidence),
            "deadlines": [deadline_json(d, s.lang, s.tz, self.now) for d in self.deadlines],
        }

    def lines(self, lang: str | None = None) -> list[str]:
        """The human status screen, in ``lang`` (default: the session's language)."""
        s = self.state
        lang = lang or s.lang
        p = self.progress
        out = [
            f"{t('label.session', lang)}: {s.id} ({t('session.open' if s.is_open else 'session.closed', lang)})",
            f"{t('label.platform', lang)}: {s.platform}    {t('label.account', lang)}: {s.account}",
            f"{t('label.discovered', lang)}: {fmt_local(s.discovered_at, s.tz)}    "
            f"{t('label.since', lang)}: {self.elapsed}",
            f"{t('label.playbook', lang)}: {s.playbook.id} {s.playbook.version} "
            f"({s.playbook_source})",
            f"{t('label.progress', lang)}: "
            + t(
                "progress.line",
                lang,
                done=p.done,
                skipped=p.skipped,
                failed=p.failed,
                left=p.left,
                total=p.total,
            ),
        ]
        out.append("")
        out.append(f"{t('label.next', lang)}:")
        if not self.next:
            out.append("  " + t("next.none", lang))
        for v in self.next[:5]:
            mark = "!" if v.overdue else " "
            late = (
                f" [{t('label.overdue-by', lang)} {fmt_duration(self.now - v.due_at)}]"
                if v.overdue
                else f" [{t('label.due', lang)} {fmt_local(v.due_at, s.tz)}]"
            )
            out.append(f" {mark} {v.id}: {v.title}{late}")
        if self.overdue:
            out.append("")
            out.append(f"{t('label.overdue', lang)}: " + ", ".join(v.id for v in self.overdue))
        if self.blocked:
            out.append(f"{t('label.blocked', lang)}:")
            for v in self.blocked:
                out.append(f"   {v.id} ({t('label.needs', lang)} {', '.join(v.unmet)})")
        out.append("")
        if self.follow_up_due is None:
            out.append(f"{t('label.follow-up', lang)}: {t('label.follow-up-none', lang)}")
        else:
            late = " (!)" if self.now > self.follow_up_due else ""
            out.append(f"{t('label.follow-up', lang)}: {fmt_local(self.follow_up_due, s.tz)}{late}")
        out += deadline_lines(self.deadlines, lang, s.tz, self.now)
        return out


# -- day-scale deadlines (issue 14) ---------------------------------------------------


def deadline_line(d: Due, lang: str, tz: str, now: datetime) -> str:
    """``2026-12-14 10:05 +08:00 (6d 23h left): title`` in the session's zone."""
    title = d.deadline.title.get(lang)
    if d.at is None:
        start = d.deadline.start
        return f"{t('deadline.not-started', lang, step=start)}: {title}"
    when = fmt_local_offset(d.at, tz)  # a numeric offset: CST names two zones
    if d.met:
        state = t("deadline.met", lang)
    elif now > d.at:
        state = t("deadline.passed", lang, late=fmt_duration(now - d.at))
    else:
        state = t("deadline.left", lang, left=fmt_duration(d.at - now))
    return f"{when} ({state}): {title}"


def deadline_lines(deadlines: list[Due], lang: str, tz: str, now: datetime) -> list[str]:
    if not deadlines:
        return []
    out = ["", f"{t('deadline.label', lang)}:"]
    for d in deadlines:
        mark = "!" if d.late(now) else " "
        out.append(f" {mark} {deadline_line(d, lang, tz, now)}")
    return out


def deadline_json(d: Due, lang: str, tz: str, now: datetime) -> dict[str, Any]:
    return {
        "id": d.deadline.id,
        "title": d.deadline.title.get(lang),
        "platform": d.deadline.platform,
        "start": d.deadline.start,
        "days": d.deadline.days,
        "hours": d.deadline.hours,
        "due_at": d.at.isoformat() if d.at else None,
        "due_at_local": fmt_local_offset(d.at, tz) if d.at else None,
        "met": d.met,
        "passed": d.late(now),
        "source": d.deadline.source,
        "checked": d.deadline.checked.isoformat(),
    }


def _step_json(v: StepView) -> dict[str, Any]:
    return {
        "id": v.id,
        "title": v.title,
        "kind": v.kind,
        "status": v.status,
        "target_minutes": v.target_minutes,
        "due_at": v.due_at.isoformat(),
        "overdue": v.overdue,
        "requires_unmet": v.unmet,
    }


def view(state: SessionState, engine: Engine, step: Step, now: datetime) -> StepView:
    due = engine.due_at(step, state.discovered_at)
    st = state.steps[step.id].status
    return StepView(
        id=step.id,
        title=step.title.get(state.lang),
        kind=step.kind,
        target_minutes=step.target_minutes,
        due_at=due,
        overdue=st not in ("done", "skipped") and now > due,
        status=st,
        unmet=engine.unmet(step),
    )


def status(state: SessionState, now: datetime) -> Status:
    engine = state.engine
    return Status(
        state=state,
        now=now,
        progress=engine.progress(),
        next=[view(state, engine, s, now) for s in engine.next_steps()],
        overdue=[view(state, engine, s, now) for s in engine.overdue(state.discovered_at, now)],
        blocked=[view(state, engine, s, now) for s, _ in engine.blocked()],
        follow_up_due=state.follow_up_due(),
        deadlines=state.deadlines(),
    )


def summaries(
    store: Store, now: datetime | None = None, skipped: list[str] | None = None
) -> list[dict[str, Any]]:
    """One row per session for `incident list`, most recently active first.

    Each row tells sessions apart: when it was started and discovered, its last activity and
    its progress (which reads the whole session; ``None`` when it cannot be read). A session
    whose journal cannot be read at all (another data key, a damaged head) is left out and
    said in ``skipped``, so one bad folder never hides the others.
    """
    from incident.errors import IncidentError, KeyUnavailable, WrongKey

    rows = []
    for sid in store.ids():
        try:
            head = store.head(sid)
            first = store.first_event(sid)
        except IncidentError as exc:
            if isinstance(exc, KeyUnavailable) and not isinstance(exc, WrongKey):
                raise  # the folder's key (a wrong passphrase): no session can be read
            if skipped is not None:
                skipped.append(f"session {sid} skipped: {exc.text()}")
            continue
        edits = head.meta.get("edits", {})  # session facts given anew since the start
        updated = datetime.fromisoformat(str(head.meta.get("updated_at", first.at.isoformat())))
        try:
            progress: dict[str, int] | None = status(
                store.open(sid).state, now or first.at
            ).to_json()["progress"]
        except IncidentError:
            progress = None
        discovered = datetime.fromisoformat(
            str(edits.get("discovered_at", first.discovered_at.isoformat()))
        )
        rows.append(
            {
                "session_id": sid,
                "status": "damaged"  # its head file cannot be read (see `incident repair`)
                if head.meta.get("damaged")
                else "closed"
                if head.meta.get("closed")
                else "open",
                "playbook": first.playbook.id,
                "platform": edits.get("platform", first.platform),
                "account": edits.get("account", first.account),
                "lang": first.lang,
                "started_at": first.at.isoformat(),
                "started_local": fmt_local(first.at, edits.get("tz", first.tz)),
                "discovered_at": discovered.isoformat(),
                "discovered_local": fmt_local(discovered, edits.get("tz", first.tz)),
                "last_activity": updated.isoformat(),
                "last_activity_local": fmt_local(updated, edits.get("tz", first.tz)),
                "entries": head.count,
                "evidence_count": int(head.meta.get("evidence", 0)),
                "progress": progress,
            }
        )
    rows.sort(key=lambda r: str(r["last_activity"]), reverse=True)
    return rows

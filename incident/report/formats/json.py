"""The JSON export: a stable, documented shape (``format: incident-export``, ``version: 1``)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from incident.core.amounts import plain_amount
from incident.core.state import Change, EvidenceItem, SessionState
from incident.core.timeline import timeline

if TYPE_CHECKING:
    from incident.core.view import SessionView
    from incident.report.formats import Options


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def steps(state: SessionState) -> list[dict[str, Any]]:
    engine = state.engine
    rows = []
    for step in state.playbook.steps:
        s = state.steps[step.id]
        due = state.engine.due_at(step, state.discovered_at)
        applies = engine.applies(step)
        rows.append(
            {
                "id": step.id,
                "kind": step.kind,
                "title": {"en": step.title.en, "zh": step.title.zh},
                "applies": applies,
                "waiting_for_answer": engine.waiting(step),
                "status": s.status,
                "at": _iso(s.at),
                "target_minutes": step.target_minutes,
                "due_at": due.isoformat(),
                "met_target": None if s.at is None or s.status != "done" else s.at <= due,
                "note": s.note,
                "reason": s.reason,
                "forced": s.forced,
                "unmet_when_forced": s.unmet,
                "answer": s.answer,
            }
        )
    return rows


def _value(value: object) -> object:
    if value is None or isinstance(value, bool | int):
        return value
    return value.isoformat() if isinstance(value, datetime) else str(value)


def change(c: Change) -> dict[str, Any]:
    """One correction: when, what (old -> new per field), why."""
    return {
        "at": c.at.isoformat(),
        "action": c.action,
        "number": c.number,
        "subject": c.subject,
        "fields": {
            name: {"old": _value(old), "new": _value(new)} for name, (old, new) in c.fields.items()
        },
        "reason": c.reason,
    }


def evidence_item(item: EvidenceItem, after_gap: int | None = None) -> dict[str, Any]:
    """The entry as it reads now (corrected values), its state and its history; marked
    ``after_gap`` when it follows entries a damaged journal lost."""
    body = item.evidence.model_dump(mode="json", exclude_none=True)
    out = {
        "number": item.number,
        "recorded_at": item.at.isoformat(),
        "step_id": item.step_id,
        **body,
        "state": item.state,
        "history": [change(c) for c in item.history()],
        "attachments": [a.model_dump(mode="json", exclude_none=True) for a in item.attachments],
        "confirmed_warnings": item.confirmed,
    }
    if after_gap is not None and item.entry >= after_gap:
        out["after_gap"] = True  # only on a damaged session, read in spite of the damage
    return out


def integrity(view: SessionView) -> dict[str, Any]:
    """Issue 17: whether the journal was read in spite of damage, what is lost, its repairs."""
    i = view.integrity
    return {
        "damaged": i.damaged,
        "summary": i.damage_line("en") or None,
        "entries_shown": i.entries,
        "lost": [
            {"entries": list(d.entries), "reason": d.reason, "bytes": d.size, "sha256": d.sha256}
            for d in i.damage
        ],
        "after_gap": i.after_gap,
        "repairs": [
            {"at": r.at.isoformat(), "lost": [p.model_dump(mode="json") for p in r.lost]}
            for r in view.state.repairs
        ],
    }


def document(state: SessionState, lang: str, now: datetime) -> dict[str, Any]:
    return {
        "format": "incident-export",
        "version": 1,
        "exported_at": now.isoformat(),
        "session": {
            "id": state.id,
            "status": "open" if state.is_open else "closed",
            "playbook": {
                "id": state.playbook.id,
                "version": state.playbook.version,
                "origin": state.playbook_origin,
                "sha256": state.playbook_sha256,
            },
            "platform": state.platform,
            "platform_id": state.platform_id,
            "account": state.account,
            "discovered_at": state.discovered_at.isoformat(),
            "started_at": state.started_at.isoformat(),
            "closed_at": _iso(state.closed_at),
            "tz": state.tz,
            "lang": state.lang,
        },
        "steps": steps(state),
        "evidence": [evidence_item(i) for i in state.evidence],
        "totals": {asset: plain_amount(amount) for asset, amount in state.totals().items()},
        "tickets": state.tickets(),
        "corrections": [change(c) for c in state.changes()],
        "follow_up_due": _iso(state.follow_up_due()),
        "timeline": [
            {
                "at": e.at.isoformat(),
                "recorded_at": _iso(e.recorded),
                "type": e.kind,
                "text": e.text,
                "detail": e.detail,
            }
            for e in timeline(state, lang)
        ],
    }


def render(view: SessionView, options: Options) -> bytes:
    data = document(view.state, options.lang, options.now)
    gap = view.integrity.after_gap
    if gap is not None:
        data["evidence"] = [evidence_item(i, after_gap=gap) for i in view.state.evidence]
    data["integrity"] = integrity(view)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")

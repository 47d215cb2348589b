"""`incident verify`: check a session's journal and attachments end to end."""

from __future__ import annotations

from typing import Any

from incident.catalog import t
from incident.core.store import Store
from incident.core.view import loss_words
from incident.times import fmt_local


def verify_session(store: Store, session_id: str) -> dict[str, Any]:
    """Raise IntegrityError naming the first bad entry; otherwise describe what was checked.

    A session that was repaired passes, with each repair among the warnings.
    """
    view = store.open(session_id, decode_all=True)  # an entry it cannot read is named
    if view.integrity.error is not None:  # read in spite of damage: verify says so
        raise view.integrity.error
    digests = {a.sha256 for _, a in view.state.attachments()}
    for digest in sorted(digests):
        view.blob(digest)
    integrity = view.integrity
    state = view.state
    repairs = [
        t(
            "integrity.repaired",
            "en",
            when=fmt_local(r.at, state.tz),
            what=loss_words([(p.entries, p.reason) for p in r.lost], "en"),
        )
        for r in state.repairs
    ]
    return {
        "session_id": session_id,
        "ok": True,
        "entries": integrity.entries,
        "acknowledged": integrity.acknowledged,
        "head_hash": integrity.head_hash,
        "attachments": len(digests),
        "warnings": view.warnings + repairs,
    }

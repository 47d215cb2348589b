"""`incident verify`: check a session's journal and attachments end to end."""

from __future__ import annotations

from typing import Any

from incident.core.store import Store


def verify_session(store: Store, session_id: str) -> dict[str, Any]:
    """Raise IntegrityError naming the first bad entry; otherwise describe what was checked."""
    view = store.open(session_id, decode_all=True)  # an entry it cannot read is named
    digests = {a.sha256 for _, a in view.state.attachments()}
    for digest in sorted(digests):
        view.blob(digest)
    integrity = view.integrity
    return {
        "session_id": session_id,
        "ok": True,
        "entries": integrity.entries,
        "acknowledged": integrity.acknowledged,
        "head_hash": integrity.head_hash,
        "attachments": len(digests),
        "warnings": view.warnings,
    }

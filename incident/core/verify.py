"""`incident verify`: check a session's journal and attachments end to end."""

from __future__ import annotations

from typing import Any

from incident.core.store import Store


def verify_session(store: Store, session_id: str) -> dict[str, Any]:
    """Raise IntegrityError naming the first bad entry; otherwise describe what was checked."""
    opened = store.open(session_id, decode_all=True)  # an entry it cannot read is named
    digests = {a.sha256 for _, a in opened.state.attachments()}
    for digest in sorted(digests):
        opened.blobs.get(digest)
    return {
        "session_id": session_id,
        "ok": True,
        "entries": len(opened.state.entries),  # one per record: open() read them all
        "acknowledged": opened.head.count,
        "head_hash": opened.last_hash,
        "attachments": len(digests),
        "warnings": opened.warnings,
    }

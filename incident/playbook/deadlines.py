"""Day-scale deadlines: which of a playbook's apply to a session, and when each falls due.

Pure like the engine: it is given the platform, whether money was taken and when steps were
done, and knows nothing of events.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from incident.playbook.schema import Deadline, Playbook


@dataclass(frozen=True)
class Due:
    """One deadline for this session: ``at`` is None while the step it counts from is not done."""

    deadline: Deadline
    at: datetime | None
    met: bool

    def late(self, now: datetime) -> bool:
        return not self.met and self.at is not None and now > self.at


def applicable(pb: Playbook, platform_id: str | None, funds_taken: bool) -> list[Deadline]:
    """The playbook's deadlines for this platform (and for every platform), in file order."""
    return [
        d
        for d in pb.deadlines
        if (d.platform is None or d.platform == platform_id) and (funds_taken or not d.funds_taken)
    ]


def due(
    pb: Playbook,
    *,
    platform_id: str | None,
    funds_taken: bool,
    discovered_at: datetime,
    done_at: Mapping[str, datetime],
) -> list[Due]:
    """Each applicable deadline with the moment it falls due, soonest first."""
    out = []
    for d in applicable(pb, platform_id, funds_taken):
        start = discovered_at if d.start == "discovery" else done_at.get(d.start)
        at = start + d.length if start is not None else None
        out.append(Due(d, at, d.met_by is not None and d.met_by in done_at))
    return sorted(out, key=lambda x: (x.at is None, x.at or discovered_at))

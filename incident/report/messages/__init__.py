"""Ready-to-paste messages to support. The kinds are listed here, light enough for `--help`;
``compose`` writes one from the session's facts."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    FREEZE = "freeze"
    RECOVERY = "recovery"
    DISPUTE = "dispute"
    FOLLOW_UP = "follow-up"
    POLICE = "police"

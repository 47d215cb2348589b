"""Leaving out rows already recorded: the rule lives in the core (incident.core.duplicates)."""

from incident.core.duplicates import Dedup, Reason, Recorded, Skipped, drop_duplicates, txid_key

__all__ = ["Dedup", "Reason", "Recorded", "Skipped", "drop_duplicates", "txid_key"]

"""Domain errors: the core raises these; the command line turns them into one-line messages."""

from __future__ import annotations


class IncidentError(Exception):
    """Base of every error a user may see; ``exit_code`` is what the command exits with."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"


class UsageError(IncidentError):
    """The command was called with arguments that do not fit."""

    exit_code = 2


class PlaybookError(IncidentError):
    """A playbook could not be found, parsed or validated."""


class SessionNotFound(IncidentError):
    """No session matches what was asked for."""


class SessionInUse(IncidentError):
    """Another incident process holds the session's lock."""


class StepError(IncidentError):
    """A step action that the playbook or the session state does not allow."""


class EvidenceError(IncidentError):
    """Evidence that cannot be recorded as given (bad time, amount, file...)."""


class SecretRefused(EvidenceError):
    """Text that holds a secret support never needs (seed phrase, private key)."""


class NeedsConfirmation(EvidenceError):
    """Text that looks like a password or one-time code; stored only when confirmed."""


class KeyUnavailable(IncidentError):
    """The data key cannot be reached or is wrong."""


class IntegrityError(IncidentError):
    """The journal was changed after it was written."""

    exit_code = 3

    def __init__(self, message: str, entry: int | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.entry = entry


class TimestampUnavailable(IncidentError):
    """The time-stamping authority could not be reached or did not grant a token."""


class TimestampInvalid(IntegrityError):
    """A trusted timestamp does not prove what it claims (other data, bad signature, untrusted)."""

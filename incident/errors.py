"""Domain errors: the core raises these; the command line turns them into one-line messages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Self


def _as_is(name: str) -> str:
    return name


class IncidentError(Exception):
    """Base of every error a user may see; ``exit_code`` is what the command exits with.

    An error about one field of the input names it as ``{field}`` in its message and keeps
    the model's name for it in ``field``: the command line shows it as its option
    (``--to-address``), the runner as the question it asked.
    """

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.field = field
        # Set by ``said``: the catalog's words for the message and hint, in any language.
        self.key: str | None = None
        self.hint_key: str | None = None
        self.values: dict[str, object] = {}

    @classmethod
    def said(
        cls,
        key: str,
        hint: str | None = None,
        /,
        values: Mapping[str, object] | None = None,
        **kwargs: Any,
    ) -> Self:
        """The error whose message is catalog entry ``key`` (and hint ``hint``), with ``values``.

        ``kwargs`` go to the constructor (``field=``, ``step_id=``...). The English words are
        its ``message``; ``text(lang=...)`` says it in the user's language.
        """
        from incident.catalog import t

        filled = dict(values or {})
        message = t(key, "en", **{"field": "{field}", **filled})
        err = cls(message, t(hint, "en", **filled) if hint else None, **kwargs)
        err.key, err.hint_key, err.values = key, hint, filled
        return err

    def text(self, name: Callable[[str], str] = _as_is, lang: str = "en") -> str:
        """The message with its field named by ``name``, in ``lang``; the hint is apart."""
        if self.key is not None:
            from incident.catalog import t

            field = name(self.field) if self.field else t("error.value", lang)
            return t(self.key, lang, **{**self.values, "field": field})
        return self.message.replace("{field}", name(self.field) if self.field else "value")

    def hint_text(self, lang: str = "en") -> str | None:
        """The hint in ``lang`` (an error made without the catalog keeps its English)."""
        if self.hint_key is not None:
            from incident.catalog import t

            return t(self.hint_key, lang, **self.values)
        return self.hint

    def render(self, name: Callable[[str], str] = _as_is, lang: str = "en") -> str:
        """Message and hint on one line."""
        message = self.text(name, lang)
        hint = self.hint_text(lang)
        if not hint:
            return message
        return f"{message}（{hint}）" if lang == "zh" else f"{message} ({hint})"

    def __str__(self) -> str:
        return self.render()


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

    def __init__(
        self, message: str, hint: str | None = None, *, step_id: str | None = None
    ) -> None:
        super().__init__(message, hint)
        self.step_id = step_id  # the step to act on next (to answer, to mark, ...)


class UnknownStep(StepError):
    """No step has this id (the hint may offer the closest one)."""


class QuestionStep(StepError):
    """The step is a question: it is answered, not marked (``step_id`` is the question)."""


class ActionStep(StepError):
    """The step is not a question: it is marked done, skipped or failed."""


class Overridable(StepError):
    """A step action the playbook advises against, which the user may record anyway."""


class WaitingForAnswer(StepError):
    """The step applies only once question ``step_id`` is answered."""


class SessionClosedError(StepError):
    """The session is closed: nothing more can be recorded until it is reopened."""


class EvidenceError(IncidentError):
    """Evidence that cannot be recorded as given (bad time, amount, file...)."""


class SecretRefused(EvidenceError):
    """Text that holds a secret support never needs (seed phrase, private key)."""


class NeedsConfirmation(EvidenceError):
    """Text that looks like a password or one-time code; stored only when confirmed.

    ``what`` is "password" or "one-time code"; the caller asks (a prompt, --yes).
    """

    def __init__(
        self, message: str, hint: str | None = None, *, field: str | None = None, what: str = ""
    ) -> None:
        super().__init__(message, hint, field=field)
        self.what = what


class Declined(EvidenceError):
    """The user answered no when shown what looked wrong; nothing was stored."""


class KeyUnavailable(IncidentError):
    """The data key cannot be reached or is wrong."""


class WrongKey(KeyUnavailable):
    """The session was written with another data key: not a sign of tampering."""


class IntegrityError(IncidentError):
    """The journal was changed after it was written."""

    exit_code = 3

    def __init__(self, message: str, entry: int | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.entry = entry


class SessionDamaged(IntegrityError):
    """A write refused because the session's journal is damaged (issue 17): repair it first."""

    def __init__(self, session_id: str, cause: IntegrityError) -> None:
        super().__init__(
            f"session {session_id} is damaged ({cause.message}); nothing was recorded",
            entry=cause.entry,
            hint=f"set the damage aside first with: incident repair --session {session_id}",
        )


class TimestampUnavailable(IncidentError):
    """The time-stamping authority could not be reached or did not grant a token."""


class TimestampInvalid(IntegrityError):
    """A trusted timestamp does not prove what it claims (other data, bad signature, untrusted)."""

"""The step engine: which steps apply, which come next, which are blocked or overdue.

It knows the playbook and each step's status and answer; it knows nothing of events.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from incident.playbook.schema import Playbook, Step

Status = Literal["pending", "done", "skipped", "failed"]
RESOLVED: tuple[Status, ...] = ("done", "skipped")
MAX_DEPTH = 100  # questions gating questions, and steps requiring steps, in one chain


@dataclass(frozen=True)
class Progress:
    done: int
    skipped: int
    failed: int
    left: int
    total: int


class Engine:
    def __init__(
        self,
        playbook: Playbook,
        status: Mapping[str, Status],
        answers: Mapping[str, str],
        platform_id: str | None = None,
        done_at: Mapping[str, datetime] | None = None,
    ) -> None:
        self.playbook = playbook
        self.status = status
        self.answers = answers
        self.platform_id = platform_id
        self.done_at = done_at or {}

    def applies(self, step: Step) -> bool:
        """False when a branch answer excludes the step or it waits on an unanswered question.

        A loop up the chain of questions, not recursion: a playbook frozen into a session
        with a very long chain must still open. Past ``MAX_DEPTH`` a step never applies.
        """
        current = step
        for _ in range(MAX_DEPTH + 1):
            if current.platforms and self.platform_id not in current.platforms:
                return False
            if current.unless is not None and self._answered(
                current.unless.step, current.unless.answer
            ):
                return False
            if current.when is None:
                return True
            question = self.playbook.step(current.when.step)
            if question is None:
                return False
            answer = self.answers.get(current.when.step)
            if answer is None or answer not in current.when.answer:
                return False
            current = question
        return False

    def _answered(self, question_id: str, values: list[str]) -> bool:
        question = self.playbook.step(question_id)
        if question is None or not self.applies(question):
            return False
        return self.answers.get(question_id) in values

    def why_not(self, step: Step) -> str:
        """Why a step does not apply on this path, in words for an error line."""
        if step.platforms and self.platform_id not in step.platforms:
            return f"only for platform {', '.join(step.platforms)}"
        if step.unless is not None and self._answered(step.unless.step, step.unless.answer):
            return f"{step.unless.step} was answered {self.answers.get(step.unless.step)!r}"
        if step.when is not None:
            return f"{step.when.step} was answered {self.answers.get(step.when.step)!r}"
        return "it does not apply"

    def waiting(self, step: Step) -> bool:
        """True when the step depends on a question not answered yet."""
        if step.when is None:
            return False
        return step.when.step not in self.answers

    def unmet(self, step: Step) -> list[str]:
        """Required steps that apply on this path and are neither done nor skipped."""
        missing = []
        for req in step.requires:
            other = self.playbook.step(req)
            if other is None or not self.applies(other):
                continue
            if self.status.get(req, "pending") not in RESOLVED:
                missing.append(req)
        return missing

    def visible(self) -> list[Step]:
        return [s for s in self.playbook.steps if self.applies(s)]

    def open_steps(self) -> list[Step]:
        return [s for s in self.visible() if self.status.get(s.id, "pending") not in RESOLVED]

    def next_steps(self) -> list[Step]:
        """Steps one can do now: pending before failed, each in playbook order."""
        ready = [s for s in self.open_steps() if not self.unmet(s)]
        pending = [s for s in ready if self.status.get(s.id, "pending") == "pending"]
        failed = [s for s in ready if self.status.get(s.id) == "failed"]
        return pending + failed

    def blocked(self) -> list[tuple[Step, list[str]]]:
        return [(s, self.unmet(s)) for s in self.open_steps() if self.unmet(s)]

    def due_at(self, step: Step, discovered_at: datetime) -> datetime:
        """Discovery plus the target, or the target after ``target_from`` where that applies."""
        base = discovered_at
        anchor = self.playbook.step(step.target_from) if step.target_from else None
        if anchor is not None and anchor.id != step.id and self.applies(anchor):
            base = self.done_at.get(anchor.id) or self.due_at(anchor, discovered_at)
        return base + timedelta(minutes=step.target_minutes)

    def overdue(self, discovered_at: datetime, now: datetime) -> list[Step]:
        return [s for s in self.open_steps() if now > self.due_at(s, discovered_at)]

    def progress(self) -> Progress:
        visible = self.visible()
        counts = {"done": 0, "skipped": 0, "failed": 0, "pending": 0}
        for s in visible:
            counts[self.status.get(s.id, "pending")] += 1
        left = counts["pending"] + counts["failed"]
        return Progress(counts["done"], counts["skipped"], counts["failed"], left, len(visible))

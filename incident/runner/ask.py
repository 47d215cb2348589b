"""Questions asked one line at a time (the terminal is in its normal, line-edited mode).

Ctrl-C is left to propagate (the runner stops, everything recorded stays recorded);
Ctrl-D, or Enter on an empty required answer, cancels the form with ``Cancelled``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from incident.catalog import t
from incident.errors import IncidentError
from incident.visible import echo, visible


class Cancelled(Exception):
    """The user left the form; nothing of it is stored."""


class Ask:
    def __init__(self, lang: str, color: bool = True) -> None:
        self.lang = lang
        self.color = color

    def say(self, text: str, tone: str = "info") -> None:
        styles: dict[str, dict[str, Any]] = {
            "error": {"fg": "red", "bold": True},
            "warn": {"fg": "yellow", "bold": True},
            "ok": {"fg": "green"},
            "dim": {"dim": True},
        }
        style = styles.get(tone, {}) if self.color else {}
        echo(text, **style)

    def _line(self, label: str) -> str:
        colon = " " if label.endswith(("?", "？")) else "：" if self.lang == "zh" else ": "
        try:
            return input(visible(f"{label}{colon}"))
        except EOFError:
            echo("")
            raise Cancelled from None

    def text(
        self,
        label: str,
        *,
        required: bool = False,
        default: str | None = None,
        check: Callable[[str], object] | None = None,
        field: str | None = None,
    ) -> str | None:
        """A line of text; None for an empty optional answer. ``check`` raises to re-ask."""
        shown = f"{label} [{default}]" if default else label
        while True:
            value = self._line(shown).strip() or (default or "")
            if not value:
                if required:
                    raise Cancelled
                return None
            if check is not None:
                try:
                    check(value)
                except IncidentError as exc:
                    # Named as this question names it (``field``), never as an option.
                    named = field or t("error.value", self.lang)
                    self.say("  " + exc.render(_named(named), self.lang), "error")
                    continue
            return value

    def choose(self, label: str, options: Sequence[tuple[str, str]], default: str) -> str:
        """One of ``options`` (value, label), by number or by value."""
        for i, (value, text) in enumerate(options, 1):
            mark = " *" if value == default else ""
            echo(f"  {i}. {text}{mark}")
        number = next(i for i, (v, _) in enumerate(options, 1) if v == default)
        while True:
            raw = self._line(f"{label} [{number}]").strip().casefold()
            if not raw:
                return default
            for i, (value, text) in enumerate(options, 1):
                if raw in (str(i), value.casefold(), text.casefold()):
                    return value
            self.say("  " + t("runner.ask.pick", self.lang, count=len(options)), "error")

    def confirm(self, label: str, default: bool = False) -> bool:
        raw = self._line(f"{label} [{'Y/n' if default else 'y/N'}]").strip().casefold()
        if not raw:
            return default
        return raw in ("y", "yes", "是", "是的", "好")


def _named(name: str) -> Callable[[str], str]:
    """Every field called ``name``: the question that was just asked."""
    return lambda _field: name

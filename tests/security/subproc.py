"""Running `python -m incident` as a separate process, the way a user's shell does."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent  # holds fake_keyrings.py


@dataclass
class Done:
    code: int
    out: str
    err: str
    seconds: float

    @property
    def text(self) -> str:
        return self.out + self.err


def env(**changes: str | None) -> dict[str, str]:
    """The current environment (INCIDENT_HOME etc. from the fixtures) with ``changes``."""
    result = dict(os.environ)
    result["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(HERE), os.environ.get("PYTHONPATH", "")) if p
    )
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def incident(
    *args: str, environ: dict[str, str] | None = None, input: str = "", timeout: float = 120
) -> Done:
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "incident", *args],
        env=environ if environ is not None else env(),
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Done(proc.returncode, proc.stdout, proc.stderr, time.monotonic() - started)

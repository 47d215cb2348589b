"""Fixtures for the report tests: the demo session (replayed once per module) and PDF readers."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from incident.core import actions
from incident.core.state import SessionState
from incident.core.store import Store
from incident.core.view import SessionView


@dataclass
class Demo:
    view: SessionView
    report_at: datetime
    shots: Path
    _cache: dict[tuple[str, bool, bool], bytes] = field(default_factory=dict)

    def pdf(self, lang: str = "en", redact: bool = False, originals: bool = False) -> bytes:
        """The demo's report (rendered once per language, redaction and --attach-originals)."""
        from incident.report import pdf

        key = (lang, redact, originals)
        if key not in self._cache:
            self._cache[key] = pdf.render(
                self.view,
                lang=lang,
                now=self.report_at,
                redact=redact,
                invariant=True,
                originals=originals,
            )
        return self._cache[key]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    from incident import demo as scenario

    root = tmp_path_factory.mktemp("demo")
    store = Store(home=root / "home", passphrase="demo passphrase for the tests")
    shots = root / "shots"
    shots.mkdir()
    view, report_at = scenario.replay(store, scenario.load_scenario(), shots)
    yield Demo(view, report_at, shots)


def pdftotext(data: bytes, *args: str) -> str:
    from tests.conftest import has_tool

    if not has_tool("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(
        ["pdftotext", *args, "-", "-"], input=data, capture_output=True, check=True
    )
    return out.stdout.decode("utf-8")


def reader(data: bytes) -> Any:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def pypdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in reader(data).pages)


def page_texts(data: bytes) -> list[str]:
    """pdftotext's text of each page (split at form feeds)."""
    pages = pdftotext(data).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def link_uris(data: bytes) -> list[str]:
    uris = []
    for page in reader(data).pages:
        for annot in page.get("/Annots") or []:
            obj = annot.get_object()
            action = obj.get("/A")
            if obj.get("/Subtype") == "/Link" and action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def squash(text: str) -> str:
    """Text without any whitespace: a wrapped TxID reads as one string again."""
    return "".join(text.split())


Render = Callable[..., bytes]


def body_text(data: bytes) -> str:
    """pdftotext's text without the running head and the "Page X of Y" line of each page,
    so text that flows across pages reads as one."""
    import re

    kept = []
    for page in page_texts(data):
        for line in page.splitlines():
            if line.startswith(("Incident report · ", "事件报告 · ")) or re.fullmatch(
                r"(Page \d+ of \d+|第 \d+ 页，共 \d+ 页)", line.strip()
            ):
                continue
            kept.append(line)
    return "\n".join(kept)


def okx_session(store: Store, started: datetime) -> SessionState:
    """A crypto-exchange session for OKX (lin@example.com, Asia/Shanghai) started at ``started``."""
    return actions.start(
        store,
        playbook="crypto-exchange",
        platform="OKX",
        account="lin@example.com",
        now=started,
        tz="Asia/Shanghai",
    )

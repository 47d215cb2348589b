"""Property: whatever Unicode a user records as evidence, the report renders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from incident.core import actions
from incident.core.store import Store
from incident.errors import SecretRefused
from incident.report import pdf
from incident.visible import first_control
from tests.report.conftest import okx_session, reader

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
SPECIALS = [
    "<b>",
    "</para>",
    '<img src="/etc/passwd"/>',
    "&amp;",
    "&",
    "<br/>",
    "]]>",
    '"',
    "'",
    "\u202e",
    "\u200f",
    "\u200e",
    "\u2066",
    "\u061c",
    "\ufeff",
    "\u200b",
    "\u00ad",
    "😀",
    "🇨🇳",
    "👩🏽‍💻",
    "\U0010fffd",
    "\ufffe",
    "\uffff",
    "\x00",
    "\x1b[31m",
    "\r\n",
    "\x0c",
    "\t",
    "\u2028",
    "中文说明",
    "ا",
    "ש",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\u0301\u0301\u0301",
    "ﷺ",
    "A" * 300,
]
pieces = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60),
    st.sampled_from(SPECIALS),
)
texts = st.lists(pieces, max_size=12).map("".join)


def one_line(text: str) -> str:
    """What a one-line field accepts: the text without its control characters."""
    return "".join(c for c in text if first_control(c) is None)


@st.composite
def notes(draw: st.DrawFn) -> str:
    text = draw(texts)
    if draw(st.integers(0, 4)) == 0:  # now and then a 100 KB note
        seed = text or "x"
        text = (seed * (100_000 // len(seed) + 1))[:100_000]
    return text


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(note=notes(), tx_text=texts, network=texts, lang=st.sampled_from(["en", "zh"]))
def test_any_evidence_renders(note: str, tx_text: str, network: str, lang: str) -> None:
    store = Store()
    sid = okx_session(store, NOW - timedelta(hours=1)).id
    try:
        if note.strip():
            actions.add_evidence(store, sid, actions.note(note), now=NOW, confirmed=True)
        actions.add_evidence(
            store,
            sid,
            actions.transaction(
                time="2026-11-25T09:00",
                tx_type="withdrawal",
                asset="USDT",
                amount="1.5",
                to_address=one_line(tx_text)[:4000],
                txid=one_line(tx_text)[:4000],
                network=one_line(network)[:4000],
                note=tx_text,
            ),
            now=NOW,
            confirmed=True,
        )
    except SecretRefused:
        reject()  # text that looks like a seed phrase or private key is never stored
    data = pdf.render(store.open(sid), lang=lang, now=NOW, invariant=True)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(reader(data).pages) >= 5

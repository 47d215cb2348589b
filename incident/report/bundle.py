"""The case file for police, lawyers and insurers: one ZIP with everything and its hashes.

``write_bundle(view, path, ...)`` puts in, in this order: ``README.txt`` (en and zh: what
each file is, how to check it), ``verify.txt`` (what ``incident verify`` says), the PDF
report with the originals attached in each language asked for, the JSON export, the
Markdown summary per language, ``transactions.csv``, and every original evidence file
byte for byte under ``originals/E<n>/<recorded name>``; then ``SHA256SUMS`` over all of
them, and with a time-stamping authority its token over ``SHA256SUMS`` and its certificate.

The bundle is the other formats put together and streamed into a file, not one more
``render(view, options) -> bytes``: the originals can run to hundreds of megabytes, so it
is not an output format of ``formats`` (whose members return bytes) but uses them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from incident.catalog import t
from incident.core.verify import reference, summary_line, verify_view
from incident.errors import IntegrityError, UsageError
from incident.report.casefile import CaseFile, Entry, check_case_file, write_case_file

if TYPE_CHECKING:
    from incident.core.state import EvidenceItem, SessionState
    from incident.core.view import SessionView
    from incident.report.timestamp import Proof, Token

TOKEN_NAME = "SHA256SUMS.tsr"
TSA_CERT_NAME = "tsa-certificate.pem"
AFTER_SUMS = (TOKEN_NAME, TSA_CERT_NAME)
ORIGINALS = "originals"
CSV_COLUMNS = (
    "time_utc",
    "time_local",
    "type",
    "asset",
    "amount",
    "network",
    "from",
    "to",
    "txid",
    "explorer",
    "state",
)
# A cell a spreadsheet would run as a formula starts with one of these (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Stamp = Callable[[bytes], "Token"]


@dataclass(frozen=True)
class Bundle:
    """What was written: the archive, and the token when one was asked for."""

    case: CaseFile
    token: Token | None
    entries: int  # the journal's entries the bundle was made from
    head_hash: str


def write_bundle(
    view: SessionView,
    path: Path,
    *,
    langs: Sequence[str],
    now: datetime,
    invariant: bool = False,
    stamp: Stamp | None = None,
) -> Bundle:
    """Write the case file of ``view`` to ``path`` (whole or not at all, 0600).

    ``now`` is the time the reports give and every ZIP header carries (for byte-identical
    output pass a fixed one, as ``pdf.report_time`` does). ``stamp`` gets the ``SHA256SUMS``
    bytes and returns a token over them; when it fails nothing is written.
    """
    if not langs:
        raise UsageError("no language for the report", "use --lang en, zh or en,zh")
    checked = verify_view(view)  # every attachment against its SHA-256 before anything is written
    state = view.state
    entries: list[Entry] = [
        Entry("README.txt", readme(state, langs, timestamped=stamp is not None).encode("utf-8")),
        Entry("verify.txt", verify_text(view, checked).encode("utf-8")),
    ]
    entries += [Entry(f"report-{lang}.pdf", _pdf(view, lang, now, invariant)) for lang in langs]
    entries.append(Entry("export.json", _export("json", view, langs[0], now)))
    entries += [Entry(f"summary-{lang}.md", _export("markdown", view, lang, now)) for lang in langs]
    entries.append(Entry("transactions.csv", transactions_csv(state).encode("utf-8")))
    entries += _originals(view)
    token: list[Token] = []

    def after_sums(sums: bytes) -> list[Entry]:
        if stamp is None:
            return []
        granted = stamp(sums)
        token.append(granted)
        extra = [Entry(TOKEN_NAME, granted.response, compress=False)]
        if granted.certificate is not None:
            extra.append(Entry(TSA_CERT_NAME, granted.certificate))
        return extra

    case = write_case_file(path, entries, when=now, after_sums=after_sums)
    integrity = view.integrity
    return Bundle(case, token[0] if token else None, integrity.entries, integrity.head_hash)


def _pdf(view: SessionView, lang: str, now: datetime, invariant: bool) -> bytes:
    from incident.report import formats

    options = formats.Options(lang=lang, now=now, invariant=invariant, originals=True)
    return formats.render(formats.Format.PDF, view, options)


def _export(fmt: str, view: SessionView, lang: str, now: datetime) -> bytes:
    from incident.report import formats

    return formats.render(formats.Format(fmt), view, formats.Options(lang=lang, now=now))


def _originals(view: SessionView) -> list[Entry]:
    """Every attached file, decrypted one at a time as the archive takes it."""
    out: list[Entry] = []
    for item, attachment in view.state.attachments():
        digest = attachment.sha256

        def opener(digest: str = digest) -> io.BytesIO:
            return io.BytesIO(view.blob(digest))

        out.append(Entry(attachment.name, opener, folder=f"{ORIGINALS}/E{item.number}"))
    return out


def verify_text(view: SessionView, checked: dict[str, object]) -> str:
    """``verify.txt``: what ``incident verify`` printed when the case file was made."""
    lines = [
        "$ incident verify",
        summary_line(checked),
        reference(view.integrity),
        "",
        f"session: {checked['session_id']}",
        f"entries: {checked['entries']} (acknowledged by the head: {checked['acknowledged']})",
        f"head_hash: {checked['head_hash']}",
        f"attachments: {checked['attachments']} (each checked against its SHA-256)",
    ]
    warnings = checked.get("warnings") or []
    assert isinstance(warnings, list)
    lines += [f"warning: {w}" for w in warnings]
    return "\n".join(lines) + "\n"


def entry_state(item: EvidenceItem) -> str:
    """``active``, or what the core says became of the entry (corrected, retracted)."""
    state = getattr(item, "state", None)  # entries gain a state when they can be corrected
    return str(state) if state else "active"


def transactions_csv(state: SessionState) -> str:
    """``transactions.csv``: one row a transaction, amounts and TxIDs exactly as recorded."""
    from incident.report import explorers
    from incident.times import local

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item, tx in state.transactions():
        found = explorers.find(tx.network)
        link = found.tx_url(tx.txid) if found and tx.txid else ""
        source = getattr(tx, "from_address", None)  # no kind records a sender yet
        writer.writerow(
            [
                tx.time.astimezone(UTC).isoformat().replace("+00:00", "Z"),
                local(tx.time, state.tz).isoformat(),
                tx.tx_type,
                _cell(tx.asset),
                format(tx.amount, "f"),  # never an exponent: 1E-8 is 0.00000001
                _cell(tx.network),
                _cell(source if isinstance(source, str) else None),
                _cell(tx.to_address),
                _cell(tx.txid),
                link,
                entry_state(item),
            ]
        )
    return out.getvalue()


def _cell(text: str | None) -> str:
    """Text as it was recorded, unless a spreadsheet would run it: then after a ``'``."""
    if not text:
        return ""
    return "'" + text if text.startswith(_FORMULA_START) else text


def readme(state: SessionState, langs: Sequence[str], *, timestamped: bool) -> str:
    """``README.txt``: what each file is and how to check it, in English then Chinese."""
    parts = []
    for lang in ("en", "zh"):
        values = {
            "session": state.id,
            "platform": state.platform,
            "account": state.account,
            "langs": ", ".join(langs),
        }
        text = t("bundle.readme", lang, **values)
        if timestamped:
            text += "\n" + t("bundle.readme.timestamp", lang)
        parts.append(text.rstrip() + "\n")
    return ("\n" + "=" * 72 + "\n\n").join(parts)


@dataclass(frozen=True)
class Checked:
    """What ``verify_bundle`` established."""

    files: int
    proof: Proof | None
    reference: str | None  # ``3f2a…, 42 entries``: the record reference in verify.txt


def verify_bundle(path: Path, *, tsa_cert: Path | None = None) -> Checked:
    """Re-hash every file against ``SHA256SUMS`` and check the token over it, if present.

    Raises IntegrityError (exit 3) naming the file that does not match.
    """
    import zipfile

    from incident.errors import TimestampInvalid
    from incident.report.timestamp import verify_token

    checked = check_case_file(path, unlisted_ok=AFTER_SUMS)
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        token = archive.read(TOKEN_NAME) if TOKEN_NAME in names else None
        # Checked against SHA256SUMS above, so what it says is what was written.
        verify_txt = archive.read("verify.txt") if "verify.txt" in checked.files else b""
    reference = _reference_in(verify_txt)
    if token is None:
        if tsa_cert is not None:
            raise IntegrityError(
                f"{path}: has no {TOKEN_NAME}, so there is no timestamp to check",
                hint="it was made without --timestamp",
            )
        return Checked(len(checked.files), None, reference)
    try:
        proof = verify_token(token, data=checked.sums, ca=tsa_cert)
    except TimestampInvalid as exc:
        raise TimestampInvalid(f"{TOKEN_NAME}: {exc.message}", hint=exc.hint) from None
    return Checked(len(checked.files), proof, reference)


def _reference_in(verify_txt: bytes) -> str | None:
    """``Record reference: …`` from a ``verify.txt``, to compare with ``verify --expect``."""
    for line in verify_txt.decode("utf-8", errors="replace").splitlines():
        if line.startswith("Record reference: "):
            return line.removeprefix("Record reference: ").strip()
    return None

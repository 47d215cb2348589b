"""RFC 3161 trusted timestamps: ask an authority for a token over some bytes, check one later.

``request_token(data, url)`` sends a SHA-256 imprint of ``data`` (with a nonce, asking for the
signer's certificate) as ``application/timestamp-query`` and returns the authority's answer.
Only the hash leaves the machine. ``verify_token(response, data=..., ca=...)`` checks the
imprint, the signature and the certificate chain up to the CA the user trusts, and says what
that proves. rfc3161-client does the ASN.1 and the signature; the HTTP is the standard library.

The stored token is the whole TimeStampResp (DER), as ``openssl ts -reply`` writes it, so
``openssl ts -verify -data SHA256SUMS -in SHA256SUMS.tsr -CAfile ca.pem`` checks it too.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from incident.catalog import t
from incident.errors import IncidentError, TimestampInvalid, TimestampUnavailable, UsageError

if TYPE_CHECKING:
    from cryptography import x509
    from rfc3161_client import TimeStampResponse

CONTENT_TYPE = "application/timestamp-query"
MAX_RESPONSE = 1 << 20  # a token is a few KiB; more than this is not an answer to us


@dataclass(frozen=True)
class Token:
    """A granted timestamp: the authority's whole response and what it says."""

    response: bytes  # DER TimeStampResp: what to store (SHA256SUMS.tsr)
    time: datetime  # the authority's genTime, UTC
    authority: str  # the name the token gives, else the signer certificate's subject
    serial: int
    digest: bytes  # the SHA-256 the token covers
    certificate: bytes | None  # the signer's certificate (PEM), when the token carries it


@dataclass(frozen=True)
class Proof:
    """What a checked token proves; ``trusted`` when signature and chain were checked."""

    token: Token
    trusted: bool

    def sentence(self, lang: str = "en") -> str:
        """``these files existed no later than 2026-12-02 17:40:31 UTC, per <authority>``."""
        key = "timestamp.proof" if self.trusted else "timestamp.unchecked"
        when = self.token.time.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        return t(key, lang, time=when, authority=self.token.authority)


def request_token(data: bytes, url: str, *, timeout: float = 30.0) -> Token:
    """Ask the authority at ``url`` to time-stamp ``data``; raises TimestampUnavailable."""
    from rfc3161_client import HashAlgorithm, TimestampRequestBuilder

    if not data:
        raise UsageError("nothing to time-stamp: the data is empty")
    if not url.lower().startswith(("http://", "https://")):
        raise UsageError(f"{url!r} is not an http:// or https:// address")
    request = (
        TimestampRequestBuilder()
        .data(data)
        .hash_algorithm(HashAlgorithm.SHA256)
        .nonce(nonce=True)
        .cert_request(cert_request=True)
        .build()
    )
    raw = _post(url, request.as_bytes(), timeout)
    response = _parse(
        raw,
        TimestampUnavailable(
            f"{url} did not answer with a time-stamp response",
            hint="is it an RFC 3161 time-stamping address?",
        ),
    )
    _require_granted(response, url)
    try:
        token = _token(response, raw)
        nonce = response.tst_info.nonce
    except TimestampInvalid:
        raise TimestampUnavailable(f"{url} answered with a damaged token") from None
    # An answer to another request (a cache, a replay) is no answer to this one.
    if nonce != request.nonce or token.digest != hashlib.sha256(data).digest():
        raise TimestampUnavailable(f"{url} answered, but not to this request (nonce or hash)")
    return token


def read_token(response: bytes) -> Token:
    """What a stored token says, without checking it; raises TimestampInvalid if damaged."""
    parsed = _parse(response, TimestampInvalid("the timestamp token is damaged"))
    if _status(parsed) != 0:
        raise TimestampInvalid("the timestamp token is not a granted one")
    return _token(parsed, response)


def verify_token(
    response: bytes,
    *,
    data: bytes | None = None,
    digest: bytes | None = None,
    ca: Path | None = None,
) -> Proof:
    """Check the token against ``data`` (or its SHA-256 ``digest``) and, with ``ca`` (a PEM
    file with the authority's root and any intermediates), its signature and chain.

    Raises TimestampInvalid naming what failed. Without ``ca`` only the imprint is checked
    and the proof is not ``trusted``.
    """
    if (data is None) == (digest is None):
        raise ValueError("give exactly one of data and digest")
    expected = digest if digest is not None else hashlib.sha256(data or b"").digest()
    token = read_token(response)
    if token.digest != expected:
        raise TimestampInvalid(
            "the timestamp token is for other data",
            hint="the files changed after they were time-stamped, or the token is another's",
        )
    if ca is None:
        return Proof(token, trusted=False)
    roots, intermediates = _load_ca(ca)
    _check_signature(response, expected, roots, intermediates, ca)
    return Proof(token, trusted=True)


def _post(url: str, body: bytes, timeout: float) -> bytes:
    """POST ``body`` and return the answer; every failure is one line naming the address."""
    import http.client
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": CONTENT_TYPE, "Accept": "application/timestamp-reply"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            raw: bytes = answer.read(MAX_RESPONSE + 1)
    except urllib.error.HTTPError as exc:
        raise TimestampUnavailable(
            f"{url} answered HTTP {exc.code} {exc.reason}".rstrip(),
            hint="check the address, or try another time-stamping authority",
        ) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        text = reason.strerror if isinstance(reason, OSError) and reason.strerror else reason
        raise TimestampUnavailable(
            f"cannot reach {url}: {text}", hint="check the address and the network"
        ) from None
    except TimeoutError:
        raise TimestampUnavailable(f"{url} did not answer within {timeout:g} s") from None
    except (http.client.HTTPException, OSError) as exc:
        raise TimestampUnavailable(
            f"{url} broke off the answer ({exc.__class__.__name__})"
        ) from None
    if len(raw) > MAX_RESPONSE:
        raise TimestampUnavailable(f"{url} answered with more than {MAX_RESPONSE} bytes")
    return raw


def _parse(raw: bytes, error: IncidentError) -> TimeStampResponse:
    from rfc3161_client import decode_timestamp_response

    try:
        return decode_timestamp_response(raw)
    except Exception:
        raise error from None
    except BaseException as exc:
        raise (error if _damaged_if_panic(exc) is not exc else exc) from None


def _status(response: TimeStampResponse) -> int:
    return int(response.status)


def _require_granted(response: TimeStampResponse, url: str) -> None:
    from rfc3161_client import PKIStatus

    status = _status(response)
    if status == PKIStatus.GRANTED:
        return
    try:
        name = PKIStatus(status).name.lower().replace("_", " ")
    except ValueError:
        name = f"status {status}"
    said = "; ".join(response.status_string)
    raise TimestampUnavailable(
        f"{url} did not grant a timestamp ({name}{': ' + said if said else ''})"
    )


def _token(response: TimeStampResponse, raw: bytes) -> Token:
    """The fields of a granted response; TimestampInvalid when they cannot be read."""
    try:
        info = response.tst_info
        signer = _signer(response)
        return Token(
            response=raw,
            time=info.gen_time.astimezone(UTC),
            authority=_authority(info.name, signer),
            serial=int(info.serial_number),
            digest=bytes(info.message_imprint.message),
            certificate=_pem(signer) if signer is not None else None,
        )
    except Exception as exc:  # a parser of untrusted bytes: ValueError, KeyError, ...
        raise TimestampInvalid("the timestamp token is damaged") from exc
    except BaseException as exc:
        raise _damaged_if_panic(exc) from exc


def _damaged_if_panic(exc: BaseException) -> BaseException:
    """The Rust core's panics derive from BaseException; they too mean a damaged token."""
    if type(exc).__name__ == "PanicException":
        return TimestampInvalid("the timestamp token is damaged")
    return exc


def _signer(response: TimeStampResponse) -> x509.Certificate | None:
    """The certificate the SignerInfo names, if the token carries it."""
    from cryptography import x509

    signers = list(response.signed_data.signer_infos)
    if len(signers) != 1:
        return None
    (signer,) = signers
    for der in response.signed_data.certificates:
        cert = x509.load_der_x509_certificate(der)
        if cert.issuer == signer.issuer and cert.serial_number == signer.serial_number:
            return cert
    return None


def _authority(name: object, signer: x509.Certificate | None) -> str:
    """A readable name: the token's TSA name, else the signer certificate's subject."""
    from cryptography import x509

    if isinstance(name, x509.DirectoryName):
        return _readable(name.value)
    if isinstance(name, x509.UniformResourceIdentifier | x509.DNSName | x509.RFC822Name):
        return str(name.value)
    if signer is not None:
        return _readable(signer.subject)
    return "an unnamed authority"


def _readable(name: x509.Name) -> str:
    """``Incident Test TSA (Incident tests)``: common name, then organization, if present."""
    from cryptography.x509.oid import NameOID

    def first(oid: x509.ObjectIdentifier) -> str | None:
        values = name.get_attributes_for_oid(oid)
        return str(values[0].value) if values else None

    common, org = first(NameOID.COMMON_NAME), first(NameOID.ORGANIZATION_NAME)
    if common and org and org not in common:
        return f"{common} ({org})"
    return common or org or name.rfc4514_string()


def _pem(cert: x509.Certificate) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding

    return cert.public_bytes(Encoding.PEM)


def _load_ca(ca: Path) -> tuple[list[x509.Certificate], list[x509.Certificate]]:
    """Roots (self-issued) and intermediates from the PEM file the user trusts."""
    from cryptography import x509

    try:
        certs = x509.load_pem_x509_certificates(ca.read_bytes())
    except OSError as exc:
        raise UsageError(f"{ca}: cannot read ({exc.strerror or exc.__class__.__name__})") from None
    except ValueError:
        raise UsageError(
            f"{ca}: no PEM certificate in it", hint="give the authority's CA"
        ) from None
    roots = [c for c in certs if c.subject == c.issuer]
    intermediates = [c for c in certs if c.subject != c.issuer]
    if not roots:
        raise UsageError(
            f"{ca} holds no root certificate",
            hint="give the authority's root CA (intermediates may follow it in the same file)",
        )
    return roots, intermediates


def _check_signature(
    response: bytes,
    digest: bytes,
    roots: list[x509.Certificate],
    intermediates: list[x509.Certificate],
    ca: Path,
) -> None:
    from rfc3161_client import VerificationError, VerifierBuilder, decode_timestamp_response

    builder = VerifierBuilder()
    for root in roots:
        builder = builder.add_root_certificate(root)
    for cert in intermediates:
        builder = builder.add_intermediate_certificate(cert)
    try:
        builder.build().verify(decode_timestamp_response(response), digest)
    except VerificationError as exc:
        raise _refusal(str(exc), ca) from None
    except Exception as exc:
        raise TimestampInvalid("the timestamp token is damaged") from exc
    except BaseException as exc:
        raise _damaged_if_panic(exc) from exc


def _refusal(detail: str, ca: Path) -> TimestampInvalid:
    """rfc3161-client's and OpenSSL's words turned into what failed, for a person."""
    if "certificate verify error" in detail:
        why = re.search(r"Verify error: ([^\"]+)", detail)
        return TimestampInvalid(
            f"the timestamp token's certificate does not lead to the CA in {ca}"
            + (f" ({why.group(1)})" if why else ""),
            hint="the token is from another authority, or its certificate was changed",
        )
    if "digest failure" in detail or "signature failure" in detail:
        return TimestampInvalid("the timestamp token's signature does not match: it was changed")
    if "signer certificate not found" in detail:
        return TimestampInvalid("the timestamp token does not carry the certificate it names")
    if "Mismatch between messages" in detail:
        return TimestampInvalid("the timestamp token is for other data")
    return TimestampInvalid(f"the timestamp token was refused: {detail.splitlines()[0][:200]}")

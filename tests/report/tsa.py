"""A local RFC 3161 time-stamping authority for the tests: OpenSSL's ``ts -reply`` behind an
HTTP server on 127.0.0.1. No network beyond loopback.

``make_authority(folder)`` makes a test root CA and a TSA certificate it issued
(``extendedKeyUsage = critical, timeStamping``) and a ``tsa.cnf`` that signs with SHA-256,
names the signer by an ESSCertIDv2 (``ess_cert_id_alg = sha256``) and puts only the signer's
certificate in each response. ``serve(authority)`` answers POSTs at:

- ``/``        a granted token;
- ``/reject``  a rejection (the authority accepts only SHA-512 imprints there);
- ``/http500`` an HTTP error;
- ``/garbage`` 200 with bytes that are not a response;
- ``/slow``    nothing for 3 seconds, then a token;
- ``/stale``   the last token it granted, whatever was asked (a replay).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

TSA_EXTENSIONS = """\
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""

TSA_CONFIG = """\
[ tsa ]
default_tsa = tsa_config1

[ tsa_config1 ]
dir = {dir}
serial = $dir/tsaserial
crypto_device = builtin
signer_cert = $dir/tsa.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = {digests}
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


@dataclass(frozen=True)
class Authority:
    folder: Path
    ca: Path  # the root CA (PEM): what a user passes as --tsa-cert
    certificate: Path  # the TSA's own certificate (PEM)
    name: str


def openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_ca(folder: Path, name: str) -> Path:
    """A self-signed root CA (P-256) in ``folder``/``name``.{key,crt}."""
    key, crt = f"{name}.key", f"{name}.crt"
    openssl(
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", key, "-out", crt, "-days", "3650", "-subj", f"/CN={name} Root CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        cwd=folder,
    )  # fmt: skip
    return folder / crt


def make_authority(folder: Path, name: str = "Incident Test TSA") -> Authority:
    if shutil.which("openssl") is None:
        # In CI the authority tests must run: a missing tool fails there instead of skipping.
        if os.environ.get("CI") or os.environ.get("INCIDENT_REQUIRE_KEYRING") == "1":
            pytest.fail("openssl is not installed (Debian package: openssl)")
        pytest.skip("openssl is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    ca = make_ca(folder, "ca")
    (folder / "tsa-ext.cnf").write_text(TSA_EXTENSIONS)
    openssl(
        "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "tsa.key", "-out", "tsa.csr", "-subj", f"/O=Incident tests/CN={name}",
        cwd=folder,
    )  # fmt: skip
    openssl(
        "x509", "-req", "-in", "tsa.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-set_serial", "2", "-days", "3650", "-extfile", "tsa-ext.cnf", "-out", "tsa.crt",
        cwd=folder,
    )  # fmt: skip
    (folder / "tsaserial").write_text("01\n")
    for config, digests in (("tsa.cnf", "sha256, sha384, sha512"), ("reject.cnf", "sha512")):
        (folder / config).write_text(TSA_CONFIG.format(dir=folder, digests=digests))
    return Authority(folder, ca, folder / "tsa.crt", name)


def reply(authority: Authority, query: bytes, config: str = "tsa.cnf") -> bytes:
    """What ``openssl ts -reply`` answers to ``query`` (DER TimeStampReq)."""
    with tempfile.TemporaryDirectory() as scratch:
        q, r = Path(scratch) / "q.tsq", Path(scratch) / "r.tsr"
        q.write_bytes(query)
        openssl(
            "ts", "-reply", "-config", config, "-queryfile", str(q), "-out", str(r),
            cwd=authority.folder,
        )  # fmt: skip
        return r.read_bytes()


@contextmanager
def serve(authority: Authority) -> Iterator[str]:
    """Run the authority at http://127.0.0.1:PORT/ for the ``with`` block; yields that URL."""
    lock = threading.Lock()  # openssl ts -reply updates the serial file
    granted: list[bytes] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            query = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.headers.get("Content-Type") != "application/timestamp-query":
                self.send_error(415)
                return
            if self.path == "/http500":
                self.send_error(500, "Internal Server Error")
                return
            if self.path == "/garbage":
                self._answer(b"<html>not a token</html>")
                return
            if self.path == "/stale" and granted:
                self._answer(granted[-1])
                return
            if self.path == "/slow":
                time.sleep(3)
            config = "reject.cnf" if self.path == "/reject" else "tsa.cnf"
            with lock:
                answer = reply(authority, query, config)
                if config == "tsa.cnf":
                    granted.append(answer)
            self._answer(answer)

        def _answer(self, body: bytes) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet test output

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port

"""Attachments of a session, encrypted at rest, found by their SHA-256 under a keyed name."""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from incident import paths
from incident.errors import IntegrityError
from incident.journal.keys import SessionKeys

FILES = "files"


class Blobs:
    def __init__(self, folder: Path, session_id: str, keys: SessionKeys) -> None:
        self.folder = folder / FILES
        self.session_id = session_id
        self.keys = keys

    def _aad(self, digest: str) -> bytes:
        return f"{self.session_id}|file|{digest}".encode()

    def path(self, digest: str) -> Path:
        # Named by a keyed hash: a plain SHA-256 would let anyone holding a copy of a
        # screenshot confirm that it is stored here.
        name = hmac.new(self.keys.mac, f"file|{digest}".encode(), hashlib.sha256).hexdigest()
        return self.folder / f"{name}.bin"

    def put(self, data: bytes) -> str:
        """Store ``data`` encrypted (fsynced); returns its SHA-256 hex digest."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if target.exists():
            return digest
        paths.ensure_dir(self.folder)
        nonce = os.urandom(12)
        sealed = nonce + AESGCM(self.keys.enc).encrypt(nonce, data, self._aad(digest))
        paths.write_private(target, sealed)
        return digest

    def get(self, digest: str) -> bytes:
        """The plaintext of attachment ``digest``; checked against its hash."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            sealed = self.path(digest).read_bytes()
        except FileNotFoundError:
            raise IntegrityError(f"attachment {digest[:12]} is missing") from None
        try:
            data = AESGCM(self.keys.enc).decrypt(sealed[:12], sealed[12:], self._aad(digest))
        except (InvalidTag, ValueError):
            raise IntegrityError(f"attachment {digest[:12]} was changed") from None
        if hashlib.sha256(data).hexdigest() != digest:
            raise IntegrityError(f"attachment {digest[:12]} does not match its hash")
        return data

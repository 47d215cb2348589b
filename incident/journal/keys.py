"""The data key: one random master key per data folder, kept in the OS keyring or,
where no secure keyring exists, wrapped with a key derived from a passphrase (scrypt).

Each session gets its own keys derived from the master key with HKDF, so a record
or attachment copied from one session never decrypts in another.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from incident import paths
from incident.errors import KeyUnavailable
from incident.journal import keyring_door

KEY_FILE = "key.json"
CHECK_PLAINTEXT = b"incident data key check v1"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
EXPORT_FORMAT = "incident-key-export"

_cache: dict[str, bytes] = {}


@dataclass(frozen=True)
class SessionKeys:
    enc: bytes  # AES-256-GCM key for records and attachments
    mac: bytes  # HMAC-SHA256 key for the head file


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _scrypt(passphrase: str, salt: bytes, n: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=SCRYPT_R, p=SCRYPT_P).derive(
        passphrase.encode("utf-8")
    )


def _seal(key: bytes, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    return nonce, AESGCM(key).encrypt(nonce, plaintext, aad)


def _open(key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        return None


def _key_file(home: Path) -> Path:
    return home / KEY_FILE


def _read_info(home: Path) -> dict[str, Any] | None:
    path = _key_file(home)
    if not path.exists():
        return None
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(info, dict) or info.get("mode") not in ("keyring", "passphrase"):
            raise ValueError
        return info
    except (ValueError, OSError):
        raise KeyUnavailable(f"{path} is damaged", "restore it from a backup") from None


def _write_info(home: Path, info: dict[str, Any]) -> None:
    paths.ensure_dir(home)
    paths.write_private(_key_file(home), json.dumps(info, indent=2).encode("utf-8"))


def _check_value(master: bytes) -> dict[str, str]:
    nonce, ct = _seal(master, CHECK_PLAINTEXT, b"check")
    return {"check_nonce": _b64(nonce), "check": _b64(ct)}


def _matches(master: bytes, info: dict[str, Any]) -> bool:
    try:
        nonce, ct = _unb64(info["check_nonce"]), _unb64(info["check"])
    except (KeyError, ValueError):
        return False
    return _open(master, nonce, ct, b"check") == CHECK_PLAINTEXT


def _passphrase_from_env_or_prompt(confirm: bool) -> str:
    env = os.environ.get("INCIDENT_PASSPHRASE")
    if env:
        return env
    if sys.stdin.isatty():
        import click

        from incident.catalog import t

        # The command's language, if it set one (the command line keeps it in its context).
        ctx = click.get_current_context(silent=True)
        lang = str(ctx.find_root().meta.get("incident.lang", "en")) if ctx else "en"
        if confirm:  # a new key: say what the passphrase is before it is chosen
            click.echo(t("key.passphrase-new", lang), err=True)
        return str(
            click.prompt(
                t("key.passphrase", lang),
                hide_input=True,
                confirmation_prompt=t("key.passphrase-again", lang) if confirm else False,
                err=True,
            )
        )
    raise KeyUnavailable(
        "no secure OS keyring is available and no passphrase was given",
        "set INCIDENT_PASSPHRASE, or run on a terminal to be asked for one",
    )


MIN_PASSPHRASE = 8


def _wrap_with_passphrase(master: bytes, passphrase: str) -> dict[str, Any]:
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyUnavailable(
            f"the passphrase is shorter than {MIN_PASSPHRASE} characters; nothing was changed",
            "it is all that guards your data if the files are copied, and short ones are "
            "guessed quickly: choose a longer one, e.g. a few words",
        )
    salt = os.urandom(16)
    kek = _scrypt(passphrase, salt, SCRYPT_N)  # the N recorded below, read at unwrap
    nonce, wrapped = _seal(kek, master, b"master")
    return {
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "wrapped": _b64(wrapped),
    }


def _unwrap_with_passphrase(info: dict[str, Any], passphrase: str) -> bytes | None:
    try:
        kek = _scrypt(passphrase, _unb64(info["salt"]), int(info.get("n", SCRYPT_N)))
        return _open(kek, _unb64(info["nonce"]), _unb64(info["wrapped"]), b"master")
    except (KeyError, ValueError, TypeError):
        return None


def _keyring_name(info: dict[str, Any]) -> str:
    return f"data-key:{info['home_id']}"


def store_mode(home: Path) -> str | None:
    """``keyring``, ``passphrase``, or None when no key was made yet."""
    info = _read_info(home)
    return None if info is None else str(info["mode"])


def master_key(home: Path, *, create: bool = False, passphrase: str | None = None) -> bytes:
    """The master key of ``home``; made on first use when ``create`` is set."""
    cache_key = str(home.resolve())
    if cache_key in _cache:
        return _cache[cache_key]
    info = _read_info(home)
    if info is None:
        sessions = home / "sessions"
        orphaned = sessions.is_dir() and any(sessions.iterdir())
        if not create:
            raise KeyUnavailable(
                f"no data key in {home}",
                "restore it with: incident key import FILE"
                if orphaned
                else "start a session first, or import a key backup",
            )
        if orphaned:
            # A new key would open none of them, and `key import` would then refuse the
            # right one: the sessions were copied without key.json.
            raise KeyUnavailable(
                f"{home} holds sessions but no data key (key.json is missing); no new key was made",
                "restore the key they were written with: incident key import FILE",
            )
        master = _create(home, passphrase)
    elif info["mode"] == "keyring":
        stored = keyring_door.get(_keyring_name(info))
        if stored is None:
            raise KeyUnavailable(
                "the data key is not in the OS keyring",
                "restore it with: incident key import FILE",
            )
        master = _unb64(stored)
        if not _matches(master, info):
            raise KeyUnavailable(
                "the key in the OS keyring does not open this data folder",
                "restore the right one with: incident key import FILE",
            )
    else:
        phrase = passphrase or _passphrase_from_env_or_prompt(confirm=False)
        opened = _unwrap_with_passphrase(info, phrase)
        if opened is None:
            raise KeyUnavailable("wrong passphrase", "nothing was changed; try again")
        master = opened
    _cache[cache_key] = master
    return master


def _create(home: Path, passphrase: str | None) -> bytes:
    master = secrets.token_bytes(32)
    info: dict[str, Any] = {"version": 1, "home_id": secrets.token_hex(8), **_check_value(master)}
    use_passphrase = passphrase is not None or bool(os.environ.get("INCIDENT_PASSPHRASE"))
    if not use_passphrase and keyring_door.available():
        info["mode"] = "keyring"
        keyring_door.put(_keyring_name(info), _b64(master))
    else:
        phrase = passphrase or _passphrase_from_env_or_prompt(confirm=True)
        info["mode"] = "passphrase"
        info.update(_wrap_with_passphrase(master, phrase))
    _write_info(home, info)
    return master


def session_keys(master: bytes, session_id: str) -> SessionKeys:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    material = HKDF(
        algorithm=hashes.SHA256(),
        length=64,
        salt=None,
        info=b"incident session " + session_id.encode(),
    ).derive(master)
    return SessionKeys(enc=material[:32], mac=material[32:])


def forget_cached() -> None:
    _cache.clear()


def export_key(home: Path, target: Path, export_passphrase: str) -> None:
    """Write the master key, wrapped with ``export_passphrase``, to ``target``."""
    info = _read_info(home)
    if info is None:
        raise KeyUnavailable(f"no data key in {home}", "there is nothing to export yet")
    master = master_key(home)
    blob = {
        "format": EXPORT_FORMAT,
        "version": 1,
        "home_id": info["home_id"],
        **_wrap_with_passphrase(master, export_passphrase),
    }
    if target.exists():
        raise KeyUnavailable(f"{target} already exists", "choose a new file name")
    try:
        paths.write_private(target, json.dumps(blob, indent=2).encode("utf-8"))
    except OSError as exc:
        raise KeyUnavailable(
            f"{target}: cannot write ({exc.strerror or exc.__class__.__name__})",
            "choose a folder you can write to, e.g. on a USB stick",
        ) from None


def import_key(
    home: Path, source: Path, export_passphrase: str, passphrase: str | None = None
) -> str:
    """Restore the master key from an export; returns where it is now kept."""
    try:
        blob = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyUnavailable(f"{source}: no such file") from None
    except (OSError, ValueError, UnicodeDecodeError):
        raise KeyUnavailable(f"{source} is not an incident key backup") from None
    if not isinstance(blob, dict) or blob.get("format") != EXPORT_FORMAT:
        raise KeyUnavailable(f"{source} is not an incident key backup")
    master = _unwrap_with_passphrase(blob, export_passphrase)
    if master is None:
        raise KeyUnavailable("wrong passphrase for this key backup", "nothing was changed")
    info = _read_info(home)
    if info is not None:
        if not _matches(master, info):
            raise KeyUnavailable(
                "this backup holds a different key from the one this data folder uses",
                "nothing was changed",
            )
    else:
        # A new folder gets its own keyring entry, even on the machine the backup came from.
        info = {"version": 1, "home_id": secrets.token_hex(8), **_check_value(master)}
        use_passphrase = passphrase is not None or bool(os.environ.get("INCIDENT_PASSPHRASE"))
        if not use_passphrase and keyring_door.available():
            info["mode"] = "keyring"
        else:
            info["mode"] = "passphrase"
            info.update(
                _wrap_with_passphrase(master, passphrase or _passphrase_from_env_or_prompt(True))
            )
    if info["mode"] == "keyring":
        keyring_door.put(_keyring_name(info), _b64(master))
    _write_info(home, info)
    forget_cached()
    return str(info["mode"])


def forget_from_keyring(home: Path) -> None:
    """Remove this folder's key from the keyring (used by tests and `key forget`)."""
    info = _read_info(home)
    if info is not None and info["mode"] == "keyring":
        keyring_door.delete(_keyring_name(info))
    forget_cached()

"""The vault header: salt, Argon2id parameters and the wrapped data keys, as JSON in ``meta``.

It travels with the database (and with JSON exports, which copy ``meta``), so
an encrypted journal re-opens anywhere with its passphrase. Parsing is strict:
a damaged header is reported, never repaired or replaced.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field, replace
from typing import Any

from nargis_desktop.vault.errors import VaultHeaderError
from nargis_desktop.vault.kdf import ARGON2_VERSION, SALT_BYTES, KdfParams

META_KEY = "vault"
MAGIC = "nargis-vault"
VERSION = 1
MAX_MEMORY_KIB = 4 * 1024 * 1024
WRAPPED_BYTES = 12 + 32 + 16  # nonce + AES-256 key + GCM tag (see cipher.wrap_key)
_HINT = ("Nothing was changed. Restore the 'vault' row of the meta table from a backup or "
         "a JSON export (nargis import); the entries themselves are intact.")


@dataclass(frozen=True)
class WrappedKey:
    version: int
    wrapped: bytes
    key_id: str


@dataclass(frozen=True)
class VaultHeader:
    vault_id: str
    kdf: KdfParams
    salt: bytes
    keys: tuple[WrappedKey, ...]
    current: int
    created_at: str
    #: sticky: once task titles were encrypted, turning the setting off doesn't expose them
    protect_tasks: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def key(self, version: int) -> WrappedKey | None:
        return next((k for k in self.keys if k.version == version), None)

    def with_changes(self, **changes: Any) -> VaultHeader:
        return replace(self, **changes)

    def to_json(self) -> str:
        return json.dumps({
            "format": MAGIC, "version": VERSION, "vault_id": self.vault_id,
            "created_at": self.created_at,
            "kdf": {"name": "argon2id", "argon2_version": ARGON2_VERSION, **self.kdf.to_json(),
                    "salt": _b64(self.salt)},
            "keys": [{"version": k.version, "wrapped": _b64(k.wrapped), "key_id": k.key_id}
                     for k in self.keys],
            "current": self.current, "protect_tasks": self.protect_tasks, **self.extra,
        }, sort_keys=True)

    @classmethod
    def parse(cls, raw: str, where: str) -> VaultHeader:
        try:
            doc = json.loads(raw)
        except (json.JSONDecodeError, TypeError) as exc:
            raise _damaged(where, f"not valid JSON: {exc}") from None
        if not isinstance(doc, dict) or doc.get("format") != MAGIC:
            raise _damaged(where, "it is not a Nargis vault header")
        version = doc.get("version")
        if isinstance(version, int) and version > VERSION:
            raise VaultHeaderError(
                f"The journal vault in {where} was written by a newer Nargis (header "
                f"version {version}).", hint="Update Nargis to open it; nothing was changed.")
        try:
            kdf_doc = doc["kdf"]
            if kdf_doc["name"] != "argon2id" or kdf_doc["argon2_version"] != ARGON2_VERSION:
                raise ValueError(f"unsupported key derivation {kdf_doc['name']!r}")
            kdf = KdfParams(_pos_int(kdf_doc, "memory_kib"), _pos_int(kdf_doc, "time_cost"),
                            _pos_int(kdf_doc, "parallelism"))
            if kdf.memory_kib > MAX_MEMORY_KIB or kdf.time_cost > 1000 or kdf.parallelism > 64:
                # an altered header must not make unlock allocate all memory or run for hours
                raise ValueError(f"unreasonable Argon2id cost ({kdf.describe()})")
            salt = _unb64(kdf_doc["salt"], "salt")
            if len(salt) < SALT_BYTES:
                raise ValueError("the salt is too short")
            keys = tuple(WrappedKey(_pos_int(k, "version"), _unb64(k["wrapped"], "wrapped key"),
                                    str(k["key_id"])) for k in doc["keys"])
            if not keys or any(len(k.wrapped) != WRAPPED_BYTES for k in keys):
                raise ValueError("the wrapped keys are missing or truncated")
            current = _pos_int(doc, "current")
            if current not in {k.version for k in keys}:
                raise ValueError(f"the current key {current} is not in the header")
            vault_id = str(doc["vault_id"])
            if not vault_id:
                raise ValueError("no vault id")
            known = {"format", "version", "vault_id", "created_at", "kdf", "keys", "current",
                     "protect_tasks"}
            return cls(vault_id=vault_id, kdf=kdf, salt=salt, keys=keys, current=current,
                       created_at=str(doc.get("created_at", "")),
                       protect_tasks=bool(doc.get("protect_tasks", False)),
                       extra={k: v for k, v in doc.items() if k not in known})
        except (KeyError, TypeError, ValueError) as exc:
            detail = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            raise _damaged(where, detail) from None


def _damaged(where: str, detail: str) -> VaultHeaderError:
    return VaultHeaderError(f"The journal vault header in {where} is damaged ({detail}).",
                            hint=_HINT)


def _pos_int(doc: dict[str, Any], key: str) -> int:
    value = doc[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{key} must be a positive whole number")
    return value


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, what: str) -> bytes:
    try:
        return base64.b64decode(str(text), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(f"the {what} is not base64") from None


MISSING_HINT = _HINT

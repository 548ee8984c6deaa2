"""AES-256-GCM for fields and for wrapping data keys.

A field blob is ``FORMAT | key version (u32) | nonce (12) | ciphertext+tag``.
The associated data binds table, column, key version and row id, so a blob
copied to another row or column, or relabelled with another key version,
fails authentication instead of decrypting into the wrong place.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from collections.abc import Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from nargis_desktop.core.codec import normalize_name
from nargis_desktop.vault.errors import DamagedEntryError

FORMAT = 1
NONCE_BYTES = 12
TAG_BYTES = 16
KEY_BYTES = 32
_HEAD = struct.Struct(">BI")
HEADER_BYTES = _HEAD.size + NONCE_BYTES
FIELD_CONTEXT = b"nargis/field/v1"
WRAP_CONTEXT = b"nargis/keywrap/v1"
#: opens one column's field of one row: (row id, blob) -> text, or DamagedEntryError
Opener = Callable[[str, bytes | str], str]


def _aad(context: bytes, *parts: str | int) -> bytes:
    """Length-prefixed parts: no two different tuples give the same bytes."""
    out = bytearray(context)
    for part in parts:
        raw = str(part).encode("utf-8")
        out += struct.pack(">H", len(raw)) + raw
    return bytes(out)


def _lp(text: str) -> bytes:
    raw = text.encode("utf-8")
    return struct.pack(">H", len(raw)) + raw


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def key_id(key: bytes) -> str:
    """A fingerprint that names a key without revealing it (checks a remembered key)."""
    return hmac.new(key, b"nargis/key-id", hashlib.sha256).hexdigest()[:32]


def wrap_key(kek: bytes, data_key: bytes, vault_id: str, version: int) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(kek).encrypt(nonce, data_key, _aad(WRAP_CONTEXT, vault_id, version))


def unwrap_key(kek: bytes, wrapped: bytes, vault_id: str, version: int) -> bytes | None:
    """The data key, or None when the key-encryption key is wrong (or the wrap was altered)."""
    try:
        key = AESGCM(kek).decrypt(wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:],
                                  _aad(WRAP_CONTEXT, vault_id, version))
    except (InvalidTag, ValueError):
        return None
    return key if len(key) == KEY_BYTES else None


class FieldKey:
    """One data key version, ready to seal and open fields."""

    def __init__(self, version: int, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("a data key is 32 bytes")
        self.version = version
        self.raw = key
        self.id = key_id(key)
        self._aead = AESGCM(key)
        self._name_key = hmac.new(key, b"nargis/name-key", hashlib.sha256).digest()
        self._prefixes: dict[tuple[str, str], bytes] = {}

    def _field_aad(self, table: str, row_id: str, column: str) -> bytes:
        """context | table | column | key version | row id, each length-prefixed.

        The fixed part is cached: this runs once per field on every read.
        """
        prefix = self._prefixes.get((table, column))
        if prefix is None:
            prefix = _aad(FIELD_CONTEXT, table, column, self.version)
            self._prefixes[(table, column)] = prefix
        return prefix + _lp(row_id)

    def seal(self, table: str, row_id: str, column: str, text: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        aad = self._field_aad(table, row_id, column)
        return (_HEAD.pack(FORMAT, self.version) + nonce
                + self._aead.encrypt(nonce, text.encode("utf-8"), aad))

    def open(self, table: str, row_id: str, column: str, blob: bytes | str) -> str:
        if not isinstance(blob, bytes) or len(blob) < HEADER_BYTES + TAG_BYTES or \
                blob[0] != FORMAT:
            blob_header(blob, table, row_id, column)  # raises, saying what is wrong
        assert isinstance(blob, bytes)
        version = int.from_bytes(blob[1:5], "big")
        if version != self.version:
            raise DamagedEntryError(table, row_id, column,
                                    f"sealed with key {version}, labelled {self.version}")
        nonce = blob[_HEAD.size:HEADER_BYTES]
        aad = self._field_aad(table, row_id, column)
        try:
            plain = self._aead.decrypt(nonce, blob[HEADER_BYTES:], aad)
        except InvalidTag:
            raise DamagedEntryError(table, row_id, column,
                                    "authentication failed: altered, truncated or moved") from None
        try:
            return plain.decode("utf-8")
        except UnicodeDecodeError:  # pragma: no cover - only a forged-but-authentic blob
            raise DamagedEntryError(table, row_id, column, "not UTF-8 text") from None

    def opener(self, table: str, column: str) -> Opener:
        """:meth:`open` for one column, with the per-call set-up done once.

        Search opens every entry of the journal, where the associated data's fixed
        part, the header check and the method lookups of :meth:`open` are worth
        preparing once (a 2 KB field costs about 1.4 µs of AES-GCM). Same checks, same
        associated data: a blob that isn't a well-formed field of this key version
        goes through :meth:`open`, which says what is wrong.
        """
        prefix = _aad(FIELD_CONTEXT, table, column, self.version)
        head = _HEAD.pack(FORMAT, self.version)
        shortest = HEADER_BYTES + TAG_BYTES
        decrypt = self._aead.decrypt

        def open_field(row_id: str, blob: bytes | str) -> str:
            if type(blob) is not bytes or len(blob) < shortest or blob[:_HEAD.size] != head:
                return self.open(table, row_id, column, blob)
            raw_id = row_id.encode("utf-8")
            try:
                plain = decrypt(blob[_HEAD.size:HEADER_BYTES], blob[HEADER_BYTES:],
                                prefix + struct.pack(">H", len(raw_id)) + raw_id)
            except InvalidTag:
                raise DamagedEntryError(table, row_id, column, "authentication failed: "
                                        "altered, truncated or moved") from None
            try:
                return plain.decode("utf-8")
            except UnicodeDecodeError:  # pragma: no cover - only a forged-but-authentic blob
                raise DamagedEntryError(table, row_id, column, "not UTF-8 text") from None

        return open_field

    def name_key(self, name: str) -> str:
        """Keyed hash of the normalized name: uniqueness without a plaintext column."""
        digest = hmac.new(self._name_key, normalize_name(name).encode("utf-8"), hashlib.sha256)
        return "hmac:" + digest.hexdigest()[:40]


def blob_header(blob: bytes | str, table: str, row_id: str, column: str) -> tuple[int, int]:
    """(format, key version) of a field blob, or DamagedEntryError when it can't be one."""
    if not isinstance(blob, bytes):
        raise DamagedEntryError(table, row_id, column, "stored as text, not ciphertext")
    if len(blob) < HEADER_BYTES + TAG_BYTES:
        raise DamagedEntryError(table, row_id, column, "truncated")
    fmt, version = _HEAD.unpack_from(blob)
    if fmt != FORMAT:
        raise DamagedEntryError(table, row_id, column, f"unknown format {fmt}")
    return fmt, version

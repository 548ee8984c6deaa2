"""The seam where text columns may be encrypted.

Services never look at ciphertext: they hand text to a codec on the way in and
get text back on the way out. The plain codec stores text as it is; the vault
supplies an AES-GCM codec bound to (table, row id, column, key version).
"""

from __future__ import annotations

from typing import Protocol

from nargis_desktop.errors import VaultLockedError


class FieldCodec(Protocol):
    def seal(self, table: str, row_id: str, column: str, text: str) -> tuple[str | bytes, int]:
        """Return the stored value and its ``enc`` (key version; 0 = plain)."""
        ...

    def open(self, table: str, row_id: str, column: str, value: str | bytes, enc: int) -> str:
        """Return the text; raise VaultLockedError when it can't."""
        ...

    def name_key(self, name: str) -> str:
        """A stable key for uniqueness of names (a keyed hash when encrypted)."""
        ...


def normalize_name(name: str) -> str:
    return " ".join(name.casefold().split())


class PlainCodec:
    def seal(self, table: str, row_id: str, column: str, text: str) -> tuple[str | bytes, int]:
        return text, 0

    def open(self, table: str, row_id: str, column: str, value: str | bytes, enc: int) -> str:
        if enc:
            raise VaultLockedError()
        return value.decode("utf-8") if isinstance(value, bytes) else value

    def name_key(self, name: str) -> str:
        return normalize_name(name)

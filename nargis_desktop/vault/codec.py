"""The vault's :class:`~nargis_desktop.core.codec.FieldCodec`: what services see of the vault.

Reads of plaintext rows (``enc = 0``) never touch the vault, so an unencrypted
task list costs nothing and imports no cryptography.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from nargis_desktop.core.codec import normalize_name
from nargis_desktop.vault.errors import DamagedEntryError

if TYPE_CHECKING:
    from nargis_desktop.vault.vault import Vault


class VaultCodec:
    """Seals with the current key when ``encrypt`` says so; opens any key version it holds."""

    def __init__(self, vault: Vault, encrypt: bool | Callable[[], bool] = True) -> None:
        self.vault = vault
        self._encrypt = encrypt

    @property
    def encrypting(self) -> bool:
        return self._encrypt() if callable(self._encrypt) else self._encrypt

    def seal(self, table: str, row_id: str, column: str, text: str) -> tuple[str | bytes, int]:
        if not self.encrypting:
            return text, 0
        key = self.vault.session(for_write=True, table=table).current_key
        return key.seal(table, row_id, column, text), key.version

    def open(self, table: str, row_id: str, column: str, value: str | bytes, enc: int) -> str:
        if not enc:
            return value.decode("utf-8") if isinstance(value, bytes) else value
        key = self.vault.field_key(enc, table)
        if key is None:
            raise DamagedEntryError(table, row_id, column, f"key version {enc} is unknown")
        return key.open(table, row_id, column, value)

    def name_key(self, name: str) -> str:
        if not self.encrypting:
            return normalize_name(name)
        return self.vault.session(table="habits").current_key.name_key(name)

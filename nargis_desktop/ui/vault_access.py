"""The journal vault as the GUI sees it: exists? open? unlock, create, lock, passphrase.

A thin layer over :class:`nargis_desktop.vault.Vault` so the views ask plain
questions; key derivation is slow (Argon2), so callers run unlock/create in a worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nargis_desktop.app import App

if TYPE_CHECKING:
    from nargis_desktop.vault import Vault


class VaultAccess:
    def __init__(self, app: App) -> None:
        self.app = app

    @property
    def vault(self) -> Vault:
        return self.app.vault

    def exists(self) -> bool:
        return self.vault.exists()

    def is_open(self) -> bool:
        """Unlocked now; a key remembered in the keyring opens it on first use instead."""
        return self.vault.unlocked

    def unlock(self, passphrase: str, remember: bool) -> None:
        self.vault.unlock(passphrase, remember=remember)

    def create(self, passphrase: str, remember: bool) -> None:
        self.vault.create(passphrase, remember=remember)

    def lock(self) -> None:
        self.vault.lock()

    def change_passphrase(self, old: str, new: str) -> None:
        self.vault.change_passphrase(old, new)

    def notices(self) -> list[str]:
        return self.vault.take_notices()

"""The journal vault: AES-256-GCM fields, an Argon2id-wrapped data key, lock state, keyring.

Qt-free. Import the submodules you need; this package file stays light so
``nargis tasks list`` doesn't pay for cryptography it never uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nargis_desktop.vault.vault import Vault

__all__ = ["Vault"]


def __getattr__(name: str) -> Any:
    if name == "Vault":
        from nargis_desktop.vault.vault import Vault

        return Vault
    raise AttributeError(name)

"""What ``nargis journal status`` reports, and a full integrity check (``--verify``)."""

from __future__ import annotations

from typing import Any

from nargis_desktop.vault import bulk
from nargis_desktop.vault.errors import DamagedEntryError
from nargis_desktop.vault.tables import ALL
from nargis_desktop.vault.vault import Vault


def verify(vault: Vault) -> list[DamagedEntryError]:
    """Decrypt every encrypted field (deleted rows too); return the damaged ones."""
    keys = vault.session().keys
    damaged: list[DamagedEntryError] = []
    for table, columns in ALL.items():
        for row in bulk.iter_rows(vault.store, table, columns, "enc > 0"):
            try:
                bulk.open_row(row, table, columns, keys)
            except DamagedEntryError as exc:
                damaged.append(exc)
    return damaged


def vault_status(vault: Vault, *, verify_all: bool = False) -> dict[str, Any]:
    store = vault.store
    total = bulk.count(store, "journal_entries", "deleted_at IS NULL")
    encrypted = bulk.count(store, "journal_entries", "deleted_at IS NULL AND enc > 0")
    entries = {"total": total, "encrypted": encrypted, "plain": total - encrypted}
    header = vault.header()
    if header is None:
        return {"exists": False, "unlocked": False, "entries": entries}
    remembered, _ = vault.keychain.load(header.vault_id, vault.idle_seconds)
    report: dict[str, Any] = {
        "exists": True,
        "unlocked": vault.unlocked,
        "key_version": header.current,
        "retained_key_versions": [k.version for k in header.keys if k.version != header.current],
        "kdf": header.kdf.describe(),
        "kdf_params": header.kdf.to_json(),
        "created_at": header.created_at,
        "protect_tasks": vault.protect_tasks,
        "auto_lock_minutes": vault.settings.auto_lock_minutes,
        "keyring": vault.keychain.name(),
        "remembered": remembered is not None,
        "entries": entries,
    }
    if verify_all:
        report["damaged"] = [str(d) for d in verify(vault)]
    return report

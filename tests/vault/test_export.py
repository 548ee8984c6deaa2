"""Exports keep ciphertext plus the vault header and re-import; --decrypt is the only way out."""

from __future__ import annotations

from pathlib import Path

import pytest

from nargis_desktop.app import App
from nargis_desktop.errors import VaultLockedError
from nargis_desktop.paths import DataHome
from nargis_desktop.settings import Settings
from nargis_desktop.store.transfer import dump_tables, export_json, import_json
from nargis_desktop.vault.export import decrypt_rows_for_export

from .conftest import PASSPHRASE


def test_json_export_is_ciphertext_and_reimports(vault_app: App, tmp_path: Path,
                                                 clock) -> None:
    entry = vault_app.journal.add("the export marker text", title="sunday-title", mood="okay")
    path = export_json(vault_app.store, tmp_path / "out.json")
    raw = path.read_text(encoding="utf-8")
    assert "export marker" not in raw and "sunday-title" not in raw
    assert '"key": "vault"' in raw and "okay" in raw        # header travels; mood in clear
    settings = Settings()
    other = App(DataHome(tmp_path / "other-home"), settings=settings, clock=clock)
    try:
        import_json(other.store, path)
        other.vault.unlock(PASSPHRASE)
        assert other.journal.get(entry.id).body == "the export marker text"
    finally:
        other.close()


def test_decrypt_rows_for_export(vault_app: App) -> None:
    a = vault_app.journal.add("first body", title="first")
    b = vault_app.journal.add("second body")
    with vault_app.store.write() as db:
        db.execute("UPDATE journal_entries SET body = substr(body, 1, 30) WHERE id = ?", (b.id,))
    tables = dump_tables(vault_app.store)
    plain, damaged = decrypt_rows_for_export(vault_app.vault, tables)
    rows = {r["id"]: r for r in plain["journal_entries"]}
    assert rows[a.id]["body"] == "first body" and rows[a.id]["title"] == "first"
    assert rows[a.id]["enc"] == 0
    assert [d.row_id for d in damaged] == [b.id]
    assert rows[b.id] == next(r for r in tables["journal_entries"] if r["id"] == b.id)
    assert tables["journal_entries"][0]["enc"] != 0       # the input is not modified


def test_decrypted_export_needs_the_vault_unlocked(vault_app: App) -> None:
    vault_app.journal.add("private")
    vault_app.vault.lock()
    with pytest.raises(VaultLockedError):
        decrypt_rows_for_export(vault_app.vault, dump_tables(vault_app.store))

"""Small helpers shared by the vault tests (no fixtures here: see conftest.py)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from nargis_desktop.store import Store
from nargis_desktop.vault.cipher import FieldKey
from nargis_desktop.vault.vault import Vault

NOW = "2026-11-25T09:30:00Z"


def add_entries(vault: Vault, n: int, *, text: str = "entry number {i} about running",
                title: str = "") -> list[str]:
    """Encrypted journal rows written the way JournalService writes them."""
    key: FieldKey = vault.session(for_write=True).current_key
    ids = []
    with vault.store.write() as db:
        for i in range(n):
            row_id = str(uuid.uuid4())
            db.execute(
                "INSERT INTO journal_entries (id, title, body, enc, tags, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, '[]', ?, ?)",
                (row_id, key.seal("journal_entries", row_id, "title", title) if title else "",
                 key.seal("journal_entries", row_id, "body", text.format(i=i)), key.version,
                 f"2026-11-{1 + i % 28:02d}T09:{i % 60:02d}:00Z", NOW))
            ids.append(row_id)
    return ids


def add_plain_entry(store: Store, body: str, title: str = "") -> str:
    """A journal row from before the vault existed (or imported from an old export)."""
    row_id = str(uuid.uuid4())
    with store.write() as db:
        db.execute("INSERT INTO journal_entries (id, title, body, enc, tags, created_at, "
                   "updated_at) VALUES (?, ?, ?, 0, '[]', ?, ?)",
                   (row_id, title, body, NOW, NOW))
    return row_id


def snapshot(store: Store) -> dict[str, Any]:
    """Every row of the tables the vault touches, to prove nothing changed."""
    out: dict[str, Any] = {}
    for table in ("meta", "journal_entries", "tasks", "habits", "messages"):
        rows = store.query(f"SELECT * FROM {table} ORDER BY 1")
        out[table] = json.dumps(rows, default=lambda b: b.hex(), sort_keys=True)
    return out


def raw_body(store: Store, row_id: str) -> Any:
    return store.scalar("SELECT body FROM journal_entries WHERE id = ?", (row_id,))

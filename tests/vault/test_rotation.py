"""Key rotation: everything re-encrypted in one transaction; damaged entries; other windows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nargis_desktop.errors import VaultLockedError
from nargis_desktop.store import Store
from nargis_desktop.vault.errors import RotationError, WrongPassphraseError
from nargis_desktop.vault.rotate import rotate

from .conftest import PASSPHRASE, MemoryKeyring
from .helpers import add_entries, raw_body, snapshot


def _decrypt_all(vault) -> list[str]:
    rows = vault.store.query("SELECT id, body, enc FROM journal_entries ORDER BY id")
    codec = vault.codec()
    return [codec.open("journal_entries", r["id"], "body", r["body"], r["enc"]) for r in rows]


def test_rotation_reencrypts_every_entry_and_drops_the_old_key(store: Store, vault,
                                                               make_vault) -> None:
    ids = add_entries(vault, 1200)          # several batches
    before_text = _decrypt_all(vault)
    before_blobs = [raw_body(store, i) for i in ids]
    seen: list[tuple[int, int]] = []
    result = rotate(vault, PASSPHRASE, progress=lambda d, t: seen.append((d, t)))
    assert (result.old_version, result.new_version, result.rows) == (1, 2, 1200)
    assert seen[-1] == (1200, 1200)
    assert {r["enc"] for r in store.query("SELECT enc FROM journal_entries")} == {2}
    assert all(raw_body(store, i) != b for i, b in zip(ids, before_blobs, strict=True))
    header = vault.require_header()
    assert [k.version for k in header.keys] == [2] and header.current == 2
    assert _decrypt_all(vault) == before_text
    fresh = make_vault(store)
    fresh.unlock(PASSPHRASE)                # same passphrase, new key
    assert _decrypt_all(fresh) == before_text


def test_rotation_with_wrong_passphrase_changes_nothing(store: Store, vault) -> None:
    add_entries(vault, 3)
    before = snapshot(store)
    with pytest.raises(WrongPassphraseError):
        rotate(vault, "not the passphrase")
    assert snapshot(store) == before


def test_damaged_entry_stops_rotation_unless_skipped(store: Store, vault) -> None:
    ids = add_entries(vault, 5)
    blob = raw_body(store, ids[2])
    with store.write() as db:
        db.execute("UPDATE journal_entries SET body = ? WHERE id = ?", (blob[:-1], ids[2]))
    before = snapshot(store)
    with pytest.raises(RotationError, match=ids[2][:8]):
        rotate(vault, PASSPHRASE)
    assert snapshot(store) == before
    result = rotate(vault, PASSPHRASE, skip_damaged=True)
    assert [d.row_id for d in result.damaged] == [ids[2]]
    assert result.retained == [1]            # the damaged row keeps its key for a restore
    assert sorted(k.version for k in vault.require_header().keys) == [1, 2]


def test_rotation_covers_deleted_rows_tasks_and_messages(vault_app) -> None:
    app = vault_app
    gone = app.journal.add("deleted but still text")
    app.journal.delete(gone.id)
    with app.store.write() as db:
        db.execute("INSERT INTO conversations (id, created_at, updated_at) VALUES "
                   "('c', 'x', 'x')")
        value, enc = app.vault.codec().seal("messages", "m", "content", "you wrote: hello")
        db.execute("INSERT INTO messages (id, conversation_id, role, content, enc, created_at, "
                   "updated_at) VALUES ('m', 'c', 'assistant', ?, ?, 'x', 'x')", (value, enc))
    rotate(app.vault, PASSPHRASE)
    assert {r["enc"] for r in app.store.query(
        "SELECT enc FROM journal_entries UNION SELECT enc FROM messages")} == {2}
    assert app.journal.get(gone.id, include_deleted=True).body == "deleted but still text"
    msg = app.store.query("SELECT content, enc FROM messages")[0]
    assert app.vault.codec().open("messages", "m", "content", msg["content"], msg["enc"]) == \
        "you wrote: hello"


def test_remembered_key_is_replaced_after_rotation(store: Store, make_vault) -> None:
    backend = MemoryKeyring()
    vault = make_vault(store, backend=backend)
    vault.create(PASSPHRASE, remember=True)
    add_entries(vault, 2)
    rotate(vault, PASSPHRASE)
    nxt = make_vault(store, backend=backend)
    assert nxt.session().source == "keyring" and nxt.session().current == 2
    assert len(_decrypt_all(nxt)) == 2


def test_other_window_never_writes_with_a_rotated_out_key(db_path, store: Store, vault,
                                                          make_vault) -> None:
    add_entries(vault, 2)
    other_store = Store(db_path)
    try:
        other = make_vault(other_store)
        other.unlock(PASSPHRASE)
        rotate(vault, PASSPHRASE)
        with pytest.raises(VaultLockedError, match="rotated"):
            other.codec().seal("journal_entries", "r", "body", "late write")
        other.unlock(PASSPHRASE)
        _value, enc = other.codec().seal("journal_entries", "r", "body", "late write")
        assert enc == 2
    finally:
        other_store.close()


def test_rotation_reencrypts_the_assistant_state(nargis_home: Path, clock: Any) -> None:
    """Messages, conversation title and summary, the pending question and the undo log:
    all under the new key after a rotation, none readable with the old one, and the
    assistant carries on (the confirmation, the undo, the summary)."""
    from nargis_desktop.app import App
    from nargis_desktop.brain.assistant import Assistant
    from nargis_desktop.brain.factory import build_assistant
    from nargis_desktop.paths import DataHome
    from nargis_desktop.settings import Settings
    from nargis_desktop.vault.cipher import FieldKey
    from nargis_desktop.vault.errors import DamagedEntryError
    from nargis_desktop.vault.tables import WITH_TASKS, key_column

    from .conftest import CHEAP

    settings = Settings()
    settings.vault.encrypt_tasks = True
    settings.vault.auto_lock_minutes = 0
    app = App(DataHome(nargis_home), settings=settings, clock=clock)
    try:
        app.vault.create(PASSPHRASE, params=CHEAP)

        def assistant() -> Assistant:  # the next ``nargis ask`` process
            a = build_assistant(app, with_llm=False)
            assert a.memory is not None
            a.memory.resume_latest()
            return a

        for i in range(3):
            assistant().handle(f"add a task to buy rotation item {i}")
        assistant().handle("create a habit rotation stretch 2 times a day")
        assert assistant().handle("delete buy rotation item 0").awaiting == "confirm"
        sealed = {t: app.store.query(f"SELECT {key_column(t)} AS id, enc, {', '.join(c)} "
                                     f"FROM {t}") for t, c in WITH_TASKS.items()}
        assert all(r["enc"] == 1 for rows in sealed.values() for r in rows)
        assert {t for t, rows in sealed.items() if rows} == set(WITH_TASKS)
        old_raw = app.vault.session().keys[1].raw

        result = rotate(app.vault, PASSPHRASE)

        assert result.new_version == 2 and result.retained == []
        forged_old = FieldKey(2, old_raw)   # the old key, even relabelled, opens nothing
        for table, columns in WITH_TASKS.items():
            rows = app.store.query(f"SELECT {key_column(table)} AS id, enc, "
                                   f"{', '.join(columns)} FROM {table}")
            assert len(rows) == len(sealed[table]) and {r["enc"] for r in rows} == {2}
            before = {r["id"]: r for r in sealed[table]}
            for row in rows:
                for col in columns:
                    if not row[col]:
                        continue
                    assert row[col] != before[row["id"]][col]
                    with pytest.raises(DamagedEntryError):
                        forged_old.open(table, row["id"], col, row[col])
        a = assistant()
        assert a.memory is not None
        assert a.memory.title() == "add a task to buy rotation item 0"
        assert "buy rotation item 0" in a.memory.summary()
        assert a.handle("yes").reply == "Deleted 'buy rotation item 0'."
        assert assistant().handle("undo that").reply.startswith("Undone.")
    finally:
        app.close()

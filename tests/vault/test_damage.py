"""A tampered, truncated or moved ciphertext: that entry is reported with its id; others read."""

from __future__ import annotations

import pytest

from nargis_desktop.app import App
from nargis_desktop.core.events import Event
from nargis_desktop.vault.errors import DamagedEntryError
from nargis_desktop.vault.search import search
from nargis_desktop.vault.status import verify


def _set(app: App, row_id: str, column: str, value: object) -> None:
    with app.store.write() as db:
        db.execute(f"UPDATE journal_entries SET {column} = ? WHERE id = ?", (value, row_id))


def _get(app: App, row_id: str, column: str) -> bytes:
    return bytes(app.store.scalar(f"SELECT {column} FROM journal_entries WHERE id = ?",
                                  (row_id,)))


@pytest.fixture
def damaged_app(vault_app: App) -> tuple[App, list[str], list[str]]:
    ids = [vault_app.journal.add(f"walking note {i}", title=f"t{i}").id for i in range(6)]
    body = _get(vault_app, ids[0], "body")
    _set(vault_app, ids[0], "body", body[:20] + bytes([body[20] ^ 0x40]) + body[21:])  # tamper
    _set(vault_app, ids[1], "title", _get(vault_app, ids[1], "title")[:-3])           # truncate
    _set(vault_app, ids[2], "body", _get(vault_app, ids[3], "body"))                  # moved row
    _set(vault_app, ids[4], "body", _get(vault_app, ids[4], "title"))                 # moved col
    return vault_app, ids[:5], ids[5:]


def test_list_reports_damaged_ids_and_shows_the_rest(damaged_app) -> None:
    app, bad, good = damaged_app
    seen: list[Event] = []
    app.events.subscribe("journal.damaged", seen.append)
    entries = app.journal.list()
    assert {e.id for e in entries} == {good[0], bad[3]}   # row 3 lent its blob but is intact
    assert {e.entity_id for e in seen} == {bad[0], bad[1], bad[2], bad[4]}
    assert all(e.entity_id and e.entity_id[:8] in e.data["reason"] for e in seen)


@pytest.mark.parametrize("index", [0, 1, 2, 4])
def test_get_of_a_damaged_entry_names_it(damaged_app, index: int) -> None:
    app, bad, _ = damaged_app
    with pytest.raises(DamagedEntryError) as err:
        app.journal.get(bad[index])
    assert bad[index][:8] in str(err.value) and "damaged" in str(err.value)


def test_verify_and_search_report_every_damaged_entry(damaged_app) -> None:
    app, bad, good = damaged_app
    assert {d.row_id for d in verify(app.vault)} == {bad[0], bad[1], bad[2], bad[4]}
    result = search(app.vault, "walking")
    assert {h.id for h in result.hits} == {good[0], bad[3]}
    assert {d.row_id for d in result.damaged} == {bad[0], bad[1], bad[2], bad[4]}


def test_enc_relabelled_to_another_key_version_is_damaged(vault_app: App) -> None:
    entry = vault_app.journal.add("a quiet morning")
    _set(vault_app, entry.id, "enc", 5)
    with pytest.raises(DamagedEntryError, match="key version 5"):
        vault_app.journal.get(entry.id)


def test_damaged_entry_is_not_overwritten_by_edit(damaged_app) -> None:
    app, bad, _ = damaged_app
    before = _get(app, bad[0], "body")
    with pytest.raises(DamagedEntryError):
        app.journal.edit(bad[0], mood="good")
    assert _get(app, bad[0], "body") == before

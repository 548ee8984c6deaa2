"""Search: decrypted and ranked in memory (BM25), nothing written anywhere."""

from __future__ import annotations

from typing import Any

import pytest

from nargis_desktop.app import App
from nargis_desktop.errors import ValidationError, VaultLockedError
from nargis_desktop.store import Store
from nargis_desktop.vault.search import Doc, rank, search
from nargis_desktop.vault.vault import Vault

from .conftest import PASSPHRASE
from .helpers import add_entries


def _docs() -> list[Doc]:
    return [
        Doc("a", "", "We went running by the river. Running clears my head.", "2026-01-01"),
        Doc("b", "Running", "A short note.", "2026-01-02"),
        Doc("c", "", "Coffee at the café with Zoë, then a long walk home.", "2026-01-03"),
        Doc("d", "", "Nothing much happened; I ran once around the block.", "2026-01-04"),
        Doc("e", "", "The river was cold. I watched the river for an hour.", "2026-01-05"),
    ]


def test_word_prefix_and_case_insensitive() -> None:
    hits = rank(_docs(), "RUN")
    assert {h.id for h in hits} == {"a", "b"}     # "ran" is another word; "run" prefixes


def test_title_counts_double_and_frequency_counts() -> None:
    ids = [h.id for h in rank(_docs(), "running")]
    assert ids[0] == "b"                          # short, and in the title
    assert next(h.id for h in rank(_docs(), "river")) == "e"   # twice beats once


def test_all_terms_must_match() -> None:
    assert [h.id for h in rank(_docs(), "river running")] == ["a"]
    assert rank(_docs(), "river elephant") == []


def test_phrase_and_accents() -> None:
    assert [h.id for h in rank(_docs(), '"long walk"')] == ["c"]
    assert rank(_docs(), '"walk long"') == []
    assert [h.id for h in rank(_docs(), "cafe zoe")] == ["c"]   # accent-insensitive


def test_snippet_marks_the_match() -> None:
    (hit,) = rank(_docs(), "clears")
    assert "[clears]" in hit.snippet


def test_empty_query_is_refused() -> None:
    with pytest.raises(ValidationError):
        rank(_docs(), '  "" !! ')


def test_search_over_the_encrypted_journal(vault_app: App) -> None:
    app = vault_app
    keep = app.journal.add("The lighthouse keeper waved at me", title="Sea trip", mood="good",
                           tags=["travel"])
    app.journal.add("Nothing about the sea today")
    gone = app.journal.add("lighthouse deleted later")
    app.journal.delete(gone.id)
    result = search(app.vault, "lighthouse")
    assert [h.id for h in result.hits] == [keep.id]
    assert result.hits[0].title == "Sea trip" and result.hits[0].tags == ("travel",)
    assert result.scanned == 2 and result.damaged == []


def test_search_needs_the_vault_unlocked(vault_app: App) -> None:
    vault_app.journal.add("something private")
    vault_app.vault.lock()
    with pytest.raises(VaultLockedError):
        search(vault_app.vault, "private")


def test_unlocked_session_reuses_decrypted_entries_and_sees_changes(vault_app: App) -> None:
    import gc
    import weakref

    from nargis_desktop.vault import search as search_module

    app = vault_app
    first = app.journal.add("orchard visit with apples")
    second = app.journal.add("orchard again, pears this time")
    assert {h.id for h in search(app.vault, "orchard").hits} == {first.id, second.id}
    session = app.vault.current_session()
    assert session is not None and len(search_module._SESSION_DOCS[session]) == 2
    app.journal.edit(first.id, body="a day at the lake")          # same fixed clock instant
    third = app.journal.add("orchard number three")
    app.journal.delete(second.id)
    assert {h.id for h in search(app.vault, "orchard").hits} == {third.id}
    assert [h.id for h in search(app.vault, "lake").hits] == [first.id]
    alive = weakref.ref(session)
    del session
    app.vault.lock()                  # the decrypted copies go with the session
    gc.collect()
    assert alive() is None


def test_newlines_and_punctuation_count_as_word_starts() -> None:
    docs = [Doc("once", "", "I went running.", "2026-01-01"),
            Doc("twice", "", "Notes:\nrunning early\nrunning late", "2026-01-01"),
            Doc("bracket", "", "(running) only", "2026-01-01"),
            Doc("inside", "", "outrunning nobody", "2026-01-01")]
    ids = [h.id for h in rank(docs, "running")]
    assert ids[0] == "twice" and set(ids) == {"once", "twice", "bracket"}


def test_title_only_and_body_only_matches_both_rank() -> None:
    docs = [Doc("body", "", "a walk by the harbour", "2026-01-01"),
            Doc("title", "Harbour", "nothing else", "2026-01-02"),
            Doc("none", "", "a walk in the park", "2026-01-03")]
    assert [h.id for h in rank(docs, "harbour")] == ["title", "body"]
    assert [h.id for h in rank(docs, "harbour walk")] == ["body"]


def _seal_from_another_connection(app: App, body: str) -> str:
    """A row written by another process (a CLI command beside the desktop app)."""
    import sqlite3
    import uuid

    key = app.vault.session().current_key
    row_id = str(uuid.uuid4())
    other = sqlite3.connect(app.store.path, isolation_level=None)
    try:
        other.execute("INSERT INTO journal_entries (id, title, body, enc, tags, created_at, "
                      "updated_at) VALUES (?, '', ?, ?, '[]', ?, ?)",
                      (row_id, key.seal("journal_entries", row_id, "body", body), key.version,
                       "2026-11-25T09:00:00Z", "2026-11-25T09:00:00Z"))
    finally:
        other.close()
    return row_id


def test_session_copy_sees_writes_from_another_connection(vault_app: App) -> None:
    app = vault_app
    mine = app.journal.add("harbour lights at night")
    assert [h.id for h in search(app.vault, "harbour").hits] == [mine.id]
    theirs = _seal_from_another_connection(app, "harbour fog in the morning")
    assert {h.id for h in search(app.vault, "harbour").hits} == {mine.id, theirs}


def test_unchanged_journal_is_not_read_again(vault_app: App) -> None:
    """Search-as-you-type: when nothing was written, not even the change stamps are read."""
    app = vault_app
    entry = app.journal.add("meadow flowers")
    search(app.vault, "meadow")
    statements: list[str] = []
    app.store.conn.set_trace_callback(statements.append)
    try:
        assert [h.id for h in search(app.vault, "meadow").hits] == [entry.id]
        assert [h.id for h in search(app.vault, "flowers").hits] == [entry.id]
    finally:
        app.store.conn.set_trace_callback(None)
    assert not [s for s in statements if "journal_entries" in s]
    app.journal.edit(entry.id, body="meadow grass")            # a write: read the stamps again
    assert [h.id for h in search(app.vault, "grass").hits] == [entry.id]


def test_damaged_entries_are_reported_on_every_search(vault_app: App) -> None:
    app = vault_app
    good = app.journal.add("quiet lake")
    bad = app.journal.add("quiet forest")
    with app.store.write() as db:
        db.execute("UPDATE journal_entries SET body = ? WHERE id = ?",
                   (b"\x01" + bytes(40), bad.id))
    for _ in range(2):                                          # the second from the copy
        result = search(app.vault, "quiet")
        assert [h.id for h in result.hits] == [good.id]
        assert [d.row_id for d in result.damaged] == [bad.id]


def test_entries_sealed_while_reading_are_opened_after_unlocking(
        vault: Vault, store: Store, make_vault: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A locked reader (a new CLI process) first asks whether anything is sealed, and
    unlocks before reading; rows sealed by another process after that question are
    opened once every row is read, never by unlocking in the middle of the read."""
    from nargis_desktop.vault import search as search_module

    ids = set(add_entries(vault, 3, text="pebble beach {i}"))
    monkeypatch.setattr(search_module, "_ANY_SEALED", "SELECT 0")  # "nothing sealed yet"
    with pytest.raises(VaultLockedError):
        search(make_vault(store), "pebble")
    reader = make_vault(store, env={"NARGIS_PASSPHRASE": PASSPHRASE})
    result = search(reader, "pebble")
    assert {h.id for h in result.hits} == ids and result.damaged == []

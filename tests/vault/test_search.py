"""Search: decrypted and ranked in memory (BM25), nothing written anywhere."""

from __future__ import annotations

import pytest

from nargis_desktop.app import App
from nargis_desktop.errors import ValidationError, VaultLockedError
from nargis_desktop.vault.search import Doc, rank, search


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

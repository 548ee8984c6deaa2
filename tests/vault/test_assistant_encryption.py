""""Encrypt tasks too" covers the assistant: what was said, pending questions, undo, summaries.

Real App, real SQLite file, real cipher. A second assistant resumes the latest
conversation as the next ``nargis ask`` process would.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from nargis_desktop.app import App
from nargis_desktop.brain.assistant import FOLD_AT, HISTORY_MESSAGES, Assistant
from nargis_desktop.brain.factory import build_assistant
from nargis_desktop.brain.summary import extractive
from nargis_desktop.errors import VaultLockedError
from nargis_desktop.store.transfer import dump_tables
from nargis_desktop.vault.export import decrypt_rows_for_export
from nargis_desktop.vault.tables import ASSISTANT, WITH_TASKS

from .conftest import CHEAP, PASSPHRASE

MARK = "qxvzebramark"
STATE = ("conversations", "messages", "assistant_pending", "assistant_actions")
MakeApp = Callable[..., App]


def _next(app: App) -> Assistant:
    """A fresh assistant on the latest conversation (the next ``nargis ask``)."""
    a = build_assistant(app, with_llm=False)
    assert a.memory is not None
    a.memory.resume_latest()
    return a


def _raw_state(app: App) -> list[dict[str, Any]]:
    return [row for table in STATE for row in app.store.query(f"SELECT * FROM {table}")]


def _plain_hits(app: App) -> list[str]:
    """Columns of the assistant's tables whose raw value shows the marker."""
    return [f"{k}={v!r}" for row in _raw_state(app) for k, v in row.items()
            if MARK.encode() in (v if isinstance(v, bytes) else str(v).encode())]


def _converse(app: App) -> Assistant:
    a = _next(app)
    assert a.handle(f"add a task to call {MARK} tomorrow").actions[0].ok
    assert a.handle(f"create a habit {MARK} stretch 2 times a day").actions[0].ok
    assert a.handle(f"log {MARK} stretch").actions[0].ok
    assert _next(app).handle(f"delete the task call {MARK}").awaiting == "confirm"
    return a


def test_the_assistant_state_is_sealed_and_still_works(make_app: MakeApp) -> None:
    app = make_app()
    app.vault.create(PASSPHRASE, params=CHEAP)
    _converse(app)
    assert _plain_hits(app) == []
    for table, columns in ASSISTANT.items():
        for row in app.store.query(f"SELECT * FROM {table}"):
            assert row["enc"] == 1, table
            assert all(isinstance(row[c], bytes) for c in columns if row[c]), table
    assert {r["enc"] for r in app.store.query("SELECT enc FROM messages")} == {1}
    # what was sealed reads back for the next process: the title, the question, the undo
    later = _next(app)
    assert later.memory is not None
    assert later.memory.title() == f"add a task to call {MARK} tomorrow"
    yes = later.handle("yes")
    assert yes.actions[0].ok and yes.reply == f"Deleted 'call {MARK}'."
    undo = _next(app).handle("undo that")
    assert undo.reply == f"Undone. (Deleted 'call {MARK}'.)"
    assert f"call {MARK}" in {t.title for t in app.tasks.list("all")}
    assert _plain_hits(app) == []


def test_the_summary_is_sealed_and_read_back(make_app: MakeApp) -> None:
    app = make_app()
    app.vault.create(PASSPHRASE, params=CHEAP)
    a = _next(app)
    for i in range(FOLD_AT // 2 + 1):  # one turn past FOLD_AT messages: a fold
        a.handle(f"add a task to buy {MARK} item {i}")
    assert a.memory is not None and a.memory.unfolded() <= HISTORY_MESSAGES
    row = app.store.query("SELECT summary, enc FROM conversations")[0]
    assert isinstance(row["summary"], bytes) and row["enc"] == 1
    summary = _next(app).memory.summary()  # type: ignore[union-attr]
    assert f"User: add a task to buy {MARK} item 0 Nargis: Added 'buy {MARK} item 0'." in summary
    assert _plain_hits(app) == []


def test_locked_the_assistant_says_so_and_writes_nothing(make_app: MakeApp) -> None:
    app = make_app()
    app.vault.create(PASSPHRASE, params=CHEAP)
    card = _converse(app)
    record = card.undo_log.latest()
    assert record is not None
    app.vault.lock()
    before = _raw_state(app)
    for text in ("yes", "undo that", f"add a task to buy {MARK} milk", "what's next",
                 "hello there", "journal: a private thought", "what can I say"):
        turn = _next(app).handle(text)
        assert turn.intent == "locked" and "locked" in turn.reply, text
        assert not turn.actions
    assert card.undo(record.id).error is not None          # the GUI card: refused, no crash
    assert "locked" in (card.undo(record.id).error or "")
    assert _raw_state(app) == before                       # nothing written, plain or sealed
    app.vault.unlock(PASSPHRASE)
    done = _next(app).handle("yes")                         # the question survived the lock
    assert done.actions[0].ok and f"call {MARK}" not in {t.title for t in app.tasks.list("all")}


def test_a_fold_waits_for_the_unlock(make_app: MakeApp) -> None:
    app = make_app()
    app.vault.create(PASSPHRASE, params=CHEAP)
    a = _next(app)
    a.handle(f"add a task to buy {MARK} bread")
    a.handle(f"add a task to buy {MARK} jam")
    memory = _next(app).memory
    assert memory is not None and memory.unfolded() == 4
    app.vault.lock()
    with pytest.raises(VaultLockedError, match="conversation is encrypted"):
        memory.fold(0, extractive)
    assert app.store.scalar("SELECT summary_count FROM conversations") == 0
    app.vault.unlock(PASSPHRASE)
    assert memory.fold(0, extractive) and MARK in memory.summary()


def test_turning_it_on_seals_the_earlier_conversation_at_unlock(make_app: MakeApp) -> None:
    before = make_app(False)
    before.vault.create(PASSPHRASE, params=CHEAP)
    _converse(before)
    assert _plain_hits(before)                              # plain while the setting is off
    before.close()
    on = make_app(True)
    on.vault.unlock(PASSPHRASE)
    for table in WITH_TASKS:
        assert on.store.scalar(f"SELECT COUNT(*) FROM {table} WHERE enc = 0") == 0, table
    assert _plain_hits(on) == []
    assert _next(on).handle("yes").actions[0].ok            # the pending question, resealed


def test_export_leaves_the_working_state_out_and_decrypts_conversations(make_app: MakeApp) -> None:
    app = make_app()
    app.vault.create(PASSPHRASE, params=CHEAP)
    _converse(app)
    tables = dump_tables(app.store)
    assert "assistant_pending" not in tables and "assistant_actions" not in tables
    assert MARK not in json.dumps(tables)
    plain, damaged = decrypt_rows_for_export(app.vault, tables)
    assert damaged == []
    assert plain["conversations"][0]["title"] == f"add a task to call {MARK} tomorrow"
    assert plain["conversations"][0]["enc"] == 0
    assert any(MARK in str(m["content"]) for m in plain["messages"])

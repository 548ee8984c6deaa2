"""Pending questions and undo carry over between assistants (processes) through SQLite.

A second ``App`` on the same data home has its own SQLite connection, as a second
``nargis ask`` process would; ``tests/cli/test_cli_ask.py`` runs the real processes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from nargis_desktop.app import App
from nargis_desktop.brain.assistant import PENDING_TTL, Assistant
from nargis_desktop.brain.factory import build_assistant
from nargis_desktop.brain.state import UNDO_DEPTH
from nargis_desktop.clock import FixedClock


@pytest.fixture
def other(data_app: App) -> Iterator[App]:
    """The same data home opened again, as another process would."""
    app = App(data_app.home, clock=data_app.clock)
    yield app
    app.close()


def _next_process(app: App) -> Assistant:
    """What ``nargis ask`` does: a fresh assistant that resumes the latest conversation."""
    a = build_assistant(app, with_llm=False)
    assert a.memory is not None
    a.memory.resume_latest()
    return a


def _alive(app: App) -> set[str]:
    return {t.title for t in app.tasks.list("all")}


def _tick(app: App, delta: timedelta) -> None:
    clock = app.clock
    assert isinstance(clock, FixedClock)
    clock.advance(seconds=delta.total_seconds())


def test_delete_yes_undo_across_processes(data_app: App, other: App) -> None:
    asked = _next_process(data_app).handle("delete the task buy milk")
    assert asked.awaiting == "confirm" and "buy milk" in _alive(data_app)
    yes = _next_process(other).handle("yes")
    assert yes.intent == "task.delete" and yes.actions[0].ok
    assert "buy milk" not in _alive(data_app)
    undo = _next_process(data_app).handle("undo that")
    assert undo.actions[0].ok and undo.reply.startswith("Undone.")
    assert "buy milk" in _alive(data_app)
    assert _next_process(other).handle("undo that").reply == "There's nothing to undo."


def test_a_confirmation_expires(data_app: App, other: App) -> None:
    _next_process(data_app).handle("delete buy milk")
    _tick(data_app, PENDING_TTL + timedelta(seconds=1))
    late = _next_process(other).handle("yes")
    assert not late.actions and "didn't delete 'buy milk'" in late.reply
    assert "buy milk" in _alive(data_app)
    assert data_app.store.scalar("SELECT COUNT(*) FROM assistant_pending") == 0
    again = _next_process(other).handle("yes")
    assert again.reply == "There's nothing to confirm right now." and not again.actions
    assert "buy milk" in _alive(data_app)


def test_just_before_expiry_it_still_counts(data_app: App) -> None:
    _next_process(data_app).handle("delete buy milk")
    _tick(data_app, PENDING_TTL - timedelta(seconds=1))
    assert _next_process(data_app).handle("yes").actions[0].ok
    assert "buy milk" not in _alive(data_app)


def test_a_late_no_says_it_had_expired(data_app: App) -> None:
    _next_process(data_app).handle("delete buy milk")
    _tick(data_app, timedelta(minutes=10))
    assert "already expired" in _next_process(data_app).handle("no").reply
    assert "buy milk" in _alive(data_app)


def test_yes_deletes_exactly_the_task_asked_about(data_app: App, other: App) -> None:
    """Meanwhile the task was deleted elsewhere and a new one took its name: "yes"
    must not delete the newcomer."""
    _next_process(data_app).handle("delete buy milk")
    old = other.tasks.list("open", text="buy milk")[0]
    other.tasks.delete(old.id)
    newcomer = other.tasks.add("buy milk")
    turn = _next_process(data_app).handle("yes")
    assert not turn.actions and "already gone" in turn.reply
    assert data_app.tasks.get(newcomer.id).deleted_at is None


def test_yes_after_a_rename_deletes_nothing(data_app: App, other: App) -> None:
    _next_process(data_app).handle("delete buy milk")
    task = other.tasks.list("open", text="buy milk")[0]
    other.tasks.edit(task.id, title="buy oat milk")
    turn = _next_process(data_app).handle("yes")
    assert not turn.actions and "'buy oat milk' now" in turn.reply
    assert "buy oat milk" in _alive(data_app)


def test_which_one_carries_over(data_app: App, other: App) -> None:
    assert _next_process(data_app).handle("mark call as done").awaiting == "choice"
    turn = _next_process(other).handle("the bank one")
    assert turn.actions[0].ok and data_app.tasks.list("done", text="call the bank")


def test_a_late_answer_to_which_one_does_nothing(data_app: App) -> None:
    _next_process(data_app).handle("mark call as done")
    _tick(data_app, timedelta(minutes=3))
    turn = _next_process(data_app).handle("the bank one")
    assert not turn.actions and turn.reply.startswith("That question expired")
    assert not data_app.tasks.list("done", text="call")


def test_undo_of_an_add_whose_task_was_deleted_since(data_app: App, other: App) -> None:
    added = _next_process(data_app).handle("add a task to buy eggs").actions[0]
    _next_process(data_app).handle("add a task to buy bread")
    bread = other.tasks.list("open", text="buy bread")[0]
    other.tasks.delete(bread.id)  # from the Tasks view, say
    turn = _next_process(data_app).handle("undo that")
    assert turn.actions and not turn.actions[0].ok
    assert turn.reply == "I couldn't undo that: 'buy bread' was already deleted."
    assert data_app.tasks.get(bread.id, include_deleted=True).deleted_at is not None
    # the refused one is passed over: the next "undo that" reaches the action before it
    turn = _next_process(data_app).handle("undo that")
    assert turn.actions[0].ok and turn.actions[0].args["record"] == added.id
    assert "buy eggs" not in _alive(data_app)


def test_undo_conflicts_say_why_and_change_nothing(data_app: App, other: App) -> None:
    a = _next_process(data_app)
    a.handle("mark call mom as done")
    mom = other.tasks.list("done", text="call mom")[0]
    other.tasks.delete(mom.id)
    assert a.handle("undo that").reply == "I couldn't undo that: 'call mom' has been deleted since."
    assert data_app.tasks.get(mom.id, include_deleted=True).status.value == "done"
    a.handle("start a focus session")
    other.focus.stop()
    other.focus.start("work", minutes=10)  # a newer session: undoing the old start keeps it
    assert a.handle("undo that").actions[0].ok
    assert other.focus.status().running


def test_no_action_is_undone_twice_across_processes(data_app: App, other: App) -> None:
    gui = _next_process(data_app)
    card = gui.handle("add a task to buy eggs").actions[0]
    assert _next_process(other).handle("undo that").actions[0].ok  # the terminal took it back
    again = gui.undo(card.id)  # the GUI card, pressed afterwards
    assert not again.ok and again.error == "That was already undone."
    assert not card.undoable
    assert "buy eggs" not in _alive(data_app)
    data_app.tasks.add("buy eggs")  # a new task of the same name stays
    assert not gui.undo(card.id).ok and "buy eggs" in _alive(data_app)


def test_the_history_is_per_conversation_and_bounded(data_app: App) -> None:
    a = _next_process(data_app)
    for i in range(UNDO_DEPTH + 3):
        a.handle(f"add a task to item {i}")
    assert a.memory is not None
    fresh = build_assistant(data_app, with_llm=False)  # the GUI: a new conversation
    assert fresh.handle("undo that").reply == "There's nothing to undo."
    undone = 0
    while _next_process(data_app).handle("undo that").actions:
        undone += 1
    assert undone == UNDO_DEPTH
    assert {f"item {i}" for i in range(3)} <= _alive(data_app)


def test_a_gui_conversation_gets_its_title_from_the_first_request(data_app: App) -> None:
    a = build_assistant(data_app, with_llm=False)
    a.handle("delete buy milk")  # the pending question starts the conversation
    assert a.memory is not None and a.memory.conversation_id is not None
    title = data_app.store.scalar("SELECT title FROM conversations WHERE id = ?",
                                  (a.memory.conversation_id,))
    assert title == "delete buy milk"
    assert a.handle("yes").actions[0].ok


def test_the_store_holds_no_journal_text(data_app: App) -> None:
    a = _next_process(data_app)
    a.handle("journal: the marker zebra-quartz is private")
    a.handle("undo that")
    rows = data_app.store.query("SELECT * FROM assistant_actions")
    assert rows and all("zebra" not in str(v) for r in rows for v in r.values())

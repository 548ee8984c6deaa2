"""Undo by record: the GUI card and a spoken "undo that" share one path and never undo twice."""

from __future__ import annotations

import pytest

from nargis_desktop.app import App
from nargis_desktop.brain.assistant import Assistant
from nargis_desktop.brain.records import AlreadyUndoneError


def _open(app: App) -> set[str]:
    return {t.title for t in app.tasks.list("open")}


def test_card_undo_then_spoken_undo_does_not_undo_the_same_action(
        data_app: App, assistant: Assistant) -> None:
    first = assistant.handle("add a task to buy eggs").actions[0]
    second = assistant.handle("mark call mom as done").actions[0]
    # the card of the latest action is undone from the GUI ...
    assert assistant.undo(second.id).ok
    assert "call mom" in _open(data_app) and not second.undoable
    # ... so "undo that" reaches the action before it, not the same one again
    turn = assistant.handle("undo that")
    assert turn.actions[0].ok and turn.actions[0].args["record"] == first.id
    assert "buy eggs" not in _open(data_app)
    assert assistant.handle("undo that").reply == "There's nothing to undo."


def test_spoken_undo_then_card_undo_is_refused(data_app: App, assistant: Assistant) -> None:
    record = assistant.handle("add a task to buy eggs").actions[0]
    assert assistant.handle("undo").actions[0].ok
    again = assistant.undo(record.id)
    assert not again.ok and again.error == "That was already undone."
    assert "buy eggs" not in _open(data_app)


def test_card_undo_of_an_older_action_keeps_newer_ones(data_app: App,
                                                       assistant: Assistant) -> None:
    eggs = assistant.handle("add a task to buy eggs").actions[0]
    assistant.handle("add a task to buy bread")
    assert assistant.undo(eggs.id).ok
    assert _open(data_app) >= {"buy bread"} and "buy eggs" not in _open(data_app)
    assert not assistant.undo(eggs.id).ok  # twice by id: refused, nothing changes
    assert assistant.handle("undo that").actions[0].ok  # now undoes "buy bread"
    assert "buy bread" not in _open(data_app)


def test_unknown_record_and_direct_double_undo(data_app: App, assistant: Assistant) -> None:
    assert not assistant.undo("no-such-id").ok
    assert not assistant.undo().ok
    record = assistant.handle("add a task to buy eggs").actions[0]
    assert record.undo is not None
    record.undo()  # an old caller that still calls the closure itself
    with pytest.raises(AlreadyUndoneError):
        record.undo()
    assert assistant.handle("undo that").reply == "There's nothing to undo."

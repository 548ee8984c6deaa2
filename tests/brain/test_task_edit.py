"""A task's priority or name changed by voice, only on an open task the words name, and
undone like every other change."""

from __future__ import annotations

import pytest

from nargis_desktop.app import App
from nargis_desktop.brain.assistant import Assistant


def _task(app: App, title: str) -> tuple[str, str]:
    task = next(t for t in app.tasks.list("all") if t.title == title)
    return task.title, task.priority.value


@pytest.mark.parametrize("text, task, priority", [
    ("make the report high priority", "write report", "high"),
    ("set the priority of buy milk to low", "buy milk", "low"),
    ("flag call mom as urgent", "call mom", "high"),
    ("prioritize the bank call", "call the bank", "high"),
    ("deprioritise water the plants", "water the plants", "low"),
    ("mark the dentist task as top priority", "book dentist appointment", "high"),
    # said as a wish or a question, or the priority after the name
    ("the plants can go low priority", "water the plants", "low"),
    ("can watering the plants just be normal priority? not low, I overthought it",
     "water the plants", "normal"),
    ("calling mom oughta be high priority", "call mom", "high"),
    ("bump the dentist thing up to urgent, tooth's killing me", "book dentist appointment",
     "high"),
    ("the milk, low priority, we still have some", "buy milk", "low"),
    # a colon after the name, a long reason, a lead-in, an image
    ("Call the bank: make it low priority, is not important.", "call the bank", "low"),
    ("report: set priority high", "write report", "high"),
    ("make the bank call top priority mate, gotta sort the overdraft before the boss pays us",
     "call the bank", "high"),
    ("Ja, make the bank call high priority, it's urgent now", "call the bank", "high"),
    ("Let the bank call sink into the quiet waters of low priority", "call the bank", "low"),
])
def test_a_priority_is_changed_and_undone(data_app: App, assistant: Assistant, text: str,
                                          task: str, priority: str) -> None:
    turn = assistant.handle(text)
    assert (turn.intent, turn.slots) == ("task.edit", {"task": task, "priority": priority})
    assert turn.reply == f"'{task}' is now {priority} priority."
    assert _task(data_app, task) == (task, priority)
    assert assistant.handle("undo that").actions[0].ok
    assert _task(data_app, task) == (task, "normal")


def test_a_task_is_renamed_as_written_and_undone(data_app: App, assistant: Assistant) -> None:
    turn = assistant.handle("rename buy milk to Buy Oat Milk")
    assert (turn.intent, turn.slots) == ("task.edit", {"task": "buy milk",
                                                       "title": "Buy Oat Milk"})
    assert turn.reply == "Renamed 'buy milk' to 'Buy Oat Milk'."
    assert _task(data_app, "Buy Oat Milk") == ("Buy Oat Milk", "normal")
    assistant.handle("undo that")
    assert _task(data_app, "buy milk") == ("buy milk", "normal")


def test_a_task_renamed_with_change_to(data_app: App, assistant: Assistant) -> None:
    """"change X to Y" renames when Y is no date (a move) and no state (done)."""
    turn = assistant.handle("change buy milk to grab milk and bread")
    assert (turn.intent, turn.slots) == ("task.edit", {"task": "buy milk",
                                                       "title": "grab milk and bread"})
    assert assistant.handle("change call mom to friday").intent == "task.move"
    turn = assistant.handle("Re-christen 'water the plants' as 'water the geraniums', please")
    assert turn.slots == {"task": "water the plants", "title": "water the geraniums"}
    turn = assistant.handle("Rename call the bank, make it ring the bank about the loan")
    assert turn.slots == {"task": "call the bank", "title": "ring the bank about the loan"}


@pytest.mark.parametrize("text", [
    "make dinner a priority",  # names no task of the user's
    "make a high priority task to fix the roof",  # a new task
    "mark call mom as done",  # done is no priority
    "make call mom due on monday",  # a date is a move
])
def test_other_sentences_are_no_edit(assistant: Assistant, text: str) -> None:
    assert assistant.handle(text).intent != "task.edit"


def test_an_edit_that_says_nothing_to_change_is_refused(assistant: Assistant) -> None:
    record = assistant.tools.run("edit_task", {"task": "buy milk"})
    assert not record.ok and record.error == "Say what to change: the priority or the name."


def test_a_rename_of_a_task_found_only_by_sound_asks_first(data_app: App,
                                                           assistant: Assistant) -> None:
    """espeak-ng's "rename call the bank to call the bank about the loan" was heard as
    "rename call the man to call the man come out the loan"; "the man" sounds like "mom",
    and the rename had gone to "call mom" unasked."""
    said = "Can you rename call the man to call the man come out the loan?"
    turn = assistant.handle(said)
    assert (turn.awaiting, turn.reply) == ("choice", "Did you mean 'call mom'?")
    assert assistant.handle("no").reply == "Okay, I left it as it is."
    assert _task(data_app, "call mom") == ("call mom", "normal")
    assistant.handle(said)
    turn = assistant.handle("yes")
    assert turn.reply == "Renamed 'call mom' to 'call the man come out the loan'."


def test_a_rename_by_a_name_as_written_asks_nothing(assistant: Assistant) -> None:
    turn = assistant.handle("rename call mom to call mom about sunday lunch")
    assert (turn.awaiting, turn.reply) == (None, "Renamed 'call mom' to 'call mom about sunday "
                                                 "lunch'.")

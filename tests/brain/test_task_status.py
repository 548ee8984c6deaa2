"""Questions about one task ("did I call mom", "when is the dentist due") are answered
from the data and change nothing; questions about habits and the world stay theirs."""

from __future__ import annotations

import pytest
from evalkit import fingerprint

from nargis_desktop.app import App
from nargis_desktop.brain.assistant import Assistant


@pytest.mark.parametrize("text, task, reply", [
    ("did I finish the report", "write report", "'write report' is still open, due tomorrow."),
    ("have I done the report yet", "write report", "'write report' is still open, due tomorrow."),
    ("is the report done?", "write report", "'write report' is still open, due tomorrow."),
    ("what's the status of the report", "write report",
     "'write report' is still open, due tomorrow."),
    ("did I call mom", "call mom", "'call mom' is still open, due today at 5 PM."),
    ("have I called mom yet?", "call mom", "'call mom' is still open, due today at 5 PM."),
    ("when is the dentist due", "book dentist appointment",
     "'book dentist appointment' is still open; it was due yesterday."),
    ("when is my dentist appointment", "book dentist appointment",
     "'book dentist appointment' is still open; it was due yesterday."),
    ("is the dentist task done", "book dentist appointment",
     "'book dentist appointment' is still open; it was due yesterday."),
    ("when's the bank call?", "call the bank", "'call the bank' is still open, due Friday."),
    ("when do I have to call the bank", "call the bank",
     "'call the bank' is still open, due Friday."),
    ("what day is the bank call", "call the bank", "'call the bank' is still open, due Friday."),
    ("is buy milk still on my list", "buy milk", "'buy milk' is still open, with no due date."),
    ("did you add buy milk?", "buy milk", "'buy milk' is still open, with no due date."),
    ("have I watered the plants yet", "water the plants",
     "'water the plants' is still open, with no due date."),
    ("did I pay the rent?", "pay rent", "You finished 'pay rent' today at 10:30 AM."),
    ("is the rent paid", "pay rent", "You finished 'pay rent' today at 10:30 AM."),
    ("when did I pay the rent", "pay rent", "You finished 'pay rent' today at 10:30 AM."),
])
def test_a_question_about_one_task_is_answered(data_app: App, assistant: Assistant, text: str,
                                               task: str, reply: str) -> None:
    before = fingerprint(data_app)
    turn = assistant.handle(text)
    assert (turn.intent, turn.slots, turn.reply) == ("task.status", {"task": task}, reply)
    assert fingerprint(data_app) == before
    assert assistant.handle("undo that").reply == "There's nothing to undo."


@pytest.mark.parametrize("text, task", [
    # the question inside a request or a remark
    ("Could you tell me whether I have phoned my mother yet?", "call mom"),
    ("I can't remember if I paid the rent", "pay rent"),
    ("I'd like to know when the report is due, if you would be so good.", "write report"),
    ("would you confirm that the bank call has been done", "call the bank"),
    ("I've no idea whether the plants got watered", "water the plants"),
    # a state asked after the name ("?", "still", "yet"), and other question forms
    ("milk still on the list?? the kids finished it", "buy milk"),
    ("dentist thing - done?", "book dentist appointment"),
    ("rent: resolved or not?", "pay rent"),
    ("do I still need to get milk", "buy milk"),
    ("has the mom call actually happened", "call mom"),
    ("what's the story with the bank call", "call the bank"),
    ("quick status check on the report ticket", "write report"),
    ("ETA on the bank call?", "call the bank"),
    ("bank call is due what day", "call the bank"),
    ("does the plants task have a due date", "water the plants"),
    ("at what time did I mark the rent as paid", "pay rent"),
    ("when did the rent get paid", "pay rent"),
    ("by which day am I expected to have rung the bank", "call the bank"),
    ("is the matter of the dentist still outstanding", "book dentist appointment"),
    ("is that report for work done yet", "write report"),
    # Scots
    ("hae ah peyed the rent, aye or naw?", "pay rent"),
    ("whit day's the bank call due?", "call the bank"),
    ("still gotta ring me mum today yeah?", "call mom"),
    ("is calling my mom still on there?", "call mom"),
    ("when'm I supposed to call mama", "call mom"),
    # when it must be in, with the guess asked after it (no move to that day)
    ("When must the report be in, is it tomorrow?", "write report"),
    ("when does the rent have to be paid by", "pay rent"),
])
def test_a_question_asked_in_other_words(assistant: Assistant, text: str, task: str) -> None:
    turn = assistant.handle(text)
    assert (turn.intent, turn.slots.get("task")) == ("task.status", task)


def test_a_flat_statement_is_no_question(data_app: App, assistant: Assistant) -> None:
    """Said as news ("milk on my list") it is no question; "rent paid" tells it is paid."""
    assert assistant.handle("the bank call is done").intent == "task.complete"
    assert assistant.handle("milk on my list").intent != "task.status"
    assert assistant.handle("need to call mom today").intent == "task.add"


@pytest.mark.parametrize("text", [
    "got to buy milk",  # still to do
    "I've no idea whether the plants got watered",  # a doubt
    "actually, not low, I overthought it",  # "it" named nothing done
])
def test_no_report_that_a_task_is_done(data_app: App, assistant: Assistant, text: str) -> None:
    before = fingerprint(data_app)
    assert assistant.handle(text).intent != "task.complete"
    assert fingerprint(data_app) == before


@pytest.mark.parametrize("text, intent", [
    ("did I go for a run", "habit.status"),  # a habit's name: the habit's question
    ("have I done my reading today", "habit.status"),
    ("is meditation done for today", "habit.status"),
    ("did I log my run", "habit.status"),
    ("did I get much done today", "insight.tasks_done"),
    ("how many tasks did I finish this week", "insight.tasks_done"),
    ("is anything overdue", "task.list"),
    ("when is christmas", "chat"),  # names nothing of the user's
    ("when is my mom's birthday", "chat"),
    ("when is the best time to meditate", "chat"),
])
def test_other_questions_are_not_about_a_task(assistant: Assistant, text: str,
                                              intent: str) -> None:
    assert assistant.handle(text).intent == intent


def test_a_repeating_task_says_the_round_done_and_the_next(data_app: App,
                                                           assistant: Assistant) -> None:
    data_app.tasks.add("stretch", due="today at 6pm", recurrence="every day", priority="high")
    assistant.handle("mark stretch as done")
    assert assistant.handle("did I stretch today?").reply == (
        "You finished 'stretch' today at 10:30 AM; the next one is due tomorrow at 6 PM, "
        "high priority.")


def test_two_tasks_named_alike_ask_which(assistant: Assistant) -> None:
    turn = assistant.handle("when is the call due")
    assert turn.awaiting == "choice"
    assert set(turn.slots["choices"]) == {"call mom", "call the bank"}
    assert assistant.handle("the bank one").reply == "'call the bank' is still open, due Friday."


def test_a_task_that_is_not_there_is_said_so(assistant: Assistant) -> None:
    record = assistant.tools.run("task_status", {"task": "file the tax return"})
    assert not record.ok
    assert record.error == "I couldn't find 'file the tax return' in your tasks."


@pytest.mark.parametrize("tool, where", [("complete_task", "open tasks"),
                                         ("reopen_task", "finished tasks"),
                                         ("delete_task", "tasks")])
def test_each_lookup_names_where_it_looked(assistant: Assistant, tool: str, where: str) -> None:
    record = assistant.tools.run(tool, {"task": "file the tax return"})
    assert record.error == f"I couldn't find 'file the tax return' in your {where}."

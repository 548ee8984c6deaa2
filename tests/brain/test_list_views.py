"""Lists for one day and by priority, insights for yesterday, the longest streak, and the
time and date answered from the clock (with no language model)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from nargis_desktop.app import App
from nargis_desktop.brain.assistant import Assistant
from nargis_desktop.clock import to_iso


@pytest.mark.parametrize("text, day, reply", [
    ("what's due tomorrow", "tomorrow", "You have 1 task for tomorrow: write report."),
    ("what do I have on friday", "friday",
     "You have 2 tasks for Friday: call the bank and dinner with sam (at 7 PM)."),
    ("anything on saturday", "saturday", "You have no tasks for Saturday."),
    ("is there anything for the weekend", "the weekend", "You have no tasks for the weekend."),
])
def test_a_list_for_one_day(data_app: App, assistant: Assistant, text: str, day: str,
                            reply: str) -> None:
    data_app.tasks.add("dinner with sam", due="friday at 7pm")
    turn = assistant.handle(text)
    assert (turn.intent, turn.slots.get("view"), turn.slots.get("day")) == (
        "task.list", "day", day)
    assert turn.reply == reply


def test_a_list_of_one_priority(data_app: App, assistant: Assistant) -> None:
    assert assistant.handle("show me my high priority tasks").reply == (
        "You have no high-priority tasks open.")
    data_app.tasks.add("file taxes", priority="high", due="friday")
    assert assistant.handle("any urgent tasks").reply == (
        "You have 1 high-priority task open: file taxes (Friday).")
    assert assistant.handle("any urgent tasks for friday?").reply == (
        "You have 1 high-priority task for Friday: file taxes.")


def test_insights_for_yesterday(data_app: App, assistant: Assistant) -> None:
    task = data_app.tasks.add("post the card")
    data_app.tasks.complete(task.id)
    with data_app.store.write() as db:  # finished yesterday
        db.execute("UPDATE tasks SET completed_at = ? WHERE id = ?",
                   (to_iso(data_app.clock.now() - timedelta(days=1)), task.id))
    turn = assistant.handle("how many tasks did I finish yesterday")
    assert (turn.slots, turn.reply) == ({"period": "yesterday"},
                                        "You finished 1 task yesterday.")
    assert assistant.handle("how long did I focus yesterday").reply == "No focus time yesterday."


def test_the_longest_streak_is_said(data_app: App, assistant: Assistant) -> None:
    for days in (1, 2, 3):
        data_app.habits.log("meditate", 1, day=data_app.clock.today() - timedelta(days=days))
    turn = assistant.handle("what's my longest streak")
    assert turn.intent == "habit.status" and not turn.slots.get("habit")
    assert turn.reply.endswith("Your longest streak: meditate, 3 days.")


@pytest.mark.parametrize("text, reply", [
    ("what time is it", "It's 10:30 AM."),
    ("What's the time?", "It's 10:30 AM."),
    ("what day is it today", "It's Wednesday, November 25, 2026."),
    ("what's the date", "It's Wednesday, November 25, 2026."),
])
def test_the_time_and_date_come_from_the_clock(assistant: Assistant, text: str,
                                               reply: str) -> None:
    turn = assistant.handle(text)
    assert (turn.intent, turn.reply) == ("chat", reply)


def test_the_time_elsewhere_is_left_to_the_language_model(assistant: Assistant) -> None:
    assert "language model" in assistant.handle("what time is it in Tokyo").reply

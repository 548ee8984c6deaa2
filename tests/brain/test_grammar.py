"""Grammar robustness on transcript-like text: repairs that help, and ones it must refuse."""

from __future__ import annotations

import pytest

from nargis_desktop.brain.assistant import Assistant
from nargis_desktop.brain.normalize import normalize


@pytest.mark.parametrize("heard, intent", [
    ("Stop stop stop.", "meta.cancel"),  # Whisper looping on a short clip
    ("Harmony minutes are left?", "focus.status"),  # first word misheard
    ("Post phone call mom to Friday.", "task.move"),
    ("Arna task, clean the fridge.", "task.add"),
    ("Wug 4 glasses of water.", "habit.log"),  # a count of a known habit is a log
    ("Long 3 glasses of water", "habit.log"),
    ("Okay, I'm back, resume.", "focus.resume"),
])
def test_transcript_errors_are_repaired(assistant: Assistant, heard: str, intent: str) -> None:
    if intent == "focus.resume":
        assistant.handle("start a focus session")
        assistant.handle("pause")
    assert assistant.handle(heard).intent == intent


@pytest.mark.parametrize("text", [
    "log a habit",  # the STT domain prompt echoed back: no habit is named
    "I finished watching a film last night",  # names nothing of the user's
    "delete everything", "remove all my tasks now",  # bulk: never one task
    "Dilete call mom",  # a repaired first word never becomes a delete
    "I need a break",
])
def test_not_commands(assistant: Assistant, text: str) -> None:
    turn = assistant.handle(text)
    assert turn.intent == "chat", (text, turn.intent, turn.slots)
    assert not turn.actions


def test_normalize_keeps_apostrophes_but_drops_quotes() -> None:
    assert normalize("Add 'clean the fridge' for Saturday") == "add clean the fridge for saturday"
    assert normalize("what's next") == "what's next"


@pytest.mark.parametrize("text", ["log drink water 2 glasses", "log drink water two glasses",
                                  "log 2 glasses of drink water"])
def test_a_count_with_its_unit_is_kept_wherever_it_is_said(assistant: Assistant,
                                                          text: str) -> None:
    assistant.handle("create a habit called drink water")
    turn = assistant.handle(text)
    assert turn.intent == "habit.log"
    assert turn.slots.get("count") == 2, turn.slots

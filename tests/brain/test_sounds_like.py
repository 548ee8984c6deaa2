"""Short commands matched by sound: real espeak-ng phonemes (Piper's), the real grammar."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from nargis_desktop.app import App
from nargis_desktop.brain.assistant import Assistant
from nargis_desktop.brain.grammar import Grammar, Vocabulary
from nargis_desktop.brain.normalize import loops, said_once
from nargis_desktop.brain.sounds_like import ACT_ON_GUESS, SHORT_COMMANDS, SoundsLike
from nargis_desktop.clock import Clock
from nargis_desktop.voice import phonemes


@pytest.fixture(scope="module")
def sounds() -> SoundsLike:
    assert phonemes.available(), "Piper's espeak-ng bridge should load"
    return SoundsLike(phonemes.phonemes)


def test_every_short_command_is_one_the_grammar_understands_and_none_deletes() -> None:
    grammar = Grammar(Clock("UTC"))
    for intent, phrases in SHORT_COMMANDS.items():
        assert not intent.endswith(".delete")
        for phrase in phrases:
            parse = grammar.parse(phrase, Vocabulary())
            assert parse is not None and parse.intent == intent, phrase
    # what a wrong guess does at once is only ever to say something
    assert not {"meta.undo", "focus.start", "focus.stop", "journal.read"} & ACT_ON_GUESS


def test_phonemes_come_from_espeak() -> None:
    assert phonemes.phonemes(["undo", "", "help!"]) == ["ʌndu", "", "hɛlp"]


@pytest.mark.parametrize(("heard", "phrase"), [
    ("and you. and you.", "undo"),  # Whisper base on Piper saying "undo"
    ("health health health", "help"),
    ("How much wander?", "how much longer"),
    ("Let's do this week.", "what's due this week"),
    ("say there again.", "say that again"),
    ("then remind.", "never mind"),  # espeak-ng en-gb
])
def test_misheard_short_commands_sound_like_them(sounds: SoundsLike, heard: str,
                                                 phrase: str) -> None:
    guess = sounds.guess(heard)
    assert guess is not None and guess.phrase == phrase, guess


@pytest.mark.parametrize("heard", [
    "what's the weather like in Paris",
    "tell me a joke",
    "I had a really long day at work and I am tired",  # too long to be a short command
    "thank you",
    "good night",
    "Post on call mounted tomorrow at 6 p.m.",
    "...",
])
def test_other_speech_sounds_like_no_command(sounds: SoundsLike, heard: str) -> None:
    assert sounds.guess(heard) is None


def test_without_phonemes_nothing_is_guessed() -> None:
    assert SoundsLike(lambda texts: None).guess("and you. and you.") is None


def _doubted() -> list[str]:
    """Whisper's other readings of a reading it doubted: none of them a command."""
    return ["and you, and you"]


def test_a_guessed_change_is_asked_first(data_app: App, assistant: Assistant) -> None:
    assistant.handle("add a task to buy eggs")
    turn = assistant.handle("and you. and you.", source="voice", rereadings=_doubted)
    assert turn.intent == "meta.undo" and turn.awaiting == "confirm" and not turn.actions
    assert turn.reply == "Did you mean “undo”? Say yes to do it."
    assert any("sounds like “undo”" in n for n in turn.notes)
    assert data_app.tasks.list("open", text="buy eggs")  # nothing done yet
    turn = assistant.handle("yes")
    assert turn.intent == "meta.undo" and turn.actions[0].ok
    assert not data_app.tasks.list("open", text="buy eggs")


def test_a_guess_answered_no_does_nothing(data_app: App, assistant: Assistant) -> None:
    assistant.handle("start a focus session")
    turn = assistant.handle("and focus. and focus.", source="voice", rereadings=_doubted)
    assert turn.intent == "focus.stop" and turn.awaiting == "confirm"
    assert assistant.handle("no").reply == "Okay, I left it as it is."
    assert data_app.focus.status().running


def test_a_guessed_question_is_answered_at_once(assistant: Assistant) -> None:
    turn = assistant.handle("health health health", source="voice", rereadings=_doubted)
    assert turn.intent == "meta.help" and turn.awaiting is None
    assert turn.reply.startswith("You can say things like")


def test_a_looping_reading_is_doubted_even_when_whisper_was_sure(
        data_app: App, assistant: Assistant) -> None:
    turn = assistant.handle("Mix task. Mix task.", source="voice")  # "next task", noisy
    assert turn.intent == "task.next"
    assert loops("and you. and you.") and loops("Watery. Watery.")
    assert loops("health health health") and loops("then remind, then remind,")
    assert not loops("and you") and not loops("stop the timer") and not loops("")
    assert said_once("And you. And you.") == "and you"
    assert said_once("Let's start.") == "let's start"  # only loops go, no fillers


def test_no_guess_without_doubt_nor_for_typed_text_nor_for_an_answer(
        data_app: App, assistant: Assistant) -> None:
    # Whisper was sure (no other readings offered), or the text was typed: as written
    assert assistant.handle("and you", source="voice").intent == "chat"
    assert assistant.handle("and you. and you.").intent == "chat"
    # a pending "which one?" takes what is said as its answer
    assert assistant.handle("mark call as done").awaiting == "choice"
    turn = assistant.handle("and you. and you.", source="voice", rereadings=_doubted)
    assert turn.intent != "meta.undo" and turn.awaiting != "confirm"


def test_a_late_yes_to_a_guess_does_nothing(data_app: App, assistant: Assistant) -> None:
    from nargis_desktop.brain.assistant import PENDING_TTL
    from nargis_desktop.clock import FixedClock

    assistant.handle("add a task to buy eggs")
    assert assistant.handle("and you", source="voice", rereadings=_doubted).awaiting
    assert isinstance(data_app.clock, FixedClock)
    data_app.clock.advance(seconds=PENDING_TTL.total_seconds() + 1)
    turn = assistant.handle("yes")
    assert "so I did nothing" in turn.reply
    assert data_app.tasks.list("open", text="buy eggs")


# -- commands on one of the user's tasks ----------------------------------------------------
_TASKS = Vocabulary(open_tasks=["call mom", "buy milk", "write report", "call the bank",
                                "book dentist appointment", "water the plants"],
                    done_tasks=["pay rent"])


def _named(sounds: SoundsLike, heard: str, vocab: Vocabulary = _TASKS) -> str | None:
    grammar = Grammar(Clock("UTC"))
    guess = sounds.guess_named(heard, vocab, lambda said: grammar.parse(said, vocab))
    return guess.phrase if guess is not None else None


@pytest.mark.parametrize(("heard", "phrase"), [  # what Whisper base made of Piper / espeak-ng
    ("The league by milk.", "delete buy milk"),
    ("Mark by Milkton.", "mark buy milk done"),  # "done" inside the misheard name
    ("Now call mom to Friday.", "move call mom to friday"),
    ("The lake called the bank until next Tuesday.", "delay call the bank until next tuesday"),
    ("New call month of Friday.", None),  # the verb too far from any: no guess
    ("Mar pay rent as a man.", "mark pay rent as undone"),
    ("Hope they rent back on my list.", "put pay rent back on my list"),
    ("Pushback right report to Friday.", "push back write report to friday"),
])
def test_a_misheard_command_on_a_task_sounds_like_it(sounds: SoundsLike, heard: str,
                                                     phrase: str | None) -> None:
    assert _named(sounds, heard) == phrase


@pytest.mark.parametrize("heard", [
    "should I call mom today", "I forgot to pay rent", "I'll call mom on Friday",
    "let's water the plants", "call mom", "what's the weather like in Paris",
    "how long will write report take", "mom called the bank today", "",
])
def test_speech_about_a_task_is_no_command_on_it(sounds: SoundsLike, heard: str) -> None:
    assert _named(sounds, heard) is None


def test_only_a_done_task_is_reopened_and_two_close_names_are_no_guess(
        sounds: SoundsLike) -> None:
    assert _named(sounds, "Ammarc Pay rent.") == "unmark pay rent"
    assert _named(sounds, "Ammarc by milk.") != "unmark buy milk"  # still open
    both = Vocabulary(open_tasks=["buy milk", "pay milk"])
    assert _named(sounds, "The league by milk.", both) is None
    assert _named(sounds, "The league by milk.", Vocabulary()) is None
    assert SoundsLike(lambda texts: None).guess_named(
        "The league by milk.", _TASKS, lambda said: None) is None


def test_a_misheard_delete_asks_for_its_confirmation(data_app: App,
                                                      assistant: Assistant) -> None:
    """Whisper was sure of "The league by milk." (no other readings): the task's name
    anchors the guess, and the delete asks first as it always does."""
    turn = assistant.handle("The league by milk.", source="voice")
    assert turn.intent == "task.delete" and turn.awaiting == "confirm" and not turn.actions
    assert any("sounds like “delete buy milk”" in n for n in turn.notes)
    assert "buy milk" in turn.reply
    assert assistant.handle("yes").actions[0].ok
    assert not data_app.tasks.list("open", text="buy milk")


def test_a_misheard_move_is_asked_first_and_typed_text_is_taken_as_written(
        data_app: App, assistant: Assistant) -> None:
    due = data_app.tasks.list("open", text="call mom")[0].due
    assert assistant.handle("Now call mom to Friday.").intent == "chat"  # typed
    turn = assistant.handle("Now call mom to Friday.", source="voice")
    assert turn.intent == "task.move" and turn.awaiting == "confirm"
    assert turn.reply == "Did you mean “move call mom to friday”? Say yes to do it."
    assert data_app.tasks.list("open", text="call mom")[0].due == due
    turn = assistant.handle("yes")
    assert turn.intent == "task.move" and turn.actions[0].ok
    moved = data_app.tasks.list("open", text="call mom")[0].due
    assert moved is not None and moved != due
    assert moved.astimezone(ZoneInfo("Europe/Berlin")).weekday() == 4  # a Friday there

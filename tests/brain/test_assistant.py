"""Turn behaviour: undo, confirmation, "which one?", bad input, memory."""

from __future__ import annotations

from nargis_desktop.app import App
from nargis_desktop.brain.assistant import Assistant, ModelSlot
from nargis_desktop.brain.factory import build_assistant


def _alive(app: App) -> set[str]:
    return {t.title for t in app.tasks.list("all")}


def test_every_action_is_undoable(data_app: App, assistant: Assistant) -> None:
    for text in ["add a task to buy eggs", "mark call mom as done", "log 3 glasses of water",
                 "move buy milk to friday", "start a focus session",
                 "journal: a quiet evening."]:
        turn = assistant.handle(text)
        assert turn.actions and turn.actions[0].ok and turn.actions[0].undoable, text
    for _ in range(6):
        assert assistant.handle("undo that").actions[0].ok
    assert "buy eggs" not in _alive(data_app)
    assert data_app.tasks.list("open", text="call mom")[0].status.value == "todo"
    assert data_app.habits.status("drink water").today_count == 0
    assert data_app.tasks.list("open", text="buy milk")[0].due is None
    assert not data_app.focus.status().running
    assert data_app.journal.count() == 1
    assert assistant.handle("undo that").reply == "There's nothing to undo."


def test_delete_needs_a_yes(data_app: App, assistant: Assistant) -> None:
    turn = assistant.handle("delete the task buy milk")
    assert turn.awaiting == "confirm" and "buy milk" in _alive(data_app)
    assert assistant.handle("no").intent == "meta.deny"
    assert "buy milk" in _alive(data_app)
    assistant.handle("delete buy milk")
    turn = assistant.handle("yes")
    assert turn.actions[0].ok and "buy milk" not in _alive(data_app)
    assistant.handle("undo that")
    assert "buy milk" in _alive(data_app)


def test_a_new_command_drops_a_pending_delete(data_app: App, assistant: Assistant) -> None:
    assistant.handle("delete buy milk")
    assistant.handle("what's next")
    assert assistant.handle("yes").reply == "There's nothing to confirm right now."
    assert "buy milk" in _alive(data_app)


def test_two_matches_ask_which(data_app: App, assistant: Assistant) -> None:
    turn = assistant.handle("mark call as done")
    assert turn.awaiting == "choice"
    assert set(turn.slots["choices"]) == {"call mom", "call the bank"}
    turn = assistant.handle("the bank one")
    assert turn.actions[0].ok
    assert data_app.tasks.list("done", text="call the bank")


def test_empty_and_whitespace(assistant: Assistant) -> None:
    for text in ["", "   ", "\n\t"]:
        turn = assistant.handle(text)
        assert turn.intent == "none" and turn.reply and not turn.actions


def test_twenty_thousand_characters(data_app: App, assistant: Assistant) -> None:
    long = "add a task to " + "very long " * 2000
    turn = assistant.handle(long)
    assert turn.intent == "chat" and not turn.actions  # too long to be a command
    entry = "journal: " + "A long day. " * 1700
    turn = assistant.handle(entry)
    assert turn.intent == "journal.add" and turn.actions[0].ok
    assert data_app.journal.count() == 2


def test_grammar_works_when_the_model_fails_to_load(data_app: App) -> None:
    data_app.settings.llm.model = "no-such-model"
    a = build_assistant(data_app)
    turn = a.handle("tell me a joke")
    assert "language model isn't available" in turn.reply
    assert turn.notes and "no-such-model" in turn.notes[0]
    assert a.handle("add a task to buy eggs").actions[0].ok


def test_unconfigured_model_is_reported(data_app: App) -> None:
    a = Assistant(build_assistant(data_app, with_llm=False).services,
                  model=ModelSlot("", None))
    assert "only follow commands" in a.handle("how are you").reply


def test_journal_quotes_are_sealed_in_memory(data_app: App, assistant: Assistant) -> None:
    assistant.handle("read my last journal entry")
    rows = data_app.store.query("SELECT role, content, enc FROM messages ORDER BY created_at")
    assistant_rows = [r for r in rows if r["role"] == "assistant"]
    assert assistant_rows and all(r["enc"] for r in assistant_rows)
    assert all(b"calm" not in (r["content"] if isinstance(r["content"], bytes)
                               else r["content"].encode()) for r in assistant_rows)
    history = assistant.memory.history() if assistant.memory else []
    assert any("calm" in m.content for m in history)  # readable while unlocked


def test_cancel_and_repeat(assistant: Assistant) -> None:
    first = assistant.handle("what's next").reply
    assert assistant.handle("repeat that").reply == first
    assistant.handle("stop")
    assert assistant.cancel.is_set()


def test_a_second_reading_of_speech_is_used_when_the_first_is_no_command(
        data_app: App, assistant: Assistant) -> None:
    """Whisper's beam often holds the right words when its first reading is garbled."""
    asked: list[int] = []

    def readings() -> list[str]:
        asked.append(1)
        return ["Risk and you write report", "Reschedule write report to next Monday."]

    turn = assistant.handle("Risk and you write report to next Monday.", source="voice",
                            rereadings=readings)
    assert asked == [1]
    assert turn.intent == "task.move" and turn.actions[0].ok
    assert turn.transcript == "Reschedule write report to next Monday."
    assert any("Risk and you write report to next Monday." in n for n in turn.notes)
    assert data_app.tasks.list("open", text="write report")[0].due is not None
    assert assistant.handle("undo that").actions[0].ok  # undone like any command


def test_second_readings_are_not_decoded_for_a_command_nor_used_for_risky_guesses(
        data_app: App, assistant: Assistant) -> None:
    def never() -> list[str]:
        raise AssertionError("a command needs no second reading")

    assert assistant.handle("add a task to buy eggs", rereadings=never).intent == "task.add"
    # a deletion is never taken from a guess: the first reading (chat) stands
    turn = assistant.handle("the weather is mild", rereadings=lambda: ["delete buy milk"])
    assert turn.intent == "chat" and turn.transcript == "the weather is mild"
    assert "buy milk" in _alive(data_app)
    # "<any word> <a habit's name>" is read as a misheard "log" in a first reading only:
    # in a second one it is a guess on a guess ("Divide ring water today" logged water)
    assert assistant.handle("Divide ring water today.").intent == "habit.log"
    assistant.handle("undo that")
    turn = assistant.handle("Divide rink what today.",
                            rereadings=lambda: ["Divide ring water today."])
    assert turn.intent == "chat" and data_app.habits.status("drink water").today_count == 0
    # a command read from two clauses is a guess on a guess in a second reading too
    assert assistant.handle("phew, I meditated").intent == "habit.log"
    assistant.handle("undo that")
    turn = assistant.handle("A game I'm editing.", rereadings=lambda: ["phew, I meditated"])
    assert turn.intent == "chat" and data_app.habits.status("meditate").today_count == 0
    # no reading is a command: chat, with what was heard first
    turn = assistant.handle("what a lovely day", rereadings=lambda: ["what a lovely date"])
    assert turn.intent == "chat" and turn.transcript == "what a lovely day"


def test_an_answer_to_which_one_is_not_reread(data_app: App, assistant: Assistant) -> None:
    assert assistant.handle("mark call as done").awaiting == "choice"
    turn = assistant.handle("the bank one", rereadings=lambda: ["log a run"])
    assert turn.intent == "meta.choice" and turn.actions[0].ok
    assert data_app.habits.status("go for a run").today_count == 0


def test_a_lone_command_whisper_read_as_nothing_is_taken_from_its_other_readings(
        data_app: App, assistant: Assistant) -> None:
    """A short "help" can come out as no words; the n-best decode of the same speech
    holds it. None is taken while a question waits for its answer, nor when no reading
    is a command (the turn then stays "I didn't catch that")."""
    assert assistant.first_command(lambda: ["", "help."]) == "help."
    assert assistant.first_command(lambda: ["delete buy milk"]) is None  # never a deletion
    assert assistant.first_command(list) is None
    assert assistant.handle("mark call as done").awaiting == "choice"
    assert assistant.first_command(lambda: ["log a run"]) is None

"""The classifier tier (``brain.intent_guess``) and the commands it words
(``brain.grammar.fallback``), on the real corpus; the wordings here are in no eval set."""

from __future__ import annotations

from pathlib import Path

import pytest
from evalkit import fresh_app
from make_intent_corpus import corpus_text

from nargis_desktop.app import App
from nargis_desktop.brain.assistant import Assistant
from nargis_desktop.brain.factory import build_assistant
from nargis_desktop.brain.grammar.fallback import command_for, find_date
from nargis_desktop.brain.grammar.model import Vocabulary
from nargis_desktop.brain.intent_guess import CORPUS, IntentGuesser, masked
from nargis_desktop.core.dates import parse_when

VOCAB = Vocabulary(open_tasks=["call mom", "buy milk", "write report", "call the bank"],
                   done_tasks=["pay rent"], habits=["drink water", "meditate", "go for a run"])


def test_the_committed_corpus_is_made_from_the_eval_sets() -> None:
    assert CORPUS.read_text(encoding="utf-8") == corpus_text(), (
        "run: python tests/brain/make_intent_corpus.py")


def test_masking_hides_the_users_names() -> None:
    assert masked("Could you bump Call Mom to friday?", VOCAB) == \
        "bump TASK to friday QMARK"
    assert masked("the bank thing can wait", VOCAB).endswith("NAMED")
    assert masked("log drink water", VOCAB) == "log HABIT"


@pytest.mark.parametrize("text, intent", [
    ("shunt the bank thing along to monday", "task.move"),
    ("how much time remains on the clock", "focus.status"),
    ("which chore should I tackle now", "task.next"),
    ("what have I got lined up for today", "task.list"),
    ("managed three glasses of water so far this morning", "habit.log"),
    ("what is the capital of peru", "chat"),
    ("my sister's habit of being late drives me mad", "chat"),
    ("my son went for a run this morning", "chat"),  # the classifier alone: habit.log
    ("my wife already called the bank", "chat"),  # and task.complete
    ("she still hasn't paid the rent", "chat"),
    ("my sister says the bank rang, so please move call the bank to monday", "task.move"),
])
def test_guesses_unseen_wordings(text: str, intent: str) -> None:
    guess = IntentGuesser().guess(text, VOCAB)
    assert guess is not None and guess.intent == intent, guess


def test_a_missing_corpus_guesses_nothing(tmp_path: Path,
                                          caplog: pytest.LogCaptureFixture) -> None:
    guesser = IntentGuesser(tmp_path / "gone.tsv")
    assert guesser.guess("what's next", VOCAB) is None
    assert guesser.guess("what's next", VOCAB) is None
    told = [r for r in caplog.records if "no intent corpus" in r.getMessage()]
    assert len(told) == 1  # said once, not on every sentence


@pytest.fixture
def app() -> App:
    with fresh_app() as a:
        yield a


@pytest.mark.parametrize("intent, text, command", [
    ("task.move", "can u bump the bank one to like next tuesday",
     "move call the bank to next tuesday"),
    ("task.move", "shift the report, I can't do it", None),  # no date: no command
    ("task.complete", "the bank is sorted", "mark call the bank as done"),
    ("task.complete", "all sorted", None),  # names no task
    ("task.reopen", "rent bounced", "reopen pay rent"),
    ("habit.log", "downed two glasses of water", "log drink water 2 times"),
    ("habit.log", "did my meditation", "log meditate"),
    ("habit.status", "how's the running coming along", "how is my go for a run going"),
    ("habit.status", "how are the habits holding up", "how are my habits"),
    # no habit named and no word of habits: "did I leave my spectacles in the conservatory"
    ("habit.status", "did I leave the oven on, I wonder", None),
    ("task.status", "any idea whether the bank thing happened", "what's the status of call the "
     "bank"),
    ("focus.start", "give me an hour and a half of heads-down time",
     "start a focus session for an hour and a half"),
    ("task.list", "anything late", "show my overdue tasks"),
    ("insight.focus", "focus stats for the month", "how was my focus this month"),
    ("journal.add", "Please put this in my diary. Long day, good dinner.",
     "journal: Long day, good dinner."),
    ("task.add", "new errand: collect the dry cleaning, friday",
     "add a task to collect the dry cleaning friday"),
    ("task.add", "pick up the dry cleaning, can you add that",
     "add a task to pick up the dry cleaning"),
    ("habit.create", "could you start tracking flossing for me",
     "create a habit flossing"),
    ("habit.create", "new weekly habit: call grandpa", "create a habit call grandpa every week"),
    ("task.add", "urgent one, can you add that: phone the vet, tag home",
     "add a task to phone the vet with high priority tagged home"),
    # two clauses that could each be the task: the learned picker (``brain.name_span``)
    ("task.add", "remind me to call grandpa on sunday, he's been lonely",
     "add a task to call grandpa sunday"),
    ("task.add", "jot this down: sort the loft, no rush",
     "add a task to sort the loft with low priority"),
    ("habit.log", "had a mug of water yesterday", "log drink water once yesterday"),
    # a move's date is the one it moves to, not the one it had
    ("task.move", "bank call cannot make it on friday lah, shift to next tuesday",
     "move call the bank to next tuesday"),
    # "it'll ..." names no task: a remark about the weather
    ("task.add", "reckon it'll chuck it down on saturday? got a roof to do", None),
    ("task.add", "must top up my travel card, remind me tonight can or not",
     "add a task to top up my travel card tonight"),
    # "important" denied is no high priority; "one on" is no one o'clock; a day corrected
    ("task.add", "Is not so important, low priority, but add: clean the balcony",
     "add a task to clean the balcony with low priority"),
    ("task.add", "need a new one on there lad, get tickets for the match, no rush like",
     "add a task to get tickets for the match with low priority"),
    ("task.move", "The milk I buy not today but on saturday, change it please",
     "move buy milk to saturday"),
    # the date after "to" is the move's only when it follows it ("not ready to talk today")
    ("task.move", "can calling my mom be tomorrow instead? I'm not ready to talk today",
     "move call mom to tomorrow"),
    ("task.list", "what are my high priority things, the really important ones",
     "show my high priority tasks"),
    ("task.list", "anything on my plate for friday", "what's due friday"),
])
def test_command_for(app: App, intent: str, text: str, command: str | None) -> None:
    vocab = build_assistant(app, with_llm=False).vocabulary()
    assert command_for(intent, text, vocab, app.clock) == command


def test_find_date_skips_counts_and_leading_words(app: App) -> None:
    assert find_date("i ate 1 apple", app.clock) is None
    assert find_date("push it to like next friday eh", app.clock) == "next friday"
    assert find_date("make it the day after tomorrow", app.clock) == "the day after tomorrow"


def _assistant(app: App) -> Assistant:
    return build_assistant(app, with_llm=False)


def test_a_guessed_change_is_asked_first_and_done_on_yes(app: App) -> None:
    a = _assistant(app)
    bank = next(t for t in app.tasks.list("open") if t.title == "call the bank")
    turn = a.handle("shunt the bank thing along to monday")
    assert turn.intent == "task.move" and turn.awaiting == "confirm"
    assert "move call the bank to monday" in turn.reply
    assert app.tasks.get(bank.id).due == bank.due  # nothing changed yet
    done = a.handle("yes")
    assert done.actions and done.actions[0].ok
    assert app.tasks.get(bank.id).due == parse_when("monday", app.clock).instant


def test_a_guessed_question_is_answered_at_once(app: App) -> None:
    a = _assistant(app)
    a.handle("start a 25 minute focus session")
    turn = a.handle("how much time remains on the clock")
    assert turn.intent == "focus.status" and turn.awaiting is None
    assert "left" in turn.reply.lower() or "minute" in turn.reply.lower()
    assert any("Understood" in n for n in turn.notes)


def test_chat_is_left_to_the_chat(app: App) -> None:
    turn = _assistant(app).handle("what is the capital of peru")
    assert turn.intent == "chat" and not turn.actions


def test_without_a_classifier_nothing_is_guessed(app: App) -> None:
    a = _assistant(app)
    a.intents = None
    assert a.handle("shunt the bank thing along to monday").intent == "chat"


@pytest.mark.parametrize("text, intent", [
    ("whoa whoa whoa, rent's not paid, landlord's bangin' on my door, throw pay rent back on "
     "the list", "task.reopen"),
    ("wait ah, pause first, my boss calling me", "focus.pause"),
    ("Affirm, next item on the checklist.", "task.next"),  # a question with its "?" lost
    # a "yes" before a command, with nothing asked: the command (it was a delete prompt)
    ("yes, add milk", "task.add"),
    ("aye, add milk", "task.add"),
    # "I give water to the plants", Pidgin "I don water ...": reports of the task done
    ("I already give water to the plants, this one finish", "task.complete"),
    # a delete asked about, not a completion the repair "tek off" -> "tick off" read
    ("Tek off di plants ting, mi sister a go water dem", "task.delete"),
    ("Erase me the task of the bank, is not necessary anymore", "task.delete"),
])
def test_a_request_with_an_interjection_or_a_remark(app: App, text: str, intent: str) -> None:
    a = _assistant(app)
    a.handle("start a 25 minute focus session")
    assert a.handle(text).intent == intent


@pytest.mark.parametrize("text", [
    "reckon it'll chuck it down on saturday? got a roof to do",  # no task "it'll chuck ..."
    "me apprentice reckons those focus timer apps are just for uni kids",  # someone else's
    "Say hello to me in one short sentence.",  # words asked of the assistant
    "I did not drink water",  # a denial: nothing to log, nothing to ask
    "I have not meditated today",
    "Patient today asked if I drink enough water. Irony.",  # what someone else asked
    "My roommate is, like, always meditating, it's kinda weird honestly",
    "alam mo ba, si lola hindi umiinom ng tubig buong araw, puro kape lang talaga",
    "Who won the World Cup in 1966? Go on, you know this one!",
])
def test_remarks_that_ask_nothing_stay_chat(app: App, text: str) -> None:
    turn = _assistant(app).handle(text)
    assert turn.intent == "chat" and not turn.actions, (text, turn.intent, turn.reply)


#: Lines the grammar's guards keep from acting (``test_grammar.py``); the classifier may
#: name a command for some, but it only asks about a change or answers a question.
GUARDED = ["Read my tadurist.", "Renewed write report from my list.", "Then I meditate today.",
           "wipe my list", "clear all my tasks", "Press the water, the plants task.",
           "friday delete the report task", "I don't know, maybe add a task",
           "the dentist called, they moved my appointment to friday",
           "Nice my meditation streak.", "Now call mom to Friday.", "delete everything",
           "remove all my tasks now", "I finished watching a film last night",
           "the milk in the fridge has gone off again", "wife will buy the milk tonight",
           "the weather is nice today", "I love the smell of rain, don't you",
           "habits are hard", "check my progress on meditation",
           "Let's check my sticker chart for reading"]


@pytest.mark.parametrize("text", GUARDED)
def test_a_guess_changes_nothing_until_the_user_agrees(app: App, text: str) -> None:
    from evalkit import fingerprint

    before = fingerprint(app)
    turn = _assistant(app).handle(text)
    assert fingerprint(app) == before, (text, turn.intent, turn.actions)
    changed = [a for a in turn.actions if a.ok and a.tool not in (
        "list_tasks", "next_task", "habit_status", "focus_status", "tasks_done",
        "focus_summary", "read_journal")]
    assert not changed, (text, changed)
    if turn.intent in ("task.add", "task.complete", "task.move", "habit.log", "journal.add"):
        assert turn.awaiting == "confirm", (text, turn.intent)



@pytest.mark.parametrize("text, intent", [
    # the grammar's catch-all list question reads this as a list
    ("which task do you reckon I ought to attend to next", "task.next"),
    # a habit that isn't one, and a task that isn't one
    ("log a journal entry: the release went out at last", "journal.add"),
])
def test_a_sure_classifier_overrules_a_rule_that_reaches_too_far(app: App, text: str,
                                                                  intent: str) -> None:
    a = _assistant(app)
    assert a.grammar.parse(text, a.vocabulary()).intent != intent  # what the rule alone says
    turn = a.handle(text)
    assert turn.intent == intent, (turn.intent, turn.reply)
    assert any(n.startswith("Understood") for n in turn.notes)


@pytest.mark.parametrize("text, intent", [
    ("which tasks are due this week", "task.list"),
    ("how many tasks do I have today", "task.list"),
    ("show me my tasks", "task.list"),
    ("log drink water", "habit.log"),
    ("undo that", "meta.undo"),
    ("Stop the timer, mun, Mam's at the door", "focus.stop"),  # a stop said, not a pause
])
def test_the_grammar_keeps_what_it_reads_well(app: App, text: str, intent: str) -> None:
    turn = _assistant(app).handle(text)
    assert turn.intent == intent and not any(n.startswith("Understood") for n in turn.notes)


def test_a_yes_said_with_more_words_is_no_answer_when_nothing_was_asked(app: App) -> None:
    a = _assistant(app)
    turn = a.handle("Right, I'm gonna lock in for half an hour")
    assert turn.intent == "focus.start" and turn.awaiting == "confirm", turn.reply
    a.handle("no")
    assert a.handle("delete buy milk").awaiting == "confirm"
    assert a.handle("right, go ahead").intent == "task.delete"  # asked: it is the answer
    assert "buy milk" not in [t.title for t in app.tasks.list("all")]

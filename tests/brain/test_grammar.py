"""Grammar robustness on transcript-like text: repairs that help, and ones it must refuse."""

from __future__ import annotations

import pytest

from nargis_desktop.app import App
from nargis_desktop.brain.assistant import Assistant
from nargis_desktop.brain.normalize import normalize
from nargis_desktop.brain.slots import fuzzy_pick
from nargis_desktop.clock import FixedClock


@pytest.mark.parametrize("heard, intent", [
    ("Stop stop stop.", "meta.cancel"),  # Whisper looping on a short clip
    ("scratch that. Scratch that. Scr", "meta.undo"),  # the loop cut off
    ("Harmony minutes are left?", "focus.status"),  # first word misheard
    ("Post phone call mom to Friday.", "task.move"),
    ("Arna task, clean the fridge.", "task.add"),
    ("Wug 4 glasses of water.", "habit.log"),  # a count of a known habit is a log
    ("Long 3 glasses of water", "habit.log"),
    ("Okay, I'm back, resume.", "focus.resume"),
    ("Carried on with the timer.", "focus.resume"),
    # words run together or swapped for their sound-alikes
    ("Dentist's appointment is sorted, market complete.", "task.complete"),
    ("Turns out the rent payment bounced, market is open again.", "task.reopen"),
    ("Set pay rent back to the dude.", "task.reopen"),
    ("Scrap the dentist's task.", "task.delete"),
    ("No, no, and do the last thing.", "meta.undo"),
    ("How many tasks did I take off this week?", "insight.tasks_done"),
    ("Give me account of everything I've completed this week.", "insight.tasks_done"),
    ("Tarot focus time this week.", "insight.focus"),  # "total": never a start
    ("Hey, start up a motor role.", "focus.start"),
    ("log out an hour and a half for focus.", "focus.start"),
    ("Just drink a glass of water.", "habit.log"),
    ("I didn't catch that one more time.", "meta.repeat"),
    ("Id am meditate today.", "habit.status"),  # a question: it logged "meditate"
    ("Mark pay rent as a done.", "task.reopen"),  # "as undone"
    ("What's to this week?", "task.list"),  # "what's due this week"
    ("How is my day look?", "llm.briefing"),
    ("Hick off a focus session.", "focus.start"),
])
def test_transcript_errors_are_repaired(assistant: Assistant, heard: str, intent: str) -> None:
    if intent == "focus.resume":
        assistant.handle("start a focus session")
        assistant.handle("pause")
    assert assistant.handle(heard).intent == intent


@pytest.mark.parametrize("heard, intent, slots", [
    # the first word misheard, the rest right
    ("Love drink water.", "habit.log", {"habit": "drink water"}),  # "log"
    ("Flood water twice.", "habit.log", {"habit": "drink water", "count": 2}),
    ("I drink two glasses of water.", "habit.log", {"habit": "drink water", "count": 2}),
    ("I book the dentist appointment.", "task.complete", {"task": "book dentist appointment"}),
    ("I task to call the plumber.", "task.add", {"title": "call the plumber"}),
    ("Resin.", "focus.resume", {}),
    ("and my focus session.", "focus.stop", {}),
    ("post the time.", "focus.pause", {}),
    ("Gancell the timer.", "focus.stop", {}),
    ("House the timer going?", "focus.status", {}),
    ("Minutes are left.", "focus.status", {}),
    ("For cuss for 20 minutes.", "focus.start", {"minutes": 20}),
    ("What is do this week?", "task.list", {"view": "week"}),
    # words inside the sentence
    ("What's my meditate street?", "habit.status", {"habit": "meditate"}),
    ("Anything over new?", "task.list", {"view": "overdue"}),
    ("Choma work tasks.", "task.list", {"view": "tag", "tag": "work"}),
    ("Log free glasses of water.", "habit.log", {"habit": "drink water", "count": 3}),
    ("What habits do I can left?", "habit.status", {}),
    # numbers, punctuation and repeats
    ("Remind me to call the vet at 330.", "task.add", {"title": "call the vet", "due": "at 3:30"}),
    ("Add a task to call the landlord at 9.", "task.add", {"title": "call the landlord"}),
    ("Create a habit, walk 10,000 steps.", "habit.create", {"name": "walk 10000 steps"}),
    ("Add a task, clean the oven. At a task,", "task.add", {"title": "clean the oven"}),
    ("Add a task to email Tom tag work.", "task.add", {"title": "email tom", "tags": ["work"]}),
    # names heard by their sound
    ("Delete a task by milk.", "task.delete", {"task": "buy milk"}),
    ("Postponed buy milk until tomorrow.", "task.move", {"task": "buy milk"}),  # never "done"
    ("Read my tadurist.", "chat", {}),  # "read my ...": the imperative, not the habit
    ("Move call month of Friday.", "task.move", {"task": "call mom", "due": "friday"}),
    ("Change the due date of right report to Monday.", "task.move",
     {"task": "write report", "due": "monday"}),
    ("The light call the bank until next Tuesday.", "task.move",
     {"task": "call the bank", "due": "next tuesday"}),
    ("Brace me.", "llm.briefing", {}),
    ("Share up.", "meta.cancel", {}),
    ("The leek by milk.", "task.delete", {"task": "buy milk"}),  # asks first, see below
    ("Bloodwater twice.", "habit.log", {"habit": "drink water", "count": 2}),
    ("Start up a motor.", "focus.start", {}),  # "pomodoro"
    ("What's on my gender today?", "task.list", {"view": "today"}),
    ("Eating review.", "llm.review", {}),
    ("Present.", "focus.resume", {}),
    ("I'm meditated today.", "habit.log", {"habit": "meditate"}),
    ("It's not the focus session.", "focus.stop", {}),
    ("Pusspone buy milk until tomorrow.", "task.move", {"task": "buy milk", "due": "tomorrow"}),
    # "show my" heard as the prompt's "journal": a list's name is no entry
    ("Journal my work tasks.", "task.list", {"view": "tag", "tag": "work"}),
    ("journal my habits.", "habit.status", {}),
    ("Gear diary, I'm feeling tired after a long week.", "journal.add", {}),
    ("How's the time are going?", "focus.status", {}),  # "timer" heard as two words
])
def test_transcript_repairs_keep_the_slots(assistant: Assistant, heard: str, intent: str,
                                           slots: dict[str, object]) -> None:
    if intent.startswith("focus.") and intent != "focus.start":
        assistant.handle("start a focus session")
        if intent == "focus.resume":
            assistant.handle("pause")
    turn = assistant.handle(heard)
    assert turn.intent == intent, (heard, turn.intent, turn.slots)
    for key, value in slots.items():
        got = turn.slots.get(key)
        assert (got.casefold() if isinstance(got, str) else got) == value, (heard, turn.slots)


def test_a_delete_heard_by_sound_still_asks_first(assistant: Assistant) -> None:
    turn = assistant.handle("Delete the task by mill.")
    assert turn.awaiting == "confirm" and not turn.actions


@pytest.mark.parametrize("heard", [
    "Add a task, log a habit, start focus, log a habit, start",  # the prompt echoed: no title
    "add a, add a,",  # "undo" misheard: never a task called "a"
    "Renewed write report from my list.",  # "... from my list" is never a completion
    "Then I meditate today.",  # a sentence with its own subject is not "log X"
    "journal my habit",  # two words and no pause: not an entry
    "and you",  # said back to an assistant; never an undo
    "don't add a task to call mom",
    "wipe my list", "clear all my tasks",  # bulk: neither a delete nor a listing
    "Remind to do list.",  # "read my to do list": never a task called "list"
    "Press the water, the plants task.",  # a misheard "trash ...": no log of "drink water"
])
def test_repairs_that_must_not_act(assistant: Assistant, heard: str) -> None:
    turn = assistant.handle(heard)
    assert turn.intent not in ("task.add", "task.complete", "habit.log", "journal.add",
                               "meta.undo", "task.delete", "task.list"), (heard, turn.intent)
    assert not [a for a in turn.actions if a.ok], (heard, turn.actions)


@pytest.mark.parametrize("text", [
    "log a habit",  # the STT domain prompt echoed back: no habit is named
    "I finished watching a film last night",  # names nothing of the user's
    "delete everything", "remove all my tasks now",  # bulk: never one task
    "get rid of everything on my list",  # added a task "rid of everything"
    "Dilete call mom",  # a repaired first word never becomes a delete
    "I need a break",
    "the light stays on until 10",  # "delay" only before a day: no move of a task "stays on"
    "the late train runs until midnight",
    "that's the plan sorted",  # a contraction first is no misheard "mark": nothing completed
    "can the meeting be moved to monday",  # a passive move, but of nothing on the list
    "kill the lights", "put the kettle on again",  # slang delete / reopen: no task named
    "the leak in the roof is back", "the lee side of the boat",  # "delete" only before a name
    "I'm excited about today", "it's not the timer, it's me", "what is my gender",
])
def test_not_commands(assistant: Assistant, text: str) -> None:
    turn = assistant.handle(text)
    assert turn.intent == "chat", (text, turn.intent, turn.slots)
    assert not turn.actions


@pytest.mark.parametrize("text, title, due", [
    ("tonight at 8 remind me to water the plants", "water the plants", "tonight at 8"),
    ("Tomorrow at 9, add a task to call the bank.", "call the bank", "tomorrow at 9"),
])
def test_a_date_said_before_the_command_goes_with_it(assistant: Assistant, text: str,
                                                       title: str, due: str) -> None:
    turn = assistant.handle(text)
    assert (turn.intent, turn.slots.get("title"), turn.slots.get("due")) == (
        "task.add", title, due), turn.slots


@pytest.mark.parametrize("text", ["tomorrow is another day", "tonight at 8 the movie starts",
                                  "friday delete the report task"])
def test_a_leading_date_makes_no_command_of_its_own(assistant: Assistant, text: str) -> None:
    turn = assistant.handle(text)
    assert turn.intent == "chat" and not turn.actions, (text, turn.intent)


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


def test_a_misheard_title_is_found_by_its_sound() -> None:
    names = ["call mom", "buy milk", "write report", "call the bank", "pay rent"]
    assert fuzzy_pick("by mocus", names, names).item == "buy milk"
    assert fuzzy_pick("log mum", names, names).item == "call mom"
    assert fuzzy_pick("right report", names, names).item == "write report"
    for unrelated in ("weather forecast", "zebra", "yes", "kill the timer"):
        assert fuzzy_pick(unrelated, names, names).item is None, unrelated


@pytest.mark.parametrize("text, intent, slots", [
    # a remark after the command, or before it; one of priority gives the priority
    ("delete the report task, it got cancelled", "task.delete", {"task": "write report"}),
    ("Add call dad, he's waiting for it.", "task.add", {"title": "call dad"}),
    ("this is urgent, I need to send the invoice today", "task.add",
     {"title": "send the invoice", "priority": "high"}),
    ("add send the invoice, it's urgent", "task.add",
     {"title": "send the invoice", "priority": "high"}),
    # a command on "it" after a clause that named the task
    ("the report is written, tick it off", "task.complete", {"task": "write report"}),
    ("Buy milk. Mark it done.", "task.complete", {"task": "buy milk"}),
    ("the dentist, move it to friday", "task.move", {"task": "book dentist appointment"}),
    ("oh wait, the rent didn't actually go through, put it back on my list", "task.reopen",
     {"task": "pay rent"}),
    ("turns out the rent payment bounced, mark it as open again", "task.reopen",
     {"task": "pay rent"}),
    # a report or a wish, then a request to keep it
    ("I went for a run yesterday, log it please", "habit.log",
     {"habit": "go for a run", "day": "yesterday"}),
    ("I need to renew my passport, can you note that down as a task", "task.add",
     {"title": "renew my passport"}),
    ("forgot to log it, but I meditated yesterday", "habit.log",
     {"habit": "meditate", "day": "yesterday"}),
    ("I've got to order groceries, stick it on the list", "task.add",
     {"title": "order groceries"}),
    ("sorted the dentist appointment, you can close that task", "task.complete",
     {"task": "book dentist appointment"}),
    ("the bank's shut on friday, change that call to thursday", "task.move",
     {"task": "call the bank"}),
    ("done my run for the day, absolutely knackered", "habit.log", {"habit": "go for a run"}),
    ("can you track swimming for me, twice a week", "habit.create",
     {"name": "swimming", "target": 2, "frequency": "weekly"}),
    # a comma inside a title is no clause of its own
    ("add buy eggs, milk and bread", "task.add", {"title": "buy eggs milk and bread"}),
])
def test_a_command_with_another_clause(assistant: Assistant, text: str, intent: str,
                                       slots: dict[str, object]) -> None:
    _reads_as(assistant, text, intent, slots)


def _reads_as(assistant: Assistant, text: str, intent: str, slots: dict[str, object]) -> None:
    turn = assistant.handle(text)
    assert turn.intent == intent, (turn.intent, turn.slots)
    for key, value in slots.items():
        assert turn.slots.get(key) == value, turn.slots


def _acts_as(assistant: Assistant, text: str, intent: str, slots: dict[str, object]) -> None:
    """Read by the grammar, so done at once (a deletion asks first), never "did you mean"."""
    turn = assistant.handle(text)
    assert (turn.intent, turn.awaiting) == (
        intent, "confirm" if intent == "task.delete" else None), turn.reply
    assert {key: turn.slots.get(key) for key in slots} == slots, turn.slots


def test_a_finished_task_put_back_with_a_remark_is_reopened(assistant: Assistant) -> None:
    assistant.handle("mark write report as done")
    turn = assistant.handle("put the report back on my list, it's not finished")
    assert (turn.intent, turn.slots.get("task")) == ("task.reopen", "write report")
    assert assistant.vocabulary().open_tasks.count("write report") == 1


@pytest.mark.parametrize("text", [
    "the bank called, it's about my loan",  # someone else called: no call of ours is done
    "my mom called, she wants me to visit",
    "the dentist called, they moved my appointment to friday",
    "it's not the timer, it's me",
    "I don't know, maybe later",
    "if I have time, call mom",  # a condition, not a request
    "I don't know, maybe add a task",
])
def test_a_clause_that_tells_of_something_is_no_command(assistant: Assistant,
                                                         text: str) -> None:
    turn = assistant.handle(text)
    assert turn.intent == "chat" and not turn.actions, (text, turn.intent, turn.slots)


@pytest.mark.parametrize("text, intent, slots", [
    ("I'd like to do yoga three times a week", "habit.create",
     {"name": "yoga", "target": 3, "frequency": "weekly"}),
    ("I need to take my vitamins every day", "habit.create",
     {"name": "take my vitamins", "frequency": "daily"}),
    ("I picked up the milk on the way home", "task.complete", {"task": "buy milk"}),
    ("okay I spoke to my mother", "task.complete", {"task": "call mom"}),
    ("note for my journal, I finally fixed the leaky tap", "journal.add", {}),
    ("what have I completed this week", "insight.tasks_done", {"period": "week"}),
    ("nah, drop it", "meta.cancel", {}),
    ("actually, don't bother", "meta.cancel", {}),
    ("kindly add one task, get the car serviced on saturday", "task.add",
     {"title": "get the car serviced"}),
    ("okay so I just had a big glass of water", "habit.log", {"habit": "drink water"}),
    ("please prepone the report to today itself", "task.move", {"task": "write report"}),
    ("have I let anything slip past its deadline", "task.list", {"view": "overdue"}),
    ("what does the rest of my week look like", "task.list", {"view": "week"}),
    ("give me a count of completed tasks for the week", "insight.tasks_done",
     {"period": "week"}),
    ("did I go for a run yesterday", "habit.status", {"habit": "go for a run"}),  # no log
    ("what kind of things can you help me with", "meta.help", {}),
    # word orders and words of other Englishes, and an exclamation that asks for nothing
    ("Yesterday have I also meditated, register that.", "habit.log",
     {"habit": "meditate", "day": "yesterday"}),
    ("Add unto my journal: the weather was most fair", "journal.add", {}),
    ("Give me the habit scoreboard for today!", "habit.status", {"habit": None}),
    ("What a season it's been, honestly, my to-do list has more fixtures than the league",
     "chat", {}),
])
def test_everyday_wordings(assistant: Assistant, text: str, intent: str,
                           slots: dict[str, object]) -> None:
    _reads_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text, intent", [
    ("wait, someone's at the door, pause", "focus.pause"),  # a reason, then the command
    ("that's enough for now, stop the session", "focus.stop"),  # a cancel leading in
    ("I didn't catch that, one more time", "meta.repeat"),  # the same command twice
    ("am I still in a focus session", "focus.status"),
])
def test_a_lead_in_before_a_command_during_a_session(assistant: Assistant, text: str,
                                                     intent: str) -> None:
    assistant.handle("start a 25 minute focus session")
    assert assistant.handle(text).intent == intent


@pytest.mark.parametrize("text, minutes", [
    ("block out an hour and a half for focus", 90),
    ("focus for 1.5 hours", 90),
    ("start a focus session for 2 hours and 15 minutes", 135),
    ("focus for one and a half hours", 90),
    ("focus for half an hour", 30),
    ("okay I need to get my head down for twenty minutes, start the timer", 20),
])
def test_a_focus_length_in_hours_and_parts(assistant: Assistant, text: str,
                                           minutes: int) -> None:
    turn = assistant.handle(text)
    assert (turn.intent, turn.slots.get("minutes")) == ("focus.start", minutes), turn.slots


@pytest.mark.parametrize("heard, intent, slots", [
    # Whisper writes the base form for a past tense: only where the base form cannot be meant
    ("I finally book the dentist.", "task.complete", {"task": "book dentist appointment"}),
    ("Finally ring the bank.", "task.complete", {"task": "call the bank"}),
    ("Just finish my run.", "habit.log", {"habit": "go for a run"}),
    ("The plants are water.", "task.complete", {"task": "water the plants"}),
    ("Plants or water.", "task.complete", {"task": "water the plants"}),
    ("Water the plants just now.", "task.complete", {"task": "water the plants"}),
    ("Drink 5 glasses of water so far.", "habit.log", {"habit": "drink water", "count": 5}),
    ("I went running the yesterday.", "habit.log", {"habit": "go for a run", "day": "yesterday"}),
    ("Call mom, you can take that off.", "task.complete", {"task": "call mom"}),
    ("Take off reading for today.", "habit.log", {"habit": "read"}),
    ("Ok the report is finished, market has done.", "task.complete", {"task": "write report"}),
    # "add" heard as "and" before what only an add has: a date, a priority, a tag
    ("and prepare slides for the quarterly review and tag it work.", "task.add",
     {"title": "prepare slides for the quarterly review", "tags": ["work"]}),
    ("and pay the electricity bill by Monday.", "task.add",
     {"title": "pay the electricity bill"}),
    ("Make the report do Friday at 3 p.m.", "task.move", {"task": "write report"}),
    ("What does the rest of my weak look like?", "task.list", {"view": "week"}),
    ("Which habit still need doing today?", "habit.status", {}),
    ("Set up a motorrow.", "focus.start", {}),
    ("New the report to Monday morning.", "task.move", {"task": "write report"}),
])
def test_a_lost_past_tense_and_other_slips(assistant: Assistant, heard: str, intent: str,
                                           slots: dict[str, object]) -> None:
    _reads_as(assistant, heard, intent, slots)


@pytest.mark.parametrize("text", [
    "just call mom tomorrow",  # a plan, not a report
    "I water the plants every sunday",  # a habit of speech, not a report
    "write report's not finished",  # says the opposite of done
    "put the report back on my list, it's not finished",  # never a completion
    "the report isn't finished, it's not done",
])
def test_base_forms_and_denials_complete_nothing(assistant: Assistant, text: str) -> None:
    turn = assistant.handle(text)
    assert turn.intent not in ("task.complete", "habit.log"), (text, turn.intent, turn.slots)
    assert "write report" in assistant.vocabulary().open_tasks


@pytest.mark.parametrize("text, intent, slots", [
    # "it" for a task the clause before named by one of its words
    ("just got off the phone with mom, mark that done", "task.complete", {"task": "call mom"}),
    ("grabbed milk at the corner shop, tick it off", "task.complete", {"task": "buy milk"}),
    ("booked the dentist for next week, so you can check that task off", "task.complete",
     {"task": "book dentist appointment"}),
    ("I won't get to the bank call this week, make it next monday", "task.move",
     {"task": "call the bank"}),
    ("the dentist can wait, set it for thursday instead", "task.move",
     {"task": "book dentist appointment"}),
    ("forget the dentist task, just delete it", "task.delete",
     {"task": "book dentist appointment"}),
    ("report is done, sent it to my boss just now", "task.complete", {"task": "write report"}),
    ("take the report off my list, the project got cancelled", "task.delete",
     {"task": "write report"}),
    ("went running yesterday evening but forgot to log it, can you add it", "habit.log",
     {"habit": "go for a run", "day": "yesterday"}),
    # a priority said first; a remark of "no rush"; a tag and a priority together
    ("low priority, but add clean out the garage", "task.add",
     {"title": "clean out the garage", "priority": "low"}),
    ("add a task, book flights to Lisbon, no rush, low priority", "task.add",
     {"title": "book flights to Lisbon", "priority": "low"}),
    ("kindly add one task to submit the expense claim, tag work and high priority", "task.add",
     {"title": "submit the expense claim", "priority": "high", "tags": ["work"]}),
    ("please make one task for me, buy gift for my sister, for thursday", "task.add",
     {"title": "buy gift for my sister"}),
    ("set up a habit for pushups, twenty a day", "habit.create",
     {"name": "pushups", "target": 20, "frequency": "daily"}),
    ("I want to write a journal entry, today I finally felt calm", "journal.add", {}),
    ("I read for like half an hour before bed yesterday", "habit.log",
     {"habit": "read", "day": "yesterday"}),
    ("just finished a five k run", "habit.log", {"habit": "go for a run", "count": None}),
    ("show me everything that's still open", "task.list", {"view": "open"}),
    ("anything I need to get done today?", "task.list", {"view": "today"}),
    ("did I miss anything, what's past its due date?", "task.list", {"view": "overdue"}),
    ("I want to work on the report for twenty minutes without distractions", "focus.start",
     {"minutes": 20, "task": "write report"}),
    ("time to get in the zone, start focus mode", "focus.start", {}),
    ("just pick something for me to do next", "task.next", {}),
    ("how many hours have I focused this month", "insight.focus", {"period": "month"}),
])
def test_more_everyday_wordings(assistant: Assistant, text: str, intent: str,
                                slots: dict[str, object]) -> None:
    _reads_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text, intent", [
    ("someone's at the door, freeze the timer", "focus.pause"),
    ("can you hold the pomodoro a minute", "focus.pause"),
    ("kill the timer, my boss just called me in", "focus.stop"),
    ("that's enough focusing for now, end it", "focus.stop"),
])
def test_a_remark_beside_a_session_command(assistant: Assistant, text: str,
                                          intent: str) -> None:
    assistant.handle("start a 25 minute focus session")
    assert assistant.handle(text).intent == intent


def test_focus_time_this_month(assistant: Assistant) -> None:
    turn = assistant.handle("how many hours have I focused this month")
    assert "this month" in turn.reply and turn.actions[0].ok, turn.reply


def test_a_no_with_nothing_asked_is_a_cancel(assistant: Assistant) -> None:
    turn = assistant.handle("hmm, no, leave it")
    assert (turn.intent, turn.reply, turn.actions) == ("meta.cancel", "Okay.", [])


@pytest.mark.parametrize("text, intent, slots", [
    # a correction said mid-command: the words after it win
    ("add, no wait, remind me to renew the car insurance next monday", "task.add",
     {"title": "renew the car insurance"}),
    ("add pick up, sorry, drop off the parcel at the post office tomorrow", "task.add",
     {"title": "drop off the parcel at the post office"}),
    ("bump the report to next wednesday, no, next thursday actually", "task.move",
     {"task": "write report"}),
    # a greeting, a word said twice for stress, three clauses, a remark with a subject
    ("good morning dear, I've telephoned the bank as planned, so you may mark that one done",
     "task.complete", {"task": "call the bank"}),
    ("good morning, what's on today", "task.list", {"view": "today"}),
    ("forget it, it doesn't matter", "meta.cancel", {}),
    ("done the dentist booking, grand job, tick it off", "task.complete",
     {"task": "book dentist appointment"}),
    ("change the bank call to monday please, friday I am too busy", "task.move",
     {"task": "call the bank"}),
    ("let's move calling mum to tomorrow, she's out tonight", "task.move", {"task": "call mom"}),
    ("just got off the phone with mum, that one's done", "task.complete", {"task": "call mom"}),
    ("oh no, the rent payment bounced, I need that back on my list as not done", "task.reopen",
     {"task": "pay rent"}),
    ("grabbed the milk on the school run, tick it off", "task.complete", {"task": "buy milk"}),
    ("Book the dentist for next week so you can check that task off.", "task.complete",
     {"task": "book dentist appointment"}),
    # single forms
    ("would you kindly put down a reminder for me to post the card on saturday", "task.add",
     {"title": "post the card"}),
    ("please add task buy printer ink, it is very urgent", "task.add", {"priority": "high"}),
    ("chuck ring the plumber on me list for thursday, would ya", "task.add",
     {"title": "ring the plumber"}),
    ("scrap the milk one altogether, we've got plenty", "task.delete", {"task": "buy milk"}),
    ("would it be possible to postpone the milk until sunday", "task.move",
     {"task": "buy milk"}),
    ("read out everything that's still open, please", "task.list", {"view": "open"}),
    ("if you were me, what would you knock out first", "task.next", {}),
    ("I need to study for about fifty minutes, set the focus timer", "focus.start",
     {"minutes": 50}),
    ("focus mode please, twenty minutes, the baby's asleep", "focus.start", {"minutes": 20}),
    ("gonna lock in on my report, start a focus timer for an hour and a half", "focus.start",
     {"minutes": 90, "task": "write report"}),
    ("can you start tracking push ups, like fifty a day", "habit.create",
     {"name": "push ups", "target": 50}),
    ("went for a run before the kids woke up", "habit.log", {"habit": "go for a run"}),
    ("I read for half an hour on the train", "habit.log", {"habit": "read"}),
    ("got my run in, log it please", "habit.log", {"habit": "go for a run"}),
    ("10 minutes of meditation just now", "habit.log", {"habit": "meditate"}),
    ("how close am I to my eight glasses today", "habit.status", {"habit": "drink water"}),
    ("am I keeping up with my runs", "habit.status", {"habit": "go for a run"}),
    ("how many hours of focus did I clock this month", "insight.focus", {"period": "month"}),
    ("I'm new here, give me a rundown of your features", "meta.help", {}),
])
def test_wordings_of_a_seventh_fresh_set(assistant: Assistant, text: str, intent: str,
                                         slots: dict[str, object]) -> None:
    _reads_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text", [
    "Press the water, the plant's task.",  # a remark that names one of ours is no remark
    "The dentist spoke, chefed it to Thursday.",  # a past tense before a date is no report
    "I want to remind you that you're great",
    "Add a more reading today.",  # heard for "have I done my reading today": no log
    "Nice my meditation streak.",  # a question about a streak, never a log of it
])
def test_more_lines_that_must_not_change_anything(assistant: Assistant, text: str) -> None:
    turn = assistant.handle(text)
    assert not [a for a in turn.actions if a.ok], (text, turn.intent, turn.actions)


@pytest.mark.parametrize("text, intent, slots", [
    ("yo put return the hoodie on my list for saturday", "task.add",
     {"title": "return the hoodie"}),
    ("add, hang on, I'm stirring, okay, add buy garlic", "task.add", {"title": "buy garlic"}),
    ("Abeg help me add fix the generator for tomorrow", "task.add",
     {"title": "fix the generator"}),
    ("put in my list to call the plumber tomorrow morning, por favor", "task.add",
     {"title": "call the plumber"}),
    ("since the office shuts early on Friday, add submit expense claims for Thursday",
     "task.add", {"title": "submit expense claims"}),
    ("finished a couple of chapters of my book, count my reading", "habit.log",
     {"habit": "read"}),
    ("Can you put the dentist on Thursday please", "task.move",
     {"task": "book dentist appointment"}),
    ("buying milk can wait till Saturday, change the date", "task.move", {"task": "buy milk"}),
    ("did I miss any deadlines", "task.list", {"view": "overdue"}),
    ("What all is there on my list for today, please", "task.list", {"view": "today"}),
    ("what's left for the rest of the week", "task.list", {"view": "week"}),
    ("The plants task you can delete, my neighbour takes care of them now", "task.delete",
     {"task": "water the plants"}),
    ("did I hit my water goal yet", "habit.status", {"habit": "drink water"}),
    ("Running streak?", "habit.status", {"habit": "go for a run"}),
    ("Tasks completed this week?", "insight.tasks_done", {"period": "week"}),
    ("what should I knock out first", "task.next", {}),
    ("give me a quick rundown of your features", "meta.help", {}),
    ("Abeg, how does this assistant work?", "meta.help", {}),
    ("Rent. Back to open.", "task.reopen", {"task": "pay rent"}),
    ("knocked back three glasses of water, mate, log 'em", "habit.log",
     {"habit": "drink water", "count": 3}),
])
def test_wordings_of_an_eighth_fresh_set(assistant: Assistant, text: str, intent: str,
                                         slots: dict[str, object]) -> None:
    _reads_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text, intent", [
    ("doorbell, hold the timer", "focus.pause"),
    ("wait, freeze the clock, the rice is boiling over", "focus.pause"),
])
def test_an_interruption_before_a_session_command(assistant: Assistant, text: str,
                                                  intent: str) -> None:
    assistant.handle("start a 25 minute focus session")
    assert assistant.handle(text).intent == intent


def test_a_paused_timer_started_back_up_resumes(assistant: Assistant) -> None:
    assistant.handle("start a 25 minute focus session")
    assistant.handle("pause")
    assert assistant.handle("start the timer back up").intent == "focus.resume"
    assistant.handle("pause")
    assert assistant.handle("alright, I back now, start back de timer").intent == "focus.resume"


@pytest.mark.parametrize("text, title", [
    ("remind me to email Sarah tomorrow", "email Sarah"),
    ("Please make a new task, I must send the invoice to Mr. Becker until Friday",
     "send the invoice to Mr. Becker"),
    ("Call the insurance company about the claim, add it as a task",
     "call the insurance company about the claim"),  # a capital that only starts the line
    ("add by milk", "by milk"),
    ("add a task to buy twenty eggs", "buy 20 eggs"),  # digits: no longer the words said
])
def test_a_title_keeps_the_case_and_marks_it_was_written_with(assistant: Assistant, text: str,
                                                              title: str) -> None:
    turn = assistant.handle(text)
    assert (turn.intent, turn.slots.get("title")) == ("task.add", title), turn.slots


def test_a_habit_name_keeps_its_hyphen(assistant: Assistant) -> None:
    turn = assistant.handle("track push-ups every day for me")
    assert (turn.intent, turn.slots.get("name")) == ("habit.create", "push-ups"), turn.slots


@pytest.mark.parametrize("heard, intent, slots", [
    # Whisper's readings of lines of the fresh sets
    ("The plants are water, take them off.", "task.complete", {"task": "water the plants"}),
    ("The plants have been water.", "task.complete", {"task": "water the plants"}),
    ("And no wait, remind me to renew the car insurance next Monday.", "task.add",
     {"title": "renew the car insurance"}),
    ("And pick up, sorry, drop off the parcel at the post office tomorrow.", "task.add",
     {"title": "drop off the parcel at the post office"}),
    ("Bump the report to next Wednesday. No. Next Thursday actually.", "task.move",
     {"task": "write report"}),
    ("Ab renew my car insurance next Tuesday.", "task.add", {"title": "renew my car insurance"}),
    ("Seck feed the cat on my list for tonight.", "task.add", {"title": "feed the cat"}),
    ("Take off the dentist's thing.", "task.complete", {"task": "book dentist appointment"}),
    ("I have booked the dentist, please market as finish.", "task.complete",
     {"task": "book dentist appointment"}),
    ("As my meditation streak.", "habit.status", {"habit": "meditate"}),  # "how's my ..."
])
def test_readings_of_fresh_lines(assistant: Assistant, heard: str, intent: str,
                                 slots: dict[str, object]) -> None:
    _reads_as(assistant, heard, intent, slots)


def test_a_delete_heard_as_delayed_still_asks_first(assistant: Assistant) -> None:
    turn = assistant.handle("I don't need the report task anymore, delayed it.")
    assert (turn.intent, turn.awaiting) == ("task.delete", "confirm")
    assert "write report" in assistant.vocabulary().open_tasks


@pytest.mark.parametrize("text", [
    "And to my journal, I'm grateful for my sister today.",  # no "and" before "to" is "add"
    "and tomorrow I have a meeting",
    "and then call mom tomorrow",
])
def test_a_leading_and_is_not_always_add(assistant: Assistant, text: str) -> None:
    assert assistant.handle(text).intent != "task.add"


def test_it_finds_a_title_written_with_capitals(assistant: Assistant) -> None:
    assistant.handle("add a task to call Mr. Becker")
    turn = assistant.handle("the Becker call can wait, set it for monday instead")
    assert (turn.intent, turn.slots.get("task")) == ("task.move", "call Mr. Becker"), turn.slots
    turn = assistant.handle("just got off the phone with Becker, mark that done")
    assert (turn.intent, turn.slots.get("task")) == ("task.complete", "call Mr. Becker")


@pytest.mark.parametrize("text, intent, slots", [
    # a habit said in other words: "jogging" is the user's "go for a run"
    ("I did my jogging", "habit.log", {"habit": "go for a run"}),
    ("went jogging this morning", "habit.log", {"habit": "go for a run"}),
    ("did my mindfulness practice", "habit.log", {"habit": "meditate"}),
    ("how's my jogging streak", "habit.status", {"habit": "go for a run"}),
    # "plus one" is one more, never part of a name
    ("chugged a bottle of water, plus one", "habit.log", {"habit": "drink water", "count": 1}),
    # day words typed or said in dialect
    ("move the dentist to the morra", "task.move",
     {"task": "book dentist appointment", "due": "tomorrow"}),
    ("remind me to fix the fence 2moro", "task.add", {"title": "fix the fence", "due": "tomorrow"}),
    # Singlish particles name nothing
    ("eh add one task for me lah, collect parcel from the post office tomorrow", "task.add",
     {"title": "collect parcel from the post office", "due": "tomorrow"}),
    # a priority said on its own at the end, or denied
    ("add renew passport, this one very important, high priority", "task.add",
     {"title": "renew passport", "priority": "high"}),
    ("add a task to clean the garage, not urgent", "task.add",
     {"title": "clean the garage", "priority": "low"}),
    # asked whether a habit was logged: never a log
    ("did I log my run today?", "habit.status", {"habit": "go for a run"}),
    ("Status check on the run today, did I log it?", "habit.status", {"habit": "go for a run"}),
    ("have I ticked off meditation today", "habit.status", {"habit": "meditate"}),
    ("Today I meditate already or not ah.", "habit.status", {"habit": "meditate"}),  # no "?"
    ("Today I drink enough water or not a.", "habit.status", {"habit": "drink water"}),
    # radio words round a command
    ("Affirm, what's next on my list", "task.next", {}),
    # words of other Englishes and trades round a command
    ("Pole, can you repeat?", "meta.repeat", {}),
    ("Belay that.", "meta.cancel", {}),
    ("Computer, reschedule the bank call for december 3.", "task.move",
     {"task": "call the bank", "due": "december 3"}),
    ("how many tasks did I totally crush today", "insight.tasks_done", {"period": "today"}),
    ("Add a habit, take my vitamins, you betcha", "habit.create", {"name": "take my vitamins"}),
    ("new task: do laundry, low priority lol", "task.add",
     {"title": "do laundry", "priority": "low"}),
    ("Status report on the current focus block", "focus.status", {}),
    ("still how many minute left?", "focus.status", {}),
    # a new habit's name without the words that only say it is one, or who it is for
    ("Begin tracking a new habit: flossing", "habit.create", {"name": "flossing"}),
    ("New habit to track: swabbing the deck", "habit.create", {"name": "swabbing the deck"}),
    ("I would like to start a new habit, a cold bath every morning", "habit.create",
     {"name": "cold bath"}),
    ("create a habit for me of take vitamins", "habit.create", {"name": "take vitamins"}),
    ("Please, add for me task: buy saffron from Iranian shop, for friday", "task.add",
     {"title": "buy saffron from Iranian shop", "due": "friday"}),
    # a task called by what it is in someone's trade
    ("Computer, purge the milk objective from the database", "task.delete", {"task": "buy milk"}),
    ("Scrub the plant-watering mission. Delete it.", "task.delete",
     {"task": "water the plants"}),
    ("I read my book twenty minutes, please log", "habit.log", {"habit": "read"}),
    # openers and sign-offs that name nothing
    ("yo remind me to pick up tacos tonight bro", "task.add",
     {"title": "pick up tacos", "due": "tonight"}),
    ("dude add wax my board to the list, like, for this weekend", "task.add",
     {"title": "wax my board", "due": "this weekend"}),
    ("ngl i need to get my nails done saturday, add it", "task.add",
     {"title": "get my nails done", "due": "saturday"}),
    ("start tracking surfing as a habit, bro", "habit.create", {"name": "surfing"}),
    ("Ei, I must remember to send money to my sister oo, add it and make it high priority",
     "task.add", {"title": "send money to my sister", "priority": "high"}),
    ("Add fix the car AC, and put that as high priority eh, this heat killing me", "task.add",
     {"title": "fix the car AC", "priority": "high"}),
    # a clause before "that one is finished" names the task, it is no name itself
    ("Chale the plants have drunk water well well, that one is finished", "task.complete",
     {"task": "water the plants"}),
    # a distance is no count
    ("ran 5 miles this morning", "habit.log", {"habit": "go for a run", "count": None}),
    ("Show me all the tasks I have not finished", "task.list", {"view": "open", "tag": None}),
    # a word of state before "stuff" is no tag
    ("Show me all my pending stuff lah", "task.list", {"view": "open", "tag": None}),
    ("move the report to friday, roger", "task.move", {"task": "write report", "due": "friday"}),
])
def test_other_words_for_a_habit_a_count_or_a_day(assistant: Assistant, text: str, intent: str,
                                                  slots: dict[str, object]) -> None:
    _reads_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text", [
    # "book" is the first word of "book dentist appointment", and a thing one reads
    "finished the book",
    "finished a chapter of my book",
    "I finished 2 chapters of my book",
])
def test_a_thing_named_by_a_tasks_verb_is_not_that_task(assistant: Assistant, text: str) -> None:
    turn = assistant.handle(text)
    assert not [a for a in turn.actions if a.ok and a.tool == "complete_task"], \
        (text, turn.intent, turn.actions)


def test_a_misheard_log_is_only_of_the_users_habits(assistant: Assistant) -> None:
    turn = assistant.handle("Long duty day tomorrow, fourteen hours, glad the list is short")
    assert turn.intent == "chat" and not turn.actions, (turn.intent, turn.reply)
    assert assistant.handle("Long 3 glasses of water").slots.get("count") == 3


def test_done_then_a_command_is_that_command(assistant: Assistant) -> None:
    assistant.handle("start a 25 minute focus session")
    turn = assistant.handle("done, kill the timer")
    assert turn.intent == "focus.stop", turn.slots  # it marked "call mom" done
    assert "call mom" in assistant.vocabulary().open_tasks


def test_pause_first_pauses(assistant: Assistant) -> None:
    assistant.handle("start a 25 minute focus session")
    assert assistant.handle("wait ah, pause first").intent == "focus.pause"


def test_an_interjection_is_no_misheard_command_word(assistant: Assistant) -> None:
    turn = assistant.handle("whoa whoa whoa, rent's not paid, landlord's banging on my door")
    assert turn.intent != "task.list", turn.slots  # "whoa" was taken for "what's"


def test_a_tasks_words_are_no_misheard_log(assistant: Assistant) -> None:
    """Heard for "plants watered, tick that one off": "plant" is no misheard "log"."""
    turn = assistant.handle("Plant water, take that one off, Roger.")
    assert turn.intent != "habit.log", turn.slots
    assert assistant.handle("Love drink water").intent == "habit.log"


def test_a_radio_yes_confirms(assistant: Assistant) -> None:
    assert assistant.handle("delete buy milk").awaiting == "confirm"
    assistant.handle("roger that")
    assert "buy milk" not in assistant.vocabulary().open_tasks


@pytest.mark.parametrize("text, intent, slots", [
    # words written as they are said in a dialect
    ("I did me readin' this morning", "habit.log", {"habit": "read"}),
    ("I done drank two glasses of water, me", "habit.log", {"habit": "drink water", "count": 2}),
    ("Did I do my runnin' today, me?", "habit.status", {"habit": "go for a run"}),
    ("Delete dat bank t'ing, cher", "task.delete", {"task": "call the bank"}),
    ("Start me a new habit, cher: stretching", "habit.create", {"name": "stretching"}),
    ("Yeah, I talked to my mama, check that one off", "task.complete", {"task": "call mom"}),
    ("Delete please the task for the bank", "task.delete", {"task": "call the bank"}),
    # Hindi words round an English command
    ("Arre yaar, start karo a focus session for 20 minutes", "focus.start", {"minutes": 20}),
    # the words of a trade
    ("How many tasks did I close out this week?", "insight.tasks_done", {"period": "week"}),
    # (the list question once read this as a list)
    ("how many tasks have I honestly gotten finished this week", "insight.tasks_done",
     {"period": "week"}),
    ("Show me the focus metrics for today", "insight.focus", {"period": "today"}),
    ("Walk me through your capabilities, what's the value here?", "meta.help", {}),
    ("I hit my reading for today", "habit.log", {"habit": "read"}),
    ("Strip the dentist thing out of my list entirely", "task.delete",
     {"task": "book dentist appointment"}),
    ("How many tasks I concluded this week?", "insight.tasks_done", {"period": "week"}),
    ("Give me the stats on my focus this week", "insight.focus", {"period": "week"}),
    ("What things you know to do?", "meta.help", {}),
    ("In what ways can you help me?", "meta.help", {}),
    ("On reflection, do disregard that.", "meta.cancel", {}),
    ("Add to journal, the sea was calm today", "journal.add", {}),
    ("I want to track stretching after lunch, make it a habit", "habit.create",
     {"name": "stretching after lunch"}),
    ("remove please task with bank", "task.delete", {"task": "call the bank"}),
    # a pause after the command word alone: the title does not run on past it
    ("Add please, fix the bike of my son, this weekend", "task.add",
     {"title": "fix the bike of my son", "due": "this weekend"}),
    # an interjection first is no "say that again"
    ("Eh! The landlord phoned about the money again today. Put pay rent back as not done",
     "task.reopen", {"task": "pay rent"}),
    # the session's own words are no task to focus on
    ("Kick-off! Thirty minutes on the clock, focus mode, let's go!", "focus.start",
     {"minutes": 30, "task": None}),
])
def test_wordings_of_dialects_and_trades(assistant: Assistant, text: str, intent: str,
                                         slots: dict[str, object]) -> None:
    _reads_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text, intent, slots", [
    # Newfoundland: "fer", "dat", "ting", the "after" perfect, "b'y" and "me son"
    ("Luh, add one fer me, pick up a bag of nails", "task.add",
     {"title": "pick up a bag of nails"}),
    ("I'm after callin' the bank, ye can tick dat one off, b'y", "task.complete",
     {"task": "call the bank"}),
    ("Take dat dentist ting right off the list", "task.delete",
     {"task": "book dentist appointment"}),
    ("Write in me diary dat the boat came in", "journal.add", {"text": "The boat came in"}),
    # Hawaiian Pidgin: "da", "wen", "pau", "um", "fo' do"
    ("I wen water da plants dis morning, dat one pau", "task.complete",
     {"task": "water the plants"}),
    ("da dentist ting, bump um to friday, yeah?", "task.move",
     {"task": "book dentist appointment", "due": "friday"}),
    ("wot I get fo' do dis week, brah", "task.list", {"view": "week"}),
    # Scouse: "la", "dead urgent", "no rush like"; "remind us"
    ("add sort the car insurance out, it's dead urgent that la", "task.add",
     {"title": "sort the car insurance out", "priority": "high"}),
    ("remind us tomorrow at 6pm to put the bins out", "task.add",
     {"title": "put the bins out", "due": "tomorrow at 6 pm"}),
    # the date said before "that I ..."
    ("Remind me in 2 days that I send the forms to the accountant", "task.add",
     {"title": "send the forms to the accountant", "due": "in 2 days"}),
    ("scratch the milk thing off completely", "task.delete", {"task": "buy milk"}),
    # an interjection between commas is no clause; a story after a new habit is no name
    ("I finished the report, finally, po po po, mark it done", "task.complete",
     {"task": "write report"}),
    ("ho, my bad, the rent didn't go through, put it back on the list as not done",
     "task.reopen", {"task": "pay rent"}),
    ("Make a new habit for me: cold showers. My grandad did it every day", "habit.create",
     {"name": "cold showers"}),
    # a Pidgin question ("wen" is "did"); a priority denied or of the highest;
    # the date before "for"; a librarian's courtesy
    ("I wen do my reading today o' not?", "habit.status", {"habit": "read"}),
    ("add task: clean the motorbike, not urgent one", "task.add",
     {"title": "clean the motorbike", "priority": "low"}),
    ("can you remind me in 2 days for buy a gift for my niece", "task.add",
     {"title": "buy a gift for my niece", "due": "in 2 days"}),
    ("Would you be so good as to add a task, of the highest priority, to post the card?",
     "task.add", {"title": "post the card", "priority": "high"}),
    ("I should be most obliged if you would record a task for me to return the books",
     "task.add", {"title": "return the books"}),
    ("I should be most obliged if you would add 'order the hamper' as a matter of the highest "
     "priority", "task.add", {"title": "order the hamper", "priority": "high"}),
    ("Would you be so good as to jot down, let me see, collect the children from school",
     "task.add", {"title": "collect the children from school"}),
    ("let me see, what's next", "task.next", {}),
    ("postpone the business of booking the dentist until december 3", "task.move",
     {"task": "book dentist appointment"}),
    ("I did drink two bottles of water already", "habit.log",
     {"habit": "drink water", "count": 2}),
    # a remark that says only when
    ("jot down collect the kids from school, that's on thursday, I believe", "task.add",
     {"title": "collect the kids from school", "due": "on thursday"}),
])
def test_wordings_of_newfoundland_pidgin_and_scouse(assistant: Assistant, text: str,
                                                    intent: str, slots: dict[str, object]) -> None:
    _reads_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text", ["I did not meditate", "I did not drink water today",
                                  "I never did my reading"])
def test_a_denial_logs_nothing(assistant: Assistant, text: str) -> None:
    turn = assistant.handle(text)
    assert not [a for a in turn.actions if a.ok], (turn.intent, turn.slots)
    assert assistant.handle("I did meditate").intent == "habit.log"


def test_a_question_about_what_was_named_is_no_report(assistant: Assistant) -> None:
    turn = assistant.handle("How is meditation today, is it done.")  # the "?" lost
    assert turn.intent != "habit.log" and not turn.actions, (turn.intent, turn.slots)
    assert assistant.handle("meditation done").intent == "habit.log"


def test_a_hyphenated_word_is_no_misheard_log(assistant: Assistant) -> None:
    # "pau already, end da focus" as espeak-ng is heard: "ready" is near "read"
    assistant.handle("start a 25 minute focus session")
    turn = assistant.handle("Follow-ready, end of focus.")
    assert turn.intent != "habit.log", turn.slots
    assert assistant.handle("Love drink water").intent == "habit.log"


def test_an_undo_with_a_remark_needs_no_question(assistant: Assistant) -> None:
    assistant.handle("add buy stamps")
    turn = assistant.handle("undo that, didn't mean it")
    assert turn.intent == "meta.undo" and "buy stamps" not in assistant.vocabulary().open_tasks


def test_a_session_is_wrapped_up_by_wrapping_it(assistant: Assistant) -> None:
    assistant.handle("start a 25 minute focus session")
    assistant.handle("pause")
    assert assistant.handle("keep going with the timer where we left off").intent == \
        "focus.resume"
    assert assistant.handle("Let's wrap this session, I've got a call").intent == "focus.stop"


def test_work_handed_to_someone_else_is_not_done(assistant: Assistant) -> None:
    turn = assistant.handle("I've outsourced the plant watering to my neighbour")
    assert not [a for a in turn.actions if a.ok and a.tool == "complete_task"], turn.slots
    assert assistant.handle("Ab kya karun? Next kaunsa task hai?").intent != "task.add"


@pytest.mark.parametrize("text, intent, slots", [
    # West Country: "'un", "'ee", "remind I", "summat", "my lover", "ooh arr"
    ("ooh arr, remind I to ring the plumber in 2 days", "task.add",
     {"title": "ring the plumber", "due": "in 2 days"}),
    ("got the milk down the shop, mark 'un off will 'ee", "task.complete", {"task": "buy milk"}),
    ("Put down summat for me, my lover: pick up the cider from the farm shop saturday",
     "task.add", {"title": "pick up the cider from the farm shop", "due": "saturday"}),
    ("I wanna start a habit of doin' the crossword, can 'ee keep track of that for I",
     "habit.create", {"name": "doing the crossword"}),
    # Hebrew and Bengali English: "nu", "tachles", "na", "itself", "only", "keep it for"
    ("Add task call the plumber tomorrow at 8am, nu, the sink is dripping all night",
     "task.add", {"title": "call the plumber", "due": "tomorrow at 8 am"}),
    ("Please add one task na, I have to collect my blouse from the tailor, keep it for this "
     "weekend", "task.add", {"title": "collect my blouse from the tailor", "due": "this weekend"}),
    ("Add task pay electricity bill, it is very urgent, keep high priority, by tomorrow itself",
     "task.add", {"title": "pay electricity bill", "due": "by tomorrow", "priority": "high"}),
    ("Kindly add: return Arindam's umbrella. Low priority only, there is no hurry.", "task.add",
     {"title": "return arindam's umbrella", "priority": "low"}),
    ("Please, kindly remember for me to send the invitation to my cousins on december 3",
     "task.add", {"title": "send the invitation to my cousins", "due": "on december 3"}),
    ("Plants watering, keep it for tonight, the maid is not coming today", "task.move",
     {"task": "water the plants", "due": "tonight"}),
    # a habit's name, then a remark or a request for it
    ("Please create one habit called evening walk, doctor has told me to walk", "habit.create",
     {"name": "evening walk"}),
    ("I want to start a new habit - to learn arabic every day. Make it for me.", "habit.create",
     {"name": "learn arabic"}),
    # questions
    ("Tell me straight, what you know to do? Which commands you have?", "meta.help", {}),
    ("Please tell me if I have finished my reading for today", "habit.status", {"habit": "read"}),
])
def test_wordings_of_the_west_country_hebrew_and_bengali(assistant: Assistant, text: str,
                                                        intent: str,
                                                        slots: dict[str, object]) -> None:
    _reads_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text", ["don't delete buy milk", "no, don't delete buy milk",
                                  "please do not mark buy milk done",
                                  "don't start a focus session"])
def test_a_command_said_not_to_be_done_does_nothing(assistant: Assistant, text: str) -> None:
    turn = assistant.handle(text)
    assert turn.intent == "meta.cancel" and not turn.actions, (turn.intent, turn.slots)
    assistant.handle("delete buy milk")
    assert assistant.handle(text).reply == "Okay, I left it as it is."
    assert "buy milk" in assistant.vocabulary().open_tasks
    assert assistant.handle("don't let me forget to call the vet").intent == "task.add"


def test_no_then_a_remark_then_an_undo_undoes(assistant: Assistant) -> None:
    assistant.handle("add buy stamps")
    turn = assistant.handle("Arre no, that was wrong, undo that one")
    assert turn.intent == "meta.undo" and "buy stamps" not in assistant.vocabulary().open_tasks
    assistant.handle("add buy stamps")
    assert assistant.handle("Lo lo lo, it was a mistake, undo it").intent == "meta.undo"
    assert "buy stamps" not in assistant.vocabulary().open_tasks


@pytest.mark.parametrize("text, intent, slots", [
    # Ulster: "me ma", "the morra", "houl on", "quare", "so it is", "bout ye", "wee job"
    ("Ach I rang me ma there, that's her sorted", "task.complete", {"task": "call mom"}),
    ("Bout ye, stick a wee job on the list for us, book the car in for its MOT, next monday "
     "like", "task.add", {"title": "book the car in for its MOT", "due": "next monday"}),
    ("Had three glasses of water so I have", "habit.log", {"habit": "drink water", "count": 3}),
    ("Can ye push the dentist thing on to next tuesday", "task.move",
     {"task": "book dentist appointment", "due": "next tuesday"}),
    # Nepali, Québécois and a pirate: "I am needing to", "pour moi", "arr", "for the crew:"
    ("Add one small task, clean the balcony, not so important, low priority la", "task.add",
     {"title": "clean the balcony", "priority": "low"}),
    ("make a habit pour moi: practice guitar", "habit.create", {"name": "practice guitar"}),
    ("Arr, new habit for the crew: brush teeth with the kids", "habit.create",
     {"name": "brush teeth with the kids"}),
    ("New action item — follow up with the Hendersons about their offer, tomorrow at 10am",
     "task.add", {"title": "follow up with the Hendersons about their offer",
                  "due": "tomorrow at 10 am"}),
    ("The plants task is dead in the water — pull it off the list permanently", "task.delete",
     {"task": "water the plants"}),
    ("Did I go running today or not yet?", "habit.status", {"habit": "go for a run"}),
    # a saying after "remember" is no task
    ("Remember, every breath is a fresh beginning", "chat", {}),
])
def test_wordings_of_ulster_nepal_and_quebec(assistant: Assistant, text: str, intent: str,
                                             slots: dict[str, object]) -> None:
    _reads_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text, intent, slots", [
    # a nurse's shorthand, a gamer's slang, an Iowa farmer, a Russian speaker
    ("discontinue plant watering task. roommate covering", "task.delete",
     {"task": "water the plants"}),
    ("add task - renew BLS cert, high prio", "task.add",
     {"title": "renew BLS cert", "priority": "high"}),
    ("yeet the dentist task, my mom's booking it for me anyway", "task.delete",
     {"task": "book dentist appointment"}),
    ("yo add a task, finish ranked placements tonight no cap", "task.add",
     {"title": "finish ranked placements", "due": "tonight"}),
    ("lowkey need to return jake's controller, put it on the list for friday", "task.add",
     {"title": "return jake's controller", "due": "friday"}),
    ("new habit: guitar practice. tryna git gud irl", "habit.create",
     {"name": "guitar practice"}),
    ("Them houseplants can wait, move the waterin' to friday, they're tough old things like me",
     "task.move", {"task": "water the plants", "due": "friday"}),
    ("Put down that I did my readin' yesterday, a Louis L'Amour western, couldn't put the "
     "thing down", "habit.log", {"habit": "read", "day": "yesterday"}),
    ("Make me a new habit - walkin' the dog. Old Buster needs it more'n I do.", "habit.create",
     {"name": "walking the dog"}),
    ("Come again? My hearin' aid's on the fritz", "meta.repeat", {}),
    ("Now what all are you able to do, exactly? My grandson set you up and left", "meta.help",
     {}),
    ("Please add task: buy present for wife, birthday is on saturday", "task.add",
     {"title": "buy present for wife", "due": "on saturday"}),
    ("Call to bank transfer to next tuesday, on friday I am busy", "task.move",
     {"task": "call the bank", "due": "next tuesday"}),
    # a manager's jargon, South African English, a parent mid-interruption, a poet
    ("Can you put a task on my plate to prep the Q1 roadmap deck, high priority, due tomorrow "
     "at 9am", "task.add",
     {"title": "prep the Q1 roadmap deck", "due": "tomorrow at 9 am", "priority": "high"}),
    ("Set up a new habit for me, inbox zero. It's one of my personal effectiveness KPIs",
     "habit.create", {"name": "inbox zero"}),
    ("Add a to-do for me, hey: book the braai spot at the dam, for this weekend", "task.add",
     {"title": "book the braai spot at the dam", "due": "this weekend"}),
    ("Start a new habit for me, walking the dog, every evening when it's cooler",
     "habit.create", {"name": "walking the dog"}),
    ("Okay, he's down. What task should I grab first?", "task.next", {}),
    ("Log that I meditated yesterday, only five minutes, but it counts", "habit.log",
     {"habit": "meditate", "day": "yesterday"}),
    ("The green throats of my plants have drunk their fill; mark their watering done",
     "task.complete", {"task": "water the plants"}),
    ("add a job, pick up timber from bunnings, tomorrow", "task.add",
     {"title": "pick up timber from bunnings", "due": "tomorrow"}),
    # a habit asked after by how much of it, or "got in"; "which tasks" is no tag
    ("have I had my 8 glasses of water today", "habit.status", {"habit": "drink water"}),
    ("did i get my run in today??", "habit.status", {"habit": "go for a run"}),
    ("Please tell me which tasks I have for this week.", "task.list",
     {"view": "week", "tag": None}),
])
def test_wordings_of_a_ward_a_game_a_farm_and_a_boardroom(assistant: Assistant, text: str,
                                                          intent: str,
                                                          slots: dict[str, object]) -> None:
    _reads_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text, intent, slots", [
    # Nigerian Pidgin, an officer, a German word order, a monk, a data scientist
    ("Abeg rename the milk task make e read buy peak milk", "task.edit",
     {"task": "buy milk", "title": "buy peak milk"}),
    ("Promote the bank call to high priority.", "task.edit",
     {"task": "call the bank", "priority": "high"}),
    ("The milk task please on low priority set.", "task.edit",
     {"task": "buy milk", "priority": "low"}),
    ("downweight the plants task to low priority", "task.edit",
     {"task": "water the plants", "priority": "low"}),
    ("Let the task of the milk be renamed thus: buy goat's milk from the abbey farm",
     "task.edit", {"task": "buy milk", "title": "buy goat's milk from the abbey farm"}),
    ("I pray thee, let the dentist appointment be deferred unto next tuesday", "task.move",
     {"task": "book dentist appointment", "due": "next tuesday"}),
    ("Tell me, brother, when must the bank be called upon?", "task.status",
     {"task": "call the bank"}),
    ("what's the state of the milk task, still open or done?", "task.status",
     {"task": "buy milk"}),
    ("what's my task completion count for this month", "insight.tasks_done",
     {"period": "month"}),
    ("what's the status of my tasks", "task.list", {"view": "open"}),
    ("milk can sit at low priority, old Daisy's still givin'", "task.edit",
     {"task": "buy milk", "priority": "low"}),
    ("Remind me to thaw the turkey tonight, oh my gosh, Thanksgiving's tomorrow", "task.add",
     {"title": "thaw the turkey", "due": "tonight"}),
    ("put on list that I need renew my visa, deadline is december 3", "task.add",
     {"due": "december 3"}),
    # found by the regression over every set
    ("Put down fi mi: call the plumber, Saturday", "task.add",
     {"title": "call the plumber", "due": "saturday"}),
    ("Put renew passport pon mi list, nuh rush pon it", "task.add",
     {"title": "renew passport", "priority": "low"}),
    ("Mi want fi track bible reading, set it up as a habit", "habit.create",
     {"name": "bible reading"}),
    ("Remove the dentist booking from my list, I am not going again", "task.delete",
     {"task": "book dentist appointment"}),
    ("Delete the, not the milk, the other one, the dentist one, I switched dentists, long story",
     "task.delete", {"task": "book dentist appointment"}),
    ("New task, friends! Plan the winter concert, next week", "task.add",
     {"title": "plan the winter concert", "due": "next week"}),
    ("Ugh, remind me in 30 minutes to take the laundry out, you're my only hope", "task.add",
     {"title": "take the laundry out", "due": "in 30 minutes"}),
])
def test_wordings_of_lagos_a_mess_hall_an_abbey_and_a_lab(assistant: Assistant, text: str,
                                                         intent: str,
                                                         slots: dict[str, object]) -> None:
    _reads_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text, intent, slots", [
    # Jamaican, a lawyer's legalese, a hedging speaker, Singlish, a hiker, a texting teenager
    ("Nuh badda wid dat, mi change mi mind", "meta.cancel", {}),
    # the grammar alone read these two as a completion (the classifier tier overruled it)
    ("Tek off di dentist ting, mi nuh need it again", "task.delete",
     {"task": "book dentist appointment"}),
    ("Start the focus timer for the bank call, I'll get it done so I will", "focus.start",
     {"task": "call the bank"}),
    ("State the time remaining in the current session.", "focus.status", {}),
    ("The focus session is hereby terminated.", "focus.stop", {}),
    ("Heretofore the task was titled call the bank; kindly rename it call the bank regarding "
     "the mortgage.", "task.edit",
     {"task": "call the bank", "title": "call the bank regarding the mortgage"}),
    ("um, maybe could you rename call mom to call mom about christmas? if that's okay",
     "task.edit", {"task": "call mom", "title": "call mom about christmas"}),
    ("The bank call when due ah?", "task.status", {"task": "call the bank"}),
    ("The water plants one not so urgent lah, make it low priority", "task.edit",
     {"task": "water the plants", "priority": "low"}),
    ("Re-blaze the milk task with a new name: buy milk and trail mix", "task.edit",
     {"task": "buy milk", "title": "buy milk and trail mix"}),
    ("make call mom high priority shes gonna be mad if i forget", "task.edit",
     {"task": "call mom", "priority": "high"}),
    ("hv i meditated today", "habit.status", {"habit": "meditate"}),
    ("How much focusing did I actually get done today, be honest with me", "insight.focus",
     {"period": "today"}),
    # the words around a name or a date
    ("Start a new habit fi mi: skipping rope", "habit.create", {"name": "skipping rope"}),
    ("Mi haffi send money to Auntie Marcia by friday, an mek it high priority, ya hear",
     "task.add", {"title": "send money to Auntie Marcia", "priority": "high"}),
    ("New task, sharpen the knives tonight, heard?", "task.add",
     {"title": "sharpen the knives", "due": "tonight"}),
    ("Start tracking knife drills for me, yes chef", "habit.create", {"name": "knife drills"}),
    ("I hereby instruct you to enter a new task to review the lease agreement, no later than "
     "next friday.", "task.add", {"title": "review the lease agreement", "due": "by next friday"}),
    ("remind me 2 text jake back tonight", "task.add",
     {"title": "text jake back", "due": "tonight"}),
    ("delete the milk one im vegan now", "task.delete", {"task": "buy milk"}),
    ("um, sorry, could you maybe add a task to return the library books? whenever is fine",
     "task.add", {"title": "return the library books", "due": None}),
    ("ugh put return library book on my list, due in 2 days or i get fined", "task.add",
     {"title": "return library book", "due": "in 2 days"}),
])
def test_wordings_of_jamaica_a_law_office_singapore_and_a_trail(assistant: Assistant,
                                                                 text: str, intent: str,
                                                                 slots: dict[str, object]) -> None:
    _reads_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text, intent, slots", [
    # a sentence that is no command, then one that is
    ("Tactical switch! Rename call the bank to call the bank about the mortgage!", "task.edit",
     {"task": "call the bank", "title": "call the bank about the mortgage"}),
    ("Wait, wait, he's taking it back! Undo that last one!", "meta.undo", {}),
    ("And the whistle goes! Start a fifty minute focus session, here we go!", "focus.start",
     {"minutes": 50}),
    ("Kick-off! Start the focus timer on the bank call, let's go, let's go!", "focus.start",
     {"task": "call the bank"}),
    ("Quick change of tactics! Add buy new shin pads, due in 2 days, the old ones are in "
     "pieces!", "task.add", {"title": "buy new shin pads", "due": "in 2 days"}),
    ("A late change to the schedule! Calling mum moves to tomorrow evening, what drama!",
     "task.move", {"task": "call mom", "due": "tomorrow evening"}),
    ("Ooh, look at us! We called the bank! Let's give that one a big checkmark, okay?",
     "task.complete", {"task": "call the bank"}),
    ("Let's change the name of the plants task, okay? Call it water the classroom plants "
     "instead. Great listening!", "task.edit",
     {"task": "water the plants", "title": "water the classroom plants"}),
    ("Let's put a new task on our list, sweetie! Laminate the alphabet cards. Can you do that? "
     "Yaaay!", "task.add", {"title": "laminate the alphabet cards"}),
    ("Sweetie, let's move calling mommy to tomorrow, okay? Today is a very, very busy day!",
     "task.move", {"task": "call mom", "due": "tomorrow"}),
    # a remark after the command, and a head read as two clauses
    ("That dentist thing, push it back to next Tuesday, I can't get down the surgery this week",
     "task.move", {"task": "book dentist appointment", "due": "next tuesday"}),
    ("I wants a new habit, call it walk the dog, I'm taking him up the mountain every morning "
     "now", "habit.create", {"name": "walk the dog"}),
    ("Put a twenty five minute focus on for the report, no messing about", "focus.start",
     {"minutes": 25, "task": "write report"}),
    ("create a habit called leetcode practice, gotta keep the interview muscles warm",
     "habit.create", {"name": "leetcode practice"}),
    ("add pick up a bag of spuds from the market, ta", "task.add",
     {"title": "pick up a bag of spuds from the market"}),
    ("ugh... add a task... reply to jess's email... by tonight i guess...", "task.add",
     {"title": "reply to jess's email", "due": "by tonight"}),
    ("The plants, move it for tomorrow, today I no have time", "task.move",
     {"task": "water the plants", "due": "tomorrow"}),
    ("The milk I buy it already, mark the milk like complete please", "task.complete",
     {"task": "buy milk"}),
    ("'ave I done that report yet or what?", "task.status", {"task": "write report"}),
    ("Can you show me all the things we need to do today? Use your big clear voice!",
     "task.list", {"view": "today"}),
    # Taglish
    ("tapos na yung sa bangko, natawagan ko na kanina, pa-check na lang", "task.complete",
     {"task": "call the bank"}),
    ("gawin mong high priority yung report, kinukulit na ako ng boss ko", "task.edit",
     {"task": "write report", "priority": "high"}),
    ("gawa ka ng bagong habit, morning stretch, para hindi na sumasakit likod ko",
     "habit.create", {"name": "morning stretch"}),
    ("naka-tatlong baso na ako ng tubig today, pa-log naman", "habit.log",
     {"habit": "drink water", "count": 3}),
    ("ilan na ba natapos kong tasks this week?", "insight.tasks_done", {"period": "week"}),
    ("kumusta na yung streak ko sa pagbabasa?", "habit.status", {"habit": "read"}),
    ("uy paki-add, pay meralco bill, high priority kasi baka maputulan kami ng kuryente",
     "task.add", {"title": "pay meralco bill", "priority": "high"}),
    ("pakilagay naman sa to-do ko yung renew passport, hindi pa naman urgent so low priority "
     "lang", "task.add", {"title": "renew passport", "priority": "low"}),
    ("done na ako mag-dilig ng plants, i-mark mo na as done", "task.complete",
     {"task": "water the plants"}),
    ("ay wait, yung pay rent pala hindi pa tapos, nag-bounce yung transfer, pakibalik sa to-do",
     "task.reopen", {"task": "pay rent"}),
])
def test_wordings_of_the_valleys_a_commentary_box_a_classroom_and_manila(
        assistant: Assistant, text: str, intent: str, slots: dict[str, object]) -> None:
    _reads_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text, intent, slots", [
    ("I beg your pardon, would you be so good as to repeat that?", "meta.repeat", {}),
    ("Pray add order the port for his lordship, at high priority; the cellar is regrettably "
     "bare", "task.add", {"title": "order the port for his lordship", "priority": "high"}),
    ("Please make a new habit for me, the name is English shadowing.", "habit.create",
     {"name": "English shadowing"}),
    ("I should like to establish a new habit: the evening constitutional", "habit.create",
     {"name": "evening constitutional"}),
    ("Make me a new habit called morning stretches, the chiropractor insists",
     "habit.create", {"name": "morning stretches"}),
    ("Dude, throw wax the board on the list for saturday morning, swell's gonna be firing",
     "task.add", {"title": "wax the board", "due": "saturday morning"}),
    ("Kick off a focus timer for the bank stuff, like 50 minutes", "focus.start",
     {"minutes": 50, "task": "call the bank"}),
    ("Start focus timer for 45 minutes, I want to concentrate on the report before my oga "
     "calls", "focus.start", {"minutes": 45, "task": "write report"}),
    ("I need to remember send email to landlord tomorrow at 10am, please add it for me.",
     "task.add", {"title": "send email to landlord"}),
    # West African Pidgin
    ("Chale, put send school fees to my junior brother on the list, high priority, the boy "
     "dey worry me paa", "task.add",
     {"title": "send school fees to my junior brother", "priority": "high"}),
    ("I don call my mum finish, she was happy. You can tick am off.", "task.complete",
     {"task": "call mom"}),
    ("Abeg add one new task for me, collect my suit from the tailor, next monday", "task.add",
     {"title": "collect my suit from the tailor", "due": "next monday"}),
    # Brazilian Portuguese
    ("Põe aí uma tarefa: call Juliana, next sunday, é aniversário dela.", "task.add",
     {"title": "call Juliana", "due": "next sunday"}),
    ("The plants one, já fiz ou não? Is it done?", "task.status",
     {"task": "water the plants"}),
    ("Muda o nome do call the bank para call the bank about the card, é sobre o cartão.",
     "task.edit", {"task": "call the bank", "title": "call the bank about the card"}),
    ("Make a new habit, sleep before midnight, porque eu tô um zumbi.", "habit.create",
     {"name": "sleep before midnight"}),
    ("Quero criar um hábito novo, a habit called capoeira.", "habit.create",
     {"name": "capoeira"}),
])
def test_wordings_of_accra_a_butler_a_surfer_and_rio(assistant: Assistant, text: str,
                                                    intent: str, slots: dict[str, object]) -> None:
    _reads_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text, intent, slots", [
    ("Wait nah, the landlord say he ent get the rent, so pay rent not done again, put it back",
     "task.reopen", {"task": "pay rent"}),
    ("wait nah the rent thing isnt actually done, my dad said the e-transfer bounced, put it "
     "back", "task.reopen", {"task": "pay rent"}),
    ("Knock the plants down to low priority, they're background extras", "task.edit",
     {"task": "water the plants", "priority": "low"}),
    ("Please change name of report task, it should be write monthly report", "task.edit",
     {"task": "write report", "title": "write monthly report"}),
    ("The task of the plants, change the name to water the plants on the balcony", "task.edit",
     {"task": "water the plants", "title": "water the plants on the balcony"}),
    ("The matter of the milk is of little importance. Lower its priority, please.",
     "task.edit", {"task": "buy milk", "priority": "low"}),
    ("I do not see the purpose of you. Kindly explain what it is that you are able to do.",
     "meta.help", {}),
    ("tell me what you are able to do", "meta.help", {}),  # (it read a list of tasks)
])
def test_wordings_of_boston_port_of_spain_a_film_set_and_the_outback(
        assistant: Assistant, text: str, intent: str, slots: dict[str, object]) -> None:
    _reads_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text", ["Who won the World Cup in 1966? Go on, you know this one!",
                                  "and focus. and focus.",
                                  "My roommate is, like, always meditating, it's kinda weird"])
def test_a_question_or_a_sentence_said_over_leads_into_no_command(assistant: Assistant,
                                                                 text: str) -> None:
    assert assistant.grammar.parse(text, assistant.vocabulary()) is None


def test_get_rid_of_is_a_delete_never_a_report(data_app: App, assistant: Assistant) -> None:
    turn = assistant.handle("...just... get rid of the plant one... they're dead anyway...")
    assert (turn.intent, turn.awaiting) == ("task.delete", "confirm")
    assert data_app.tasks.list("open", text="water the plants")


@pytest.mark.parametrize("text", ["I'll get the bank call done", "we're going to get the report "
                                  "finished", "I should get the milk bought",
                                  "Mi drink enough water today?"])
def test_a_task_to_be_done_is_not_done(data_app: App, assistant: Assistant, text: str) -> None:
    done = len(data_app.tasks.list("done", limit=50))
    assert assistant.handle(text).intent != "task.complete"
    assert len(data_app.tasks.list("done", limit=50)) == done


@pytest.mark.parametrize("text, title", [
    ("add a task to call Mr. Becker", "call Mr. Becker"),  # a full stop inside a name
    ("add a job application to my list", "a job application"),  # a job that is the title
    ("add a task: schedule a one-on-one with Dave", "schedule a one-on-one with Dave"),
])
def test_words_that_look_like_a_clause_end_or_a_number_stay_in_a_title(
        assistant: Assistant, text: str, title: str) -> None:
    turn = assistant.handle(text)
    assert (turn.intent, turn.slots.get("title"), turn.slots.get("due")) == (
        "task.add", title, None), turn.slots


def test_one_said_as_a_digit_before_s_is_no_time(assistant: Assistant) -> None:
    turn = assistant.handle("Houl on, this one's quare important: ring the gas board about the "
                            "boiler, high priority so it is")
    assert turn.slots.get("due") is None, turn.slots


def test_the_briefing_greets_for_the_time_of_day(assistant: Assistant, data_app: App) -> None:
    """Asked for at 09:30 it says "good morning"; the same question at 15:30 does not."""
    assert assistant.handle("how is my day looking").reply.startswith("Good morning.")
    clock = data_app.clock
    assert isinstance(clock, FixedClock)
    clock.advance(hours=6)
    assert assistant.handle("how's today shaping up").reply.startswith("Good afternoon.")


@pytest.mark.parametrize("text, intent, slots", [
    # Kenyan English with Swahili and Sheng words
    ("Aki I've already called mathe, mark that one done", "task.complete", {"task": "call mom"}),
    ("Eh, put there buy KPLC tokens, stima iko chini, make it high priority", "task.add",
     {"title": "buy KPLC tokens", "priority": "high"}),
    ("Nimekunywa maji glasi tatu, log 3 glasses of water", "habit.log",
     {"habit": "drink water", "count": 3}),
    ("Shift the report to friday, boss ameenda safari so hakuna pressure", "task.move",
     {"task": "write report", "due": "friday"}),
    ("Nimemaliza tasks ngapi this week?", "insight.tasks_done", {"period": "week"}),
    ("Start a new habit for me called morning stretches, nataka kukaa fiti", "habit.create",
     {"name": "morning stretches"}),
    # Newfoundland, Appalachia
    ("Report's wrote and sent off to the boss, mark 'er done", "task.complete",
     {"task": "write report"}),
    ("Stick get the skidoo serviced on me list, low priority, no rush on that one", "task.add",
     {"title": "get the skidoo serviced", "priority": "low"}),
    ("I done went for a run up the holler this mornin'", "habit.log", {"habit": "go for a run"}),
    ("yesterday I read a while 'fore bed, put that down for yesterday", "habit.log",
     {"habit": "read", "day": "yesterday"}),
    ("I'm fixin' to need some ramps for Mamaw's supper, put down pick up ramps, due saturday",
     "task.add", {"title": "pick up ramps", "due": "saturday"}),
    ("alright I'm back, start that timer back up", "focus.resume", {}),
    # a yoga teacher
    ("Let's gently add refill the lavender oil diffuser to my list", "task.add",
     {"title": "refill the lavender oil diffuser"}),
    ("Could you add prepare the sunrise class playlist as a high priority task", "task.add",
     {"title": "prepare the sunrise class playlist", "priority": "high"}),
    ("Create a habit called evening stretch, for winding down before bed", "habit.create",
     {"name": "evening stretch"}),
    # learners of English
    ("Make the report task low priority, my boss say is not hurry", "task.edit",
     {"task": "write report", "priority": "low"}),
    ("When I must call the bank, which day?", "task.status", {"task": "call the bank"}),
    ("I want new task: bring the car to the service. Is very important, high priority.",
     "task.add", {"title": "bring the car to the service", "priority": "high"}),
    ("I want write in my diary: today I speak English with the neighbour", "journal.add", {}),
    ("The plants, I water them this morning, put done please", "task.complete",
     {"task": "water the plants"}),
    ("Yesterday I do the meditation, please put it for yesterday", "habit.log",
     {"habit": "meditate", "day": "yesterday"}),
    # Malaysian English
    ("can create one habit called skipping rope or not, want to slim down a bit lah",
     "habit.create", {"name": "skipping rope"}),
    ("add renew my road tax lah, very important one, make it high priority", "task.add",
     {"title": "renew my road tax", "priority": "high"}),
    ("the bank one make it high priority lah, they keep calling me", "task.edit",
     {"task": "call the bank", "priority": "high"}),
    ("wah finally dentist appointment booked already, mark it settled lah", "task.complete",
     {"task": "book dentist appointment"}),
    ("mum I called already just now, can mark done", "task.complete", {"task": "call mom"}),
    # a noir narrator: sentences round the command
    ("The city never sleeps, and neither do I. Add a task: pick up my trench coat from the "
     "cleaners. Tomorrow at 6pm.", "task.add",
     {"title": "pick up my trench coat from the cleaners", "due": "tomorrow at 6 pm"}),
    ("Put it on the books, low priority: fix the blinds in the office. They rattle like a "
     "guilty conscience.", "task.add", {"title": "fix the blinds in the office",
                                         "priority": "low"}),
    ("The milk. Bump it to high priority. A man can't drink his coffee black forever.",
     "task.edit", {"task": "buy milk", "priority": "high"}),
    ("Sat in the dark and meditated. Nothing moved but my breath. Log it.", "habit.log",
     {"habit": "meditate"}),
    ("Ran the streets last night. Not from the cops, just a jog. Put a run down for yesterday.",
     "habit.log", {"habit": "go for a run", "day": "yesterday"}),
])
def test_wordings_of_nairobi_newfoundland_a_yoga_class_kuala_lumpur_and_a_noir_narrator(
        assistant: Assistant, text: str, intent: str, slots: dict[str, object]) -> None:
    _acts_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text, intent, slots", [
    # Bangladeshi English with Bengali words
    ("ammu ke phone korechi, so the call mom one is done, mark it please", "task.complete",
     {"task": "call mom"}),
    ("bank er call ta, move it to monday, friday I have jummah and no time", "task.move",
     {"task": "call the bank", "due": "monday"}),
    ("drank 3 glass pani already, log it for the water habit", "habit.log",
     {"habit": "drink water", "count": 3}),
    ("make the report one high priority bhai, it is very urgent, boss is on my head",
     "task.edit", {"task": "write report", "priority": "high"}),
    ("focus mode chalu koro, 20 minutes", "focus.start", {"minutes": 20}),
    # a Zimbabwean speaker, a waiter mid-shift
    ("the bank call, shift it to next tuesday, they are closed on friday for the holiday",
     "task.move", {"task": "call the bank", "due": "next tuesday"}),
    ("remove the milk task, my wife already bought two litres from the tuckshop",
     "task.delete", {"task": "buy milk"}),
    ("put a new one there, collect the school fees receipt, this one is high priority",
     "task.add", {"title": "collect the school fees receipt", "priority": "high"}),
    ("quick, add pick up my check from the manager friday, table nine's waving at me",
     "task.add", {"title": "pick up my check from the manager", "due": "friday"}),
    ("add a task, buy non slip shoes, high priority, almost ate it by the dish pit again",
     "task.add", {"title": "buy non slip shoes", "priority": "high"}),
    ("no wait, undo that, wrong thing", "meta.undo", {}),
    # learners of English (Farsi, Indonesian)
    ("I was drink 4 glass of water until now, please save it", "habit.log",
     {"habit": "drink water", "count": 4}),
    ("please create habit with name walk after lunch", "habit.create",
     {"name": "walk after lunch"}),
    ("Please add task, buy batik for my cousin wedding, next saturday ya", "task.add",
     {"title": "buy batik for my cousin wedding", "due": "next saturday"}),
    ("Add task for me ya, print the visa form, in 3 days", "task.add",
     {"title": "print the visa form", "due": "in 3 days"}),
    ("I need remember to fix my motorbike tire, please put it, low priority, not so important",
     "task.add", {"title": "fix my motorbike tire", "priority": "low"}),
    ("Please remove the plants one, my neighbor take care of it now", "task.delete",
     {"task": "water the plants"}),
    ("Milk one, please make it for tomorrow morning", "task.move", {"task": "buy milk"}),
    ("The report make it high priority please, my boss very strict", "task.edit",
     {"task": "write report", "priority": "high"}),
    ("I read book yesterday but forget to record, please put for yesterday", "habit.log",
     {"habit": "read", "day": "yesterday"}),
    ("I want write journal: today rain very hard, I stay home, eat indomie, watch drama",
     "journal.add", {}),
    # Hong Kong English with Cantonese words
    ("Mm goi add buy egg tarts for my popo, high priority ah, she will scold me if I forget",
     "task.add", {"title": "buy egg tarts for my popo", "priority": "high"}),
    ("Help me put in a new one la, book table at the dim sum place, tomorrow at 11am",
     "task.add", {"title": "book table at the dim sum place", "due": "tomorrow at 11 am"}),
    ("New habit la, call it evening stretch, my back very sore from sitting whole day",
     "habit.create", {"name": "evening stretch"}),
    # a preacher, a sailor
    ("Take this down in my journal: revival was on fire tonight, forty souls came forward.",
     "journal.add", {}),
    ("Put on the manifest: restock the galley with coffee, high priority, the crew's near "
     "mutiny without it", "task.add", {"title": "restock the galley with coffee",
                                       "priority": "high"}),
    ("The plants be watered, mark that one secured", "task.complete",
     {"task": "water the plants"}),
    ("Shift the report to monday's watch, the seas are too rough today", "task.move",
     {"task": "write report", "due": "monday"}),
    ("Add a new habit to the ship's routine: knot practice", "habit.create",
     {"name": "knot practice"}),
    ("Downed 4 mugs of fresh water today, log it in", "habit.log",
     {"habit": "drink water", "count": 4}),
])
def test_wordings_of_dhaka_harare_a_restaurant_floor_hong_kong_a_pulpit_and_a_deck(
        assistant: Assistant, text: str, intent: str, slots: dict[str, object]) -> None:
    _acts_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text", ["the plants, I water them already or not yet? I not remember",
                                  "I bought the milk or not?",
                                  "Run habit, how many day I do in a row?"])
def test_a_report_asked_with_or_not_changes_nothing(data_app: App, assistant: Assistant,
                                                     text: str) -> None:
    turn = assistant.handle(text)
    assert turn.intent not in ("task.complete", "habit.log"), (turn.intent, turn.reply)
    assert not data_app.habits.history("go for a run", days=1).get(data_app.clock.today())
    assert not data_app.tasks.list("done", text="water the plants")
    assert not data_app.tasks.list("done", text="buy milk")


@pytest.mark.parametrize("text, intent, slots", [
    # Cornwall, a coach, a Ukrainian speaker
    ("Watered they plants afore I went out on the boat, mark 'en done", "task.complete",
     {"task": "water the plants"}),
    ("I rung the bank this mornin', proper job, tick 'en off", "task.complete",
     {"task": "call the bank"}),
    ("That report, bleddy thing, push 'en to next week", "task.move",
     {"task": "write report", "due": "next week"}),
    ("Start me a new habit called check the forecast, every mornin' afore we sail",
     "habit.create", {"name": "check the forecast"}),
    ("I need to make new task, send documents to migration office, in 2 days", "task.add",
     {"title": "send documents to migration office", "due": "in 2 days"}),
    ("Add please: learn irregular verbs. It is very important for me, high priority",
     "task.add", {"title": "learn irregular verbs", "priority": "high"}),
    ("Task call the bank, please change name to call the bank about credit card", "task.edit",
     {"task": "call the bank", "title": "call the bank about credit card"}),
    ("Start timer for concentration, 50 minutes please", "focus.start",
     {"minutes": 50, "task": None}),  # no task of the user's: a session all the same
    ("Sorry, I made mistake, the rent is not paid yet. Please make it not done again.",
     "task.reopen", {"task": "pay rent"}),
    ("I need remember to buy bread tomorrow morning, add please", "task.add",
     {"title": "buy bread", "due": "tomorrow morning"}),
    # Nepali English, a London teenager, Shakespeare, a Thai speaker
    ("hijo meditate gareko thiye, log meditate for yesterday", "habit.log",
     {"habit": "meditate", "day": "yesterday"}),
    ("aaja 3 glass pani piye, log 3 glasses of water", "habit.log",
     {"habit": "drink water", "count": 3}),
    ("stick a task on there, top up my oyster, low priority", "task.add",
     {"title": "top up my oyster", "priority": "low"}),
    ("shift the dentist ting to next tuesday, can't be arsed this week", "task.move",
     {"task": "book dentist appointment", "due": "next tuesday"}),
    ("new habit fam, call it gym sesh, tryna get hench", "habit.create", {"name": "gym sesh"}),
    ("The dentist must wait, alas. Move that appointment unto next wednesday.", "task.move",
     {"task": "book dentist appointment", "due": "next wednesday"}),
    ("please add task buy mango sticky rice for tomorrow ka", "task.add",
     {"title": "buy mango sticky rice", "due": "tomorrow"}),
    ("change name of call mom to video call mom ka", "task.edit",
     {"task": "call mom", "title": "video call mom"}),
    ("oh no, undo please, not correct", "meta.undo", {}),
])
def test_wordings_of_colombo_cornwall_a_touchline_kyiv_kathmandu_london_the_globe_and_bangkok(
        assistant: Assistant, text: str, intent: str, slots: dict[str, object]) -> None:
    if intent == "meta.undo":
        assistant.handle("log a glass of water")
    _acts_as(assistant, text, intent, slots)


@pytest.mark.parametrize("text", ["I have made a mistake",
                                  "My mom always said you gotta drink your water, she was right "
                                  "about that one",
                                  "My colleague says that meditation is esoteric nonsense. I find "
                                  "that not."])
def test_no_habit_is_logged_from_a_slip_or_from_someone_else(data_app: App, assistant: Assistant,
                                                              text: str) -> None:
    assistant.handle(text)
    today = data_app.clock.today()
    assert not any(data_app.habits.history(h.habit.name, days=1).get(today, 0)
                   for h in data_app.habits.list())


@pytest.mark.parametrize("text, intent, slots", [
    # Cairo, a student in exams, a Mandarin speaker; a Ugandan speaker, a Kiwi farmer, an
    # accountant, a Portuguese speaker
    ("New task habibi, buy koshary for the whole family, due friday", "task.add",
     {"title": "buy koshary for the whole family", "due": "friday"}),
    ("The bank thing, move it to next tuesday, insha'allah I will have time", "task.move",
     {"task": "call the bank", "due": "next tuesday"}),
    ("Focus mode, bas 20 minutes, not more", "focus.start", {"minutes": 20}),
    ("set pay rent back to not done, my loan hasn't come through so it didn't actually go out",
     "task.reopen", {"task": "pay rent"}),
    ("Call bank task, please change the date to next friday", "task.move",
     {"task": "call the bank", "due": "next friday"}),
    ("The plants task, change name to water the balcony plants", "task.edit",
     {"task": "water the plants", "title": "water the balcony plants"}),
    ("I want to make a new habit, tai chi in the morning, name it tai chi", "habit.create",
     {"name": "tai chi"}),
    ("Add drench the ewes, mate, needs doing thursday.", "task.add",
     {"title": "drench the ewes", "due": "thursday"}),
    ("Ah bugger, the rent didn't go through, stick pay rent back on as not done eh.",
     "task.reopen", {"task": "pay rent"}),
    ("Shove the plants job to saturday, she's gonna bucket down tomorrow anyway.", "task.move",
     {"task": "water the plants", "due": "saturday"}),
    ("Had two glasses of water at smoko, log em.", "habit.log",
     {"habit": "drink water", "count": 2}),
    ("Log exactly 5 glasses of water for today.", "habit.log",
     {"habit": "drink water", "count": 5}),
    ("Please, add one task, send the papers to my accountant, is for friday.", "task.add",
     {"title": "send the papers to my accountant", "due": "friday"}),
    ("Add a task very important, high priority: renew my residence card.", "task.add",
     {"title": "renew my residence card", "priority": "high"}),
    ("Can you add call the plumber tomorrow at 6pm? The water of the shower is cold.",
     "task.add", {"title": "call the plumber", "due": "tomorrow at 6 pm"}),
    ("I want to make a new habit, study english, every day a little.", "habit.create",
     {"name": "study english"}),
])
def test_wordings_of_cairo_an_exam_week_a_kampala_farm_and_a_lisbon_office(
        assistant: Assistant, text: str, intent: str, slots: dict[str, object]) -> None:
    _acts_as(assistant, text, intent, slots)


def test_a_japanese_hesitation_is_no_taglish_question(assistant: Assistant) -> None:
    turn = assistant.handle("Ano... please add new task, buy present for my host family, "
                            "until next sunday")
    assert (turn.intent, turn.slots.get("title"), turn.slots.get("due")) == (
        "task.add", "buy present for my host family", "next sunday")


@pytest.mark.parametrize("text, intent, slots", [
    # Tamil English
    ("Machi, add one task da, buy jasmine flowers, tomorrow morning", "task.add",
     {"title": "buy jasmine flowers", "due": "tomorrow morning"}),
    ("Note it down, collect clothes from the istiri shop, low priority, no tension", "task.add",
     {"title": "collect clothes from the istiri shop", "priority": "low"}),
    ("That dentist booking, change it to tomorrow pa, yesterday I fully forgot", "task.move",
     {"task": "book dentist appointment", "due": "tomorrow"}),
    ("Start a new habit for me pa, morning yoga, doctor told me to do", "habit.create",
     {"name": "morning yoga"}),
    ("Konjam focus pannanum, start the focus mode", "focus.start", {}),
    # Birmingham
    ("Stick summat on me list will ya, sort the car MOT, it's proper important so high "
     "priority", "task.add", {"title": "sort the car MOT", "priority": "high"}),
    ("That rent one, put it back as not done, landlord reckons he ain't had it",
     "task.reopen", {"task": "pay rent"}),
    ("Can yow move me report to monday, the gaffer's gone on his holidays anyway", "task.move",
     {"task": "write report", "due": "monday"}),
    ("New habit for us, walk the dog, I'm gonna do it every night", "habit.create",
     {"name": "walk the dog", "frequency": "daily"}),
    ("Stick a 30 minute focus timer on, I need me head down", "focus.start", {"minutes": 30}),
    # a truck driver
    ("Yeah go ahead and add call dispatch about the Amarillo load, in 2 days", "task.add",
     {"title": "call dispatch about the Amarillo load", "due": "in 2 days"}),
    # learners of English
    ("Please rename the milk task in buy milk and bread", "task.edit",
     {"task": "buy milk", "title": "buy milk and bread"}),
    ("Make a habit for me, cook at home, is cheaper and more healthy", "habit.create",
     {"name": "cook at home"}),
    ("Today I go for running in the park, log please", "habit.log", {"habit": "go for a run"}),
    ("Can you add a task, buy brunost for the cabin trip, it must be done friday", "task.add",
     {"title": "buy brunost for the cabin trip", "due": "friday"}),
    ("One more task: buy a present for Ingrid's birthday, next wednesday", "task.add",
     {"title": "buy a present for Ingrid's birthday", "due": "next wednesday"}),
    ("Mum I will call on saturday instead, please move it", "task.move",
     {"task": "call mom", "due": "saturday"}),
    ("The plants, I will water them on thursday, change the date please", "task.move",
     {"task": "water the plants", "due": "thursday"}),
    ("I will write in my journal: today we went skiing, it was very fine weather",
     "journal.add", {}),
    # Moroccan English with Darija and French
    ("bghit a new habit, call it arabic calligraphy, one page each day", "habit.create",
     {"name": "arabic calligraphy", "frequency": "daily"}),
    ("yallah, lance a focus session for me", "focus.start", {}),
    ("the milk, lhlib, I bought it already, check it off khouya", "task.complete",
     {"task": "buy milk"}),
    # Minnesota
    ("Ope, I need to get the snow tires put on, put that down for next Monday would ya",
     "task.add", {"title": "get the snow tires put on", "due": "next monday"}),
    ("Well, I finally got ahold of Mom, so you can check that one off, dear", "task.complete",
     {"task": "call mom"}),
    ("Oh, and that dentist thing, let's make it due tomorrow then, I plum forgot about it",
     "task.move", {"task": "book dentist appointment", "due": "tomorrow"}),
    ("I'd like to start a new habit, crossword puzzle, every morning with my coffee",
     "habit.create", {"name": "crossword puzzle", "frequency": "daily"}),
    ("Put me down for 4 glasses of water so far today", "habit.log",
     {"habit": "drink water", "count": 4}),
    ("I'd like to put something in my journal. Went to the church fish fry with Arlene.",
     "journal.add", {}),
    # a skateboarder
    ("focus timer on the report, let's gooo", "focus.start", {"task": "write report"}),
])
def test_wordings_of_chennai_birmingham_a_truck_cab_rabat_and_minnesota(
        assistant: Assistant, text: str, intent: str, slots: dict[str, object]) -> None:
    _acts_as(assistant, text, intent, slots)


def test_a_learners_plain_log_after_nothing_to_keep_logs_nothing(assistant: Assistant) -> None:
    """"log please" keeps what the clause before told; a clause that tells nothing of the
    user's habits gives it nothing to keep."""
    turn = assistant.handle("the weather is nice today, log please")
    assert turn.intent != "habit.log"


@pytest.mark.parametrize("text, intent, slots", [
    # Haitian English with Creole words
    ("put on my list renew my passport, high priority, sa a enpòtan anpil", "task.add",
     {"title": "renew my passport", "priority": "high"}),
    ("mezanmi, I finally called manman, mark that one done", "task.complete",
     {"task": "call mom"}),
    ("I drink 3 glass of dlo already, log it", "habit.log", {"habit": "drink water", "count": 3}),
    ("ann kòmanse, turn on focus mode for me", "focus.start", {}),
    # a parent with toddlers: what is said to a child after a dash is no part of the command
    ("add buy size 4 diapers, due tomorrow — Mia, no, that's not food", "task.add",
     {"title": "buy size 4 diapers", "due": "tomorrow"}),
    ("new task, return the library books on thursday — Noah, gentle hands!", "task.add",
     {"title": "return the library books", "due": "on thursday"}),
    ("stick a low priority one on there, paint the shed out back, no rush on that dear",
     "task.add", {"title": "paint the shed out back", "priority": "low"}),
    ("focus timer for the bank call, 10 minutes, go", "focus.start",
     {"task": "call the bank", "minutes": 10}),
    ("focus time on the report, 60 minutes, let's get 'er done", "focus.start",
     {"task": "write report", "minutes": 60}),
    # learners of English
    ("I need remember send documents to immigration office, is important, high priority "
     "please", "task.add", {"title": "send documents to immigration office",
                            "priority": "high"}),
    ("for me make task, English class homework, friday", "task.add",
     {"title": "english class homework", "due": "friday"}),
    ("milk, please change day, in 2 days", "task.move", {"task": "buy milk", "due": "in 2 days"}),
    ("show me tasks for work, only work", "task.list", {"view": "tag", "tag": "work"}),
    ("change name of milk task, make it buy goat milk", "task.edit",
     {"task": "buy milk", "title": "buy goat milk"}),
    ("I want to add, how to say... fix the bicycle, next week", "task.add",
     {"title": "fix the bicycle", "due": "next week"}),
    ("No no, this was mistake, undo please", "meta.undo", {}),
    # South African English with Zulu words
    ("Yebo, new task, buy airtime for umama, make it high priority, she's been phoning me "
     "the whole day", "task.add", {"title": "buy airtime for umama", "priority": "high"}),
    ("Shift the bank thing to next tuesday, bru, the branch is closed on Friday", "task.move",
     {"task": "call the bank", "due": "next tuesday"}),
    ("Sharp, start focusing now, the neighbours are loud but let's go", "focus.start", {}),
    # Bajan
    ("Push de report to monday, de boss ain't in till den", "task.move",
     {"task": "write report", "due": "monday"}),
    ("I run dis morning 'long de boardwalk, log it fuh me", "habit.log",
     {"habit": "go for a run"}),
    ("Add get cou-cou ingredients, low priority, it ain't rushing", "task.add",
     {"title": "get cou-cou ingredients", "priority": "low"}),
    # a sergeant's orders
    ("Milk run moves to Saturday. Make it happen!", "task.move",
     {"task": "buy milk", "due": "saturday"}),
    ("Four glasses of water down the hatch. Log 4!", "habit.log",
     {"habit": "drink water", "count": 4}),
    ("Reschedule the plants to tomorrow at 0800. Hop to it!", "task.move",
     {"task": "water the plants"}),
    ("Delete the bank call. Cancel it. That's an order!", "task.delete",
     {"task": "call the bank"}),
])
def test_wordings_of_port_au_prince_a_nursery_durban_bridgetown_and_a_parade_ground(
        assistant: Assistant, text: str, intent: str, slots: dict[str, object]) -> None:
    _acts_as(assistant, text, intent, slots)


def test_a_title_keeps_the_words_of_another_language_it_was_said_in(
        assistant: Assistant) -> None:
    turn = assistant.handle("Machi, add one task da, buy jasmine flowers for amma")
    assert turn.slots.get("title") == "buy jasmine flowers for amma"
    assert "buy jasmine flowers for amma" in assistant.vocabulary().open_tasks


@pytest.mark.parametrize("heard", [
    "Emo, new task, buyer time for you mama, make it high priority, she's been folding me "
    "the whole day.",
    "Ebo, you task, buy air I'm for you mama, make it high priority, she's been phoning me the",
])
def test_it_after_asking_for_a_new_task_is_the_new_one(data_app: App, assistant: Assistant,
                                                        heard: str) -> None:
    """Whisper's readings of "Yebo, new task, buy airtime for umama, make it high priority":
    "mama" names "call mom", but "it" is the new task, so "call mom" keeps its priority."""
    assistant.handle(heard)
    assert [t.priority.value for t in data_app.tasks.list() if t.title == "call mom"] == [
        "normal"]


@pytest.mark.parametrize("text, intent, slots", [
    # Nigerian English with Pidgin and Yoruba words
    ("Oya, add buy fuel for the generator, NEPA has taken light again", "task.add",
     {"title": "buy fuel for the generator"}),
    ("Abeg add pick up agbada from the tailor, due saturday o, the owambe is on sunday",
     "task.add", {"title": "pick up agbada from the tailor", "due": "saturday"}),
    ("Put a new task for me jare: send money to egbon Tunde, high priority, he has been "
     "calling me since morning", "task.add",
     {"title": "send money to egbon Tunde", "priority": "high"}),
    ("Push the report to monday o, my oga is travelling so no rush", "task.move",
     {"task": "write report", "due": "monday"}),
    ("Make buy milk low priority jare, e no too urgent, we still get small for fridge",
     "task.edit", {"task": "buy milk", "priority": "low"}),
    ("Oya start focus timer for 45 minutes, I wan face this report well well", "focus.start",
     {"task": "write report", "minutes": 45}),
    # Down East Maine
    ("Ayuh, put down split kindlin' for the woodstove, gonna be some cold tonight", "task.add",
     {"title": "split kindling for the woodstove"}),
    ("Need ya to add fix the storm door, and call it low priority, it ain't goin' nowheres",
     "task.add", {"title": "fix the storm door", "priority": "low"}),
    ("That dentist business, move it to next thursday. Can't get a ride to Machias till then.",
     "task.move", {"task": "book dentist appointment", "due": "next thursday"}),
    ("Change the name of that bank one to call the credit union. We don't deal with the big "
     "bank no more.", "task.edit", {"task": "call the bank", "title": "call the credit union"}),
    ("Drank two glasses of watah just now, log it", "habit.log",
     {"habit": "drink water", "count": 2}),
    ("Went for my run down to the wharf and back. Well, more of a shuffle. Put it down "
     "anyhow.", "habit.log", {"habit": "go for a run"}),
    ("How many days runnin' have I done the meditatin' now?", "habit.status",
     {"habit": "meditate"}),
    # a stage magician
    ("Behold, a new task materializes: polish the linking rings, due saturday, before the "
     "grand matinee!", "task.add", {"title": "polish the linking rings", "due": "saturday"}),
    ("Conjure up a task for me: rehearse the sawing in half illusion, tomorrow at 6pm",
     "task.add", {"title": "rehearse the sawing in half illusion", "due": "tomorrow at 6 pm"}),
    ("Focus on the report, fifty minutes, not a second more! Start the timer.", "focus.start",
     {"task": "write report", "minutes": 50}),
    # learners of English
    ("I need new task, is very important: pay electricity bill. High priority please",
     "task.add", {"title": "pay electricity bill", "priority": "high"}),
    ("Add task, learn twenty new English words, in 2 days. My teacher will check.", "task.add",
     {"title": "learn 20 new english words", "due": "in 2 days"}),
    ("I call to my deda already, we speak one hour. Mark it done please.", "task.complete",
     {"task": "call mom"}),
    ("Bank call, please change to next monday, today bank is closed", "task.move",
     {"task": "call the bank", "due": "next monday"}),
    ("Today I was running in park near Sava river, write it in my habit for run", "habit.log",
     {"habit": "go for a run"}),
    ("For journal, write: today I was with my brother in kafana, it was very nice",
     "journal.add", {}),
    # Ethiopian English with Amharic words
    ("selam, eshi, add new task, buy coffee beans for the buna ceremony, for saturday",
     "task.add", {"title": "buy coffee beans for the buna ceremony", "due": "saturday"}),
    ("the dentist appointment booking, change it to next monday, this week bezu work, no time",
     "task.move", {"task": "book dentist appointment", "due": "next monday"}),
    ("eshi, start the focus timer, I study now", "focus.start", {}),
    ("ayyy no, undo that, I did not mean to add it", "meta.undo", {}),
    # a Montana rancher
    ("Fire up the focus timer for 30 minutes, I gotta do the books", "focus.start",
     {"minutes": 30}),
    ("Add order fly tags for the cattle, low priority, ain't no flies in November anyhow",
     "task.add", {"title": "order fly tags for the cattle", "priority": "low"}),
    ("I did my readin' last night by the stove, put it down for yesterday", "habit.log",
     {"habit": "read", "day": "yesterday"}),
    # a rapper
    ("new habit, new me: write sixteen bars, every day, track it so the world can see",
     "habit.create", {"name": "write 16 bars", "frequency": "daily"}),
    ("put a new task on the stack: buy new headphones, high priority, my old pair's wack",
     "task.add", {"title": "buy new headphones", "priority": "high"}),
    ("the rent ain't paid, that's my mistake, put pay rent back to not done for goodness sake",
     "task.reopen", {"task": "pay rent"}),
    ("new task, ya feel me, renew my gym membership, in 3 days, don't let it slip", "task.add",
     {"title": "renew my gym membership", "due": "in 3 days"}),
    ("the plants gotta go, delete that task, I ain't waterin' nothin', don't even ask",
     "task.delete", {"task": "water the plants"}),
])
def test_wordings_of_lagos_down_east_maine_a_magic_show_addis_ababa_and_montana(
        assistant: Assistant, text: str, intent: str, slots: dict[str, object]) -> None:
    _acts_as(assistant, text, intent, slots)


def test_a_wish_about_it_after_a_command_is_no_report(data_app: App,
                                                      assistant: Assistant) -> None:
    """The grammar alone had read "I gotta get it done" as the report finished."""
    assistant.intents = None
    turn = assistant.handle("start a focus timer for 45 minutes on the report, I gotta get it "
                            "done")
    assert (turn.intent, turn.slots.get("task")) == ("focus.start", "write report")
    assert [t.status.value for t in data_app.tasks.list("all") if t.title == "write report"] == [
        "todo"]


def test_a_kind_word_with_no_name_before_the_next_clause_logs_nothing(
        assistant: Assistant) -> None:
    """Whisper heard "go on, read out all me tasks" as "log a habit, read out all the
    tasks."; "habit read out all the tasks" had logged "read"."""
    turn = assistant.handle("log a habit, read out all the tasks.")
    assert turn.intent != "habit.log" and not turn.actions


def test_a_task_named_by_another_object_is_not_found(data_app: App,
                                                     assistant: Assistant) -> None:
    """Whisper heard "I rang the Mam last night, so you can tick that one off" as "I rang the
    man ..."; "rang the man" is close to "call the bank" as a string, but "man" is no
    "bank", so nothing is marked done."""
    assistant.handle("I rang the man last night so you can take that one off.")
    assert [t.status.value for t in data_app.tasks.list("all") if t.title == "call the bank"] == [
        "todo"]


def test_a_word_of_address_after_it_names_nothing(assistant: Assistant) -> None:
    turn = assistant.handle("That bank call task, remove it men, my brother will go and talk "
                            "to them")
    assert (turn.intent, turn.slots.get("task")) == ("task.delete", "call the bank")


@pytest.mark.parametrize("text, intent, slots", [
    # a question asked inside "tell me": "when is ..." is already the question
    ("Tell me, when is the call to my dear mother due?", "task.status", {"task": "call mom"}),
    # a long line that plainly asks to hear the reply again
    ("Sorry, my English is not so good, can you say that again, slower?", "meta.repeat", {}),
    # a new name after "make it" or "so it says"
    ("Change the name of task call the bank, make it call the bank about credit card",
     "task.edit", {"task": "call the bank", "title": "call the bank about credit card"}),
    ("Change the milk one so it says buy milk and oatcakes.", "task.edit",
     {"task": "buy milk", "title": "buy milk and oatcakes"}),
    ("Can you change name of plants task? New name: water the balcony plants", "task.edit",
     {"task": "water the plants", "title": "water the balcony plants"}),
    # Marathi in Pune English
    ("aai la phone kela just now, so mark the call mom one as done", "task.complete",
     {"task": "call mom"}),
    ("chal, focus mode on karuya, 20 minutes only", "focus.start", {"minutes": 20}),
    ("ho, one more task, book Shivneri bus tickets for Mumbai, low priority only, no hurry",
     "task.add", {"title": "book Shivneri bus tickets for Mumbai", "priority": "low"}),
    # the Yorkshire Dales
    ("New job on t' list: ring the vet about the lame tup. Make it high priority, he's "
     "hobbling summat rotten", "task.add",
     {"title": "ring the vet about the lame tup", "priority": "high"}),
    ("Aye, and another, mend the gap in the dry stone wall on top pasture, for next week",
     "task.add", {"title": "mend the gap in the dry stone wall on top pasture",
                  "due": "next week"}),
    ("I want a new habit setting up, check the water troughs, every morning like",
     "habit.create", {"name": "check the water troughs", "frequency": "daily"}),
    ("Delete that dentist thing altogether, I'm not bothering wi' it", "task.delete",
     {"task": "book dentist appointment"}),
    # a Hungarian learner
    ("Rent is not paid, I was wrong, bank gave back the money. Please make it again open",
     "task.reopen", {"task": "pay rent"}),
    ("My mother I called, you can mark it finish", "task.complete", {"task": "call mom"}),
    ("Report I cannot finish tomorrow. Please move it, in 3 days", "task.move",
     {"task": "write report", "due": "in 3 days"}),
    ("The milk, I buy it tomorrow, please change the date to tomorrow", "task.move",
     {"task": "buy milk", "due": "tomorrow"}),
    # Fijian in Fiji English
    ("Io, put down fix the louvres in the bure, they keep rattling when the wind comes",
     "task.add", {"title": "fix the louvres in the bure"}),
    ("Add one more sole, pay the FEA bill, high priority, otherwise they cut the power eh",
     "task.add", {"title": "pay the FEA bill", "priority": "high"}),
    ("Kerekere mada, push the dentist booking to tomorrow, today is too busy", "task.move",
     {"task": "book dentist appointment", "due": "tomorrow"}),
    ("Kerekere start a focus timer, 45 minutes, no talanoa for me now", "focus.start",
     {"minutes": 45}),
    # West Texas
    ("Slide that report over to friday, boss man won't care", "task.move",
     {"task": "write report", "due": "friday"}),
    ("Fire up a 20 minute focus session, gotta knock out that report", "focus.start",
     {"minutes": 20, "task": "write report"}),
    # a librarian
    ("I should like a new task: catalogue the donated atlases, due in 2 days.", "task.add",
     {"title": "catalogue the donated atlases", "due": "in 2 days"}),
    ("Create a habit called daily crossword, please.", "habit.create",
     {"name": "daily crossword"}),
    ("New note in the journal: finally I have understand the phrasal verbs", "journal.add", {}),
    ("Please reschedule the call to my mother to Thursday at 7 pm rather than today.",
     "task.move", {"task": "call mom", "due": "thursday at 7 pm"}),
    # an Italian learner
    ("Allora, add please: buy tomatoes for the sugo, for tomorrow", "task.add",
     {"title": "buy tomatoes for the sugo", "due": "tomorrow"}),
    ("I must to renew the permesso di soggiorno, is very important, put high priority",
     "task.add", {"title": "renew the permesso di soggiorno", "priority": "high"}),
    ("Scusa, the rent is not paid really, the bank make an error. Put it again not done",
     "task.reopen", {"task": "pay rent"}),
    ("Put the milk one for saturday, not now", "task.move",
     {"task": "buy milk", "due": "saturday"}),
    ("Start the focus for the report, I must finish it today", "focus.start",
     {"task": "write report"}),
    ("Start focus for 30 minutes, I'm gonna write the report now", "focus.start",
     {"minutes": 30, "task": "write report"}),
    ("Put down pick up new steel toes at Boot Barn in Odessa, low priority, these'll hold a "
     "while", "task.add",
     {"title": "pick up new steel toes at Boot Barn in Odessa", "priority": "low"}),
    ("Vinaka, remind me to send money to my tavale in Labasa tomorrow at 10am", "task.add",
     {"title": "send money to my tavale in Labasa"}),
    ("My friend says cold shower is healthy. Please create me habit for this, cold shower",
     "habit.create", {"name": "cold shower"}),
    ("Add a job, order mineral licks for the ewes, wants doing by saturday", "task.add",
     {"title": "order mineral licks for the ewes", "due": "by saturday"}),
    # asked about focus, after a request for the figures (it had started a timer)
    ("Give me the stats, how much focus time have I racked up this month?", "insight.focus",
     {"period": "month"}),
    # Cebuano in Cebu English
    ("naka-inom na ko ug 3 ka baso sa tubig, i-log palihug", "habit.log",
     {"habit": "drink water", "count": 3}),
    ("kapoy na ko, unsa may sunod nako buhaton?", "task.next", {}),
    ("ay wait, wala pa diay nabayran ang rent, i-unmark ang pay rent palihug", "task.reopen",
     {"task": "pay rent"}),
    ("ang report, ilisan nato ang due to friday, dili pa nako mahuman ugma", "task.move",
     {"task": "write report", "due": "friday"}),
    ("start a focus timer, 45 minutes, para sa write report kay galagot na akong boss",
     "focus.start", {"minutes": 45, "task": "write report"}),
    # a Highlands crofter, a hospice nurse, a Croatian learner
    ("The rent's no paid after all, the bank bounced it. Put pay rent back as no done.",
     "task.reopen", {"task": "pay rent"}),
    ("Could you add a task for me, love: pick up lavender oil for Mrs Patel, for tomorrow "
     "please", "task.add", {"title": "pick up lavender oil for Mrs Patel", "due": "tomorrow"}),
    ("Could you start a quiet 15 minute focus for me, just on the report?", "focus.start",
     {"minutes": 15, "task": "write report"}),
    ("Bank I called already, you can mark like finished", "task.complete",
     {"task": "call the bank"}),
    ("Today I was running by the sea, write it for habit", "habit.log",
     {"habit": "go for a run"}),
    ("Ajde, add one new task: call the plumber, is very important, high priority", "task.add",
     {"title": "call the plumber", "priority": "high"}),
    # Burmese in Yangon English, a Cajun fisherman, a Swedish learner
    ("my a-may told me buy ngapi at the market, put that on my list la", "task.add",
     {"title": "buy ngapi at the market"}),
    ("start focus 45 minutes, I must finish the report today", "focus.start",
     {"minutes": 45, "task": "write report"}),
    ("mais cher, add fix the trawl net, tore it up on a stump back in the bayou", "task.add",
     {"title": "fix the trawl net"}),
    ("add ice down the boat for thursday morning, high priority, shrimp won't keep", "task.add",
     {"title": "ice down the boat", "due": "thursday morning", "priority": "high"}),
    ("please add, eh, buy cinnamon buns for fika on friday", "task.add",
     {"title": "buy cinnamon buns for fika"}),
    ("can you delete the report task? my chef gave it to a colleague", "task.delete",
     {"task": "write report"}),
    ("I want to make a new habit, it is called cold bath, like in the lake", "habit.create",
     {"name": "cold bath"}),
    # Malayalam in Kerala English, a Wisconsin dairy farmer, a radio DJ, an Estonian learner
    ("One new task venam, renew bike insurance. No hurry, keep it low priority only",
     "task.add", {"title": "renew bike insurance", "priority": "low"}),
    ("Eda, add buy banana chips for the office people, tomorrow evening, they are asking from "
     "last week itself", "task.add",
     {"title": "buy banana chips for the office people", "due": "tomorrow evening"}),
    ("Change the milk task name to buy milk and curd, amma wants curd also", "task.edit",
     {"task": "buy milk", "title": "buy milk and curd"}),
    ("The report, push it to next tuesday, boss has gone to Sabarimala, no one is asking",
     "task.move", {"task": "write report", "due": "next tuesday"}),
    ("That dentist thing, bump it to next week, can't get off the farm till the corn's in",
     "task.move", {"task": "book dentist appointment", "due": "next week"}),
    ("Ope, gotta add one, call the vet about the limping heifer. Put it for tomorrow morning, "
     "ya know", "task.add", {"title": "call the vet about the limping heifer"}),
    ("Add a job for me, fix the barn cleaner chain, due in 2 days, before she snaps on me again",
     "task.add", {"title": "fix the barn cleaner chain", "due": "in 2 days"}),
    ("Had me four glasses of water outta the bubbler in the milkhouse already, log that",
     "habit.log", {"habit": "drink water", "count": 4}),
    ("Went for a run down the township road after milking, mark it down", "habit.log",
     {"habit": "go for a run"}),
    ("Two more glasses of water down the hatch, keepin' these pipes smooth, log 'em",
     "habit.log", {"habit": "drink water", "count": 2}),
    ("Let's retitle the bank one, make it call the bank about the mortgage", "task.edit",
     {"task": "call the bank", "title": "call the bank about the mortgage"}),
    ("Hit the focus timer, fifteen minutes, gotta cue up the next hour", "focus.start",
     {"minutes": 15}),
    # Hausa in Kano English, a Mancunian, a retired schoolteacher, a Latvian learner
    ("Don Allah add buy suya for the guests, by tomorrow evening", "task.add",
     {"title": "buy suya for the guests"}),
    ("Yauwa, put one new task, send money to my brother in Zaria, make it high priority",
     "task.add", {"title": "send money to my brother in Zaria", "priority": "high"}),
    ("Add pay the light bill to my tasks, low priority kawai, the light is not even coming "
     "these days", "task.add", {"title": "pay the light bill", "priority": "low"}),
    ("Start focus for 45 minutes, I want to finish this report once and for all",
     "focus.start", {"minutes": 45, "task": "write report"}),
    ("Wallahi that one was a mistake, undo it", "meta.undo", {}),
    ("That's six glasses of water down me, log 'em", "habit.log",
     {"habit": "drink water", "count": 6}),
    ("Please lower the priority on watering the plants. They are succulents; they are fairly "
     "forgiving", "task.edit", {"task": "water the plants", "priority": "low"}),
    ("Begin a thirty-minute focus session, please. I intend to finish the report today",
     "focus.start", {"minutes": 30, "task": "write report"}),
    ("I wish to add to my journal. Today I corrected the parish newsletter, which contained "
     "eleven misplaced apostrophes. Eleven", "journal.add", {}),
    ("Lūdzu, add new task: buy black bread for my mother, until Sunday", "task.add",
     {"title": "buy black bread for my mother"}),
    ("I need make new task, send documents to migration office, is very important, high "
     "priority", "task.add", {"title": "send documents to migration office",
                               "priority": "high"}),
    ("Please rename plants task, write water the tomatoes on balcony", "task.edit",
     {"task": "water the plants", "title": "water the tomatoes on balcony"}),
    ("Nē, nē, this was mistake, undo please", "meta.undo", {}),
    # what Whisper wrote for a Hungarian learner's "pause it" and "mark it finish"
    ("Posit, Posit, clients calling.", "focus.pause", {}),
    ("My mother I called, you can market finish.", "task.complete", {"task": "call mom"}),
])
def test_wordings_of_the_twentieth_session(assistant: Assistant, text: str, intent: str,
                                           slots: dict[str, object]) -> None:
    _acts_as(assistant, text, intent, slots)


def test_a_weekday_said_with_its_day_of_the_month_is_that_day(assistant: Assistant) -> None:
    turn = assistant.handle("add a task: pick up the kava, due monday the thirtieth")
    assert (turn.intent, turn.slots.get("due")) == ("task.add", "monday the 30th")
    assert "Monday" in turn.reply


@pytest.mark.parametrize(("text", "intent", "slots"), [
    # a habit's name after "name is"
    ("Make new habit for me, name is english words, I learn every day few words",
     "habit.create", {"name": "english words"}),
    ("I want new habit, name is practice english", "habit.create", {"name": "practice english"}),
    # a rename said with the task's "one's name", or after the task in a clause of its own
    ("Change the bank one's name to phone Standard Bank about the overdraft", "task.edit",
     {"task": "call the bank", "title": "phone Standard Bank about the overdraft"}),
    ("Milk task, change name please, make it buy milk and bread", "task.edit",
     {"task": "buy milk", "title": "buy milk and bread"}),
    # the habit named after "streak for"
    ("How is going my streak for the reading?", "habit.status", {"habit": "read"}),
    # "let's make that one ..." after a clause naming the task
    ("The plants can wait... let's make that one a low priority", "task.edit",
     {"task": "water the plants", "priority": "low"}),
    # why it is undone, said after "undo"
    ("ah no, undo that, wrong one bro", "meta.undo", {}),
    ("No, go back, undo last thing please, I was wrong", "meta.undo", {}),
    # what other people do is a remark, not part of the name
    ("Please add task, I must buy ćevapi for saturday, my cousins coming from Tuzla", "task.add",
     {"title": "buy ćevapi", "due": "saturday"}),
    ("Add task renew my motorbike license, high priority, police stop me already two time this "
     "month", "task.add", {"title": "renew my motorbike license", "priority": "high"}),
    ("Delete the plants task, my neighbour water them for me now, ot mean panha", "task.delete",
     {"task": "water the plants"}),
    ("Remove the report task please, my colleague Amir he do it now", "task.delete",
     {"task": "write report"}),
    # an Afrikaans "ag" before a wish; "add summat for me: ..."
    ("Ag, I must phone the shearing contractor, stick that on the list for tomorrow morning",
     "task.add", {"title": "phone the shearing contractor", "due": "tomorrow morning"}),
    ("Add summat for me, love: ring our kid about christmas.", "task.add",
     {"title": "ring our kid about christmas"}),
    # a wish for quiet after a command leaves the command standing ...
    ("Ok bong, start the focus timer, I study now, quiet please", "focus.start", {}),
    ("add a task to buy eggs, quiet please", "task.add", {"title": "buy eggs"}),
    # ... a retraction takes it back
    ("add a task to buy eggs, never mind", "meta.cancel", {}),
    ("log my run, never mind", "meta.cancel", {}),
    ("Ah, scratch that, forget I said anything", "meta.cancel", {}),
    # an errand named by what it is for
    ("slide the milk run to tonight", "task.move", {"task": "buy milk", "due": "tonight"}),
    # a list by a tag said after "I have for"
    ("show me all the tasks I have for work", "task.list", {"view": "tag", "tag": "work"}),
    # a rename after "put"
    ("Change the name of call the bank, put call the bank about the mortgage", "task.edit",
     {"task": "call the bank", "title": "call the bank about the mortgage"}),
    # a task asked for before its title: "new one:", "New job." before a verb, a priority
    ("new one: get the Buick inspected by next friday, sticker's about expired", "task.add",
     {"title": "get the Buick inspected", "due": "by next friday"}),
    ("New job. Order sheep nuts.", "task.add", {"title": "order sheep nuts"}),
    ("put this high priority bhai — submit the property tax form to BMC, due friday", "task.add",
     {"title": "submit the property tax form to BMC", "due": "friday", "priority": "high"}),
    ("Add a task, eh... call the plumber, the shower is leaking everywhere", "task.add",
     {"title": "call the plumber"}),
    # a word of cheer after a command; a report, then what it took
    ("The report, I finish it! Mark it as done please, visca!", "task.complete",
     {"task": "write report"}),
    ("okay the bank call's done, finally got through on my lunch break", "task.complete",
     {"task": "call the bank"}),
    # Lao, Tigrinya and Odia words of greeting, please and yes
    ("sabaidee, please add task buy sticky rice, tomorrow", "task.add",
     {"title": "buy sticky rice", "due": "tomorrow"}),
    ("bejaka, put on my list send money to my brother in Asmara, make it high priority, he is "
     "waiting", "task.add", {"title": "send money to my brother in Asmara", "priority": "high"}),
    ("new task — recharge mausi's jio number, hau, it expired again", "task.add",
     {"title": "recharge mausi's jio number"}),
    # the session's task, in a middle clause
    ("start focus for 45 minutes, I need to finish the report, the boss is on my case",
     "focus.start", {"minutes": 45, "task": "write report"}),
])
def test_wordings_of_the_twenty_first_session(assistant: Assistant, text: str, intent: str,
                                              slots: dict[str, object]) -> None:
    _acts_as(assistant, text, intent, slots)


def test_a_command_taken_back_in_the_same_breath_changes_nothing(
        data_app: App, assistant: Assistant) -> None:
    """"add a task to buy eggs, never mind" had added "buy eggs never mind"."""
    before = sorted(t.title for t in data_app.tasks.list("all"))
    assistant.handle("add a task to buy eggs, never mind")
    assert sorted(t.title for t in data_app.tasks.list("all")) == before


@pytest.mark.parametrize(("said", "intent", "task"), [
    # "scared" is no deed done ("-ed" like "called"): the dentist is asked to be deleted
    ("get rid of the dentist one, I ain't going, scared stiff of 'em", "task.delete",
     "book dentist appointment"),
    # "report" said as a verb: "that task" is the bank, whose verb is said
    ("I'm pleased to report the bank has been called; please mark that task as done.",
     "task.complete", "call the bank"),
    # (as Whisper heard it from the Piper voice)
    ("I'm pleased to report the bank has been called, please mark that task is done.",
     "task.complete", "call the bank"),
])
def test_held_out_wrong_changes_of_the_twenty_first_session(
        data_app: App, assistant: Assistant, said: str, intent: str, task: str) -> None:
    """Both had marked a task done that was not the one meant (the dentist; "write report")."""
    turn = assistant.handle(said)
    assert (turn.intent, turn.slots.get("task")) == (intent, task)
    done = {t.title for t in data_app.tasks.list("all") if t.status.value == "done"}
    assert done <= {"pay rent", task}


def test_a_date_slot_ends_before_a_word_that_leads_on(data_app: App) -> None:
    """"to next monday, the bank ..." was read "next monday the"; "tomorrow evening, today
    I am busy" as "tomorrow evening today"."""
    from nargis_desktop.brain.grammar.fallback import find_date
    from nargis_desktop.brain.normalize import normalize

    said = ("Move the bank thing to next monday, the bank close on friday for holiday",
            "Call to mother, please change to tomorrow evening, today I am very busy")
    assert [find_date(normalize(s), data_app.clock) for s in said] == [
        "next monday", "tomorrow evening"]


@pytest.mark.parametrize(("said", "answer", "title", "day"), [
    ("add a task: pick up the kava, due friday the 30th", "monday", "pick up the kava", 30),
    ("remind me to pick up the kava on friday the 30th at 5pm", "the second one",
     "pick up the kava", 27),
    ("move the bank thing to friday the 30th", "the 27th", "call the bank", 27),
])
def test_a_weekday_that_is_not_the_day_of_the_month_is_asked_about(
        data_app: App, assistant: Assistant, said: str, answer: str, title: str,
        day: int) -> None:
    """The 30th is a Monday: the date fallback had read "the 30th" alone and left "due
    friday" in the title. Now it asks which day, changes nothing, and the answer acts."""
    before = [(t.title, t.due) for t in data_app.tasks.list("all")]
    turn = assistant.handle(said)
    assert turn.reply.startswith("The 30th is a Monday, not a Friday. Did you mean Monday")
    assert [(t.title, t.due) for t in data_app.tasks.list("all")] == before
    turn = assistant.handle(answer)
    assert turn.actions and turn.actions[0].ok
    due = [t.due for t in data_app.tasks.list("all") if t.title == title and t.due][-1]
    assert due is not None and due.astimezone(data_app.clock.tz).day == day


def test_a_marathi_question_whether_a_task_is_done_changes_nothing(
        data_app: App, assistant: Assistant) -> None:
    """"zhala" is "done", but "kay zhala" asks what happened: the grammar alone had marked
    the dentist done."""
    assistant.intents = None
    turn = assistant.handle("dentist appointment cha kay zhala, is it done or still pending?")
    assert turn.intent == "task.status"
    assert [t.status.value for t in data_app.tasks.list("all")
            if t.title == "book dentist appointment"] == ["todo"]


def test_it_after_a_habit_told_is_that_habit(data_app: App, assistant: Assistant) -> None:
    """The grammar alone had read "it" as the "book" of "book dentist appointment"."""
    assistant.intents = None
    turn = assistant.handle("today I read my book, mark it please")
    assert (turn.intent, turn.slots.get("habit")) == ("habit.log", "read")
    assert [t.status.value for t in data_app.tasks.list("all")
            if t.title == "book dentist appointment"] == ["todo"]


def test_a_comma_inside_a_task_name_cuts_no_clause(data_app: App,
                                                   assistant: Assistant) -> None:
    """Whisper heard "bump water the plants down to low priority, it's not a go cue" with a
    comma after "water"; "bump water" had logged a glass of water."""
    turn = assistant.handle("Bump water, the plants down to low priority. It's not a go-cute.")
    assert (turn.intent, turn.slots.get("task"), turn.slots.get("priority")) == (
        "task.edit", "water the plants", "low")
    assert not data_app.habits.history("drink water", days=1).get(data_app.clock.today())


@pytest.mark.parametrize("text", ["Once the report is done, we add all over the place.",
                                  "when the report is done, we celebrate"])
def test_a_report_said_as_a_condition_marks_nothing(data_app: App, assistant: Assistant,
                                                    text: str) -> None:
    """espeak-ng's "When's the report due again?" was heard as the first line; the grammar
    alone had marked the report done."""
    assistant.intents = None
    assistant.handle(text)
    assert [t.status.value for t in data_app.tasks.list("all")
            if t.title == "write report"] == ["todo"]


def test_a_bare_eh_in_a_long_line_is_no_repeat(assistant: Assistant) -> None:
    turn = assistant.handle("Eh! The landlord is saying the rent went up again this month")
    assert turn.intent != "meta.repeat"

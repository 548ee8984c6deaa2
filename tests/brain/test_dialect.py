"""Dialect spellings and code-switched words made plain before the grammar reads them."""

from __future__ import annotations

import json
import re

import pytest
from evalkit import EVAL_DIR

from nargis_desktop.brain import dialect
from nargis_desktop.brain.dialect import drop_sign_off, plain_spellings
from nargis_desktop.brain.normalize import normalize


@pytest.mark.parametrize("said, plain", [
    ("i did me readin' yesterday", "i did my reading yesterday"),
    ("a good sup o' water", "a good sup of water"),
    ("round t' park an' back", "round the park and back"),
    ("the plants 'ave 'ad enough, cross 'em off", "the plants have had enough, cross them off"),
    ("mark dat t'ing done", "mark that thing done"),
    ("put it on me list", "put it on my list"),
    ("i done drank three glasses", "i drank three glasses"),
    ("log kar do", "log"),
    ("buy milk wala task complete kar do", "buy milk task complete"),
    ("shift karo na", "shift"),
    # Newfoundland and Irish: "fer", "ye", "t'ree", "b'y", the "after" perfect
    ("a new habit fer me", "a new habit for me"),
    ("ye can tick that one off b'y", "you can tick that one off"),
    ("had t'ree glasses", "had three glasses"),
    ("i'm after callin' mom", "i've just finished calling mom"),
    # Hawaiian Pidgin: "da", "fo'", "pau", "wen", "um", "bumbye", "brah"
    ("brah put on da list fo' real", "put on the list for real"),
    ("wot i get fo' do dis week", "what i get to do this week"),
    ("i wen water da plants, dat one pau", "i watered the plants, that one done"),
    ("dey wen fix um, check um off", "they fixed it, check it off"),
    ("no rush, bumbye kine", "no rush, later"),
    ("i wen do my reading o' not", "i did my reading or not"),
    # the emphatic past said plainly
    ("i did drink two glasses", "i drank two glasses"),
    ("i did not drink water", "i did not drink water"),
    ("nah, nevamind, wot you tink", "nah, never mind, what you think"),
    ("a habit fuh sea bath, doan let me forget nuh", "a habit for sea bath, don't let me forget"),
    ("add new habit lah: skipping rope", "add new habit: skipping rope"),
    # Scouse "la" (not the city)
    ("that's done la", "that's done"),
    ("fly to la on friday", "fly to la on friday"),
    # Caribbean "de", not a name's; Manglish "can" after a day
    ("start back de timer", "start back the timer"),
    ("call maria de la cruz", "call maria de la cruz"),
    ("renew road tax, next monday can", "renew road tax, next monday"),
    ("as soon as i can", "as soon as i can"),
    # West Country, Ulster, Nepali and Indian English
    ("remind i to ring the plumber", "remind me to ring the plumber"),
    ("mark 'un off will 'ee", "mark it off will you"),
    ("i am needing to send money", "i need to send money"),
    ("we're wanting to book a table", "we want to book a table"),
    ("pay the bill by tomorrow itself", "pay the bill by tomorrow"),
    ("shove it to the morra", "shove it to tomorrow"),
    ("had three glasses so i have", "had three glasses"),
    # Scots: "ah" is "I" beside a verb (and an interjection alone), "ma", "dae", "hiv",
    # "cannae mind", "the day", "whit", "wi", "aff", "peyed"
    ("did ah dae ma meditatin' the day", "did i do my meditating today"),
    ("hiv ah had ma eight glasses o watter", "have i had my eight glasses of water"),
    ("ah cannae mind if ah phoned ma maw or no, did ah", "i can't remember if i phoned my mom "
     "or not"),
    ("whit's the story wi the bank call", "what's the story with the bank call"),
    ("the dentist's booked fur next tuesday, score it aff", "the dentist's booked for next "
     "tuesday, cross it off"),
    ("gonnae show us whit ah've goat the day", "will you show me what i've got today"),
    ("ah, ok then", "ah, ok then"),
    # Taglish: "paki-", "po", "lang", "ko", "yung", "ng", "ano", "nabili"
    ("pakiset the report to high priority po", "set the report to high priority"),
    ("nabili ko na yung milk, pakicheck off po", "bought the milk, check off"),
    ("ano na status ng report", "what's the status of report"),
    ("ano tasks ko for tomorrow", "what tasks for tomorrow"),
    ("low priority na lang", "low priority"),
    ("the day after tomorrow", "the day after tomorrow"),
])
def test_spellings_made_plain(said: str, plain: str) -> None:
    assert plain_spellings(said) == plain


@pytest.mark.parametrize("said", [
    "remind me to call mum",  # an object "me" stays
    "set it for 5 o'clock",  # "o'clock" is no "of"
    "do me a favour",
    "i'm done with the report",  # "done" before no past tense
    "nothing in the diary",
    "feed the goat",  # a goat, not "got"
    "buy a fur hat",
])
def test_english_spellings_stay(said: str) -> None:
    assert plain_spellings(said) == said


@pytest.mark.parametrize("said, kept", [
    ("I done drank three glasses of water, me", "I done drank three glasses of water"),
    ("Put pick up boudin on the list, yeah", "Put pick up boudin on the list"),
    ("Ay podnah, new task: get the pirogue patched, hear?",
     "Ay podnah, new task: get the pirogue patched"),
    ("Start me a new habit, cher: walking the levee", "Start me a new habit: walking the levee"),
    ("Add a task for me", "Add a task for me"),  # no comma: a word of the request
    ("Remind me", "Remind me"),
    ("Bump the bank call to next monday, b'y", "Bump the bank call to next monday"),
    ("Set up a new habit called knitting, me ducky", "Set up a new habit called knitting"),
    ("Stick this on the list now me son: haul up the skiff",
     "Stick this on the list now: haul up the skiff"),
    ("need a new one on there lad, get tickets", "need a new one on there, get tickets"),
    ("Put pay rent back on, my love", "Put pay rent back on"),
    ("Talk to my son", "Talk to my son"),  # no comma, no colon: a word of the request
    ("Fix the bike of my son, this weekend", "Fix the bike of my son, this weekend"),
    ("Pick up the lad, at 5", "Pick up the lad, at 5"),
])
def test_a_word_said_after_a_comma_only_colours(said: str, kept: str) -> None:
    assert drop_sign_off(said) == kept


def test_normalize_reads_them() -> None:
    assert normalize("Did I do my readin' today, me?") == "did i do my reading today"
    assert normalize("Mais cher, add fix the screen door") == "add fix the screen door"



def test_every_taglish_rule_names_a_word_of_the_gate() -> None:
    """A rule whose words the gate lacks would never run: the gate is written by hand."""
    for pattern, _ in dialect._TAGLISH:
        source = re.sub(r"\\[a-zA-Z]|\(\?(?:<?[=!]|:)|\{[^}]*\}|\[[^\]]*\]|[()|?*+^$]", " ",
                        pattern.pattern)
        words = re.findall(r"[a-z]{2,}", source)
        assert any(dialect._TAGLISH_WORDS.fullmatch(w) for w in words), pattern.pattern


def test_the_taglish_gate_spares_no_eval_line_a_taglish_rule_reads() -> None:
    """Over every eval line: where no gate word is, no Taglish rule would change a thing."""
    missed = []
    for path in sorted(EVAL_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = dialect._rewrite(json.loads(line)["text"].lower().replace("-", " "),
                                    dialect._SPELLINGS)
            if not dialect._TAGLISH_WORDS.search(text) and dialect._rewrite(
                    text, dialect._TAGLISH) != text:
                missed.append(text)
    assert not missed


@pytest.mark.parametrize("said, plain", [
    ("nimemaliza tasks ngapi this week?", "how many tasks did i finish this week?"),
    ("futa the dentist thing, sitaenda tena", "delete the dentist thing, i won't go again"),
    ("call leo tomorrow", "call leo tomorrow"),  # a name, with no Swahili word beside it
    ("hijo meditate gareko thiye", "yesterday meditate did"),
    ("'tis done! the bank hath been called", "it is done! the bank has been called"),
    ("bank er call ta, move it to monday", "the bank call, move it to monday"),
])
def test_words_of_other_languages_read_in_english(said: str, plain: str) -> None:
    assert plain_spellings(said) == plain


@pytest.mark.parametrize("said", ["add call aki tomorrow", "call my hijo", "call naya at 5",
                                  "call leo tomorrow"])
def test_a_name_or_a_word_of_english_or_spanish_is_read_as_itself(said: str) -> None:
    """Words the glossaries also hold ("Aki", Spanish "hijo") only change beside a word that
    is surely that language."""
    assert plain_spellings(said) == said


@pytest.mark.parametrize("verb, past", [
    ("run", "ran"), ("meditate", "meditated"), ("tidy", "tidied"), ("play", "played"),
    ("jog", "jogged"), ("submit", "submitted"), ("visit", "visited"), ("stretch", "stretched"),
    ("quit", "quit"), ("water", "watered")])
def test_past_tense(verb: str, past: str) -> None:
    assert dialect.past_tense(verb) == past


def test_a_learners_did_and_a_verb_is_the_past() -> None:
    """"I did submit the form" and "we did jog" are told of, with the past spelled right."""
    assert "submitted the form" in plain_spellings("i did submit the form")
    assert "we jogged" in plain_spellings("we did jog this morning")

"""Short spoken commands matched by sound, for what Whisper base mishears most.

A lone "undo" comes out as "and you. and you.", "help" as "health health health",
"what's due this week" as "Let's do this week." These are no command as written, but
they sound almost like one: compared as phonemes (espeak-ng's, through
``voice.phonemes``), their edit distance to the command said is small, while longer
or different speech is far from every short command.

Only for speech (typed text is what the person meant) that Whisper doubted or looped
on, only for readings of a few words, and only from the fixed commands below, none of
which deletes anything. What a guess may do is split by what a wrong guess would cost:
looking something up or stopping the talking happens at once; anything that changes
data or the timer is asked first ("Did you mean “undo”?").

Commands on a task are matched the same way around the task's name: in "The league
by milk." the name "buy milk" is heard (by sound, "by milk"), and what surrounds it
sounds like "delete". The name anchors the guess, so any voice reading that is no
command may be tried, doubted or not; each such guess is asked about first (a delete
asks for its confirmation as it always does).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

import numpy as np
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cdist

from nargis_desktop.brain.grammar import Parse, Vocabulary
from nargis_desktop.brain.normalize import said_once

#: Phonemes for each text, or None when they cannot be had (``voice.phonemes``).
Phonemizer = Callable[[Sequence[str]], list[str] | None]

#: Commands of one to five words with no names in them, by intent.
SHORT_COMMANDS: dict[str, tuple[str, ...]] = {
    "meta.undo": ("undo", "undo that", "scratch that", "take that back", "undo the last one"),
    "meta.cancel": ("cancel", "stop", "stop talking", "be quiet", "shut up", "never mind",
                    "forget it", "that's all", "quiet"),
    "meta.repeat": ("repeat", "repeat that", "say that again", "come again",
                    "what did you say", "pardon"),
    "meta.help": ("help", "help me", "what can I say", "what can you do",
                  "what are my options"),
    "focus.start": ("start focus", "start a pomodoro", "start a focus session"),
    "focus.pause": ("pause", "pause the timer", "pause focus", "pause the pomodoro"),
    "focus.resume": ("resume", "resume the timer", "resume focus", "resume the pomodoro"),
    "focus.stop": ("stop the timer", "stop focus", "end the session", "stop the pomodoro",
                   "end focus"),
    "focus.status": ("time left", "how long is left", "how much longer",
                     "how much time is left", "how's the timer going"),
    "insight.focus": ("focus stats", "how was my focus today"),
    "insight.tasks_done": ("how many tasks did I finish",),
    "task.next": ("what's next", "next task", "what should I do next", "what's up next"),
    "task.list": ("list my tasks", "show my tasks", "what's due today", "what's overdue",
                  "what's due this week", "read my to do list", "what's on my list",
                  "show my to do list"),
    "habit.status": ("habit status", "how are my habits", "show my habits",
                     "which habits are left"),
    "llm.briefing": ("brief me", "good morning", "morning briefing", "plan my day"),
    "llm.review": ("review my day", "evening review"),
    "journal.read": ("read my journal", "read my last entry"),
}

#: Intents a guess carries out at once: a wrong one only says something (a delete
#: only asks for its confirmation).
ACT_ON_GUESS = frozenset({"meta.cancel", "meta.repeat", "meta.help", "focus.status",
                          "insight.focus", "insight.tasks_done", "task.next", "task.list",
                          "task.status", "habit.status", "llm.briefing", "llm.review",
                          "task.delete"})
#: How far a guess may sound from its command (:func:`_sounds_apart`, 0 same, 1 nothing
#: alike): "and you" / "undo" is 0.3, "a new" / "undo" 0.375; a chat question of a few
#: words is rarely under 0.5.
MAX_DISTANCE = 0.4
#: A runner-up with another intent this close makes the guess a coin toss: none.
MIN_MARGIN = 0.05
#: Readings longer than this are no short command misheard.
MAX_WORDS = 5

#: Commands on one task, as (intent, words before its name, words after); None after
#: the name stands for a date, kept as heard ("… to Friday").
NAMED_COMMANDS: tuple[tuple[str, str, str | None], ...] = (
    ("task.complete", "mark", "done"), ("task.complete", "mark", "as done"),
    ("task.complete", "mark", "as finished"), ("task.complete", "mark", "as complete"),
    ("task.complete", "tick off", ""), ("task.complete", "check off", ""),
    ("task.complete", "cross off", ""), ("task.complete", "finish", ""),
    ("task.complete", "complete", ""),
    ("task.reopen", "unmark", ""), ("task.reopen", "reopen", ""),
    ("task.reopen", "mark", "as undone"), ("task.reopen", "mark", "as not done"),
    ("task.reopen", "put", "back on my list"),
    ("task.delete", "delete", ""), ("task.delete", "remove", ""),
    ("task.delete", "delete the task", ""), ("task.delete", "trash", ""),
    ("task.delete", "drop", ""),
    ("task.move", "move", None), ("task.move", "postpone", None),
    ("task.move", "push back", None), ("task.move", "reschedule", None),
    ("task.move", "delay", None), ("task.move", "bump", None), ("task.move", "push", None),
    ("task.move", "can you push", None), ("task.move", "can you move", None),
)
_COMMAND_WORDS = sorted({w for _, before, after in NAMED_COMMANDS
                         for w in f"{before} {after or 'to'}".split()})
#: Which of the user's tasks each intent may name: only a done task is reopened.
_NAMES_FOR = {"task.complete": ("open",), "task.move": ("open",), "task.reopen": ("done",),
              "task.delete": ("open", "done")}
#: Words that lead a date and that Whisper mishears ("… of Friday", "… and told tomorrow").
_DATE_LEADS = frozenset(("to", "until", "till", "for", "on", "of", "and", "by"))
_MISHEARD_LEADS = frozenset(("of", "and"))
#: How far a run of heard words may sound from a task's name (:func:`_sounds_apart`).
NAME_DISTANCE = 0.45
#: The closest names tried, and the most words a heard name may run to.
NAMES_TRIED = 3
MAX_NAME_WORDS = 6
#: Edits to the whole reading, per phoneme of the command's own words (see
#: :func:`_edits_per_sound`); the misheard task commands of the eval scored 0–0.40.
NAMED_MAX_DISTANCE = 0.45
#: Another command (or another task) this close makes the guess a coin toss.
NAMED_MIN_MARGIN = 0.1
MAX_HEAD_WORDS = 3
MAX_NAMED_WORDS = 12

#: Sounds Whisper swaps for each other ("the league" / "delete", "now" / "move"),
#: each as one letter; vowels are one class, and a run of them counts once. (The
#: grammar's ``slots.sound_key`` does the like from spelling: it runs without espeak-ng.)
_CLASSES = {c: cls for cls, chars in {
    "P": "pb", "T": "tdɾθðʔ", "K": "kɡgq", "F": "fv", "S": "szʃʒ", "N": "mnŋ", "L": "lɹrɫ",
    "W": "w", "J": "j", "H": "h"}.items() for c in chars}
_VOWELS = frozenset("aeiouæɑɒɐəɚɛɜɝɪɨʊʌɔᵻyøœɯɤ")


@lru_cache(maxsize=8192)
def _coarse(sounds: str) -> str:
    out: list[str] = []
    for c in sounds:
        if c in _CLASSES:
            out.append(_CLASSES[c])
        elif c in _VOWELS and (not out or out[-1] != "V"):
            out.append("V")
    return "".join(out)


def _sounds_apart(heard: str, command: str) -> float:
    """0 (same) to 1, the mean of the normalized edit distances over exact phonemes and
    over sound classes: "a new" is near "undo", "call month" near "call mom"."""
    return (Levenshtein.normalized_distance(heard, command)
            + Levenshtein.normalized_distance(_coarse(heard), _coarse(command))) / 2


def _edits_per_sound(heard: str, command: str, own: str) -> float:
    """Edits from the reading to the command, per phoneme of the command's own words
    (``own``: the task's name is most of both strings and would hide a wrong verb),
    averaged over exact phonemes and sound classes."""
    exact = Levenshtein.distance(heard, command) / max(len(own), 1)
    classes = Levenshtein.distance(_coarse(heard), _coarse(command)) / max(len(_coarse(own)), 1)
    return (exact + classes) / 2


@dataclass(frozen=True)
class Guess:
    phrase: str
    intent: str
    distance: float
    #: the intents carried out at once; the others are asked first
    acting: frozenset[str] = ACT_ON_GUESS

    @property
    def acts(self) -> bool:
        """Carried out at once; otherwise asked first."""
        return self.intent in self.acting


class SoundsLike:
    """The short command a misheard reading sounds like, if one clearly does."""

    def __init__(self, phonemes: Phonemizer) -> None:
        self._phonemes = phonemes
        self._known: dict[str, str] = {}

    @cached_property
    def _commands(self) -> list[tuple[str, str, str]] | None:
        pairs = [(intent, p) for intent, ps in SHORT_COMMANDS.items() for p in ps]
        sounds = self._phonemes([p for _, p in pairs])
        if sounds is None:
            return None
        return [(intent, p, s) for (intent, p), s in zip(pairs, sounds, strict=True) if s]

    def guess(self, reading: str) -> Guess | None:
        words = said_once(reading)
        if not words or len(words.split()) > MAX_WORDS:
            return None
        commands = self._commands
        heard = self._phonemes([words]) if commands else None
        if not commands or not heard or not heard[0]:
            return None
        ranked = sorted((_sounds_apart(heard[0], sound), intent, phrase)
                        for intent, phrase, sound in commands)
        distance, intent, phrase = ranked[0]
        if distance > MAX_DISTANCE:
            return None
        rival = next((d for d, i, _ in ranked[1:] if i != intent), 1.0)
        if rival - distance < MIN_MARGIN:
            return None
        return Guess(phrase, intent, round(distance, 3))

    def guess_named(self, reading: str, vocab: Vocabulary,
                    parse: Callable[[str], Parse | None]) -> Guess | None:
        """The task command a misheard reading sounds like: one of the user's tasks is
        heard in it, and the words around it sound like a command's ("The league by
        milk." → "delete buy milk"). ``parse`` checks that a date heard after the name
        is one ("… to Friday")."""
        words = said_once(reading).split()
        names = {"open": list(vocab.open_tasks), "done": list(vocab.done_tasks)}
        if not words or len(words) > MAX_NAMED_WORDS or not (names["open"] or names["done"]):
            return None
        # one espeak-ng batch for all words not yet known: each batch sets the voice
        known = self._sounds([*words, *_COMMAND_WORDS, *names["open"], *names["done"]])
        if known is None:
            return None
        heard = known[:len(words)]
        whole = "".join(heard)
        moves = cache(lambda said: (found := parse(said)) is not None
                      and found.intent == "task.move")
        ranked: list[tuple[float, str, str, str]] = []
        for state, titles in names.items():
            for title, start, end in self._heard_names(words, heard, titles):
                named = "".join(heard[:start]) + self._known[title] + "".join(heard[end:])
                for intent, before, after in NAMED_COMMANDS:
                    said = self._said(before, after, words[end:], title, moves) \
                        if state in _NAMES_FOR[intent] else None
                    if said is None:
                        continue
                    head, tail, own = said
                    sounds = self._sounds([*head, *tail, *own])
                    if sounds is None:  # espeak-ng failed: no guess on half the sounds
                        return None
                    command = "".join(sounds[:len(head)]) + self._known[title] + "".join(
                        sounds[len(head):len(head) + len(tail)])
                    mine = "".join(sounds[len(head) + len(tail):])
                    distance = min(_edits_per_sound(whole, command, mine),
                                   _edits_per_sound(named, command, mine))
                    ranked.append((distance, intent, title, " ".join([*head, title, *tail])))
        if not ranked:
            return None
        ranked.sort()
        distance, intent, title, phrase = ranked[0]
        if distance > NAMED_MAX_DISTANCE:
            return None
        rival = next((d for d, i, t, _ in ranked[1:] if i != intent or t != title), 9.0)
        if rival - distance < NAMED_MIN_MARGIN:
            return None
        return Guess(phrase, intent, round(distance, 3))

    def _heard_names(self, words: list[str], heard: list[str],
                     titles: Sequence[str]) -> list[tuple[str, int, int]]:
        """The tasks whose names sound most like a run of the words (one that starts
        within the first few words), closest first: the title, and where its run starts
        and ends. A few at most: the rest only slow the guess down."""
        sounds = self._sounds(titles)
        if not sounds or not titles:
            return []
        runs = [(i, j) for i in range(min(len(words), MAX_HEAD_WORDS + 1))
                for j in range(i + 1, min(len(words), i + MAX_NAME_WORDS) + 1)]
        said = ["".join(heard[i:j]) for i, j in runs]
        # _sounds_apart for every run and every name at once
        apart = (cdist(said, sounds, scorer=Levenshtein.normalized_distance, dtype=np.float32)
                 + cdist([_coarse(x) for x in said], [_coarse(x) for x in sounds],
                         scorer=Levenshtein.normalized_distance, dtype=np.float32)) / 2
        best = apart.argmin(axis=0)
        close = [(float(apart[best[k], k]), k) for k in range(len(titles))
                 if sounds[k] and apart[best[k], k] <= NAME_DISTANCE]
        return [(titles[k], *runs[best[k]]) for _, k in sorted(close)[:NAMES_TRIED]]

    @staticmethod
    def _said(before: str, after: str | None, heard: list[str], title: str,
              moves: Callable[[str], bool]) -> tuple[list[str], list[str], list[str]] | None:
        """A command's words before and after the task's name, and those of them that
        are the command's own (not a date heard); None when a date is wanted and none
        was heard (``moves``: is "move <task> <date>" a move?). A date keeps the word
        heard before it when that is one ("until"), else takes "to" ("of Friday")."""
        head = before.split()
        if after is not None:
            return head, after.split(), [*head, *after.split()]
        if heard and heard[0] in _DATE_LEADS and len(heard) > 1:
            lead, date = (heard[0] if heard[0] not in _MISHEARD_LEADS else "to"), heard[1:]
        elif heard:
            lead, date = "to", heard
        else:
            return None
        if not moves(" ".join(["move", title, lead, *date])):
            return None
        return head, [lead, *date], [*head, lead]

    def _sounds(self, texts: Sequence[str]) -> list[str] | None:
        """Phonemes of each text, remembered: task names and command words recur."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._known))
        if missing:
            got = self._phonemes(missing)
            if got is None:
                return None
            if len(self._known) > 5000:
                self._known.clear()
            self._known.update(zip(missing, got, strict=True))
        return [self._known.get(t, "") for t in texts]

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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz.distance import Levenshtein

from nargis_desktop.brain.normalize import basic, collapse_repeats, dedupe

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

#: Intents a guess carries out at once: a wrong one only says something.
ACT_ON_GUESS = frozenset({"meta.cancel", "meta.repeat", "meta.help", "focus.status",
                          "insight.focus", "insight.tasks_done", "task.next", "task.list",
                          "habit.status", "llm.briefing", "llm.review"})
#: Phoneme edit distance (0 same, 1 nothing alike) a guess may be from its command;
#: "and you" / "undo" is 0.4, a chat question of a few words is rarely under 0.5.
MAX_DISTANCE = 0.4
#: A runner-up with another intent this close makes the guess a coin toss: none.
MIN_MARGIN = 0.05
#: Readings longer than this are no short command misheard.
MAX_WORDS = 5


@dataclass(frozen=True)
class Guess:
    phrase: str
    intent: str
    distance: float

    @property
    def acts(self) -> bool:
        """Carried out at once; otherwise asked first."""
        return self.intent in ACT_ON_GUESS


def said_once(text: str) -> str:
    """The words of a reading with Whisper's loops said once ("and you. and you." →
    "and you"), as the grammar collapses them; nothing else of its normalising, whose
    dropped fillers ("so", "let's") made commands of chat here."""
    return collapse_repeats(basic(dedupe(text)))


def loops(text: str) -> bool:
    """Whisper said the same words over ("time worth. time worth."): it failed to hear
    them, however sure it was of each token."""
    return len(said_once(text).split()) < len(basic(text).split())


class SoundsLike:
    """The short command a misheard reading sounds like, if one clearly does."""

    def __init__(self, phonemes: Phonemizer) -> None:
        self._phonemes = phonemes

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
        ranked = sorted((Levenshtein.normalized_distance(heard[0], sound), intent, phrase)
                        for intent, phrase, sound in commands)
        distance, intent, phrase = ranked[0]
        if distance > MAX_DISTANCE:
            return None
        rival = next((d for d, i, _ in ranked[1:] if i != intent), 1.0)
        if rival - distance < MIN_MARGIN:
            return None
        return Guess(phrase, intent, round(distance, 3))

"""What the command grammar produces: intents, parses, rules, and the words every part shares."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from nargis_desktop.brain.slots import _score
from nargis_desktop.clock import Clock

#: intent -> tool it runs (meta and llm intents have none).
INTENT_TOOL: dict[str, str] = {
    "task.add": "add_task", "task.complete": "complete_task", "task.reopen": "reopen_task",
    "task.delete": "delete_task", "task.move": "move_task", "task.edit": "edit_task",
    "task.list": "list_tasks", "task.next": "next_task", "task.status": "task_status",
    "habit.create": "create_habit", "habit.log": "log_habit", "habit.status": "habit_status",
    "focus.start": "start_focus", "focus.pause": "pause_focus", "focus.resume": "resume_focus",
    "focus.stop": "stop_focus", "focus.status": "focus_status",
    "journal.add": "add_journal", "journal.read": "read_journal",
    "insight.tasks_done": "tasks_done", "insight.focus": "focus_summary",
}


META_INTENTS = ("meta.undo", "meta.cancel", "meta.repeat", "meta.help", "meta.confirm",
                "meta.deny", "meta.choice")


LLM_INTENTS = ("llm.briefing", "llm.review", "llm.reflect")


#: Example wording per intent: the help reply, and what a non-tool model suggests.
EXAMPLES: dict[str, str] = {
    "task.add": "add a task to call mom tomorrow at 5 pm",
    "task.complete": "mark call mom as done",
    "task.reopen": "reopen call mom",
    "task.delete": "delete the task call mom",
    "task.move": "move call mom to friday",
    "task.edit": "make call mom high priority",
    "task.list": "what's on my list today",
    "task.next": "what's next",
    "task.status": "when is call mom due",
    "habit.create": "create a habit drink water 8 times a day",
    "habit.log": "log drink water",
    "habit.status": "what's my meditate streak",
    "focus.start": "start a 25 minute focus session",
    "focus.pause": "pause the timer",
    "focus.stop": "stop the focus session",
    "focus.status": "how long is left",
    "journal.add": "journal: today was a good day",
    "journal.read": "read my last journal entry",
    "insight.tasks_done": "how many tasks did I finish this week",
    "insight.focus": "how was my focus today",
    "meta.undo": "undo that",
}


@dataclass
class Vocabulary:
    """Names the grammar may need to choose between a task and a habit."""

    open_tasks: Sequence[str] = ()
    done_tasks: Sequence[str] = ()
    habits: Sequence[str] = ()

    @property
    def tasks(self) -> list[str]:
        """Open and finished tasks: what a task's name may be matched against."""
        return [*self.open_tasks, *self.done_tasks]

    @property
    def names(self) -> list[str]:
        """Every task and habit: what a clause may name of the user's."""
        return [*self.open_tasks, *self.done_tasks, *self.habits]


@dataclass
class Parse:
    intent: str
    slots: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    #: Built by a rule that accepts any first word ("<misheard log> drink water"), or read
    #: from two clauses: fine for what Whisper heard first, too loose to pick one of its
    #: other readings.
    loose: bool = False

    @property
    def tool(self) -> str | None:
        return INTENT_TOOL.get(self.intent)

    def args(self) -> dict[str, Any]:
        return {k: v for k, v in self.slots.items() if v not in (None, "", [])}


Builder = Callable[[re.Match[str], "Context"], Parse | None]


@dataclass
class Context:
    text: str  # normalised
    original: str
    clock: Clock
    vocab: Vocabulary


@dataclass(frozen=True)
class Rule:
    intent: str
    pattern: re.Pattern[str]
    build: Builder | None = None


def _r(intent: str, pattern: str, build: Builder | None = None) -> Rule:
    return Rule(intent, re.compile(pattern), build)


def _best(ref: str, names: Sequence[str]) -> float:
    return max((_score(ref, n.casefold()) for n in names), default=0.0)


#: Words a command starts with, for repairing a misheard first word.
COMMAND_WORDS = ("add", "log", "mark", "pause", "resume", "start", "stop", "undo", "move",
                 "postpone", "reopen", "uncheck", "remind me", "create", "complete", "finish",
                 "focus", "journal", "show", "list", "begin", "reschedule", "push", "how many",
                 "what's", "repeat", "record", "tick off", "check off", "cancel", "evening")


#: The words that give a slot its name: "a new habit, call it walk the dog", "namely
#: flossing", "to be styled evening walk" (the habit grammar and the clause cutter read it).
NAMING = (r"(?:(?:call|name) it|(?:it(?:'s| is) )?(?:called|named)|(?:(?:the|its) )?name is|namely|"
          r"(?:to )?be (?:styled|called|named|known as)|with (?:the )?name)")


#: First words that are real English: a sentence starting so is not a mishearing.
_REAL_FIRST = frozenset((
    "i", "i'm", "i've", "i'd", "what", "what's", "how", "how's", "who", "why", "when", "where",
    "which", "is", "are", "am", "can", "could", "would", "will", "should", "do", "does", "did",
    "the", "a", "an", "my", "your", "it", "it's", "this", "that", "there", "please", "tell",
    "give", "show", "let's", "let", "me", "we", "you", "he", "she", "they", "hello", "hi", "hey",
    "thanks", "thank", "yes", "no", "ok", "okay", "good", "but", "so", "or", "if", "then",
    "than", "not", "just", "now", "in", "on", "of", "with", "to", "for", "as",
    # how often: "always meditating" tells of a habit, it is no misheard "log"
    "always", "never", "usually", "often", "sometimes", "constantly", "still",
    # contractions: "that's the plan sorted" is no misheard "mark"
    "that's", "there's", "here's", "he's", "she's", "they're", "we're", "you're", "i'll",
    "we'll", "you'll", "it'll", "who's", "where's", "when's", "why's", "isn't", "don't",
    "didn't", "can't", "won't", "wasn't", "doesn't", "haven't",
    # interjections and address: "whoa, rent's not paid ..." is no misheard "what's"
    "whoa", "wow", "oh", "ah", "eh", "oi", "yo", "ugh", "oops", "gosh", "aiyo", "aiyah",
    "mate", "bro", "dude", "man", "well", "listen", "look", "right", "alright", "righto",
    "sorry", "wait", "computer",
    # verbs of their own: "state the time remaining" is no misheard "start"
    "state"))

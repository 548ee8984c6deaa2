"""Command grammar: sentence templates with typed slots, no LLM, instant.

Why our own matcher and not hassil: hassil matches whole sentences against
templates with fixed slot lists, but task titles are free text, dates need the
core date parser and names need fuzzy matching against the user's data. Ordered
regular-expression templates over normalised text (see ``normalize``) do all of
that in well under a millisecond, and the eval in ``tests/brain/eval`` keeps them
honest. Each rule returns an intent and raw slots; tools resolve names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from nargis_desktop.brain.normalize import basic, fix_journal_head, normalize
from nargis_desktop.brain.slots import (
    _looks_like_date,
    _score,
    clean_ref,
    count_of,
    extract_priority,
    extract_tags,
    sound_key,
    split_due,
)
from nargis_desktop.clock import Clock
from nargis_desktop.core.dates import parse_when
from nargis_desktop.errors import NargisError

#: intent -> tool it runs (meta and llm intents have none).
INTENT_TOOL: dict[str, str] = {
    "task.add": "add_task", "task.complete": "complete_task", "task.reopen": "reopen_task",
    "task.delete": "delete_task", "task.move": "move_task", "task.list": "list_tasks",
    "task.next": "next_task", "habit.create": "create_habit", "habit.log": "log_habit",
    "habit.status": "habit_status", "focus.start": "start_focus", "focus.pause": "pause_focus",
    "focus.resume": "resume_focus", "focus.stop": "stop_focus", "focus.status": "focus_status",
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
    "task.list": "what's on my list today",
    "task.next": "what's next",
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


@dataclass
class Parse:
    intent: str
    slots: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    #: Built by a rule that accepts any first word ("<misheard log> drink water"): fine
    #: for what Whisper heard first, too loose to pick one of its other readings.
    any_first_word: bool = False

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


# -- builders ---------------------------------------------------------------------------
def _lead_date(body: str, ctx: Context) -> str:
    """Move a leading date to the end: "tomorrow morning to send X" -> "send X tomorrow morning".

    People often say when before what ("remind me on friday to ..."); ``split_due``
    looks for the date at the end, so the two parts swap when the head parses as a date.
    """
    m = re.match(r"^(?P<prep>for |on |by |at )?(?P<d>(?:[^:]|(?<=\d):(?=\d))+?)"
                 r"(?::| to| that i need to) "
                 r"(?P<rest>.+)$", body)
    if not m or len(m.group("d").split()) > 5 or not _looks_like_date(m.group("d")):
        return _lead_date_bare(body, ctx)
    try:
        parse_when(m.group("d"), ctx.clock)
    except NargisError:
        return body
    # the preposition stays with the date: "on the 12th" parses, "the 12th" after a title may not
    return f"{m.group('rest')} {m.group('prep') or ''}{m.group('d')}"


#: A word that can only be part of a date or time ("6 pm", "tomorrow", "friday").
_CLEAR_DATE = re.compile(r"^(?:\d{1,2}(?::\d{2})?|\d{1,2}(?:st|nd|rd|th)|am|pm|today|tonight|"
                         r"tomorrow|"
                         r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|noon|midnight|"
                         r"morning|evening|afternoon|next|this|on|at|by|the)$")


def _lead_date_bare(body: str, ctx: Context) -> str:
    """"6 pm call dad" (the comma lost): a date of clear date words, then the title."""
    words = body.split()
    for k in range(min(4, len(words) - 1), 0, -1):
        head = words[:k]
        if not all(_CLEAR_DATE.match(w) for w in head) or not any(
                re.match(r"\d|(?:today|tonight|tomorrow|\w+day|noon|midnight)$", w) for w in head):
            continue
        if words[k] in ("and", "or", "to", "of", "is", "was"):
            continue
        try:
            parse_when(" ".join(head), ctx.clock)
        except NargisError:
            continue
        return f"{' '.join(words[k:])} {' '.join(head)}"
    return body


#: Words that cannot make a title on their own ("add a, add a" heard for "undo").
_EMPTY_TITLE = frozenset(("a", "an", "the", "it", "that", "this", "not", "do", "to", "and",
                          "or", "so", "then", "one", "something", "thing", "task", "tasks"))


def _task_body(body: str, ctx: Context) -> Parse | None:
    body = _lead_date(body, ctx)
    body = re.sub(r"^(?:to|(?:that )?i (?:need|have|must|should|'ve got|got|gotta) to|"
                  r"(?:that )?i (?:must|should|gotta)|about|for)\s+", "", body)
    body = re.sub(r"^(?:called|named|titled)\s+", "", body)
    # "I should really book a haircut": an adverb of the wish, never part of the title
    body = re.sub(r"^(?:really|definitely|seriously|honestly|absolutely|probably|still|"
                  r"also|actually|urgently)\s+(?=\S+\s)", "", body)
    prio, body = extract_priority(body)
    tags, body = extract_tags(body)
    title, due = split_due(body, ctx.clock)
    prio2, title = extract_priority(title)
    title = re.sub(r"\s+(?:and|with|,)$", "", title).strip(" ,")
    if not title or all(w in _EMPTY_TITLE for w in title.split()):
        return None
    if re.fullmatch(r"\d+(?: (?:and|plus|to|\+|times|minus) \d+)+", title):
        return None  # "can you add 5 and 7": a sum to work out, not a task
    return Parse("task.add", {"title": title, "due": due, "priority": prio or prio2,
                              "tags": tags})


def _add(m: re.Match[str], ctx: Context) -> Parse | None:
    body = m.group("body") + (m.groupdict().get("after") or "")
    p = _task_body(body, ctx)
    prio = m.groupdict().get("prio")
    if p is not None and prio and not p.slots.get("priority"):
        p.slots["priority"] = "low" if prio == "low" else "high"
    kind = m.groupdict().get("kind")
    if p is not None and kind and kind in _TAG_WORDS and kind not in p.slots["tags"]:
        p.slots["tags"] = [*p.slots["tags"], kind]
    return p


#: Words that say what kind of task it is ("add a work task"): they become its tag. Any
#: other word there ("a quick task", "a small task") only describes it and is dropped.
_TAG_WORDS = frozenset(("work", "home", "personal", "school", "shopping", "family", "office",
                        "health", "errand", "errands", "house", "garden", "finance", "study",
                        "kids", "job", "business", "travel"))


def _add_dated(m: re.Match[str], ctx: Context) -> Parse | None:
    """'I need to X' is only a task when it says when; otherwise it is conversation."""
    p = _task_body(m.group("body"), ctx)
    return p if p is not None and p.slots.get("due") else None


_BULK = re.compile(r"^(?:everything|all|all of (?:them|it)|every(?:thing| task| item)\b.*|"
                   r"all (?:my |the |of my |of the )?(?:tasks|to dos|items|things|stuff)\b.*|"
                   r"(?:my |the )?(?:whole |entire )?(?:list|to do list|task list))$")


#: Words that say nothing about which thing is meant ("the story about the dragon").
_FUNCTION_WORDS = frozenset(("the", "a", "an", "my", "your", "our", "about", "to", "of", "for",
                             "on", "in", "with", "from", "and", "is", "are", "at", "by"))


def _names_nothing(ref: str, ctx: Context) -> bool:
    """No task, finished task or habit is anywhere near ``ref``, spelt or as it sounds.

    "finish this sentence", "delete my browser history": a command verb, but about
    something that is not the user's; looser than a match, so misheard titles still pass.
    """
    names = [*ctx.vocab.open_tasks, *ctx.vocab.done_tasks, *ctx.vocab.habits]
    if not names:
        return False
    if re.match(r"(?:this|these|the following)\b", ref):
        return True  # "complete this: roses are red", "finish this sentence"
    content = " ".join(w for w in ref.split() if w not in _FUNCTION_WORDS) or ref
    if _best(content, names) >= 50:
        return False
    key = sound_key(ref)
    return not key or max(fuzz.ratio(key, sound_key(n)) for n in names) < 60


def _ref(intent: str, group: str = "ref", *, known: bool = False) -> Builder:
    """A command on one named task; ``known``: only when the name is near one of ours."""
    def build(m: re.Match[str], ctx: Context) -> Parse | None:
        ref = clean_ref(m.group(group))
        if not ref or ref in ("it", "that", "this", "the last one") or _BULK.match(ref):
            return None
        if known and _names_nothing(ref, ctx):
            return None
        if re.match(r"(?:is|was|are|were|isn't|means|sounds|seems)\b", ref):
            return None  # "delete is a strong word": the verb is the subject, not a command
        return Parse(intent, {"task": ref})
    return build


def _delete(m: re.Match[str], ctx: Context) -> Parse | None:
    """"delete X": a delete (confirmed later); "cancel <one unknown word>" is a cancel.

    "cancel" also stops the assistant, and "cancel that" is often heard as "cancel back"
    or "cancel mode": when what follows names no task, it is not a delete at all.
    """
    p = _ref("task.delete", known=True)(m, ctx)
    if p is None or not m.group(0).startswith("cancel "):
        return p
    if _best(p.slots["task"], ctx.vocab.open_tasks) >= 68:
        return p
    if len(p.slots["task"].split()) > 1 or re.match(r"cancel (?:the|a|an|my) ", m.group(0)):
        return None  # "cancel the meeting": something of the user's life, for the LLM
    return Parse("meta.cancel", {})


def _best(ref: str, names: Sequence[str]) -> float:
    return max((_score(ref, n.casefold()) for n in names), default=0.0)


def _done_something(m: re.Match[str], ctx: Context) -> Parse | None:
    """'I finished X' / 'mark X done': a task or a habit, whichever X names better."""
    ref = clean_ref(m.group("ref"))
    # "for 10 minutes", "so far": how long or how much so far, never part of a name
    # ("just now", "as well": when or that it was another one, never part of a name either)
    ref = re.sub(rf"(?:\s+for {_SPAN}|\s+so far|\s+this (?:morning|evening|afternoon)|\s+tonight|"
                 r"\s+just now|\s+earlier(?: today)?|\s+a (?:minute|moment|bit|while) ago|"
                 r"\s+as well|\s+too|\s+also|\s+already|\s+itself)+$", "", ref)
    # "did 20 minutes of meditation": how long, not how many times
    ref = re.sub(r"\b\d+ (?:minutes|hours?|mins?) (?:of )?", "", ref).strip()
    day = None
    d = re.search(rf"\s*\b(?:for )?{_DAY}$", ref)
    if d:
        day = "yesterday" if d.group(0).strip() not in ("today", "for today") else None
        ref = ref[: d.start()].strip()
    elif re.search(r"\byesterday$", m.group(0)):
        day = "yesterday"  # "mark meditate done for yesterday": the day after the done-word
    lead_day, ref = _day_prefix(ref)
    day = day or lead_day
    if not ref or ref in ("it", "that", "this") or len(ref.split()) > 6:
        return None
    if re.search(r"\b(?:from|for|off|of) (?:my |the )?(?:list|tasks|to dos)$", ref):
        return None  # "... from my list" (or misheard "for my list") asks for a removal
    loose = m.re.pattern.startswith(_LOOSE)
    if loose and _not_done_loose(m.group(0), ref):
        return None
    full = ref
    if loose:  # "drank 2 glasses of water": try the words after the verb as well
        ref = ref.split(" ", 1)[1] if " " in ref else ref
    count, ref = _leading_count(ref)  # before clean_ref, which drops the "a" of "a glass"
    ref = clean_ref(ref)
    if count is None and loose:  # "I meditated twice": a count anywhere after the verb
        counted = re.search(_COUNT_WORDS, full)
        count = _count_word(counted.group(0).split()[0]) if counted else None
    habit_score = max(_best(ref, ctx.vocab.habits), _best(full, ctx.vocab.habits))
    task_score = max(_best(ref, ctx.vocab.open_tasks), _best(full, ctx.vocab.open_tasks))
    if loose and " " in full:
        # "I read the news", "I ran into an old friend": the verb names a habit but what
        # follows it names something else; "ran a 5k", "read 3 chapters" are the habit
        verb = full.split()[0]
        obj = re.sub(r"\s+", " ", re.sub(_COUNT_WORDS, " ", ref)).strip()
        fits = not obj or _best(obj, ctx.vocab.habits) >= 62 or bool(_HABIT_OBJECT.search(obj))
        if re.match(r"(?:that|about|somewhere|online|how|why|what|where|when|if|whether)\b", obj):
            fits = False  # "I read that meditation lowers blood pressure": what was read
        if not fits:
            habit_score = 0.0
        elif _best(verb, ctx.vocab.habits) >= 70 > habit_score:
            habit_score, ref = _best(verb, ctx.vocab.habits), verb
    bare = re.sub(r"\s+", " ", re.sub(_COUNT_WORDS, " ", full)).strip()
    if loose and max(_best(ref, ctx.vocab.habits), 61.0) < _best(bare, ctx.vocab.habits):
        ref = bare  # only when the whole phrase names a habit at all
    if loose and task_score >= habit_score and task_score >= 68:
        ref = full if _best(full, ctx.vocab.open_tasks) >= _best(ref, ctx.vocab.open_tasks) \
            else ref
    if habit_score >= 62 and (habit_score > task_score or day == "yesterday"):
        return Parse("habit.log", {"habit": ref, "count": count, "day": day})
    if loose and task_score < 68:
        return None
    if (ctx.vocab.open_tasks or ctx.vocab.habits) and max(task_score, habit_score) < 52 \
            and _best(ref, ctx.vocab.done_tasks) < 68:
        return None  # "I finished watching a film": nothing of ours, so just talk
    said = m.group("ref").split(" ", 1)[-1] if loose else m.group("ref")
    if habit_score < 62 and _verb_as_noun(said, ctx.vocab.open_tasks):
        return None  # "I finished the book" names no task, though one is "book the dentist"
    return Parse("task.complete", {"task": ref})


def _names_ours(ref: str, ctx: Context) -> bool:
    """Whether ``ref`` clearly names one of the user's open tasks or habits."""
    ref = clean_ref(ref)
    words = set(ref.split())
    if len(words) >= 2 and any(words <= set(t.casefold().split()) for t in ctx.vocab.open_tasks):
        return True  # "bank call": every word of "call the bank", in another order
    return max(_best(ref, ctx.vocab.open_tasks), _best(ref, ctx.vocab.habits)) >= 75


def _verb_as_noun(said: str, titles: Sequence[str]) -> bool:
    """"the book" matched only by the verb of "book dentist appointment": not that task.

    Titles start with a verb that is often also a noun (book, call, water, email); "the
    <word>" means the thing, so a lone word after an article counts only where it is not
    the first word of the title it matches. Completing the wrong task is a wrong action.
    """
    ref = clean_ref(said)
    if len(ref.split()) != 1 or not re.match(r"(?:the|my|a|an)\s", said.strip()):
        return False
    rest = [t for t in titles if t.casefold().split()[:1] != [ref]]
    return _best(ref, titles) >= 68 > _best(ref, rest)


_UNIT = (r"(?:glass(?:es)?|cups?|bottles?|pages?|times?|rounds?|sets?|minutes?|laps?|"
         r"chapters?|servings?)")
_COUNT_WORDS = rf"\b(?:\d+|once|twice)\b(?: {_UNIT}\b(?: of\b)?)?"
#: The start of the loose "I <did something>" pattern (see the last rule).
_LOOSE = "^(?:i(?:'ve| have)? )?(?:just |already |finally )?"


#: Past tenses of other commands: "postponed buy milk" is a misheard move, not a completion.
_OTHER_COMMANDS_PAST = frozenset((
    "postponed", "rescheduled", "delayed", "deferred", "deleted", "removed", "erased",
    "cancelled", "canceled", "reopened", "unchecked", "unmarked",
    # what did NOT happen, or only was meant to: "I missed that", "I skipped my run"
    "missed", "skipped", "forgot", "forgotten", "failed", "quit", "stopped", "paused",
    "needed", "wanted", "planned", "meant", "tried", "avoided", "dreaded", "hated",
))


def _not_done_loose(said: str, ref: str) -> bool:
    """Loose "<verb>ed X" forms that are not reports of something done.

    A past tense of another command, or "read my ..." / "read me ..." without an "I":
    "read" is also the imperative ("read my to do list").
    """
    words = ref.split()
    if words[0] in _OTHER_COMMANDS_PAST:
        return True
    has_subject = bool(re.match(r"^i\b", said))
    return not has_subject and words[0] in ("read", "set", "put", "run") and len(words) > 1 \
        and words[1] in ("me", "my", "the", "out", "back", "a")


def _leading_count(ref: str) -> tuple[int | None, str]:
    # "20 minutes of meditation", "meditate 15 minutes": how long, never how many times
    ref = re.sub(r"^(?:for )?\d+ (?:minutes|hours?|mins?) (?:of )?|\s+(?:for )?\d+ (?:minutes|"
                 r"hours?|mins?)$", "", ref).strip() or ref
    # ("1 more glass of water": one more is a count of one)
    m = re.match(rf"^(\d+|once|twice)\s+(?:more\s+)?(?:{_UNIT}\s+(?:of\s+)?)?(?P<rest>.+)$",
                 ref) or \
        re.match(rf"^(a|an|another)\s+{_UNIT}\s+(?:of\s+)?(?P<rest>.+)$", ref)
    if not m:
        # "water x3", "water 1 more glass"
        t = re.search(rf"\s+(?:x ?)?(\d+|once|twice)(?: ?x)?(?:\s+more)?(?:\s+{_UNIT})?$", ref)
        if t:
            return _count_word(t.group(1)), ref[: t.start()].strip()
        return None, ref
    return _count_word(m.group(1)), m.group("rest").strip()


def _count_word(word: str) -> int:
    return {"once": 1, "twice": 2, "a": 1, "an": 1, "another": 1}.get(word) or count_of(word)


#: A day a habit was done on, at the end of a log ("yesterday evening", "last night").
_DAY = r"(?:today|yesterday(?: morning| afternoon| evening| night)?|last night)"
#: What a habit's verb may take and still be the habit ("read 3 chapters", "ran a 5k").
_HABIT_OBJECT = re.compile(r"\b(?:books?|novel|chapters?|pages?|glass(?:es)?|cups?|bottles?|"
                           r"sessions?|\d+ ?k|miles?|km|kilomet(?:er|re)s?|laps?|minutes?|"
                           r"hours?|mins?)\b")


def _day_suffix(ref: str) -> tuple[str | None, str]:
    """A habit log's trailing day: ("yesterday" or None for today, the rest)."""
    ref = re.sub(r"(?:\s+(?:too|as well|also|again))+$", "", ref)
    d = re.search(rf"\s*\b(?:for )?{_DAY}$", ref)
    if not d:
        return _day_prefix(ref)
    day = "yesterday" if not d.group(0).strip().endswith("today") else None
    return day, ref[: d.start()].strip()


def _day_prefix(ref: str) -> tuple[str | None, str]:
    """"today's run", "yesterday's meditation": the day said before the habit's name."""
    lead = re.match(r"(today|yesterday|this morning|tonight|last night)'s\s+", ref)
    if not lead:
        return None, ref
    return ("yesterday" if lead.group(1) in ("yesterday", "last night") else None), \
        ref[lead.end():]


def _habit_log(m: re.Match[str], ctx: Context) -> Parse | None:
    ref = m.group("ref").strip()
    if re.match(r"(?:in|into|out|on|onto|off|is|was|are|of|to|and|with)\b", ref):
        return None  # "log in to my email", "lot is going on": not a habit's name
    if re.match(rf"(?:(?:a|an|the|new|another) )*(?:new )?{_T}s?\b", ref):
        return None  # "log a task to ...": an add, below
    day, ref = _day_suffix(ref)  # also "log today's run", "log yesterday's meditation"
    count, ref = _leading_count(ref)
    ref = re.sub(r"^(?:my|a|an|the)\s+", "", ref)
    ref = re.sub(rf"^{_UNIT}\s+of\s+", "", ref)  # "log a glass of water": "a" went with "log"
    ref = re.sub(r"\s+(?:habit|session)$", "", ref)
    if not ref or ref in ("habit", "habits"):  # "log a habit": no name (or a prompt echo)
        return None
    if len(ref) < 3 or ref in ("a", "an", "the", "it", "that", "this", "one", "log"):
        return None  # "log a, log a": no name was heard
    if m.groupdict().get("verb", "log") != "log" and _best(ref, ctx.vocab.habits) < 62:
        return None  # "record a song I like": only "log" is a habit word of its own
    if re.search(r"\b(?:is|are|was|were|am|be|so|very|too|really)\b", ref) and \
            _best(ref, ctx.vocab.habits) < 62:
        return None  # "log cabins are so cosy": a sentence about logs, no habit named
    return Parse("habit.log", {"habit": ref, "count": count, "day": day})


def _habit_log_known(m: re.Match[str], ctx: Context) -> Parse | None:
    """A log said without "log" first: only when the words name one of the user's habits."""
    day, ref = _day_suffix(m.group("ref") or m.group("ref2") or "")
    count, ref = _leading_count(ref)
    ref = clean_ref(ref)
    if not ref or _best(ref, ctx.vocab.habits) < 62 or \
            _best(ref, ctx.vocab.habits) <= _best(ref, ctx.vocab.open_tasks):
        return None
    return Parse("habit.log", {"habit": ref, "count": count, "day": day})


def _habit_create(m: re.Match[str], ctx: Context) -> Parse | None:
    body = m.group("body")
    target, freq = None, None
    tail = re.search(r"\s+as (?:a |my )?(?:new )?(?:(daily|weekly) )?habit$", body)
    if tail:  # "I'd like to track push ups as a habit"
        freq = tail.group(1)
        body = body[: tail.start()]
    f = re.search(r"\s*\b(?P<n>\d+|once|twice)(?: times?| x)? (?:a|per|each|every) "
                  r"(?P<per>day|week)\b", body)
    if f:
        target = _count_word(f.group("n"))
        freq = "daily" if f.group("per") == "day" else "weekly"
        body = (body[: f.start()] + body[f.end():]).strip()
    elif freq is None:
        g = re.search(r"\s*\b(?:every ?day|each day|daily|every week|each week|weekly|"
                      r"every (?:night|morning|evening)|each (?:night|morning|evening)|nightly)\b",
                      body)
        if g:
            freq = "weekly" if "week" in g.group(0) else "daily"
            body = (body[: g.start()] + body[g.end():]).strip()
    body = re.sub(r"^(?:called|named|to|of|for)\s+", "", body).strip(" ,")
    body = re.sub(r"^log\s+(?:a\s+)?", "", body)  # "called" heard as "log" ("habit, log yoga")
    if not body or body in ("it", "that", "this", "them", "one"):
        return None  # "let me make a habit of it": no name
    per = m.groupdict().get("per")
    if freq is None and per:  # "a daily habit to stretch"
        freq = per
    return Parse("habit.create", {"name": body, "target": target, "frequency": freq})


def _habit_create_loose(m: re.Match[str], ctx: Context) -> Parse | None:
    """A new habit asked for in a loose sentence: only with a request or a colon, and only
    where the name is set off ("habit called X", "habit: X", "habit, X"), so "I want a
    habit tracker" and "a habit of mine is ..." are conversation."""
    asked = m.group("wish") or m.group("verb")
    if not asked and not (m.group("sep") == ":" and not m.group("lead")):
        return None
    if not m.group("sep") and not re.search(r"habit\s*[,:\-\u2013]", ctx.original,
                                            re.IGNORECASE):
        return None
    if re.match(r"(?:that|which|is|was|are|it|this|i|you|and|but|or|mine|tracker|trackers|app|"
                r"apps|list|thing)\b", m.group("body")):
        return None
    return _habit_create(m, ctx)


def _habit_status(m: re.Match[str], ctx: Context) -> Parse | None:
    ref = (m.groupdict().get("h") or "").strip()
    ref = re.sub(r"^(?:my|the)\s+|\s+(?:habit|streak)$", "", ref).strip()
    if ref in ("habits", "habit", "all", "all my habits", ""):
        ref = ""
    return Parse("habit.status", {"habit": ref or None})


_MINUTES = re.compile(r"\b(?:for )?(?:(?P<n>\d+) minutes?|(?P<h>an|1) hour|(?P<half>half an hour)"
                      r"|(?P<n2>\d+) hours?)\b")


def _focus_start(m: re.Match[str], ctx: Context) -> Parse | None:
    text = ctx.text
    minutes = None
    mm = _MINUTES.search(text)
    if mm:
        if mm.group("n"):
            minutes = int(mm.group("n"))
        elif mm.group("half"):
            minutes = 30
        elif mm.group("h"):
            minutes = 60
        elif mm.group("n2"):
            minutes = 60 * int(mm.group("n2"))
        text = (text[: mm.start()] + " " + text[mm.end():]).strip()
        text = re.sub(r"\s+", " ", text)
    bare = re.search(r"\bfor (\d{1,3})$", text)
    if minutes is None and bare and 5 <= int(bare.group(1)) <= 180:
        minutes = int(bare.group(1))  # "start focus for 25": minutes, the unit left unsaid
        text = text[: bare.start()].strip()
    task = None
    t = re.search(r"\b(?:on|for|working on|to work on)\s+(?:the\s+)?(?:task\s+)?(?P<task>.+)$",
                  text)
    if t:
        cand = clean_ref(t.group("task"))
        if cand and not re.fullmatch(r"(?:a |the )?(?:quick |short |new )?(?:focus|session|timer|"
                                     r"while|bit|now|deep work|do not disturb)"
                                     r"(?: sprint| block| session| mode)?|\d+", cand):
            task = cand
    return Parse("focus.start", {"minutes": minutes, "task": task})


def _focus_on(m: re.Match[str], ctx: Context) -> Parse | None:
    """"focus on X": a focus block, but "help me focus on what matters" is conversation."""
    p = _focus_start(m, ctx)
    task = p.slots.get("task") if p else None
    if p is not None and task and not p.slots.get("minutes") and re.match(
            r"(?:what|how|why|who|where|when|which|myself|yourself|life|things that)\b", task):
        return None
    return p


def _focus_block(m: re.Match[str], ctx: Context) -> Parse | None:
    """"deep work, 1 hour, call the bank": what follows the length is a task only when it
    says "on"/"for" or names one of the user's open tasks."""
    rest = re.sub(rf"\b(?:for )?{_SPAN}\b", " ", m.group("rest") or "")
    rest = re.sub(rf"^\s*(?:{_FOCUSW}|block|sprint)\b", "", rest).strip()
    p = _focus_start(m, ctx)
    if not rest or re.match(r"(?:on|for) ", rest):
        return p
    if p is None or _best(clean_ref(rest), ctx.vocab.open_tasks) < 68:
        return None
    p.slots["task"] = clean_ref(rest)
    return p


def _focus_need(m: re.Match[str], ctx: Context) -> Parse | None:
    """"I need to focus for an hour" starts a block; "I need to focus more on my health" is
    conversation: only "now", a length of time or one of the user's open tasks follows."""
    rest = m.group("rest").strip()
    p = _focus_start(m, ctx)
    if not rest:
        return None  # "I need to focus" alone is as often a sigh as a request
    if rest == "now" or re.search(_SPAN, rest):
        return p
    task = p.slots.get("task") if p else None
    return p if task and _best(task, ctx.vocab.open_tasks) >= 68 else None


def _move(m: re.Match[str], ctx: Context) -> Parse | None:
    rest = re.sub(r"^(?:the )?(?:due date|deadline|date|due time|time) (?:of|for|on) ", "",
                  m.group("rest"))
    words = rest.split()
    # "of" only when nothing else splits: Whisper writes "call mom of friday" for "to",
    # but "to the end of march" must keep its "of"
    for seps in (("to", "until", "till", "for", "on", "back", "out", "forward"), ("of",)):
        found = _move_split(words, seps, ctx)
        if found is not None:
            return found
    return None


def _move_split(words: list[str], seps: tuple[str, ...], ctx: Context) -> Parse | None:
    """The first ``seps`` word after which the rest parses as a date splits task and date.

    The first, not the last: "reschedule the dentist to 3pm on friday" moves to "3pm on
    friday"; a title holding a separator ("send slides to maria to friday") still splits
    right, as "maria to friday" is no date.
    """
    for i in range(1, len(words)):
        if words[i] not in seps:
            continue
        ref = " ".join(words[:i])
        due = re.sub(r"^(?:back |out |forward )?(?:to |until |till |for |on |of )?", "",
                     " ".join(words[i:]))
        if not due:
            continue
        if re.fullmatch(r"(?:1[0-2]|[1-9])(?::[0-5]\d)?", due):
            due = f"at {due}"  # "move my mom call to 6": a clock time, not June
        try:
            parse_when(due, ctx.clock)
        except NargisError:
            continue
        ref = re.sub(r"(?:\s+(?:back|out|forward|up|off|deadline|due date))+$", "",
                     clean_ref(ref))
        ref = re.sub(r"^(?:back|out|forward|up)\s+", "", ref)
        return Parse("task.move", {"task": clean_ref(ref), "due": due}) if ref else None
    return None


#: "a task manager", "to do list apps": a list as a thing to talk about, not the user's own.
_LIST_PRODUCT = re.compile(r"\b(?:tasks?|to dos?|todos?|lists?) (?:manager|managers|app|apps|"
                           r"application|applications|software|tool|tools|system|systems|method|"
                           r"methods|template|templates|program|programs)\b")
_LIST_GENERIC = re.compile(r"\b(?:a|an)(?: \w+)? (?:tasks?|to dos?|todos?|lists?)\b")
_LIST_PERSONAL = re.compile(r"\b(?:my|i|i've|i'm|me|today|tonight|tomorrow|week|due|overdue|"
                            r"left|remaining)\b")


def _list(m: re.Match[str], ctx: Context) -> Parse | None:
    t = ctx.text
    if _LIST_PRODUCT.search(t) or (_LIST_GENERIC.search(t) and not _LIST_PERSONAL.search(t)):
        return None  # "what's a good task manager": a question about lists, for the LLM
    if re.match(r"how (?:many|much)\b.*\b(?:should|could|would|can) (?:i|you|we|one|people)\b", t):
        return None  # "how many tasks should I do per day": advice, not the list
    if re.search(r"\bdeadlines?\b", t) and not _LIST_PERSONAL.search(t):
        return None  # "what's the deadline for filing taxes": not one of the user's
    if re.search(r"\bmean(?:s|ing)?\b|\bdefin(?:e|ition)\b", t) or (
            re.search(r"\b(?:lists|to do lists)\b", t) and not re.search(r"\bmy\b", t)):
        return None  # "what does overdue mean", "the history of to do lists": about words or lists
    tag = None
    tm = re.search(r"\b(?:tagged|tag|with the tag|labeled|labelled)(?: as| with)?\s+(\w+)",
                   t) or re.search(
        r"\b(?:my|the|all|me)\s+(\w+) (?:tasks|stuff|things|jobs|items)\b", t)
    if tm and tm.group(1) not in ("open", "overdue", "all", "today's", "todays", "done",
                                  "finished", "remaining", "upcoming", "my"):
        tag = tm.group(1)
    km = re.search(r"\b(?:any|some)\s+(\w+) (?:tasks|stuff|things|jobs|items|to dos)\b", t) or \
        re.search(r"\b(?:with|under) (?:the |a )?(\w+) (?:tag|label)\b", t)
    if tag is None and km and km.group(1) in _TAG_WORDS:
        tag = km.group(1)  # "any work tasks": only a kind word, not "any other tasks"
    if "overdue" in t or "late" in t.split() or "past due" in t or "behind" in t.split() or \
            re.search(r"\b(?:missed|slipped|past (?:the |its |their )?(?:due date|deadline))\b", t):
        view = "overdue"
    elif tag:
        view = "tag"
    elif "week" in t:
        view = "week"
    elif re.search(r"\b(?:all|everything|open)\b", t):
        view = "open"
    elif re.search(r"\b(?<!get )(?<!got )(?<!be )(?:done|finished|completed)\b", t) and \
            not re.search(r"\bnot\b|n't\b", t):  # "what have I not done": the open ones
        view = "done"  # not "what do I need to get done"
    else:
        view = "today" if re.search(r"\b(?:today|tonight|now|day)\b", t) else "open"
    return Parse("task.list", {"view": view, "tag": tag})


def _period(default: str, intent: str) -> Builder:
    def build(m: re.Match[str], ctx: Context) -> Parse | None:
        t = ctx.text
        period = ("today" if "today" in t else "month" if "month" in t and intent ==
                  "insight.tasks_done" else "week" if "week" in t else default)
        return Parse(intent, {"period": period})
    return build


_MOODS = {"great": "great", "amazing": "great", "fantastic": "great", "wonderful": "great",
          "happy": "great", "good": "good", "okay": "okay", "ok": "okay", "fine": "okay",
          "alright": "okay", "meh": "okay", "bad": "bad", "sad": "bad", "tired": "bad",
          "stressed": "bad", "down": "bad", "awful": "awful", "terrible": "awful",
          "horrible": "awful", "miserable": "awful"}
_NOT_NEED = r"(?!(?:need|have|must|should|gotta|got|am going|going|will)\b)"
_JOURNAL = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|hey|hi|please|nargis|um+|uh+|so|right|can you|could you|would you)"
    r"[\s,]+)*"
    r"(?:(?:quick |short |new )?(?:journal|diary)(?: entry| note)?|general|"
    r"dear (?:diary|dairy|journal)|note to self|notes to self|memo to self|"
    r"new (?:journal|diary)(?: entry| note)?|"
    r"note(?=\s*[:,]|\s+-\s)|"
    r"(?:i (?:want|went|wanna) to|i wanna|i'd like to|let me) journal(?=\s*[:,-]|\s+about\b)|"
    r"(?:write|add|put|log|record|jot|note|save|make a note|take a note|leave a note|"
    r"make an entry|add an entry) (?:this |it )?(?:down )?(?:in|to|into) "
    r"(?:my|the) (?:journal|diary)|journal this(?: for me)?|"
    r"(?:add|write|make|start|create) (?:a |an )?(?:new )?(?:journal|diary) (?:entry|note)|"
    r"(?P<mood>(?:(?:log|record|note|track|set) (?:my |the )?)?mood(?: today| check| update)?"
    r"(?=\s*[:,-]|\s+(?:as|is|to)\b)(?: as| is| to)?)|"
    # "write down that I felt anxious": something that happened, not something to do
    rf"(?:write|jot|note) (?:it |this )?down(?=,? that i(?:'m|'ve)? {_NOT_NEED}))"
    r"(?![a-z'])"  # "journaling is hard" is about journaling
    r"\s*(?::|,|\.|-|that)?\s*(?P<body>.+)$", re.IGNORECASE | re.DOTALL)


def _journal(m: re.Match[str], ctx: Context) -> Parse | None:
    jm = _JOURNAL.match(ctx.original)
    if not jm:
        return None
    body = jm.group("body").strip()
    paused = ctx.original[: jm.start("body")].rstrip()[-1:] in (":", ",", ".", "-") or \
        bool(jm.group("mood"))
    if len(body.split()) < 3 and not paused:
        return None  # "journal my habit": two words and no pause after "journal"
    return _entry(body, bool(jm.group("mood")))


#: "I feel great today, put that in my journal": the entry said first, then where it goes.
_JOURNAL_TAIL = re.compile(r"^\s*(?P<body>.+?)[\s,.;-]*\b(?:(?:please|can you|could you) )?"
                           r"(?:put|write|add|save|log|note|jot|record|keep) (?:that|this|it) "
                           r"(?:down )?(?:in|to|into) (?:my|the) (?:journal|diary)[.!]?\s*$",
                           re.IGNORECASE | re.DOTALL)


def _journal_tail(m: re.Match[str], ctx: Context) -> Parse | None:
    jm = _JOURNAL_TAIL.match(ctx.original)
    if not jm or len(jm.group("body").split()) < 3 or re.match(
            r"(?:do|does|did|should|shall|can|could|would|will|is|are|what|how|why|when|who|"
            r"where|which|if|maybe)\b", jm.group("body"), re.IGNORECASE):
        return None  # "should I put that in my journal": a question about it
    return _entry(jm.group("body").strip(), False)


def _entry(body: str, mood_asked: bool) -> Parse | None:
    """A journal entry's text and its mood, if one was said."""
    body = body[0].upper() + body[1:] if body else body
    mood = None
    mm = re.search(r"\b(?:mood(?: is)?[:,]?|i(?:'m| am) feeling|i feel|feeling|i'm|i am)\s+"
                   r"(?:so |really |very |pretty |quite |a bit |kind of )?(?P<m>[a-z]+)\b",
                   body, re.IGNORECASE)
    if mood_asked:  # "mood: pretty good today": the first mood word is the mood
        mm = re.search(r"\b(?P<m>" + "|".join(_MOODS) + r")\b", body, re.IGNORECASE)
        if mm is None:
            return None  # "mood is a funny word": no mood was given
    if mm and mm.group("m").lower() in _MOODS:
        mood = _MOODS[mm.group("m").lower()]
        tail = re.search(r"[\s,.;]*\bmood(?: is)?[:,]?\s+[a-z]+[.!]?\s*$", body, re.IGNORECASE)
        if tail:
            body = body[: tail.start()].rstrip()
    if not body.strip(" .,"):
        return None
    return Parse("journal.add", {"text": body, "mood": mood})


def _choice(m: re.Match[str], ctx: Context) -> Parse | None:
    word = m.group("n")
    n = {"1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4,
         "last": -1}.get(word, 0)
    return Parse("meta.choice", {"index": n}) if n else None


def _first_group(m: re.Match[str], *names: str) -> str | None:
    """The first of the named groups that took part in the match."""
    return next((m.group(n) for n in names if m.group(n)), None)


def _move_passive(m: re.Match[str], ctx: Context) -> Parse | None:
    """"can the report be moved to monday": a known task, a move verb, then the date."""
    ref = clean_ref(_first_group(m, "ref", "ref2") or "")
    rest = _first_group(m, "rest", "rest2") or ""
    if not ref or _best(ref, ctx.vocab.open_tasks) < 68:
        return None
    words = rest.split()[1:]  # the date after the verb ("moved | to monday")
    found = _move_split(["it", *words], ("to", "until", "till", "for", "on", "back", "out",
                                         "forward", "up"), ctx)
    return Parse("task.move", {"task": ref, "due": found.slots["due"]}) if found else None


def _move_instead(m: re.Match[str], ctx: Context) -> Parse | None:
    """"can we do call mom tomorrow instead": a known task followed by a date."""
    title, due = split_due(_first_group(m, "rest", "rest2") or "", ctx.clock)
    ref = clean_ref(title)
    if not due or not ref or _best(ref, ctx.vocab.open_tasks) < 68:
        return None
    return Parse("task.move", {"task": ref, "due": due})


def _reopen_loose(m: re.Match[str], ctx: Context) -> Parse | None:
    """"I haven't paid the rent yet": reopen only when it names a finished task."""
    return _reopen_known(m.group("ref"), ctx)


def _reopen_known(ref: str, ctx: Context) -> Parse | None:
    """A reopen whose words carry no command verb: only when they name a finished task."""
    ref = clean_ref(ref)
    if not ref or _best(ref, ctx.vocab.done_tasks) < 68:
        return None
    return Parse("task.reopen", {"task": ref})


def _drop_known(m: re.Match[str], ctx: Context) -> Parse | None:
    """"I don't need to buy milk anymore": a removal only when it names an open task.

    Anything else ("I don't need to work tomorrow") is conversation; the delete that
    does match still asks for confirmation like every other delete.
    """
    ref = clean_ref(m.group("ref"))
    if not ref or _best(ref, ctx.vocab.open_tasks) < 68:
        return None
    return Parse("task.delete", {"task": ref})


def _move_known(m: re.Match[str], ctx: Context) -> Parse | None:
    """"call mom can wait until tomorrow", "make X due on Monday": a known task and a date.

    These forms have no command verb, so they count only when the words name an open
    task and the rest is a date; otherwise they are conversation.
    """
    ref = clean_ref(m.group("ref") or m.group("ref2") or "")
    due = m.group("due") or m.group("due2") or ""
    if not ref or not due or _best(ref, ctx.vocab.open_tasks) < 68:
        return None
    try:
        parse_when(due, ctx.clock)
    except NargisError:
        return None
    return Parse("task.move", {"task": ref, "due": due})


def _count_log(m: re.Match[str], ctx: Context) -> Parse | None:
    """A count and a unit naming one of the user's habits ("4 glasses of water")."""
    day, body = _day_suffix(m.group("body"))  # "2 glasses of water for yesterday"
    count, rest = _leading_count(body)
    if count is None or max(_best(rest, ctx.vocab.habits), _best(body, ctx.vocab.habits)) < 62:
        return None
    return Parse("habit.log", {"habit": rest, "count": count, "day": day})


def _more_log(m: re.Match[str], ctx: Context) -> Parse | None:
    ref = clean_ref(m.group("ref"))
    if _best(ref, ctx.vocab.habits) < 80 or \
            _best(ref, ctx.vocab.habits) <= _best(ref, ctx.vocab.open_tasks):
        return None
    return Parse("habit.log", {"habit": ref, "count": int(m.group("n") or 1), "day": None})


def _named_count_log(m: re.Match[str], ctx: Context) -> Parse | None:
    """"water, 2 glasses": only when the words before the count clearly name a habit."""
    day, body = _day_suffix(m.group(0).replace(":", ""))
    count, ref = _leading_count(body)
    ref = clean_ref(ref)
    if count is None or not ref or _best(ref, ctx.vocab.habits) < 80 or \
            _best(ref, ctx.vocab.habits) <= _best(ref, ctx.vocab.open_tasks):
        return None
    return Parse("habit.log", {"habit": ref, "count": count, "day": day})


def _add_or_log(m: re.Match[str], ctx: Context) -> Parse | None:
    """Bare "add X": a count of a habit ("add 2 glasses of water") logs it, else a task."""
    body = m.group("body")
    count, rest = _leading_count(body)
    if count is not None:
        bare = re.sub(r"^(?:glass|cup|bottle|page|time|round|set|lap|serving)s?\s+(?:of\s+)?",
                      "", rest)
        if max(_best(bare, ctx.vocab.habits), _best(rest, ctx.vocab.habits)) >= 62:
            return Parse("habit.log", {"habit": bare, "count": count, "day": None})
    # "add a meditation session for yesterday": one more of a habit, not a task
    day, named = _day_suffix(body)
    named = re.sub(r"^(?:a|an|another|one more|my)\s+|\s+(?:session|entry|log)$", "", named)
    if named and _best(named, ctx.vocab.habits) >= 80 and \
            _best(named, ctx.vocab.habits) > _best(named, ctx.vocab.open_tasks):
        return Parse("habit.log", {"habit": named, "count": None, "day": day})
    if re.match(r"^(?:a |an |the )?(?:habit|journal|diary|focus|timer|session)\b", body):
        return None
    if re.fullmatch(rf"(?:a |an |the |another )?(?:new )?{_T}s?", body):
        return None  # "add a task" with nothing after it: no title was heard
    if re.search(r" (?:to|into|onto) (?:my|the|our) [a-z]+$", body):
        return None  # "add some fun to my day": a list of ours is matched above, not this
    return _add(m, ctx)


#: Present-tense verbs that say how one feels or what one wants, never that it is done.
_NOT_DONE = frozenset((
    "am", "was", "were", "have", "had", "need", "want", "would", "will", "should", "could",
    "can", "can't", "cannot", "don't", "do", "did", "feel", "think", "love", "like", "hate",
    "guess", "hope", "wish", "know", "mean", "see", "must", "might", "may", "really", "still",
    "never", "always", "usually", "often", "forgot", "miss", "wonder", "believe", "got",
))


def _present_done(m: re.Match[str], ctx: Context) -> Parse | None:
    """"I drink two glasses of water" / "I book the dentist appointment" as done.

    Whisper often drops the "-ed" of a past tense before the next consonant. Only a
    close match counts (a habit's name, or a task's whole title): "I call my sister
    every week" names nothing of the user's and stays conversation.
    """
    ref = m.group("ref")
    if ref.split()[0] in _NOT_DONE or len(ref.split()) > 7:
        return None
    if re.search(r"\b(?:every|each|always|usually|often|never|sometimes|whenever|with)\b", ref):
        return None  # "I drink water with every meal": what one does in general, not a report
    day = None
    d = re.search(r"\s+(today|yesterday|this morning|this evening|tonight)$", ref)
    if d:
        day = "yesterday" if d.group(1) == "yesterday" else None
        ref = ref[: d.start()]
    counted = re.search(_COUNT_WORDS, ref)
    count = _count_word(counted.group(0).split()[0]) if counted else None
    bare = re.sub(r"\s+", " ", re.sub(_COUNT_WORDS, " ", ref)).strip()
    habit, task = _best(bare, ctx.vocab.habits), _best(clean_ref(ref), ctx.vocab.open_tasks)
    if habit >= 80 and habit > task:
        return Parse("habit.log", {"habit": bare, "count": count, "day": day})
    if task >= 85 and day is None and count is None:
        return Parse("task.complete", {"task": clean_ref(ref)})
    return None


#: Verbs that empty a list: "clear my list" is never read as "show my list".
_BULK_VERBS = frozenset(("clear", "wipe", "empty", "trash", "scrap", "kill", "nuke", "purge",
                         "reset", "erase", "delete", "remove", "drop", "cancel"))
#: First words that are commands (or questions) of their own: never a misheard "log".
_OWN_MEANING = frozenset((
    "delete", "remove", "erase", "drop", "cancel", "stop", "start", "begin", "show", "list",
    "move", "push", "postpone", "add", "create", "new", "track", "skip", "reset", "undo",
    "pause", "resume", "end", "finish", "complete", "mark", "check", "tick", "open",
    "reopen", "did", "have", "has", "is", "was", "how", "why", "when", "where", "who", "which",
    "do", "does", "can", "could", "should", "would", "will", "no", "not", "never", "don't",
    "play", "set", "get", "make", "tell", "give",
))


def _misheard_log(m: re.Match[str], ctx: Context) -> Parse | None:
    """"Love drink water", "flood water twice": one unknown word, then a habit's name.

    Whisper mishears the short word "log" more than any other ("love", "blood",
    "lack", "what"). Everything after that word must be the habit's name, with at most a
    count or a day, and it must name the habit clearly; logging is undoable and never
    destructive.
    """
    verb, ref = m.group("verb"), m.group("ref")
    if verb in _OWN_MEANING or (verb in _REAL_FIRST and verb != "what") or \
            re.match(r"(?:i|i'm|we|you)\b", ref):
        return None  # "then I meditate today" has its own subject: not "log X"
    day, ref = _day_suffix(ref)
    count, ref = _leading_count(ref)
    ref = re.sub(r"^(?:my|a|an|the)\s+", "", ref)
    if not ref or len(ref.split()) > 4:
        return None
    habit = _best(ref, ctx.vocab.habits)
    if habit < 85 or habit <= _best(ref, ctx.vocab.open_tasks):
        return None
    return Parse("habit.log", {"habit": ref, "count": count, "day": day}, any_first_word=True)


def _fixed(intent: str, **slots: Any) -> Builder:
    def build(m: re.Match[str], ctx: Context) -> Parse | None:
        return Parse(intent, dict(slots))
    return build


# -- the rules, in order: the first that builds a Parse wins ------------------------------
_T = r"(?:task|todo|to do|reminder|item|to-do)"
#: Verbs that put something on a list ("stick milk on my list", "pop it on the list").
_PUT = r"(?:add|put|stick|pop|throw|chuck|bung|jot|write|get|slap)"
#: Words that say a task is done: the general ones and the past participles of common tasks
#: ("the milk is bought", "mark the rent as paid").
_DONE = (r"(?:done|finished|complete|completed|bought|paid|sent|written|sorted|handled|"
         r"taken care of|called|watered|booked|cleaned|fixed|emailed|submitted|picked up|"
         r"dealt with|ticked off|checked off)")
_FOCUSW = r"(?:focus|focusing|timer|session|focus session|focus timer|work session|deep work)"
#: What people say before "undo it" when the last action was wrong ("that was wrong, undo it").
_UNDO_LEAD = (r"^(?:(?:no|wait|my bad|wrong|that's wrong|that was wrong|that's not right|"
              r"that was a mistake|that's not what i (?:said|meant|wanted)|"
              r"i didn't (?:mean|want) (?:that|to do that|to)|didn't mean (?:that|to)|"
              r"not what i (?:meant|wanted)|mistake|wrong (?:one|1)) )*")
#: A length of time, for the focus forms that need one to be a focus request at all.
_SPAN = r"(?:\d+ (?:minutes|hours?)|an hour|half an hour)"
RULES: tuple[Rule, ...] = (
    # meta first: short, fixed phrases
    _r("meta.undo", _UNDO_LEAD + r"(?:undo|oops undo|(?:undo|revert|reverse|roll back|rollback|"
       r"take back) (?:that|it|this|(?:the|my|your) (?:last|previous) (?:one|choice|thing|action|"
       r"change|command|step|log|entry|edit|update|bit)|what (?:you|i) (?:just )?(?:did|said))|"
       r"(?:take|roll|bring|put) (?:that|it|this) back|scratch that|"
       r"(?:undo|revert) (?:the )?last(?: (?:one|thing|action|change|log|entry))?|"
       r"(?:cancel|reverse|revert|undo) (?:that|the) (?:last|previous) (?:thing|action|change|"
       r"command|step|log|entry)|"
       r"(?:please )?(?:reverse|cancel) (?:that|the last (?:one|thing|action|change)) action)"
       r"(?: (?:you|i) (?:just )?did)?(?: (?:please|again))?$"),
    # one cancel word or several ("never mind, cancel", "forget it, stop")
    _r("meta.cancel", r"^(?:(?:no|nah|ok|okay|oh) )?(?:(?:cancel|stop|stop talking|stop it|shut up|"
       r"be quiet|quiet|silence|never ?mind|forget (?:it|about it|that)|enough|that's enough|"
       r"cancel that|stop stop|hush|shush|shh+|sh+|don't worry about it|nothing|that's all|"
       r"quiet please|please be quiet|stop please|that's it(?= )|that'll do|that will do|"
       r"stop now|that's all i (?:needed|wanted|need|want)|zip it|pipe down)(?: |$))+"
       r"(?:(?:hey )?nargis)?$"),
    _r("meta.repeat", r"^(?:(?:pardon(?: me)?|sorry|huh|eh|what) )?"
       r"(?:(?:repeat(?: (?:that|it|this|what you said))?|say (?:that|it|this|"
       r"what you said))(?: (?:again|(?:one|1) more time|once more))?|"
       r"what did you (?:just )?say|come again|pardon(?: me)?|sorry what|"
       r"can you repeat(?: that)?|(?:one|1) more time|what|what was that(?: again)?|"
       r"what did you (?:just )?say again|huh|eh|once more|what'd you (?:just )?say|"
       r"(?:can you |could you )?repeat (?:the last (?:bit|part|sentence|thing)|(?:your|the) "
       r"(?:answer|last (?:answer|sentence))|yourself)|"
       r"i didn't (?:catch|get|hear) (?:that|you|what you said)|"
       r"i missed (?:that|it|what you said)|say again|"
       r"(?:can|could) you say (?:that|it) again)$"),
    _r("meta.help", r"^(?:(?:i'm lost|i'm confused|i'm new(?: here)?|i'm stuck|i don't know what "
       r"to (?:say|do)) )?"
       r"(?:help|help me|what can (?:i|you) (?:say|do|ask)(?: (?:with|to) you|"
       r" for me| here| with this| with nargis)?|"
       r"what can you help (?:me )?(?:with|win|width|wit)|"
       r"what (?:commands|things) can i (?:say|use)|what are (?:the|my) options|"
       r"how do i use (?:this|you)|commands|what do you do|what can you help (?:me )?with|"
       r"what are (?:the|your|my) (?:commands|options|features|abilities|skills|capabilities)|"
       r"how does (?:this|it|nargis) work|"
       r"(?:tell me|show me) what (?:you can do|i can (?:say|ask)|you do)|"
       r"what can i (?:tell|ask|get) you to do|what am i able to (?:say|ask)(?: you)?|"
       r"(?:i need |i'd like |can i get |i want )?(?:some )?help (?:using|with using) (?:you|this|"
       r"the app|nargis)|"
       r"(?:any |some )?(?:tips|hints|ideas|suggestions) (?:on|for|about) what (?:i can|to) "
       r"(?:say|ask)|"
       r"what (?:commands?|things) do you "
       r"(?:know|understand)|what can i ask(?: you)?(?: to do)?|"
       r"what (?:kind|sort|kinds|sorts) of (?:things|stuff|commands) (?:can|could|do) (?:you|i) "
       r"(?:do|say|ask|understand|handle)|"
       r"what (?:commands|things|options) (?:are there|do i have|are available|do you have)|"
       r"how do i use (?:nargis|the app|the assistant|it)|"
       r"what are you (?:able to do|capable of|good at|for)|what (?:else )?can you do|"
       r"what (?:do|should|can|could) i (?:say|ask)(?: (?:to )?you)?|"
       r"how does (?:this|it|nargis|the app|this app)(?: thing)? work|"
       r"(?:list|show|tell|give)(?: me)? (?:your|the|all|all your|all the) "
       r"(?:commands|options|features)|"
       r"how (?:do|should|can) i (?:use|talk to|speak to|work with|command|ask) (?:this|you|nargis|"
       r"the app|the assistant|it)|"
       r"what are (?:the |some )?(?:things|commands|stuff) (?:i|you) can (?:ask|say|do)(?: you)?|"
       r"(?:give me|show me|tell me|list) (?:some |a few )?examples(?: of (?:commands|things i "
       r"can say|what i can say))?)$"),
    _r("meta.confirm", r"^(?:(?:yes|yeah|yep|yup|sure|ok|okay|correct|right|absolutely|"
       r"affirmative|definitely|of course)(?: (?:yes|please|sure|go ahead|do it|delete it|"
       r"that's right|that one|thanks|confirm))*|do it|confirm|confirmed|go ahead|go for it|"
       r"delete it|that's right|please do)$"),
    _r("meta.deny", r"^(?:(?:no|nope|nah|negative)(?: (?:thanks|thank you|don't|leave it|"
       r"keep it|don't delete it|don't do it|never mind|not that|cancel|wait|stop))*|"
       r"don't|do not|keep it|leave it|don't delete it|don't do that|leave it alone|"
       r"not that one)$"),
    _r("meta.choice", r"^(?:the )?(?P<n>1st|first|2nd|second|3rd|third|4th|last)"
       r"(?: one| choice)?$",
       _choice),
    # journal (matched on the original text, so the entry keeps its wording)
    _r("journal.add", r"^(?:(?:ok|okay|hey|hi|please|nargis|um+|uh+|so|right|can you|could you|"
       r"would you) )*"
       r"(?:(?:quick |short )?(?:journal|diary)|general|dear (?:diary|journal)|note to self|"
       r"notes to self|memo to self|"
       r"note\b|(?:i (?:want|went|wanna) to|i wanna|i'd like to|let me) journal\b|"
       r"new (?:journal|diary)|(?:write|add|put|log|record|jot|note|save|make a note|take a note|"
       r"leave a note|make an entry|add an entry) (?:this |it )?(?:down )?"
       r"(?:in|to|into) (?:my|the) (?:journal|diary)"
       r"|journal this|(?:add|write|make|start|create) (?:a |an )?(?:new )?(?:journal|diary) "
       r"(?:entry|note)|(?:(?:log|record|note|track|set) (?:my |the )?)?mood\b|"
       rf"(?:write|jot|note) (?:it |this )?down,? that i(?:'m|'ve)? {_NOT_NEED})",
       _journal),
    _r("journal.add", r"^.+ (?:put|write|add|save|log|note|jot|record|keep) (?:that|this|it) "
       r"(?:down )?(?:in|to|into) (?:my|the) (?:journal|diary)$", _journal_tail),
    _r("journal.read", r"^(?:(?:can|could|may) i |let me |i'd like to |i want to )?"
       r"(?:read|show|tell|play|give|open|pull up|hear|see|listen to)(?: me)?(?: back| out| aloud)?"
       r"(?: to me)? (?:my |the )?"
       r"(?:(?:last|latest|most recent|previous|newest|today's|yesterday's)? ?(?:journal|diary)"
       r"(?: entry| note)?|"
       r"(?:last|latest|most recent|previous|newest) entry$|"
       r"what i (?:wrote|journaled|journalled)\b)"),
    _r("journal.read", r"^what(?:'s| is| was) (?:the )?(?:last|latest|most recent) (?:thing|entry|"
       r"note|bit) (?:i (?:wrote|journaled|journalled|put|added|said)|in my (?:journal|diary))|"
       r"^what(?:'s| is| was) in my (?:journal|diary)|"
       r"^what (?:did i (?:write|journal|say in my journal)|was my last "
       r"(?:journal|diary) entry|(?:is|was) in my (?:journal|diary))|"
       # "what did I say in my last journal entry", "remind me what I wrote yesterday"
       r"^what did i (?:say|put|note|write) (?:in|to) (?:my|the) (?:last |latest |most recent |"
       r"previous )?(?:journal|diary)|"
       r"^(?:remind me|tell me) what i (?:wrote|journaled|journalled|(?:said|put|noted|wrote) in "
       r"(?:my|the) (?:journal|diary))|"
       r"^what(?:'s| is| was) (?:in )?my (?:last|latest|most recent|previous) (?:journal |diary )?"
       r"entry(?: about)?$|"
       r"^what(?:'s| is) (?:the )?(?:latest|newest|last thing|most recent thing) in my "
       r"(?:journal|diary)|^(?:my )?(?:last|latest|most recent|newest) (?:journal|diary) entry$|"
       r"^what (?:have i been writing|have i written|have i put) (?:in|into) (?:my|the) "
       r"(?:journal|diary)"),
    # insights
    _r("insight.tasks_done", r"^(?:(?:tell me|show me|i want to know|i'd like to know|let me know|"
       r"do you know|can you tell me) )?how many (?:tasks|things|to dos|items|jobs) "
       r"(?:(?:did|have|am) )?i "
       r"(?:finish|finished|complete|completed|do|done|get done|gotten done|close|closed|"
       r"check off|checked off|tick off|ticked off|cross off|crossed off|knock out|knocked out|"
       r"knock off|knocked off|get through|got through|gotten through|clear|cleared|wrap up|"
       r"wrapped up|mark done|marked done|mark off|marked off|manage|managed|"
       r"manage to (?:do|finish|complete)|managed to (?:do|finish|complete)|got done)|"
       r"^how many (?:tasks|things|to dos|items|jobs) (?:are|were|have been|"
       r"got|did i get) (?:done|finished|completed|checked off|closed|ticked off|crossed off)|"
       # "did I get much done this week"
       r"^(?:did|have) i (?:get|got|gotten|manage to get) (?:much|a lot|anything|lots|enough|"
       r"everything) done",
       _period("week", "insight.tasks_done")),
    _r("insight.tasks_done", r"^how productive (?:was i|have i been|am i|\S+ i (?:this|today|"
       r"last))|"
       r"^how much (?:work )?(?:did|have) i (?:get|got|gotten) done|"
       r"^(?:the )?(?:number|count|total) of (?:tasks|things|to dos|items) (?:done|finished|"
       r"completed|ticked off|i (?:did|finished|completed|got done))",
       _period("week", "insight.tasks_done")),
    _r("insight.focus", r"^how (?:was|is|did|has) my focus|^how did i do (?:on|with) (?:my )?focus|"
       r"^(?:my )?total (?:focus|deep work)(?: time)?(?: for)?(?: today| this week)?$|"
       r"^how much (?:focusing|focus|deep work|focused work) (?:did|have) i (?:do|done|get|got|"
       r"have|had)|^what(?:'s| is| was) my (?:total )?focus (?:time|total)|"
       r"^how (?:much|long) (?:did i|have i|am i) "
       r"(?:focus|focused|worked|work|been focusing|concentrate|concentrated|been concentrating)|"
       r"^(?:my )?focus (?:stats|summary|report)|"
       r"^how much focus time(?! (?:is |do i have )?(?:left|remaining))|"
       r"^how many (?:focus|deep work|focused) (?:minutes|hours|sessions)\b"
       r"(?!.*\b(?:left|remaining|to go)\b)|"
       r"^(?:was|have) i (?:been )?(?:focused|concentrating)(?: today| this week)?$|"
       r"^how many (?:minutes|hours) (?:of (?:focus|deep work|focused work) )?(?:did|have) i "
       r"(?:focus|focused|spend focusing|spent focusing|been focusing|concentrate|concentrated|"
       r"put in|log|logged|do|done)|"
       r"^how (?:much time|long) (?:did|have) i (?:spend|spent) (?:focusing|in focus|"
       r"concentrating|on focus)|^how many (?:focus )?sessions (?:did|have) i|"
       r"^(?:(?:show|give|tell)(?: me)? )?(?:my )?focus (?:stats|statistics|summary|report)|"
       r"^how focused (?:was i|have i been|am i|did i stay)", _period("today", "insight.focus")),
    # focus
    _r("focus.status", r"(?:how (?:long|much (?:focus |session )?time|many minutes|much longer)"
       r"(?: is| are| do i have| have i got)? (?:left|remaining|to go)"
       # ("how long is left in the match" is about something else)
       r"(?: (?:on|in|for|of) (?:the |my |this )?(?:focus|timer|session|clock|focus session|"
       r"break))?(?: now)?$|"
       r"^how much longer(?: (?:do i have|have i got|is (?:it|left|the (?:timer|session|focus))|"
       r"(?:on|for|in) (?:the|this|my) \w+(?: session)?|to go|until (?:my|the) break|now|"
       r"(?:do|must|should) i (?:need to |have to )?(?:focus|go|work|keep going)))?$|"
       rf"^how (?:long|much) more(?: time)?(?: (?:for|on|in) (?:the|this|my) {_FOCUSW})?$|"
       r"^when (?:do|will|can) i (?:get|have|take) (?:my|a|the) break|"
       r"^what(?:'s| is) (?:the|my) (?:timer|clock|countdown)(?: at| on| showing| saying)?$|"
       r"^time (?:check|left)$|^(?:timer|focus) check$|^check (?:the|my) timer$|"
       rf"^what(?:'s| is) (?:left|remaining) on (?:my |the |this )?(?:{_FOCUSW}|clock)$|"
       rf"^am i (?:nearly|almost|close to being|near) (?:done|finished|there) (?:with|on) "
       rf"(?:the|this|my) {_FOCUSW}$|"
       rf"^how far (?:into|through|along in|in) (?:the|this|my) {_FOCUSW}(?: session)? "
       r"(?:am i|are we)$|"
       r"^time left|^time remaining|^(?:minutes|time) (?:are |is )?(?:left|remaining)$|"
       r"^how(?:'s| is) (?:my|the) (?:focus|timer|session)(?: going| doing| \w+ing)?$|"
       r"^focus status|^what(?:'s| is) the time (?:left|remaining)|"
       rf"^(?:is|are) (?:the|my) {_FOCUSW} (?:still )?(?:running|on|going)$|"
       r"^how long (?:until|till|til|before) (?:i (?:can|get to) (?:take|have) )?(?:my|the|a) "
       r"break|^when is my break|"
       rf"^when(?:'s| is| will) (?:my|the|this) {_FOCUSW}(?: session)? (?:be )?(?:over|done|up|"
       r"finished|ending)$|"
       r"^how (?:much (?:more )?time|much longer|long) do i (?:have|still have|get)$|"
       rf"^how long (?:until|till|til|before) (?:the |my |this )?{_FOCUSW}(?: session)? (?:ends?|"
       r"is (?:over|done|up|finished)|finishes|stops|runs out)$|"
       r"^when (?:does|will) (?:my|the) (?:focus|timer|session) (?:end|finish|be done)|"
       r"^how (?:much|long) (?:time )?(?:is )?(?:left|remaining) on (?:my|the) "
       r"(?:focus|timer|session))"),
    # ("need a break, pause the session", "pause for a sec, someone's at the door")
    _r("focus.pause", r"^(?:(?:i )?(?:need|want|could use) a (?:quick |short |little )?(?:break|"
       r"breather|sec|second|minute)(?: so)? )?"
       rf"(?:pause|hold|freeze)(?: it| the| my| this)?(?: {_FOCUSW}| thing| countdown)?"
       r"(?: session)?"
       r"(?: for (?:a )?(?:second|sec|moment|minute|min|bit|tick|while|few minutes|\d+ minutes))?"
       r"(?: (?:i|i'm|i've|i'll|i gotta|someone|somebody|someone's|while|because|cause|cos|coz|"
       r"brb|be right back|there's|gotta|need to|(?:the |my )?(?:phone|doorbell|door|kid|baby)"
       r"(?:'s| is))\b.*)?$"),
    # "stop the clock for a minute": a stop for a while is a pause
    _r("focus.pause", rf"^(?:hit|press|tap|click) (?:the )?pause(?: button)?(?: on (?:the |my )?"
       rf"{_FOCUSW})?$"),
    _r("focus.pause", r"^(?:stop|hold|pause) (?:the |my )?clock"
       r"(?: for (?:a|one) (?:second|sec|moment|minute|min|bit|tick))?$|"
       rf"^stop (?:it|the|my|this)(?: {_FOCUSW})? for (?:a|one) (?:second|sec|moment|minute|min|"
       r"bit|tick)$"),
    _r("focus.pause", rf"^(?:put|place) (?:it|this|(?:the |my )?{_FOCUSW}) on (?:hold|pause)$|"
       rf"^(?:let me |let's |lets |i'll |i will |i'm going to |i'm gonna )?(?:take|have) a "
       rf"(?:short |quick )?(?:\d+ minutes? )?break(?: from (?:the |my )?{_FOCUSW})?$"),
    _r("focus.resume", rf"^(?:let's |lets )?(?:resume|continue|unpause|un pause|carry on|"
       rf"keep going|restart|unfreeze|un freeze|go on)(?: with)?(?: it| the| my| this)?"
       rf"(?: {_FOCUSW})?"
       r"(?: session)?$|"
       r"^(?:i'm|i am) back(?: now)?$|^(?:let's|lets) (?:go|get going|do this)(?: again)?$|"
       rf"^(?:hit|press|tap|click) (?:the )?(?:play|resume|start)(?: button)? on (?:the |my )?"
       rf"{_FOCUSW}(?: again)?$"),
    _r("focus.resume", rf"^(?:start|turn on|get|put) (?:it|this|(?:the |my )?{_FOCUSW}) (?:going )?"
       r"(?:again|back on)$|^(?:let's |lets )?(?:get )?back (?:to|at|on|into) (?:work|focusing|"
       r"it)$|^(?:let's |lets )?(?:pick up|carry on|continue|start again|go on|resume)(?: from)? "
       r"where (?:i|we) (?:left off|stopped|paused|were)$"),
    _r("focus.stop", r"^(?:(?:i'm|i am|we're|we are) (?:done|finished|through)(?: here| now| for "
       r"now| for today)? |(?:that's )?enough )?(?:you can |so )?"
       rf"(?:stop|end|cancel|finish|quit|abort|kill|scrap|ditch|drop|bin|abandon|"
       rf"wrap up|turn off|switch off)(?: the| my| this)? "
       rf"{_FOCUSW}(?: session| timer)?(?: now| early)?(?: i'm done| i am done| i'm finished|"
       r" that's enough| for now| for today)?(?: please)?(?: (?:i|i'm|i've|i'll|i gotta|gotta|"
       r"time for|because|cause|cos|coz|we're done)\b.*)?$|^i'm done focusing$|"
       rf"^(?:i'm|i am) done(?: now)? (?:stop|end)(?: the| my)? {_FOCUSW}$|"
       rf"^(?:stop|quit|end) (?:focusing|concentrating)$|"
       rf"^(?:i'm|i am) (?:done|finished) with (?:the |my |this )?{_FOCUSW}(?: session)?"
       r"(?: for (?:now|today|the day))?$|"
       rf"^cut (?:the|my|this) {_FOCUSW}(?: session)? short$|"
       r"^(?:turn off|switch off|disable|exit|leave|end|stop) (?:the )?(?:focus|deep work|"
       r"do not disturb) mode$|^(?:ok |okay )?(?:that's|that is|that'll be) enough (?:focus|"
       r"focusing|deep work)(?: for (?:now|today|the day|one day))?$|"
       rf"^i(?:'m| am)? (?:give up|giving up|quit|quitting)(?: on)? (?:the|this|my) {_FOCUSW}"
       r"(?: session)?$"),
    _r("focus.start", rf"^(?:start|begin|let's|lets|kick off|run|set|start up|launch|give me|"
       r"time for|ready for|i'm ready for)"
       rf"\b.*\b{_FOCUSW}\b", _focus_start),
    _r("focus.start", r"^(?:(?:turn on|switch on|enable|start|go into|enter|turn|switch|put) )?"
       rf"(?:focus|deep work|do not disturb) mode(?: on)?(?: for {_SPAN})?$", _focus_start),
    _r("focus.start", r"^(?:time to |i want to |i'd like to |let me |help me |let's |lets )?"
       r"(?:focus|concentrate)(?: for| on|$| now)", lambda m, c: _focus_on(m, c)),
    # "I need to concentrate for an hour": a need to focus, only with a length or a task
    _r("focus.start", r"^(?:i (?:really )?(?:need|have|got) to|i've got to|i gotta|gotta|"
       r"need to|i must|i should|i'm going to|i'll|i will) (?:really )?(?:focus|concentrate|"
       r"do some deep work|get some deep work done)(?P<rest>(?: now)?(?: (?:for|on) .+)?)$",
       lambda m, c: _focus_need(m, c)),
    # "do a pomodoro for the report", "put a 20 minute focus timer on"
    _r("focus.start", r"^(?:(?:let's|lets|i'll|i want to|i'd like to|can we|let me) )?(?:do|have|"
       r"try|squeeze in|fit in|put on|put) (?:a|an|one|another|some) (?:quick |short |long )?"
       rf"(?:{_SPAN} )?(?:{_FOCUSW}|pomodoro)(?: block| sprint| session| timer)?(?: on)?"
       rf"(?: (?:on|for) .+| {_SPAN})?$", _focus_start),
    # "focus timer twenty minutes", "45 minutes of deep work": a focus block and its length
    _r("focus.start", r"^(?:(?:a|an|one) )?(?:(?:quick|short|long|new) )?"
       rf"(?:{_SPAN} (?:of )?)?(?:{_FOCUSW}|pomodoro)(?: block| sprint)?"
       rf"(?: (?:for )?{_SPAN})?(?P<rest> (?:on |for )?.+)?$",
       lambda m, c: _focus_block(m, c) if re.search(_SPAN, m.group(0)) else None),
    # "let's work on the report for 30 minutes": work with a length of time is a focus block
    _r("focus.start", rf"^(?:let's|lets|let me|i want to|i'd like to|i'm going to|i'll|time to) "
       rf"(?:work|study|get (?:some )?work done)\b.*\b(?:for )?{_SPAN}$", _focus_start),
    # habits
    _r("habit.create", r"^(?:create|add|start|make|new|set up|setup|begin|track|build|form)"
       r"(?: a| an| the| me| one| 1)?"
       r"(?: new)?(?: (?P<per>daily|weekly))? habit(?: called| named| to| of| for)?:? "
       r"(?P<body>.+)$", _habit_create),
    _r("habit.create", r"^(?:(?:start|begin) tracking|i(?: want| would like|'d like) to (?:start )?"
       r"track(?:ing)?|"
       r"help me track|"
       r"i want a habit to|build a habit of|(?:i want to |i'd like to |let's |help me )?"
       r"(?:start|build|begin|form|make) (?:a |the )?(?:new )?habit (?:of|to|called|named|"
       r"for)|"
       # "help me wave a habit of ...": a misheard verb, when the sentence asks for a new habit
       r"(?:help me|i want to|i'd like to|let's) (?!(?:break|quit|kick|stop|drop|lose|end|have)\b)"
       r"[a-z]+ (?:a |the )?(?:new )?habit (?:of|to|called|named)|"
       r"(?:(?:i want to|i'd like to|let's|help me|i need to|i'm going to|i'll|i should) )?"
       r"(?:get|got) (?:into|in) the habit of) "
       r"(?:my |a |the )?(?P<body>.+)$", _habit_create),
    _r("habit.create", r"^(?:(?:i(?:'d| would)? (?:like|love|want)|let's|lets|i'm going|help me|"
       r"i need)(?: to)? )?(?:track|add|start|make|turn|put|keep track of) (?P<body>.+?) "
       r"(?:as (?:a |my )?|(?:into )?a |"
       r"into my |one of my |to my |to the |on my |in my )(?:new )?(?:(?P<per>daily|weekly) )?"
       r"habits?(?: list| tracker)?$", _habit_create),
    # "I'd like a new daily habit: take my vitamins", "pick up a new habit, learning spanish",
    # "habit: yoga, 4 times a week": a habit asked for, then its name after a pause
    _r("habit.create", r"^(?P<wish>(?:i(?:'d| would)? (?:like|love|want|need)|let me|let's|lets|"
       r"help me|time to|i'm going to|i will|i'll)(?: to)? )?"
       r"(?P<verb>(?:start|build|begin|form|make|pick up|take up|get|add|create|set up|"
       r"set me up with|set me up|give me|try) )?(?:me )?(?P<lead>(?:a|an|one|another) )?"
       r"(?:new )?(?:(?P<per>daily|weekly) )?habit(?: please)?(?P<sep>:| called| named| of| to| "
       r"for)? (?P<body>.+)$", lambda m, c: _habit_create_loose(m, c)),
    _r("habit.status", r"^(?:what(?:'s| is| are|'re)|how(?:'s| is| are| long is)|tell me|show me)"
       r"(?: me)? (?:my |the )?(?P<h>.*?) ?streaks?\b(?: for| on| of)?(?: my| the)? ?(?P<h2>.*)$",
       lambda m, c: _habit_status_two(m, c)),
    _r("habit.status", r"^(?:did i|have i)(?: already)? (?:do |done |had |drunk |drank )?"
       r"(?:enough |my )?(?P<h>.+?) (?:today|yet|already)$", _habit_status),
    # "is my running streak still alive", "streak check on meditation", "a habit update"
    _r("habit.status", r"^(?:is|are) (?:my|the) (?P<h>.+?) streaks? (?:still )?(?:alive|going|"
       r"intact|safe|running|active|ok|okay|on|unbroken|holding(?: up)?|going strong)$|"
       r"^(?:(?:give|show|get) me |can i (?:get|have|see) |i want |i'd like )?(?:a |my |the )?"
       r"(?:quick )?(?:streak|streaks|habit|habits) (?:check|update|report|rundown|recap|"
       r"check in|check up)(?: (?:on|for) (?:my |the )?(?P<h2>.+))?$",
       lambda m, c: _habit_status_two(m, c)),
    # "what's my water count today", "how many times have I meditated this week", "how
    # consistent have I been with meditating", "did I skip my run": only a habit's name
    _r("habit.status", r"^what(?:'s| is) (?:my|the) (?P<h>.+?) (?:count|total|tally|score|number)"
       r"(?: for)?(?: today| so far| this week)*$|"
       r"^how many times (?:have i|did i|i've) (?P<h2>.+?)(?: today| this week| so far| this month|"
       r" lately)*$|"
       r"^how (?:consistent|regular|disciplined) (?:have i been|am i|was i|i've been) (?:with|at|"
       r"about|on) (?:my |the )?(?P<h3>.+?)(?: lately| this week| so far| recently)*$|"
       r"^did i (?:skip|miss|forget)(?: to do)? (?:my |the )?(?P<h4>.+?)(?: today| yesterday| this "
       r"week)?$|"
       # "how long have I been meditating for in a row", "have I drunk enough water",
       # "where am I with my habits", "is meditation done for today", "how many runs have I done"
       r"^how (?:long|many days) (?:have i been|i've been|have i|did i) (?P<h5>.+?)(?: for)?"
       r"(?: in a row| so far| straight| now| for)*$|"
       r"^(?:did|have) i (?:had|drunk|drank|done|do|have|drink) enough (?P<h6>.+?)"
       r"(?: today| yet| so far)?$|"
       r"^where am i (?:at )?(?:with|on) (?:my |the )?(?P<h7>.+?)(?: today| this week| so far)*$|"
       r"^is (?:my |the )?(?P<h8>.+?) (?:done|finished|complete|logged|ticked off)(?: for)?"
       r"(?: today| yet| already)*$|"
       r"^how many (?P<h9>[a-z]+?)s? (?:have i|did i) (?:done|had|logged|gone on|been on|do|have|"
       r"log|go on)(?: today| this week| so far)*$|"
       # "how close am I to my water goal", "how many glasses of water left for today"
       r"^how (?:close|far) am i (?:to|from) (?:my |the )?(?P<h10>.+?)(?: goal| target)?"
       r"(?: today| for today)?$|"
       r"^how many (?:(?:glasses|cups|times|pages|bottles) (?:of )?)?(?P<h11>.+?) "
       r"(?:left|remaining|to go)(?: for today| today)?$",
       lambda m, c: _habit_status_any(m, c)),
    _r("habit.status", r"^(?:have|did) i (?:already )?(?P<h>\S+(?: (?!(?:that|it|this|them|those|"
       r"these|you|your|his|her|their)\b)\S+)?)$(?P<h2>)",
       lambda m, c: _habit_status_known(m, c) if _best(m.group("h"), c.vocab.habits) >= 70
       else None),
    _r("habit.status", r"^(?:the )?(?:status|progress|stats) (?:of|on|for) (?:my |the |all my )?"
       r"habits$", _habit_status),
    _r("habit.status", r"^(?:is )?(?:anything|there anything|what's|what is) (?:still )?(?:left|"
       r"remaining|open|outstanding|to do) (?:on|in|for|with|from) (?:my |the )?habits?"
       r"(?: today| for today)?$", _habit_status),
    _r("habit.status", r"^am i (?:keeping up|on track|staying on track|keeping on track|sticking|"
       r"doing (?:well|ok|okay|good|alright|fine)|consistent) (?:with|on|to) (?:my |the )?"
       r"(?P<h>.+?)(?: habit)?(?: today| this week| so far| lately)*$(?P<h2>)",
       lambda m, c: _habit_status_known(m, c)),
    _r("habit.status", r"^(?:how (?:am i doing|are my habits(?: going| looking| doing)?|"
       r"am i doing "
       r"(?:with|on) my habits)|habit status|"
       r"(?:show me |show |list |give me |tell me )?(?:my |the )?(?:habits?|streaks)"
       r"(?: status| progress|"
       r" stats| statistics| overview| summary)?|"
       r"which habits (?:are left|have i not done|do i still (?:need|have) to do)(?: today)?|"
       r"what habits? (?:are left|do i have left|haven't i done|have i not done|are still open)"
       r"(?: today)?(?: yet)?|which habits (?:haven't i done|are still open)(?: today)?(?: yet)?)$",
       _habit_status),
    _r("habit.status", r"^how(?:'s| is| are|'re) (?:my|the) (?P<h>.+?)(?: habit| intake| progress)?"
       r"(?: (?:going|doing|looking|coming along))?(?: today| this week| so far| lately)*$(?P<h2>)",
       lambda m, c: _habit_status_known(m, c)),
    _r("habit.status", r"^how am i (?:doing|getting on|going) (?:on|with) (?:my |the )?(?P<h>.+?)"
       r"(?: habit)?(?: today| this week| so far| lately)*$(?P<h2>)",
       lambda m, c: _habit_status_known(m, c)),
    _r("habit.status", r"^how many days (?:in a row )?(?:have i|did i|i've)(?: been)? (?P<h>.+?)"
       r"(?: in a row| for| so far)*$", _habit_status),
    _r("habit.status", r"^how (?:many|much) (?:(?:glasses|cups|times|pages) (?:of )?)?(?P<h>.+?) "
       r"(?:have i (?:had|done|logged|drunk|drank|read)|did i (?:do|have|log|drink|read))"
       r"(?: so far)?(?: today)?(?: so far)?$", _habit_status),
    # "I forgot to log my run yesterday, can you add it", "just got back from my run": a log,
    # only of one of the user's habits
    _r("habit.log", r"^i (?:forgot|didn't get to|never got (?:round|around) to|did not get to) "
       r"(?:to )?(?:log|record|mark|tick off|add|enter) (?P<ref>.+?)(?: (?:can|could|would|will) "
       r"you (?:add|log|record|do|enter) (?:it|that)(?: for me)?)?$|"
       r"^(?:i(?:'ve| have)? )?(?:just )?(?:got|came|am|i'm) (?:back|home|in) from (?P<ref2>"
       r"(?:my|a|the) .+)$", lambda m, c: _habit_log_known(m, c)),
    _r("habit.log", rf"^(?P<verb>log|record|count)(?: that i did| that| my|"
       rf" (?:one|a)(?! {_UNIT}))? "
       r"(?P<ref>.+)$", _habit_log),
    # tasks
    _r("task.add", rf"^(?:add|create|make|new|put|set up|schedule|set|save|log|record|"
       rf"note down|jot down|write down|write|stick|pop|throw in|open)(?: me)?"
       rf"(?: a| an| the| another| one)?(?: new)?(?: (?P<prio>high|top|low|urgent|important)"
       rf"(?: priority)?)?(?: (?P<kind>[a-z]+(?<!new)(?<!another)))?"
       rf" {_T}s?(?: to| for| called| named| that says|"
       rf" saying| about)?:? (?P<body>.+)$", _add),
    _r("task.add", rf"^(?:{_T}|new {_T}):? (?P<body>.+)$", _add),
    _r("task.add", r"^(?:remind me|remember|(?:i (?:want|need|have) to|i must) remember to|"
       r"(?:i |i've )?(?:gotta|got to|have got to|should|better|must|need to|have to) "
       r"remember to|note(?: down)?(?: that)? i (?:need|have|must|gotta|got) to|"
       r"don't let me forget|dont let me forget|don't forget|"
       r"make sure i|note that i need|(?:make|take) a note(?: that i need| that i have)?|"
       r"note down that i (?:need|have)|"
       r"i need a reminder|set a reminder|add a reminder) (?:to |that i need to |about |that "
       r"|for )?(?!(?:what|who|why|how|when|where|which|whether|if)\b)(?P<body>.+)$", _add),
    # "put pay rent back on my list": a finished task opened again (else an add, below)
    _r("task.reopen", rf"^(?:{_PUT}|move) (?P<ref>.+?) back (?:on|onto|to|in|into) (?:my |the )?"
       r"(?:list|tasks|task list|to dos)$", _reopen_loose),
    _r("task.add", rf"^{_PUT}(?: this)? (?:to|on|onto) (?:my |the )?(?:list|tasks|task list|"
       r"todos|to dos|todo|to do|shopping list):? (?P<body>.+?)(?P<after>)$", _add),
    _r("task.add", rf"^{_PUT} (?P<body>.+?) (?:to|on|onto) (?:my |the )?(?:list|tasks?|todo|to do|"
       r"task list|todos|to dos|shopping list)(?P<after>.*)$", _add),
    # "(I) gotta call the vet tomorrow": the subject is often dropped; a date is still needed
    _r("task.add", r"^(?:(?:i|i've|i have|i'll|i will) (?:need to|have to|got to|gotta|must|should|"
       r"ought to)|"
       r"(?:need to|have to|got to|gotta)(?! (?:i|we|you)\b)) (?P<body>.+)$",
       _add_dated),
    _r("task.add", r"^(?:schedule|plan|pencil in) (?:a |an |my )?(?P<body>.+)$", _add_dated),
    _r("task.next", r"^(?:tell me |so |then |ok |suggest |recommend |help me decide |"
       r"help me figure out |any idea )?(?:what(?:'s| is)? next|"
       r"what (?:do|would) you (?:think|suggest|recommend|say) i (?:should |shall )?(?:do|work on|"
       r"tackle|start with|focus on)(?: next| now| first| 1st| today| then)*|"
       r"what (?:should|shall) i (?:do|work on|get done|get on with|"
       r"start with|"
       r"tackle|"
       r"focus on|do first)(?: next| now| first| 1st| today| then)*|"
       r"what do i do(?: next| now| first| 1st| today| then)*|give me something to (?:do|work on)|"
       r"what's my next (?:task|thing|item|job|to do|todo|one)|next (?:task|to do|todo)|"
       r"where (?:do|should|shall|can) i (?:start|begin)(?: today| now)?|"
       r"(?:give|tell|show|read)(?: me)? (?:my |the )?next (?:task|thing|item|job|to do|todo|one)"
       r"(?: on (?:my|the) list)?|"
       r"what(?:'s| is) my (?:top |first |highest |main |biggest |number 1 |1 )?priority"
       r"(?: (?:today|now|at the moment))?|"
       r"what(?:'s| is) the (?:most important|most urgent|next) (?:thing|task)(?: to do)?"
       r"(?: today| now)?|where should i start|what's up next|what to do next|"
       r"what(?:'s| is) (?:the )?next (?:thing |task |item |job )?(?:on|in) (?:my|the) "
       r"(?:list|tasks|agenda)|what(?:'s| is) (?:the )?next (?:thing|task|item|job)"
       r"(?: (?:i should|i need to|i have to|i'm supposed to|i ought to|to) (?:do|work on|"
       r"tackle|be doing|get done))?|"
       r"(?:which|what) (?:task|one|thing|item|job) (?:should|shall|do|would|can) i (?:do|start|"
       r"work on|tackle|pick|pick up|take on|get to|get on with|handle|knock out|"
       r"start with|focus on)(?: first| next| now| 1st| today)*|"
       r"what(?:'s| is) (?:the )?most (?:important|urgent|pressing)(?: thing| task)?"
       r"(?: to do)?(?: today| now)?|"
       r"what (?:to|i should) (?:do|work on|tackle|start with)(?: next| now| first| 1st)?|"
       r"(?:pick|choose|suggest|find|recommend)(?: me)? (?:(?:a|the next|my next|one|the best) "
       r"(?:task|thing)(?: for me)?(?: to do)?|something (?:for me )?to (?:do|work on|tackle|"
       r"start with))|"
       r"(?:which|what) (?:one )?(?:of )?(?:my |the )?(?:tasks?|to dos?|things|items|jobs|ones?)"
       r"(?: on my list)? (?:is|are|'s) (?:the )?(?:most|more) (?:urgent|important|pressing)|"
       r"what (?:needs|has|should be|must be) (?:doing|done|to be done|to get done|my attention)"
       r" (?:first|1st|next|most urgently)|"
       r"what should i be (?:doing|working on)(?: next| now| today)?)$"),
    _r("task.reopen", r"^(?:mark|set|put|change|move|turn|flip|switch|revert) (?P<ref>.+?) "
       r"(?:back )?(?:as |to )?"
       r"(?:not done|undone|not finished|not complete|incomplete|open|to do|unfinished|"
       r"pending|unpaid|not paid|unticked|not ticked|unchecked|not checked|uncompleted|"
       r"not completed)(?: again| yet| after all)?$", _ref("task.reopen")),
    _r("task.reopen", r"^(?:reopen|re open|uncheck|unmark|un check|untick|un tick|open again|"
       r"un ?complete|un ?finish|un ?mark|un ?do the (?:check|tick) on|"
       r"undo the (?:check|tick|checkmark)(?: on| for)?)(?: the| a| my)?"
       rf"(?: {_T})? (?P<ref>.+)$", _ref("task.reopen")),
    _r("task.reopen", r"^(?P<ref>.+?) (?:isn't|is not|wasn't|was not|hasn't been|has not been) "
       r"(?:actually |really |quite |fully )?(?:done|finished|complete|paid|sent|bought|written|"
       r"called|booked)"
       r"(?: yet| after all)?(?: (?:so |please |can you |could you )?(?:reopen|uncheck|untick|"
       r"unmark) it)?$|^(?P<ref2>.+?) (?:still needs|needs) (?:doing|to be done|"
       # "pay rent shouldn't be ticked": a mark that was wrong, only on a finished task
       r"to happen)(?: again)?$|^(?P<ref3>.+?) (?:shouldn't|should not|wasn't supposed to|"
       r"was not supposed to) (?:be|have been) (?:ticked|checked|marked)(?: off)?(?: as done)?$|"
       r"^(?P<ref4>.+?) (?:is|'s|are) still (?:unpaid|not done|undone|not finished|unfinished|"
       r"open|outstanding|pending|to do|not paid)$|"
       r"^(?:open|put) (?P<ref5>.+?) (?:again|back up|back on)$|"
       r"^(?P<ref6>.+?) (?:needs to|should|has to|must) go back (?:on|onto|to|in|into) "
       r"(?:my |the )?(?:list|tasks|to dos)$|"
       r"^i (?:(?:accidentally|mistakenly|wrongly) (?:marked|ticked|checked|crossed)(?: off)? "
       r"(?P<ref7>.+?)(?: (?:as )?(?:done|off|complete|completed))?|(?:marked|ticked|checked|"
       r"crossed)(?: off)? (?P<ref8>.+?)(?: (?:as )?(?:done|off|complete|completed))? "
       r"(?:by mistake|by accident|accidentally|in error|wrongly|too early))$",
       lambda m, c: _reopen_known(_first_group(m, "ref3", "ref4", "ref5", "ref6", "ref7",
                                               "ref8") or "", c)
       if _first_group(m, "ref3", "ref4", "ref5", "ref6", "ref7", "ref8") else _ref(
           "task.reopen", "ref" if m.group("ref") else "ref2")(m, c)),
    _r("task.reopen", r"^(?:(?:it )?turns out |looks like |seems )?i (?:haven't|have not|didn't|"
       r"did not|never) (?:actually |really )?"
       r"(?P<ref>.+?)(?: yet| after all)?$", _reopen_loose),
    _r("task.complete", rf"^(?:mark|set|check|tick)(?: off)? (?P<ref>.+?) (?:as )?(?:{_DONE}|off)"
       r"(?: for (?:today|yesterday)| today| yesterday)?$", _done_something),
    _r("task.complete", r"^(?:check|tick|cross|mark|strike|knock) off (?P<ref>.+)$",
       _done_something),
    # "put a tick next to call the bank", "consider the report done"
    _r("task.complete", r"^(?:put|place|add) a (?:tick|check|checkmark|check mark) (?:next to|"
       r"against|by|beside|on) (?P<ref>.+)$", _done_something),
    _r("task.complete", r"^consider (?P<ref>.+?) (?:done|finished|complete|sorted|dealt with)$",
       _done_something),
    _r("task.complete", r"^(?:mark|set|check|tick)(?: off)? (?:as )?(?:done|complete|completed|"
       r"finished):? (?P<ref>.+)$", _done_something),
    _r("task.complete", r"^(?:check|tick|cross) (?P<ref>.+?) off(?: (?:my |the )?(?:list|"
       r"tasks))?$", _done_something),
    _r("task.complete", rf"^(?:complete|finish|close|done with)(?: the| a| my)?(?: {_T})? "
       r"(?P<ref>.+)$",
       _ref("task.complete", known=True)),
    _r("task.complete", r"^(?:i(?:'ve| have)? (?:just )?(?:finished|completed|done|did|ticked off)|"
       r"i'm done with|i am done with|(?:i'm |i am )?(?:just )?(?:finished|completed)(?: with)?|"
       r"i got done with|i'm through with|done(?: with)?:?|(?:i'm |i am )?all done with|"
       r"(?:i(?:'ve| have)? )?(?:crossed|ticked|checked|struck) off) "
       r"(?P<ref>.+)$", _done_something),
    _r("task.complete", r"^(?P<ref>.+?)(?:'s| is| are| has been| have been| got| was|'s been|"
       r"'ve been| is now| was just|'s just been| has just been| got| were) "
       r"(?:all |now )?"
       rf"{_DONE}$", _done_something),
    # "call mom, done": a name and the word done, only when the name is one of ours
    _r("task.complete", r"^(?:that's |that is )?(?P<ref>.+?) (?:complete|all done|"
       rf"done and dusted|{_DONE})$",
       lambda m, c: _done_something(m, c) if _names_ours(m.group("ref"), c) else None),
    _r("task.delete", r"^(?:i (?:don't|do not|no longer) (?:really )?(?:need|have) to|"
       r"there's no need to|no need to) (?P<ref>.+?)(?: any ?more| after all)?$", _drop_known),
    _r("task.delete", rf"^(?:delete|remove|erase|drop|get rid of|scrap|scratch|trash|cancel|"
       r"cross out|"
       rf"strike)(?: the| a| my)?(?: {_T})? (?P<ref>.+?)"
       r"(?: from (?:my |the )?(?:shopping |task )?(?:list|tasks|to dos))?"
       r"(?: i (?:don't|do not) need (?:it|that)(?: any ?more)?)?$",
       _delete),
    _r("task.delete", r"^(?:take|get|knock) (?P<ref>.+?) off (?:my |the )?(?:list|tasks|to dos)$",
       _ref("task.delete")),
    # slang for delete ("bin the milk task", "ditch X"): these verbs have everyday meanings
    # ("kill the lights"), so only when the words name one of the user's open tasks
    _r("task.delete", rf"^(?:bin|ditch|kill|nuke|toss|dump|junk|axe|chuck out|throw out|"
       rf"throw away|lose|forget about|forget)(?: the| a| my)?(?: {_T})? (?P<ref>.+?)"
       r"(?: from (?:my |the )?(?:list|tasks|to dos))?(?: (?:task|item|to do|reminder))?$",
       _drop_known),
    _r("task.move", r"^(?:move|reschedule|postpone|push|delay|shift|bump|change|put off|"
       r"push back|defer|prepone|bring|pull|move up|bring forward|pull forward) (?P<rest>.+)$",
       _move),
    _r("task.move", r"^(?:make|set|have) (?P<ref>.+?) due (?:on |by |for )?(?P<due>.+)$|"
       r"^(?P<ref2>.+?) (?:can|could|will have to|has to|must) wait (?:until|till|for|to) "
       r"(?P<due2>.+)$", _move_known),
    _r("task.move", r"^(?:change|set|update) (?:the )?(?:due date|deadline|date|due time) "
       r"(?:of|for|on) (?P<rest>.+)$", _move),
    _r("task.move", r"^(?:can (?:we|i|you) |let's |lets |i'll |i will |i'd rather )?"
       r"(?:do|make|handle) (?P<rest>.+?)(?: instead)$|"
       r"^(?:can (?:we|i) |let's |lets |i'll |i will |i'd rather |i would rather |i'd prefer to |"
       r"i prefer to )(?:do|make|handle) (?P<rest2>.+)$", _move_instead),
    # "can the report be moved to monday", "the bank call should be pushed to friday"
    _r("task.move", r"^(?:can|could|should|shall) (?P<ref>.+?) be (?P<rest>(?:moved|pushed|"
       r"postponed|rescheduled|shifted|bumped|delayed|put off)(?: back| forward| up)? .+)$|"
       r"^(?P<ref2>.+?) (?:needs to|should|has to|must|can) be (?P<rest2>(?:moved|pushed|"
       r"postponed|rescheduled|shifted|bumped|delayed|put off)(?: back| forward| up)? .+)$",
       _move_passive),
    _r("task.move", r"^put (?P<rest>.+? off (?:till|until|to|for) .+)$", _move),
    _r("task.list", r"^(?:what(?:'s| is| do i have| have i got| are)?|what's|show|list|read|"
       r"run (?:me )?through|walk me through|take me through|go (?:through|over)|"
       r"pull up|bring up|call up|fetch|display|"
       r"tell me|give me|any|do i have|anything|which|how many|is there|is anything|"
       r"are there any)\b.*\b(?:tasks?|list|to dos?|agenda|due|overdue|schedule|plan|todo|plate|"
       r"coming up|upcoming|deadlines?)\b", _list),
    _r("task.list", r"^(?:what do i have|what have i got|what's on|what is on|"
       r"(?:is there |have i got |do i have )?anything on)(?: on)?"
       r"(?: for me)?(?: (?:for )?(?:today|tomorrow|this week|tonight|the rest of (?:the|this) "
       r"(?:week|day)|the rest of today))?$", _list),
    _r("task.list", r"^what (?:do|must|should) i (?:need to |have to |still need to |"
       r"still have to )(?:do|get done|finish|get through)(?: today| tonight| this week)$", _list),
    _r("task.list", r"^(?:what(?:'s| is)|what do i have|anything|is anything|is there anything) "
       r"(?:still )?(?:left|remaining|still open|outstanding|pending|open)"
       r"(?: (?:to do|for) (?:today|tonight|this week))?(?: today)?$|"
       r"^(?:what|where) am i (?:behind|late)(?: on| with)?$|"
       r"^am i (?:behind|late)(?: (?:on|with) anything)?$", _list),
    _r("task.list", r"^(?:my |today's |todays )?(?:tasks|to dos|agenda)(?: for)?"
       r"(?: today| this week)?$", _list),
    # "show me my work stuff": one's own things, with a kind word that is a tag
    _r("task.list", r"^(?:show|list|read|give|tell)(?: me)?(?: all)? (?:my (?:[a-z]+ )?|the "
       r"(?:work|home|personal|school|shopping|family|office|health|errand|house|garden|finance|"
       r"study|kids|job|business|travel) )"
       r"(?:stuff|things|"
       r"jobs|chores|errands|items)(?: (?:for )?(?:today|tonight|this week))?$", _list),
    _r("task.list", r"^(?:show|list|read|give|tell|find)(?: me)? (?:(?:everything|all|anything|"
       r"what's|what is|whatever is|whatever's) (?:tagged|labell?ed|under)(?: as| with)? "
       r"[a-z]+|(?:everything|all|anything|(?:the |my )?(?:tasks|things|stuff|items)) "
       r"(?:with|under) (?:the |a )?[a-z]+ (?:tag|label))$", _list),
    _r("task.list", r"^what (?:have i|haven't i|have i still) (?:not )?(?:done|finished|"
       r"completed|ticked off)(?: yet)?(?: today| this week)?$", _list),
    # "<misheard show> my tasks": reading the list is harmless, so any first word that is
    # not a command of its own (never "clear my list") reads it
    _r("task.list", r"^(?P<verb>[a-z']+) (?:me )?(?:all )?my (?:tasks|to dos|list)$",
       lambda m, c: None if m.group("verb") in _OWN_MEANING | _BULK_VERBS else _list(m, c)),
    # llm-backed requests
    _r("llm.briefing", r"^(?:good morning|morning briefing|brief me|(?:give me |read me )?"
       r"(?:a |my )?(?:morning |daily )?briefing|what does my day look like|how does my day look|"
       r"plan my day|what's my day like|start my day)"),
    _r("llm.review", r"^(?:evening review|review my day|how did (?:my day|today) go|"
       r"end of (?:the )?day review|wrap up (?:my|the) day|daily review|good night|"
       r"let's review (?:my |the )?day)"),
    _r("llm.reflect", r"^(?:reflect on|help me reflect on|what (?:patterns|themes) do you see in"
       r"|summari[sz]e)(?: my)? (?:journal|diary)"),
    # loose "I <did something>" forms: a habit or task when the words name one
    _r("task.complete", _LOOSE + r"(?P<ref>(?:\w+[^e\W]ed|ran|read|drank|did|went|wrote|took|"
       r"bought|paid|sent|made|got|swam|ate|spoke|rode|gave|had|done|drunk|gone|run|"
       r"written|taken|sent|eaten|rang) .+|\w+[^e\W]ed)$", _done_something),
    # "I book the dentist appointment": the past tense heard without its "-ed"
    _r("task.complete", r"^i (?:just |already )?(?P<ref>[a-z]+ .+)$", _present_done),
    # "<misheard verb> 4 glasses of water": a count of a habit is a log on its own
    _r("habit.log", r"^(?:(?!(?:i|i'd|i'll|we|you|need|want|get|bring|pour|fetch|give|grab|buy|"
       r"order|should|can|could|would|please|how|what|is)\b)\S+ ){0,2}"
       rf"(?P<body>(?:(?:\d+|once|twice)(?: more)?|another) {_UNIT} (?:of )?.+)$", _count_log),
    # "one more meditation", "another run": one more of a habit, named clearly
    _r("habit.log", r"^(?:(?P<n>\d+) more|another) (?P<ref>[a-z][a-z ]+)$",
       lambda m, c: _more_log(m, c)),
    # "water, 2 glasses", "meditate twice": a habit's name, then how many
    _r("habit.log", rf"^(?P<ref>[a-z][a-z' ]*?):? (?:x ?)?(?:\d+|once|twice)(?: more)?(?: {_UNIT})?"
       r"(?: (?:for )?(?:today|yesterday))?$", _named_count_log),
    # bare "add X" last: the specific add/habit/journal forms above win
    _r("task.add", r"^(?:add|put down|jot down|write down) (?P<body>.+?)(?P<after>)$",
       _add_or_log),
    # "<misheard log> drink water": a habit's name after one unknown word
    _r("habit.log", r"^(?P<verb>[a-z']+) (?P<ref>.+)$", _misheard_log),
)


def _habit_status_known(m: re.Match[str], ctx: Context) -> Parse | None:
    """"how's my water habit (going)": a habit's status only when it says "habit" or names one.

    "how is my mom doing" and "how's my hair looking" are conversation.
    """
    return _habit_status_named(m.group("h") or m.group("h2") or "", m.group(0), ctx)


def _habit_status_any(m: re.Match[str], ctx: Context) -> Parse | None:
    """``_habit_status_known`` for a rule of several forms, each naming the habit in a group."""
    name = next((g for k, g in m.groupdict().items() if k.startswith("h") and g), "")
    return _habit_status_named(name, m.group(0), ctx)


def _habit_status_named(name: str, said: str, ctx: Context) -> Parse | None:
    name = name.strip()
    if " habit" not in said and ctx.vocab.habits and _best(name, ctx.vocab.habits) < 62:
        return None
    return _habit_status_of(name)


def _habit_status_two(m: re.Match[str], ctx: Context) -> Parse | None:
    return _habit_status_of((m.group("h") or "").strip() or (m.group("h2") or "").strip())


def _habit_status_of(h: str) -> Parse | None:
    if re.match(r"(?:a|an|about|on|of)\b", h):
        return None  # "what is a streak": what the word means, not one of the user's streaks
    h = re.sub(r"^(?:my|the)\s+|\s+(?:habit|streak)$", "", h).strip()
    # "my longest run streak": how the streak is measured, not part of the habit's name
    h = re.sub(r"^(?:longest|current|best|present|ongoing|active|daily|latest)\s+", "", h)
    if h in ("habits", "habit", "all", "all my habits", "all habits"):
        h = ""
    return Parse("habit.status", {"habit": h or None})


#: Words a command starts with, for repairing a misheard first word.
COMMAND_WORDS = ("add", "log", "mark", "pause", "resume", "start", "stop", "undo", "move",
                 "postpone", "reopen", "uncheck", "remind me", "create", "complete", "finish",
                 "focus", "journal", "show", "list", "begin", "reschedule", "push", "how many",
                 "what's", "repeat", "record", "tick off", "check off", "cancel", "evening")
#: First words that are real English: a sentence starting so is not a mishearing.
_REAL_FIRST = frozenset((
    "i", "i'm", "i've", "i'd", "what", "what's", "how", "how's", "who", "why", "when", "where",
    "which", "is", "are", "am", "can", "could", "would", "will", "should", "do", "does", "did",
    "the", "a", "an", "my", "your", "it", "it's", "this", "that", "there", "please", "tell",
    "give", "show", "let's", "let", "me", "we", "you", "he", "she", "they", "hello", "hi", "hey",
    "thanks", "thank", "yes", "no", "ok", "okay", "good", "but", "so", "or", "if", "then",
    "than", "not", "just", "now", "in", "on", "of", "with", "to", "for",
    # contractions: "that's the plan sorted" is no misheard "mark"
    "that's", "there's", "here's", "he's", "she's", "they're", "we're", "you're", "i'll",
    "we'll", "you'll", "it'll", "who's", "where's", "when's", "why's", "isn't", "don't",
    "didn't", "can't", "won't", "wasn't", "doesn't", "haven't"))
_NO_REPAIR_INTO = ("task.delete", "journal.add", "meta.confirm", "meta.deny")


class Grammar:
    """Text in, ``Parse`` out; ``None`` means "not a command" and goes to the LLM."""

    def __init__(self, clock: Clock, rules: Sequence[Rule] = RULES) -> None:
        self.clock = clock
        self.rules = tuple(rules)

    def parse(self, text: str, vocab: Vocabulary | None = None) -> Parse | None:
        norm = normalize(text)
        if not norm:
            return None
        found = self._match(norm, text, vocab)
        if found is None:
            found = self._date_first(norm, vocab)
        if found is None:
            found = self._repair(norm, vocab)
        return found

    def _date_first(self, norm: str, vocab: Vocabulary | None) -> Parse | None:
        """"tonight at 8 remind me to water the plants": a date said before the command.

        The rules look for a command's date after it, so a head of clear date words
        that parses as a date moves to the end; only when a command word then leads,
        and never into a delete or a journal entry (whose words are the user's own).
        """
        moved = _lead_date_bare(norm, Context(norm, norm, self.clock, vocab or Vocabulary()))
        said = re.match(r"(yesterday|today|this morning|earlier today) (i .+)$", norm)
        if said:  # a past day is no date to schedule for, so _lead_date_bare leaves it
            moved = f"{said.group(2)} {said.group(1)}"
        report = moved.startswith("i ")  # "yesterday I went for a run": a habit's log only
        if moved == norm or not (report or any(moved.startswith(cmd + " ")
                                               for cmd in COMMAND_WORDS)):
            return None
        found = self._match(moved, moved, vocab)
        if found is not None and report and found.intent != "habit.log":
            return None
        return None if found is None or found.intent in _NO_REPAIR_INTO else found

    def _repair(self, norm: str, vocab: Vocabulary | None) -> Parse | None:
        """Retry with a misheard first word swapped for the command word it sounds like.

        Whisper most often garbles the first word of a short command ("long 4 glasses",
        "harmony minutes"); the rest is usually right. Only text no rule matched is
        retried, only when the first word is not an everyday English word, never into
        a delete or a yes/no, and only when the repaired text then parses.
        """
        from rapidfuzz import fuzz

        words = norm.split()
        if len(words) < 2 or words[0] in _REAL_FIRST:
            return None
        if any(norm.startswith(cmd + " ") for cmd in COMMAND_WORDS):
            return None  # the command word was heard right: the rest is what did not parse
        best: tuple[float, str] | None = None
        for cmd in COMMAND_WORDS:
            n = len(cmd.split())
            for k in {n - 1, n, n + 1} - {0}:  # "chinkoff": a two-word command heard as one
                if k >= len(words):
                    continue
                head = "".join(words[:k])
                score = fuzz.ratio(head, cmd.replace(" ", ""))
                if re.match(r"(?:un|non|not|dis|in)" + re.escape(cmd.replace(" ", "")) + "$",
                            head):
                    continue  # "un complete": the opposite of the command, never it
                flat = cmd.replace(" ", "")
                if len(head) >= 4 and flat[:-len(head)] in ("un", "re") and flat.endswith(head):
                    continue  # "check if ...", "open the window": a real verb, not "uncheck"
                if head != cmd.replace(" ", "") and score >= 72 and (
                        best is None or score > best[0]):
                    best = (score, cmd + " " + " ".join(words[k:]))
        if best is None:
            return None
        found = self._match(best[1], best[1], vocab)
        if found is None or found.intent in _NO_REPAIR_INTO:
            return None
        return found

    def _match(self, norm: str, text: str, vocab: Vocabulary | None) -> Parse | None:
        ctx = Context(norm, fix_journal_head(text.strip()), self.clock, vocab or Vocabulary())
        for rule in self.rules:
            target = basic(ctx.original) if rule.intent == "journal.add" else norm
            m = rule.pattern.search(target)
            if not m:
                continue
            parse = rule.build(m, ctx) if rule.build else Parse(rule.intent, {})
            if parse is not None:
                parse.text = norm
                return parse
        return None


def suggest(text: str) -> str | None:
    """The closest command wording, for replies from models that may not run tools."""
    from rapidfuzz import fuzz, process

    norm = normalize(text)
    best = process.extractOne(norm, list(EXAMPLES.values()), scorer=fuzz.token_set_ratio)
    if best is None or best[1] < 55:
        return None
    return str(best[0])

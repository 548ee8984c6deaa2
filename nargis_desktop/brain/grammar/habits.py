"""Grammar builders for habits: logging (with counts and days), creating, status; and the
loose "I did X" forms that may be a habit or a task."""

from __future__ import annotations

import re
from collections.abc import Sequence

from nargis_desktop.brain.grammar.focus import _SPAN
from nargis_desktop.brain.grammar.model import _REAL_FIRST, NAMING, Context, Parse, _best
from nargis_desktop.brain.grammar.tasks import _T, _add, _verb_as_noun
from nargis_desktop.brain.normalize import WEEKDAY, normalize
from nargis_desktop.brain.slots import TASK_MATCH, clean_ref, count_of

#: "a bottle of water, plus one": one more (its "one" may be gone already, taken as
#: the "one" of "the milk one")
_PLUS_ONE = r"\s+(?:plus|\+)(?: ?(?:one|1))?(?: more)?"

#: When, how long or that it was another one, at the end of a report: never part of a name.
_AROUND = re.compile(rf"(?:\s+for {_SPAN}|\s+so far|\s+this (?:morning|evening|afternoon)|"
                     r"\s+tonight|\s+just now|\s+(?:until|till) now|\s+earlier(?: today)?|"
                     r"\s+a (?:minute|moment|bit|while) ago|"
                     r"\s+on (?:the|my) way (?:home|back|in|to work)|"
                     r"\s+(?:at|over) lunch(?:time)?|"
                     r"\s+(?:after|before) (?:work|lunch|breakfast|dinner|bed)|"
                     r"\s+for (?:the|to)day|"
                     r"\s+as well|\s+too|\s+also|\s+already|\s+itself|"
                     rf"{_PLUS_ONE}|"
                     # "on the train", "before the kids woke up": where, or when by something else
                     r"\s+(?:on|in|at) the (?:train|bus|tube|subway|metro|plane|park|gym|garden|"
                     r"beach|pool|office|track|treadmill|school run)|"
                     r"\s+by the (?:stove|fire|fireplace|window|lake|sea|river|pool)|"
                     # "up the holler", "round the park", "along the river": where it went
                     r"\s+(?:up|down|round|around|along|through) the (?:hill|holler|road|street|"
                     r"lane|block|park|river|canal|beach|track|trail|field|valley|hills|mountain|"
                     r"path|lake|woods|village|town)\b|"
                     r"\s+(?:before|after|while|when) (?:the|my|i|we|everyone|everybody|they|he|"
                     r"she)\b.*)+$")


#: Words of feeling that end in "-ed" like a deed, said of something ("I'm scared stiff of
#: 'em", "pleased to report ..."; "knackered after my run" still tells of the run).
_FEELING = re.compile(r"(?:(?:i'm|i am|we're|we are) )?(?:so |very |really |quite )?"
                      r"(?:scared|frightened|terrified|petrified|tired|bored|worried|stressed|"
                      r"excited|annoyed|pleased|delighted|thrilled|surprised|shocked|"
                      r"disappointed|embarrassed|ashamed|relieved|concerned|confused|"
                      r"interested|obsessed|overwhelmed|exhausted|knackered|gutted|chuffed)"
                      r"(?: stiff| sick| silly| to death)? (?:of|about|by|with|to|that|at)\b")


def _done_something(m: re.Match[str], ctx: Context, group: str = "ref") -> Parse | None:
    """'I finished X' / 'mark X done': a task or a habit, whichever X names better (X the
    rule's ``group``)."""
    said_ref = m.group(group)
    if re.match(r"(?:(?:did|do|does|have|had|was|am) )?(?:not|never)\b", said_ref):
        return None  # "I did not meditate": a denial
    if re.match(r"(?:got|had|have) to\b|(?:i|we)(?:'ll| will| shall|'m going to| am going to|"
                r"'re going to| are going to| gonna| need to| have to| must| should| want to|"
                r"'d| would| can| could| might)\b", said_ref):
        return None  # "got to buy milk", "I'll get the bank call done": it is still to do
    if _FEELING.match(said_ref):
        return None  # "scared stiff of the dentist", "pleased to report ...": how one feels
    if re.search(r"\b(?:whether|if|wonder|no idea|not sure|don't know|dunno|can't remember)\b",
                 said_ref):
        return None  # "I've no idea whether the plants got watered": a doubt, told of nothing
    ref = clean_ref(said_ref)
    # "for 10 minutes", "so far": how long or how much so far, never part of a name
    # ("just now", "as well": when or that it was another one, never part of a name either)
    ref = _AROUND.sub("", ref)
    # "did 20 minutes of meditation": how long, not how many times
    ref = re.sub(r"\b\d+(?:\.\d+)? (?:minutes|hours?|mins?)\b(?: of)?", "", ref).strip()
    day = None
    d = re.search(rf"\s*\b(?:for )?{_DAY}$", ref)
    if d:
        day = "yesterday" if d.group(0).strip() not in ("today", "for today") else None
        ref = _AROUND.sub("", ref[: d.start()].strip())  # "after work yesterday"
    elif re.search(r"\byesterday$", m.group(0)):
        day = "yesterday"  # "mark meditate done for yesterday": the day after the done-word
    lead_day, ref = _day_prefix(ref)
    day = day or lead_day
    if not ref or ref in ("it", "that", "this") or len(ref.split()) > 6:
        return None
    loose = m.re.pattern.startswith(_LOOSE)
    if not loose and _COMMAND_AFTER.match(ref):
        return None  # "done, kill the timer": a command after the word "done", no task named
    if not loose and re.search(r"\b(?:have|has|had)\b", ref):
        return None  # "the plants have drunk water well, that one is finished": a clause
    if re.search(r"\b(?:from|for|off|of) (?:my |the )?(?:list|tasks|to dos)$", ref):
        return None  # "... from my list" (or misheard "for my list") asks for a removal
    if loose and _not_done_loose(m.group(0), ref):
        return None
    full = ref
    if loose:  # "drank 2 glasses of water": try the words after the verb as well
        ref = ref.split(" ", 1)[1] if " " in ref else ref
        ref = re.sub(r"^up\s+(?=\S)", "", ref)  # "picked up the milk"
    count, ref = _leading_count(ref)  # before clean_ref, which drops the "a" of "a glass"
    ref = clean_ref(ref)
    if count is None and loose:  # "I meditated twice": a count anywhere after the verb
        counted = re.search(_COUNT_WORDS, full)
        count = _count_word(counted.group(0).split()[0]) if counted else None
    habit_score = max(_best(ref, ctx.vocab.habits), _best(full, ctx.vocab.habits))
    task_score = max(_best(ref, ctx.vocab.open_tasks), _best(full, ctx.vocab.open_tasks))
    if (doing := _task_doing(ref, ctx.vocab.open_tasks)) is not None:
        ref, task_score = doing, 100.0  # "mark the watering done": "water the plants"
    if loose and " " in full:
        # "I read the news", "I ran into an old friend": the verb names a habit but what
        # follows it names something else; "ran a 5k", "read 3 chapters" are the habit
        verb = full.split()[0]
        obj = re.sub(r"\s+", " ", re.sub(_COUNT_WORDS, " ", ref)).strip()
        fits = not obj or _best(obj, ctx.vocab.habits) >= 62 or bool(_HABIT_OBJECT.search(obj))
        if re.match(r"(?:that|about|somewhere|online|how|why|what|where|when|if|whether)\b", obj):
            fits = False  # "I read that meditation lowers blood pressure": what was read
        if not fits or (verb == "made" and habit_score < 75):
            habit_score = 0.0  # ("I have made a mistake" is no "meditate")
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
    said = said_ref.split(" ", 1)[-1] if loose else said_ref
    said = re.sub(r"^up\s+(?=\S)", "", said) if loose else said
    # "I finished the book" (or "a chapter of my book") names no task, though one is
    # "book the dentist"
    said = re.sub(rf"^(?:a|an|another|\d+|once|twice)\s+(?:\w+\s+)?{_UNIT}\s+of\s+", "", said)
    if habit_score < 62 and _verb_as_noun(said, ctx.vocab.open_tasks):
        return None
    return Parse("task.complete", {"task": ref})


def _task_doing(ref: str, tasks: Sequence[str]) -> str | None:
    """The one open task whose verb ``ref`` is, said as a doing ("the watering", "the
    calling"): that names the task, not a habit sharing the word ("drink water")."""
    if not re.fullmatch(r"[a-z]+ing", ref):
        return None
    stem = ref[:-3]
    found = [t for t in tasks if " " in t and t.casefold().split()[0] in (
        stem, stem + "e", stem[:-1])]
    return found[0] if len(found) == 1 else None


#: A command verb and its object: what follows "done," when it is no task's name.
_COMMAND_AFTER = re.compile(r"(?:kill|stop|end|pause|resume|start|cancel|delete|remove|add|"
                            r"move|undo|show|list) (?:the|my|that|this|it|a)\b")


#: What a count of a habit counts, and with minutes, what may stand after its number.
SERVING = (r"(?:glass(?:es)?|cups?|mugs?|bottles?|pages?|times?|rounds?|sets?|laps?|chapters?|"
           r"servings?)")
_UNIT = rf"(?:{SERVING}|minutes?)"


#: After a number, what makes it how far, how cold or how long, never how many times
#: ("ran 5 miles", "minus 5 degrees").
_DISTANCE_UNIT = r"(?:k|km|kilomet(?:er|re)s?|miles?|klicks?)"
NOT_A_COUNT = rf"(?! ?(?:{_DISTANCE_UNIT}|degrees?|minutes|hours?|mins?|am|pm|o'clock)\b)"
_COUNT_WORDS = rf"\b(?:\d+|once|twice)\b{NOT_A_COUNT}(?: {_UNIT}\b(?: of\b)?)?"


#: The start of the loose "I <did something>" pattern (see the last rule).
_LOOSE = "^(?:i(?:'ve| have)? )?(?:just |already |finally )?"


#: Past tenses of other commands: "postponed buy milk" is a misheard move, not a completion.
_OTHER_COMMANDS_PAST = frozenset((
    "postponed", "rescheduled", "delayed", "deferred", "deleted", "removed", "erased",
    "cancelled", "canceled", "reopened", "unchecked", "unmarked",
    # what did NOT happen, or only was meant to: "I missed that", "I skipped my run"
    "missed", "skipped", "forgot", "forgotten", "failed", "quit", "stopped", "paused",
    "needed", "wanted", "planned", "meant", "tried", "avoided", "dreaded", "hated",
    # what someone else will do: "I've outsourced that to the neighbour"
    "outsourced", "delegated", "handed", "passed", "assigned", "forwarded", "reassigned",
))


def _not_done_loose(said: str, ref: str) -> bool:
    """Loose "<verb>ed X" forms that are not reports of something done.

    A past tense of another command, or "read my ..." / "read me ..." without an "I":
    "read" is also the imperative ("read my to do list").
    """
    words = ref.split()
    if words[0] in _OTHER_COMMANDS_PAST:
        return True
    if re.search(rf"\b(?:to|until|till) (?:today|tomorrow|tonight|{WEEKDAY}|next \w+|the weekend)$",
                 ref):
        return True  # "shifted it to thursday" (misheard): a move, never a report of done
    if words[0] in ("did", "had") and words[1:2] and words[1] in (
            "i", "you", "we", "they", "he", "she", "it"):
        return True  # "did I go for a run yesterday": a question, never a report
    has_subject = bool(re.match(r"^i\b", said))
    return not has_subject and words[0] in ("read", "set", "put", "run") and len(words) > 1 \
        and words[1] in ("me", "my", "the", "out", "back", "a")


def _leading_count(ref: str) -> tuple[int | None, str]:
    # "20 minutes of meditation", "meditate 15 minutes": how long, never how many times
    ref = re.sub(r"^(?:for )?\d+ (?:minutes|hours?|mins?) (?:of )?|\s+(?:for )?(?:about |around )?"
                 r"(?:\d+(?:\.\d+)? (?:minutes|hours?|mins?)|half an hour|an hour|a while|a bit)$",
                 "",
                 ref).strip() or ref
    # "a 5 k run": how far, never how many times
    distance = rf"(?:a )?\d+(?:\.\d+)? ?{_DISTANCE_UNIT}"
    ref = re.sub(rf"^{distance}\b\s*(?=\S)", "", ref)
    if re.fullmatch(distance, ref):
        return None, ""  # "ran 5 miles": the distance alone, no count and no name
    plus = re.search(f"{_PLUS_ONE}$", ref)
    if plus:
        return 1, _leading_count(ref[: plus.start()])[1]
    # ("1 more glass of water": one more is a count of one)
    m = re.match(rf"^(\d+|once|twice)\s+(?:more\s+)?(?:{_UNIT}\s+(?:of\s+)?)?(?P<rest>.+)$",
                 ref) or \
        re.match(rf"^(a|an|another)\s+(?:(?:big|large|small|little|full|tall|huge|quick|"
                 rf"good|nice)\s+)?{_UNIT}\s+(?:of\s+)?(?P<rest>.+)$", ref)
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
    # "before bed yesterday", "yesterday before bed"
    ref = _AROUND.sub("", ref[: d.start()]) + ref[d.start():] if d else _AROUND.sub("", ref)
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
    if len(ref) < 3 or ref in ("a", "an", "the", "it", "that", "this", "one", "log", "'em", "them"):
        return None  # "log a, log a": no name was heard
    if m.groupdict().get("verb", "log") != "log" and _best(ref, ctx.vocab.habits) < 62:
        return None  # "record a song I like": only "log" is a habit word of its own
    if re.search(r"\b(?:is|are|was|were|am|be|so|very|too|really)\b", ref) and \
            _best(ref, ctx.vocab.habits) < 62:
        return None  # "log cabins are so cosy": a sentence about logs, no habit named
    return Parse("habit.log", {"habit": ref, "count": count, "day": day})


def _habit_log_known(m: re.Match[str], ctx: Context) -> Parse | None:
    """A log said without "log" first: only when the words name one of the user's habits."""
    said = m.group("ref") or m.group("ref2") or m.groupdict().get("ref3") or ""
    if not said and m.groupdict().get("ref4"):
        said = re.sub(r" down$", "", m.group("ref4")) + (m.group("day4") or "")
    day, ref = _day_suffix(said)
    count, ref = _leading_count(ref)
    ref = clean_ref(ref)
    if not ref or _best(ref, ctx.vocab.habits) < 62 or \
            _best(ref, ctx.vocab.habits) <= _best(ref, ctx.vocab.open_tasks):
        return None
    return Parse("habit.log", {"habit": ref, "count": count, "day": day})


#: How often a new habit is to be done, said in its request ("floss every night").
_HOW_OFTEN_SAID = re.compile(r"\s*\b(?:every ?day|each day|daily|every week|each week|weekly|"
                             r"every (?:night|morning|evening)|each (?:night|morning|evening)|"
                             r"nightly)\b")


def _habit_create(m: re.Match[str], ctx: Context) -> Parse | None:
    body = m.group("body")
    target, freq = None, None
    tail = re.search(r"\s+(?:as|(?:and )?make (?:it|that|this)) (?:a |my )?(?:new )?"
                     r"(?:(daily|weekly) )?habit$", body)
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
        # ("a habit called daily crossword": the word said right after "called" is the name's)
        named_so = re.search(r"\b(?:called|named) (?:daily|weekly|nightly) \S", m.string)
        g = _HOW_OFTEN_SAID.search(body, body.find(" ") + 1 if named_so else 0)
        if g:
            freq = "weekly" if "week" in g.group(0) else "daily"
            body = (body[: g.start()] + body[g.end():]).strip()
    # "add a new habit to the ship's routine: knot practice": where it goes, then its name
    body = re.sub(r"^(?:(?:to|in|into|on) )?(?:the|my) [a-z' ]+:\s*(?=\S)|^new me:\s*(?=\S)", "",
                  body)
    body = _NAMING.sub("", body).strip(" ,")
    # "tracking a new habit: flossing", "new habit to track: swabbing the deck", "a new
    # habit, a cold bath": the words that only say it is a habit, and the article
    body = re.sub(r"^(?:(?:a |an )?(?:new )?(?:daily |weekly )?habit|(?:to )?track):?\s+", "",
                  body)
    body = _NAMING.sub("", body)  # ("..., a habit called capoeira", "..., namely flossing")
    body = re.sub(r"^(?:a|an|the)\s+(?=\S+\s+\S)", "", body)  # ("the evening constitutional")
    body = re.sub(r"^log\s+(?:a\s+)?", "", body)  # "called" heard as "log" ("habit, log yoga")
    body = re.sub(r"^do\s+(?=[a-z]+$)", "", body)  # "do yoga": the doing is "yoga"
    body = re.sub(r"\s+for me$|\s+a (?:little|bit)$", "", body)  # "track swimming for me"
    if re.search(r"\b(?:for|of) (?:this|that)\s*[,:]", ctx.original, re.IGNORECASE):
        body = re.sub(r"^(?:(?:for|of) )?(?:this|that):?\s+(?=\S)", "", body)  # "... for this, X"
    named = re.search(r",? (?:name|call) it (.+)$", body)
    if named:  # "a new habit, tai chi in the morning, name it tai chi": the name said last
        body = named.group(1)
    else:
        body = _set_off(re.sub(r"^(?:for )?(?:me|us)\s+(?=\S)", "", body), ctx.original)
    if not body or body in ("it", "that", "this", "them", "one", "me", "us", "you"):
        return None  # "let me make a habit of it", "start me a new habit": no name
    per = m.groupdict().get("per")
    if freq is None and per:  # "a daily habit to stretch"
        freq = per
    return Parse("habit.create", {"name": body, "target": target, "frequency": freq})


def _set_off(body: str, said: str) -> str:
    """"New habit for us, walk the dog, I'm gonna do it every night", "a new habit,
    crossword puzzle, every morning with my coffee": a name set off by commas after "habit"
    is the name; what comes after its comma tells of it."""
    # (after the last "habit": "new habit - okay, okay, one second - new habit, yoga")
    heads = list(re.finditer(r"\bhabit\b", said, re.IGNORECASE))
    words = body.split()
    if not heads:
        return body
    head = heads[-1]
    for part in said[head.end():].split(","):
        told = normalize(part).strip(" :").split()
        k = next((k for k in range(min(len(told), len(words)), 0, -1)
                  if told[-k:] == words[:k]), 0)
        if k:  # (the part may start with words the name lost: "call it arabic calligraphy")
            return " ".join(words[:k]) if k < len(words) else body
    return body


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
    if re.match(r"(?:a|an) more\b", body):
        return None  # "add a more reading today" (for "have I done my reading"): no English
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
    if task >= 85 and day is None and count is None and _same_verb(clean_ref(ref), ctx):
        return Parse("task.complete", {"task": clean_ref(ref)})
    return None


def _same_verb(ref: str, ctx: Context) -> bool:
    """The title matched starts with the verb said ("I book the dentist appointment"), not
    with a word after another verb ("I overthought water the plants" is no report)."""
    title = max(ctx.vocab.open_tasks, key=lambda t: _best(ref, [t]), default="")
    said, named = ref.split()[:1], title.casefold().split()[:1]
    return bool(said and named and (said[0][:4] == named[0][:4] or said[0] in _DOING))


#: Verbs that say a thing was done whatever it is ("I give water to the plants").
_DOING = frozenset(("give", "gave", "do", "did", "done", "don", "finish", "finished", "complete",
                    "completed", "make", "made", "get", "got", "handle", "handled", "sort",
                    "sorted"))


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
    if re.search(r"\b(?:streak|progress|goal|stats|target)$", ref):
        return None  # "<misheard how's> my meditation streak": a question about it
    if re.search(rf"(?<![\w']){re.escape(verb)}-{re.escape(ref.split()[0])}", ctx.original,
                 re.IGNORECASE):
        return None  # "Follow-ready, end of focus": one word as Whisper wrote it, no "log"
    day, ref = _day_suffix(ref)
    count, ref = _leading_count(ref)
    ref = re.sub(r"^(?:my|a|an|the)\s+", "", ref)
    if not ref or len(ref.split()) > 4:
        return None
    habit = _best(ref, ctx.vocab.habits)
    if habit < 85 or habit <= _best(ref, ctx.vocab.open_tasks):
        return None
    if _best(f"{verb} {ref}", ctx.vocab.open_tasks) >= TASK_MATCH:
        return None  # "plant water, tick that one off": the words with "plant" name a task
    return Parse("habit.log", {"habit": ref, "count": count, "day": day}, loose=True)


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
    # "my eight glasses" is the water habit; "my runs" the run
    name = re.sub(r"^\d+ (?=\S)", "", name.strip())
    name = re.sub(rf"^{_UNIT}(?: of water)?$", "water", name)
    if name.endswith("s") and _best(name[:-1], ctx.vocab.habits) > _best(name, ctx.vocab.habits):
        name = name[:-1]
    if " habit" not in said and ctx.vocab.habits and _best(name, ctx.vocab.habits) < 62:
        return None
    return _habit_status_of(name)


#: The words that lead into a habit's name ("a habit called capoeira", "a habit of flossing").
_NAMING = re.compile(rf"^(?:{NAMING}|to|of|for)\s+")


def _habit_status_two(m: re.Match[str], ctx: Context) -> Parse | None:
    h = re.sub(_HOW_MEASURED, "", (m.group("h") or "").strip()) or (m.group("h2") or "").strip()
    after = (m.group("h2") or "").strip()
    if after and after != h and _best(clean_ref(h), ctx.vocab.habits) < 62 <= _best(
            clean_ref(after), ctx.vocab.habits):
        h = after  # "how is going my streak for the reading": the habit named after it
    ref = clean_ref(h)
    if ref and _best(ref, ctx.vocab.habits) < 62 and _best(
            ref, ctx.vocab.tasks) >= TASK_MATCH:
        return None  # "have I done that report yet": a task's status, not a habit's
    return _habit_status_of(h)


#: How a streak is measured, never part of the habit's name ("my longest run streak").
_HOW_MEASURED = (r"^(?:my |the )?(?:longest|current|best|present|ongoing|active|daily|latest|"
                 r"biggest|top|highest)$")


def _habit_status_of(h: str) -> Parse | None:
    if re.match(r"(?:a|an|about|on|of)\b", h):
        return None  # "what is a streak": what the word means, not one of the user's streaks
    if re.search(r"\b(?:timer|session|pomodoro|focus block)\b", h):
        return Parse("focus.status", {})  # "status report on the current focus block"
    h = re.sub(r"^(?:my|the)\s+|\s+(?:habit|streak)$", "", h).strip()
    # "my longest run streak": how the streak is measured, not part of the habit's name
    h = re.sub(r"^(?:longest|current|best|present|ongoing|active|daily|latest)\s+", "", h)
    # "did I get my run in", "have I had my 8 glasses of water": the habit, not the words
    # around it or how much of it
    h = re.sub(r"^(?:get|got|fit|squeeze)\s+(?:in\s+)?(?:my |the |a )?(\S.*?)(?:\s+in)?$",
               r"\1", h)
    count, rest = _leading_count(h)
    if count is not None and rest:
        h = clean_ref(rest)
    if h in ("habits", "habit", "all", "all my habits", "all habits", "longest", "best",
             "current", "biggest", "top", "longest running", "highest", "today", "this week",
             "now", "the day"):
        h = ""
    return Parse("habit.status", {"habit": h or None})

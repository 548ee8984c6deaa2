"""Grammar builders for tasks: adding, finding one by name, moving, listing."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from nargis_desktop.brain.grammar.model import Builder, Context, Parse, _best
from nargis_desktop.brain.normalize import WEEKDAY
from nargis_desktop.brain.slots import (
    _looks_like_date,
    clean_ref,
    extract_priority,
    extract_tags,
    sound_key,
    split_due,
)
from nargis_desktop.core.dates import reads_as_date


def _lead_date(body: str, ctx: Context) -> str:
    """Move a leading date to the end: "tomorrow morning to send X" -> "send X tomorrow morning".

    People often say when before what ("remind me on friday to ..."); ``split_due``
    looks for the date at the end, so the two parts swap when the head parses as a date.
    """
    m = re.match(r"^(?P<prep>for |on |by |at )?(?P<d>(?:[^:]|(?<=\d):(?=\d))+?)"
                 r"(?::| to| that i need to| that(?: i| we)?| for) "
                 r"(?P<rest>.+)$", body)
    if not m or len(m.group("d").split()) > 5 or not _looks_like_date(m.group("d")):
        return _lead_date_bare(body, ctx)
    if not reads_as_date(m.group("d"), ctx.clock):
        return body
    # the preposition stays with the date: "on the 12th" parses, "the 12th" after a title may not
    return f"{m.group('rest')} {m.group('prep') or ''}{m.group('d')}"


#: A word that can only be part of a date or time ("6 pm", "tomorrow", "friday").
_CLEAR_DATE = re.compile(r"^(?:\d{1,2}(?::\d{2})?|\d{1,2}(?:st|nd|rd|th)|am|pm|today|tonight|"
                         rf"tomorrow|{WEEKDAY}|noon|midnight|"
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
        if not reads_as_date(" ".join(head), ctx.clock):
            continue
        return f"{' '.join(words[k:])} {' '.join(head)}"
    return body


#: Words that cannot make a title on their own ("add a, add a" heard for "undo").
_EMPTY_TITLE = frozenset(("a", "an", "the", "it", "that", "this", "not", "do", "to", "and",
                          "or", "so", "then", "one", "something", "thing", "task", "tasks"))


def _task_body(body: str, ctx: Context) -> Parse | None:
    body = _lead_date(body, ctx)
    body = re.sub(r"^(?:to|(?:that )?i (?:need|have|must|should|'ve got|'ve|got|gotta) to|"
                  r"(?:that )?i (?:must|should|gotta)|about|for|of(?= \w+ing\b))\s+", "", body)
    body = re.sub(r"^(?:called|named|titled|please:?|of(?= (?:pay|buy|call|book|send|get|fix|"
                  r"renew|clean|write|take|make)\b))\s+", "", body)  # ("remember of pay ...")
    # "I should really book a haircut": an adverb of the wish, never part of the title
    body = re.sub(r"^(?:really|definitely|seriously|honestly|absolutely|probably|still|"
                  r"also|actually|urgently)\s+(?=\S+\s)", "", body)
    prio, body = extract_priority(body)
    # "add a task very important, high priority: renew my residence card"
    body = re.sub(r"^(?:(?:very|really|super) )?(?:important|urgent)\s*:\s*", "", body)
    if prio:  # "add a task, of the highest priority, to post the card"
        body = re.sub(r"^to\s+(?=\S)", "", body)
    tags, body = extract_tags(body)
    title, due = split_due(body, ctx.clock)
    prio2, title = extract_priority(title)
    if prio or prio2:  # "add X as a high priority task": the kind said with the priority
        title = re.sub(r"\s+(?:as )?(?:an? )?task$", "", title)
    title = re.sub(r"\s+(?:and|with|,)$", "", title).strip(" ,:")
    if not title or all(w in _EMPTY_TITLE for w in title.split()):
        return None
    if re.fullmatch(r"\d+(?: (?:and|plus|to|\+|times|minus) \d+)+", title):
        return None  # "can you add 5 and 7": a sum to work out, not a task
    if re.fullmatch(r"(?:(?:my|the|a) )?(?:(?:to )?do )?lists?", title):
        return None  # "Remind to do list." ("read my to do list"): the list, not a task
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
    names = ctx.vocab.names
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
        # "delete the milk one im vegan now": the reason, said without a comma
        short = clean_ref(re.sub(r"\s+(?:(?:from|off|on) (?:my |the )?(?:list|tasks|to dos) )?"
                                 r"(?:i'm|im|i am|because|cause|cos|coz|since|we're|they're|"
                                 r"she's|he's)\b.*$", "", ref))
        if short and short != ref and _best(short, ctx.vocab.open_tasks) > _best(
                ref, ctx.vocab.open_tasks):
            ref = short
        # "delete the, not the milk, the other one, the dentist one": the last one named
        last = ref.rsplit(" the ", 1)[-1]
        if re.match(r"(?:no )?not the\b.* the other\b", ref) and _best(
                last, ctx.vocab.open_tasks) >= 75:
            ref = last
        if not ref or ref in ("it", "that", "this", "the last one") or _BULK.match(ref):
            return None
        if known and _names_nothing(ref, ctx):
            return None
        if re.match(r"(?:is|was|are|were|isn't|means|sounds|seems)\b", ref):
            return None  # "delete is a strong word": the verb is the subject, not a command
        return Parse(intent, {"task": ref})
    return build


def _status(m: re.Match[str], ctx: Context, *groups: str) -> Parse | None:
    """"did I call mom", "when is the dentist due": a question about one task, only when
    the words name one of the user's tasks, open or finished, better than any habit
    ("did I go for a run" stays a habit question; "when is christmas" is conversation)."""
    ref = re.sub(r"^(?:the )?(?:matter|business|question|issue) (?:of|about|with) |"
                 r"^(?:that|this) (?=\S)(?!(?:one|thing)$)| (?:ticket|task|item|job|one)$", "",
                 _first_group(m, *groups) or "")
    ref = clean_ref(re.sub(r"^(?:ring|rang|rung|phone|phoned|bell) ", "call ", ref.rstrip(" :")))
    if re.search(r"\b(?:not|never|isnt)\b|n't\b|\b(?:needs?|to be)$", ref) or \
            re.match(r"(?:mark|set|put|make|tick|check|cross)\b", ref):
        return None  # "pay rent isn't done yet", "mark it as not done": no question
    if not ref or _BULK.match(ref) or re.match(r"(?:it|that|this|anything|something|"
                                               r"everything|any|all|much)\b", ref):
        return None
    titles = ctx.vocab.tasks
    short = re.sub(r" (?:for|at|from) (?:the )?\w+$", "", ref)  # "the report for work"
    if short != ref and _best(short, titles) > _best(ref, titles):
        ref = short
    task = _best(ref, titles)
    if task < 68 or task <= _best(ref, ctx.vocab.habits):
        return None
    return Parse("task.status", {"task": ref})


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
        if not reads_as_date(due, ctx.clock):
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
    if re.match(r"what an? (?!list\b|tasks?\b)", t):
        return None  # "what a season it's been, my to-do list has more fixtures ...": a remark
    if _LIST_PRODUCT.search(t) or (_LIST_GENERIC.search(t) and not _LIST_PERSONAL.search(t)):
        return None  # "what's a good task manager": a question about lists, for the LLM
    if re.search(r"\bhow many (?:tasks|things|to dos|items|jobs) (?:did|have|has) (?:i|we)\b", t):
        return None  # "what's my throughput this week, how many tasks did I close out"
    if re.match(r"how (?:many|much)\b.*\b(?:should|could|would|can) (?:i|you|we|one|people)\b", t):
        return None  # "how many tasks should I do per day": advice, not the list
    if re.search(r"\b(?:state|status|story|progress|eta) (?:of|on|for) (?:(?:the|my|that) )?"
                 r"(?!(?:the|my|that|tasks|list|things|to dos|day|week|everything)\b)[a-z]", t):
        return None  # "what's the state of the milk task, still open?": of one task
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
                                  "finished", "remaining", "upcoming", "my", "pending",
                                  "outstanding", "unfinished", "incomplete", "current", "other",
                                  "the", "whole", "every", "these", "those", "which",
                                  "what", "any", "some", "your", "new"):
        tag = tm.group(1)
    km = re.search(r"\b(?:any|some)\s+(\w+) (?:tasks|stuff|things|jobs|items|to dos)\b", t) or \
        re.search(r"\b(?:tasks|stuff|things|jobs|items|to dos)(?: (?:i|we) (?:have|got|need "
                  r"to do))? (?:for|at|from) (\w+)\b", t) or \
        re.search(r"\b(?:with|under) (?:the |a )?(\w+) (?:tag|label)\b", t)
    if tag is None and km and km.group(1) in _TAG_WORDS:
        tag = km.group(1)  # "any work tasks": only a kind word, not "any other tasks"
    prio = ("high" if re.search(r"\b(?:high|top) priority\b|\b(?:urgent|important) "
                            r"(?:tasks|ones|things|items|stuff|jobs)\b", t)
            else "low" if re.search(r"\blow priority\b", t) else None)
    day = _DAY_ASKED.search(t)
    if "overdue" in t or "late" in t.split() or "past due" in t or "behind" in t.split() or \
            re.search(r"\b(?:missed|miss|slipped|past (?:the |its |their |a )?"
                      r"(?:due date|deadline))\b", t):
        view = "overdue"
    elif tag:
        view = "tag"
    elif day and not re.search(r"\btoday\b", t):
        return Parse("task.list", {"view": "day", "tag": None, "day": day.group("day"),
                                   "priority": prio})
    elif "week" in t:
        view = "week"
    elif re.search(r"\b(?:all|everything|open|whole|entire)\b", t) and not re.search(
            r"\b(?:for|do|due) (?:today|tonight)\b", t):
        view = "open"  # (but "all the things we need to do today" are today's)
    elif re.search(r"\b(?<!get )(?<!got )(?<!be )(?:done|finished|completed)\b", t) and \
            not re.search(r"\bnot\b|n't\b", t):  # "what have I not done": the open ones
        view = "done"  # not "what do I need to get done"
    else:
        view = "today" if re.search(r"\b(?:today|tonight|now|day)\b", t) else "open"
    return Parse("task.list", {"view": view, "tag": tag, "priority": prio})


#: A day a list question asks about ("what's due tomorrow", "what do I have on friday").
_DAY_ASKED = re.compile(rf"\b(?:due |on |for |by )?(?P<day>(?:the )?day after tomorrow|tomorrow|"
                        rf"(?:this |next )?{WEEKDAY}|(?:this |the )?weekend)\b")


def _period(default: str, intent: str) -> Builder:
    def build(m: re.Match[str], ctx: Context) -> Parse | None:
        t = ctx.text
        period = ("yesterday" if "yesterday" in t else "today" if "today" in t
                  else "month" if "month" in t else "week" if "week" in t else default)
        return Parse(intent, {"period": period})
    return build


def _choice(m: re.Match[str], ctx: Context) -> Parse | None:
    word = m.group("n")
    n = {"1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4,
         "last": -1}.get(word, 0)
    return Parse("meta.choice", {"index": n}) if n else None


def _first_group(m: re.Match[str], *names: str) -> str | None:
    """The first of the named groups that took part in the match (a rule of several forms
    may lack some of them)."""
    named = m.groupdict()
    return next((named[n] for n in names if named.get(n)), None)


def _move_passive(m: re.Match[str], ctx: Context) -> Parse | None:
    """"can the report be moved to monday": a known task, a move verb, then the date."""
    ref = clean_ref(_first_group(m, "ref", "ref2", "ref3") or "")
    rest = _first_group(m, "rest", "rest2", "rest3") or ""
    # ("the milk run moves to saturday": a task said to move names it more surely, so the
    # task that name is nearest is meant)
    score = _best(ref, ctx.vocab.open_tasks) if ref else 0.0
    if score < (60 if m.groupdict().get("ref3") else 68):
        return None
    if score < 68:
        ref = max(ctx.vocab.open_tasks, key=lambda t: _best(ref, [t]))
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


#: How a priority is said: "top", "urgent" and "important" are high.
_PRIORITY_SAID = {"high": "high", "top": "high", "urgent": "high", "important": "high",
                  "highest": "high", "low": "low", "lowest": "low", "normal": "normal",
                  "medium": "normal", "regular": "normal"}


def _edit(m: re.Match[str], ctx: Context) -> Parse | None:
    """"make the report high priority", "rename buy milk to buy oat milk": only on an open
    task the words name, so "make dinner a priority" stays conversation."""
    ref = clean_ref(_first_group(m, "ref", "ref2", "ref3", "ref4", "ref5", "ref6", "ref7",
                                 "ref9", "ref10", "ref11", "ref12", "ref13") or "")
    if not ref or ref in ("it", "that", "this") or _best(ref, ctx.vocab.open_tasks) < 68:
        return None
    said = m.groupdict()
    prio = _PRIORITY_SAID.get(_first_group(m, "p", "p2", "p3", "p5", "p6") or "") or (
        "high" if said.get("up") else "low" if said.get("down") else None)
    title = (_first_group(m, "title", "title2", "title3", "title4", "title5", "title6")
             or "").strip()
    if not prio and not title:
        return None
    return Parse("task.edit", {"task": ref, "priority": prio, "title": title or None})


def _rename_known(m: re.Match[str], ctx: Context) -> Parse | None:
    """"change buy milk to grab milk and bread": a new name for a task the words name
    closely, when what follows is no date (a move) and no state ("to done")."""
    ref, title = clean_ref(m.group("ref")), m.group("title").strip()
    if re.match(r"(?:the )?(?:due )?(?:date|deadline|time|day)\b", ref) or _looks_like_date(title):
        return None  # "change the date for the plants to tonight, là": a move
    if not ref or _best(ref, ctx.vocab.open_tasks) < 75 or len(title.split()) < 2 or \
            re.match(r"(?:done|finished|complete|completed|high|low|normal|urgent|important|"
                     r"priority|the top|the bottom|the list)\b", title):
        return None
    return None if reads_as_date(title, ctx.clock) else Parse("task.edit", {"task": ref,
                                                                              "title": title})


def _move_known(m: re.Match[str], ctx: Context) -> Parse | None:
    """"call mom can wait until tomorrow", "make X due on Monday": a known task and a date.

    These forms have no command verb, so they count only when the words name an open
    task and the rest is a date; otherwise they are conversation.
    """
    ref = clean_ref(_first_group(m, "ref", "ref2", "ref3", "ref4") or "")
    due = _first_group(m, "due", "due2", "due3", "due4") or ""
    if not ref or not due or _best(ref, ctx.vocab.open_tasks) < 68:
        return None
    return Parse("task.move", {"task": ref, "due": due}) if reads_as_date(due, ctx.clock) else None


_T = r"(?:task|todo|to do|reminder|item|to-do)"

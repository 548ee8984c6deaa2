"""Grammar builders for focus sessions: how long, and on what."""

from __future__ import annotations

import re

from nargis_desktop.brain.grammar.model import Context, Parse, _best
from nargis_desktop.brain.slots import TASK_MATCH, clean_ref

#: How long: "25 minutes", "half an hour", "an hour and a half", "1.5 hours", "2 hours 15
#: minutes", "1 and a half hours".
_MINUTES = re.compile(r"\b(?:for )?(?:about |around |roughly |like )?(?:(?P<half>half an hour)|"
                      r"(?P<h>an|a|\d+(?:\.\d+)?) "
                      r"(?:and a (?P<part>half|quarter) )?hours?(?: and a (?P<part2>half|quarter))?"
                      r"(?: (?:and )?(?P<hm>\d+) minutes?)?|(?P<n>\d+) minutes?)\b")
_PARTS = {"half": 30, "quarter": 15}
_FOCUS_WORD = re.compile(r"\b(?:focus|session|timer|clock|mode|pomodoro|deep work)\b")


def _focus_start(m: re.Match[str], ctx: Context) -> Parse | None:
    text = ctx.text
    minutes = None
    mm = _MINUTES.search(text)
    if mm:
        if mm.group("n"):
            minutes = int(mm.group("n"))
        elif mm.group("half"):
            minutes = 30
        else:
            hours = 1.0 if mm.group("h") in ("a", "an") else float(mm.group("h"))
            part = mm.group("part") or mm.group("part2")
            minutes = round(hours * 60) + _PARTS.get(part or "", 0) + int(mm.group("hm") or 0)
        text = (text[: mm.start()] + " " + text[mm.end():]).strip()
        text = re.sub(r"\s+", " ", text)
    # "... without distractions": how, never part of a task's name
    text = re.sub(r"\s+(?:without (?:any )?(?:distractions?|interruptions?)|with no "
                  r"(?:distractions?|interruptions?)|no distractions|uninterrupted)$", "", text)
    bare = re.search(r"\bfor (\d{1,3})$", text)
    if minutes is None and bare and 5 <= int(bare.group(1)) <= 180:
        minutes = int(bare.group(1))  # "start focus for 25": minutes, the unit left unsaid
        text = text[: bare.start()].strip()
    task = None
    # "... on the report before my oga calls": when, never part of a task's name
    text = re.sub(r"\s+(?:before|after|while|until|till|because|since|so that) .*$", "", text)
    t = re.search(r"\b(?:on|for|working on|to work on)\s+(?:the\s+)?(?:task\s+)?(?P<task>.+)$",
                  text)
    if t:
        cand = clean_ref(t.group("task"))
        if cand and not re.fullmatch(r"(?:a |the )?(?:quick |short |new )?(?:focus|session|timer|"
                                     r"while|bit|now|deep work|do not disturb)"
                                     r"(?: sprint| block| session| mode)?|\d+", cand) and not (
                _FOCUS_WORD.search(cand) and _best(cand, ctx.vocab.open_tasks) < TASK_MATCH):
            task = cand  # ("on the clock, focus mode, let's go" names the session, no task)
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


_FOCUSW = r"(?:focus|focusing|timer|session|focus session|focus timer|work session|deep work)"


#: A length of time, for the focus forms that need one to be a focus request at all.
_SPAN = (r"(?:(?:an|\d+(?:\.\d+)?) (?:and a (?:half|quarter) )?hours?(?: and a (?:half|quarter))?"
         r"(?: (?:and )?\d+ minutes?)?|\d+ minutes|half an hour)")

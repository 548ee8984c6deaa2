"""Make typed and transcribed text look alike before matching.

Whisper on short commands capitalises, punctuates, writes "5 p.m." or "five",
and mishears the first word ("at a task" for "add a task"). Fixing those here
keeps the grammar's templates simple and the same for typing and speaking.
"""

from __future__ import annotations

import re

from nargis_desktop.core.numbers import words_to_digits

#: Mishearings of a leading command word, checked at the start of the text only.
_LEADING_FIXES: tuple[tuple[str, str], ...] = (
    (r"^(?:at|ad|and|had|odd|i'd|edit|hat|at the|and the|add the) (a )?(new )?task\b",
     r"add a \2task"),
    (r"^(?:at|ad|and|had|odd|hat) (?=(?:a |an )?(?:reminder|todo|to do)\b)", "add "),
    (r"^(?:at|ad|and|had) (?=\S+ to my (?:list|tasks|to do list|todo list)\b)", "add "),
    (r"^(?:a|add|at) new task\b", "add a task"),
    (r"^(?:lock|look|locked|logged|block|lot) (?=\S)", "log "),
    (r"^(?:and do|undue|on do|undo do|and due|under) that\b", "undo that"),
    (r"^(?:market|mike|marc|mart|marked) (?=\S)", "mark "),
    (r"^(?:journal entry|journal|general|journal note)\s*[:,-]?\s*", "journal: "),
    (r"^dear dairy\b", "dear diary"),
    (r"^(?:stat|star|starts|started) (?=(?:a |the )?(?:focus|pomodoro|timer)\b)", "start "),
    (r"^(?:paws|pours|pores|post) (?=(?:the )?(?:focus|timer|session|pomodoro)\b|$)", "pause "),
    (r"^(?:the lead|deleat|delete the)\b", "delete"),
    (r"^remind me two\b", "remind me to"),
    (r"^what's do\b", "what's due"),
    (r"^(?:and|an|on) pause$", "unpause"),
    (r"^i (?:finish|complete)\b", "i finished"),
    (r"^(?:pick|kicked) off (?=(?:a |the )?(?:focus|timer|session))", "kick off "),
    (r"^(?:i knew|a do|and do|on do) that$", "undo that"),
    (r"^(?:how made|how manny|harmony|how money|how mini)\b", "how many"),
    (r"^(?:post phone|post pone|post pun|postphone|post bone)\b", "postpone"),
    (r"^(?:arna|arnata|are a|arne|anna) (?=tasks?\b)", "add a "),
    (r"^(?:un|on|an) ?(?:checked|check) (?=\S)", "uncheck "),
)
_FILLERS = re.compile(r"^(?:(?:ok(?:ay)?|hey|hi|um+|uh+|er+m?|so|well|please|nargis|hey nargis|"
                      r"alright|all right|can you|could you|would you|will you|oops|whoops|"
                      r"oh|right|actually|hold on|hang on|wait|one sec(?:ond)?|sorry|"
                      r"i'm back|i am back|back to work)[\s,]+)+(?=\S)")
_TRAILING_PLEASE = re.compile(r"(?:[\s,]+(?:please|thanks|thank you|for me|now|right now|"
                              r"real quick|if you can|if you could|actually|after all))+$")
#: Quotation marks around a title ('clean the fridge') carry no meaning; apostrophes do.
_QUOTED = re.compile(r"(?<![\w'])'([^']+?)'(?![\w'])")


def basic(text: str) -> str:
    """Lower-case, unify apostrophes and am/pm, drop punctuation that carries no meaning."""
    t = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    t = t.replace("\u201d", '"').lower()
    t = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", t)
    t = re.sub(r"\b(\d{1,2})\s?([ap])m\b", r"\1 \2m", t)
    t = re.sub(r"(?<=\d)[.:](?=\d{2}\b)", ":", t)
    t = re.sub(r"[\"!?;()\[\]{}…]", " ", t)
    t = re.sub(r"(?<!\d)[.,](?!\d)", " ", t)
    t = t.replace("-", " ") if not re.search(r"\d{4}-\d", t) else t
    return re.sub(r"\s+", " ", t).strip()


def dedupe(text: str) -> str:
    """Whisper sometimes repeats a short utterance ("yes please. yes please.")."""
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+", text.strip()) if p.strip()]
    if len(parts) > 1 and len({basic(p) for p in parts}) == 1:
        return parts[0]
    return text


def collapse_repeats(text: str) -> str:
    """Whisper loops on short audio ("stop stop stop", "20 20 20"): keep one of each run."""
    return re.sub(r"\b((?:\S+ ){0,2}\S+)(?: \1\b)+", r"\1", text)


def normalize(text: str) -> str:
    """The text the grammar matches: ``basic`` plus filler removal, fixes and digits."""
    t = basic(dedupe(text))
    t = _QUOTED.sub(r"\1", t)
    # keep "journal:" style colons only right after the leading keyword
    t = collapse_repeats(t)
    t = _FILLERS.sub("", t)
    t = _TRAILING_PLEASE.sub("", t)
    for pattern, repl in _LEADING_FIXES:
        t = re.sub(pattern, repl, t, count=1)
    t = re.sub(r"\bto do list\b|\btodo list\b|\bto-do list\b", "list", t)
    t = re.sub(r"\bpomodoro\b|\bpomodoros\b", "focus", t)
    t = re.sub(r"\b(first|second|third|fourth|last) one\b", r"\1 choice", t)
    t = words_to_digits(t)
    t = re.sub(r"\b(\d+) (?:minute|min)s?\b", r"\1 minutes", t)
    return re.sub(r"\s+", " ", t).strip(" :,")

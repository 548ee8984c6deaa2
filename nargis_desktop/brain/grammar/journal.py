"""Grammar builders for journal entries: the dictated text and its mood."""

from __future__ import annotations

import re

from nargis_desktop.brain.dialect import plain_spellings
from nargis_desktop.brain.grammar.model import Context, Parse
from nargis_desktop.brain.normalize import basic

_MOODS = {"great": "great", "amazing": "great", "fantastic": "great", "wonderful": "great",
          "happy": "great", "good": "good", "okay": "okay", "ok": "okay", "fine": "okay",
          "alright": "okay", "meh": "okay", "bad": "bad", "sad": "bad", "tired": "bad",
          "stressed": "bad", "down": "bad", "awful": "awful", "terrible": "awful",
          "horrible": "awful", "miserable": "awful"}


_NOT_NEED = r"(?!(?:need|have|must|should|gotta|got|am going|going|will)\b)"


#: An entry dictated after its opening ("journal: ...", "dear diary, ...", "note to self ...").
#: The grammar matches it on the text as said, so the entry keeps its wording.
JOURNAL = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|hey|hi|please|nargis|um+|uh+|so|right|can you|could you|would you|"
    r"i want to|i wanted to|i'd like to|i would like to|i need to|let me|i'm going to|i will|"
    r"i'll|i wish to|i would like to|"
    r"i want(?= write\b))[\s,]+)*"  # a learner's "I want write in my diary: ..."
    r"(?:(?:quick |short |new )?(?:journal|diary)(?: entry| note)?|general|"
    r"dear (?:diary|dairy|journal)|note to self|notes to self|memo to self|"
    r"(?:a |one |quick |new )?(?:note|entry|thought) (?:for|in) (?:my|the) (?:journal|diary)"
    r"(?=\s*:)|(?:a |one |quick )?(?:note|entry|thought) for (?:my|the) (?:journal|diary)|"
    r"for (?:my |the )?(?:journal|diary),? write(?=\s*:)|"
    r"(?:put|write|add) (?:something|a few (?:words|lines)|a (?:few )?thoughts?) (?:in|into|to) "
    r"(?:my|the) (?:journal|diary)|"
    r"new (?:journal|diary)(?: entry| note)?|"
    r"note(?=\s*[:,]|\s+-\s)|"
    r"(?:i (?:want|went|wanna) to|i wanna|i'd like to|let me) journal(?=\s*[:,-]|\s+about\b)|"
    r"(?:write|add|put|log|record|jot|note|save|make a note|take a note|leave a note|"
    r"make an entry|add an entry|take) (?:this |it )?(?:down )?(?:in|to|into) "
    r"(?:(?:my|me|the) )?(?:journal|diary)|(?:write|add) (?:my |the |a )?(?:journal|diary)"
    r"(?=\s*:)|journal this(?: for me)?|"
    r"(?:add|write|make|start|create) (?:a |an )?(?:new )?(?:journal|diary) (?:entry|note)|"
    r"(?P<mood>(?:(?:log|record|note|track|set) (?:my |the )?)?mood(?: today| check| update)?"
    r"(?=\s*[:,-]|\s+(?:as|is|to)\b)(?: as| is| to)?)|"
    # "write down that I felt anxious": something that happened, not something to do
    rf"(?:write|jot|note) (?:it |this )?down(?=,? that i(?:'m|'ve)? {_NOT_NEED}))"
    r"(?![a-z'])"  # "journaling is hard" is about journaling
    r"\s*(?::|,|\.|-|that|dat)?\s*(?P<body>.+)$", re.IGNORECASE | re.DOTALL)


def _journal(m: re.Match[str], ctx: Context) -> Parse | None:
    body = m.group("body").strip()
    paused = m.string[: m.start("body")].rstrip()[-1:] in (":", ",", ".", "-") or \
        bool(m.group("mood"))
    if len(body.split()) < 3 and not paused:
        return None  # "journal my habit": two words and no pause after "journal"
    return _entry(body, bool(m.group("mood")))


def plain_head(said: str) -> str:
    """The words before a colon in plain spelling, the entry as said ("Pa-add sa journal ko
    po: today my lola cooked sinigang")."""
    head, colon, body = said.partition(":")
    return f"{plain_spellings(basic(head))}{colon}{body}" if colon else said


#: "I feel great today, put that in my journal": the entry said first, then where it goes.
JOURNAL_TAIL = re.compile(r"^\s*(?P<body>.+?)[\s,.;-]*\b(?:(?:please|can you|could you) )?"
                           r"(?:put|write|add|save|log|note|jot|record|keep) (?:that|this|it) "
                           r"(?:down )?(?:in|to|into) (?:my|me|the) (?:journal|diary)[.!]?\s*$",
                           re.IGNORECASE | re.DOTALL)


def _journal_tail(m: re.Match[str], ctx: Context) -> Parse | None:
    if len(m.group("body").split()) < 3 or re.match(
            r"(?:do|does|did|should|shall|can|could|would|will|is|are|what|how|why|when|who|"
            r"where|which|if|maybe)\b", m.group("body"), re.IGNORECASE):
        return None  # "should I put that in my journal": a question about it
    return _entry(m.group("body").strip(), False)


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

"""Slot parsing: due dates, priorities, tags, counts and fuzzy names.

Dates go through the core parser (``core.dates.parse_when``) so "tomorrow at 5"
means the same thing typed into the task list and spoken to the assistant.
Names are fuzzy-matched with rapidfuzz because a transcript rarely reproduces
a title exactly; when two names score alike we ask instead of guessing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

from nargis_desktop.brain.dialect import glossary_word
from nargis_desktop.clock import Clock
from nargis_desktop.core.dates import MONTHS, WEEKDAYS, When, parse_when, reads_as_date
from nargis_desktop.core.numbers import parse_count

T = TypeVar("T")

#: Words that can begin a date phrase at the end of a title.
_DATE_START = {
    "today", "tonight", "tomorrow", "tmrw", "on", "at", "by", "next", "this", "in", "due",
    "noon", "midnight", "morning", "evening", "afternoon", "day", "end", "before", "until",
    "for", "weekend", *WEEKDAYS, *MONTHS, *(m[:3] for m in MONTHS),
}
_UNITS = {"minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month",
          "months", "weekend"}
_PRIORITY = [
    (re.compile(r"(?:\b(?:it's|it is|that's|(?:make|mark|put|set|flag) (?:it|that|this)|keep|"
                r"give it|keep it) )?"
                r"\b(?:as a matter of |with |as |at |of )?(?:a |the )?(high|top|urgent|low|normal|"
                r"medium|highest|"
                r"lowest) priority\b"),
     None),
    (re.compile(r"\bpriority:? (?:is )?(high|low|normal|medium|urgent)\b"), None),
    # "not so important", "it isn't urgent": said of a task, that is a low priority
    (re.compile(r"(?:,| and| but)? (?:it's |it is |that's |this is )?(?:not|isn't|is not|"
                r"ain't) (?:so |very |that |really |too |super )?(?:urgent|important)"
                r"(?: 1| one| thing)?$"), "low"),
    (re.compile(r"(?:,| and)? (?:it's |it is |that's |mark it )?(?:very |really |super |quite |"
                r"dead |proper |real |for real |well )?(urgent|important)(?: that| like)?$"),
     "high"),
    (re.compile(r"(?:,| and)? (?:asap|a s a p|as soon as possible)$"), "high"),
    (re.compile(r"(?:,| and)? (?:as a matter )?of (?:the )?(?:utmost|greatest|great|highest|"
                r"top|paramount) (?:urgency|importance)$"), "high"),
    # "no rush, low priority": said beside a priority or alone, it says the same
    (re.compile(r"(?:,| and| but)? (?:there's |there is |it's |it is )?no (?:rush|hurry)"
                r"(?: on (?:it|this|that))?(?: like| later)?$"), "low"),
]
_TAGS = re.compile(
    r"\b(?:tagged(?: as| with)?|tag(?:ged)? it|with (?:the )?tags?|under|label(?:ed|led)?"
    r"|in (?:the )?(?:category|project))\s+(?P<tags>[a-z0-9_]+(?:(?:,| and) [a-z0-9_]+)*)")
#: "... tag work" at the very end: Whisper drops the "-ged" of "tagged" before a word.
_TAG_END = re.compile(r"(?<=\S) tag (?P<tags>[a-z0-9_]+(?: and [a-z0-9_]+)?)$")
_HASHTAG = re.compile(r"\s*#(\w+)")


def extract_priority(text: str) -> tuple[str | None, str]:
    for pattern, fixed in _PRIORITY:
        m = pattern.search(text)
        if m:
            word = fixed or m.group(1)
            value = {"top": "high", "urgent": "high", "medium": "normal", "important": "high",
                     "highest": "high", "lowest": "low"}.get(word, word)
            after = text[m.end():]
            if re.match(r"\s+(?:because|cause|cos|since)\b", after):
                after = ""  # "high priority because the power gets cut": its reason
            rest = (text[: m.start()] + " " + after).strip()
            # "tag work and high priority": the "and" before it goes with it
            return value, re.sub(r"\s+", " ", re.sub(r"\s+(?:and|with)$", "", rest))
    return None, text


def extract_tags(text: str) -> tuple[list[str], str]:
    tags = [m.group(1) for m in _HASHTAG.finditer(text)]
    text = _HASHTAG.sub("", text)
    m = _TAGS.search(text) or _TAG_END.search(text)
    if m:
        tags += [t for t in re.split(r",? and |, ", m.group("tags")) if t]
        text = (text[: m.start()] + " " + text[m.end():]).strip()
    return tags, re.sub(r"\s+", " ", text).strip()


def split_due(text: str, clock: Clock) -> tuple[str, str | None]:
    """Split "call mom tomorrow at 5" into ("call mom", "tomorrow at 5").

    Tries each word that can start a date, left to right, and keeps the first
    suffix the date parser accepts; the title must keep at least one word.
    """
    words = text.split()
    for i in range(1, len(words)):
        w = words[i]
        if w not in _DATE_START and not re.match(r"^\d{1,2}(?::\d{2}|am|pm|st|nd|rd|th)$", w) \
                and not (
                re.match(r"^\d{1,2}$", w) and i + 1 < len(words) and words[i + 1] in ("am", "pm")) \
                and not (  # "a week from today"
                re.match(r"^(?:a|an|\d+)$", w) and words[i + 1: i + 3][-1:] == ["from"]):
            continue
        suffix = " ".join(words[i:])
        if w in ("on", "at", "by") and words[i + 1: i + 2] in (["for"], ["by"], ["due"]):
            continue  # "get the snow tires put on | for next monday"
        if w == "in" and not re.match(r"^in (?:\d+|an?|half) ", suffix):
            continue
        if w == "for" and not re.match(r"^for (?:\d+ |an? |half |today|tomorrow|tonight|next|this|"
                                       r"(?:the )?\d{1,2}(?:st|nd|rd|th)\b|"
                                       + "|".join(WEEKDAYS + MONTHS) + ")", suffix):
            continue
        phrase = re.sub(r"^(?:due|for|before|until)\s+", "", suffix)
        if not _looks_like_date(phrase):
            continue
        if not reads_as_date(phrase, clock):
            continue
        title = " ".join(words[:i]).strip()
        # "clean the windows for the | day after tomorrow", "buy paper this coming | friday"
        title = re.sub(r"(?:\s+(?:and|,|for|(?<!put )(?<!turn )(?<!try )(?<!switch )on|at|by|due|"
                       r"until|the|this|coming|before))+$", "", title)  # (not "put on")
        return title, phrase
    return text, None


def _looks_like_date(phrase: str) -> bool:
    """Keep dateparser's fallback from reading "at the office" as a date."""
    if re.search(r"\d", phrase):
        return True
    words = set(phrase.split())
    if words & _UNITS:
        return True
    return bool(words & (_DATE_START - {"on", "at", "by", "in", "this", "for", "day", "end",
                                        "due", "before", "until"})) or "end of" in phrase


def parse_due(text: str, clock: Clock) -> When:
    return parse_when(text, clock)


def count_of(text: str | None, default: int = 1) -> int:
    if not text:
        return default
    n = parse_count(text)
    return n if n is not None else default


@dataclass(frozen=True)
class Match(Generic[T]):
    """A fuzzy lookup: ``item`` when one thing clearly matched, else ``choices``."""

    item: T | None
    score: float
    choices: tuple[T, ...] = ()
    #: Found by how the words sound, not as they are written (a misheard name).
    by_sound: bool = False

    @property
    def ambiguous(self) -> bool:
        return self.item is None and len(self.choices) > 1


_STOP = re.compile(r"^(?:the|my|a|an|our|their|his|her|your)\s+|"
                   # "that milk thing" ("that meditation lowers ..." is a clause, kept whole)
                   r"^(?:that|this)\s+(?=[a-z']+(?: [a-z']+)?\s+(?:thing|task|one|1|item|job|"
                   r"business|matter)$)|"
                   r"\s+(?:task|habit|item|one|1|thing|stuff|reminder|to do|todo|objective|"
                   r"mission|chore|errand|job|business|matter)$|"
                   # "delete that dentist thing altogether", "slide the report over to friday"
                   r"\s+(?:altogether|entirely|completely|over)$|"
                   # "the task about calling mom": what the task is about names it
                   # ("called the bank" alone stays: "I called the bank" names "call the bank")
                   r"^(?:task|one|thing|reminder|item|matter) (?:to|for|called|named|that says|"
                   r"with|of)\s+|"
                   r"^(?:(?:task|one|thing|reminder|item) )?(?:about|for the|with|regarding|"
                   r"concerning)\s+|"
                   # "the business of booking the dentist"
                   r"^(?:the )?(?:business|matter|question) of\s+")


#: "the dentist's task", "dentist's appointment": Whisper's possessive on a task's word.
#: ("yesterday's run" keeps its day: the day is read from it)
_POSSESSIVE = re.compile(r"\b(?!(?:it|what|that|there|he|she|who|let|here|where|how|yesterday|"
                         r"today|tonight|tomorrow|week|month)')([a-z]+)'s\b")


def clean_ref(ref: str) -> str:
    ref = _POSSESSIVE.sub(r"\1", ref.strip().strip("'\""))
    for _ in range(2):
        ref = _STOP.sub("", ref).strip()
    return ref


#: The least score a fuzzy name match needs: a task's title, and a habit's name (short,
#: "read", "meditate", so a looser match still picks the right one).
TASK_MATCH = 68.0
HABIT_MATCH = 62.0


def fuzzy_pick(ref: str, items: Sequence[T], names: Sequence[str], *, threshold: float = TASK_MATCH,
               margin: float = 6.0) -> Match[T]:
    """Best match of ``ref`` among ``names``; ambiguous when the runner-up is within ``margin``."""
    if not items:
        return Match(None, 0.0)
    ref = clean_ref(ref.casefold())
    lowered = [n.casefold() for n in names]
    for i, name in enumerate(lowered):  # exact beats fuzzy
        if name == ref:
            same = [items[j] for j, n in enumerate(lowered) if n == ref]
            return Match(items[i], 100.0) if len(same) == 1 else Match(None, 100.0, tuple(same))
    words = set(ref.split())
    holders = [i for i, n in enumerate(lowered) if words and words <= set(n.split())]
    if len(holders) > 1:  # "call" when there are "call mom" and "call the bank"
        return Match(None, 100.0, tuple(items[i] for i in holders))
    scored = process.extract(ref, lowered, scorer=_score, limit=4)
    best = [(s, i) for _, s, i in scored if s >= threshold and _same_object(ref, lowered[i])]
    # (a name close as written but of another object stays refused: "call the man" is no
    # "call mom" by sound either)
    other = {i for _, s, i in scored if s >= threshold}
    sounded = not best and bool(sound_key(ref))
    if sounded:  # a misheard name ("by mocus"): compare how they sound
        keys = [sound_key(n) for n in lowered]
        said = sound_key(ref)
        heard = process.extract(said, keys, scorer=fuzz.ratio, limit=4)
        best = [(s, i) for _, s, i in heard
                if s >= _SOUND_THRESHOLD and _word_by_word(said, keys[i]) and i not in other]
        margin = max(margin, 10.0)
    if not best:
        return Match(None, scored[0][1] if scored else 0.0)
    top = best[0][0]
    close = [items[i] for s, i in best if top - s < margin]
    if len(close) > 1:
        return Match(None, top, tuple(close))
    return Match(items[best[0][1]], top, by_sound=sounded)


#: Words that tell no task from another.
_SMALL = frozenset(("the", "a", "an", "my", "to", "for", "of", "on", "in", "at", "and", "with",
                    "up", "out", "off", "about", "from", "task", "thing", "one", "it", "that"))


def _same_object(ref: str, name: str) -> bool:
    """Whether the words of ``ref`` beside the name's verb name its object too: "rang the
    man" is no "call the bank", though the two strings are close ("man", "bank"); a ref of
    the verb alone ("call") or a name of one word leaves the choice to the score."""
    said = [w for w in _stem(_homophones(ref)).split() if w not in _SMALL]
    verb, *rest = _stem(_homophones(name)).split() or [""]
    told = [w for w in rest if w not in _SMALL]
    said = [w for w in said if fuzz.ratio(w, verb) < 75]
    return not said or not told or any(  # (misheard alike: "call month" for "call mom")
        fuzz.ratio(a, b) >= 70 or a[:2] == b[:2] for a in said for b in told)


def _score(a: str, b: str, **_: object) -> float:
    """Token-set similarity, tempered by plain ratio so "call" alone is not a full match."""
    a, b = _homophones(a), _homophones(b)
    tset = fuzz.token_set_ratio(a, b)
    ratio = fuzz.ratio(a, b)
    stem = fuzz.token_set_ratio(_stem(a), _stem(b))
    return max(0.6 * tset + 0.4 * ratio, 0.6 * stem + 0.4 * ratio, ratio)


#: Words a transcript writes for another that sounds the same (Whisper has no context for
#: a title): both sides of a comparison are mapped, so "by milk" is "buy milk".
_HOMOPHONE = {"by": "buy", "bye": "buy", "right": "write", "rite": "write", "mum": "mom",
              "mam": "mom", "male": "mail", "sale": "sail", "meat": "meet", "flour": "flower",
              "weak": "week", "there": "their", "tee": "tea", "dew": "due", "knew": "new",
              "know": "no", "pare": "pair", "pear": "pair", "reed": "read", "red": "read",
              "won": "one", "ate": "eight", "for": "four", "too": "to", "two": "to",
              # not a homophone, the same person: "talking to my mother" is "call mom"
              "mother": "mom", "mommy": "mom", "mummy": "mom", "mama": "mom", "mamma": "mom",
              "momma": "mom", "mammy": "mom", "ma": "mom", "mère": "mom", "maman": "mom",
              "amma": "mom", "ammi": "mom", "aama": "mom", "mami": "mom", "maw": "mom",
              "nanay": "mom", "inay": "mom",
              # nor these, the same act: "phone the bank" is "call the bank", "get milk"
              # "buy milk"
              "phone": "call", "phoned": "called", "telephone": "call", "telephoned": "called",
              "ringing": "calling", "phoning": "calling",  # ("ring" is near "drink")
              "get": "buy", "grab": "buy"}


def _homophones(text: str) -> str:
    return " ".join(_HOMOPHONE.get(w, w) for w in text.split())


#: How close two sound keys must be to count as the same name (see ``sound_key``).
_SOUND_THRESHOLD = 75.0
_SOUND_RULES: tuple[tuple[str, str], ...] = (
    (r"^wr", "r"), (r"^kn", "n"), (r"^gn", "n"), (r"^wh", "w"), (r"ph", "f"), (r"ck", "k"),
    (r"gh", ""), (r"th", "0"), (r"sh|ch|tch", "x"), (r"c(?=[eiy])", "s"), (r"[cq]", "k"),
    (r"x(?!$)", "ks"), (r"z", "s"), (r"dg", "j"), (r"(?<=[aeiou])[wy]", ""), (r"lm$", "m"),
)


def _word_by_word(said: str, name: str) -> bool:
    """Whether two sound keys match word for word, not only as a whole: "kill the timer"
    ("kl tmr") is no "call mom" ("kl mm"), though the two strings are close."""
    a, b = said.split(), name.split()
    return len(a) == len(b) and all(fuzz.ratio(x, y) >= 50 and abs(len(x) - len(y)) <= 1
                                    for x, y in zip(a, b, strict=True))


def sound_key(text: str) -> str:
    """A rough sound of each word (a small metaphone): consonants, vowels only at the start.

    Used only when spelling finds nothing: "calm mum" and "call mom" sound alike,
    so a misheard title still finds its task; the choice then goes through the usual
    ambiguity check (and a delete is still confirmed).
    """
    out = []
    for w in _homophones(re.sub(r"[^a-z ]", "", text.casefold())).split():
        if w in ("the", "a", "an", "my"):
            continue
        for pat, rep in _SOUND_RULES:
            w = re.sub(pat, rep, w)
        head, tail = w[:1], re.sub(r"[aeiouyhw]", "", w[1:])
        key = re.sub(r"(.)\1+", r"\1", (("a" if head in "aeiou" else head) + tail))
        out.append(key)
    return " ".join(out)


def _stem(text: str) -> str:
    """Crude verb stemming: "calling mom" ~ "call mom", "finished reading" ~ "finish read"."""
    out = []
    for w in text.split():
        w = _IRREGULAR.get(w, w)
        if len(w) > 4:
            w = re.sub(r"(?:ing|ed|es|s)$", "", w)
            w = re.sub(r"([bcdfgklmnprstvz])\1$", r"\1", w)
        out.append(w)
    return " ".join(out)


_IRREGULAR = {"ran": "run", "drank": "drink", "went": "go", "wrote": "write", "took": "take",
              "bought": "buy", "paid": "pay", "sent": "send", "made": "make", "swam": "swim",
              "ate": "eat", "did": "do", "gave": "give", "rode": "ride",
              "meditation": "meditate", "reading": "read", "running": "run",
              "meditating": "meditate", "rang": "call", "phoned": "call", "rung": "call",
              # speaking to someone is the call a task asked for ("I spoke to my mother")
              "talking": "call", "talked": "call", "talk": "call", "spoke": "call",
              "speak": "call", "spoken": "call", "speaking": "call",
              "drunk": "drink", "done": "do", "gone": "go", "written": "write",
              # the same habit in other words: "I did my jogging" is "go for a run"
              "jog": "run", "jogs": "run", "jogged": "run", "jogging": "run", "runs": "run",
              "mindfulness": "meditate", "meditated": "meditate", "hydrate": "drink",
              "hydrated": "drink"}


def _with_glossary_words(words: list[str], original: str) -> str | None:
    """The words as said where the glossaries read some of another language in English
    ("buy airtime for umama" read as "... for mom"), or ``None``. (A dialect spelling or a
    number word stays plain: "walking the dog", "buy 20 eggs".)"""
    said = [w.casefold() for w in re.findall(r"[\w'\u2019-]+", original)]
    n = len(words)
    for i in range(len(said) - n + 1):
        window = said[i: i + n]
        pairs = list(zip(window, words, strict=True))
        kept = sum(w == v for w, v in pairs)
        if n - n // 2 <= kept < n and all(w == v or glossary_word(w) for w, v in pairs):
            return " ".join(window)
    return None


def as_written(value: str, original: str) -> str:
    """A title or name as the person wrote it (or Whisper did): "email Sarah", "Mr. Becker",
    "push-ups", where matching needed it lower-cased and without punctuation.

    Only when the same words stand in ``original`` in that order; a title the grammar
    repaired ("buy milk" for "by milk") or whose numbers it wrote as digits stays as it is.
    A capital that only starts the sentence ("Call the plumber.") is dropped.
    """
    words = value.split()
    if not words:
        return value
    sep = r"\.?[\s\-]+|-"
    pattern = r"(?<![\w'\u2019])" + f"(?:{sep})".join(
        re.escape(w).replace("'", "['\u2019]") for w in words) + r"(?![\w'\u2019])"
    m = re.search(pattern, original, re.IGNORECASE)
    if m is None:
        said = _with_glossary_words(words, original)
        return as_written(said, original) if said else value
    span = m.group(0).replace("\u2019", "'")
    starts = not original[: m.start()].strip() or original[: m.start()].rstrip()[-1] in ".!?:,"
    if starts and len(span) > 1 and span[0].isupper() and span[1:2].islower() \
            and not re.match(r"i\b", span, re.IGNORECASE):
        span = span[0].lower() + span[1:]
    return span

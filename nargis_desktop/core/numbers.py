"""Numbers spoken as words ("twenty five") turned into digits, for dates and counts."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}

_WORD = "|".join(sorted([*_UNITS, *_TENS, *_ORDINALS, "hundred", "half", "oh"],
                        key=len, reverse=True))
#: "and" joins a run only right after "hundred": "a hundred and five", not "five and six"
_AND = rf"(?:(?<=hundred)[\s-]+and(?=[\s-]+(?:{_WORD})\b))?"
_RUN = re.compile(rf"\b(?:{_WORD}){_AND}(?:[\s-]+(?:{_WORD}){_AND})*\b", re.IGNORECASE)


#: The words before a spoken "zero" that make it a count ("I had zero", "set it to zero").
_COUNT_BEFORE = re.compile(r"\b(?:log|logged|had|drank|drunk|set|to|at|is|was|of|target|"
                           r"count|with|got|did|read|ran|make|it|be)\s+$", re.IGNORECASE)
#: What a spoken "zero" counts when it is a number.
_COUNTED = re.compile(r"[\s-]+(?:minutes?|mins?|hours?|glasses|cups|times|pages|days|tasks|"
                      r"steps)\b", re.IGNORECASE)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else _SUFFIX.get(n % 10, "th")
    return f"{n}{suffix}"


def _value(words: list[str]) -> tuple[int, bool] | None:
    """Value of a run of number words and whether it was an ordinal."""
    total = 0
    current = 0
    is_ordinal = False
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in _ORDINALS:
            current += _ORDINALS[w]
            is_ordinal = True
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w == "and":
            continue
        else:
            return None
    total += current
    return total, is_ordinal


def _clock_time(words: list[str]) -> str | None:
    """'five thirty' -> '5:30': a unit never precedes a tens word when counting."""
    if len(words) < 2 or words[0] not in _UNITS or not 1 <= _UNITS[words[0]] <= 12:
        return None
    rest = words[1:]
    if rest[0] == "oh" and len(rest) == 2 and rest[1] in _UNITS:
        return f"{_UNITS[words[0]]}:{_UNITS[rest[1]]:02d}"
    if rest[0] not in _TENS and not (rest[0] in _UNITS and _UNITS[rest[0]] >= 10):
        return None
    value = _value(rest)
    if value is None or value[1] or not 10 <= value[0] <= 59:
        return None
    return f"{_UNITS[words[0]]}:{value[0]:02d}"


def words_to_digits(text: str) -> str:
    """'add twenty five minutes on the third' -> 'add 25 minutes on the 3rd'.

    Lone "a"/"an" stay words (they are articles far more often than numbers),
    except before a unit word such as "a minute" which callers handle themselves.
    """

    def repl(m: re.Match[str]) -> str:
        raw = m.group(0)
        words = [w for w in re.split(r"[\s-]+", raw.lower()) if w]
        if words in (["a"], ["an"], ["half"], ["oh"]) or "half" in words or words[0] == "oh":
            return raw
        # keep a leading article: "a twenty minute session"
        lead = ""
        if words[0] in ("a", "an") and len(words) > 1 and words[1] != "hundred":
            lead = raw.split()[0] + " "
            words = words[1:]
        # "twenty a day": a last "a" is the article of what follows, not a one
        tail = ""
        if len(words) > 1 and words[-1] in ("a", "an"):
            tail = " " + raw.split()[-1]
            words = words[:-1]
        before, after = m.string[: m.start()], m.string[m.end():]
        if words == ["zero"] and not _COUNTED.match(after) and re.search(
                r"[a-z]\s+$", before, re.IGNORECASE) and not _COUNT_BEFORE.search(before):
            return raw  # "inbox zero": a name; "zero minutes", "log zero" a count
        if words == ["one"] and (re.match(r"[\s-]+on[\s-]+one\b", after, re.IGNORECASE) or
                                 re.search(r"\bone[\s-]+on[\s-]+$", before, re.IGNORECASE)):
            return raw  # "a one-on-one with Dave": a meeting, not a time
        if words == ["one"] and re.search(r"\b(?:stick|put|pop|add|chuck|whack|throw|bung|slap|"
                                          r"jot|pencil|set up|start|make)\s+$", before,
                                          re.IGNORECASE) and \
                re.match(r"\s+(?:on|in|into|onto|down|up|for|(?:new |more |quick )?(?:task|"
                         r"reminder|thing|item|habit)s?)\b", after, re.IGNORECASE):
            return raw  # "stick one on the list", "add one new task": a thing, no time
        clock = _clock_time(words)
        if clock is not None:
            return lead + clock + tail
        value = _value(words)
        if value is None:
            return raw
        n, is_ord = value
        return lead + (ordinal(n) if is_ord else str(n)) + tail

    return _RUN.sub(repl, text)


def parse_count(text: str) -> int | None:
    """A count said as digits or words; None when the text holds no number."""
    m = re.search(r"-?\d+", words_to_digits(text))
    return int(m.group(0)) if m else None

"""Text hygiene before speech: strip what cannot be said, refuse what the voice can't read.

A reply can hold emoji, markdown symbols, 50,000 characters of pasted text, or a
language the voice was not trained on. Piper would silently skip unknown symbols
or mangle foreign letters through English rules, so this module decides first:
emoji and symbols are removed, a text of nothing but emoji is refused with a
clear message, a text mostly in another script is refused naming that script, and
long text is cut into sentence-sized chunks that are synthesised one at a time.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from nargis_desktop.voice.errors import NothingToSpeakError, UnsupportedScriptError

#: A chunk longer than this is split at commas, then at spaces into pieces of about
#: equal length. Piper's working memory grows with the length of what it says at once,
#: about 19 MB per second of speech (measured with the session of voice/tts.py: +45 MB
#: for 47 characters, +92 MB for 98, +178 MB for 200), which a laptop pays on top of
#: the loaded models; 80 characters (about 4 s of speech) bound it near 80 MB, keeping
#: the whole assistant under 600 MB, and a shorter chunk also ends sooner when the
#: user talks over the reply.
MAX_CHUNK_CHARS = 80
#: The first chunk is cut at its first comma if that leaves at most this many words,
#: so the first audio arrives quickly while the rest is synthesised.
FIRST_CHUNK_MAX_WORDS = 8

#: Writing systems each espeak language family is read in (unknown voices: no check).
_LANGUAGE_SCRIPTS: dict[str, frozenset[str]] = {
    **{lang: frozenset({"LATIN"}) for lang in (
        "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sv", "da", "no", "nb",
        "fi", "hu", "ro", "tr", "ca", "is", "lb", "lv", "lt", "sl", "hr", "sq", "sw", "vi",
        "cy", "eu", "ga", "id", "ms", "et")},
    **{lang: frozenset({"CYRILLIC"}) for lang in ("ru", "uk", "bg", "sr", "kk", "mk", "be")},
    "el": frozenset({"GREEK"}), "ar": frozenset({"ARABIC"}), "fa": frozenset({"ARABIC"}),
    "he": frozenset({"HEBREW"}), "hi": frozenset({"DEVANAGARI"}),
    "ne": frozenset({"DEVANAGARI"}), "ka": frozenset({"GEORGIAN"}),
    "zh": frozenset({"CJK"}), "cmn": frozenset({"CJK"}),
    "ja": frozenset({"CJK", "HIRAGANA", "KATAKANA"}), "ko": frozenset({"HANGUL"}),
    "th": frozenset({"THAI"}),
}
_SCRIPT_NAMES = {"CJK": "Chinese or Japanese (CJK)"}
_LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish",
                   "it": "Italian", "ru": "Russian", "uk": "Ukrainian", "zh": "Chinese",
                   "ja": "Japanese", "ar": "Arabic", "fa": "Persian", "hi": "Hindi"}

_KEEP_SYMBOLS = {"Sc", "Sm"}  # currency and maths: espeak reads "$5" and "2 + 2"
_INVISIBLE = {"\u200d", "\u200c", "\ufe0f", "\ufe0e", "\u20e3"}
_SENTENCE = re.compile(r"[^.!?…。！？\n]+(?:[.!?…。！？]+[\"')\]]*|\n+|$)")
_CLAUSE_BREAK = re.compile(r"(?<=[,;:–—])\s+")


@dataclass(frozen=True)
class PreparedText:
    """Text ready for a voice, and what was changed on the way."""

    text: str
    notes: tuple[str, ...] = ()

    def chunks(self) -> Iterator[str]:
        return speech_chunks(self.text)


def strip_unspeakable(text: str) -> str:
    """NFC text without emoji, pictographs, control characters or markdown marks."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _INVISIBLE:
            continue
        cat = unicodedata.category(ch)
        if ch == "\n":
            out.append("\n")
        elif _unspeakable(ch, cat):
            out.append(" ")
        else:
            out.append(ch)
    lines = (" ".join(line.split()) for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line)


def _unspeakable(ch: str, category: str) -> bool:
    if category in ("Cc", "Cf", "Cs", "Co", "Cn"):  # controls, format, private, unassigned
        return True
    if category.startswith("S") and category not in _KEEP_SYMBOLS:  # emoji, pictographs
        return True
    return ch in "*_#`~|<>[]{}^\\"  # markdown and markup marks


def script_of(ch: str) -> str:
    """The writing system of a letter, from its Unicode name (LATIN, CYRILLIC, CJK...)."""
    try:
        return unicodedata.name(ch).split()[0]
    except ValueError:
        return "UNKNOWN"


def voice_language(espeak_voice: str) -> str:
    return espeak_voice.split("-")[0].split("_")[0].lower()


def prepare_text(text: str, espeak_voice: str) -> PreparedText:
    """Check and clean ``text`` for a voice speaking ``espeak_voice`` (e.g. "en-us").

    Empty text gives empty :class:`PreparedText`; emoji/symbols only raise
    :class:`NothingToSpeakError`; text mostly in a foreign script raises
    :class:`UnsupportedScriptError`; a few foreign words are dropped with a note.
    """
    if not text or not text.strip():
        return PreparedText("")
    cleaned = strip_unspeakable(text)
    if not any(ch.isalnum() for ch in cleaned):
        raise NothingToSpeakError(
            "Nothing to say: the text has only emoji, symbols or punctuation.")
    lang = voice_language(espeak_voice)
    allowed = _LANGUAGE_SCRIPTS.get(lang)
    if allowed is None:
        return PreparedText(cleaned)
    letters = [ch for ch in cleaned if ch.isalpha()]
    foreign = Counter(s for s in map(script_of, letters) if s not in allowed)
    if not foreign:
        return PreparedText(cleaned)
    top = foreign.most_common(1)[0][0]
    main_script = _SCRIPT_NAMES.get(top, top.title())
    language_name = _LANGUAGE_NAMES.get(lang, lang)
    if sum(foreign.values()) * 2 > len(letters):
        raise UnsupportedScriptError(
            f"The voice speaks {language_name} and cannot read {main_script} text.",
            hint="Install and choose a voice for that language (nargis models list).")
    kept = "".join(ch if not ch.isalpha() or script_of(ch) in allowed else " "
                   for ch in cleaned)
    kept = "\n".join(" ".join(line.split()) for line in kept.split("\n"))
    return PreparedText(kept, (f"Skipped {sum(foreign.values())} {main_script} letter(s) "
                               f"that the {language_name} voice cannot read.",))


def speech_chunks(text: str) -> Iterator[str]:
    """Sentence-sized pieces of ``text``, lazily; the first one kept short."""
    first = True
    for match in _SENTENCE.finditer(text):
        sentence = " ".join(match.group(0).split())
        if not sentence:
            continue
        for piece in _split_long(sentence):
            if first:
                first = False
                yield from _split_first(piece)
            else:
                yield piece


def _split_first(sentence: str) -> Iterator[str]:
    parts = _CLAUSE_BREAK.split(sentence, maxsplit=1)
    words_before = len(parts[0].split())
    if len(parts) == 2 and words_before <= FIRST_CHUNK_MAX_WORDS:
        yield parts[0]
        yield parts[1]
    else:
        yield sentence


def _split_long(sentence: str) -> Iterator[str]:
    if len(sentence) <= MAX_CHUNK_CHARS:
        yield sentence
        return
    current = ""
    for clause in _CLAUSE_BREAK.split(sentence):
        for word_run in _wrap(clause):
            if current and len(current) + 1 + len(word_run) > MAX_CHUNK_CHARS:
                yield current
                current = word_run
            else:
                current = f"{current} {word_run}".strip()
    if current:
        yield current


def _wrap(clause: str) -> Iterator[str]:
    """Cut a clause with no punctuation at spaces (or anywhere, for a giant 'word')."""
    words: list[str] = []
    for word in clause.split():
        while len(word) > MAX_CHUNK_CHARS:
            yield from _balanced(words)
            words = []
            yield word[:MAX_CHUNK_CHARS]
            word = word[MAX_CHUNK_CHARS:]
        words.append(word)
    yield from _balanced(words)


def _balanced(words: list[str]) -> Iterator[str]:
    """``words`` in as few lines as fit MAX_CHUNK_CHARS, of about equal length.

    Filling each line to the limit leaves a stub ("...listening to some calm music" +
    "before dinner."), which sounds clipped and makes one piece as long as allowed,
    when Piper's memory grows with the length of each piece.
    """
    greedy: list[str] = []
    line = ""
    for word in words:
        if line and len(line) + 1 + len(word) > MAX_CHUNK_CHARS:
            greedy.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        greedy.append(line)
    even = _cut_evenly(words, len(greedy)) if len(greedy) > 1 else None
    yield from even or greedy


def _cut_evenly(words: list[str], lines: int) -> list[str] | None:
    """``words`` in ``lines`` lines, each about an even share of what is left, or None
    when the last one would be longer than MAX_CHUNK_CHARS."""
    left = len(" ".join(words))
    out: list[str] = []
    line: list[str] = []
    goal = left / lines
    for word in words:
        now = len(" ".join(line))
        longer = now + 1 + len(word) if line else len(word)
        if line and len(out) < lines - 1 and (
                longer > MAX_CHUNK_CHARS or abs(longer - goal) > abs(now - goal)):
            out.append(" ".join(line))
            left -= now + 1
            goal = left / (lines - len(out))
            line = [word]
        else:
            line.append(word)
    out.append(" ".join(line))
    return out if len(out[-1]) <= MAX_CHUNK_CHARS else None

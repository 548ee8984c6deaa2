"""Streaming replies: tokens → sentences → a speech callback, cancellable at any point.

Speaking can start as soon as the first sentence is complete, which is what makes
an LLM reply feel quick: the user hears sentence one while sentence three is
still being generated.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator

SentenceSink = Callable[[str], None]

#: A sentence ends at . ! ? … before a space (or the end), or at a CJK full stop, which
#: needs none: a small model sometimes answers a line in Japanese or Chinese, and that
#: line must stay a sentence of its own (the voice skips it, not the English after it).
_END = re.compile(r"(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|vs))"
                  r"(?:([.!?…]+[\"')\]]?)(\s+|$)|[。！？]+[」』]?\s*)")
_MIN_CHARS = 12
#: The first piece may end at a clause (comma, colon, dash) once it is this long, so
#: speech starts before a long first sentence is fully generated.
_FIRST_CLAUSE_CHARS = 28
_CLAUSE = re.compile(r"[,;:—–]\s+")
#: Longer pieces are cut at clauses: Piper's memory grows with the input (a 300-character
#: sentence took about 220 MB more at its peak than a short one) and a short piece
#: also starts playing sooner.
MAX_PIECE_CHARS = 120


def _cap(piece: str) -> list[str]:
    """Cut a long piece at clause marks (else spaces) into parts of at most MAX_PIECE_CHARS."""
    out: list[str] = []
    while len(piece) > MAX_PIECE_CHARS:
        head = piece[:MAX_PIECE_CHARS]
        cut = max((m.end() for m in _CLAUSE.finditer(head) if m.start() >= 20), default=0)
        if not cut:
            cut = head.rfind(" ") + 1 or MAX_PIECE_CHARS
        out.append(piece[:cut].strip())
        piece = piece[cut:].strip()
    if piece:
        out.append(piece)
    return out


class SentenceSplitter:
    """Feed text in pieces; complete sentences come out as soon as they end."""

    def __init__(self, min_chars: int = _MIN_CHARS, *, first_clause: bool = False) -> None:
        self._buf = ""
        self.min_chars = min_chars
        self._first_clause = first_clause

    def feed(self, text: str) -> list[str]:
        self._buf += text
        out: list[str] = []
        start = 0
        for m in _END.finditer(self._buf):
            if m.group(1) and m.group(2) == "" and m.end() == len(self._buf):
                break  # the sentence might go on ("3.5", "e.g.")
            end = m.end()
            candidate = self._buf[start:end].strip()
            if len(candidate) >= self.min_chars:
                out.extend(_cap(candidate))
                start = end
                self._first_clause = False
        self._buf = self._buf[start:]
        if self._first_clause and not out:
            clause = next((m for m in _CLAUSE.finditer(self._buf)
                           if m.start() >= _FIRST_CLAUSE_CHARS), None)
            if clause is not None:
                out.append(self._buf[: clause.start() + 1].strip())
                self._buf = self._buf[clause.end():]
                self._first_clause = False
        if "\n\n" in self._buf:  # paragraph break ends a sentence too
            head, _, tail = self._buf.partition("\n\n")
            if head.strip():
                out.extend(_cap(head.strip()))
            self._buf = tail
        return out

    def flush(self) -> list[str]:
        rest = self._buf.strip()
        self._buf = ""
        return _cap(rest) if rest else []


def split_sentences(text: str) -> list[str]:
    s = SentenceSplitter()
    return s.feed(text + " ") + s.flush()


def stream_reply(tokens: Iterable[str], sink: SentenceSink | None,
                 cancel: threading.Event | None = None,
                 on_first_token: Callable[[], None] | None = None) -> str:
    """Pass sentences to ``sink`` as they complete; return the whole (possibly cut) text."""
    splitter = SentenceSplitter(first_clause=True)
    parts: list[str] = []
    first = True
    for tok in tokens:
        if cancel is not None and cancel.is_set():
            break
        if first and on_first_token is not None:
            on_first_token()
        first = False
        parts.append(tok)
        for sentence in splitter.feed(tok):
            if sink is not None and not (cancel is not None and cancel.is_set()):
                _say(sink, sentence)
    if not (cancel is not None and cancel.is_set()):
        for sentence in splitter.flush():
            if sink is not None:
                _say(sink, sentence)
    return clean_reply("".join(parts))


def _say(sink: SentenceSink, sentence: str) -> None:
    """Speak a sentence without the prompt's markup (a voice reads "</data>" as "slash data")
    or a copied confirmation."""
    sentence = " ".join(_without_echoes(sentence).split())
    if sentence:
        sink(sentence)


#: The tags around the user's data in the prompt (prompts.user_turn). SmolLM2-135M
#: sometimes echoes one mid-reply ("Tasks finished today: 2. </data> You ...").
_PROMPT_MARKUP = re.compile(r"<\s*/?\s*data\s*>", re.IGNORECASE)
#: The app's own confirmation of an action ("(Added 'open' for Friday at 2:45 PM.)"), which
#: a small model copies from the conversation so far: from the model it would claim a change
#: nobody made.
_CLAIMED = re.compile(r"\(?\b(?:Added|Deleted|Marked|Moved|Logged|Reopened|Undone|"
                      r"Started tracking)\b[^()\n]*?'[^'\n]+'[^().\n]*\.?\)?")


def _without_echoes(text: str) -> str:
    """``text`` without what the model copied from its prompt: tags and confirmations."""
    return _CLAIMED.sub(" ", _PROMPT_MARKUP.sub(" ", text))


def clean_reply(text: str) -> str:
    """Trim what small models add: role echoes, prompt tags, copied confirmations, markdown."""
    text = _without_echoes(text)
    text = re.sub(r"^(?:assistant|nargis|model)\s*:\s*", "", text.strip(), flags=re.IGNORECASE)
    text = re.sub(r"[*_#`]+", "", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"\s+\n", "\n", text).strip()
    return text


def chunks_of(text: str) -> Iterator[str]:
    """A fixed text as a token-like stream (for replies that need no model)."""
    yield from re.findall(r"\S+\s*", text)

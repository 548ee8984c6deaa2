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

_END = re.compile(r"(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|vs))([.!?…]+[\"')\]]?)(\s+|$)")
_MIN_CHARS = 12


class SentenceSplitter:
    """Feed text in pieces; complete sentences come out as soon as they end."""

    def __init__(self, min_chars: int = _MIN_CHARS) -> None:
        self._buf = ""
        self.min_chars = min_chars

    def feed(self, text: str) -> list[str]:
        self._buf += text
        out: list[str] = []
        start = 0
        for m in _END.finditer(self._buf):
            if m.group(2) == "" and m.end() == len(self._buf):
                break  # the sentence might go on ("3.5", "e.g.")
            end = m.end()
            candidate = self._buf[start:end].strip()
            if len(candidate) >= self.min_chars:
                out.append(candidate)
                start = end
        self._buf = self._buf[start:]
        if "\n\n" in self._buf:  # paragraph break ends a sentence too
            head, _, tail = self._buf.partition("\n\n")
            if head.strip():
                out.append(head.strip())
            self._buf = tail
        return out

    def flush(self) -> list[str]:
        rest = self._buf.strip()
        self._buf = ""
        return [rest] if rest else []


def split_sentences(text: str) -> list[str]:
    s = SentenceSplitter()
    return s.feed(text + " ") + s.flush()


def stream_reply(tokens: Iterable[str], sink: SentenceSink | None,
                 cancel: threading.Event | None = None,
                 on_first_token: Callable[[], None] | None = None) -> str:
    """Pass sentences to ``sink`` as they complete; return the whole (possibly cut) text."""
    splitter = SentenceSplitter()
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
                sink(sentence)
    if not (cancel is not None and cancel.is_set()):
        for sentence in splitter.flush():
            if sink is not None:
                sink(sentence)
    return clean_reply("".join(parts))


def clean_reply(text: str) -> str:
    """Trim what small models add: role echoes, markdown, a trailing half sentence."""
    text = re.sub(r"^(?:assistant|nargis|model)\s*:\s*", "", text.strip(), flags=re.IGNORECASE)
    text = re.sub(r"[*_#`]+", "", text)
    text = re.sub(r"\s+\n", "\n", text).strip()
    return text


def chunks_of(text: str) -> Iterator[str]:
    """A fixed text as a token-like stream (for replies that need no model)."""
    yield from re.findall(r"\S+\s*", text)

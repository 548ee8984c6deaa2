"""Folding old turns into a running summary, so a long conversation stays within the context.

The LLM sees only the last few messages (every history token is evaluated again
each turn). Turns that leave that window are not just dropped: they are folded
into a short summary kept with the conversation and shown to the model after the
system prefix. Each fold adds one line; the oldest lines go once the summary is
longer than ``SUMMARY_CHARS``. One line per fold, rather than re-summarising the
summary, keeps a small model from drifting further from what was said at every fold.

A line comes from the local LLM when it is loaded (a short instruction, same system
prompt, so llama.cpp's cached prefix still matches), else from the extractive
fallback: the first sentence of each folded message. The fallback needs no model
and can't invent anything. Journal text never reaches a summary (the summary is
sealed only with "encrypt tasks too", the journal always): the memory hands such
messages over as a placeholder.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence

from nargis_desktop.brain import prompts
from nargis_desktop.brain.llm import LanguageModel, Message

#: The whole summary, at most (about 150 tokens).
SUMMARY_CHARS = 600
#: One fold's line, at most.
LINE_CHARS = 200
#: Of one message, the extractive fallback keeps at most this much.
SENTENCE_CHARS = 90
#: A fold reads at most this many messages; older unfolded ones (a conversation from
#: before summaries existed) are counted as folded without being read.
FOLD_MAX = 12
#: Stands in for a message that quotes the journal.
JOURNAL_LEFT_OUT = "(journal text, left out)"
SUMMARY_TOKENS = 48

Summariser = Callable[[Sequence[Message]], str]

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s")


def _speaker(role: str) -> str:
    return "User" if role == "user" else "Nargis"


def first_sentence(text: str, limit: int = SENTENCE_CHARS) -> str:
    text = " ".join(text.split())
    head = _SENTENCE_END.split(text, maxsplit=1)[0]
    return head if len(head) <= limit else head[: limit - 1].rstrip() + "…"


def extractive(messages: Sequence[Message]) -> str:
    """First sentence of each message, with who said it; capped at ``LINE_CHARS``."""
    line = " ".join(f"{_speaker(m.role)}: {first_sentence(m.content)}" for m in messages
                    if m.content.strip())
    return _cap(line, LINE_CHARS)


def with_model(model: LanguageModel, cancel: threading.Event | None = None) -> Summariser:
    """A summariser that asks the model for one sentence; the extractive line when the
    model says nothing usable (empty, cut off by ``cancel``, or a failure)."""

    def run(messages: Sequence[Message]) -> str:
        lines = "\n".join(f"{_speaker(m.role)}: {' '.join(m.content.split())[:300]}"
                          for m in messages if m.content.strip())
        if not lines:
            return ""
        try:
            text = "".join(model.stream(prompts.SYSTEM,
                                        [Message("user", prompts.summarise_turn(lines))],
                                        max_tokens=SUMMARY_TOKENS, cancel=cancel))
        except Exception:  # a summary must never break a turn: fall back
            text = ""
        text = " ".join(text.split())
        if len(text) < 8 or (cancel is not None and cancel.is_set()):
            return extractive(messages)
        return _cap(text, LINE_CHARS)

    return run


def merge(summary: str, line: str, limit: int = SUMMARY_CHARS) -> str:
    """Append one fold's line; drop the oldest lines while the whole is over ``limit``."""
    lines = [x for x in summary.splitlines() if x.strip()]
    if line.strip():
        lines.append(_cap(" ".join(line.split()), limit))
    while len(lines) > 1 and len("\n".join(lines)) > limit:
        lines.pop(0)
    return "\n".join(lines)


def _cap(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

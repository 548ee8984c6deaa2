"""Splitting a typed quick-add line into a task: title, due date, tags, priority, repeat.

``"Call mom tomorrow at 5pm #family !high every week"`` becomes the title "Call
mom", due tomorrow 17:00, tag family, high priority, repeating weekly. Dates go
through the brain's slot splitter and the core parser, so typed and spoken
dates follow the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nargis_desktop.brain.slots import split_due
from nargis_desktop.clock import Clock
from nargis_desktop.core.dates import When, parse_when
from nargis_desktop.errors import ValidationError

_REPEAT_RE = re.compile(
    r"\b(?:every|each)\s+(?:\d+\s+)?(?:day|week|month|weekday|(?:mon|tue|wed|thu|fri|sat|sun)"
    r"[a-z]*)s?(?:\s+on\s+[a-z, ]+)?$|\b(?:daily|weekly|monthly)$",
    re.IGNORECASE)


@dataclass
class QuickTask:
    title: str
    due: When | None = None
    tags: list[str] = field(default_factory=list)
    priority: str = "normal"
    recurrence: str | None = None


def parse_quick_add(text: str, clock: Clock) -> QuickTask:
    words: list[str] = []
    tags: list[str] = []
    priority = "normal"
    for w in text.split():
        if w.startswith("#") and len(w) > 1:
            tags.append(w[1:])
        elif w.lower() in ("!high", "!!", "!h"):
            priority = "high"
        elif w.lower() in ("!low", "!l"):
            priority = "low"
        else:
            words.append(w)
    line = " ".join(words)
    recurrence = None
    m = _REPEAT_RE.search(line)
    if m:
        recurrence = m.group(0).strip()
        line = line[: m.start()].strip()
    words = line.split()
    due: When | None = None
    title_part, phrase = split_due(line.lower(), clock)
    if phrase is not None:
        due = parse_when(phrase, clock)
        words = words[: len(title_part.split())]
    title = " ".join(words).strip()
    if not title:
        raise ValidationError("A task needs a title.", hint="Type what to do, then an optional "
                              "date: 'pay rent friday #home'.")
    return QuickTask(title, due, tags, priority, recurrence)

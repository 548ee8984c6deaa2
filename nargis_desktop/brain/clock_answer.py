"""The time and the date, answered from the clock: a question the app knows the answer to
exactly, so it is never left to a small language model to guess, and needs none loaded."""

from __future__ import annotations

import re

from nargis_desktop.brain.normalize import normalize
from nargis_desktop.clock import Clock

_NOW = r"(?: (?:now|right now|please|at the moment|currently|today|mate))*"
_TIME = re.compile(r"^(?:(?:what|what's|whats) (?:is )?the time|what time is it|"
                   r"(?:do you (?:have|know)|have you got|you got|got) the time|tell me the time|"
                   r"what time have you got|what o'clock is it)" + _NOW + "$")
_DATE = re.compile(r"^(?:what(?:'s| is) (?:the |today's |todays )?date|what date is it|"
                   r"what(?:'s| is) today|what day is (?:it|today)|which day is (?:it|today)|"
                   r"what day of the week is it|tell me the date|what(?:'s| is) the day)"
                   + _NOW + "$")


def answer(text: str, clock: Clock) -> str | None:
    """"It's 10:30 AM." for "what time is it"; None for anything else ("what time is it
    in Tokyo" is a question for the language model)."""
    said = normalize(text)
    now = clock.local_now()
    if _TIME.match(said):
        hour = now.hour % 12 or 12
        return f"It's {hour}:{now.minute:02d} {'AM' if now.hour < 12 else 'PM'}."
    if _DATE.match(said):
        return f"It's {now:%A}, {now:%B} {now.day}, {now.year}."
    return None

"""Exponential backoff with full jitter, bounded in attempts and in total wait.

Google asks clients to back off on 429 and 5xx; full jitter keeps two devices
that failed together from retrying together. Sleep and randomness are injected
so tests run instantly and deterministically.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")


class Retryable(Exception):
    """Raised by an attempt that may succeed if tried again; ``retry_after`` in seconds."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass
class Backoff:
    max_attempts: int = 6
    base_s: float = 1.0
    cap_s: float = 32.0
    max_total_s: float = 120.0
    sleep: Callable[[float], None] = time.sleep
    rng: random.Random = field(default_factory=random.Random)
    #: every wait actually taken, for the status line and for tests
    waits: list[float] = field(default_factory=list)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Full jitter: uniform in [0, min(cap, base * 2**attempt)], at least Retry-After."""
        ceiling = min(self.cap_s, self.base_s * (2 ** attempt))
        wait = self.rng.uniform(0.0, ceiling)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.cap_s))
        return wait

    def run(self, attempt_fn: Callable[[], T]) -> T:
        """Call ``attempt_fn`` until it returns, re-raising the last Retryable when spent."""
        waited = 0.0
        for attempt in range(self.max_attempts):
            try:
                return attempt_fn()
            except Retryable as exc:
                if attempt + 1 >= self.max_attempts:
                    raise
                wait = self.delay(attempt, exc.retry_after)
                if waited + wait > self.max_total_s:
                    raise
                waited += wait
                self.waits.append(wait)
                self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

"""Install progress as plain values, so the CLI prints it and the GUI turns it into signals."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Stage = Literal["waiting", "download", "extract", "verify", "done"]


@dataclass(frozen=True)
class Progress:
    model_id: str
    stage: Stage
    #: The file (or wheel) being worked on.
    item: str
    #: Bytes done and expected in this stage (``total`` is 0 when unknown).
    done: int
    total: int
    #: Bytes per second over this stage so far (resumed bytes not counted).
    rate: float
    #: Seconds left at the current rate, or None when unknown.
    eta: float | None

    @property
    def fraction(self) -> float | None:
        return min(1.0, self.done / self.total) if self.total else None


ProgressCallback = Callable[[Progress], None]


class Meter:
    """Turns byte counts into throttled Progress reports for one stage."""

    def __init__(self, model_id: str, stage: Stage, total: int, callback: ProgressCallback | None,
                 *, start: int = 0, interval: float = 0.1) -> None:
        self.model_id = model_id
        self.stage: Stage = stage
        self.total = total
        self.done = start
        self._callback = callback
        self._start_bytes = start
        self._t0 = time.monotonic()
        self._last = 0.0
        self._interval = interval
        self.item = ""

    def advance(self, n: int, item: str | None = None) -> None:
        self.done += n
        self.set(self.done, item)

    def set(self, done: int, item: str | None = None, *, force: bool = False) -> None:
        self.done = done
        if item is not None:
            self.item = item
        now = time.monotonic()
        if self._callback is None or (not force and now - self._last < self._interval):
            return
        self._last = now
        self._callback(self.snapshot(now))

    def finish(self) -> None:
        self.set(max(self.done, self.total) if self.total else self.done, force=True)

    def snapshot(self, now: float | None = None) -> Progress:
        elapsed = (now or time.monotonic()) - self._t0
        moved = self.done - self._start_bytes
        rate = moved / elapsed if elapsed > 0 and moved > 0 else 0.0
        eta = (max(0, self.total - self.done) / rate) if rate > 0 and self.total else None
        return Progress(self.model_id, self.stage, self.item, self.done, self.total, rate, eta)

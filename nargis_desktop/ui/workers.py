"""Running slow work off the GUI thread and turning callbacks into Qt signals.

Core code reports through plain callbacks and iterators; a :class:`Job` runs a
function on the thread pool and hands its result, error and progress items
back on the GUI thread (queued signals to a QObject that lives there).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from nargis_desktop.core.events import Event, EventBus

log = logging.getLogger(__name__)

_alive: set[Job] = set()


class Job(QObject):
    """One piece of background work. ``report`` may be called from the worker thread."""

    result = Signal(object)
    failed = Signal(object)
    item = Signal(object)
    done = Signal()

    def __init__(self, fn: Callable[[Job], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self.cancelled = False

    def report(self, value: object) -> None:
        self.item.emit(value)

    def cancel(self) -> None:
        self.cancelled = True

    def _run(self) -> None:
        try:
            value = self._fn(self)
        except Exception as exc:  # handed to the GUI, which shows it inline
            log.debug("background job failed", exc_info=True)
            self.failed.emit(exc)
        else:
            self.result.emit(value)
        finally:
            self.done.emit()

    @Slot()
    def _forget(self) -> None:
        _alive.discard(self)


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        self.job._run()


def run_async(
    fn: Callable[[Job], Any],
    *,
    on_result: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    on_item: Callable[[Any], None] | None = None,
    on_done: Callable[[], None] | None = None,
    pool: QThreadPool | None = None,
) -> Job:
    """Start ``fn(job)`` on the pool; callbacks run later on the GUI thread."""
    job = Job(fn)
    if on_result is not None:
        job.result.connect(on_result)
    if on_error is not None:
        job.failed.connect(on_error)
    if on_item is not None:
        job.item.connect(on_item)
    if on_done is not None:
        job.done.connect(on_done)
    job.done.connect(job._forget)
    _alive.add(job)
    (pool or QThreadPool.globalInstance()).start(_Runnable(job))
    return job


def call_async(fn: Callable[[], Any], on_result: Callable[[Any], None] | None = None,
               on_error: Callable[[Exception], None] | None = None) -> Job:
    """The common case: a function with no progress."""
    return run_async(lambda _job: fn(), on_result=on_result, on_error=on_error)


class EventBridge(QObject):
    """Re-publishes domain events as a Qt signal, safe from any thread."""

    published = Signal(object)

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = bus.subscribe("", self._forward)

    def _forward(self, event: Event) -> None:
        with contextlib.suppress(RuntimeError):  # deleted while a worker still published
            self.published.emit(event)

    def close(self) -> None:
        self._unsubscribe()

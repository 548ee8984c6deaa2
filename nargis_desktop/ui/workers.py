"""Running slow work off the GUI thread and turning callbacks into Qt signals.

Core code reports through plain callbacks and iterators; a :class:`Job` runs a
function on the thread pool and hands its result, error and progress items
back on the GUI thread (queued signals to a QObject that lives there).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from nargis_desktop.core.events import Event, EventBus

log = logging.getLogger(__name__)

_alive: set[Job] = set()
#: How much lower than the GUI thread background work runs (Linux nice steps).
BACKGROUND_NICE = 5
_lowered = threading.local()


def lower_thread_priority() -> None:
    """Run the calling (worker) thread below the GUI thread, once per thread.

    On a small machine Whisper, Piper and the LLM keep every core busy; at equal
    priority the GUI thread then waits its turn and the window stutters. Threads
    and engine thread pools started from here inherit the lower priority. Linux
    only (nice is per thread there); elsewhere Qt's thread priority is used.
    """
    if getattr(_lowered, "done", False):
        return
    _lowered.done = True
    try:
        if sys.platform.startswith("linux"):
            tid = threading.get_native_id()
            os.setpriority(os.PRIO_PROCESS, tid,
                           os.getpriority(os.PRIO_PROCESS, tid) + BACKGROUND_NICE)
        else:
            from PySide6.QtCore import QThread

            current = QThread.currentThread()
            if current is not None:
                current.setPriority(QThread.Priority.LowPriority)
    except (OSError, RuntimeError):  # a sandbox may refuse; it only costs smoothness
        log.debug("could not lower the worker thread's priority", exc_info=True)


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
        self._emit(self.item, value)

    def cancel(self) -> None:
        self.cancelled = True

    def _run(self) -> None:
        try:
            value = self._fn(self)
        except Exception as exc:  # handed to the GUI, which shows it inline
            log.debug("background job failed", exc_info=True)
            self._emit(self.failed, exc)
        else:
            self._emit(self.result, value)
        finally:
            self._emit(self.done)

    @staticmethod
    def _emit(signal: Any, *args: object) -> None:
        with contextlib.suppress(RuntimeError):  # the app closed while the job ran
            signal.emit(*args)

    @Slot()
    def _forget(self) -> None:
        _alive.discard(self)


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        lower_thread_priority()
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

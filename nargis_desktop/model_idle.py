"""Idle model unloading: the big engines give their memory back when nobody talks.

Whisper, the LLM and Piper together keep a few hundred MB resident. With
``llm.unload_after_minutes`` set, an engine that was not used for that long drops
its weights (the engine object stays, so callers keep their reference) and loads
them again, transparently, on its next use: that turn is a little slower, nothing
else changes. 0 keeps everything loaded.

Each engine owns a :class:`Usage`: it is entered around every inference (and by
callers that hold an engine across several calls, such as a push-to-talk
utterance), so an engine is never unloaded while in use. The unload itself runs
under the usage lock, so a caller that arrives meanwhile waits for it and then
reloads, instead of racing it. Qt-free: the GUI only calls :meth:`IdleUnloader.check`
from a timer.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol, TypeVar, runtime_checkable

log = logging.getLogger(__name__)

T = TypeVar("T")

#: How the engines are named in Settings and the status line.
STT_NAME = "speech recognition (Whisper)"
TTS_NAME = "voice (Piper)"
LLM_NAME = "language model"


class Usage:
    """How many callers use one engine right now, and when it was last used.

    ``clock`` is a monotonic clock in seconds; the composition root hands in the
    app's (a :class:`~nargis_desktop.clock.FixedClock` in tests).
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._users = 0
        self.last_used = clock()

    def begin(self) -> None:
        """Mark the engine in use; waits while an unload is in progress."""
        with self._lock:
            self._users += 1
            self.last_used = self.clock()

    def end(self) -> None:
        """The caller is done; idle time counts from now."""
        with self._lock:
            self._users = max(0, self._users - 1)
            self.last_used = self.clock()

    def __enter__(self) -> Usage:
        self.begin()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.end()

    def touch(self) -> None:
        """Count the engine as just used (after loading it, for example)."""
        with self._lock:
            self.last_used = self.clock()

    @property
    def busy(self) -> bool:
        return self._users > 0

    def idle_seconds(self) -> float:
        """0 while in use, else the seconds since the last use ended.

        Read without the lock, for display: the GUI thread must never wait for an unload.
        """
        return 0.0 if self._users else max(0.0, self.clock() - self.last_used)

    def unload_if_idle(self, idle_s: float, unload: Callable[[], bool]) -> bool:
        """Run ``unload`` when unused for ``idle_s`` seconds; True when it freed something.

        The lock is held throughout, so nobody can start using the engine halfway.
        """
        with self._lock:
            if self._users or self.clock() - self.last_used < idle_s:
                return False
            return unload()


@runtime_checkable
class Unloadable(Protocol):
    """An engine that can drop its weights and load them again on its next use."""

    usage: Usage

    @property
    def loaded(self) -> bool: ...

    def unload(self) -> bool:
        """Free the weights now unless in use; True when something was freed."""
        ...


def release_memory() -> None:
    """After dropping a model: collect cycles, then hand freed pages back to the OS."""
    from nargis_desktop.voice.memory import release_free_memory

    gc.collect()
    release_free_memory()


@dataclass(frozen=True)
class EngineState:
    """One engine as the settings and status lines show it."""

    name: str
    loaded: bool
    busy: bool
    idle_s: float
    #: Monotonic time of the last idle unload, or None if it was never unloaded.
    unloaded_at: float | None


class IdleUnloader:
    """The engines of one app, and the check that unloads the idle ones.

    ``minutes`` is read at every check, so a changed setting applies at once.
    Engines are held weakly: registering never keeps a model alive.
    """

    def __init__(self, minutes: Callable[[], int],
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.minutes = minutes
        self.clock = clock
        self._lock = threading.Lock()
        self._engines: list[tuple[str, weakref.ref[Unloadable]]] = []
        self._unloaded_at: weakref.WeakKeyDictionary[Unloadable, float] = (
            weakref.WeakKeyDictionary())

    def register(self, name: str, engine: T) -> T:
        """Watch ``engine`` (anything not :class:`Unloadable` is ignored); returns it."""
        if not isinstance(engine, Unloadable):
            return engine
        engine.usage.clock = self.clock
        engine.usage.touch()
        with self._lock:
            self._prune()
            self._engines.append((name, weakref.ref(engine)))
        return engine

    def _prune(self) -> None:
        self._engines = [(n, r) for n, r in self._engines if r() is not None]

    def engines(self) -> list[tuple[str, Unloadable]]:
        with self._lock:
            self._prune()
            found = [(n, r()) for n, r in self._engines]
        return [(n, e) for n, e in found if e is not None]

    def check(self) -> list[str]:
        """Unload every engine idle for the set time; the names of those unloaded now.

        Cheap when nothing is due; an unload takes tens of milliseconds, so the GUI
        calls this from a worker, not its own thread.
        """
        minutes = self.minutes()
        if minutes <= 0:
            return []
        unloaded: list[str] = []
        for name, engine in self.engines():
            if not engine.loaded:
                continue
            try:
                freed = engine.usage.unload_if_idle(minutes * 60.0, engine.unload)
            except Exception:  # a failed unload must not stop the others or the timer
                log.warning("unloading %s failed", name, exc_info=True)
                continue
            if freed:
                self._unloaded_at[engine] = self.clock()
                unloaded.append(name)
                log.info("unloaded %s after %d idle minute(s) to save memory", name, minutes)
        if unloaded:
            release_memory()
        return unloaded

    def states(self) -> list[EngineState]:
        return [EngineState(name, e.loaded, e.usage.busy, e.usage.idle_seconds(),
                            self._unloaded_at.get(e) if not e.loaded else None)
                for name, e in self.engines()]

    def describe(self) -> str:
        """One line for Settings and the status area: what is loaded, what was freed."""
        minutes = self.minutes()
        rule = (f"Idle models are unloaded after {minutes} min and reload on their next use."
                if minutes > 0 else "Models stay loaded (idle unloading is off).")
        states = self.states()
        loaded = [s.name for s in states if s.loaded]
        freed = [s.name for s in states if not s.loaded and s.unloaded_at is not None]
        parts = [rule]
        if loaded:
            parts.append("Loaded now: " + ", ".join(loaded) + ".")
        if freed:
            parts.append("Unloaded to save memory: " + ", ".join(freed) + ".")
        if not states:
            parts.append("No model is loaded yet.")
        return " ".join(parts)

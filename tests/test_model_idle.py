"""Idle unloading rules (no models here): when an engine is unloaded, and when never.

The real engines (Whisper, Piper, the LLM) are exercised in tests/voice/test_idle_unload.py
and tests/brain/test_llm_idle.py; this file pins the bookkeeping they share.
"""

from __future__ import annotations

import gc
import threading

import pytest

from nargis_desktop.app import App
from nargis_desktop.clock import FixedClock
from nargis_desktop.model_idle import IdleUnloader, Unloadable, Usage


class Engine:
    """The smallest :class:`Unloadable`: counts loads and refuses to run while unloaded."""

    def __init__(self) -> None:
        self.usage = Usage()
        self.loads = 1
        self.weights: bytes | None = b"w" * 1024
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self.weights is not None

    def unload(self) -> bool:
        if not self._lock.acquire(blocking=False):
            return False
        try:
            freed, self.weights = self.weights is not None, None
            return freed
        finally:
            self._lock.release()

    def run(self) -> int:
        with self.usage, self._lock:
            if self.weights is None:
                self.weights = b"w" * 1024
                self.loads += 1
            return len(self.weights)


@pytest.fixture
def unloader(app: App) -> IdleUnloader:
    app.settings.llm.unload_after_minutes = 10
    return app.idle_models


def test_an_engine_is_an_unloadable() -> None:
    assert isinstance(Engine(), Unloadable)
    assert not isinstance(object(), Unloadable)


def test_unloads_after_the_idle_time_and_reloads_on_next_use(
        app: App, clock: FixedClock, unloader: IdleUnloader) -> None:
    engine = unloader.register("engine", Engine())
    engine.run()
    clock.advance(minutes=9, seconds=59)
    assert unloader.check() == [] and engine.loaded
    clock.advance(seconds=1)
    assert unloader.check() == ["engine"]
    assert not engine.loaded
    assert "Unloaded to save memory: engine" in unloader.describe()
    assert unloader.check() == []  # nothing left to free
    assert engine.run() == 1024 and engine.loaded and engine.loads == 2
    assert "Loaded now: engine" in unloader.describe()


def test_every_use_restarts_the_idle_time(clock: FixedClock, unloader: IdleUnloader) -> None:
    engine = unloader.register("engine", Engine())
    for _ in range(5):
        clock.advance(minutes=8)
        engine.run()
        assert unloader.check() == []
    assert engine.loads == 1


def test_never_unloaded_while_in_use(clock: FixedClock, unloader: IdleUnloader) -> None:
    engine = unloader.register("engine", Engine())
    with engine.usage:  # a caller holds it (an utterance, a reply)
        clock.advance(hours=5)
        assert unloader.check() == [] and engine.loaded
    # idle time counts from the end of the use, not its start
    assert unloader.check() == []
    clock.advance(minutes=10)
    assert unloader.check() == ["engine"]


def test_an_engine_busy_on_another_thread_is_left_alone(
        clock: FixedClock, unloader: IdleUnloader) -> None:
    engine = unloader.register("engine", Engine())
    clock.advance(hours=1)
    inside, leave = threading.Event(), threading.Event()

    def work() -> None:
        with engine.usage:
            inside.set()
            leave.wait(10)

    worker = threading.Thread(target=work)
    worker.start()
    assert inside.wait(10)
    clock.advance(hours=1)
    assert unloader.check() == [] and engine.loaded
    leave.set()
    worker.join(10)
    clock.advance(minutes=10)
    assert unloader.check() == ["engine"]


def test_an_engine_whose_own_lock_is_held_is_not_unloaded(
        clock: FixedClock, unloader: IdleUnloader) -> None:
    """Belt and braces: even a use that skipped the usage count is never cut short."""
    engine = unloader.register("engine", Engine())
    clock.advance(hours=1)
    with engine._lock:
        assert unloader.check() == [] and engine.loaded


def test_zero_never_unloads(app: App, clock: FixedClock, unloader: IdleUnloader) -> None:
    engine = unloader.register("engine", Engine())
    app.settings.llm.unload_after_minutes = 0
    clock.advance(days=30)
    assert unloader.check() == [] and engine.loaded
    assert "stay loaded" in unloader.describe()
    app.settings.llm.unload_after_minutes = 1  # a changed setting applies at the next check
    assert unloader.check() == ["engine"]


def test_registering_keeps_nothing_alive(unloader: IdleUnloader) -> None:
    unloader.register("engine", Engine())
    gc.collect()
    assert unloader.engines() == []
    assert "No model is loaded yet" in unloader.describe()


def test_anything_else_is_not_watched(unloader: IdleUnloader) -> None:
    thing = object()
    assert unloader.register("thing", thing) is thing
    assert unloader.engines() == []


def test_a_failing_unload_does_not_stop_the_others(clock: FixedClock,
                                                   unloader: IdleUnloader) -> None:
    class Broken(Engine):
        def unload(self) -> bool:
            raise RuntimeError("driver says no")

    broken = unloader.register("broken", Broken())
    fine = unloader.register("fine", Engine())
    clock.advance(hours=1)
    assert unloader.check() == ["fine"]
    assert broken.loaded and not fine.loaded


def test_a_use_arriving_during_an_unload_waits_and_reloads(
        clock: FixedClock, unloader: IdleUnloader) -> None:
    """The race the usage lock closes: a caller never sees a half-unloaded engine."""
    started, finish = threading.Event(), threading.Event()

    class Slow(Engine):
        def unload(self) -> bool:
            started.set()
            finish.wait(10)
            return super().unload()

    engine = unloader.register("slow", Slow())
    clock.advance(hours=1)
    checker = threading.Thread(target=unloader.check)
    checker.start()
    assert started.wait(10)
    results: list[int] = []
    user = threading.Thread(target=lambda: results.append(engine.run()))
    user.start()
    finish.set()
    checker.join(10)
    user.join(10)
    assert results == [1024] and engine.loaded and engine.loads == 2

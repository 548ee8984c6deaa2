"""Pomodoro focus: the cycle, pause/resume, monotonic timing, restart and honest closing."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from nargis_desktop.app import App
from nargis_desktop.clock import FixedClock
from nargis_desktop.core.types import FocusKind
from nargis_desktop.errors import NotFoundError, ValidationError
from nargis_desktop.paths import DataHome
from nargis_desktop.settings import Settings

WORK, SHORT, LONG = FocusKind.WORK, FocusKind.SHORT_BREAK, FocusKind.LONG_BREAK


class SplitClock(FixedClock):
    """Wall clock and monotonic clock moved separately, to model an NTP or DST jump."""

    def jump_wall(self, **kwargs: float) -> None:
        self._now += timedelta(**kwargs)


def _run_cycle(app: App, clock: FixedClock, n: int) -> list[tuple[str, int]]:
    out = []
    for _ in range(n):
        s = app.focus.start()
        out.append((s.kind.value, s.planned_minutes))
        clock.advance(minutes=s.planned_minutes)
        assert app.focus.status().running is False  # it closed itself at the planned end
    return out


def test_default_cycle_25_5_15_long_break_every_4(app: App, clock: FixedClock) -> None:
    assert _run_cycle(app, clock, 9) == [
        ("work", 25), ("short_break", 5), ("work", 25), ("short_break", 5),
        ("work", 25), ("short_break", 5), ("work", 25), ("long_break", 15), ("work", 25)]
    st = app.focus.status()
    assert st.work_sessions_done_today == 5 and st.next_kind == SHORT
    assert all(s.completed for s in app.focus.list())
    assert app.focus.focus_minutes() == 125


def test_cycle_is_configurable(nargis_home: Path, clock: FixedClock) -> None:
    settings = Settings()
    settings.focus.work_minutes = 50
    settings.focus.short_break_minutes = 10
    settings.focus.long_break_minutes = 30
    settings.focus.long_break_every = 2
    app = App(DataHome(nargis_home), settings=settings, clock=clock)
    try:
        assert _run_cycle(app, clock, 5) == [("work", 50), ("short_break", 10), ("work", 50),
                                             ("long_break", 30), ("work", 50)]
    finally:
        app.close()


def test_status_shape_and_remaining(app: App, clock: FixedClock) -> None:
    t = app.tasks.add("write report")
    app.focus.start("work", task_id=t.id[:8])
    clock.advance(minutes=10)
    st = app.focus.status()
    assert st.running and st.remaining_seconds == 15 * 60 and st.elapsed_seconds == 600
    data = st.to_json(clock.tz)
    assert data["running"] is True and data["kind"] == "work"
    assert data["planned_minutes"] == 25 and data["remaining_seconds"] == 900
    assert data["task_id"] == t.id
    assert data["started_at"] == "2026-11-25T10:30:00+01:00"


def test_only_one_session_at_a_time(app: App) -> None:
    app.focus.start()
    with pytest.raises(ValidationError, match="already running"):
        app.focus.start("short_break")
    assert app.store.scalar("SELECT COUNT(*) FROM focus_sessions") == 1


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"minutes": 0}, ValidationError),
    ({"minutes": 601}, ValidationError),
    ({"kind": "nap"}, ValidationError),
    ({"task_id": "nosuchtask"}, NotFoundError),
])
def test_start_rejects(app: App, kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        app.focus.start(**kwargs)  # type: ignore[arg-type]
    assert app.store.scalar("SELECT COUNT(*) FROM focus_sessions") == 0


def test_stop_pause_resume_without_a_session(app: App) -> None:
    for action in (app.focus.stop, app.focus.pause, app.focus.resume, app.focus.skip):
        with pytest.raises(ValidationError, match="No focus session"):
            action()


def test_pause_and_resume(app: App, clock: FixedClock) -> None:
    app.focus.start("work")
    clock.advance(minutes=10)
    app.focus.pause()
    clock.advance(minutes=30)
    st = app.focus.status()
    assert st.paused and st.remaining_seconds == 15 * 60  # the pause doesn't count
    app.focus.resume()
    clock.advance(minutes=5)
    assert app.focus.status().remaining_seconds == 10 * 60
    clock.advance(minutes=10)
    ended = app.focus.list(limit=1)[0]
    app.focus.status()
    ended = app.focus.list(limit=1)[0]
    assert ended.completed and ended.paused_seconds == 30 * 60
    assert ended.ended_at - ended.started_at == timedelta(minutes=55)  # type: ignore[operator]
    assert app.focus.focus_minutes() == 25


def test_stop_early_is_not_completed(app: App, clock: FixedClock) -> None:
    app.focus.start("work")
    clock.advance(minutes=3)
    s = app.focus.stop()
    assert not s.completed and s.ended_at == clock.now()
    assert app.focus.next_kind() == WORK  # an unfinished pomodoro earns no break


def test_skip_moves_on_in_the_cycle(app: App, clock: FixedClock) -> None:
    app.focus.start()
    clock.advance(minutes=3)
    nxt = app.focus.skip()
    assert nxt.kind == SHORT  # skipping work goes on to the break
    assert not app.focus.list()[1].completed
    nxt = app.focus.skip()
    assert nxt.kind == WORK


def test_wall_clock_jump_does_not_move_a_watched_timer(nargis_home: Path) -> None:
    clock = SplitClock(datetime(2026, 11, 25, 9, 30).astimezone(), "Europe/Berlin")
    app = App(DataHome(nargis_home), clock=clock)
    try:
        app.focus.start("work")
        clock.advance(minutes=5)
        clock.jump_wall(hours=3)  # NTP correction or sleep: the wall clock leaps
        st = app.focus.status()
        assert st.running and st.remaining_seconds == 20 * 60
        clock.jump_wall(hours=-5)  # and back past the start
        assert app.focus.status().remaining_seconds == 20 * 60
    finally:
        app.close()


def test_restart_resumes_a_running_session(nargis_home: Path, app: App,
                                           clock: FixedClock) -> None:
    app.focus.start("work")
    clock.advance(minutes=10)
    app.close()
    later = App(DataHome(nargis_home), clock=clock)  # a new process: no monotonic anchor
    try:
        st = later.focus.status()
        assert st.running and st.remaining_seconds == 15 * 60
        later.focus.pause()
        clock.advance(minutes=2)
        later.focus.resume()
        clock.advance(minutes=14)
        assert later.focus.status().remaining_seconds == 60
    finally:
        later.close()


def test_restart_after_the_end_closes_it_at_the_planned_end(nargis_home: Path, app: App,
                                                            clock: FixedClock) -> None:
    start = clock.now()
    app.focus.start("work")
    app.close()
    clock.advance(hours=3)  # nobody watched
    later = App(DataHome(nargis_home), clock=clock)
    try:
        st = later.focus.status()
        assert not st.running
        s = later.focus.list(limit=1)[0]
        assert s.completed and s.ended_at == start + timedelta(minutes=25)
        assert later.focus.focus_minutes() == 25
    finally:
        later.close()


def test_a_forgotten_pause_is_closed_honestly(app: App, clock: FixedClock) -> None:
    app.focus.start("work")
    clock.advance(minutes=7)
    app.focus.pause()
    paused_at = clock.now()
    clock.advance(hours=7)
    assert not app.focus.status().running
    s = app.focus.list(limit=1)[0]
    assert not s.completed and s.ended_at == paused_at
    assert app.focus.focus_minutes() == 7


def test_stop_while_paused(app: App, clock: FixedClock) -> None:
    app.focus.start("work")
    clock.advance(minutes=4)
    app.focus.pause()
    clock.advance(minutes=6)
    s = app.focus.stop()
    assert not s.completed and s.paused_seconds == 6 * 60
    assert app.focus.focus_minutes() == 4

"""Insights on small hand-made data sets (real SQLite, real DuckDB), checked by hand.

The fixture clock is Wed 2026-11-25 10:30 in Berlin (UTC+1); ``stats(7)`` covers
Thu 2026-11-19 .. Wed 2026-11-25 in local days.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from nargis_desktop.app import App
from nargis_desktop.clock import FixedClock
from nargis_desktop.errors import ValidationError
from nargis_desktop.paths import DataHome
from nargis_desktop.settings import Settings
from nargis_desktop.vault.kdf import KdfParams

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def at(clock: FixedClock, when: datetime) -> None:
    """Move the fixed clock (both readings) to ``when``."""
    clock.advance(seconds=(when - clock.now()).total_seconds())


def berlin(y: int, mo: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, mo, d, hh, mm, tzinfo=UTC) - timedelta(hours=1)  # CET is UTC+1


@pytest.fixture
def app(nargis_home: Path, clock: FixedClock,
        monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    settings = Settings()
    settings.vault.auto_lock_minutes = 0
    a = App(DataHome(nargis_home), settings=settings, clock=clock)
    yield a
    a.close()


def by_day(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["day"]: r for r in rows}


def test_tasks_section(app: App, clock: FixedClock) -> None:
    # created Mon 23:30 local (22:30 UTC), completed Tue 00:30 local (still Mon in UTC)
    at(clock, berlin(2026, 11, 23, 23, 30))
    t1 = app.tasks.add("late night")
    at(clock, berlin(2026, 11, 24, 0, 30))
    app.tasks.complete(t1.id)
    at(clock, berlin(2026, 11, 24, 10))
    app.tasks.add("due tuesday", due="today")  # all-day Tuesday: overdue on Wednesday
    app.tasks.delete(app.tasks.add("deleted").id)  # tombstones never count
    at(clock, berlin(2026, 11, 10, 9))
    t6 = app.tasks.add("old")  # created before the window...
    at(clock, berlin(2026, 11, 20, 14, 5))
    app.tasks.complete(t6.id)  # ...completed inside it (Friday 14h)
    at(clock, NOW)
    app.tasks.add("due 8am", due="today 8am")  # timed, 8:00 < 10:30: overdue
    app.tasks.add("due today", due="today")  # all-day today: not overdue yet
    t5 = app.tasks.add("quick")
    app.tasks.complete(t5.id)  # Wednesday 10h

    r = app.stats(7)
    assert r["range"] == {"days": 7, "from": "2026-11-19", "to": "2026-11-25",
                          "timezone": "Europe/Berlin"}
    t = r["tasks"]
    assert (t["created"], t["completed"], t["completion_rate"]) == (5, 3, 0.6)
    assert (t["open"], t["overdue"]) == (3, 2)
    days = by_day(t["per_day"])
    assert list(days) == [f"2026-11-{d}" for d in range(19, 26)]
    assert {d: (v["created"], v["completed"]) for d, v in days.items()} == {
        "2026-11-19": (0, 0), "2026-11-20": (0, 1), "2026-11-21": (0, 0),
        "2026-11-22": (0, 0), "2026-11-23": (1, 0), "2026-11-24": (1, 1),
        "2026-11-25": (3, 1)}
    assert t["per_week"] == [{"week": "2026-W47", "created": 0, "completed": 1},
                             {"week": "2026-W48", "created": 5, "completed": 2}]
    grid = r["heatmap"]["completions"]
    cells = {(wd, h): grid[wd][h] for wd in range(7) for h in range(24) if grid[wd][h]}
    assert cells == {(1, 0): 1, (2, 10): 1, (4, 14): 1}  # Tue 0h, Wed 10h, Fri 14h


def test_empty_home(app: App) -> None:
    r = app.stats(30)
    assert r["tasks"]["created"] == 0 and r["tasks"]["completion_rate"] is None
    assert r["focus"]["minutes_total"] == 0 and r["habits"] == [] and r["mood"] == []
    assert len(r["tasks"]["per_day"]) == 30
    with pytest.raises(ValidationError):
        app.stats(0)


def test_focus_minutes_per_day(app: App, clock: FixedClock) -> None:
    at(clock, berlin(2026, 11, 24, 15))
    app.focus.start("work")  # Tue 15:00, runs its full 25 minutes
    clock.advance(minutes=25)
    app.focus.start("short_break")  # breaks are not focus minutes
    clock.advance(minutes=5)
    at(clock, berlin(2026, 11, 25, 9))
    app.focus.start("work")
    clock.advance(minutes=4)
    app.focus.pause()
    clock.advance(minutes=20)  # paused time doesn't count
    app.focus.resume()
    clock.advance(minutes=6)
    app.focus.stop()  # 10 minutes of work, not completed
    at(clock, NOW - timedelta(minutes=8))
    app.focus.start("work")  # still running: 5 minutes so far, then paused
    clock.advance(minutes=5)
    app.focus.pause()
    at(clock, NOW)  # 3 paused minutes must not count while it is still paused

    f = app.stats(7)["focus"]
    days = by_day(f["per_day"])
    assert days["2026-11-24"] == {"day": "2026-11-24", "minutes": 25.0, "sessions": 1}
    assert days["2026-11-25"] == {"day": "2026-11-25", "minutes": 15.0, "sessions": 0}
    assert f["minutes_total"] == 40.0 and f["sessions_completed"] == 1
    assert app.focus.focus_minutes() == pytest.approx(15.0)
    heat = app.stats(7)["heatmap"]["focus_minutes"]
    assert heat[1][15] == 25.0 and heat[2][9] == 10.0 and heat[2][10] == 5.0


def test_habit_consistency_and_streaks(app: App, clock: FixedClock) -> None:
    at(clock, berlin(2026, 11, 21, 8))  # created Saturday: 5 days tracked up to Wednesday
    app.habits.create("Water", target=2)
    app.habits.create("Gym", target=2, frequency="weekly")
    at(clock, NOW)
    for d, n in ((21, 2), (22, 1), (23, 2), (24, 3)):
        app.habits.log("water", n, day=date(2026, 11, d))
    app.habits.log("gym", 2, day=date(2026, 11, 21))  # W47 met
    app.habits.log("gym", 1, day=date(2026, 11, 24))  # W48 not yet
    rows = {h["name"]: h for h in app.stats(7)["habits"]}
    water, gym = rows["Water"], rows["Gym"]
    assert (water["periods_met"], water["periods_tracked"]) == (3, 5)
    assert water["consistency"] == 0.6
    assert (water["current_streak"], water["best_streak"]) == (2, 2)
    assert (gym["periods_met"], gym["periods_tracked"]) == (1, 2)
    assert gym["consistency"] == 0.5 and gym["frequency"] == "weekly"
    assert (gym["current_streak"], gym["best_streak"]) == (1, 1)


def test_mood_over_time(app: App, clock: FixedClock) -> None:
    app.vault.create("correct horse battery staple",
                     params=KdfParams(memory_kib=1024, time_cost=1, parallelism=1))
    at(clock, berlin(2026, 11, 23, 23, 50))
    app.journal.add("a", mood="great")  # 5
    app.journal.add("b", mood="bad")  # 2 -> Monday averages 3.5
    at(clock, berlin(2026, 11, 24, 0, 10))
    app.journal.add("c", mood="okay")  # Tuesday (local), 3
    app.journal.add("no mood")
    at(clock, berlin(2026, 11, 1, 12))
    app.journal.add("outside the window", mood="awful")
    at(clock, NOW)
    assert app.stats(7)["mood"] == [
        {"day": "2026-11-23", "score": 3.5, "entries": 2},
        {"day": "2026-11-24", "score": 3.0, "entries": 1}]
    assert len(app.stats(30)["mood"]) == 3


def test_stats_cli_text_survives_data(app: App, clock: FixedClock) -> None:
    """The report is plain JSON data: everything in it serialises."""
    import json

    app.tasks.complete(app.tasks.add("x").id)
    app.habits.create("Read")
    text = json.dumps(app.stats(3))
    assert '"completion_rate": 1.0' in text

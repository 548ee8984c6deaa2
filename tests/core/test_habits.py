"""Habits: unique active names, logging (absolute or delta, any past day), local-day streaks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from nargis_desktop.app import App
from nargis_desktop.clock import FixedClock
from nargis_desktop.core.types import Frequency, Streak
from nargis_desktop.errors import NotFoundError, ValidationError
from nargis_desktop.paths import DataHome

TODAY = date(2026, 11, 25)  # Wednesday, in Berlin


def _entries(app: App) -> int:
    return int(app.store.scalar("SELECT COUNT(*) FROM habit_entries"))


def test_create_fields(app: App) -> None:
    h = app.habits.create("Drink water", target=8, unit="glasses", color="Blue")
    assert (h.name, h.target, h.unit, h.frequency, h.color, h.archived) == (
        "Drink water", 8, "glasses", Frequency.DAILY, "blue", False)
    w = app.habits.create("Gym", target=3, frequency="weekly", color="#00ff88")
    assert w.frequency == Frequency.WEEKLY and w.color == "#00ff88"


@pytest.mark.parametrize(("kwargs", "fragment"), [
    ({"name": ""}, "empty"),
    ({"name": "x", "target": 0}, "target"),
    ({"name": "x", "target": -2}, "target"),
    ({"name": "x", "target": True}, "target"),
    ({"name": "x", "frequency": "hourly"}, "frequency"),
    ({"name": "x", "color": "chartreuse-ish"}, "color"),
    ({"name": "x", "unit": ""}, "unit"),
])
def test_create_rejects(app: App, kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        app.habits.create(**kwargs)  # type: ignore[arg-type]
    assert app.store.scalar("SELECT COUNT(*) FROM habits") == 0


def test_name_unique_among_active_only(app: App) -> None:
    first = app.habits.create("Read")
    with pytest.raises(ValidationError, match="already"):
        app.habits.create("  read ")
    app.habits.edit(first.id, archived=True)
    second = app.habits.create("READ")  # the archived one doesn't block
    # unarchiving the old one would make two active "read" habits
    with pytest.raises(ValidationError, match="already"):
        app.habits.edit(first.id, archived=False)
    app.habits.delete(second.id)
    assert not app.habits.edit(first.id, archived=False).archived
    with pytest.raises(ValidationError, match="already"):
        app.habits.restore(second.id)
    other = app.habits.create("Walk")
    with pytest.raises(ValidationError, match="already"):
        app.habits.edit(other.id, name="read")


def test_find_by_name_or_id(app: App) -> None:
    h = app.habits.create("Meditate")
    assert app.habits.get("meditate").id == h.id
    assert app.habits.get(h.id[:6]).id == h.id
    with pytest.raises(NotFoundError, match="No habit"):
        app.habits.get("juggle")


def test_log_delta_and_absolute(app: App) -> None:
    app.habits.create("Water", target=8)
    assert app.habits.log("water").count == 1
    assert app.habits.log("water", 3).count == 4
    assert app.habits.log("water", -1).count == 3
    assert app.habits.log("water", 6, mode="set").count == 6
    assert app.habits.log("water", 0, mode="set").count == 0
    assert _entries(app) == 1  # one row per habit and day
    assert app.habits.status("water").today_count == 0


def test_log_any_past_day(app: App) -> None:
    app.habits.create("Run")
    assert app.habits.log("run", day="yesterday").day == TODAY - timedelta(days=1)
    assert app.habits.log("run", day="2026-11-01").day == date(2026, 11, 1)
    assert app.habits.log("run", day=date(2025, 1, 1)).day == date(2025, 1, 1)
    # an instant counts on its local day: 23:30 UTC on the 18th is the 19th in Berlin
    assert app.habits.log("run", day=datetime(2026, 11, 18, 23, 30, tzinfo=UTC)).day == \
        date(2026, 11, 19)
    assert app.habits.log("run", day="3 days ago").day == TODAY - timedelta(days=3)
    # a weekday name means the last one, not the coming one
    assert app.habits.log("run", day="monday").day == date(2026, 11, 23)
    assert app.habits.log("run", day="friday").day == date(2026, 11, 20)
    assert app.habits.log("run", day="wednesday").day == TODAY
    assert app.habits.history("run", days=30) == {
        TODAY - timedelta(days=1): 1, date(2026, 11, 1): 1, TODAY - timedelta(days=3): 1,
        date(2026, 11, 23): 1, date(2026, 11, 20): 1, TODAY: 1, date(2026, 11, 19): 1}


@pytest.mark.parametrize(("count", "kwargs", "fragment"), [
    (-1, {}, "negative"),
    (-5, {"mode": "set"}, "negative"),
    (1, {"day": "tomorrow"}, "future"),
    (1, {"day": "2026-13-01"}, "not a real date"),
    (1, {"day": "florp"}, "florp"),
    (1.5, {}, "whole number"),
    (True, {}, "whole number"),
    (10**9, {}, "more than"),
])
def test_log_rejects(app: App, count: int, kwargs: dict[str, object], fragment: str) -> None:
    app.habits.create("Water")
    with pytest.raises(ValidationError, match=fragment):
        app.habits.log("water", count, **kwargs)  # type: ignore[arg-type]
    assert _entries(app) == 0


def test_negative_total_rejected_keeps_old_count(app: App) -> None:
    app.habits.create("Water")
    app.habits.log("water", 2)
    with pytest.raises(ValidationError, match="negative"):
        app.habits.log("water", -3)
    assert app.habits.status("water").today_count == 2


def test_logging_a_deleted_or_archived_habit(app: App) -> None:
    h = app.habits.create("Floss")
    app.habits.delete("floss")
    with pytest.raises(NotFoundError, match="deleted"):
        app.habits.log("floss")
    with pytest.raises(NotFoundError, match="deleted"):
        app.habits.log(h.id)
    assert _entries(app) == 0
    app.habits.create("Stretch")
    app.habits.edit("stretch", archived=True)
    with pytest.raises(ValidationError, match="archived"):
        app.habits.log("stretch")


def test_daily_streak_counts_days_meeting_target(app: App) -> None:
    app.habits.create("Water", target=3)
    for back in range(1, 6):
        app.habits.log("water", 3, day=TODAY - timedelta(days=back))
    app.habits.log("water", 2, day=TODAY - timedelta(days=6))  # below target
    for back in range(7, 15):
        app.habits.log("water", 4, day=TODAY - timedelta(days=back))
    s = app.habits.status("water")
    assert s.streak == Streak(5, 8)  # today not yet done: yesterday's run is alive
    app.habits.log("water", 2)
    assert app.habits.status("water").streak == Streak(5, 8)
    app.habits.log("water", 1)
    assert app.habits.status("water").streak == Streak(6, 8)
    assert app.habits.status("water").to_json()["done_this_period"] is True


def test_weekly_streak_per_iso_week(app: App) -> None:
    app.habits.create("Gym", target=3, frequency="weekly")
    for d in (date(2026, 11, 2), date(2026, 11, 4), date(2026, 11, 8),   # W45: 3
              date(2026, 11, 9), date(2026, 11, 10),                    # W46: 2
              date(2026, 11, 16), date(2026, 11, 17), date(2026, 11, 22),  # W47: 3
              date(2026, 11, 24)):                                     # W48 (now): 1
        app.habits.log("gym", day=d)
    s = app.habits.status("gym")
    assert s.period_count == 1 and s.today_count == 0
    assert s.streak == Streak(1, 1)
    app.habits.log("gym", 2)
    assert app.habits.status("gym").streak == Streak(2, 2)


def test_days_are_the_users_local_days(nargis_home: Path) -> None:
    # 23:30 UTC on the 25th is already the 26th in Berlin
    clock = FixedClock(datetime(2026, 11, 25, 23, 30, tzinfo=UTC), "Europe/Berlin")
    app = App(DataHome(nargis_home), clock=clock)
    try:
        app.habits.create("Journal")
        entry = app.habits.log("journal")
        assert entry.day == date(2026, 11, 26)
        clock.advance(days=1)
        app.habits.log("journal")
        assert app.habits.status("journal").streak == Streak(2, 2)
        # the same data seen from New York, where it is still the 26th: today is the
        # first logged day, and the 27th doesn't count yet
        ny = App(DataHome(nargis_home),
                 clock=FixedClock(clock.now(), "America/New_York"))
        try:
            s = ny.habits.status("journal")
            assert s.today_count == 1 and s.streak == Streak(1, 2)
        finally:
            ny.close()
    finally:
        app.close()


def test_edit_and_pending(app: App) -> None:
    app.habits.create("Water", target=2)
    app.habits.create("Read")
    app.habits.log("read")
    assert [s.habit.name for s in app.habits.pending_today()] == ["Water"]
    e = app.habits.edit("water", target=1, unit="litres", frequency="weekly", name="Hydrate")
    assert (e.name, e.target, e.unit, e.frequency) == ("Hydrate", 1, "litres",
                                                        Frequency.WEEKLY)
    with pytest.raises(ValidationError):
        app.habits.edit("hydrate", target=0)
    assert [s.habit.name for s in app.habits.list()] == ["Hydrate", "Read"]
    app.habits.edit("hydrate", archived=True)
    assert [s.habit.name for s in app.habits.list()] == ["Read"]
    assert len(app.habits.list(include_archived=True)) == 2
    assert set(app.habits.all_streaks()) == {app.habits.get("read").id}


def test_delete_keeps_history_and_restore(app: App) -> None:
    h = app.habits.create("Walk")
    app.habits.log("walk", 2, day="yesterday")
    app.habits.delete("walk")
    assert app.habits.list() == []
    assert _entries(app) == 1
    app.habits.restore(h.id)
    assert app.habits.status("walk").streak == Streak(1, 1)

"""Repeat rules (RRULE text) and the next occurrence, in the user's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from nargis_desktop.clock import FixedClock
from nargis_desktop.core.recurrence import (
    anchor_monthly,
    describe_recurrence,
    next_occurrence,
    parse_recurrence,
)
from nargis_desktop.errors import ValidationError

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(("text", "rule"), [
    ("daily", "FREQ=DAILY"),
    ("every day", "FREQ=DAILY"),
    ("weekly", "FREQ=WEEKLY"),
    ("weekly on mon,wed", "FREQ=WEEKLY;BYDAY=MO,WE"),
    ("every wednesday and monday", "FREQ=WEEKLY;BYDAY=MO,WE"),
    ("weekdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
    ("every 2 weeks", "FREQ=WEEKLY;INTERVAL=2"),
    ("monthly", "FREQ=MONTHLY"),
    ("every month", "FREQ=MONTHLY"),
    ("FREQ=DAILY;INTERVAL=3", "FREQ=DAILY;INTERVAL=3"),
    ("RRULE:FREQ=WEEKLY;BYDAY=FR", "FREQ=WEEKLY;BYDAY=FR"),
])
def test_parse(text: str, rule: str) -> None:
    assert parse_recurrence(text) == rule


@pytest.mark.parametrize("text", ["sometimes", "every 0 days", "every 400 days",
                                  "FREQ=SOMETIMES"])
def test_parse_rejects(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_recurrence(text)


def test_describe() -> None:
    assert describe_recurrence("FREQ=DAILY") == "every day"
    assert describe_recurrence("FREQ=WEEKLY;INTERVAL=2") == "every 2 weeks"
    assert describe_recurrence("FREQ=WEEKLY;BYDAY=MO,WE") == "every week on Mon, Wed"
    assert describe_recurrence(anchor_monthly("FREQ=MONTHLY", 31)) == "every month"


def _clock(y: int, mo: int, d: int, hh: int = 10) -> FixedClock:
    return FixedClock(datetime(y, mo, d, hh, tzinfo=BERLIN), "Europe/Berlin")


def _local(dt: datetime) -> datetime:
    return dt.astimezone(BERLIN)


def test_daily_timed_comes_back_tomorrow_same_local_time() -> None:
    clock = _clock(2026, 11, 25)
    due = datetime(2026, 11, 25, 9, 0, tzinfo=BERLIN)  # done an hour late
    assert _local(next_occurrence("FREQ=DAILY", due, clock)) == \
        datetime(2026, 11, 26, 9, 0, tzinfo=BERLIN)


def test_overdue_daily_skips_the_backlog() -> None:
    clock = _clock(2026, 11, 25)
    due = datetime(2026, 11, 20, 9, 0, tzinfo=BERLIN)
    assert _local(next_occurrence("FREQ=DAILY", due, clock)) == \
        datetime(2026, 11, 26, 9, 0, tzinfo=BERLIN)
    # all-day: an old daily all-day task comes back today, not in the past
    day = datetime(2026, 11, 20, tzinfo=BERLIN)
    nxt = next_occurrence("FREQ=DAILY", day, clock, all_day=True)
    assert _local(nxt) == datetime(2026, 11, 25, tzinfo=BERLIN)


def test_weekly_on_days() -> None:
    clock = _clock(2026, 11, 25)  # Wednesday
    due = datetime(2026, 11, 25, 9, 0, tzinfo=BERLIN)
    nxt = next_occurrence("FREQ=WEEKLY;BYDAY=MO,WE", due, clock)
    assert _local(nxt) == datetime(2026, 11, 30, 9, 0, tzinfo=BERLIN)


def test_keeps_wall_clock_time_across_dst() -> None:
    clock = _clock(2026, 10, 24, 9)
    due = datetime(2026, 10, 24, 8, 0, tzinfo=BERLIN)  # CEST
    nxt = next_occurrence("FREQ=DAILY", due, clock)
    assert _local(nxt) == datetime(2026, 10, 25, 8, 0, tzinfo=BERLIN)  # CET
    assert nxt == datetime(2026, 10, 25, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(("due_day", "expected"), [
    (date(2026, 1, 31), [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30),
                         date(2026, 5, 31)]),
    (date(2026, 1, 30), [date(2026, 2, 28), date(2026, 3, 30), date(2026, 4, 30)]),
    (date(2027, 12, 29), [date(2028, 1, 29), date(2028, 2, 29), date(2028, 3, 29)]),
    (date(2026, 1, 15), [date(2026, 2, 15), date(2026, 3, 15)]),
])
def test_monthly_never_skips_a_short_month(due_day: date, expected: list[date]) -> None:
    rule = anchor_monthly("FREQ=MONTHLY", due_day.day)
    due = datetime.combine(due_day, time(0), tzinfo=BERLIN)
    got = []
    for _ in expected:
        clock = FixedClock(due + timedelta(hours=10), "Europe/Berlin")  # done on the day
        due = next_occurrence(rule, due, clock, all_day=True).astimezone(BERLIN)
        got.append(due.date())
    assert got == expected


def test_anchor_leaves_other_rules_alone() -> None:
    assert anchor_monthly("FREQ=WEEKLY", 31) == "FREQ=WEEKLY"
    assert anchor_monthly("FREQ=MONTHLY;BYDAY=1MO", 31) == "FREQ=MONTHLY;BYDAY=1MO"
    assert anchor_monthly(anchor_monthly("FREQ=MONTHLY", 31), 12) == "FREQ=MONTHLY"

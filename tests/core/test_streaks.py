"""Streaks: compute_streak against an independent brute force, plus hand-made cases."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from nargis_desktop.core.streaks import brute_force_streak, compute_streak, group_counts
from nargis_desktop.core.types import Frequency, Streak

TODAY = date(2026, 11, 25)  # a Wednesday
DAILY, WEEKLY = Frequency.DAILY, Frequency.WEEKLY


def naive_streak(counts: dict[date, int], target: int, frequency: Frequency,
                 today: date) -> Streak:
    """Written from the rule text alone: a period counts when its total reaches the target;
    a weekly period is an ISO week (Monday-Sunday); the current streak may skip the
    unfinished present period; the best is the longest run of met periods."""
    days = 1 if frequency == DAILY else 7

    def start(d: date) -> date:
        return d if frequency == DAILY else d - timedelta(days=d.isoweekday() - 1)

    def met(p: date) -> bool:
        total = sum(counts.get(p + timedelta(days=i), 0) for i in range(days))
        return total >= target

    current = 0
    p = start(today)
    if not met(p):
        p -= timedelta(days=days)
    while met(p):
        current += 1
        p -= timedelta(days=days)
    best = 0
    if counts:
        p = start(min(counts))
        run = 0
        while p <= start(max(max(counts), today)):
            run = run + 1 if met(p) else 0
            best = max(best, run)
            p += timedelta(days=days)
    return Streak(current, best)


counts_strategy = st.dictionaries(
    keys=st.integers(min_value=0, max_value=70).map(lambda n: TODAY - timedelta(days=n)),
    values=st.integers(min_value=0, max_value=6),
    max_size=60,
)
frequency_strategy = st.sampled_from([DAILY, WEEKLY])


@settings(max_examples=200, deadline=None)
@given(counts=counts_strategy, target=st.integers(min_value=1, max_value=8),
       frequency=frequency_strategy, shift=st.integers(min_value=0, max_value=6))
def test_compute_streak_matches_naive(counts: dict[date, int], target: int,
                                      frequency: Frequency, shift: int) -> None:
    today = TODAY + timedelta(days=shift)  # every weekday as "today"
    got = compute_streak(counts, target, frequency, today)
    assert got == naive_streak(counts, target, frequency, today)
    assert got == brute_force_streak(counts, target, frequency, today)
    assert 0 <= got.current <= got.best


@settings(max_examples=100, deadline=None)
@given(run=st.integers(min_value=1, max_value=40), target=st.integers(min_value=1, max_value=5),
       today_done=st.booleans())
def test_unbroken_daily_run(run: int, target: int, today_done: bool) -> None:
    counts = {TODAY - timedelta(days=i): target for i in range(1, run + 1)}
    if today_done:
        counts[TODAY] = target
    s = compute_streak(counts, target, DAILY, TODAY)
    assert s == Streak(run + today_done, run + today_done)


def test_empty_and_below_target() -> None:
    assert compute_streak({}, 1, DAILY, TODAY) == Streak(0, 0)
    assert compute_streak({TODAY: 2}, 3, DAILY, TODAY) == Streak(0, 0)
    assert compute_streak({TODAY: 2}, 3, WEEKLY, TODAY) == Streak(0, 0)


def test_today_unfinished_keeps_yesterdays_streak() -> None:
    counts = {TODAY - timedelta(days=1): 1, TODAY - timedelta(days=2): 1}
    assert compute_streak(counts, 1, DAILY, TODAY) == Streak(2, 2)


def test_a_missed_day_breaks_the_current_streak_but_not_the_best() -> None:
    counts = {TODAY - timedelta(days=d): 1 for d in (2, 3, 4, 5)}  # yesterday missed
    assert compute_streak(counts, 1, DAILY, TODAY) == Streak(0, 4)


def test_weekly_sums_the_iso_week() -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    last_sunday = monday - timedelta(days=1)
    # last week: 1 on Monday + 2 on Sunday = 3; the week before: 3 on one day
    counts = {monday - timedelta(days=7): 1, last_sunday: 2, monday - timedelta(days=14): 3}
    assert compute_streak(counts, 3, WEEKLY, TODAY) == Streak(2, 2)
    # this week reaching the target extends the current streak
    counts[monday] = 3
    assert compute_streak(counts, 3, WEEKLY, TODAY) == Streak(3, 3)


def test_weekly_across_new_year_uses_iso_weeks() -> None:
    # 2026-12-28 (Mon) .. 2027-01-03 (Sun) is ISO week 2026-W53: one week
    counts = {date(2026, 12, 29): 1, date(2027, 1, 2): 1}
    assert compute_streak(counts, 2, WEEKLY, date(2027, 1, 3)) == Streak(1, 1)
    assert compute_streak(counts, 2, WEEKLY, date(2027, 1, 4)) == Streak(1, 1)
    assert compute_streak(counts, 2, WEEKLY, date(2027, 1, 11)) == Streak(0, 1)


def test_group_counts() -> None:
    rows = [("a", "2026-11-24", 2), ("a", "2026-11-25", 1), ("b", "2026-11-25", 4)]
    assert group_counts(rows) == {"a": {date(2026, 11, 24): 2, date(2026, 11, 25): 1},
                                  "b": {date(2026, 11, 25): 4}}

"""Streaks, computed on the user's local calendar days.

A day counts when its count reaches the target; a weekly habit counts per ISO
week (the week's counts summed). The current streak is still alive while the
present period is unfinished: it runs up to today (or this week) if that is met,
else up to yesterday (or last week).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from nargis_desktop.core.types import Frequency, Streak


def _periods(counts: Mapping[date, int], target: int, frequency: Frequency) -> set[int]:
    """Ordinals of the periods that met the target (a day, or the Monday of a week)."""
    if frequency == Frequency.DAILY:
        return {d.toordinal() for d, c in counts.items() if c >= target}
    weeks: dict[int, int] = defaultdict(int)
    for d, c in counts.items():
        weeks[(d - timedelta(days=d.weekday())).toordinal()] += c
    return {w for w, c in weeks.items() if c >= target}


def _run_back(met: set[int], start: int, step: int) -> int:
    n = 0
    while start - n * step in met:
        n += 1
    return n


def compute_streak(counts: Mapping[date, int], target: int, frequency: Frequency,
                   today: date) -> Streak:
    met = _periods(counts, target, frequency)
    if not met:
        return Streak(0, 0)
    step = 1 if frequency == Frequency.DAILY else 7
    now = today.toordinal() if frequency == Frequency.DAILY else \
        (today - timedelta(days=today.weekday())).toordinal()
    current = _run_back(met, now, step) or _run_back(met, now - step, step)
    best = 0
    for p in met:
        if p - step not in met:  # start of a run
            best = max(best, _run_back(met, p, -step))
    return Streak(current, max(best, current))


def brute_force_streak(counts: Mapping[date, int], target: int, frequency: Frequency,
                       today: date) -> Streak:
    """A slow, obviously-correct version that property tests compare against."""
    if not counts:
        return Streak(0, 0)

    def period_of(d: date) -> date:
        return d if frequency == Frequency.DAILY else d - timedelta(days=d.weekday())

    totals: dict[date, int] = defaultdict(int)
    for d, c in counts.items():
        totals[period_of(d)] += c
    step = timedelta(days=1 if frequency == Frequency.DAILY else 7)
    first = min(totals)
    last = max(max(totals), period_of(today))
    flags: list[tuple[date, bool]] = []
    p = first
    while p <= last:
        flags.append((p, totals.get(p, 0) >= target))
        p += step
    best = run = 0
    for _, ok in flags:
        run = run + 1 if ok else 0
        best = max(best, run)
    current = 0
    idx = [p for p, _ in flags].index(period_of(today))
    if not flags[idx][1]:
        idx -= 1
    while idx >= 0 and flags[idx][1]:
        current += 1
        idx -= 1
    return Streak(current, best)


def group_counts(rows: Iterable[tuple[str, str, int]]) -> dict[str, dict[date, int]]:
    out: dict[str, dict[date, int]] = defaultdict(dict)
    for habit_id, day, count in rows:
        out[habit_id][date.fromisoformat(day)] = count
    return out

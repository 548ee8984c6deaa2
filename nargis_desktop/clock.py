"""Time in one place: UTC instants for storage, the user's zone for days.

Everything stored is a UTC instant in a fixed-width ISO form (so text order is
time order); days (habit logs, "today") are the user's local calendar days.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

_ISO = "%Y-%m-%dT%H:%M:%S.%fZ"


def to_iso(dt: datetime) -> str:
    if dt.tzinfo is None:
        raise ValueError("naive datetime")
    return dt.astimezone(UTC).strftime(_ISO)


def from_iso(text: str) -> datetime:
    dt = datetime.fromisoformat(text)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def system_zone() -> tzinfo:
    try:
        import tzlocal

        return tzlocal.get_localzone()
    except Exception:
        tz = datetime.now().astimezone().tzinfo
        return tz if tz is not None else UTC


class Clock:
    """Wall clock in the user's zone plus a monotonic clock; tests pass a fixed one."""

    def __init__(self, zone: str | tzinfo | None = None) -> None:
        if isinstance(zone, str):
            self.tz: tzinfo = ZoneInfo(zone) if zone else system_zone()
        else:
            self.tz = zone if zone is not None else system_zone()

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def local_now(self) -> datetime:
        return self.now().astimezone(self.tz)

    def today(self) -> date:
        return self.local_now().date()

    def day_of(self, instant: datetime) -> date:
        return instant.astimezone(self.tz).date()

    def start_of_day(self, day: date) -> datetime:
        """The UTC instant when ``day`` begins in the user's zone."""
        return datetime(day.year, day.month, day.day, tzinfo=self.tz).astimezone(UTC)

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        return self.start_of_day(day), self.start_of_day(day + timedelta(days=1))


class FixedClock(Clock):
    """A clock that only moves when told; for tests and benchmarks."""

    def __init__(self, at: datetime, zone: str | tzinfo = "UTC") -> None:
        super().__init__(zone)
        self._now = at.astimezone(UTC)
        self._mono = 1000.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def advance(self, **kwargs: float) -> None:
        delta = timedelta(**kwargs)
        self._now += delta
        self._mono += delta.total_seconds()

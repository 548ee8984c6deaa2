"""Time in one place: UTC instants for storage, the user's zone for days.

Everything stored is a UTC instant in a fixed-width ISO form (so text order is
time order); days (habit logs, "today") are the user's local calendar days.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
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


#: Territories that write a numeric date month first (2/12 is February 12).
_MONTH_FIRST = frozenset(("US", "PH", "FM", "MH", "PW", "GU", "AS", "PR", "VI", "MP", "UM"))


def system_day_first(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the user's locale writes 2/12 for December 2 (most of the world) rather
    than February 12 (the US): from LC_ALL, LC_TIME or LANG, as the C library reads
    them. No locale, C or POSIX reads month first, as the parser always did."""
    env = os.environ if environ is None else environ
    name = next((env[k] for k in ("LC_ALL", "LC_TIME", "LANG") if env.get(k)), "")
    territory = name.split(".")[0].split("@")[0].partition("_")[2].upper()
    return bool(territory) and territory not in _MONTH_FIRST


def day_first_for(date_order: str) -> bool:
    """The ``general.date_order`` setting ("auto", "mdy" or "dmy") as a flag."""
    return system_day_first() if date_order == "auto" else date_order == "dmy"


class Clock:
    """Wall clock in the user's zone plus a monotonic clock; tests pass a fixed one.

    It also carries how the user writes numeric dates (``day_first``): like the zone,
    that is part of reading "2/12" as the day the user means.
    """

    def __init__(self, zone: str | tzinfo | None = None, date_order: str = "mdy") -> None:
        if isinstance(zone, str):
            self.tz: tzinfo = ZoneInfo(zone) if zone else system_zone()
        else:
            self.tz = zone if zone is not None else system_zone()
        self.day_first = day_first_for(date_order)

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

    def __init__(self, at: datetime, zone: str | tzinfo = "UTC", date_order: str = "mdy") -> None:
        super().__init__(zone, date_order)
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

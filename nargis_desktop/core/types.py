"""Domain types. Plain dataclasses: easy to test, print and turn into JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from nargis_desktop.clock import to_iso


class TaskStatus(StrEnum):
    TODO = "todo"
    DOING = "doing"
    DONE = "done"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"


class Mood(StrEnum):
    GREAT = "great"
    GOOD = "good"
    OKAY = "okay"
    BAD = "bad"
    AWFUL = "awful"


class FocusKind(StrEnum):
    WORK = "work"
    SHORT_BREAK = "short_break"
    LONG_BREAK = "long_break"


class Source(StrEnum):
    TYPED = "typed"
    VOICE = "voice"


def _iso(dt: datetime | None, tz: Any = None) -> str | None:
    """ISO 8601 with the user's offset for output (storage stays UTC)."""
    if dt is None:
        return None
    return dt.astimezone(tz).isoformat(timespec="seconds") if tz else to_iso(dt)


@dataclass
class Task:
    id: str
    title: str
    status: TaskStatus = TaskStatus.TODO
    priority: Priority = Priority.NORMAL
    notes: str = ""
    due: datetime | None = None
    all_day: bool = False
    completed_at: datetime | None = None
    parent_id: str | None = None
    tags: list[str] = field(default_factory=list)
    recurrence: str | None = None
    series_id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None

    def to_json(self, tz: Any = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status.value,
            "priority": self.priority.value,
            "notes": self.notes,
            "due": _iso(self.due, tz),
            "all_day": self.all_day,
            "completed_at": _iso(self.completed_at, tz),
            "parent_id": self.parent_id,
            "tags": list(self.tags),
            "recurrence": self.recurrence,
            "created_at": _iso(self.created_at, tz),
            "updated_at": _iso(self.updated_at, tz),
        }


@dataclass
class Habit:
    id: str
    name: str
    target: int = 1
    unit: str = "times"
    frequency: Frequency = Frequency.DAILY
    color: str | None = None
    archived: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Streak:
    current: int
    best: int


@dataclass
class HabitStatus:
    """A habit with the numbers a person asks about."""

    habit: Habit
    today_count: int
    period_count: int
    streak: Streak

    def to_json(self) -> dict[str, Any]:
        h = self.habit
        return {
            "id": h.id,
            "name": h.name,
            "target": h.target,
            "unit": h.unit,
            "frequency": h.frequency.value,
            "color": h.color,
            "archived": h.archived,
            "today_count": self.today_count,
            "period_count": self.period_count,
            "done_this_period": self.period_count >= h.target,
            "current_streak": self.streak.current,
            "best_streak": self.streak.best,
        }


@dataclass
class HabitEntry:
    id: str
    habit_id: str
    day: date
    count: int


@dataclass
class JournalEntry:
    id: str
    title: str
    body: str
    mood: Mood | None = None
    tags: list[str] = field(default_factory=list)
    source: Source = Source.TYPED
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def to_json(self, tz: Any = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "mood": self.mood.value if self.mood else None,
            "tags": list(self.tags),
            "source": self.source.value,
            "created_at": _iso(self.created_at, tz),
            "updated_at": _iso(self.updated_at, tz),
        }


@dataclass
class FocusSession:
    id: str
    kind: FocusKind
    planned_minutes: int
    started_at: datetime
    task_id: str | None = None
    ended_at: datetime | None = None
    completed: bool = False
    paused_at: datetime | None = None
    paused_seconds: float = 0.0

    @property
    def running(self) -> bool:
        return self.ended_at is None

    def to_json(self, tz: Any = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "planned_minutes": self.planned_minutes,
            "started_at": _iso(self.started_at, tz),
            "ended_at": _iso(self.ended_at, tz),
            "completed": self.completed,
            "paused": self.paused_at is not None,
            "task_id": self.task_id,
        }

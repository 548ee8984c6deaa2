"""Reminders for tasks coming due: survive sleep and restarts, and never fire twice.

Which reminders fired is kept in ``run/reminders.json`` in the data home, keyed
by task id and due instant (so moving a task's due date earns a new reminder).
The scheduler sleeps until the next due moment (at most five minutes at a
time, so a suspended laptop catches up soon after it wakes); on start and
after a wake it also announces what came due while it was away, up to a day back.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import datetime, time, timedelta

from PySide6.QtCore import QObject, QTimer

from nargis_desktop.app import App
from nargis_desktop.clock import to_iso
from nargis_desktop.core.dates import When, describe
from nargis_desktop.core.types import Task

Notify = Callable[[str, str], None]
#: All-day tasks are announced at this local time on their day.
ALL_DAY_AT = time(9, 0)
CATCH_UP = timedelta(hours=24)
MAX_SLEEP_MS = 5 * 60 * 1000


class ReminderScheduler(QObject):
    def __init__(self, app: App, notify: Notify, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.notify = notify
        self.path = app.home.runtime_dir / "reminders.json"
        self.fired: dict[str, str] = self._load()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)

    # -- persistence -----------------------------------------------------------------
    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.fired, indent=0), encoding="utf-8")
        os.replace(tmp, self.path)

    # -- timing ----------------------------------------------------------------------
    def remind_at(self, task: Task) -> datetime | None:
        if task.due is None:
            return None
        if not task.all_day:
            return task.due
        day = self.app.clock.day_of(task.due)
        return datetime.combine(day, ALL_DAY_AT, tzinfo=self.app.clock.tz)

    def _key(self, task: Task) -> str:
        return f"{task.id}@{to_iso(task.due) if task.due else ''}"

    def due_now(self) -> list[Task]:
        """Open tasks whose reminder time has come and has not fired yet."""
        now = self.app.clock.now()
        out = []
        for t in self.app.tasks.due_between(now - CATCH_UP, now + timedelta(hours=15)):
            at = self.remind_at(t)
            if at is not None and at <= now and self._key(t) not in self.fired:
                out.append(t)
        return out

    def next_time(self) -> datetime | None:
        now = self.app.clock.now()
        times = [at for t in self.app.tasks.due_between(now, now + timedelta(days=2))
                 if (at := self.remind_at(t)) is not None and at > now
                 and self._key(t) not in self.fired]
        return min(times) if times else None

    def check(self) -> list[Task]:
        """Fire what is due, remember it, and sleep until the next one."""
        fired = self.due_now()
        for t in fired:
            when = describe(When(t.due, t.all_day), self.app.clock) if t.due else ""
            self.notify(f"Due {when}: {t.title}", "Open Nargis to complete or move it.")
            self.fired[self._key(t)] = to_iso(self.app.clock.now())
        if fired:
            self._prune()
            self._save()
        self.arm()
        return fired

    def arm(self) -> None:
        nxt = self.next_time()
        if nxt is None:
            wait = MAX_SLEEP_MS
        else:
            wait = int((nxt - self.app.clock.now()).total_seconds() * 1000) + 500
        self.timer.start(max(1000, min(wait, MAX_SLEEP_MS)))

    def _prune(self) -> None:
        """Forget reminders older than a week, so the file stays small."""
        cutoff = to_iso(self.app.clock.now() - timedelta(days=7))
        self.fired = {k: v for k, v in self.fired.items() if v >= cutoff}

    def on_event(self, topic: str) -> None:
        if topic.startswith("task."):
            self.arm()

"""Pomodoro focus sessions: a persisted state machine driven by a monotonic clock.

The database holds wall-clock facts (started, paused seconds, ended), so any
process (the GUI, a later ``nargis focus status``) can pick a session up. While a
process watches a session it measures elapsed time with the monotonic clock,
so a wall-clock jump (NTP, sleep, DST) cannot make the timer drift. A session
whose time ran out while nothing was watching is closed honestly at its planned
end; one left paused for hours is closed as not completed when it was paused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from nargis_desktop.clock import Clock, to_iso
from nargis_desktop.core.base import Service, new_id, opt_time
from nargis_desktop.core.events import EventBus
from nargis_desktop.core.types import FocusKind, FocusSession
from nargis_desktop.core.validation import parse_enum
from nargis_desktop.errors import ValidationError
from nargis_desktop.settings import FocusSettings
from nargis_desktop.store import Store

STALE_PAUSE = timedelta(hours=6)


@dataclass(frozen=True)
class FocusStatus:
    running: bool
    session: FocusSession | None
    remaining_seconds: float
    elapsed_seconds: float
    paused: bool
    next_kind: FocusKind
    work_sessions_done_today: int

    def to_json(self, tz: Any = None) -> dict[str, Any]:
        s = self.session
        return {
            "running": self.running,
            "id": s.id if s else None,
            "kind": s.kind.value if s else None,
            "planned_minutes": s.planned_minutes if s else None,
            "remaining_seconds": round(self.remaining_seconds) if s else None,
            "elapsed_seconds": round(self.elapsed_seconds) if s else None,
            "paused": self.paused,
            "task_id": s.task_id if s else None,
            "started_at": s.to_json(tz)["started_at"] if s else None,
            "next_kind": self.next_kind.value,
            "work_sessions_today": self.work_sessions_done_today,
        }


class FocusService(Service):
    table = "focus_sessions"
    noun = "focus session"

    def __init__(self, store: Store, clock: Clock, events: EventBus,
                 settings: FocusSettings | None = None) -> None:
        super().__init__(store, clock, events)
        self.settings = settings or FocusSettings()
        # session id -> (monotonic reading, elapsed seconds at that reading)
        self._anchor: dict[str, tuple[float, float]] = {}

    # -- reading ---------------------------------------------------------------------
    def _row(self, row: dict[str, Any]) -> FocusSession:
        return FocusSession(
            id=row["id"], kind=FocusKind(row["kind"]), planned_minutes=int(row["planned_minutes"]),
            started_at=opt_time(row["started_at"]), task_id=row["task_id"],
            ended_at=opt_time(row["ended_at"]), completed=bool(row["completed"]),
            paused_at=opt_time(row["paused_at"]), paused_seconds=float(row["paused_seconds"]))

    def _running_row(self) -> FocusSession | None:
        rows = self.store.query("SELECT * FROM focus_sessions WHERE ended_at IS NULL AND "
                                "deleted_at IS NULL LIMIT 1")
        return self._row(rows[0]) if rows else None

    def _wall_elapsed(self, s: FocusSession) -> float:
        until = s.paused_at or self.clock.now()
        return max(0.0, (until - s.started_at).total_seconds() - s.paused_seconds)

    def elapsed(self, s: FocusSession) -> float:
        if s.paused_at is not None or s.id not in self._anchor:
            return self._wall_elapsed(s)
        mono, base = self._anchor[s.id]
        return base + max(0.0, self.clock.monotonic() - mono)

    def planned_minutes(self, kind: FocusKind) -> int:
        return {FocusKind.WORK: self.settings.work_minutes,
                FocusKind.SHORT_BREAK: self.settings.short_break_minutes,
                FocusKind.LONG_BREAK: self.settings.long_break_minutes}[kind]

    def _today_sessions(self) -> list[FocusSession]:
        start, end = self.clock.day_bounds(self.clock.today())
        rows = self.store.query(
            "SELECT * FROM focus_sessions WHERE deleted_at IS NULL AND started_at >= ? AND "
            "started_at < ? ORDER BY started_at", (to_iso(start), to_iso(end)))
        return [self._row(r) for r in rows]

    def next_kind(self, *, skipped: bool = False) -> FocusKind:
        """Work, then a break; every Nth completed work session earns the long break.

        A work session stopped early is followed by more work, unless it was skipped:
        skipping moves on to the break, as the cycle would have.
        """
        done_since_long = 0
        last: FocusSession | None = None
        for s in self._today_sessions():
            if s.ended_at is None:
                continue
            last = s
            if s.kind == FocusKind.LONG_BREAK:
                done_since_long = 0
            elif s.kind == FocusKind.WORK and s.completed:
                done_since_long += 1
        if last is None or last.kind != FocusKind.WORK or not (last.completed or skipped):
            return FocusKind.WORK
        if done_since_long >= self.settings.long_break_every:
            return FocusKind.LONG_BREAK
        return FocusKind.SHORT_BREAK

    def status(self) -> FocusStatus:
        self.tick()
        s = self._running_row()
        today = self._today_sessions()
        done = sum(1 for x in today if x.kind == FocusKind.WORK and x.completed)
        if s is None:
            return FocusStatus(False, None, 0.0, 0.0, False, self.next_kind(), done)
        elapsed = self.elapsed(s)
        remaining = max(0.0, s.planned_minutes * 60 - elapsed)
        return FocusStatus(True, s, remaining, elapsed, s.paused_at is not None,
                           self.next_kind(), done)

    def list(self, *, day: date | None = None, limit: int | None = None) -> list[FocusSession]:
        if day is not None:
            start, end = self.clock.day_bounds(day)
            rows = self.store.query(
                "SELECT * FROM focus_sessions WHERE deleted_at IS NULL AND started_at >= ? AND "
                "started_at < ? ORDER BY started_at DESC", (to_iso(start), to_iso(end)))
        else:
            rows = self.store.query(
                "SELECT * FROM focus_sessions WHERE deleted_at IS NULL ORDER BY started_at DESC"
                + (f" LIMIT {int(limit)}" if limit else ""))
        return [self._row(r) for r in rows]

    def focus_minutes(self, day: date | None = None) -> float:
        """Work minutes actually spent on ``day`` (today by default)."""
        total = 0.0
        for s in self.list(day=day or self.clock.today()):
            if s.kind != FocusKind.WORK:
                continue
            if s.ended_at is None:
                total += self.elapsed(s)
            else:
                total += max(0.0, (s.ended_at - s.started_at).total_seconds() - s.paused_seconds)
        return total / 60

    # -- the state machine -------------------------------------------------------------
    def tick(self) -> FocusSession | None:
        """Close the running session if its time is up; returns it when it just ended."""
        s = self._running_row()
        if s is None:
            return None
        if s.paused_at is not None:
            if self.clock.now() - s.paused_at > STALE_PAUSE:
                return self._end(s, at=s.paused_at, completed=False, reason="abandoned")
            return None
        elapsed = self.elapsed(s)
        if elapsed < s.planned_minutes * 60:
            return None
        planned_end = s.started_at + timedelta(seconds=s.planned_minutes * 60 + s.paused_seconds)
        return self._end(s, at=min(planned_end, self.clock.now()), completed=True,
                         reason="finished")

    def start(self, kind: str | FocusKind | None = None, *, minutes: int | None = None,
              task_id: str | None = None) -> FocusSession:
        self.tick()
        self._refuse_if_running()
        k = parse_enum(FocusKind, kind, "session kind") if kind else self.next_kind()
        planned = minutes if minutes is not None else self.planned_minutes(k)
        if isinstance(planned, bool) or not isinstance(planned, int) or not 1 <= planned <= 600:
            raise ValidationError("A focus session lasts from 1 to 600 minutes.")
        if task_id:
            from nargis_desktop.core.tasks import TaskService

            task_id = TaskService(self.store, self.clock, self.events).resolve_id(task_id)
        session_id = new_id()
        now = self.now_iso()
        with self.store.write() as db:
            # checked again under the write lock: another window may have started one
            self._refuse_if_running()
            db.table("focus_sessions").insert({
                "id": session_id, "task_id": task_id, "kind": k.value,
                "planned_minutes": planned, "started_at": now, "ended_at": None,
                "completed": 0, "paused_at": None, "paused_seconds": 0.0,
                "created_at": now, "updated_at": now, "deleted_at": None})
        self._anchor[session_id] = (self.clock.monotonic(), 0.0)
        self.emit("focus.started", session_id, kind=k.value, minutes=planned)
        return self._require_running()

    def _refuse_if_running(self) -> None:
        current = self._running_row()
        if current is not None:
            left = max(0, round((current.planned_minutes * 60 - self.elapsed(current)) / 60))
            raise ValidationError(
                f"A {current.kind.value.replace('_', ' ')} session is already running "
                f"({left} min left).", hint="Stop it first: nargis focus stop")

    def _require_running(self) -> FocusSession:
        s = self._running_row()
        if s is None:
            raise ValidationError("No focus session is running.",
                                  hint="Start one with: nargis focus start")
        return s

    def pause(self) -> FocusSession:
        s = self._require_running()
        if s.paused_at is not None:
            return s
        self.tick()
        s = self._require_running()
        elapsed = self.elapsed(s)
        paused_at = self.clock.now()
        # store what the monotonic clock measured, so a later wall-clock reading agrees
        paused_seconds = max(0.0, (paused_at - s.started_at).total_seconds() - elapsed)
        with self.store.write() as db:
            db.table("focus_sessions").update(s.id, {"paused_at": to_iso(paused_at),
                                               "paused_seconds": paused_seconds,
                                               "updated_at": to_iso(paused_at)})
        self._anchor.pop(s.id, None)
        self.emit("focus.paused", s.id)
        return self._require_running()

    def resume(self) -> FocusSession:
        s = self._require_running()
        if s.paused_at is None:
            return s
        now = self.clock.now()
        extra = max(0.0, (now - s.paused_at).total_seconds())
        with self.store.write() as db:
            db.table("focus_sessions").update(s.id, {"paused_at": None,
                                               "paused_seconds": s.paused_seconds + extra,
                                               "updated_at": to_iso(now)})
        self._anchor[s.id] = (self.clock.monotonic(), self._wall_elapsed(s))
        self.emit("focus.resumed", s.id)
        return self._require_running()

    def stop(self) -> FocusSession:
        """End now; it counts as completed only if the planned time was reached."""
        s = self._require_running()
        elapsed = self.elapsed(s)
        if s.paused_at is not None:
            extra = (self.clock.now() - s.paused_at).total_seconds()
            s.paused_seconds += extra
        return self._end(s, at=self.clock.now(), completed=elapsed >= s.planned_minutes * 60,
                         reason="stopped")

    def skip(self) -> FocusSession:
        """End this phase and start the next one in the cycle."""
        self.stop()
        return self.start(self.next_kind(skipped=True))

    def _end(self, s: FocusSession, *, at: datetime, completed: bool,
             reason: str) -> FocusSession:
        with self.store.write() as db:
            db.table("focus_sessions").update(s.id, {
                "ended_at": to_iso(at), "completed": int(completed), "paused_at": None,
                "paused_seconds": s.paused_seconds, "updated_at": self.now_iso()})
        self._anchor.pop(s.id, None)
        self.emit("focus.ended", s.id, kind=s.kind.value, completed=completed, reason=reason)
        return self._row(self.store.query("SELECT * FROM focus_sessions WHERE id = ?",
                                          (s.id,))[0])

"""Habits: create, log any day (absolute or delta), streaks, archive, soft delete."""

from __future__ import annotations

import builtins
import re
from datetime import date, datetime, timedelta
from typing import Any, Literal

from nargis_desktop.core.base import Service, new_id, opt_time
from nargis_desktop.core.codec import normalize_name
from nargis_desktop.core.dates import parse_when
from nargis_desktop.core.streaks import compute_streak, group_counts
from nargis_desktop.core.types import Frequency, Habit, HabitEntry, HabitStatus, Streak
from nargis_desktop.core.validation import clean_title, parse_enum
from nargis_desktop.errors import NotFoundError, ValidationError

MAX_COUNT = 100_000
_WEEKDAY_RE = re.compile(r"\b(?:(?:mon|tues?|wednes|thurs?|fri|satur|sun)(?:day)?|wed|thu|sat)\b",
                         re.IGNORECASE)
_COLOR_WORDS = ("red", "orange", "yellow", "green", "teal", "blue", "purple", "pink", "gray")


class HabitService(Service):
    table = "habits"
    noun = "habit"

    def _row_to_habit(self, row: dict[str, Any]) -> Habit:
        return Habit(
            id=row["id"], name=self.open_text(row, "name"), target=int(row["target"]),
            unit=row["unit"], frequency=Frequency(row["frequency"]), color=row["color"],
            archived=bool(row["archived"]), created_at=opt_time(row["created_at"]),
            updated_at=opt_time(row["updated_at"]),
        )

    def _find_row(self, ref: str, *, include_deleted: bool = False) -> dict[str, Any]:
        """By exact name (case-insensitive) first, else by id or id prefix."""
        key = self.codec.name_key(ref)
        rows = self.store.query(
            "SELECT * FROM habits WHERE name_key = ? AND deleted_at IS NULL "
            "ORDER BY archived, created_at DESC LIMIT 1", (key,))
        if rows:
            return rows[0]
        try:
            habit_id = self.resolve_id(ref, include_deleted=True)
        except NotFoundError:
            deleted = self.store.query(
                "SELECT 1 FROM habits WHERE name_key = ? AND deleted_at IS NOT NULL", (key,))
            if deleted:
                raise NotFoundError(f"The habit '{ref}' was deleted.") from None
            raise NotFoundError(f"No habit called '{ref}'.",
                                hint="See your habits with: nargis habits list") from None
        row = self.store.query("SELECT * FROM habits WHERE id = ?", (habit_id,))[0]
        if row["deleted_at"] and not include_deleted:
            raise NotFoundError(f"The habit '{self.open_text(row, 'name')}' was deleted.")
        return row

    def get(self, ref: str) -> Habit:
        return self._row_to_habit(self._find_row(ref))

    def _validate(self, target: int, unit: str, color: str | None) -> tuple[int, str, str | None]:
        if isinstance(target, bool) or not isinstance(target, int) or not 1 <= target <= MAX_COUNT:
            raise ValidationError(f"The target must be a whole number from 1 to {MAX_COUNT:,}.")
        unit = clean_title(unit, "unit", max_len=40)
        if color is not None:
            color = color.strip().lower()
            if color and color not in _COLOR_WORDS and not (
                    len(color) == 7 and color.startswith("#")
                    and all(c in "0123456789abcdef" for c in color[1:])):
                raise ValidationError(f"'{color}' is not a color; use #rrggbb or one of "
                                      + ", ".join(_COLOR_WORDS) + ".")
        return target, unit, color or None

    def create(self, name: str, *, target: int = 1, unit: str = "times",
               frequency: str | Frequency = Frequency.DAILY, color: str | None = None) -> Habit:
        name = clean_title(name, "habit name", max_len=120)
        target, unit, color = self._validate(target, unit, color)
        freq = parse_enum(Frequency, frequency, "frequency")
        habit_id = new_id()
        now = self.now_iso()
        key = self.codec.name_key(name)
        with self.store.write() as db:
            if self.store.scalar("SELECT 1 FROM habits WHERE name_key = ? AND deleted_at IS NULL "
                                 "AND archived = 0", (key,)):
                raise ValidationError(f"You already have a habit called '{name}'.")
            value, enc = self.seal(habit_id, "name", name)
            db.table("habits").insert({
                "id": habit_id, "name": value, "name_key": key, "enc": enc, "target": target,
                "unit": unit, "frequency": freq.value, "color": color, "archived": 0,
                "created_at": now, "updated_at": now, "deleted_at": None})
        self.emit("habit.added", habit_id)
        return self.get(habit_id)

    def edit(self, ref: str, *, name: str | None = None, target: int | None = None,
             unit: str | None = None, frequency: str | Frequency | None = None,
             color: str | None = None, archived: bool | None = None) -> Habit:
        habit = self.get(ref)
        new_target, new_unit, new_color = self._validate(
            target if target is not None else habit.target, unit or habit.unit,
            color if color is not None else habit.color)
        changes: dict[str, Any] = {"target": new_target, "unit": new_unit, "color": new_color}
        if frequency is not None:
            changes["frequency"] = parse_enum(Frequency, frequency, "frequency").value
        if archived is not None:
            changes["archived"] = int(archived)
        with self.store.write() as db:
            new_name = habit.name if name is None else clean_title(name, "habit name",
                                                                   max_len=120)
            key = self.codec.name_key(new_name)
            # renaming, or unarchiving, must not make two active habits with one name
            if not (archived if archived is not None else habit.archived):
                self._check_name_free(key, new_name, habit.id)
            if name is not None:
                changes["name"], changes["enc"] = self.seal(habit.id, "name", new_name)
                changes["name_key"] = key
            changes["updated_at"] = self.now_iso()
            db.table("habits").update(habit.id, changes)
        self.emit("habit.edited", habit.id)
        return self.get(habit.id)

    def delete(self, ref: str) -> Habit:
        habit = self.get(ref)
        now = self.now_iso()
        with self.store.write() as db:
            db.table("habits").update(habit.id, {"deleted_at": now, "updated_at": now})
        self.emit("habit.deleted", habit.id)
        return habit

    def _check_name_free(self, key: str, name: str, habit_id: str) -> None:
        if self.store.scalar("SELECT id FROM habits WHERE name_key = ? AND deleted_at IS NULL "
                             "AND archived = 0 AND id != ?", (key, habit_id)):
            raise ValidationError(f"You already have a habit called '{name}'.")

    def restore(self, habit_id: str) -> None:
        with self.store.write() as db:
            row = self.store.query("SELECT * FROM habits WHERE id = ?", (habit_id,))
            if row and not row[0]["archived"]:
                self._check_name_free(row[0]["name_key"], self.open_text(row[0], "name"),
                                      habit_id)
            db.table("habits").update(habit_id, {"deleted_at": None, "updated_at": self.now_iso()})
        self.emit("habit.restored", habit_id)

    # -- logging ---------------------------------------------------------------------
    def _day(self, day: date | str | None) -> date:
        today = self.clock.today()
        if day is None or day == "":
            return today
        if isinstance(day, datetime):  # an instant: its day in the user's zone
            d = self.clock.day_of(day) if day.tzinfo else day.date()
        elif isinstance(day, date):
            d = day
        else:
            try:
                d = date.fromisoformat(day.strip())
            except ValueError:
                d = parse_when(day, self.clock).local(self.clock).date()
                if today < d <= today + timedelta(days=6) and _WEEKDAY_RE.search(day) and \
                        not re.search(r"\bnext\b", day, re.I):
                    # "log it for monday": dates look ahead, but a log means the last one
                    d -= timedelta(days=7)
        if d > today:
            raise ValidationError(f"{d.isoformat()} is in the future; log it on the day.")
        return d

    def log(self, ref: str, count: int = 1, *, day: date | str | None = None,
            mode: Literal["add", "set"] = "add") -> HabitEntry:
        """Add ``count`` (may be negative to correct) or set the day's total."""
        if isinstance(count, bool) or not isinstance(count, int):
            raise ValidationError("The count must be a whole number.")
        if mode == "set" and count < 0:
            raise ValidationError("A habit count can't be negative.")
        if abs(count) > MAX_COUNT:
            raise ValidationError(f"A count of {count:,} is more than {MAX_COUNT:,}.")
        row = self._find_row(ref)
        if row["archived"]:
            raise ValidationError(f"'{self.open_text(row, 'name')}' is archived; unarchive it "
                                  "to log it.")
        d = self._day(day)
        now = self.now_iso()
        with self.store.write() as db:
            existing = self.store.query(
                "SELECT id, count, deleted_at FROM habit_entries WHERE habit_id = ? AND day = ?",
                (row["id"], d.isoformat()))
            old = existing[0]["count"] if existing and not existing[0]["deleted_at"] else 0
            new = count if mode == "set" else old + count
            if new < 0:
                raise ValidationError(
                    f"That would make {d.isoformat()}'s count negative (it is {old}).")
            if existing:
                entry_id = existing[0]["id"]
                db.table("habit_entries").update(entry_id, {"count": new, "updated_at": now,
                                                      "deleted_at": None})
            else:
                entry_id = new_id()
                db.table("habit_entries").insert({
                    "id": entry_id, "habit_id": row["id"], "day": d.isoformat(), "count": new,
                    "created_at": now, "updated_at": now, "deleted_at": None})
        self.emit("habit.logged", row["id"], day=d.isoformat(), count=new, previous=old)
        return HabitEntry(entry_id, row["id"], d, new)

    def history(self, ref: str, days: int = 84) -> dict[date, int]:
        habit = self.get(ref)
        since = self.clock.today() - timedelta(days=days - 1)
        rows = self.store.query(
            "SELECT day, count FROM habit_entries WHERE habit_id = ? AND day >= ? AND "
            "deleted_at IS NULL", (habit.id, since.isoformat()))
        return {date.fromisoformat(r["day"]): int(r["count"]) for r in rows}

    # -- status ----------------------------------------------------------------------
    def all_streaks(self, include_archived: bool = False) -> dict[str, Streak]:
        habits = self._active_rows(include_archived)
        return {h.id: s.streak for h, s in zip(habits, self._statuses(habits), strict=True)}

    def _active_rows(self, include_archived: bool) -> list[Habit]:
        arch = "" if include_archived else " AND archived = 0"
        rows = self.store.query(
            f"SELECT * FROM habits WHERE deleted_at IS NULL{arch} ORDER BY created_at")
        return [self._row_to_habit(r) for r in rows]

    def _statuses(self, habits: list[Habit]) -> list[HabitStatus]:
        if not habits:
            return []
        ids = [h.id for h in habits]
        rows = self.store.conn.execute(
            f"SELECT habit_id, day, count FROM habit_entries WHERE deleted_at IS NULL AND "
            f"count > 0 AND habit_id IN ({','.join('?' * len(ids))})", ids).fetchall()
        by_habit = group_counts(rows)
        today = self.clock.today()
        monday = today - timedelta(days=today.weekday())
        out = []
        for h in habits:
            counts = by_habit.get(h.id, {})
            today_count = counts.get(today, 0)
            period = today_count if h.frequency == Frequency.DAILY else sum(
                c for d, c in counts.items() if monday <= d <= today)
            out.append(HabitStatus(h, today_count, period,
                                   compute_streak(counts, h.target, h.frequency, today)))
        return out

    def list(self, include_archived: bool = False) -> builtins.list[HabitStatus]:
        return self._statuses(self._active_rows(include_archived))

    def status(self, ref: str) -> HabitStatus:
        return self._statuses([self.get(ref)])[0]

    def pending_today(self) -> builtins.list[HabitStatus]:
        """Habits whose current period is not yet done: for Today and the assistant."""
        return [s for s in self.list() if s.period_count < s.habit.target]


__all__ = ["HabitService", "normalize_name"]

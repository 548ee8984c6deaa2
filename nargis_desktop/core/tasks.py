"""Tasks: add, edit, complete (with repeats), reopen, soft delete, subtasks, filtered lists."""

from __future__ import annotations

import builtins
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from nargis_desktop.clock import from_iso, to_iso
from nargis_desktop.core.base import Service, new_id, opt_time
from nargis_desktop.core.dates import When, parse_when
from nargis_desktop.core.recurrence import anchor_monthly, next_occurrence, parse_recurrence
from nargis_desktop.core.types import Priority, Task, TaskStatus
from nargis_desktop.core.validation import (
    MAX_NOTES,
    clean_tags,
    clean_text,
    clean_title,
    parse_enum,
)
from nargis_desktop.errors import ValidationError
from nargis_desktop.store.queries import OVERDUE

View = Literal["open", "today", "overdue", "upcoming", "done", "all"]
VIEWS: tuple[str, ...] = ("open", "today", "overdue", "upcoming", "done", "all")
_UNSET: Any = object()


@dataclass(frozen=True)
class Completion:
    task: Task
    next_task: Task | None


class TaskService(Service):
    table = "tasks"
    noun = "task"

    # -- reading ---------------------------------------------------------------------
    def _row_to_task(self, row: dict[str, Any]) -> Task:
        return Task(
            id=row["id"],
            title=self.open_text(row, "title"),
            notes=self.open_text(row, "notes") if row["notes"] else "",
            status=TaskStatus(row["status"]),
            priority=Priority(row["priority"]),
            due=opt_time(row["due_at"]),
            all_day=bool(row["due_all_day"]),
            completed_at=opt_time(row["completed_at"]),
            parent_id=row["parent_id"],
            tags=json.loads(row["tags"]),
            recurrence=row["recurrence"],
            series_id=row["series_id"],
            created_at=opt_time(row["created_at"]),
            updated_at=opt_time(row["updated_at"]),
            deleted_at=opt_time(row["deleted_at"]),
        )

    def get(self, ref: str, *, include_deleted: bool = False) -> Task:
        task_id = self.resolve_id(ref, include_deleted=include_deleted)
        rows = self.store.query("SELECT * FROM tasks WHERE id = ?", (task_id,))
        return self._row_to_task(rows[0])

    def list(
        self,
        view: View | str = "open",
        *,
        tag: str | None = None,
        text: str | None = None,
        parent_id: str | None = None,
        limit: int | None = None,
    ) -> builtins.list[Task]:
        """Tasks for one view; open views sort by due date (undated last), then priority."""
        if view not in VIEWS:
            raise ValidationError(f"Unknown view '{view}'; choose one of: {', '.join(VIEWS)}.")
        where = ["deleted_at IS NULL"]
        params: builtins.list[Any] = []
        order = ("CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, "
                 "CASE priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END, created_at")
        now = self.clock.now()
        start, end = self.clock.day_bounds(self.clock.today())
        if view in ("open", "today", "overdue", "upcoming"):
            where.append("status != 'done'")
        if view == "today":
            where.append("due_at >= ? AND due_at < ?")
            params += [to_iso(start), to_iso(end)]
        elif view == "overdue":
            where.append(OVERDUE)
            params += [to_iso(now), to_iso(start)]
        elif view == "upcoming":
            where.append("due_at IS NOT NULL AND due_at >= ?")
            params.append(to_iso(end))
        elif view == "done":
            where.append("status = 'done'")
            order = "completed_at DESC"
        if tag:
            where.append("EXISTS (SELECT 1 FROM json_each(tasks.tags) WHERE value = ?)")
            cleaned = clean_tags([tag])
            params.append(cleaned[0] if cleaned else tag)
        if parent_id is not None:
            where.append("parent_id = ?")
            params.append(parent_id)
        sql = f"SELECT * FROM tasks WHERE {' AND '.join(where)} ORDER BY {order}"
        if limit is not None and not text:
            sql += f" LIMIT {int(limit)}"
        tasks = [self._row_to_task(r) for r in self.store.query(sql, params)]
        if text:
            needle = text.casefold()
            tasks = [t for t in tasks
                     if needle in t.title.casefold() or needle in t.notes.casefold()]
            if limit is not None:
                tasks = tasks[:limit]
        return tasks

    def subtasks(self, ref: str) -> builtins.list[Task]:
        return self.list("all", parent_id=self.resolve_id(ref))

    def is_overdue(self, task: Task) -> bool:
        if task.due is None or task.status == TaskStatus.DONE:
            return False
        if task.all_day:
            return task.due < self.clock.start_of_day(self.clock.today())
        return task.due < self.clock.now()

    # -- writing ---------------------------------------------------------------------
    def _when(self, due: str | datetime | When | None) -> When | None:
        if due is None or due == "":
            return None
        if isinstance(due, When):
            return due
        if isinstance(due, datetime):
            if due.tzinfo is None:
                raise ValidationError("A due time needs a time zone.")
            return When(due)
        return parse_when(due, self.clock)

    def _check_parent(self, parent: str | None, child_id: str | None = None) -> str | None:
        if not parent:
            return None
        parent_id = self.resolve_id(parent)
        seen = {child_id} if child_id else set()
        cursor: str | None = parent_id
        while cursor:
            if cursor in seen:
                raise ValidationError("A task can't be a subtask of itself or of its own subtask.")
            seen.add(cursor)
            cursor = self.store.scalar("SELECT parent_id FROM tasks WHERE id = ?", (cursor,))
        return parent_id

    def add(
        self,
        title: str,
        *,
        notes: str = "",
        due: str | datetime | When | None = None,
        priority: str | Priority = Priority.NORMAL,
        tags: builtins.list[str] | None = None,
        parent: str | None = None,
        recurrence: str | None = None,
        status: str | TaskStatus = TaskStatus.TODO,
    ) -> Task:
        title = clean_title(title)
        notes = clean_text(notes, "notes", max_len=MAX_NOTES)
        prio = parse_enum(Priority, priority, "priority")
        st = parse_enum(TaskStatus, status, "status")
        when = self._when(due)
        tag_list = clean_tags(tags)
        rule = parse_recurrence(recurrence) if recurrence else None
        if rule and when is None:
            when = When(self.clock.start_of_day(self.clock.today()), all_day=True)
        if rule and when is not None:
            rule = anchor_monthly(rule, when.local(self.clock).day)
        task_id = new_id()
        now = self.now_iso()
        with self.store.write() as db:
            parent_id = self._check_parent(parent)
            title_v, enc = self.seal(task_id, "title", title)
            notes_v, _ = self.seal(task_id, "notes", notes) if notes else ("", enc)
            db.table("tasks").insert({
                "id": task_id, "title": title_v, "notes": notes_v, "enc": enc,
                "status": st.value, "priority": prio.value,
                "due_at": to_iso(when.instant) if when else None,
                "due_all_day": int(when.all_day) if when else 0,
                "completed_at": now if st == TaskStatus.DONE else None,
                "parent_id": parent_id, "tags": json.dumps(tag_list), "recurrence": rule,
                "series_id": task_id if rule else None,
                "created_at": now, "updated_at": now, "deleted_at": None,
            })
        task = self.get(task_id)
        self.emit("task.added", task_id)
        return task

    def edit(
        self,
        ref: str,
        *,
        title: str | None = None,
        notes: str | None = None,
        due: Any = _UNSET,
        priority: str | Priority | None = None,
        tags: builtins.list[str] | None = None,
        status: str | TaskStatus | None = None,
        parent: Any = _UNSET,
        recurrence: Any = _UNSET,
    ) -> Task:
        """Change the given fields; ``due=None`` clears the due date."""
        task = self.get(ref)
        changes: dict[str, Any] = {}
        if title is not None or notes is not None:
            # re-seal both so title, notes and ``enc`` always share one key version
            new_title = clean_title(title) if title is not None else task.title
            new_notes = (clean_text(notes, "notes", max_len=MAX_NOTES) if notes is not None
                         else task.notes)
            changes["title"], changes["enc"] = self.seal(task.id, "title", new_title)
            changes["notes"] = self.seal(task.id, "notes", new_notes)[0] if new_notes else ""
        if due is not _UNSET:
            when = self._when(due)
            changes["due_at"] = to_iso(when.instant) if when else None
            changes["due_all_day"] = int(when.all_day) if when else 0
        if priority is not None:
            changes["priority"] = parse_enum(Priority, priority, "priority").value
        if tags is not None:
            changes["tags"] = json.dumps(clean_tags(tags))
        if status is not None:
            st = parse_enum(TaskStatus, status, "status")
            changes["status"] = st.value
            changes["completed_at"] = (self.now_iso() if st == TaskStatus.DONE and
                                       task.status != TaskStatus.DONE else
                                       None if st != TaskStatus.DONE else
                                       to_iso(task.completed_at) if task.completed_at else None)
        if recurrence is not _UNSET:
            changes["recurrence"] = parse_recurrence(recurrence) if recurrence else None
            changes["series_id"] = task.series_id or task.id if recurrence else task.series_id
        rule = changes.get("recurrence", task.recurrence)
        if rule:
            due_iso = changes["due_at"] if "due_at" in changes else (
                to_iso(task.due) if task.due else None)
            if due_iso is None:  # a repeating task needs a first date, as in add()
                due_iso = changes["due_at"] = to_iso(
                    self.clock.start_of_day(self.clock.today()))
                changes["due_all_day"] = 1
            anchored = anchor_monthly(rule, self.clock.day_of(from_iso(due_iso)).day)
            if anchored != task.recurrence:
                changes["recurrence"] = anchored
        if not changes and parent is _UNSET:
            return task
        completing = changes.get("status") == "done" and task.status != TaskStatus.DONE
        next_id: str | None = None
        with self.store.write() as db:
            if parent is not _UNSET:
                changes["parent_id"] = self._check_parent(parent, task.id)
            changes["updated_at"] = self.now_iso()
            db.table("tasks").update(task.id, changes)
            if completing:  # done by edit is done: a repeating task comes back, as in complete()
                next_id = self._spawn_next(db, self.get(task.id), changes["updated_at"])
        self.emit("task.edited", task.id, fields=sorted(changes))
        if completing:
            self.emit("task.completed", task.id, next_id=next_id)
        return self.get(task.id)

    def complete(self, ref: str) -> Completion:
        """Mark done; a repeating task spawns its next occurrence in the same transaction."""
        task = self.get(ref)
        if task.status == TaskStatus.DONE:
            return Completion(task, None)
        now = self.now_iso()
        next_id: str | None = None
        with self.store.write() as db:
            db.table("tasks").update(task.id, {"status": "done", "completed_at": now,
                                               "updated_at": now})
            next_id = self._spawn_next(db, task, now)
        self.emit("task.completed", task.id, next_id=next_id)
        return Completion(self.get(task.id), self.get(next_id) if next_id else None)

    def _spawn_next(self, db: Any, task: Task, now: str) -> str | None:
        """Insert a repeating task's next occurrence (inside the caller's transaction)."""
        if not task.recurrence or task.due is None:
            return None
        next_due = next_occurrence(task.recurrence, task.due, self.clock, all_day=task.all_day)
        if next_due is None:  # the series has ended (COUNT or UNTIL)
            return None
        next_id = new_id()
        title_v, enc = self.seal(next_id, "title", task.title)
        notes_v = self.seal(next_id, "notes", task.notes)[0] if task.notes else ""
        db.table("tasks").insert({
            "id": next_id, "title": title_v, "notes": notes_v, "enc": enc,
            "status": "todo", "priority": task.priority.value,
            "due_at": to_iso(next_due), "due_all_day": int(task.all_day),
            "completed_at": None, "parent_id": task.parent_id,
            "tags": json.dumps(task.tags), "recurrence": task.recurrence,
            "series_id": task.series_id or task.id,
            "created_at": now, "updated_at": now, "deleted_at": None,
        })
        return next_id

    def reopen(self, ref: str) -> Task:
        task = self.get(ref)
        if task.status != TaskStatus.DONE:
            return task
        with self.store.write() as db:
            db.table("tasks").update(task.id, {"status": "todo", "completed_at": None,
                                         "updated_at": self.now_iso()})
        self.emit("task.reopened", task.id)
        return self.get(task.id)

    def delete(self, ref: str) -> builtins.list[str]:
        """Soft delete (a tombstone for sync) of the task and its subtasks; returns their ids."""
        task = self.get(ref)
        now = self.now_iso()
        ids = [task.id]
        with self.store.write() as db:
            frontier = [task.id]
            while frontier:
                rows = self.store.query(
                    f"SELECT id FROM tasks WHERE deleted_at IS NULL AND parent_id IN "
                    f"({','.join('?' * len(frontier))})", frontier)
                frontier = [r["id"] for r in rows]
                ids += frontier
            db.execute(f"UPDATE tasks SET deleted_at = ?, updated_at = ? WHERE id IN "
                       f"({','.join('?' * len(ids))})", [now, now, *ids])
        self.emit("task.deleted", task.id, ids=ids)
        return ids

    def restore(self, ids: builtins.list[str]) -> None:
        """Undo a delete."""
        if not ids:
            return
        now = self.now_iso()
        with self.store.write() as db:
            db.execute(f"UPDATE tasks SET deleted_at = NULL, updated_at = ? WHERE id IN "
                       f"({','.join('?' * len(ids))})", [now, *ids])
        self.emit("task.restored", ids[0], ids=ids)

    def counts(self) -> dict[str, int]:
        """Open, due today, overdue: for the Today view and the assistant's context."""
        start, end = self.clock.day_bounds(self.clock.today())
        row = self.store.query(
            "SELECT COUNT(*) AS open, "
            "SUM(due_at IS NOT NULL AND due_at >= ? AND due_at < ?) AS today, "
            f"SUM({OVERDUE}) AS overdue "
            "FROM tasks WHERE deleted_at IS NULL AND status != 'done'",
            (to_iso(start), to_iso(end), to_iso(self.clock.now()), to_iso(start)))[0]
        return {k: int(v or 0) for k, v in row.items()}

    def due_between(self, start: datetime, end: datetime) -> builtins.list[Task]:
        rows = self.store.query(
            "SELECT * FROM tasks WHERE deleted_at IS NULL AND status != 'done' AND "
            "due_at >= ? AND due_at < ? ORDER BY due_at", (to_iso(start), to_iso(end)))
        return [self._row_to_task(r) for r in rows]

    def completed_since(self, days: int) -> int:
        since = self.clock.start_of_day(self.clock.today() - timedelta(days=days - 1))
        return int(self.store.scalar(
            "SELECT COUNT(*) FROM tasks WHERE deleted_at IS NULL AND completed_at >= ?",
            (to_iso(since),)))


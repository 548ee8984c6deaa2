"""How to take an action back, as data: ``{"op": ..., ids...}`` and the code that runs it.

An undo is stored as a small JSON spec instead of a closure so that a later process
(``nargis ask "undo that"`` after ``nargis ask "add ..."``) can run it. Each step
looks at the data as it is *now*: when it changed in between (the task added was
deleted since, another focus session is running), the undo refuses with a clear
:class:`UndoConflictError` instead of crashing or changing something else.
"""

from __future__ import annotations

from typing import Any

from nargis_desktop.brain.services import Services
from nargis_desktop.clock import from_iso, to_iso
from nargis_desktop.core.dates import When
from nargis_desktop.core.types import Task
from nargis_desktop.errors import NargisError, NotFoundError, ValidationError

UndoSpec = dict[str, Any]


class UndoConflictError(NargisError):
    """The data changed since the action, so taking it back would be wrong or impossible."""


def spec(op: str, **data: Any) -> UndoSpec:
    return {"op": op, **data}


def run_undo(s: Services, undo: UndoSpec) -> None:
    """Carry out one stored undo; UndoConflictError (or another NargisError) says why not."""
    op = undo.get("op")
    step = _OPS.get(str(op))
    if step is None:
        raise NargisError(f"I don't know how to undo '{op}'.")
    step(s, undo)


# -- tasks ------------------------------------------------------------------------------
def _task(s: Services, task_id: str, *, gone_ok: bool = False) -> Task:
    """The task as it is now; a deleted one is a conflict unless ``gone_ok``."""
    try:
        task = s.tasks.get(task_id, include_deleted=True)
    except NotFoundError:
        raise UndoConflictError("that task no longer exists.") from None
    if task.deleted_at is not None and not gone_ok:
        raise UndoConflictError(f"'{task.title}' has been deleted since.")
    return task


def _delete_task(s: Services, u: UndoSpec) -> None:
    task = _task(s, u["task"], gone_ok=True)
    if task.deleted_at is not None:
        raise UndoConflictError(f"'{task.title}' was already deleted.")
    s.tasks.delete(task.id)


def _reopen_task(s: Services, u: UndoSpec) -> None:
    task = _task(s, u["task"])
    s.tasks.reopen(task.id)
    if u.get("next"):  # the next occurrence the completion made, unless it was used since
        nxt = _task(s, u["next"], gone_ok=True)
        if nxt.deleted_at is None and nxt.status.value != "done":
            s.tasks.delete(nxt.id)


def _finish_task(s: Services, u: UndoSpec) -> None:
    task = _task(s, u["task"])
    if task.status.value != "done":
        s.tasks.edit(task.id, status="done")


def _restore_tasks(s: Services, u: UndoSpec) -> None:
    ids = [str(i) for i in u.get("ids") or []]
    first = _task(s, ids[0], gone_ok=True) if ids else None
    if first is None:
        return
    rows = s.tasks.store.query(
        f"SELECT id FROM tasks WHERE deleted_at IS NOT NULL AND id IN "
        f"({','.join('?' * len(ids))})", ids)
    if not rows:
        raise UndoConflictError(f"'{first.title}' is already back.")
    s.tasks.restore([r["id"] for r in rows])


def _set_due(s: Services, u: UndoSpec) -> None:
    task = _task(s, u["task"])
    due = u.get("due")
    s.tasks.edit(task.id, due=When(from_iso(due), bool(u.get("all_day"))) if due else None)


def _set_task(s: Services, u: UndoSpec) -> None:
    """A task's title and priority as they were before an edit."""
    task = _task(s, u["task"])
    s.tasks.edit(task.id, title=u.get("title"), priority=u.get("priority"))


# -- habits -----------------------------------------------------------------------------
def _habit_row(s: Services, habit_id: str) -> dict[str, Any]:
    rows = s.habits.store.query("SELECT id, deleted_at FROM habits WHERE id = ?", (habit_id,))
    if not rows:
        raise UndoConflictError("that habit no longer exists.")
    return rows[0]


def _delete_habit(s: Services, u: UndoSpec) -> None:
    if _habit_row(s, u["habit"])["deleted_at"] is not None:
        raise UndoConflictError("that habit was already deleted.")
    s.habits.delete(u["habit"])


def _unlog_habit(s: Services, u: UndoSpec) -> None:
    """Take back the count that was added (not "set the old total"): logs made since stay."""
    if _habit_row(s, u["habit"])["deleted_at"] is not None:
        raise UndoConflictError("that habit has been deleted since.")
    try:
        s.habits.log(u["habit"], -int(u["count"]), day=u["day"])
    except ValidationError:
        raise UndoConflictError(f"the count for {u['day']} was lowered since, so there is "
                                "nothing left to take back.") from None


# -- focus ------------------------------------------------------------------------------
def _session(s: Services, session_id: str) -> dict[str, Any]:
    rows = s.focus.store.query("SELECT id, ended_at, deleted_at FROM focus_sessions "
                               "WHERE id = ?", (session_id,))
    if not rows or rows[0]["deleted_at"] is not None:
        raise UndoConflictError("that focus session was already removed.")
    return rows[0]


def _running_is(s: Services, session_id: str) -> bool:
    st = s.focus.status()
    return st.running and st.session is not None and st.session.id == session_id


def _cancel_focus(s: Services, u: UndoSpec) -> None:
    """Undo a start: the session goes (a tombstone); a later session is never stopped."""
    _session(s, u["session"])
    if _running_is(s, u["session"]):
        s.focus.stop()
    with s.focus.store.write() as db:  # FocusService has no delete; a tombstone does it
        now = to_iso(s.clock.now())
        db.table("focus_sessions").update(u["session"], {"deleted_at": now, "updated_at": now})


def _toggle_pause(s: Services, u: UndoSpec) -> None:
    _session(s, u["session"])
    if not _running_is(s, u["session"]):
        raise UndoConflictError("that focus session has ended since.")
    if u["op"] == "resume_focus":
        s.focus.resume()
    else:
        s.focus.pause()


def _reopen_focus(s: Services, u: UndoSpec) -> None:
    row = _session(s, u["session"])
    if row["ended_at"] is None:
        raise UndoConflictError("that focus session is already running.")
    if s.focus.status().running:
        raise UndoConflictError("another focus session is running now.")
    now = to_iso(s.clock.now())
    with s.focus.store.write() as db:
        db.table("focus_sessions").update(u["session"], {
            "ended_at": None, "completed": 0, "updated_at": now,
            "paused_at": now if u.get("paused") else None})


# -- journal ----------------------------------------------------------------------------
def _delete_entry(s: Services, u: UndoSpec) -> None:
    rows = s.journal.store.query("SELECT deleted_at FROM journal_entries WHERE id = ?",
                                 (u["entry"],))
    if not rows or rows[0]["deleted_at"] is not None:
        raise UndoConflictError("that journal entry was already deleted.")
    s.journal.delete(u["entry"])


_OPS = {
    "delete_task": _delete_task,
    "reopen_task": _reopen_task,
    "finish_task": _finish_task,
    "restore_tasks": _restore_tasks,
    "set_due": _set_due,
    "set_task": _set_task,
    "delete_habit": _delete_habit,
    "unlog_habit": _unlog_habit,
    "cancel_focus": _cancel_focus,
    "resume_focus": _toggle_pause,
    "pause_focus": _toggle_pause,
    "reopen_focus": _reopen_focus,
    "delete_entry": _delete_entry,
}

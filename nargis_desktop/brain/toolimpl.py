"""What each tool does, through the core services, and how to take it back.

The "how to take it back" is a spec (``brain.undo``), not a closure, so the undo
survives the process: the CLI undoes in one command what it did in another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from nargis_desktop.brain.services import Services
from nargis_desktop.brain.slots import HABIT_MATCH, fuzzy_pick
from nargis_desktop.brain.undo import UndoSpec, spec
from nargis_desktop.clock import to_iso
from nargis_desktop.core.dates import When, describe, parse_when
from nargis_desktop.core.types import Habit, HabitStatus, Task, TaskStatus
from nargis_desktop.errors import AmbiguousError, NotFoundError, ValidationError

_SPOKEN_LIST = 5
_SPOKEN_TEXT = 300
#: How many finished tasks a status question looks through, newest first.
_RECENT_DONE = 500


@dataclass(frozen=True)
class Outcome:
    result: dict[str, Any]
    message: str
    undo: UndoSpec | None = None


# -- lookups ----------------------------------------------------------------------------
def find_task(s: Services, ref: str, view: str = "open", *, asked: bool = False) -> Task:
    """An existing task by fuzzy title; AmbiguousError lists the candidates by title (and,
    with ``asked``, asks about a title found only by how it sounds: a rename of "call the
    man" does not rename "call mom" unasked)."""
    tasks = s.tasks.list(view)
    where = {"open": "open tasks", "done": "finished tasks"}.get(view, "tasks")
    return tasks[_pick_title(ref, [t.title for t in tasks], where, asked=asked)]


def _pick_title(ref: str, titles: list[str], where: str, *, asked: bool = False) -> int:
    """The index of the one title ``ref`` names; the errors every task lookup says."""
    match = fuzzy_pick(ref, range(len(titles)), titles)
    if match.item is not None and asked and match.by_sound:
        raise AmbiguousError(f"Did you mean '{titles[match.item]}'?", [titles[match.item]])
    if match.item is not None:
        return match.item
    if match.ambiguous:
        choices = [titles[i] for i in match.choices]
        raise AmbiguousError(f"Which one did you mean: {_join(choices)}?", choices)
    errand = re.fullmatch(r"(.+?)\s+(?:run|trip)", ref.strip())
    if errand:  # "the milk run", "the bank trip": the errand, named by what it is for
        try:
            return _pick_title(errand.group(1), titles, where, asked=asked)
        except NotFoundError:
            pass
    raise NotFoundError(f"I couldn't find '{ref}' in your {where}.")


def find_habit(s: Services, ref: str) -> HabitStatus:
    habits = s.habits.list()
    match = fuzzy_pick(ref, habits, [h.habit.name for h in habits], threshold=HABIT_MATCH)
    if match.item is not None:
        return match.item
    if match.ambiguous:
        names = [h.habit.name for h in match.choices]
        raise AmbiguousError(f"Which habit: {_join(names)}?", names)
    raise NotFoundError(f"You don't have a habit called '{ref}'.",
                        hint=f"Say 'create a habit {ref}' to start one.")


def _join(items: list[str], word: str = "or") -> str:
    items = [f"'{i}'" for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _plain_join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _due(s: Services, task: Task) -> str:
    return describe(When(task.due, task.all_day), s.clock) if task.due else ""


def _task_json(s: Services, task: Task) -> dict[str, Any]:
    return task.to_json(s.clock.tz)


# -- tasks ------------------------------------------------------------------------------
def add_task(s: Services, a: dict[str, Any]) -> Outcome:
    task = s.tasks.add(a["title"], due=a.get("due") or None,
                       priority=a.get("priority") or "normal", tags=a.get("tags") or None)
    when = f" for {_due(s, task)}" if task.due else ""
    prio = " as high priority" if task.priority.value == "high" else ""
    return Outcome({"task": _task_json(s, task)}, f"Added '{task.title}'{when}{prio}.",
                   spec("delete_task", task=task.id))


def complete_task(s: Services, a: dict[str, Any]) -> Outcome:
    task = find_task(s, a["task"])
    done = s.tasks.complete(task.id)
    msg = f"Marked '{task.title}' as done."
    if done.next_task is not None:
        msg += f" The next one is due {_due(s, done.next_task)}."
    undo = spec("reopen_task", task=task.id,
                next=done.next_task.id if done.next_task is not None else None)
    return Outcome({"task": _task_json(s, done.task)}, msg, undo)


def reopen_task(s: Services, a: dict[str, Any]) -> Outcome:
    task = find_task(s, a["task"], "done")
    reopened = s.tasks.reopen(task.id)
    return Outcome({"task": _task_json(s, reopened)}, f"Reopened '{task.title}'.",
                   spec("finish_task", task=task.id))


def delete_task(s: Services, a: dict[str, Any]) -> Outcome:
    """``task_id`` (set by a confirmed "yes") deletes exactly the task that was asked
    about, never whatever the name happens to match by the time the answer comes."""
    task = s.tasks.get(a["task_id"]) if a.get("task_id") else find_task(s, a["task"], "all")
    ids = s.tasks.delete(task.id)
    return Outcome({"task": _task_json(s, task), "deleted_ids": ids},
                   f"Deleted '{task.title}'.", spec("restore_tasks", ids=ids))


def move_task(s: Services, a: dict[str, Any]) -> Outcome:
    task = find_task(s, a["task"])
    old = to_iso(task.due) if task.due else None
    moved = s.tasks.edit(task.id, due=a["due"])
    return Outcome({"task": _task_json(s, moved)},
                   f"Moved '{task.title}' to {_due(s, moved)}.",
                   spec("set_due", task=task.id, due=old, all_day=task.all_day))


def edit_task(s: Services, a: dict[str, Any]) -> Outcome:
    """A new priority or title for one open task ("make the report high priority")."""
    if not a.get("priority") and not a.get("title"):
        raise ValidationError("Say what to change: the priority or the name.")
    task = find_task(s, a["task"], asked=bool(a.get("title")))
    edited = s.tasks.edit(task.id, title=a.get("title") or None,
                          priority=a.get("priority") or None)
    if a.get("title"):
        msg = f"Renamed '{task.title}' to '{edited.title}'."
        if a.get("priority"):
            msg = msg[:-1] + f", {edited.priority.value} priority."
    else:
        msg = f"'{edited.title}' is now {edited.priority.value} priority."
    return Outcome({"task": _task_json(s, edited),
                    "was": {"title": task.title, "priority": task.priority.value}}, msg,
                   spec("set_task", task=task.id, title=task.title,
                        priority=task.priority.value))


def list_tasks(s: Services, a: dict[str, Any]) -> Outcome:
    view = a.get("view") or "today"
    tag = a.get("tag")
    if view == "week":
        today = s.clock.today()
        end = today + timedelta(days=7 - today.weekday())
        tasks = s.tasks.list("overdue") + s.tasks.due_between(
            s.clock.start_of_day(today), s.clock.start_of_day(end))
        seen: set[str] = set()
        tasks = [t for t in tasks if not (t.id in seen or seen.add(t.id))]  # type: ignore[func-returns-value]
        label = "this week"
    elif view == "day":
        said = a.get("day") or "tomorrow"
        first = parse_when(said, s.clock).local(s.clock).date()
        start = s.clock.start_of_day(first)
        days = 2 if "weekend" in said else 1
        tasks = s.tasks.due_between(start, s.clock.start_of_day(first + timedelta(days=days)))
        label = "for the weekend" if days == 2 else f"for {describe(When(start, True), s.clock)}"
    elif view == "tag":
        if not tag:
            raise ValidationError("Which tag?")
        tasks = s.tasks.list("open", tag=tag)
        label = f"tagged {tag}"
    else:
        tasks = s.tasks.list(view if view in ("today", "overdue", "open", "done") else "open",
                             tag=tag)
        label = {"today": "for today", "overdue": "overdue", "open": "open",
                 "done": "done"}.get(view, "")
    prio = a.get("priority")
    if prio:
        tasks = [t for t in tasks if t.priority.value == prio]
    items = [f"{t.title}" + (f" ({_due(s, t)})" if t.due and view not in ("done", "day") else
                             f" (at {_due(s, t).split(' at ', 1)[1]})" if view == "day"
                             and t.due and not t.all_day else "")
             for t in tasks]
    kind = f"{prio}-priority " if prio else ""
    if not items:
        msg = {"overdue": f"Nothing {kind}is overdue."}.get(
            view, f"You have no {kind}tasks {label}.")
    else:
        noun = kind + ("task" if len(items) == 1 else "tasks")
        shown = items[:_SPOKEN_LIST]
        more = f", and {len(items) - len(shown)} more" if len(items) > len(shown) else ""
        verb = "are" if len(items) > 1 else "is"
        msg = (f"{len(items)} {noun} {verb} overdue: " if view == "overdue"
               else f"You have {len(items)} {noun} {label}: ") + _plain_join(shown) + more + "."
    return Outcome({"view": view, "tag": tag, "day": a.get("day"), "priority": prio,
                    "tasks": [_task_json(s, t) for t in tasks]}, msg)


def task_status(s: Services, a: dict[str, Any]) -> Outcome:
    """Where one task stands, open or finished, so "did I pay the rent" and "when is the
    dentist due" are answered rather than taken for a change. Titles, not tasks, are
    matched: a repeating task's finished and next rounds share one, and both are said."""
    tasks = s.tasks.list("open") + s.tasks.list("done", limit=_RECENT_DONE)
    titles = list(dict.fromkeys(t.title for t in tasks))
    title = titles[_pick_title(a["task"], titles, "tasks")]
    pending = [t for t in tasks if t.title == title and t.status != TaskStatus.DONE]
    finished = [t for t in tasks if t.title == title and t.status == TaskStatus.DONE]
    parts = []
    if finished and finished[0].completed_at is not None:
        parts.append(f"You finished '{title}' "
                     f"{describe(When(finished[0].completed_at, False), s.clock)}")
    if pending:
        task = pending[0]
        name = "the next one" if parts else f"'{title}'"
        if task.due is None:
            parts.append(f"{name} is still open, with no due date")
        elif s.tasks.is_overdue(task):
            parts.append(f"{name} is still open; it was due {_due(s, task)}")
        else:
            parts.append(f"{name} is due {_due(s, task)}" if parts
                         else f"{name} is still open, due {_due(s, task)}")
        if task.priority.value == "high":
            parts[-1] += ", high priority"
    shown = pending[0] if pending else finished[0]
    msg = "; ".join(parts) + "."
    return Outcome({"task": _task_json(s, shown), "open": bool(pending),
                    "finished": [_task_json(s, t) for t in finished[:1]]},
                   msg[0].upper() + msg[1:])


def next_task(s: Services, a: dict[str, Any]) -> Outcome:
    tasks = s.tasks.list("open", limit=20)
    if not tasks:
        return Outcome({"task": None}, "Your list is clear. Nothing is next.")
    high = [t for t in tasks if t.priority.value == "high" and t.due is None]
    pick = tasks[0] if tasks[0].due is not None or not high else high[0]
    due = f", due {_due(s, pick)}" if pick.due else ""
    return Outcome({"task": _task_json(s, pick)}, f"Next up: {pick.title}{due}.")


# -- habits -----------------------------------------------------------------------------
def create_habit(s: Services, a: dict[str, Any]) -> Outcome:
    habit = s.habits.create(a["name"], target=int(a.get("target") or 1),
                            frequency=a.get("frequency") or "daily")
    per = "a day" if habit.frequency.value == "daily" else "a week"
    target = f", {habit.target} times {per}" if habit.target > 1 else (
        "" if habit.frequency.value == "daily" else ", once a week")
    return Outcome({"habit": _habit_json(habit)}, f"Started tracking '{habit.name}'{target}.",
                   spec("delete_habit", habit=habit.id))


def _habit_json(h: Habit) -> dict[str, Any]:
    return {"id": h.id, "name": h.name, "target": h.target, "frequency": h.frequency.value}


def log_habit(s: Services, a: dict[str, Any]) -> Outcome:
    status = find_habit(s, a["habit"])
    h = status.habit
    count = int(a.get("count") or 1)
    day = s.clock.today() - timedelta(days=1) if a.get("day") == "yesterday" else s.clock.today()
    entry = s.habits.log(h.id, count, day=day)
    after = s.habits.status(h.id)
    when = " for yesterday" if a.get("day") == "yesterday" else ""
    if h.target > 1 and a.get("day") != "yesterday":
        msg = f"Logged {h.name}: {after.period_count} of {h.target}."
    else:
        msg = f"Logged {h.name}{when}."
    if after.streak.current > 1:
        msg += f" That's a {after.streak.current}-day streak."
    return Outcome({"habit": _habit_json(h), "day": day.isoformat(), "count": entry.count,
                    "streak": after.streak.current}, msg,
                   spec("unlog_habit", habit=h.id, day=day.isoformat(), count=count))


def habit_status(s: Services, a: dict[str, Any]) -> Outcome:
    if a.get("habit"):
        st = find_habit(s, a["habit"])
        h = st.habit
        period = "today" if h.frequency.value == "daily" else "this week"
        msg = f"{h.name}: {st.period_count} of {h.target} {period}"
        msg += (f", and a {st.streak.current}-day streak" if h.frequency.value == "daily"
                else f", and a {st.streak.current}-week streak")
        msg += f" (best {st.streak.best})." if st.streak.best > st.streak.current else "."
        return Outcome({"habit": st.to_json()}, msg)
    all_ = s.habits.list()
    if not all_:
        return Outcome({"habits": []}, "You aren't tracking any habits yet.")
    left = [x.habit.name for x in all_ if x.period_count < x.habit.target]
    done = len(all_) - len(left)
    msg = f"{done} of {len(all_)} habits done"
    msg += f"; still to do: {_plain_join(left)}." if left else ". All done, well done!"
    top = max(all_, key=lambda x: x.streak.current)
    if top.streak.current > 1:
        unit = "day" if top.habit.frequency.value == "daily" else "week"
        msg += f" Your longest streak: {top.habit.name}, {top.streak.current} {unit}s."
    return Outcome({"habits": [x.to_json() for x in all_]}, msg)


# -- focus ------------------------------------------------------------------------------
def start_focus(s: Services, a: dict[str, Any]) -> Outcome:
    task = find_task(s, a["task"]) if a.get("task") else None
    session = s.focus.start("work", minutes=a.get("minutes"), task_id=task.id if task else None)
    on = f" on '{task.title}'" if task else ""
    result: dict[str, Any] = {"session": session.to_json(s.clock.tz)}
    if task is not None:  # lets the turn show the resolved title, like other task tools
        result["task"] = _task_json(s, task)
    return Outcome(result, f"Started a {session.planned_minutes}-minute focus session{on}.",
                   spec("cancel_focus", session=session.id))


def _minutes(seconds: float) -> str:
    m = round(seconds / 60)
    if m < 1:
        return "less than a minute"
    return "1 minute" if m == 1 else f"{m} minutes"


def pause_focus(s: Services, a: dict[str, Any]) -> Outcome:
    session = s.focus.pause()
    st = s.focus.status()
    return Outcome({"session": session.to_json(s.clock.tz)},
                   f"Paused, with {_minutes(st.remaining_seconds)} left.",
                   spec("resume_focus", session=session.id))


def resume_focus(s: Services, a: dict[str, Any]) -> Outcome:
    session = s.focus.resume()
    st = s.focus.status()
    return Outcome({"session": session.to_json(s.clock.tz)},
                   f"Resumed. {_minutes(st.remaining_seconds).capitalize()} to go.",
                   spec("pause_focus", session=session.id))


def stop_focus(s: Services, a: dict[str, Any]) -> Outcome:
    st = s.focus.status()
    session = s.focus.stop()
    elapsed = st.elapsed_seconds
    return Outcome({"session": session.to_json(s.clock.tz)},
                   f"Stopped the session after {_minutes(elapsed)}.",
                   spec("reopen_focus", session=session.id, paused=st.paused))


def focus_status(s: Services, a: dict[str, Any]) -> Outcome:
    st = s.focus.status()
    if not st.running or st.session is None:
        return Outcome(st.to_json(s.clock.tz), "No focus session is running.")
    kind = st.session.kind.value.replace("_", " ")
    paused = " It's paused." if st.paused else ""
    label = "focus session" if kind == "work" else kind
    return Outcome(st.to_json(s.clock.tz),
                   f"{_minutes(st.remaining_seconds).capitalize()} left in this {label}.{paused}")


# -- journal ----------------------------------------------------------------------------
def add_journal(s: Services, a: dict[str, Any]) -> Outcome:
    entry = s.journal.add(a["text"], mood=a.get("mood") or None,
                          source=a.get("source") or "typed")
    mood = f" Mood: {entry.mood.value}." if entry.mood else ""
    return Outcome({"entry_id": entry.id, "mood": entry.mood.value if entry.mood else None,
                    "words": len(entry.body.split())},
                   f"Saved to your journal.{mood}", spec("delete_entry", entry=entry.id))


def read_journal(s: Services, a: dict[str, Any]) -> Outcome:
    entry = s.journal.latest()
    if entry is None or entry.created_at is None:
        return Outcome({"entry": None}, "Your journal is empty.")
    when = describe(When(s.clock.start_of_day(s.clock.day_of(entry.created_at)), True), s.clock)
    body = entry.body if len(entry.body) <= _SPOKEN_TEXT else (
        entry.body[:_SPOKEN_TEXT].rsplit(" ", 1)[0] + "…")
    return Outcome({"entry": entry.to_json(s.clock.tz), "quotes_journal": True},
                   f"Your latest entry, from {when}: {body}")


# -- insights ---------------------------------------------------------------------------
def _days(s: Services, period: str) -> int:
    today = s.clock.today()
    return {"today": 1, "yesterday": 2, "week": today.weekday() + 1,
            "month": today.day}.get(period, 1)


_PERIOD_SAID = {"today": "today", "yesterday": "yesterday", "week": "this week",
                "month": "this month"}


def tasks_done(s: Services, a: dict[str, Any]) -> Outcome:
    period = a.get("period") or "week"
    n = s.tasks.completed_since(_days(s, period))
    if period == "yesterday":
        n -= s.tasks.completed_since(1)
    label = _PERIOD_SAID[period]
    noun = "task" if n == 1 else "tasks"
    cheer = " Nice work." if n >= 5 else ""
    return Outcome({"period": period, "count": n}, f"You finished {n} {noun} {label}.{cheer}")


def focus_summary(s: Services, a: dict[str, Any]) -> Outcome:
    period = a.get("period") or "today"
    today = s.clock.today()
    days = [today - timedelta(days=i) for i in range(_days(s, period))]
    if period == "yesterday":
        days = days[1:]
    minutes = sum(s.focus.focus_minutes(d) for d in days)
    sessions = sum(1 for d in days for x in s.focus.list(day=d)
                   if x.kind.value == "work" and x.completed)
    label = _PERIOD_SAID[period]
    if minutes < 1:
        return Outcome({"period": period, "minutes": 0, "sessions": 0},
                       "No focus time yesterday." if period == "yesterday" else
                       f"No focus time {label} yet. Say 'start a focus session' to begin.")
    noun = "session" if sessions == 1 else "sessions"
    return Outcome({"period": period, "minutes": round(minutes), "sessions": sessions},
                   f"You focused {_minutes(minutes * 60)} {label}, "
                   f"with {sessions} completed {noun}.")

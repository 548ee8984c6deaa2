"""``nargis tasks``: list, add, edit, done, reopen, rm."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from nargis_desktop.cli.common import emit_json, get_app, json_option
from nargis_desktop.core.dates import When, describe
from nargis_desktop.core.tasks import VIEWS
from nargis_desktop.core.types import Task, TaskStatus


def _line(task: Task) -> str:
    app = get_app()
    mark = {"todo": "[ ]", "doing": "[~]", "done": "[x]"}[task.status.value]
    parts = [task.id[:8], mark, task.title]
    if task.due:
        due = describe(When(task.due, task.all_day), app.clock)
        parts.append(f"(overdue: {due})" if app.tasks.is_overdue(task) else f"(due {due})")
    if task.priority.value != "normal":
        parts.append(f"!{task.priority.value}")
    parts += [f"#{t}" for t in task.tags]
    if task.recurrence:
        parts.append("↻")
    return "  ".join(parts)


@click.group()
def tasks() -> None:
    """Your to-do list."""


@tasks.command("list")
@click.option("--view", type=click.Choice(VIEWS), default=None,
              help="open (default), today, overdue, upcoming, done or all.")
@click.option("--status", type=click.Choice([s.value for s in TaskStatus]), default=None,
              help="Only tasks with this status.")
@click.option("--all", "show_all", is_flag=True, help="Include done tasks.")
@click.option("--tag", default=None, help="Only tasks with this tag.")
@click.option("--search", "text", default=None,
              help="Only tasks whose title or notes contain this.")
@click.option("--limit", type=click.IntRange(1), default=None)
@json_option
def list_(view: str | None, status: str | None, show_all: bool, tag: str | None,
          text: str | None, limit: int | None, as_json: bool) -> None:
    """Open tasks, soonest due first."""
    app = get_app()
    chosen = view or ("all" if show_all or status else "open")
    if status == "done" and view is None:
        chosen = "done"
    items = app.tasks.list(chosen, tag=tag, text=text, limit=limit)
    if status:
        items = [t for t in items if t.status.value == status]
    if as_json:
        emit_json([t.to_json(app.clock.tz) for t in items])
        return
    if not items:
        click.echo("No tasks." if chosen == "open" else f"No tasks in '{chosen}'.")
    for t in items:
        click.echo(_line(t))


_TASK_OPTIONS = [
    click.option("--due", default=None, help="When it's due: 'tomorrow 5pm', 'next friday'..."),
    click.option("--priority", "-p", type=click.Choice(["low", "normal", "high"]), default=None),
    click.option("--tag", "-t", "tags", multiple=True, help="A tag (repeatable)."),
    click.option("--notes", default=None),
    click.option("--parent", default=None, help="Make it a subtask of this task id."),
    click.option("--repeat", default=None,
                 help="daily, weekly, 'weekly on mon,wed', monthly, 'every 2 weeks'."),
]


def _with_task_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    for opt in reversed(_TASK_OPTIONS):
        fn = opt(fn)
    return fn


@tasks.command()
@click.argument("title", nargs=-1, required=True)
@_with_task_options
@json_option
def add(title: tuple[str, ...], due: str | None, priority: str | None, tags: tuple[str, ...],
        notes: str | None, parent: str | None, repeat: str | None, as_json: bool) -> None:
    """Add a task: nargis tasks add call mom --due 'tomorrow 5pm'."""
    app = get_app()
    task = app.tasks.add(" ".join(title), due=due, priority=priority or "normal",
                         tags=list(tags), notes=notes or "", parent=parent, recurrence=repeat)
    if as_json:
        emit_json(task.to_json(app.clock.tz))
    else:
        click.echo(f"Added: {_line(task)}")


@tasks.command()
@click.argument("task_id")
@click.option("--title", default=None)
@_with_task_options
@click.option("--no-due", is_flag=True, help="Remove the due date.")
@click.option("--status", type=click.Choice([s.value for s in TaskStatus]), default=None)
@json_option
def edit(task_id: str, title: str | None, due: str | None, priority: str | None,
         tags: tuple[str, ...], notes: str | None, parent: str | None, repeat: str | None,
         no_due: bool, status: str | None, as_json: bool) -> None:
    """Change a task's fields."""
    app = get_app()
    kwargs: dict[str, object] = {}
    if due is not None:
        kwargs["due"] = due
    if no_due:
        kwargs["due"] = None
    if parent is not None:
        kwargs["parent"] = parent or None
    if repeat is not None:
        kwargs["recurrence"] = repeat or None
    task = app.tasks.edit(task_id, title=title, notes=notes, priority=priority,
                          tags=list(tags) if tags else None, status=status,
                          **kwargs)
    if as_json:
        emit_json(task.to_json(app.clock.tz))
    else:
        click.echo(f"Updated: {_line(task)}")


@tasks.command()
@click.argument("task_id")
@json_option
def done(task_id: str, as_json: bool) -> None:
    """Mark a task done (a repeating task comes back on its next date)."""
    app = get_app()
    result = app.tasks.complete(task_id)
    if as_json:
        data = result.task.to_json(app.clock.tz)
        data["next"] = result.next_task.to_json(app.clock.tz) if result.next_task else None
        emit_json(data)
        return
    click.echo(f"Done: {result.task.title}")
    if result.next_task:
        click.echo(f"Next: {_line(result.next_task)}")


@tasks.command()
@click.argument("task_id")
@json_option
def reopen(task_id: str, as_json: bool) -> None:
    """Mark a done task as not done."""
    app = get_app()
    task = app.tasks.reopen(task_id)
    if as_json:
        emit_json(task.to_json(app.clock.tz))
    else:
        click.echo(f"Reopened: {_line(task)}")


@tasks.command()
@click.argument("task_id")
@click.option("--yes", "-y", is_flag=True, help="Don't ask for confirmation.")
@json_option
def rm(task_id: str, yes: bool, as_json: bool) -> None:
    """Delete a task and its subtasks."""
    app = get_app()
    task = app.tasks.get(task_id)
    subs = len(app.tasks.subtasks(task.id))
    if not yes and not as_json and sys.stdin.isatty():
        extra = f" and its {subs} subtask(s)" if subs else ""
        click.confirm(f"Delete '{task.title}'{extra}?", abort=True)
    ids = app.tasks.delete(task.id)
    if as_json:
        emit_json({"deleted": ids})
    else:
        click.echo(f"Deleted: {task.title}" + (f" (+{len(ids) - 1} subtasks)" if len(ids) > 1
                                                else ""))

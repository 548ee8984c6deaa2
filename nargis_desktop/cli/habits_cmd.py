"""``nargis habits``: list, add, log, edit, rm."""

from __future__ import annotations

import sys

import click

from nargis_desktop.cli.common import emit_json, get_app, json_option
from nargis_desktop.core.types import HabitStatus


def _line(s: HabitStatus) -> str:
    h = s.habit
    period = "today" if h.frequency.value == "daily" else "this week"
    mark = "✓" if s.period_count >= h.target else " "
    return (f"{h.id[:8]}  [{mark}] {h.name}  {s.period_count}/{h.target} {h.unit} {period}  "
            f"streak {s.streak.current} (best {s.streak.best})")


@click.group()
def habits() -> None:
    """Habits and streaks."""


@habits.command("list")
@click.option("--archived", is_flag=True, help="Include archived habits.")
@json_option
def list_(archived: bool, as_json: bool) -> None:
    """Your habits with today's count and streaks."""
    items = get_app().habits.list(include_archived=archived)
    if as_json:
        emit_json([s.to_json() for s in items])
        return
    if not items:
        click.echo("No habits yet. Add one with: nargis habits add NAME")
    for s in items:
        click.echo(_line(s))


@habits.command()
@click.argument("name", nargs=-1, required=True)
@click.option("--target", type=int, default=1, show_default=True, help="Count per period.")
@click.option("--unit", default="times", show_default=True)
@click.option("--weekly", "frequency", flag_value="weekly", help="Count per week.")
@click.option("--daily", "frequency", flag_value="daily", default=True, help="Count per day.")
@click.option("--color", default=None)
@json_option
def add(name: tuple[str, ...], target: int, unit: str, frequency: str, color: str | None,
        as_json: bool) -> None:
    """Create a habit: nargis habits add drink water --target 8 --unit glasses."""
    app = get_app()
    habit = app.habits.create(" ".join(name), target=target, unit=unit, frequency=frequency,
                              color=color)
    status = app.habits.status(habit.id)
    if as_json:
        emit_json(status.to_json())
    else:
        click.echo(f"Added: {_line(status)}")


@habits.command(context_settings={"ignore_unknown_options": True})  # "log water -1"
@click.argument("habit")
@click.argument("count", type=int, required=False, default=1)
@click.option("--set", "absolute", is_flag=True, help="Set the day's count instead of adding.")
@click.option("--day", default=None, help="Which day: 'yesterday', 2026-01-31... (default today).")
@json_option
def log(habit: str, count: int, absolute: bool, day: str | None, as_json: bool) -> None:
    """Log a habit: nargis habits log meditation (adds 1), or a count (may be -1 to fix)."""
    app = get_app()
    entry = app.habits.log(habit, count, day=day, mode="set" if absolute else "add")
    status = app.habits.status(entry.habit_id)
    if as_json:
        data = status.to_json()
        data["logged"] = {"day": entry.day.isoformat(), "count": entry.count}
        emit_json(data)
    else:
        click.echo(f"Logged {entry.count} on {entry.day.isoformat()}: {_line(status)}")


@habits.command()
@click.argument("habit")
@click.option("--name", default=None)
@click.option("--target", type=int, default=None)
@click.option("--unit", default=None)
@click.option("--frequency", type=click.Choice(["daily", "weekly"]), default=None)
@click.option("--color", default=None)
@click.option("--archive/--unarchive", default=None)
@json_option
def edit(habit: str, name: str | None, target: int | None, unit: str | None,
         frequency: str | None, color: str | None, archive: bool | None, as_json: bool) -> None:
    """Rename, retarget or archive a habit."""
    app = get_app()
    h = app.habits.edit(habit, name=name, target=target, unit=unit, frequency=frequency,
                        color=color, archived=archive)
    status = app.habits._statuses([h])[0]
    if as_json:
        emit_json(status.to_json())
    else:
        click.echo(f"Updated: {_line(status)}")


@habits.command()
@click.argument("habit")
@click.option("--yes", "-y", is_flag=True)
@json_option
def rm(habit: str, yes: bool, as_json: bool) -> None:
    """Delete a habit (its history stays for sync and undo)."""
    app = get_app()
    h = app.habits.get(habit)
    if not yes and not as_json and sys.stdin.isatty():
        click.confirm(f"Delete habit '{h.name}'?", abort=True)
    app.habits.delete(h.id)
    if as_json:
        emit_json({"deleted": h.id})
    else:
        click.echo(f"Deleted habit: {h.name}")

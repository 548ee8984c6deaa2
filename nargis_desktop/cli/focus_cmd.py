"""``nargis focus``: start, status, pause, resume, stop, skip, list."""

from __future__ import annotations

import click

from nargis_desktop.cli.common import emit_json, get_app, json_option
from nargis_desktop.core.focus import FocusStatus
from nargis_desktop.core.types import FocusKind


def _fmt(seconds: float) -> str:
    m, s = divmod(round(seconds), 60)
    return f"{m}:{s:02d}"


def _describe(st: FocusStatus) -> str:
    if not st.running or st.session is None:
        return (f"No session running. Next: {st.next_kind.value.replace('_', ' ')}. "
                f"Work sessions today: {st.work_sessions_done_today}.")
    kind = st.session.kind.value.replace("_", " ")
    paused = " (paused)" if st.paused else ""
    return f"{kind.capitalize()}{paused}: {_fmt(st.remaining_seconds)} left of " \
           f"{st.session.planned_minutes} min."


@click.group()
def focus() -> None:
    """Pomodoro focus sessions."""


@focus.command()
@click.option("--kind", type=click.Choice([k.value for k in FocusKind]), default=None,
              help="Default: the next phase of the cycle.")
@click.option("--minutes", "-m", type=int, default=None, help="Length (default from settings).")
@click.option("--task", "task_id", default=None, help="Link a task id.")
@json_option
def start(kind: str | None, minutes: int | None, task_id: str | None, as_json: bool) -> None:
    """Start a focus session or break."""
    app = get_app()
    app.focus.start(kind, minutes=minutes, task_id=task_id)
    st = app.focus.status()
    emit_json(st.to_json(app.clock.tz)) if as_json else click.echo("Started. " + _describe(st))


@focus.command()
@json_option
def status(as_json: bool) -> None:
    """What's running and how long is left."""
    app = get_app()
    st = app.focus.status()
    emit_json(st.to_json(app.clock.tz)) if as_json else click.echo(_describe(st))


def _simple(name: str, doc: str) -> click.Command:
    @json_option
    def cmd(as_json: bool) -> None:
        app = get_app()
        getattr(app.focus, name)()
        st = app.focus.status()
        emit_json(st.to_json(app.clock.tz)) if as_json else click.echo(_describe(st))

    cmd.__doc__ = doc
    return click.command(name)(cmd)


focus.add_command(_simple("pause", "Pause the running session."))
focus.add_command(_simple("resume", "Resume a paused session."))
focus.add_command(_simple("skip", "End this phase and start the next."))


@focus.command()
@json_option
def stop(as_json: bool) -> None:
    """Stop the running session now."""
    app = get_app()
    s = app.focus.stop()
    if as_json:
        emit_json(s.to_json(app.clock.tz))
    else:
        click.echo(f"Stopped {s.kind.value.replace('_', ' ')}"
                   + (" (completed)." if s.completed else "."))


@focus.command("list")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@json_option
def list_(limit: int, as_json: bool) -> None:
    """Recent sessions, newest first."""
    app = get_app()
    sessions = app.focus.list(limit=limit)
    if as_json:
        emit_json([s.to_json(app.clock.tz) for s in sessions])
        return
    for s in sessions:
        when = s.started_at.astimezone(app.clock.tz).strftime("%Y-%m-%d %H:%M")
        state = "running" if s.running else ("done" if s.completed else "stopped")
        click.echo(f"{s.id[:8]}  {when}  {s.kind.value:<11} {s.planned_minutes:>3} min  {state}")

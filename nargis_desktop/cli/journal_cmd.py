"""``nargis journal``: add, list, show, edit, rm (the vault adds unlock, lock, search...)."""

from __future__ import annotations

import sys

import click

from nargis_desktop.cli.common import emit_json, get_app, json_option
from nargis_desktop.core.types import JournalEntry, Mood

MOODS = [m.value for m in Mood]


def _head(e: JournalEntry) -> str:
    app = get_app()
    when = e.created_at.astimezone(app.clock.tz).strftime("%Y-%m-%d %H:%M") if e.created_at \
        else ""
    title = e.title or (e.body.splitlines()[0][:60] if e.body else "")
    mood = f"  ({e.mood.value})" if e.mood else ""
    tags = "".join(f"  #{t}" for t in e.tags)
    return f"{e.id[:8]}  {when}  {title}{mood}{tags}"


def _read_body(words: tuple[str, ...]) -> str:
    if words and words != ("-",):
        return " ".join(words)
    if not sys.stdin.isatty():
        return sys.stdin.read()
    edited = click.edit("")
    return edited or ""


@click.group()
def journal() -> None:
    """Your private journal."""


@journal.command()
@click.argument("text", nargs=-1)
@click.option("--title", default="")
@click.option("--mood", type=click.Choice(MOODS), default=None)
@click.option("--tag", "-t", "tags", multiple=True)
@json_option
def add(text: tuple[str, ...], title: str, mood: str | None, tags: tuple[str, ...],
        as_json: bool) -> None:
    """Write an entry (text as arguments, '-' or piped for stdin, else your $EDITOR)."""
    app = get_app()
    entry = app.journal.add(_read_body(text), title=title, mood=mood, tags=list(tags))
    emit_json(entry.to_json(app.clock.tz)) if as_json else click.echo(f"Saved: {_head(entry)}")


@journal.command("list")
@click.option("--mood", type=click.Choice(MOODS), default=None)
@click.option("--tag", default=None)
@click.option("--since", default=None, help="A date, e.g. 2026-01-01 or 'last monday'.")
@click.option("--until", default=None, help="A date (exclusive).")
@click.option("--limit", type=click.IntRange(1), default=None)
@json_option
def list_(mood: str | None, tag: str | None, since: str | None, until: str | None,
          limit: int | None, as_json: bool) -> None:
    """Entries, newest first."""
    from nargis_desktop.core.dates import parse_when

    app = get_app()
    bounds = [parse_when(b, app.clock).local(app.clock).date() if b else None
              for b in (since, until)]
    entries = app.journal.list(mood=mood, tag=tag, since=bounds[0], until=bounds[1], limit=limit)
    if as_json:
        emit_json([e.to_json(app.clock.tz) for e in entries])
        return
    if not entries:
        click.echo("No journal entries.")
    for e in entries:
        click.echo(_head(e))


@journal.command()
@click.argument("entry_id")
@json_option
def show(entry_id: str, as_json: bool) -> None:
    """Print one entry."""
    app = get_app()
    e = app.journal.get(entry_id)
    if as_json:
        emit_json(e.to_json(app.clock.tz))
        return
    click.echo(_head(e))
    click.echo()
    click.echo(e.body)


@journal.command()
@click.argument("entry_id")
@click.option("--text", default=None, help="New body ('-' reads stdin).")
@click.option("--title", default=None)
@click.option("--mood", type=click.Choice([*MOODS, "none"]), default=None)
@click.option("--tag", "-t", "tags", multiple=True)
@json_option
def edit(entry_id: str, text: str | None, title: str | None, mood: str | None,
         tags: tuple[str, ...], as_json: bool) -> None:
    """Change an entry (with no options, opens it in your $EDITOR)."""
    app = get_app()
    body = text
    if text == "-":
        body = sys.stdin.read()
    elif text is None and title is None and mood is None and not tags:
        body = click.edit(app.journal.get(entry_id).body)
        if body is None:
            click.echo("Unchanged.")
            return
    kwargs: dict[str, object] = {}
    if mood is not None:
        kwargs["mood"] = None if mood == "none" else mood
    e = app.journal.edit(entry_id, body=body, title=title, tags=list(tags) if tags else None,
                         **kwargs)  # type: ignore[arg-type]
    emit_json(e.to_json(app.clock.tz)) if as_json else click.echo(f"Updated: {_head(e)}")


@journal.command()
@click.argument("entry_id")
@click.option("--yes", "-y", is_flag=True)
@json_option
def rm(entry_id: str, yes: bool, as_json: bool) -> None:
    """Delete an entry."""
    app = get_app()
    entry_id = app.journal.resolve_id(entry_id)
    if not yes and not as_json and sys.stdin.isatty():
        click.confirm("Delete this journal entry?", abort=True)
    app.journal.delete(entry_id)
    emit_json({"deleted": entry_id}) if as_json else click.echo("Deleted.")

"""``nargis journal``: entries (add, list, show, edit, rm) and the vault that encrypts them
(init, unlock, lock, status, passwd, rotate, search)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from nargis_desktop.cli.common import emit_json, get_app, json_option
from nargis_desktop.cli.journal_unlock import (
    ask_new_passphrase,
    ask_passphrase,
    edit_privately,
    ensure_open,
    given_passphrase,
    interactive,
    offer_create,
    passphrase_file_option,
    show_notices,
    with_progress,
)
from nargis_desktop.core.events import Event
from nargis_desktop.core.types import JournalEntry, Mood
from nargis_desktop.errors import NargisError

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
    return edit_privately("") or ""


@click.group()
@passphrase_file_option
@click.pass_context
def journal(ctx: click.Context) -> None:
    """Your private journal, encrypted at rest (mood and tags stay readable for insights)."""
    ctx.call_on_close(lambda: show_notices(ctx))


# -- entries ------------------------------------------------------------------------
@journal.command()
@click.argument("text", nargs=-1)
@click.option("--title", default="")
@click.option("--mood", type=click.Choice(MOODS), default=None)
@click.option("--tag", "-t", "tags", multiple=True)
@passphrase_file_option
@json_option
def add(text: tuple[str, ...], title: str, mood: str | None, tags: tuple[str, ...],
        as_json: bool) -> None:
    """Write an entry (text as arguments, '-' or piped for stdin, else your $EDITOR)."""
    app = get_app()
    ensure_open(app, for_write=True)
    entry = app.journal.add(_read_body(text), title=title, mood=mood, tags=list(tags))
    emit_json(entry.to_json(app.clock.tz)) if as_json else click.echo(f"Saved: {_head(entry)}")


@journal.command("list")
@click.option("--mood", type=click.Choice(MOODS), default=None)
@click.option("--tag", default=None)
@click.option("--since", default=None, help="A date, e.g. 2026-01-01 or 'last monday'.")
@click.option("--until", default=None, help="A date (exclusive).")
@click.option("--limit", type=click.IntRange(1), default=None)
@passphrase_file_option
@json_option
def list_(mood: str | None, tag: str | None, since: str | None, until: str | None,
          limit: int | None, as_json: bool) -> None:
    """Entries, newest first (a damaged entry is reported and skipped)."""
    from nargis_desktop.core.dates import parse_when

    app = get_app()
    ensure_open(app)
    bounds = [parse_when(b, app.clock).local(app.clock).date() if b else None
              for b in (since, until)]
    damaged: list[str] = []

    def on_damaged(event: Event) -> None:
        damaged.append(str(event.data.get("reason", event.entity_id)))

    stop = app.events.subscribe("journal.damaged", on_damaged)
    try:
        entries = app.journal.list(mood=mood, tag=tag, since=bounds[0], until=bounds[1],
                                   limit=limit)
    finally:
        stop()
    for reason in damaged:
        click.echo(f"nargis: warning: {reason}", err=True)
    if as_json:
        emit_json([e.to_json(app.clock.tz) for e in entries])
        return
    if not entries:
        click.echo("No journal entries.")
    for e in entries:
        click.echo(_head(e))


@journal.command()
@click.argument("entry_id")
@passphrase_file_option
@json_option
def show(entry_id: str, as_json: bool) -> None:
    """Print one entry."""
    app = get_app()
    ensure_open(app)
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
@passphrase_file_option
@json_option
def edit(entry_id: str, text: str | None, title: str | None, mood: str | None,
         tags: tuple[str, ...], as_json: bool) -> None:
    """Change an entry (with no options, opens it in your $EDITOR)."""
    app = get_app()
    body = text
    ensure_open(app, for_write=True)
    if text == "-":
        body = sys.stdin.read()
    elif text is None and title is None and mood is None and not tags:
        body = edit_privately(app.journal.get(entry_id).body)
        if body is None:
            click.echo("Unchanged.")
            return
    kwargs: dict[str, object] = {}
    if mood is not None:
        kwargs["mood"] = None if mood == "none" else mood
    e = app.journal.edit(entry_id, body=body, title=title, tags=list(tags) if tags else None,
                         **kwargs)
    emit_json(e.to_json(app.clock.tz)) if as_json else click.echo(f"Updated: {_head(e)}")


@journal.command()
@click.argument("entry_id")
@click.option("--yes", "-y", is_flag=True)
@json_option
def rm(entry_id: str, yes: bool, as_json: bool) -> None:
    """Delete an entry (works while locked: it needs no text)."""
    app = get_app()
    entry_id = app.journal.resolve_id(entry_id)
    if not yes and not as_json and sys.stdin.isatty():
        click.confirm("Delete this journal entry?", abort=True)
    app.journal.delete(entry_id)
    emit_json({"deleted": entry_id}) if as_json else click.echo("Deleted.")


@journal.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@passphrase_file_option
@json_option
def search(query: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Find entries by words or "a phrase"; decrypted and ranked in memory only."""
    from nargis_desktop.vault.search import search as run_search

    app = get_app()
    ensure_open(app)
    result = run_search(app.vault, " ".join(query), limit=limit)
    for exc in result.damaged:
        click.echo(f"nargis: warning: {exc}", err=True)
    if as_json:
        emit_json({"hits": [h.to_json() for h in result.hits], "scanned": result.scanned,
                   "damaged": [d.row_id for d in result.damaged]})
        return
    if not result.hits:
        click.echo(f"No matches in {result.scanned} entries.")
    for h in result.hits:
        when = h.created_at[:10]
        title = f"{h.title} — " if h.title else ""
        click.echo(f"{h.id[:8]}  {when}  {title}{h.snippet}")


# -- the vault ----------------------------------------------------------------------
def _remember_option(fn: Any) -> Any:
    return click.option("--remember/--no-remember", default=None,
                        help="Keep the data key (never the passphrase) in the OS keyring "
                             "until the idle timeout (default: the remember_on_device "
                             "setting).")(fn)


@journal.command()
@_remember_option
@passphrase_file_option
@json_option
def init(remember: bool | None, as_json: bool) -> None:
    """Create the vault: a passphrase, asked twice; existing entries get encrypted."""
    app = get_app()
    from nargis_desktop.vault.errors import VaultExistsError

    if app.vault.exists():
        raise VaultExistsError("This journal already has a vault.",
                               hint="Change its passphrase with: nargis journal passwd")
    app.vault.header()  # refuses when encrypted entries exist without a header
    passphrase = given_passphrase() or ask_new_passphrase(what="Passphrase")
    with_progress("Creating the vault", lambda: app.vault.create(passphrase, remember=remember))
    header = app.vault.require_header()
    if as_json:
        emit_json({"created": True, "kdf": header.kdf.to_json(), "key_version": header.current})
    else:
        click.echo(f"Created the journal vault ({header.kdf.describe()}). Keep the passphrase "
                   "safe: without it the journal cannot be recovered.")


@journal.command()
@_remember_option
@passphrase_file_option
@json_option
def unlock(remember: bool | None, as_json: bool) -> None:
    """Check the passphrase; with --remember stay unlocked between commands."""
    app = get_app()
    vault = app.vault
    if not vault.exists():
        vault.header()
        offer_create(app)
        return
    with_progress("Unlocking", lambda: vault.unlock(ask_passphrase(), remember=remember))
    remembered = remember if remember is not None else vault.settings.remember_on_device
    if as_json:
        emit_json({"unlocked": True, "remember_requested": remembered})
        return
    click.echo("Unlocked.")
    if not remembered:
        click.echo("Each nargis command is its own session: this one ends now. To stay "
                   "unlocked between commands use --remember (OS keyring); in scripts set "
                   "NARGIS_PASSPHRASE or pass --passphrase-file.", err=True)


@journal.command()
@json_option
def lock(as_json: bool) -> None:
    """Lock now and forget the key remembered on this device."""
    app = get_app()
    existed = app.vault.exists()
    if existed:
        app.vault.lock()
    if as_json:
        emit_json({"locked": existed})
    else:
        click.echo("Locked." if existed else "There is no journal vault yet.")


@journal.command()
@click.option("--verify", is_flag=True, help="Decrypt everything and list damaged entries.")
@passphrase_file_option
@json_option
def status(verify: bool, as_json: bool) -> None:
    """Whether the vault exists, is unlocked, is remembered; its key and cost."""
    from nargis_desktop.vault.status import vault_status

    app = get_app()
    if verify:
        ensure_open(app)
    report = vault_status(app.vault, verify_all=verify)
    if as_json:
        emit_json(report)
        return
    for line in _status_lines(report):
        click.echo(line)


def _status_lines(r: dict[str, Any]) -> list[str]:
    if not r["exists"]:
        return ["Journal vault: none yet (create one with: nargis journal init).",
                f"Plain-text entries waiting to be encrypted: {r['entries']['plain']}"]
    e = r["entries"]
    lines = [
        f"Journal vault: {'unlocked' if r['unlocked'] else 'locked'}",
        f"  key version {r['key_version']}, {r['kdf']}, created {r['created_at']}",
        f"  entries: {e['total']} ({e['encrypted']} encrypted, {e['plain']} plain)",
        f"  tasks and habit names encrypted too: {'yes' if r['protect_tasks'] else 'no'}",
        f"  auto-lock after: {r['auto_lock_minutes'] or 'never'}"
        + (" idle minutes" if r["auto_lock_minutes"] else ""),
        f"  OS keyring: {r['keyring']}; key remembered here: "
        f"{'yes' if r['remembered'] else 'no'}",
    ]
    if r.get("damaged") is not None:
        lines.append(f"  damaged entries: {len(r['damaged'])}"
                     + "".join(f"\n    {d}" for d in r["damaged"]))
    return lines


@journal.command()
@click.option("--new-passphrase-file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Read the new passphrase from this file.")
@passphrase_file_option
@json_option
def passwd(new_passphrase_file: Path | None, as_json: bool) -> None:
    """Change the passphrase (re-wraps the key: instant, entries untouched)."""
    app = get_app()
    old = ask_passphrase("Current passphrase")
    app.vault.verify_passphrase(old)
    if new_passphrase_file is None and not interactive():
        raise NargisError("A new passphrase is needed.",
                          hint="Pass --new-passphrase-file FILE.")
    new = ask_new_passphrase(new_passphrase_file)
    with_progress("Re-wrapping the key", lambda: app.vault.change_passphrase(old, new))
    if as_json:
        emit_json({"changed": True})
    else:
        click.echo("Passphrase changed. No entry was rewritten; a key remembered on this "
                   "device still works.")


@journal.command()
@click.option("--skip-damaged", is_flag=True,
              help="Rotate the rest and keep the old key for damaged entries.")
@passphrase_file_option
@json_option
def rotate(skip_damaged: bool, as_json: bool) -> None:
    """New data key; every encrypted field re-encrypted in one transaction."""
    from nargis_desktop.vault.rotate import rotate as run_rotation

    app = get_app()
    passphrase = ask_passphrase()

    def progress(done: int, total: int) -> None:
        if interactive() and total:
            click.echo(f"\r  {done}/{total} fields re-encrypted", nl=False, err=True)

    result = run_rotation(app.vault, passphrase, skip_damaged=skip_damaged, progress=progress)
    if interactive():
        click.echo("", err=True)
    for exc in result.damaged:
        click.echo(f"nargis: warning: {exc} (kept under key {result.retained})", err=True)
    if as_json:
        emit_json({"old_version": result.old_version, "new_version": result.new_version,
                   "rows": result.rows, "damaged": [d.row_id for d in result.damaged],
                   "retained_versions": result.retained})
    else:
        click.echo(f"Rotated to key {result.new_version}: {result.rows} rows re-encrypted.")

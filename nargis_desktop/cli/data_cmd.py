"""``nargis stats``, ``nargis export`` and ``nargis import``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from nargis_desktop.cli.common import emit_json, get_app, json_option


@click.command()
@click.option("--days", type=click.IntRange(1, 3650), default=30, show_default=True,
              help="How far back to look.")
@json_option
def stats(days: int, as_json: bool) -> None:
    """Insights: tasks, focus, habits, productive hours, mood."""
    report = get_app().stats(days)
    if as_json:
        emit_json(report)
        return
    t, f = report["tasks"], report["focus"]
    rate = f"{t['completion_rate']:.0%}" if t["completion_rate"] is not None else "n/a"
    click.echo(f"Last {days} days ({report['range']['from']} to {report['range']['to']}):")
    click.echo(f"  Tasks: {t['created']} created, {t['completed']} completed ({rate}); "
               f"{t['open']} open, {t['overdue']} overdue")
    click.echo(f"  Focus: {f['minutes_total']:.0f} minutes, {f['sessions_completed']} sessions")
    for h in report["habits"]:
        cons = f"{h['consistency']:.0%}" if h["consistency"] is not None else "n/a"
        click.echo(f"  {h['name']}: {cons} consistent, streak {h['current_streak']} "
                   f"(best {h['best_streak']})")
    grid = report["heatmap"]["completions"]
    best = max(((wd, hr) for wd in range(7) for hr in range(24)),
               key=lambda c: grid[c[0]][c[1]])
    if grid[best[0]][best[1]]:
        day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][best[0]]
        click.echo(f"  Most completions: {day} around {best[1]:02d}:00")
    if report["mood"]:
        avg = sum(m["score"] for m in report["mood"]) / len(report["mood"])
        click.echo(f"  Mood: average {avg:.1f} / 5 over {len(report['mood'])} days")


@click.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "markdown"]), default="json",
              show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder to write into (default: the data home's exports/).")
@click.option("--decrypt", is_flag=True,
              help="Write journal (and encrypted task) text in the clear (think twice).")
@json_option
def export(fmt: str, out_dir: Path | None, decrypt: bool, as_json: bool) -> None:
    """Export everything (JSON re-imports losslessly; journal text stays encrypted)."""
    from nargis_desktop.store.transfer import atomic_write, export_csv, export_json

    app = get_app()
    folder = out_dir or app.home.exports_dir
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    tables = None
    if decrypt:
        from nargis_desktop.cli.journal_unlock import ensure_open
        from nargis_desktop.store.transfer import dump_tables
        from nargis_desktop.vault.export import WARNING, decrypt_rows_for_export

        ensure_open(app)
        click.echo(f"warning: {WARNING}", err=True)
        if fmt != "markdown":
            tables, damaged = decrypt_rows_for_export(app.vault, dump_tables(app.store))
            for problem in damaged:
                click.echo(f"warning: {problem} (left encrypted)", err=True)
    if fmt == "json":
        files = [export_json(app.store, folder / f"nargis-{stamp}.json", tables)]
    elif fmt == "csv":
        files = export_csv(app.store, folder / f"nargis-{stamp}-csv", tables)
    else:
        from nargis_desktop.core.markdown_export import render_markdown

        path = folder / f"nargis-{stamp}.md"
        atomic_write(path, render_markdown(app, include_journal=decrypt))
        files = [path]
    if as_json:
        emit_json({"format": fmt, "files": [str(p) for p in files]})
    else:
        for p in files:
            click.echo(str(p))


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@json_option
def import_(file: Path, as_json: bool) -> None:
    """Merge a JSON export into this data home (newer rows win; all or nothing)."""
    from nargis_desktop.store.transfer import import_json

    summary = import_json(get_app().store, file)
    if as_json:
        emit_json(summary)
        return
    added = sum(s["added"] for s in summary.values())
    updated = sum(s["updated"] for s in summary.values())
    click.echo(f"Imported {file}: {added} added, {updated} updated.")

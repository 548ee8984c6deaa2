"""``nargis models``: list, install, remove, verify and locate models.

Progress goes to stderr so ``--json`` output on stdout stays machine-readable.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

import click

from nargis_desktop.cli.common import Runtime, emit_json, json_option, pass_runtime
from nargis_desktop.errors import NargisError
from nargis_desktop.models.errors import CorruptModelError, ModelNotInstalledError
from nargis_desktop.models.fsutil import human_size
from nargis_desktop.models.manager import ModelManager
from nargis_desktop.models.progress import Progress


def _manager(runtime: Runtime) -> ModelManager:
    return ModelManager.for_home(runtime.home)


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    s = int(seconds)
    if s >= 3600:
        return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"


class ProgressLine:
    """One rewritten line on a terminal; one line per stage when stderr is a file or pipe."""

    def __init__(self, stream: TextIO | None = None, width: int = 24) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.width = width
        self._stage: tuple[str, str] | None = None
        self._shown = 0.0

    def __call__(self, p: Progress) -> None:
        key = (p.model_id, p.stage)
        if not self.tty:
            if key != self._stage and p.stage != "waiting":
                self.stream.write(f"{p.model_id}: {p.stage} ({human_size(p.total)})…\n")
                self.stream.flush()
            self._stage = key
            return
        now = time.monotonic()
        if key == self._stage and now - self._shown < 0.1 and p.done < p.total:
            return
        if self._stage is not None and key != self._stage:
            self.stream.write("\n")
        self._stage, self._shown = key, now
        if p.stage == "waiting":
            self.stream.write(f"\r{p.model_id}: waiting for another install to finish…")
        else:
            self.stream.write("\r" + self.render(p))
        self.stream.flush()

    def render(self, p: Progress) -> str:
        frac = p.fraction
        filled = int((frac or 0) * self.width)
        bar = "#" * filled + "." * (self.width - filled)
        pct = f"{frac * 100:3.0f}%" if frac is not None else "  ?%"
        total = human_size(p.total) if p.total else "?"
        return (f"{p.model_id} {p.stage:<8} [{bar}] {pct} {human_size(p.done)}/{total} "
                f"{human_size(p.rate)}/s ETA {_clock(p.eta)}  ")

    def close(self) -> None:
        if self.tty and self._stage is not None:
            self.stream.write("\n")
            self.stream.flush()
        self._stage = None


@click.group()
def models() -> None:
    """Install, check and locate the speech and language models (all run offline)."""


@models.command("list")
@json_option
@pass_runtime
def list_(runtime: Runtime, as_json: bool) -> None:
    """Show every model in the catalog and whether it is installed."""
    statuses = _manager(runtime).list()
    if as_json:
        emit_json([s.to_dict() for s in statuses])
        return
    click.echo(f"{'ID':<22} {'KIND':<4} {'SIZE':>9}  {'STATE':<14} NAME")
    for s in statuses:
        e = s.entry
        size = human_size(e.size) if e.size_exact else "~" + human_size(e.size)
        star = "*" if e.default else " "
        click.echo(f"{e.id:<22} {e.kind:<4} {size:>9}  {s.state:<14}{star}{e.name}")
    click.echo("* installed by: nargis models install --default")


@models.command("install")
@click.argument("ids", nargs=-1)
@click.option("--default", "defaults", is_flag=True, help="Install every default model.")
@click.option("--force", is_flag=True, help="Reinstall even if already installed.")
@click.option("--from", "source", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Folder holding the files of a 'local' model.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@json_option
@pass_runtime
def install(runtime: Runtime, ids: tuple[str, ...], defaults: bool, force: bool,
            source: Path | None, quiet: bool, as_json: bool) -> None:
    """Download, check and install models by id (see `nargis models list`)."""
    manager = _manager(runtime)
    wanted = list(ids) + ([e.id for e in manager.catalog.defaults()] if defaults else [])
    if not wanted:
        raise click.UsageError("Name at least one model id, or use --default.")
    entries = [manager.catalog.get(i) for i in dict.fromkeys(wanted)]
    done = []
    for entry in entries:
        if manager.is_installed(entry.id) and not force:
            click.echo(f"{entry.id}: already installed.", err=True)
        else:
            licence = entry.license + (f" ({entry.license_url})" if entry.license_url else "")
            click.echo(f"{entry.id}: {entry.name}, {human_size(entry.size)}. "
                       f"Licence: {licence}", err=True)
            bar = None if quiet else ProgressLine()
            try:
                manager.install(entry.id, progress=bar, force=force, source_path=source)
            finally:
                if bar is not None:
                    bar.close()
            click.echo(f"{entry.id}: installed and verified.", err=True)
        done.append({"id": entry.id, "path": str(manager.path(entry.id))})
    if as_json:
        emit_json(done)
    else:
        for item in done:
            click.echo(item["path"])


@models.command("remove")
@click.argument("ids", nargs=-1, required=True)
@json_option
@pass_runtime
def remove(runtime: Runtime, ids: tuple[str, ...], as_json: bool) -> None:
    """Delete installed models (and any partial downloads)."""
    manager = _manager(runtime)
    for i in ids:
        manager.catalog.get(i)
    results = [{"id": i, "removed": manager.remove(i)} for i in ids]
    if as_json:
        emit_json(results)
        return
    for r in results:
        click.echo(f"{r['id']}: {'removed' if r['removed'] else 'was not installed'}.")


@models.command("verify")
@click.argument("ids", nargs=-1)
@json_option
@pass_runtime
def verify(runtime: Runtime, ids: tuple[str, ...], as_json: bool) -> None:
    """Re-check the sha256 of installed models (all installed ones by default)."""
    manager = _manager(runtime)
    targets = list(ids) or [s.entry.id for s in manager.list() if s.state != "not installed"
                            and s.state != "partial"]
    results = []
    for model_id in targets:
        try:
            report = manager.verify(model_id)
            results.append({"id": model_id, "ok": True, "error": None, "files": report.files})
        except (CorruptModelError, ModelNotInstalledError) as err:
            results.append({"id": model_id, "ok": False, "error": str(err), "files": {}})
    if as_json:
        emit_json(results)
    else:
        if not results:
            click.echo("No models installed. Run: nargis models install --default")
        for r in results:
            click.echo(f"{r['id']}: ok" if r["ok"] else f"{r['id']}: FAILED: {r['error']}")
    failed = [str(r["id"]) for r in results if not r["ok"]]
    if failed:
        raise NargisError(f"Verification failed for: {', '.join(failed)}.")


@models.command("path")
@click.argument("model_id")
@json_option
@pass_runtime
def path(runtime: Runtime, model_id: str, as_json: bool) -> None:
    """Print where an installed model lives (its file, or its folder)."""
    where = _manager(runtime).path(model_id)
    if as_json:
        emit_json({"id": model_id, "path": str(where)})
    else:
        click.echo(str(where))

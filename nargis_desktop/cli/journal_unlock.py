"""How the CLI gets a passphrase, and editing journal text without leaving it on disk.

Order of passphrase sources: ``--passphrase-file``, then ``NARGIS_PASSPHRASE``,
then (only when stdin and stderr are a terminal) a hidden prompt. A key
remembered in the OS keyring is used by the vault itself before any of these.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from nargis_desktop.app import App
from nargis_desktop.errors import NargisError, VaultLockedError
from nargis_desktop.vault.errors import VaultMissingError
from nargis_desktop.vault.vault import ENV_PASSPHRASE

F = TypeVar("F", bound=Callable[..., Any])
_FILE_KEY = "nargis.passphrase_file"


def _store_file(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.meta[_FILE_KEY] = value


def passphrase_file_option(fn: F) -> F:
    """``--passphrase-file`` on the group and on every sub-command (either place works)."""
    return click.option(
        "--passphrase-file", type=click.Path(dir_okay=False, path_type=Path),
        expose_value=False, callback=_store_file,
        help="Read the journal passphrase from the first line of this file.")(fn)


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def read_passphrase_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
        mode = path.stat().st_mode
    except (OSError, UnicodeDecodeError) as exc:
        raise NargisError(f"Cannot read the passphrase file {path}: "
                          f"{getattr(exc, 'strerror', None) or exc}.") from None
    lines = text.splitlines()
    passphrase = lines[0] if lines else ""
    if not passphrase:
        raise NargisError(f"The passphrase file {path} is empty.")
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        click.echo(f"nargis: warning: {path} can be read by other users "
                   f"(chmod 600 {path}).", err=True)
    return passphrase


def given_passphrase() -> str | None:
    """From --passphrase-file or NARGIS_PASSPHRASE; None means "ask, if we may"."""
    ctx = click.get_current_context()
    path = ctx.meta.get(_FILE_KEY)
    if path is not None:
        return read_passphrase_file(path)
    return os.environ.get(ENV_PASSPHRASE) or None


def ask_passphrase(prompt: str = "Journal passphrase") -> str:
    given = given_passphrase()
    if given is not None:
        return given
    if not interactive():
        raise NargisError("A passphrase is needed.",
                          hint=f"Pass --passphrase-file FILE or set {ENV_PASSPHRASE}.")
    return str(click.prompt(prompt, hide_input=True, err=True))


def ask_new_passphrase(file: Path | None = None, *, what: str = "New passphrase") -> str:
    if file is not None:
        return read_passphrase_file(file)
    if not interactive():
        given = given_passphrase()
        if given is not None:
            return given
        raise NargisError("A new passphrase is needed.",
                          hint=f"Pass --passphrase-file FILE or set {ENV_PASSPHRASE}.")
    return str(click.prompt(what, hide_input=True, confirmation_prompt=True, err=True))


def offer_create(app: App) -> None:
    """No vault yet: create one (asking twice on a terminal), or explain how."""
    given = given_passphrase()
    if given is None and not interactive():
        raise VaultMissingError()
    if given is None:
        click.echo("There is no journal vault yet: journal text is only ever stored "
                   "encrypted, with a passphrase only you know.", err=True)
        click.confirm("Create the vault now?", default=True, abort=True, err=True)
        click.echo("Without the passphrase the journal cannot be recovered. Choose one "
                   "you will remember.", err=True)
    passphrase = given if given is not None else ask_new_passphrase(what="Passphrase")
    with_progress("Creating the vault", lambda: app.vault.create(passphrase))
    click.echo("Created the journal vault.", err=True)


def with_progress(label: str, work: Callable[[], Any]) -> Any:
    if interactive():
        click.echo(f"{label}…", err=True)
    return work()


def ensure_open(app: App, *, for_write: bool = False) -> None:
    """Make journal text readable (and writable) now, or fail with "the journal is locked"."""
    vault = app.vault
    if not vault.exists():
        vault.header()  # refuses when encrypted entries exist without their header
        if for_write:
            offer_create(app)
        return
    path = click.get_current_context().meta.get(_FILE_KEY)
    if path is not None and not vault.unlocked:
        vault.unlock(read_passphrase_file(path), remember=False)
        return
    try:
        vault.session()
    except VaultMissingError:
        raise
    except VaultLockedError:
        if not interactive():
            raise
        click.echo("The journal is locked.", err=True)
        vault.unlock(ask_passphrase())


def show_notices(ctx: click.Context) -> None:
    """Keyring fallbacks, auto-lock and the like, said once on stderr (only if the vault ran)."""
    from nargis_desktop.cli.common import Runtime

    runtime = ctx.find_object(Runtime)
    app = runtime.__dict__.get("app") if runtime is not None else None
    if app is not None and "vault" in app.__dict__:
        for text in app.vault.take_notices():
            click.echo(f"nargis: {text}", err=True)


def edit_privately(initial: str) -> str | None:
    """Open $EDITOR on a file in RAM (/dev/shm) and wipe it after; None if unchanged.

    click.edit() would put the text in the temp folder on disk. Where no RAM
    folder exists, the user is asked first.
    """
    shm = Path("/dev/shm")
    base = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
    if base is None:
        click.confirm("Your editor gets the text in a temporary file on disk (wiped "
                      "afterwards, but a copy may survive). Continue?", default=False,
                      abort=True, err=True)
    folder = Path(tempfile.mkdtemp(prefix="nargis-", dir=base))
    path = folder / "journal-entry.md"
    try:
        path.write_text(initial, encoding="utf-8")
        path.chmod(0o600)
        click.edit(filename=str(path))
        text = path.read_text(encoding="utf-8")
    finally:
        _wipe(folder)
    return None if text == initial else text


def _wipe(folder: Path) -> None:
    """Overwrite every file the editor left (swap and backup files too), then delete."""
    for item in folder.rglob("*"):
        if item.is_file() and not item.is_symlink():
            try:
                size = item.stat().st_size
                with item.open("r+b") as fh:
                    fh.write(b"\0" * size)
                    fh.flush()
                    os.fsync(fh.fileno())
            except OSError:
                pass
    shutil.rmtree(folder, ignore_errors=True)

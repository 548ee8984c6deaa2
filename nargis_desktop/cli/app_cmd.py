"""``nargis app`` (also plain ``nargis``) opens the desktop app; ``nargis ptt`` signals it."""

from __future__ import annotations

import os
import sys

import click

from nargis_desktop.cli.common import Runtime
from nargis_desktop.errors import NargisError

GUI_HINT = "Install the desktop extra: pip install 'nargis-desktop[gui]'"


def _runtime() -> Runtime:
    ctx = click.get_current_context()
    runtime = ctx.find_object(Runtime)
    if runtime is None:
        runtime = Runtime(None)
        ctx.obj = runtime
    return runtime


@click.command()
@click.option("--minimized", is_flag=True, help="Start in the system tray.")
def app(minimized: bool) -> None:
    """Open the desktop app (raises the running one if Nargis is already open)."""
    try:
        import PySide6  # noqa: F401
    except ImportError as exc:
        raise NargisError("The desktop app needs PySide6.", hint=GUI_HINT) from exc
    from nargis_desktop.ui.run import run_app

    runtime = _runtime()
    code = run_app(runtime, minimized=minimized)
    runtime.close()
    sys.stdout.flush()
    sys.stderr.flush()
    # Everything is saved and closed; skip interpreter teardown, where PySide6 6.12 with
    # pyqtgraph can abort while freeing widgets ("bool_dealloc") after a clean exit.
    os._exit(code)


@click.command()
@click.argument("action", type=click.Choice(["start", "stop", "toggle"]))
def ptt(action: str) -> None:
    """Push-to-talk in the running app: bind these to any desktop keyboard shortcut."""
    try:
        from nargis_desktop.ui.single_instance import send_command
    except ImportError as exc:
        raise NargisError("Push-to-talk needs the desktop app (PySide6).", hint=GUI_HINT) from exc
    reply = send_command(_runtime().home, f"ptt {action}")
    if reply is None:
        raise NargisError("Nargis is not running.", hint="Start it with: nargis")
    if reply != "ok":
        raise NargisError(f"The running Nargis refused 'ptt {action}': {reply}")

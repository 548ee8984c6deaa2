"""Start the Qt application: one instance per data home, themed, first-run when new.

``NARGIS_SCREENSHOT=/path/file.png`` turns a start into a self-check (the packaging
smoke test uses it, also on a frozen build): the main window is shown, laid out and
filled, saved to that PNG, and the app exits 0 (1 if the file cannot be written).
No first-run dialog, no single-instance hand-off and no global hotkey in that mode.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from nargis_desktop.ui import resources
from nargis_desktop.ui.single_instance import send_command
from nargis_desktop.ui.theme import apply_theme

if TYPE_CHECKING:
    from nargis_desktop.cli.common import Runtime
    from nargis_desktop.ui.desktop import Desktop

SCREENSHOT_ENV = "NARGIS_SCREENSHOT"
#: Seconds a screenshot waits at most for the views' first data loads.
SCREENSHOT_SETTLE_S = 10.0


def run_app(runtime: Runtime, *, minimized: bool = False) -> int:
    shot = os.environ.get(SCREENSHOT_ENV, "").strip()
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    # a second launch raises the first window and exits
    if not shot and send_command(runtime.home, "raise") == "ok":
        return 0
    qapp.setApplicationName("Nargis")
    qapp.setApplicationDisplayName("Nargis")
    qapp.setDesktopFileName("nargis")
    qapp.setQuitOnLastWindowClosed(False)
    app = runtime.app
    apply_theme(qapp, app.settings.general.theme)
    qapp.setWindowIcon(resources.icon("app"))
    from nargis_desktop.ui.desktop import Desktop
    from nargis_desktop.ui.first_run import FirstRunDialog, needs_first_run

    desktop = Desktop(app, global_hotkey=not shot)
    if shot:
        desktop.start(claim=False)
        grab_when_settled(desktop, Path(shot))
        code = int(qapp.exec())
        desktop.quit_quietly()
        return code
    if not desktop.start(minimized=minimized or app.settings.ui.start_minimized):
        send_command(runtime.home, "raise")
        return 0
    if not desktop.tray.available:
        qapp.setQuitOnLastWindowClosed(True)
    for warning in app.settings.warnings:
        desktop.window.today.banner.show_error(warning)
    if needs_first_run(app):
        wizard = FirstRunDialog(app, desktop.window, engines=desktop.voice)
        wizard.open()
    else:  # models are in place: load them now, so the first press answers at once
        QTimer.singleShot(2000, desktop.warm_up_voice)
    code = int(qapp.exec())
    desktop.window.save_state()
    return code


def grab_when_settled(desktop: Desktop, path: Path) -> None:
    """Save the main window to ``path`` once it is exposed and its first loads are in,
    then quit the event loop (exit code 0, or 1 when the PNG cannot be written)."""
    window = desktop.window
    deadline = time.monotonic() + SCREENSHOT_SETTLE_S
    quiet = [0]

    def poll() -> None:
        pool = QThreadPool.globalInstance()
        settled = window.isVisible() and pool.activeThreadCount() == 0
        quiet[0] = quiet[0] + 1 if settled else 0
        if quiet[0] < 3 and time.monotonic() < deadline:
            QTimer.singleShot(100, poll)  # wait for three quiet polls in a row
            return
        QApplication.processEvents()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            ok = window.grab().save(str(path), "PNG")
        except OSError:
            ok = False
        if not ok:
            print(f"nargis: error: could not write the screenshot {path}", file=sys.stderr)
        instance = QApplication.instance()
        if instance is not None:
            instance.exit(0 if ok else 1)

    QTimer.singleShot(200, poll)

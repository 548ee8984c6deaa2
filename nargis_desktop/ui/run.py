"""Start the Qt application: one instance per data home, themed, first-run when new."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from nargis_desktop.ui import resources
from nargis_desktop.ui.single_instance import send_command
from nargis_desktop.ui.theme import apply_theme

if TYPE_CHECKING:
    from nargis_desktop.cli.common import Runtime


def run_app(runtime: Runtime, *, minimized: bool = False) -> int:
    # a second launch raises the first window and exits
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    if send_command(runtime.home, "raise") == "ok":
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

    desktop = Desktop(app)
    if not desktop.start(minimized=minimized or app.settings.ui.start_minimized):
        send_command(runtime.home, "raise")
        return 0
    if not desktop.tray.available:
        qapp.setQuitOnLastWindowClosed(True)
    for warning in app.settings.warnings:
        desktop.window.today.banner.show_error(warning)
    if needs_first_run(app):
        wizard = FirstRunDialog(app, desktop.window)
        wizard.open()
    code = int(qapp.exec())
    desktop.window.save_state()
    return code

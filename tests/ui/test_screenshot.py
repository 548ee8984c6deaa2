"""``NARGIS_SCREENSHOT``: ``nargis app`` saves its laid-out main window and exits 0.

The packaging smoke test relies on it to prove that a built bundle can open its
window; here the real command runs in a child process, as the bundle would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from nargis_desktop.ui.main_window import ui_state


def _nargis_app(home: Path, shot: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NARGIS_SCREENSHOT": str(shot), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "nargis_desktop", "--home", str(home), "app"],
                          env=env, capture_output=True, text=True, timeout=120)


def test_screenshot_mode_saves_the_window_and_exits_zero(tmp_path: Path, app: object) -> None:
    shot = tmp_path / "out" / "window.png"
    done = _nargis_app(tmp_path / "home", shot)
    assert done.returncode == 0, done.stderr
    image = QImage(str(shot))
    assert not image.isNull()
    assert image.width() >= 800 and image.height() >= 500  # the main window, not a dialog
    # not blank: the sidebar, text and the mic button give many distinct colours
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 20


def test_screenshot_mode_skips_first_run_and_keeps_it_pending(tmp_path: Path) -> None:
    from nargis_desktop.app import App
    from nargis_desktop.paths import DataHome

    home = tmp_path / "home"
    done = _nargis_app(home, tmp_path / "w.png")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "w.png").stat().st_size > 0
    # no first-run dialog ran, so a normal start still greets the user
    assert ui_state(App(DataHome(home))).value("first_run/done", "") != "yes"


def test_screenshot_to_an_unwritable_place_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = _nargis_app(tmp_path / "home", blocker / "w.png")
    assert done.returncode != 0

"""GUI fixtures: real widgets on the offscreen platform, against the temporary data home."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("NARGIS_MUTE", "1")

pytest.importorskip("PySide6")

from nargis_desktop.app import App
from nargis_desktop.ui.main_window import MainWindow
from nargis_desktop.ui.theme import apply_theme


@pytest.fixture
def themed(qapp: object) -> object:
    from PySide6.QtWidgets import QApplication

    assert isinstance(qapp, QApplication)
    apply_theme(qapp, "light")
    return qapp


@pytest.fixture
def window(app: App, qtbot: object, themed: object) -> Iterator[MainWindow]:
    from pytestqt.qtbot import QtBot

    assert isinstance(qtbot, QtBot)
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.quitting = True


@pytest.fixture(autouse=True)
def _settle_qt(qapp: object) -> Iterator[None]:
    """Delete each test's widgets while Qt is alive, not during interpreter shutdown."""
    yield
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()


AUDIO_SCRIPT = Path(__file__).resolve().parents[1] / "voice" / "start_virtual_audio.sh"


@pytest.fixture(scope="module")
def virtual_audio() -> Iterator[str]:
    """A private PulseAudio server: ``nargis_mic`` is the default input and hears what is
    played into ``nargis_mic_feed``; ``nargis_speaker`` is the default output, and its
    monitor can be recorded."""
    if sys.platform != "linux":
        pytest.skip("the virtual sound devices use PulseAudio on Linux")
    missing = [t for t in ("pulseaudio", "pactl", "paplay", "parecord") if shutil.which(t) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (see {AUDIO_SCRIPT.name})")
    try:
        from nargis_desktop.voice import devices
    except OSError as exc:
        pytest.skip(f"PortAudio is not installed: {exc}")
    folder = tempfile.mkdtemp(prefix="nargis-pa-")  # short: socket paths are limited
    started = subprocess.run(["sh", str(AUDIO_SCRIPT), "start", folder], capture_output=True,
                             text=True, timeout=30)
    if started.returncode != 0:
        pytest.fail(f"the virtual audio server did not start:\n{started.stderr}")
    previous = os.environ.get("PULSE_SERVER")
    os.environ["PULSE_SERVER"] = started.stdout.strip().split("=", 1)[1]
    devices.refresh()
    try:
        yield folder
    finally:
        subprocess.run(["sh", str(AUDIO_SCRIPT), "stop", folder], timeout=30)
        if previous is None:
            os.environ.pop("PULSE_SERVER", None)
        else:
            os.environ["PULSE_SERVER"] = previous
        devices.refresh()
        shutil.rmtree(folder, ignore_errors=True)

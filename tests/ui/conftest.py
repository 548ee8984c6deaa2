"""GUI fixtures: real widgets on the offscreen platform, against the temporary data home."""

from __future__ import annotations

import os
from collections.abc import Iterator

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

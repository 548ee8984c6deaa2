"""Background jobs hand their results to the GUI thread; a view closed meanwhile must
not turn a late result into an error in the event loop (pytest-qt fails the test on one)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from nargis_desktop.ui.workers import call_async


def test_a_result_for_a_closed_widget_is_dropped(qtbot: QtBot) -> None:
    label = QLabel()
    release = threading.Event()
    got: list[str] = []
    # a closure, as views write them ("show the note"): Qt cannot disconnect it for us
    job = call_async(lambda: release.wait(10) and "late answer",
                     lambda text: label.setText(text))
    job.result.connect(got.append)
    label.deleteLater()
    qtbot.waitUntil(lambda: not _alive(label), timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: got == ["late answer"], timeout=5000)  # delivered, not raised


def test_other_errors_in_a_callback_still_surface(qtbot: QtBot) -> None:
    def broken(_value: object) -> None:
        raise RuntimeError("a real bug")

    with pytest.raises(RuntimeError, match="a real bug"):
        with qtbot.captureExceptions() as caught:
            call_async(lambda: 1, broken)
            qtbot.waitUntil(lambda: bool(caught), timeout=5000)
        raise caught[0][1]


def _alive(widget: QLabel) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(widget))

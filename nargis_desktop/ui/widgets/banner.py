"""Inline messages: errors from below appear here with their fix, never as tracebacks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from nargis_desktop.errors import NargisError


def describe(exc: BaseException) -> tuple[str, str | None]:
    """A person-readable message and fix for any exception."""
    if isinstance(exc, NargisError):
        return exc.message, exc.hint
    name = type(exc).__name__
    if isinstance(exc, FileNotFoundError):
        return f"A file is missing: {exc.filename}", "Check the data folder and try again."
    if isinstance(exc, PermissionError):
        return f"Permission denied: {exc.filename}", "Check the folder's permissions."
    if name == "PortAudioError" or "PortAudio" in str(exc):
        return "No usable microphone or speaker was found.", \
            "Plug one in, or pick another device in Settings > Audio."
    return f"Something went wrong: {exc}", None


class Banner(QFrame):
    """Hidden until there is something to say; ``show_error`` and ``show_info`` fill it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setProperty("level", "info")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.label, 1)
        self.action = QPushButton()
        self.action.hide()
        lay.addWidget(self.action)
        close = QToolButton()
        close.setText("✕")
        close.setAccessibleName("Dismiss message")
        close.clicked.connect(self.hide)
        lay.addWidget(close)
        self._callback: Callable[[], None] | None = None
        self.action.clicked.connect(self._run_action)
        self.hide()

    def _run_action(self) -> None:
        if self._callback is not None:
            self._callback()

    def _show(self, level: str, text: str, action: str | None,
              callback: Callable[[], None] | None) -> None:
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.setText(text)
        self._callback = callback
        self.action.setVisible(bool(action and callback))
        if action:
            self.action.setText(action)
        self.show()

    def show_error(self, exc: BaseException | str, *, action: str | None = None,
                   callback: Callable[[], None] | None = None) -> None:
        if isinstance(exc, str):
            message, hint = exc, None
        else:
            message, hint = describe(exc)
        text = message if not hint else f"{message}\nFix: {hint}"
        self._show("error", text, action, callback)

    def show_info(self, text: str, *, action: str | None = None,
                  callback: Callable[[], None] | None = None) -> None:
        self._show("info", text, action, callback)

    @property
    def text(self) -> str:
        return self.label.text()

"""The system-tray icon: state at a glance, quick actions, and the notification channel."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from nargis_desktop.ui import resources

STATE_TEXT = {"idle": "Idle — microphone closed", "listening": "Listening…",
              "thinking": "Thinking…", "speaking": "Speaking…"}


class Tray(QObject):
    show_requested = Signal()
    talk_requested = Signal()
    new_task_requested = Signal()
    focus_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.available = QSystemTrayIcon.isSystemTrayAvailable()
        self.icon = QSystemTrayIcon(resources.icon("tray-idle"), self)
        self.menu = QMenu()
        self.state_action = QAction(STATE_TEXT["idle"], self.menu)
        self.state_action.setEnabled(False)
        self.menu.addAction(self.state_action)
        self.menu.addSeparator()
        for text, signal in (("Open Nargis", self.show_requested),
                             ("Talk", self.talk_requested),
                             ("New task…", self.new_task_requested),
                             ("Start focus", self.focus_requested)):
            act = QAction(text, self.menu)
            act.triggered.connect(signal)
            self.menu.addAction(act)
        self.menu.addSeparator()
        quit_action = QAction("Quit Nargis", self.menu)
        quit_action.triggered.connect(self.quit_requested)
        self.menu.addAction(quit_action)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.state = "idle"
        self.set_state("idle")

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.show_requested.emit()

    def show(self) -> None:
        if self.available:
            self.icon.show()

    def set_state(self, state: str) -> None:
        self.state = state
        self.icon.setIcon(resources.icon(f"tray-{state}"))
        self.icon.setToolTip(f"Nargis — {STATE_TEXT.get(state, state)}")
        self.state_action.setText(STATE_TEXT.get(state, state))

    def notify(self, title: str, text: str) -> None:
        """An OS notification (desktop notification service); logged when there is no tray."""
        self.last_message = (title, text)
        if self.available and self.icon.isVisible():
            self.icon.showMessage(title, text, resources.icon("app"), 8000)

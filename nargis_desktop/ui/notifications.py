"""OS notifications through the tray icon, and the focus watcher that needs them.

``QSystemTrayIcon.showMessage`` uses the desktop's notification service
(org.freedesktop.Notifications on Linux, the notification centre elsewhere), so
phase ends and reminders reach the user with the window hidden.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from nargis_desktop.app import App
from nargis_desktop.core.events import Event
from nargis_desktop.core.types import FocusKind
from nargis_desktop.ui import sounds

Notify = Callable[[str, str], None]

_NEXT = {FocusKind.WORK: "Time for a break.", FocusKind.SHORT_BREAK: "Back to focus.",
         FocusKind.LONG_BREAK: "Back to focus."}


class FocusWatcher(QObject):
    """Ends a pomodoro phase on time, with a sound and a notification, window shown or not.

    It sleeps with one single-shot timer until the running phase should end (never
    a per-second tick), and re-arms whenever a focus event arrives.
    """

    phase_ended = Signal(str, bool)

    def __init__(self, app: App, notify: Notify, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.notify = notify
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.check)

    def on_event(self, event: Event) -> None:
        if event.topic == "focus.ended" and event.data.get("reason") == "finished":
            kind = FocusKind(event.data.get("kind", "work"))
            self.announce(kind)
        if event.topic.startswith("focus."):
            self.arm()

    def arm(self) -> None:
        st = self.app.focus.status()
        if not st.running or st.paused:
            self.timer.stop()
            return
        # wake slightly after the end; a long wait is split so sleep/resume can't skew it much
        self.timer.start(int(min(st.remaining_seconds + 0.25, 300.0) * 1000))

    def check(self) -> None:
        self.app.focus.tick()  # publishes focus.ended when time is up -> announce + re-arm
        self.arm()

    def announce(self, kind: FocusKind) -> None:
        label = {FocusKind.WORK: "Focus session", FocusKind.SHORT_BREAK: "Short break",
                 FocusKind.LONG_BREAK: "Long break"}[kind]
        sounds.play("phase-end")
        self.notify(f"{label} finished", _NEXT[kind])
        self.phase_ended.emit(kind.value, True)

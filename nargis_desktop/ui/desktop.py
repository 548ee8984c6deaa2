"""The running desktop app: window, tray, single instance, hotkey, reminders, focus watcher.

Built once by ``nargis`` (see ``cli/app_cmd.py``); tests build it too, against a
temporary data home.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from nargis_desktop.app import App
from nargis_desktop.core.events import Event
from nargis_desktop.ui.conversation import Conversation
from nargis_desktop.ui.hotkeys import Backend, GlobalHotkey
from nargis_desktop.ui.main_window import MainWindow
from nargis_desktop.ui.notifications import FocusWatcher
from nargis_desktop.ui.reminders import ReminderScheduler
from nargis_desktop.ui.single_instance import InstanceServer
from nargis_desktop.ui.tray import Tray
from nargis_desktop.ui.views.assistant import AssistantView
from nargis_desktop.ui.views.settings import SettingsView
from nargis_desktop.ui.voice_io import LiveVoiceInput, SpokenReplies, VoiceEngines

log = logging.getLogger(__name__)

#: How often the GUI asks whether an idle model can be unloaded (the setting is in
#: minutes, so half a minute late at most is fine).
IDLE_CHECK_MS = 30_000


class Desktop(QObject):
    def __init__(self, app: App, *, global_hotkey: bool = True,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.conversation = Conversation(app, self)
        self.voice = VoiceEngines(app)
        self.conversation.voice_input = LiveVoiceInput(self.voice)
        self.conversation.speaker = SpokenReplies(
            self.voice, enabled=lambda: app.settings.voice.spoken_replies,
            on_error=self.conversation.failed.emit)
        self.hotkey = GlobalHotkey(app.settings.ui.ptt_hotkey, self)
        self.assistant_view = AssistantView(app, self.conversation)
        self.settings_view = SettingsView(app, self)
        self.window = MainWindow(app, extra_views=[self.assistant_view, self.settings_view])
        self.tray = Tray(self)
        self.window.tray_available = self.tray.available
        self.focus_watcher = FocusWatcher(app, self.tray.notify, self)
        self.reminders = ReminderScheduler(app, self.tray.notify, self)
        self.server = InstanceServer(app.home, self)
        self.server.command.connect(self.on_command)
        bridge = self.window.bridge
        bridge.published.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        self.conversation.state_changed.connect(self.tray.set_state)
        self.tray.show_requested.connect(self.window.bring_to_front)
        self.tray.talk_requested.connect(self.talk)
        self.tray.new_task_requested.connect(self.window.new_task)
        self.tray.focus_requested.connect(self.start_focus)
        self.tray.quit_requested.connect(self.quit)
        self.window.hidden_to_tray.connect(self._hidden)
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(IDLE_CHECK_MS)
        self.idle_timer.timeout.connect(self.check_idle_models)
        self._idle_checking = False
        # a reply reloads what was unloaded: the status line then stops saying so
        self.conversation.reply_done.connect(self.show_memory_status)
        if global_hotkey:
            self.hotkey.pressed.connect(self.ptt_start)
            self.hotkey.released.connect(self.ptt_stop)
            self.hotkey.start()

    @property
    def hotkey_backend(self) -> Backend:
        """What serves the global shortcut now (the portal answers after start)."""
        return self.hotkey.backend

    # -- lifecycle ---------------------------------------------------------------------
    def start(self, *, minimized: bool = False, claim: bool = True) -> bool:
        """Claim the single-instance name and show; False when another instance runs.

        ``claim=False`` (screenshots) shows the window without taking the name."""
        if claim and not self.server.listen():
            return False
        self.tray.show()
        self.idle_timer.start()
        self.focus_watcher.arm()
        self.reminders.check()  # catches up on anything that came due while closed
        if minimized and self.tray.available:
            self.window.hide()
        else:
            self.window.show()
        return True

    def warm_up_voice(self) -> None:
        """Load Whisper (and Piper) in the background so the first press answers fast."""
        from nargis_desktop.ui.workers import call_async

        call_async(self.voice.warm_up, self.show_memory_status)

    def check_idle_models(self) -> None:
        """Unload the models idle past ``llm.unload_after_minutes`` (0: never).

        The unload runs in a worker (freeing a model takes a moment); a check still
        running when the timer fires again is not doubled.
        """
        if self.app.settings.llm.unload_after_minutes <= 0 or self._idle_checking:
            self.show_memory_status()
            return
        from nargis_desktop.ui.workers import call_async

        self._idle_checking = True
        call_async(self.app.idle_models.check, self._idle_checked, self._idle_check_failed)

    def _idle_checked(self, names: list[str]) -> None:
        self._idle_checking = False
        if names:
            log.info("unloaded idle models: %s", ", ".join(names))
        self.show_memory_status()

    def _idle_check_failed(self, exc: Exception) -> None:
        self._idle_checking = False
        log.warning("the idle-model check failed: %s", exc)

    def show_memory_status(self, *_args: object) -> None:
        """Say in the sidebar (and in Settings) which models were unloaded to save memory,
        after what the speech engine settled for (a GPU that could not be used)."""
        freed = [s.name for s in self.app.idle_models.states()
                 if not s.loaded and s.unloaded_at is not None]
        lines = self.voice.notes()
        if freed:
            lines.append("Unloaded to save memory: " + ", ".join(freed)
                         + ". They reload on next use.")
        try:
            self.window.state_label.setText("\n".join(lines))
            self.settings_view.show_memory()
        except RuntimeError:  # a late reply after the window was closed
            log.debug("memory status after the window closed", exc_info=True)

    def quit_quietly(self) -> None:
        """Close everything without saving window state (a screenshot run)."""
        self.idle_timer.stop()
        self.reminders.timer.stop()
        self.hotkey.stop()
        self.server.close()
        self.window.quitting = True
        self.window.bridge.close()
        self.tray.icon.hide()

    def quit(self) -> None:
        self.idle_timer.stop()
        self.reminders.timer.stop()
        self.conversation.interrupt()
        self.hotkey.stop()
        self.server.close()
        self.window.quit()
        self.tray.icon.hide()
        instance = QApplication.instance()
        if instance is not None:
            instance.quit()

    def _hidden(self) -> None:
        if not getattr(self, "_told_hidden", False):
            self._told_hidden = True
            self.tray.notify("Nargis is still running",
                             "It lives in the tray; choose Quit there to stop it.")

    def _on_event(self, event: Event) -> None:
        self.focus_watcher.on_event(event)
        self.reminders.on_event(event.topic)

    # -- commands (tray, socket, hotkey) -----------------------------------------------
    def on_command(self, command: str) -> None:
        if command == "raise":
            self.window.bring_to_front()
        elif command == "ptt start":
            self.ptt_start()
        elif command == "ptt stop":
            self.ptt_stop()
        elif command in ("ptt toggle", "talk"):
            self.talk()
        elif command == "new-task":
            self.window.new_task()
        elif command == "focus":
            self.start_focus()

    def ptt_start(self) -> None:
        if self.app.settings.ui.ptt_mode == "toggle":
            self.conversation.toggle_listening()
        else:
            self.conversation.start_listening()

    def ptt_stop(self) -> None:
        if self.app.settings.ui.ptt_mode == "hold":
            self.conversation.stop_listening()

    def talk(self) -> None:
        self.conversation.toggle_listening()

    def start_focus(self) -> None:
        try:
            self.app.focus.start()
        except Exception as exc:
            self.tray.notify("Focus", str(exc))
        else:
            self.window.show_view(self.window.focus)

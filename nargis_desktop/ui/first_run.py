"""First run: welcome → default models → microphone → optional journal passphrase → hello."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nargis_desktop.app import App
from nargis_desktop.models.errors import ModelNotInstalledError
from nargis_desktop.ui import resources
from nargis_desktop.ui.main_window import ui_state
from nargis_desktop.ui.voice_io import SpokenText, VoiceEngines
from nargis_desktop.ui.widgets.banner import Banner, describe
from nargis_desktop.ui.widgets.common import muted
from nargis_desktop.ui.workers import Job, call_async, run_async
from nargis_desktop.voice.errors import AudioDeviceError

STEPS = ("Welcome", "Models", "Microphone", "Journal", "Hello")
#: The first thing Nargis says, with the voice and speaker the app will use.
HELLO = "Hello! I'm Nargis. Hold the talk key and tell me what you'd like to get done."


def needs_first_run(app: App) -> bool:
    return ui_state(app).value("first_run/done", "") != "yes"


def mark_done(app: App) -> None:
    s = ui_state(app)
    s.setValue("first_run/done", "yes")
    s.sync()


def _page(title: str, text: str) -> tuple[QWidget, QVBoxLayout]:
    w = QWidget()
    lay = QVBoxLayout(w)
    h = QLabel(title)
    h.setObjectName("ViewTitle")
    lay.addWidget(h)
    body = QLabel(text)
    body.setWordWrap(True)
    lay.addWidget(body)
    return w, lay


class FirstRunDialog(QDialog):
    def __init__(self, app: App, parent: QWidget | None = None, *,
                 engines: VoiceEngines | None = None) -> None:
        super().__init__(parent)
        self.app = app
        #: The running app's engines, so the voice loaded for hello is the one replies use.
        self.engines = engines if engines is not None else VoiceEngines(app)
        self._hello_job: Job | None = None
        self.setWindowTitle("Welcome to Nargis")
        self.setWindowIcon(resources.icon("app"))
        self.resize(620, 440)
        lay = QVBoxLayout(self)
        self.steps = QLabel()
        self.steps.setObjectName("Muted")
        lay.addWidget(self.steps)
        self.stack = QStackedWidget()
        lay.addWidget(self.stack, 1)
        self.banner = Banner(self)
        lay.addWidget(self.banner)

        w, l0 = _page("Welcome", "Nargis is a private assistant for your tasks, habits, focus "
                      "and journal. Everything — speech recognition, the language model, "
                      "your data — stays on this computer.")
        logo = QLabel()
        logo.setPixmap(resources.icon("app").pixmap(96, 96))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        l0.addWidget(logo, 1)
        self.stack.addWidget(w)

        w, l1 = _page("Install the models", "Nargis needs a speech model, a voice and a small "
                      "language model (a few hundred MB). They are downloaded once, checked "
                      "against their published checksums, and kept in your data folder.")
        self.models_progress = QProgressBar()
        self.models_status = muted("Not installed yet.")
        row = QHBoxLayout()
        self.install_button = QPushButton("Install and verify")
        self.install_button.setProperty("primary", True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        row.addWidget(self.install_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        l1.addLayout(row)
        l1.addWidget(self.models_progress)
        l1.addWidget(self.models_status)
        l1.addStretch(1)
        self.install_button.clicked.connect(self.install)
        self.cancel_button.clicked.connect(self.cancel_install)
        self.stack.addWidget(w)

        w, l2 = _page("Choose your microphone", "Pick the microphone to talk through and "
                      "say something during the test.")
        self.mic = QComboBox()
        self.mic.addItem("System default", "")
        self.mic_test = QPushButton("Test microphone")
        self.mic_result = muted()
        l2.addWidget(self.mic)
        l2.addWidget(self.mic_test, 0, Qt.AlignmentFlag.AlignLeft)
        l2.addWidget(self.mic_result)
        l2.addStretch(1)
        self.mic_test.clicked.connect(self.test_mic)
        self.stack.addWidget(w)

        w, l3 = _page("Protect your journal (optional)", "Journal entries are encrypted with "
                      "a passphrase only you know. You can also do this later.")
        self.pass1 = QLineEdit()
        self.pass1.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass1.setPlaceholderText("Passphrase (at least 8 characters)")
        self.pass2 = QLineEdit()
        self.pass2.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass2.setPlaceholderText("Repeat it")
        self.remember = QCheckBox("Remember on this device")
        for x in (self.pass1, self.pass2, self.remember):
            l3.addWidget(x)
        l3.addStretch(1)
        self.stack.addWidget(w)

        w, l4 = _page("Hello!", "You're set. Hold Space in the Assistant view (or your "
                      "push-to-talk shortcut) and say “add water the plants tomorrow”.")
        self.hello = QPushButton("Say hello")
        self.hello.clicked.connect(self.say_hello)
        l4.addWidget(self.hello, 0, Qt.AlignmentFlag.AlignLeft)
        self.hello_status = muted()
        self.hello_status.setAccessibleName("Hello result")
        l4.addWidget(self.hello_status)
        l4.addStretch(1)
        self.stack.addWidget(w)

        nav = QHBoxLayout()
        self.back = QPushButton("Back")
        self.skip = QPushButton("Skip")
        self.next = QPushButton("Next")
        self.next.setProperty("primary", True)
        nav.addWidget(self.back)
        nav.addStretch(1)
        nav.addWidget(self.skip)
        nav.addWidget(self.next)
        lay.addLayout(nav)
        self.back.clicked.connect(lambda: self.go(self.stack.currentIndex() - 1))
        self.skip.clicked.connect(lambda: self.go(self.stack.currentIndex() + 1))
        self.next.clicked.connect(self.advance)
        self._cancel: threading.Event | None = None
        self.go(0)

    def go(self, index: int) -> None:
        if index >= self.stack.count():
            mark_done(self.app)
            self.accept()
            return
        index = max(0, index)
        self.stack.setCurrentIndex(index)
        self.steps.setText("  ›  ".join(f"<b>{s}</b>" if i == index else s
                                        for i, s in enumerate(STEPS)))
        self.back.setEnabled(index > 0)
        self.skip.setVisible(0 < index < len(STEPS) - 1)
        self.next.setText("Finish" if index == len(STEPS) - 1 else "Next")
        self.banner.hide()

    def advance(self) -> None:
        if self.stack.currentIndex() == 3 and self.pass1.text():
            if self.pass1.text() != self.pass2.text():
                self.banner.show_error("The two passphrases differ.")
                return
            self.next.setEnabled(False)
            phrase, remember = self.pass1.text(), self.remember.isChecked()
            call_async(lambda: self.app.vault.create(phrase, remember=remember),
                       self._vault_created, self._vault_failed)
            return
        self.go(self.stack.currentIndex() + 1)

    def _vault_created(self, _result: object) -> None:
        self.next.setEnabled(True)
        self.go(4)

    def _vault_failed(self, exc: Exception) -> None:
        self.next.setEnabled(True)
        self.banner.show_error(exc)

    def install(self) -> None:
        cancel = threading.Event()
        self._cancel = cancel
        self.install_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.models_progress.setRange(0, 0)

        def work(job: Job) -> Any:
            paths = self.app.models.install_defaults(progress=job.report, cancel=cancel)
            for e in self.app.models.catalog.defaults():
                job.report(f"Verifying {e.id}…")
                self.app.models.verify(e.id)
            return paths

        run_async(work, on_item=self._progress, on_result=self._installed,
                  on_error=self._failed)

    def _progress(self, p: Any) -> None:
        if isinstance(p, str):
            self.models_status.setText(p)
            return
        frac = getattr(p, "fraction", None)
        if frac is None:
            self.models_progress.setRange(0, 0)
        else:
            self.models_progress.setRange(0, 1000)
            self.models_progress.setValue(int(frac * 1000))
        self.models_status.setText(f"{p.model_id}: {p.stage} {p.item}")

    def _installed(self, _paths: object) -> None:
        self.cancel_button.setEnabled(False)
        self.models_progress.setRange(0, 1)
        self.models_progress.setValue(1)
        self.models_status.setText("All default models are installed and verified.")

    def _failed(self, exc: Exception) -> None:
        self.install_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.models_progress.setRange(0, 1)
        self.models_progress.setValue(0)
        self.banner.show_error(exc)

    def cancel_install(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def test_mic(self) -> None:
        from nargis_desktop.ui.views.settings import _record_peak

        self.mic_result.setText("Listening for 2 seconds…")
        device = self.mic.currentData() or None
        call_async(lambda: _record_peak(device),
                   lambda peak: self.mic_result.setText(
                       f"Peak level {peak:.2f}: " + ("heard you." if peak > 0.02 else
                                                      "silence — is it muted?")),
                   lambda exc: self.mic_result.setText(
                       f"No microphone could be opened ({exc}). Plug one in or check its "
                       "permission; you can still type to Nargis."))

    def say_hello(self) -> None:
        """Speak the greeting through the app's Piper voice on the chosen speaker.

        Loading the voice and playing take seconds, so both run in a worker; the
        text shows at once, and a missing voice or speaker becomes an inline message
        with the fix instead of silence.
        """
        if self._hello_job is not None:
            return  # still speaking
        self.hello.setEnabled(False)
        self.hello_status.setText("Saying hello…")
        self.banner.show_info(HELLO)
        engines = self.engines
        self._hello_job = call_async(lambda: engines.say(HELLO), self._hello_said,
                                     self._hello_failed)

    def _hello_said(self, spoken: SpokenText) -> None:
        self._hello_job = None
        self.hello.setEnabled(True)
        self.hello_status.setText(f"Said hello on {spoken.device} ({spoken.seconds:.1f} s).")

    def _hello_failed(self, exc: Exception) -> None:
        self._hello_job = None
        self.hello.setEnabled(True)
        self.hello_status.setText("Nargis could not say hello out loud.")
        message, hint = describe(exc)
        if isinstance(exc, AudioDeviceError):
            hint = (hint + " " if hint else "") + (
                "You can still type to Nargis; replies then show as text.")
        elif isinstance(exc, ModelNotInstalledError):
            hint = (hint + ", or go Back to the Models step and install the defaults."
                    if hint else "Go Back to the Models step and install the defaults.")
        self.banner.show_error(f"Nargis couldn't say hello: {message}"
                               + (f"\nFix: {hint}" if hint else ""))

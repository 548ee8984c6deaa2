"""Settings: general, voice and audio, push-to-talk, models, journal vault, sync.

Edits a copy of the typed settings and writes only what differs from the defaults
(``save_settings``); model installs, device tests and passphrase changes run in workers.
"""

from __future__ import annotations

import contextlib
import copy
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nargis_desktop import autostart
from nargis_desktop.app import App
from nargis_desktop.clock import day_first_for
from nargis_desktop.settings import Settings, save_settings
from nargis_desktop.ui import sounds
from nargis_desktop.ui.hotkeys import Backend, backend_html, qt_to_spec
from nargis_desktop.ui.theme import apply_theme
from nargis_desktop.ui.views.base import View
from nargis_desktop.ui.widgets.common import muted
from nargis_desktop.ui.workers import Job, call_async, run_async

if TYPE_CHECKING:
    from nargis_desktop.ui.desktop import Desktop


def _spec_to_qt(spec: str) -> str:
    return "+".join(p.strip("<>").capitalize() for p in spec.split("+"))


def _form() -> tuple[QWidget, QFormLayout]:
    page = QWidget()
    form = QFormLayout(page)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    return page, form


class SettingsView(View):
    title = "Settings"
    icon_name = "settings"

    def __init__(self, app: App, desktop: Desktop | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.desktop = desktop
        self.draft: Settings = copy.deepcopy(app.settings)
        self.tabs = QTabWidget()
        self.outer.addWidget(self.tabs, 1)
        self._general()
        self._voice()
        self._ptt()
        self._models()
        self._vault()
        self._sync()
        row = QHBoxLayout()
        row.addWidget(muted("Engine, device and model changes apply the next time Nargis "
                            "starts."), 1)
        self.save_button = QPushButton("Save settings")
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self.guarded(self.save))
        row.addWidget(self.save_button)
        self.outer.addLayout(row)
        self.install_job: Job | None = None

    # -- pages -------------------------------------------------------------------------
    def _general(self) -> None:
        page, form = _form()
        d = self.draft
        self.theme = QComboBox()
        self.theme.addItems(["system", "light", "dark"])
        self.theme.setCurrentText(d.general.theme)
        self.date_order = QComboBox()
        for label, value in (("As this computer writes dates", "auto"),
                             ("Day first: 2/12 is 2 December", "dmy"),
                             ("Month first: 2/12 is February 12", "mdy")):
            self.date_order.addItem(label, value)
        self.date_order.setCurrentIndex(max(0, self.date_order.findData(d.general.date_order)))
        self.close_to_tray = QCheckBox("Closing the window keeps Nargis in the tray")
        self.close_to_tray.setChecked(d.ui.close_to_tray)
        self.start_minimized = QCheckBox("Start in the tray")
        self.start_minimized.setChecked(d.ui.start_minimized)
        self.start_at_login = QCheckBox("Start Nargis when I log in")
        # what the system will really do (the entry may have been removed by hand)
        self.start_at_login.setChecked(autostart.is_enabled())
        self.earcons = QCheckBox("Play a sound when listening starts and stops")
        self.earcons.setChecked(d.ui.earcons)
        self.unload = QSpinBox()
        self.unload.setRange(0, 1440)
        self.unload.setSuffix(" min (0 = never)")
        self.unload.setValue(d.llm.unload_after_minutes)
        form.addRow("Theme", self.theme)
        form.addRow("Dates like 2/12", self.date_order)
        form.addRow(self.close_to_tray)
        form.addRow(self.start_minimized)
        form.addRow(self.start_at_login)
        form.addRow(self.earcons)
        form.addRow("Unload idle models after", self.unload)
        self.memory_note = muted()
        self.memory_note.setAccessibleName("Which models are loaded")
        form.addRow(self.memory_note)
        self.show_memory()
        self.tabs.addTab(page, "General")

    def _voice(self) -> None:
        page, form = _form()
        v = self.draft.voice
        self.tts_voice = QLineEdit(v.tts_voice)
        self.rate = QDoubleSpinBox()
        self.rate.setRange(0.5, 2.0)
        self.rate.setSingleStep(0.1)
        self.rate.setValue(v.speaking_rate)
        self.spoken = QCheckBox("Speak replies aloud")
        self.spoken.setChecked(v.spoken_replies)
        self.stt_model = QLineEdit(v.stt_model)
        self.stt_device = QComboBox()
        self.stt_device.addItems(["auto", "cpu", "cuda"])
        self.stt_device.setCurrentText(v.stt_device)
        self.input_device = QComboBox()
        self.output_device = QComboBox()
        for combo, current in ((self.input_device, v.input_device),
                               (self.output_device, v.output_device)):
            combo.setEditable(True)
            combo.addItem("System default", "")
            if current:
                combo.addItem(current, current)
                combo.setCurrentIndex(1)
        self.devices_note = muted("Looking for audio devices…")
        tests = QHBoxLayout()
        self.record_test = QPushButton("Record test (2 s)")
        self.play_test = QPushButton("Play test")
        tests.addWidget(self.record_test)
        tests.addWidget(self.play_test)
        tests.addStretch(1)
        self.audio_result = muted()
        self.record_test.clicked.connect(self.test_record)
        self.play_test.clicked.connect(
            lambda: sounds.play("phase-end", self.output_device.currentData() or None))
        form.addRow("Voice", self.tts_voice)
        form.addRow("Speaking rate", self.rate)
        form.addRow(self.spoken)
        form.addRow("Speech model", self.stt_model)
        form.addRow("Speech runs on", self.stt_device)
        self.engine_note = muted("Checking for a GPU…")
        self.engine_note.setAccessibleName("Where speech recognition runs")
        form.addRow(self.engine_note)
        self.llm_note = muted("Checking where the language model runs…")
        self.llm_note.setAccessibleName("Where the language model runs")
        form.addRow("Language model runs on", self.llm_note)
        form.addRow("Microphone", self.input_device)
        form.addRow("Speaker", self.output_device)
        form.addRow(self.devices_note)
        form.addRow(tests)
        form.addRow(self.audio_result)
        self.tabs.addTab(page, "Voice && audio")
        call_async(_list_devices, self._devices_found, self._devices_failed)
        self.stt_device.currentTextChanged.connect(self.show_engine)
        self.show_engine()
        self.show_llm_engine()

    def showEvent(self, event: QShowEvent) -> None:
        """Models load and unload while Settings is closed: re-read their state."""
        super().showEvent(event)
        self.show_memory()
        self.show_llm_engine()

    def show_memory(self) -> None:
        """Which models are loaded and which were unloaded to save memory (cheap flags)."""
        self.memory_note.setText(self.app.idle_models.describe())

    def show_llm_engine(self) -> None:
        """Where the LLM runs: the loaded model's real layers and threads, else what the
        settings give on this llama.cpp build; in a worker, and never loading the model."""
        cfg = self.app.settings.llm
        model_id, layers, threads = cfg.model, cfg.gpu_layers, cfg.threads
        loaded = loaded_llm(self.app)
        self._llm_asked = asked = getattr(self, "_llm_asked", 0) + 1

        def show(text: str) -> None:
            if asked == self._llm_asked:
                with contextlib.suppress(RuntimeError):  # Settings closed meanwhile
                    self.llm_note.setText(text)

        def describe() -> str:
            from nargis_desktop.brain.llm import describe_device

            return describe_device(model_id, layers, threads, loaded)

        call_async(describe, show, lambda exc: show(f"Language model engine: {exc}"))

    def show_engine(self) -> None:
        """Say where speech recognition will really run (auto resolves to CPU or GPU)."""
        wanted, compute = self.stt_device.currentText(), self.draft.voice.stt_compute_type
        self._engine_asked = asked = getattr(self, "_engine_asked", 0) + 1

        def show(text: str) -> None:
            if asked == self._engine_asked:  # an older answer arriving late is dropped
                with contextlib.suppress(RuntimeError):  # Settings closed meanwhile
                    self.engine_note.setText(text)

        # the engine already built from the saved setting says what it really got
        loaded = loaded_stt(self.app) if wanted == self.app.settings.voice.stt_device else None
        call_async(lambda: describe_engine(wanted, compute, loaded), show,
                   lambda exc: show(f"Speech engine: {exc}"))

    def _devices_found(self, devices: tuple[list[str], list[str]]) -> None:
        inputs, outputs = devices
        for combo, names in ((self.input_device, inputs), (self.output_device, outputs)):
            for n in names:
                if combo.findData(n) < 0:
                    combo.addItem(n, n)
        self.devices_note.setText(f"{len(inputs)} microphone(s), {len(outputs)} speaker(s) found."
                                  if inputs or outputs else
                                  "No audio devices found. Plug in a microphone, then reopen "
                                  "Settings.")

    def _devices_failed(self, exc: Exception) -> None:
        self.devices_note.setText(f"Audio devices can't be listed ({exc}). Install PortAudio "
                                  "(e.g. apt install libportaudio2) for voice.")

    def test_record(self) -> None:
        self.audio_result.setText("Recording for 2 seconds…")
        device = self.input_device.currentData() or None
        call_async(lambda: _record_peak(device), self._recorded,
                   lambda exc: self.audio_result.setText(
                       f"Recording failed: {exc}. Check the microphone and its permission."))

    def _recorded(self, peak: float) -> None:
        verdict = "heard you" if peak > 0.02 else "silence — is the microphone muted?"
        self.audio_result.setText(f"Peak level {peak:.2f}: {verdict}")

    def _ptt(self) -> None:
        page, form = _form()
        u = self.draft.ui
        self.hotkey = QKeySequenceEdit(QKeySequence(_spec_to_qt(u.ptt_hotkey)))
        self.hotkey.setMaximumSequenceLength(1)
        self.hotkey.setAccessibleName("Push-to-talk shortcut")
        self.ptt_mode = QComboBox()
        self.ptt_mode.addItem("Hold to talk", "hold")
        self.ptt_mode.addItem("Press to start, press again to stop", "toggle")
        self.ptt_mode.setCurrentIndex(0 if u.ptt_mode == "hold" else 1)
        hotkey = self.desktop.hotkey if self.desktop is not None else None
        self.backend_label = QLabel(backend_html(hotkey.backend) if hotkey is not None else
                                    "Global shortcut backend: not started.")
        if hotkey is not None:  # the Wayland portal answers after start, and may change later
            hotkey.backend_changed.connect(self._show_backend)
        self.backend_label.setWordWrap(True)
        self.backend_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Global shortcut", self.hotkey)
        form.addRow("Mode", self.ptt_mode)
        form.addRow(self.backend_label)
        form.addRow(muted("In the app: hold Space in the Assistant view, or hold the mic "
                          "button. Anywhere: “nargis ptt start|stop|toggle” talks to the "
                          "running app."))
        self.tabs.addTab(page, "Push-to-talk")

    def _show_backend(self, backend: Backend) -> None:
        self.backend_label.setText(backend_html(backend))

    def _models(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        self.models_table = QTableWidget(0, 4)
        self.models_table.setHorizontalHeaderLabels(["Model", "Kind", "Size", "State"])
        self.models_table.horizontalHeader().setStretchLastSection(True)
        self.models_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.models_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        lay.addWidget(self.models_table, 1)
        row = QHBoxLayout()
        self.install_button = QPushButton("Download")
        self.cancel_button = QPushButton("Cancel")
        self.verify_button = QPushButton("Verify")
        self.remove_button = QPushButton("Remove")
        for b in (self.install_button, self.cancel_button, self.verify_button,
                  self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        self.model_progress = QProgressBar()
        self.model_progress.hide()
        lay.addWidget(self.model_progress)
        self.model_note = muted()
        lay.addWidget(self.model_note)
        self.cancel_button.setEnabled(False)
        self.install_button.clicked.connect(self.install_model)
        self.cancel_button.clicked.connect(self.cancel_install)
        self.verify_button.clicked.connect(self.verify_model)
        self.remove_button.clicked.connect(self.guarded(self.remove_model))
        self.tabs.addTab(page, "Models")
        self.load_models()

    def load_models(self) -> None:
        call_async(lambda: self.app.models.list(), self._models_loaded,
                   lambda exc: self.model_note.setText(f"Model catalog unavailable: {exc}"))

    def _models_loaded(self, statuses: list[Any]) -> None:
        self.models_table.setRowCount(len(statuses))
        for r, st in enumerate(statuses):
            e = st.entry
            size = getattr(e, "size", 0) or 0
            for c, text in enumerate((e.id, e.kind, f"{size / 1e6:.0f} MB", st.state)):
                item = QTableWidgetItem(str(text))
                item.setData(Qt.ItemDataRole.UserRole, e.id)
                self.models_table.setItem(r, c, item)
        self.models_table.resizeColumnsToContents()

    def selected_model(self) -> str | None:
        item = self.models_table.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def install_model(self) -> None:
        model_id = self.selected_model()
        if not model_id or self.install_job is not None:
            return
        import threading

        cancel = threading.Event()
        self._cancel = cancel
        self.model_progress.show()
        self.model_progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.install_button.setEnabled(False)

        def work(job: Job) -> Any:
            return self.app.models.install(model_id, progress=job.report, cancel=cancel)

        self.install_job = run_async(work, on_item=self._progress, on_result=self._installed,
                                     on_error=self._install_failed)

    def _progress(self, p: Any) -> None:
        frac = getattr(p, "fraction", None)
        if frac is None:
            self.model_progress.setRange(0, 0)
        else:
            self.model_progress.setRange(0, 1000)
            self.model_progress.setValue(int(frac * 1000))
        self.model_note.setText(f"{p.model_id}: {p.stage} {p.item}")

    def _install_end(self) -> None:
        self.install_job = None
        self.model_progress.hide()
        self.cancel_button.setEnabled(False)
        self.install_button.setEnabled(True)
        self.load_models()

    def _installed(self, path: object) -> None:
        self._install_end()
        self.model_note.setText(f"Installed: {path}")

    def _install_failed(self, exc: Exception) -> None:
        self._install_end()
        self.banner.show_error(exc)

    def cancel_install(self) -> None:
        if getattr(self, "_cancel", None) is not None:
            self._cancel.set()

    def verify_model(self) -> None:
        model_id = self.selected_model()
        if not model_id:
            return
        self.model_note.setText(f"Verifying {model_id}…")
        call_async(lambda: self.app.models.verify(model_id),
                   lambda _r: self.model_note.setText(f"{model_id} is intact."),
                   self.banner.show_error)

    def remove_model(self) -> None:
        model_id = self.selected_model()
        if model_id:
            self.app.models.remove(model_id)
            self.load_models()

    def _vault(self) -> None:
        page, form = _form()
        v = self.draft.vault
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(0, 1440)
        self.auto_lock.setSuffix(" min idle (0 = never)")
        self.auto_lock.setValue(v.auto_lock_minutes)
        self.remember = QCheckBox("Remember the journal key on this device (system keyring)")
        self.remember.setChecked(v.remember_on_device)
        self.passwd = QPushButton("Change passphrase…")
        self.passwd.clicked.connect(self.change_passphrase)
        self.vault_note = muted()
        form.addRow("Auto-lock after", self.auto_lock)
        form.addRow(self.remember)
        form.addRow(self.passwd)
        form.addRow(self.vault_note)
        self.tabs.addTab(page, "Journal vault")

    def change_passphrase(self) -> None:
        old, ok = QInputDialog.getText(self, "Change passphrase", "Current passphrase:",
                                       QLineEdit.EchoMode.Password)
        if not ok:
            return
        new, ok = QInputDialog.getText(self, "Change passphrase", "New passphrase:",
                                       QLineEdit.EchoMode.Password)
        if not ok:
            return
        self.vault_note.setText("Changing the passphrase…")
        call_async(lambda: self.app.vault.change_passphrase(old, new),
                   lambda _r: self.vault_note.setText("Passphrase changed."),
                   self.banner.show_error)

    def _sync(self) -> None:
        page, form = _form()
        s = self.draft.sync
        self.sync_enabled = QCheckBox("Two-way Google Sheets sync")
        self.sync_enabled.setChecked(s.enabled)
        self.sheet = QLineEdit(s.spreadsheet_id)
        self.sheet.setPlaceholderText("empty: create a new spreadsheet")
        self.sync_interval = QSpinBox()
        self.sync_interval.setRange(0, 1440)
        self.sync_interval.setSuffix(" min (0 = by hand)")
        self.sync_interval.setValue(s.interval_minutes)
        form.addRow(self.sync_enabled)
        form.addRow("Spreadsheet", self.sheet)
        form.addRow("Sync every", self.sync_interval)
        form.addRow(muted("Sync is optional and off by default; nothing leaves this computer "
                          "unless you turn it on."))
        self.tabs.addTab(page, "Sync")

    # -- saving ------------------------------------------------------------------------
    def collect(self) -> Settings:
        d = copy.deepcopy(self.app.settings)
        d.general.theme = self.theme.currentText()
        d.general.date_order = str(self.date_order.currentData())
        d.ui.close_to_tray = self.close_to_tray.isChecked()
        d.ui.start_minimized = self.start_minimized.isChecked()
        d.ui.start_at_login = self.start_at_login.isChecked()
        d.ui.earcons = self.earcons.isChecked()
        d.llm.unload_after_minutes = self.unload.value()
        d.voice.tts_voice = self.tts_voice.text().strip() or d.voice.tts_voice
        d.voice.speaking_rate = round(self.rate.value(), 2)
        d.voice.spoken_replies = self.spoken.isChecked()
        d.voice.stt_model = self.stt_model.text().strip() or d.voice.stt_model
        d.voice.stt_device = self.stt_device.currentText()
        d.voice.input_device = str(self.input_device.currentData() or "")
        d.voice.output_device = str(self.output_device.currentData() or "")
        seq = self.hotkey.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
        if seq:
            d.ui.ptt_hotkey = qt_to_spec(seq)
        d.ui.ptt_mode = str(self.ptt_mode.currentData())
        d.vault.auto_lock_minutes = self.auto_lock.value()
        d.vault.remember_on_device = self.remember.isChecked()
        d.sync.enabled = self.sync_enabled.isChecked()
        d.sync.spreadsheet_id = self.sheet.text().strip()
        d.sync.interval_minutes = self.sync_interval.value()
        return d

    def save(self) -> None:
        new = self.collect()
        login_note = ""
        if new.ui.start_at_login != autostart.is_enabled():
            autostart.set_enabled(new.ui.start_at_login)  # a failure is shown, nothing saved
            login_note = (" Nargis will start in the tray when you log in."
                          if new.ui.start_at_login else " Nargis will not start at login.")
        self.app.home.ensure()
        save_settings(self.app.home.settings_file, new)
        # live-applicable values take effect now; the rest on the next start
        s = self.app.settings
        s.general.theme, s.ui, s.vault, s.sync = new.general.theme, new.ui, new.vault, new.sync
        s.general.date_order = new.general.date_order
        self.app.clock.day_first = day_first_for(new.general.date_order)
        s.voice, s.llm = new.voice, new.llm
        from PySide6.QtWidgets import QApplication

        qapp = QApplication.instance()
        if isinstance(qapp, QApplication):
            apply_theme(qapp, new.general.theme)
        self.show_memory()  # the unload time applies at once
        self.banner.show_info("Settings saved." + login_note)


def describe_engine(device: str, compute_type: str, loaded: Any = None) -> str:
    """One sentence: the device, precision and threads Whisper gets for these settings,
    or, for an engine already loaded from them, what it really got and why."""
    from nargis_desktop.voice.stt import choose_engine, cuda_device_count

    gpus = cuda_device_count()
    found = f"{gpus} CUDA GPU(s) found" if gpus else "no CUDA GPU found"
    if loaded is None and device == "cuda" and not gpus:
        return f"GPU chosen, but {found}: speech recognition will fail to start."
    choice = loaded.choice if loaded is not None else choose_engine(device, compute_type)
    where = "GPU (CUDA)" if choice.device == "cuda" else f"CPU, {choice.cpu_threads} thread(s)"
    state = " (loaded)" if loaded is not None else ""
    text = f"Speech recognition runs on the {where}, {choice.compute_type}{state}; {found}."
    return " ".join([text, *(loaded.notes if loaded is not None else [])])


def loaded_stt(app: App) -> Any:
    """The Whisper engine the app built, if any (loaded or idle-unloaded)."""
    from nargis_desktop.model_idle import STT_NAME
    from nargis_desktop.voice.stt import WhisperSTT

    for name, engine in app.idle_models.engines():
        if name == STT_NAME and isinstance(engine, WhisperSTT):
            return engine
    return None


def loaded_llm(app: App) -> Any:
    """The language model the assistant built, if any (loaded or idle-unloaded)."""
    from nargis_desktop.brain.llm import LlamaCppModel
    from nargis_desktop.model_idle import LLM_NAME

    for name, engine in app.idle_models.engines():
        if name == LLM_NAME and isinstance(engine, LlamaCppModel):
            return engine
    return None


def _list_devices() -> tuple[list[str], list[str]]:
    import sounddevice as sd

    inputs, outputs = [], []
    for dev in sd.query_devices():
        if dev.get("max_input_channels", 0) > 0:
            inputs.append(str(dev["name"]))
        if dev.get("max_output_channels", 0) > 0:
            outputs.append(str(dev["name"]))
    return inputs, outputs


def _record_peak(device: str | None) -> float:
    import numpy as np
    import sounddevice as sd

    data = sd.rec(2 * 16000, samplerate=16000, channels=1, dtype="float32",
                  device=device or None, blocking=True)
    return float(np.max(np.abs(data))) if len(data) else 0.0

"""The desktop side of three model features: the idle-unload timer and its status line,
where the language model runs (Settings), and the spoken first-run hello.

Models are the real shared defaults; audio goes to the private PulseAudio server of the
voice tests (a null sink whose monitor the test records), so the hello is really heard.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile
from model_cache import voice_models_or_skip
from pytestqt.qtbot import QtBot

from nargis_desktop.app import App
from nargis_desktop.brain.llm import default_threads
from nargis_desktop.clock import FixedClock
from nargis_desktop.model_idle import STT_NAME
from nargis_desktop.models.manager import ModelManager
from nargis_desktop.ui.desktop import IDLE_CHECK_MS, Desktop
from nargis_desktop.ui.first_run import HELLO, FirstRunDialog
from nargis_desktop.ui.views.settings import SettingsView


@pytest.fixture
def settings_view(app: App, qtbot: QtBot, themed: object) -> SettingsView:
    view = SettingsView(app)
    qtbot.addWidget(view)
    view.show()
    return view


@pytest.fixture
def shared_models(app: App) -> ModelManager:
    folder = voice_models_or_skip()
    manager = ModelManager(folder)
    app.__dict__["models"] = manager
    return manager


# -- where the language model runs -------------------------------------------------------

def test_settings_shows_where_the_llm_runs_without_loading_it(
        app: App, settings_view: SettingsView, qtbot: QtBot) -> None:
    import llama_cpp

    view = settings_view
    qtbot.waitUntil(lambda: "Language model" in view.llm_note.text(), timeout=20000)
    text = view.llm_note.text()
    assert "not loaded yet" in text and app.settings.llm.model in text
    if llama_cpp.llama_supports_gpu_offload():
        assert "offloads all layers to the GPU" in text and "can offload" in text
    else:
        assert f"runs on the CPU with {default_threads()} thread(s)" in text
        assert "CPU-only" in text
    # the speech device line sits beside it
    qtbot.waitUntil(lambda: "runs on" in view.engine_note.text() or
                    "GPU" in view.engine_note.text(), timeout=20000)
    # the settings are read as loading would read them
    app.settings.llm.threads, app.settings.llm.gpu_layers = 3, 0
    view.show_llm_engine()
    qtbot.waitUntil(lambda: "runs on the CPU with 3 thread(s)" in view.llm_note.text(),
                    timeout=20000)
    app.settings.llm.gpu_layers = 12
    view.show_llm_engine()
    if llama_cpp.llama_supports_gpu_offload():
        qtbot.waitUntil(lambda: "offloads 12 layer(s)" in view.llm_note.text(), timeout=20000)
    else:  # asked for a GPU this build cannot use: said, with the CPU it will use instead
        qtbot.waitUntil(lambda: "GPU offload was requested" in view.llm_note.text(),
                        timeout=20000)
        assert "runs on the CPU with 3 thread(s)" in view.llm_note.text()
    # none of this loaded the model
    assert "assistant" not in app.__dict__ and app.idle_models.engines() == []
    app.settings.llm.model = ""
    view.show_llm_engine()
    qtbot.waitUntil(lambda: "No language model is configured" in view.llm_note.text(),
                    timeout=20000)


@pytest.mark.models
def test_settings_shows_the_loaded_llms_real_device_and_its_unload(
        app: App, clock: FixedClock, qtbot: QtBot, themed: object) -> None:
    if not app.models.is_installed("smollm2-135m"):
        pytest.skip("smollm2-135m is not installed in NARGIS_MODELS_DIR")
    from nargis_desktop.brain.llm import LlamaCppModel

    app.settings.llm.unload_after_minutes = 5
    slot = app.assistant.model
    assert slot is not None
    model = slot.get()
    assert isinstance(model, LlamaCppModel)
    view = SettingsView(app)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: "(loaded)" in view.llm_note.text(), timeout=20000)
    where = ("runs on the CPU" if model.gpu_layers == 0 else "to the GPU")
    assert where in view.llm_note.text() and f"{model.threads}" in view.llm_note.text()
    assert "Loaded now: language model" in view.memory_note.text()
    clock.advance(minutes=5)
    assert app.idle_models.check() == ["language model"]
    view.hide()
    view.show()  # reopening Settings re-reads the state
    qtbot.waitUntil(lambda: "unloaded while idle" in view.llm_note.text(), timeout=20000)
    assert "Unloaded to save memory: language model" in view.memory_note.text()


# -- the idle timer ------------------------------------------------------------------------

@pytest.fixture
def desktop(app: App, qtbot: QtBot, themed: object, shared_models: ModelManager
            ) -> Iterator[Desktop]:
    d = Desktop(app, global_hotkey=False)
    qtbot.addWidget(d.window)
    assert d.start()
    yield d
    d.conversation.interrupt()
    d.idle_timer.stop()
    d.reminders.timer.stop()
    d.hotkey.stop()
    d.server.close()
    d.window.quitting = True
    d.window.close()


@pytest.mark.models
@pytest.mark.slow
def test_the_gui_timer_unloads_idle_whisper_says_so_and_a_voice_turn_reloads_it(
        desktop: Desktop, app: App, clock: FixedClock, qtbot: QtBot, tmp_path: Path) -> None:
    from nargis_desktop.ui.voice_io import LiveVoiceInput
    from nargis_desktop.voice.capture import FileSource

    assert desktop.idle_timer.isActive() and desktop.idle_timer.interval() == IDLE_CHECK_MS
    app.settings.llm.unload_after_minutes = 2
    app.settings.voice.spoken_replies = False
    stt = desktop.voice.stt()  # as the warm-up after start does
    # a spoken command for later, made with the real voice
    tts = desktop.voice.tts()
    speech = np.concatenate([c.samples for c in tts.synthesize("Add a task to buy milk.")])
    pad = np.zeros(int(0.4 * tts.sample_rate), np.float32)
    wav = tmp_path / "command.wav"
    soundfile.write(wav, np.concatenate([pad, speech, pad]), tts.sample_rate)

    clock.advance(minutes=1)
    desktop.idle_timer.timeout.emit()  # what the timer does every half minute
    qtbot.wait(300)
    assert stt.loaded and desktop.window.state_label.text() == ""
    clock.advance(minutes=1)
    desktop.idle_timer.timeout.emit()
    label = desktop.window.state_label
    qtbot.waitUntil(lambda: "Unloaded to save memory" in label.text(), timeout=20000)
    assert STT_NAME in label.text() and not stt.loaded
    assert "Unloaded to save memory" in desktop.settings_view.memory_note.text()

    # the next voice turn just works: Whisper comes back by itself
    conv = desktop.conversation
    conv.voice_input = LiveVoiceInput(
        desktop.voice, capture=lambda **ls: FileSource(wav, realtime=True, **ls))
    conv.start_listening()
    voice = conv.voice_input
    qtbot.waitUntil(lambda: voice.last_capture is not None, timeout=30000)
    source = voice.last_capture
    assert isinstance(source, FileSource)
    qtbot.waitUntil(source._done.is_set, timeout=30000)
    with qtbot.waitSignal(conv.turn_done, timeout=90000) as handled:
        conv.stop_listening()
    assert "milk" in handled.args[0].transcript.lower()
    assert stt.loaded
    qtbot.waitUntil(lambda: STT_NAME not in label.text(), timeout=20000)


def test_the_timer_does_nothing_when_unloading_is_off(
        app: App, clock: FixedClock, qtbot: QtBot, themed: object,
        monkeypatch: pytest.MonkeyPatch) -> None:
    d = Desktop(app, global_hotkey=False)
    qtbot.addWidget(d.window)
    try:
        assert app.settings.llm.unload_after_minutes == 0  # the default
        calls: list[int] = []
        monkeypatch.setattr(app.idle_models, "check", lambda: calls.append(1) or [])
        clock.advance(days=1)
        d.check_idle_models()
        qtbot.wait(200)
        assert calls == []  # no worker was even started
        assert "stay loaded" in d.settings_view.memory_note.text()
    finally:
        d.idle_timer.stop()
        d.server.close()
        d.window.quitting = True
        d.window.close()


# -- the first-run hello ---------------------------------------------------------------------

def _hello_dialog(app: App, qtbot: QtBot) -> FirstRunDialog:
    dialog = FirstRunDialog(app)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.go(4)
    return dialog


@pytest.mark.models
@pytest.mark.slow
def test_first_run_says_hello_out_loud_on_the_speaker(
        app: App, shared_models: ModelManager, virtual_audio: str, qtbot: QtBot,
        themed: object, tmp_path: Path) -> None:
    dialog = _hello_dialog(app, qtbot)
    out = tmp_path / "speaker.wav"
    recorder = subprocess.Popen(["parecord", "--device=nargis_speaker.monitor",
                                 "--file-format=wav", "--rate=16000", "--channels=1",
                                 str(out)])
    try:
        qtbot.wait(300)
        dialog.hello.click()
        # the click returns at once: the voice loads and speaks in a worker
        assert dialog._hello_job is not None and not dialog.hello.isEnabled()
        assert HELLO in dialog.banner.text
        qtbot.waitUntil(dialog.hello.isEnabled, timeout=90000)
        qtbot.wait(500)  # the last blocks travel through PulseAudio
    finally:
        recorder.terminate()
        recorder.wait(10)
    assert "Said hello on" in dialog.hello_status.text(), dialog.banner.text
    audio, rate = soundfile.read(out, dtype="float32")
    assert rate == 16000 and audio.size > rate  # more than a second came out
    assert float(np.sqrt(np.mean(np.square(audio)))) > 0.01
    # and it says hello: the real Whisper hears it
    from nargis_desktop.voice.factory import build_stt

    heard = build_stt(app.settings.voice, shared_models).transcribe(audio,
                                                                   sample_rate=rate).text
    said = set(re.findall(r"[a-z']+", HELLO.lower()))
    got = set(re.findall(r"[a-z']+", heard.lower()))
    # most of the greeting's words (Whisper base may mishear one, "Hello" as "Below")
    assert len(said & got) >= 0.7 * len(said), heard


def test_hello_without_the_voice_model_says_how_to_install_it(
        app: App, qtbot: QtBot, themed: object, tmp_path: Path) -> None:
    app.__dict__["models"] = ModelManager(tmp_path / "no-models")
    dialog = _hello_dialog(app, qtbot)
    dialog.hello.click()
    qtbot.waitUntil(lambda: "couldn't say hello" in dialog.banner.text, timeout=20000)
    assert "not installed" in dialog.banner.text
    assert "Fix: Run: nargis models install piper-joe-medium" in dialog.banner.text
    assert dialog.hello.isEnabled()
    assert dialog.hello_status.text() == "Nargis could not say hello out loud."


def test_hello_without_a_speaker_says_so(app: App, shared_models: ModelManager,
                                         qtbot: QtBot, themed: object,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from nargis_desktop.voice import devices

    monkeypatch.setattr(devices, "list_devices", list)  # a machine with no audio
    dialog = _hello_dialog(app, qtbot)
    dialog.hello.click()
    qtbot.waitUntil(lambda: "couldn't say hello" in dialog.banner.text, timeout=20000)
    assert "No speaker found" in dialog.banner.text
    assert "Fix: Connect a speaker" in dialog.banner.text
    assert "type to Nargis" in dialog.banner.text
    assert dialog.hello.isEnabled()


@pytest.mark.models
def test_hello_on_a_speaker_that_is_not_there_names_the_setting(
        app: App, shared_models: ModelManager, virtual_audio: str, qtbot: QtBot,
        themed: object) -> None:
    app.settings.voice.output_device = "no-such-speaker-xyz"
    dialog = _hello_dialog(app, qtbot)
    dialog.hello.click()
    qtbot.waitUntil(lambda: "couldn't say hello" in dialog.banner.text, timeout=20000)
    assert "No speaker is called 'no-such-speaker-xyz'" in dialog.banner.text
    assert "voice.output_device" in dialog.banner.text


@pytest.mark.models
def test_a_gpu_whisper_could_not_use_is_named_in_the_status_line(
        desktop: Desktop, app: App, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The warm-up after start loads Whisper; on a GPU without cuBLAS it runs on the CPU,
    and the sidebar says why (until then the user would only see slow answers)."""
    from fake_gpu import NO_CUBLAS, gpu_for_whisper

    gpu_for_whisper(monkeypatch, cublas=False)
    app.settings.voice.stt_device = "auto"
    app.settings.voice.spoken_replies = False
    desktop.warm_up_voice()
    label = desktop.window.state_label
    qtbot.waitUntil(lambda: "CUDA could not be used" in label.text(), timeout=30000)
    assert NO_CUBLAS in label.text() and "running on the CPU" in label.text()
    assert desktop.voice.stt().device == "cpu"
    # Settings says where it really runs, not where "auto" would put it
    view = desktop.settings_view
    view.stt_device.setCurrentText("auto")  # the saved setting the engine was built from
    view.show_engine()
    qtbot.waitUntil(lambda: "(loaded)" in view.engine_note.text(), timeout=20000)
    assert "runs on the CPU" in view.engine_note.text()
    assert "CUDA could not be used" in view.engine_note.text()

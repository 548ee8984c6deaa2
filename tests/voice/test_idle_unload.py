"""Idle unloading with the real Whisper and Piper models, built by the app as the GUI does.

Time is a :class:`FixedClock`: the tests move it past ``llm.unload_after_minutes`` and
ask the app's :class:`IdleUnloader` to check, exactly what the GUI's timer does.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
from voice_helpers import COMMANDS, SpeechFactory, words_heard

from nargis_desktop.app import App
from nargis_desktop.clock import FixedClock
from nargis_desktop.model_idle import STT_NAME, TTS_NAME
from nargis_desktop.models import ModelManager

pytestmark = [pytest.mark.models, pytest.mark.slow]


@pytest.fixture
def idle_app(app: App, voice_models: ModelManager) -> App:
    app.__dict__["models"] = voice_models
    app.settings.voice.stt_device = "cpu"
    app.settings.llm.unload_after_minutes = 5
    return app


def test_whisper_unloads_when_idle_and_transcribes_the_same_after_reload(
        idle_app: App, clock: FixedClock, speech: SpeechFactory) -> None:
    app = idle_app
    stt = app.build_stt()
    audio = speech.samples(speech.piper(COMMANDS["milk"]))
    first = stt.transcribe(audio).text
    assert words_heard(COMMANDS["milk"], first), first

    clock.advance(minutes=4, seconds=59)
    assert app.idle_models.check() == [] and stt.loaded
    clock.advance(seconds=1)
    assert app.idle_models.check() == [STT_NAME]
    assert not stt.loaded and stt._model is None

    again = stt.transcribe(audio).text  # reloads by itself
    assert stt.loaded
    assert again == first  # decoding is deterministic: the reloaded model hears the same


def test_zero_keeps_whisper_loaded(idle_app: App, clock: FixedClock) -> None:
    app = idle_app
    app.settings.llm.unload_after_minutes = 0
    stt = app.build_stt()
    clock.advance(days=2)
    assert app.idle_models.check() == [] and stt.loaded


def test_whisper_stays_loaded_through_a_push_to_talk_utterance(
        idle_app: App, clock: FixedClock, speech: SpeechFactory) -> None:
    """The live input holds Whisper from key press to transcript: however long the
    user keeps the key down, the model is not unloaded under them."""
    from nargis_desktop.ui.voice_io import LiveVoiceInput, VoiceEngines
    from nargis_desktop.voice.capture import FileSource

    app = idle_app
    wav = speech.piper(COMMANDS["focus"])
    engines = VoiceEngines(app)
    voice = LiveVoiceInput(engines, capture=lambda **ls: FileSource(wav, **ls))
    voice.start(on_level=lambda _level: None, on_partial=lambda _text: None)
    stt = engines.stt()
    assert stt.usage.busy
    source = voice.last_capture
    assert isinstance(source, FileSource)
    assert source._done.wait(30)
    clock.advance(hours=1)
    assert app.idle_models.check() == [] and stt.loaded
    text = voice.stop()
    assert text is not None and words_heard(COMMANDS["focus"], text), text
    assert not stt.usage.busy
    clock.advance(minutes=5)
    assert app.idle_models.check() == [STT_NAME] and not stt.loaded


def test_unloading_while_another_thread_keeps_transcribing_never_breaks_a_decode(
        idle_app: App, clock: FixedClock, speech: SpeechFactory) -> None:
    """A worker transcribes over and over while the checker keeps finding Whisper idle:
    unloads land only between decodes, and every transcript is right."""
    app = idle_app
    stt = app.build_stt()
    audio = speech.samples(speech.piper(COMMANDS["dentist"]))
    done = threading.Event()
    texts: list[str] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(3):
                texts.append(stt.transcribe(audio).text)
        except BaseException as exc:
            errors.append(exc)
        finally:
            done.set()

    thread = threading.Thread(target=worker)
    thread.start()
    unloads = 0
    while not done.wait(0.05):
        clock.advance(minutes=10)
        unloads += len(app.idle_models.check())
    thread.join()
    assert errors == []
    assert len(texts) == 3 and all(words_heard(COMMANDS["dentist"], t) for t in texts), texts
    print(f"\nWhisper was unloaded {unloads} time(s) between decodes")


def test_piper_unloads_when_idle_and_speaks_the_same_after_reload(
        idle_app: App, clock: FixedClock) -> None:
    app = idle_app
    tts = app.build_tts()
    tts.variation = False  # the same samples every time, so before and after compare
    text = "Your focus session is over. Take a short break."
    before = np.concatenate([c.samples for c in tts.synthesize(text)])
    clock.advance(minutes=5)
    assert app.idle_models.check() == [TTS_NAME]
    assert not tts.loaded
    assert tts.sample_rate == 22050  # the voice's settings stay known while unloaded
    after = np.concatenate([c.samples for c in tts.synthesize(text)])
    assert tts.loaded
    assert np.array_equal(before, after)


def test_piper_is_not_unloaded_in_the_middle_of_a_reply(idle_app: App,
                                                        clock: FixedClock) -> None:
    app = idle_app
    tts = app.build_tts()
    chunks = tts.synthesize("This is the first sentence. And this is the second one.")
    first = next(chunks)  # the reply has started: the player is still pulling sentences
    assert first.samples.size > 0
    clock.advance(hours=1)
    assert app.idle_models.check() == [] and tts.loaded
    rest = list(chunks)
    assert rest and rest[0].samples.size > 0
    clock.advance(minutes=5)
    assert app.idle_models.check() == [TTS_NAME]

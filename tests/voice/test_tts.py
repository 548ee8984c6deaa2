"""Text-to-speech with the real Piper voice, and the text hygiene in front of it."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
import soundfile
from voice_helpers import words_heard

from nargis_desktop.models import ModelManager, ModelNotInstalledError
from nargis_desktop.settings import VoiceSettings
from nargis_desktop.voice.audio import resample
from nargis_desktop.voice.errors import (
    NothingToSpeakError,
    SpeechEngineError,
    UnsupportedScriptError,
)
from nargis_desktop.voice.factory import build_tts
from nargis_desktop.voice.protocols import STT_SAMPLE_RATE, TextToSpeech
from nargis_desktop.voice.stt import WhisperSTT
from nargis_desktop.voice.tts import PiperTTS, find_voice_file
from nargis_desktop.voice.tts_text import (
    MAX_CHUNK_CHARS,
    prepare_text,
    speech_chunks,
    strip_unspeakable,
)


def _speak(tts: PiperTTS, text: str) -> np.ndarray:
    chunks = list(tts.synthesize(text))
    return np.concatenate([c.samples for c in chunks]) if chunks else np.zeros(0, np.float32)


@pytest.mark.models
def test_voice_keeps_the_protocol(tts: PiperTTS) -> None:
    assert isinstance(tts, TextToSpeech)
    assert tts.sample_rate == 22_050 and tts.espeak_voice.startswith("en")


@pytest.mark.models
def test_round_trip_through_whisper(tts: PiperTTS, stt: WhisperSTT) -> None:
    text = "Your focus session is over. Take a five minute break."
    chunks = list(tts.synthesize(text))
    assert len(chunks) >= 2, "one chunk per sentence, so playback can start early"
    assert all(c.samples.dtype == np.float32 and c.sample_rate == 22_050 for c in chunks)
    audio = np.concatenate([c.samples for c in chunks])
    assert np.abs(audio).max() <= 1.0
    heard = stt.transcribe(audio, sample_rate=tts.sample_rate).text
    assert words_heard("focus session is over take a break", heard), heard


@pytest.mark.models
def test_speaking_rate_changes_duration(voice_models: ModelManager) -> None:
    text = "Mark the habit morning run as done."
    normal = build_tts(VoiceSettings(speaking_rate=1.0), voice_models)
    fast = build_tts(VoiceSettings(speaking_rate=1.6), voice_models)
    assert _speak(fast, text).size < 0.8 * _speak(normal, text).size


@pytest.mark.models
@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_says_nothing(tts: PiperTTS, text: str) -> None:
    assert list(tts.synthesize(text)) == []


@pytest.mark.models
@pytest.mark.parametrize("text", ["😀🎉👍", "🙂 🙂\u200d", "★ ✓ →", "... !!!"])
def test_emoji_only_is_refused_clearly(tts: PiperTTS, text: str) -> None:
    with pytest.raises(NothingToSpeakError, match="only emoji"):
        tts.synthesize(text)


@pytest.mark.models
@pytest.mark.parametrize("text,script", [("Привет, как дела?", "Cyrillic"),
                                         ("你好，世界", "CJK"), ("مرحبا بالعالم", "Arabic")])
def test_foreign_script_is_refused_with_its_name(tts: PiperTTS, text: str,
                                                 script: str) -> None:
    with pytest.raises(UnsupportedScriptError) as err:
        tts.synthesize(text)
    assert script in str(err.value) and "English" in str(err.value)


@pytest.mark.models
def test_a_few_foreign_letters_are_skipped(tts: PiperTTS) -> None:
    prepared = tts.prepare("Call Anna about the Москва trip 🚀 tomorrow")
    assert prepared.text == "Call Anna about the trip tomorrow"
    assert prepared.notes and "Cyrillic" in prepared.notes[0]
    assert _speak(tts, "Call Anna about the Москва trip 🚀 tomorrow").size > 0


@pytest.mark.models
def test_fifty_thousand_characters_stream_lazily(tts: PiperTTS) -> None:
    sentence = "This is sentence number {} of a very long reply, read one piece at a time. "
    text = "".join(sentence.format(i) for i in range(700))[:50_000]
    assert len(text) == 50_000
    stream = tts.synthesize(text)
    first_three = list(itertools.islice(stream, 3))
    assert len(first_three) == 3
    assert all(c.duration_s < 10 for c in first_three), "chunks stay sentence-sized"
    chunks = list(speech_chunks(text))
    assert max(len(c) for c in chunks) <= MAX_CHUNK_CHARS
    assert " ".join(chunks).split() == text.split()


def test_giant_sentence_without_punctuation_is_wrapped() -> None:
    text = " ".join(["word"] * 5000) + " " + "x" * 1000
    chunks = list(speech_chunks(text))
    assert max(len(c) for c in chunks) <= MAX_CHUNK_CHARS
    assert "".join(chunks).replace(" ", "") == text.replace(" ", "")


def test_first_chunk_is_short_for_a_fast_start() -> None:
    chunks = list(speech_chunks("Sure, I added buy milk to your list for tomorrow morning."))
    assert chunks[0] == "Sure," and chunks[1].startswith("I added")


def test_markdown_and_emoji_are_stripped() -> None:
    assert strip_unspeakable("**Done** ✅ — `3` tasks left 🎉") == "Done — 3 tasks left"
    assert prepare_text("Costs $5 + tax", "en-us").text == "Costs $5 + tax"


def test_unknown_voice_language_is_not_checked() -> None:
    assert prepare_text("Привет", "xx").text == "Привет"


@pytest.mark.models
def test_write_to_file(tts: PiperTTS, tmp_path: Path, stt: WhisperSTT) -> None:
    out = tmp_path / "reply.wav"
    seconds = tts.synthesize_to_file("Three tasks are due today.", out)
    info = soundfile.info(out)
    assert info.samplerate == 22_050 and info.duration == pytest.approx(seconds, abs=0.01)
    audio, rate = soundfile.read(out, dtype="float32")
    heard = stt.transcribe(resample(audio, rate, STT_SAMPLE_RATE)).text
    assert words_heard("three tasks due today", heard), heard


def test_missing_voice(tmp_path: Path) -> None:
    with pytest.raises(ModelNotInstalledError, match="nargis models install piper-joe-medium"):
        build_tts(VoiceSettings(), ModelManager(tmp_path / "models"))
    with pytest.raises(SpeechEngineError, match="No Piper voice"):
        find_voice_file(tmp_path)
    onnx = tmp_path / "voice.onnx"
    onnx.write_bytes(b"not a model")
    with pytest.raises(SpeechEngineError, match="config"):
        PiperTTS(onnx)
    (tmp_path / "voice.onnx.json").write_text("{}")
    with pytest.raises(SpeechEngineError, match="could not be loaded"):
        PiperTTS(onnx)

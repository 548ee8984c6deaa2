"""Fixtures for the voice tests: the real default models, synthesized test speech
(Piper and espeak-ng), and a private PulseAudio server with a virtual microphone
and speaker (see ``start_virtual_audio.sh`` for the packages it needs)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from model_cache import voice_models_or_skip
from voice_helpers import SpeechFactory, VirtualAudio

from nargis_desktop.models import ModelManager
from nargis_desktop.voice.stt import WhisperSTT
from nargis_desktop.voice.tts import PiperTTS

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "start_virtual_audio.sh"

@pytest.fixture(scope="session")
def voice_models() -> ModelManager:
    return ModelManager(voice_models_or_skip())


@pytest.fixture(scope="session")
def stt(voice_models: ModelManager) -> WhisperSTT:
    return WhisperSTT(voice_models.path("whisper-base"), device="cpu", language="en",
                      model_id="whisper-base")


@pytest.fixture(scope="session")
def tts(voice_models: ModelManager) -> PiperTTS:
    return PiperTTS(voice_models.path("piper-joe-medium"), model_id="piper-joe-medium")


@pytest.fixture(scope="session")
def speech(tmp_path_factory: pytest.TempPathFactory, voice_models: ModelManager) -> SpeechFactory:
    """Test speech from Piper without its random variation: the same every run, so a
    transcript that fails once fails every time (no flaky accuracy tests)."""
    voice = PiperTTS(voice_models.path("piper-joe-medium"), model_id="piper-joe-medium",
                     variation=False)
    return SpeechFactory(tmp_path_factory.mktemp("speech"), voice)


# ---------------------------------------------------------------------- virtual audio

def _portaudio_missing() -> str | None:
    try:
        import sounddevice  # noqa: F401
    except OSError as exc:
        return f"PortAudio is not installed (apt-get install libportaudio2): {exc}"
    return None


@pytest.fixture(scope="session")
def virtual_audio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtualAudio]:
    if sys.platform != "linux":
        pytest.skip("the virtual sound devices use PulseAudio on Linux")
    missing = [tool for tool in ("pulseaudio", "pactl", "paplay", "parecord")
               if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed "
                    "(apt-get install pulseaudio pulseaudio-utils libasound2-plugins)")
    reason = _portaudio_missing()
    if reason:
        pytest.skip(reason)
    from nargis_desktop.voice import devices

    folder = Path(tempfile_dir())
    started = subprocess.run(["sh", str(SCRIPT), "start", str(folder)], capture_output=True,
                             text=True, timeout=30)
    if started.returncode != 0:
        pytest.fail(f"the virtual audio server did not start:\n{started.stderr}")
    server = started.stdout.strip().split("=", 1)[1]
    previous = os.environ.get("PULSE_SERVER")
    os.environ["PULSE_SERVER"] = server
    devices.refresh()
    try:
        yield VirtualAudio(folder, server)
    finally:
        subprocess.run(["sh", str(SCRIPT), "stop", str(folder)], timeout=30)
        if previous is None:
            os.environ.pop("PULSE_SERVER", None)
        else:
            os.environ["PULSE_SERVER"] = previous
        devices.refresh()
        shutil.rmtree(folder, ignore_errors=True)


def tempfile_dir() -> str:
    """A short folder path: PulseAudio's socket path must stay under 108 bytes."""
    import tempfile

    return tempfile.mkdtemp(prefix="nargis-pa-")

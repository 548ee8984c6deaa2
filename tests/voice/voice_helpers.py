"""Helpers shared by the voice tests (imported as ``voice_helpers``)."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
import soundfile

from nargis_desktop.voice.protocols import STT_SAMPLE_RATE
from nargis_desktop.voice.tts import PiperTTS

#: Commands spoken in the tests, with the words a transcript must contain.
COMMANDS = {
    "milk": "Add a task to buy milk tomorrow.",
    "focus": "Start a focus session for the quarterly report.",
    "dentist": "Remind me to call the dentist on Friday.",
    "journal": "Open my journal and write a new entry.",
    "today": "What are my tasks for today?",
}

_STOP_WORDS = {"a", "an", "the", "to", "for", "on", "my", "and", "of", "is", "are"}


def words_heard(expected: str, transcript: str, *, at_least: float = 0.75) -> bool:
    """Fuzzy check: most content words of ``expected`` appear in ``transcript``."""
    from rapidfuzz import fuzz

    def words(text: str) -> list[str]:
        return re.sub(r"[^a-z0-9' ]", " ", text.lower()).split()

    wanted = [w for w in words(expected) if w not in _STOP_WORDS] or words(expected)
    heard = words(transcript)
    found = sum(1 for w in wanted if any(fuzz.ratio(w, h) >= 80 for h in heard))
    return found >= at_least * len(wanted)


@dataclass
class SpeechFactory:
    """Test speech as WAV files, made once per session and cached by text."""

    folder: Path
    tts: PiperTTS
    made: dict[tuple[str, str], Path] = field(default_factory=dict)

    def piper(self, text: str) -> Path:
        key = ("piper", text)
        if key not in self.made:
            audio = np.concatenate([c.samples for c in self.tts.synthesize(text)])
            path = self.folder / f"piper-{len(self.made)}.wav"
            soundfile.write(path, audio, self.tts.sample_rate)
            self.made[key] = path
        return self.made[key]

    def espeak(self, text: str) -> Path:
        if shutil.which("espeak-ng") is None:
            pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
        key = ("espeak", text)
        if key not in self.made:
            path = self.folder / f"espeak-{len(self.made)}.wav"
            subprocess.run(["espeak-ng", "-w", str(path), text], check=True)
            self.made[key] = path
        return self.made[key]

    def samples(self, path: Path, *, lead_s: float = 0.3, tail_s: float = 0.3) -> np.ndarray:
        """16 kHz mono samples of a file with some silence around them."""
        from nargis_desktop.voice.audio_file import read_audio

        audio = read_audio(path)
        return np.concatenate([np.zeros(int(lead_s * STT_SAMPLE_RATE), np.float32), audio,
                               np.zeros(int(tail_s * STT_SAMPLE_RATE), np.float32)])


@dataclass
class VirtualAudio:
    """A private PulseAudio server: ``nargis_mic`` (default input) hears whatever is
    played into ``nargis_mic_feed``; ``nargis_speaker`` (default output) can be
    recorded from its monitor."""

    folder: Path
    server: str

    def play_into_mic(self, wav: Path) -> None:
        subprocess.run(["paplay", "--device=nargis_mic_feed", str(wav)], check=True,
                       timeout=60)

    def start_recording_speaker(self, out: Path) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(["parecord", "--device=nargis_speaker.monitor",
                                 "--file-format=wav", "--rate=16000", "--channels=1",
                                 str(out)])
        time.sleep(0.3)
        return proc

"""Earcons on a real (virtual PulseAudio) speaker: heard, and never stuck when they overlap."""

from __future__ import annotations

import random
import signal
import subprocess
import threading
import time
from pathlib import Path

import numpy as np
import soundfile

from nargis_desktop.ui import sounds


def test_an_earcon_reaches_the_speaker(virtual_audio: str, tmp_path: Path) -> None:
    """The longest chime: the virtual speaker wakes from suspend in about 0.1 s, which
    swallows the start of a sound, and "listen-start" lasts only 0.18 s."""
    out = tmp_path / "speaker.wav"
    recorder = subprocess.Popen(["parecord", "--device=nargis_speaker.monitor",
                                 "--file-format=wav", "--rate=16000", "--channels=1", str(out)])
    try:
        time.sleep(0.3)
        sounds._play_blocking("phase-end", None)
        time.sleep(0.3)
    finally:
        recorder.send_signal(signal.SIGINT)
        recorder.wait(10)
    heard, _rate = soundfile.read(out, dtype="float32")
    assert np.abs(heard).max() > 0.05


def test_overlapping_earcons_never_hang(virtual_audio: str) -> None:
    """A quick press and release plays "listen-start" and "listen-stop" at once. With
    sounddevice.play's shared stream this hung within a few rounds (one thread closed the
    stream the other was stopping); each earcon now has a stream of its own."""
    rng = random.Random(3)
    for round_no in range(12):
        first = threading.Thread(target=sounds._play_blocking, args=("listen-start", None),
                                 daemon=True)
        second = threading.Thread(target=sounds._play_blocking, args=("listen-stop", None),
                                  daemon=True)
        first.start()
        time.sleep(rng.random() * 0.15)
        second.start()
        for thread in (first, second):
            thread.join(10)
            assert not thread.is_alive(), f"round {round_no}: an earcon never finished"

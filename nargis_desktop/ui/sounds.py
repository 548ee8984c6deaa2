"""Earcons and chimes: short WAVs played on a background thread, never blocking the GUI.

Played with the voice package's AudioPlayer when PortAudio and an output device
exist; otherwise silently skipped (the visual state still changes), so a machine
without audio keeps working.
"""

from __future__ import annotations

import logging
import os
import threading
import wave

from nargis_desktop.ui.resources import sound_path

log = logging.getLogger(__name__)
#: Names of sounds played so far (tests read it; playback itself may be unavailable).
played: list[str] = []


def _play_blocking(name: str, device: str | int | None) -> None:
    try:
        import numpy as np

        from nargis_desktop.voice.playback import AudioPlayer

        with wave.open(str(sound_path(name)), "rb") as w:
            rate = w.getframerate()
            data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        # a stream of its own (not sounddevice.play's shared one): a quick press and
        # release overlap their two earcons, and closing one shared stream from two
        # threads hangs PortAudio
        AudioPlayer(device or None).play_samples(data.astype(np.float32) / np.float32(32768), rate)
    except Exception as exc:  # no device, no PortAudio: sounds are a nicety
        log.debug("could not play %s: %s", name, exc)


def play(name: str, device: str | int | None = None) -> None:
    played.append(name)
    if os.environ.get("NARGIS_MUTE"):
        return
    threading.Thread(target=_play_blocking, args=(name, device), daemon=True,
                     name=f"sound-{name}").start()

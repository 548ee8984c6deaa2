"""Earcons and chimes: short WAVs played on a background thread, never blocking the GUI.

Played with sounddevice when it and an output device exist; otherwise silently
skipped (the visual state still changes), so a machine without audio keeps working.
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
        import sounddevice as sd

        with wave.open(str(sound_path(name)), "rb") as w:
            rate = w.getframerate()
            data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        sd.play(data.astype("float32") / 32768.0, rate, device=device or None, blocking=True)
    except Exception as exc:  # no device, no PortAudio: sounds are a nicety
        log.debug("could not play %s: %s", name, exc)


def play(name: str, device: str | int | None = None) -> None:
    played.append(name)
    if os.environ.get("NARGIS_MUTE"):
        return
    threading.Thread(target=_play_blocking, args=(name, device), daemon=True,
                     name=f"sound-{name}").start()

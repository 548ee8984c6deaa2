"""Spoken eval, CI subset: every 8th spoken line, Piper joe (steady) and espeak-ng en-us.

The full set (every spoken line, seven voices) runs with
``python bench/assistant_bench.py --part=spoken``. Transcripts are cached machine-wide
(``~/.cache/nargis-test-audio`` or ``NARGIS_TEST_AUDIO_CACHE``), so a repeated CI run
on the same machine pays only for understanding (seconds), the first for about 70
syntheses and Whisper runs.
"""

from __future__ import annotations

import pytest
from spoken import PIPER_STEADY, VOICES, spoken_eval

pytestmark = [pytest.mark.models, pytest.mark.slow]


def test_spoken_subset() -> None:
    # Piper joe without its random variation, so the floor does not move with a draw (the
    # varied voice dropped this subset from 33 to 30 of 34 lines on one draw, 2026-11-26).
    voices = (PIPER_STEADY, VOICES[3])  # Piper joe steady, espeak-ng en-us 175 wpm
    report = spoken_eval(voices=voices, every=8)
    assert report["wrong_destructive"] == 0
    # The target for spoken commands is 93 %. The history of these figures (every spoken
    # line, seven voices, each varied Piper synthesis a new random draw) is in the README's
    # Performance section; these floors only catch regressions, they are not the target.
    # With Whisper's second readings (decoded when the first is no command and Whisper
    # was unsure of it, or read no words) this subset gave 97.1 % / 82.4 % on 2026-11-26
    # (first readings only: 97.1 % / 79.4 %, from the same transcripts).
    assert report["voices"]["piper-joe-steady"]["intent_accuracy"] >= 0.91, report
    assert report["voices"]["espeak-us-175"]["intent_accuracy"] >= 0.79, report
    assert report["voices"]["espeak-us-175"]["second_readings"] >= 1, report

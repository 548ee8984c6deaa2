"""Spoken eval, CI subset: every 8th spoken line, two voices (clean Piper, noisy espeak-ng).

The full set (every line, seven voices) runs with
``python bench/assistant_bench.py --part=spoken``; audio and transcripts are cached
under tests/brain/.audio-cache so reruns only pay for understanding.
"""

from __future__ import annotations

import pytest
from spoken import VOICES, spoken_eval

pytestmark = [pytest.mark.models, pytest.mark.slow]


def test_spoken_subset() -> None:
    voices = (VOICES[0], VOICES[3])  # Piper joe, espeak-ng en-us 175 wpm
    report = spoken_eval(voices=voices, every=8)
    assert report["wrong_destructive"] == 0
    # The target for spoken commands is 93 %; it is NOT met yet (see the benchmark's
    # per-voice figures). This floor only catches regressions on the CI subset.
    assert report["voices"]["piper-joe"]["intent_accuracy"] >= 0.75, report

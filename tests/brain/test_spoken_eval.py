"""Spoken eval, CI subset: every 8th spoken line, Piper joe and espeak-ng en-us 175 wpm.

The full set (every spoken line, seven voices) runs with
``python bench/assistant_bench.py --part=spoken``. Transcripts are cached machine-wide
(``~/.cache/nargis-test-audio`` or ``NARGIS_TEST_AUDIO_CACHE``), so a repeated CI run
on the same machine pays only for understanding (seconds), the first for about 70
syntheses and Whisper runs.
"""

from __future__ import annotations

import pytest
from spoken import VOICES, spoken_eval

pytestmark = [pytest.mark.models, pytest.mark.slow]


def test_spoken_subset() -> None:
    voices = (VOICES[0], VOICES[3])  # Piper joe, espeak-ng en-us 175 wpm
    report = spoken_eval(voices=voices, every=8)
    assert report["wrong_destructive"] == 0
    # The target for spoken commands is 93 %; it is NOT met on every voice yet (see the
    # benchmark's per-voice figures). These floors, a little under the measured 88 % and
    # 79 % on this subset, only catch regressions.
    assert report["voices"]["piper-joe"]["intent_accuracy"] >= 0.85, report
    assert report["voices"]["espeak-us-175"]["intent_accuracy"] >= 0.75, report

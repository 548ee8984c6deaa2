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
    # The target for spoken commands is 93 %. Measured after the transcript repairs of
    # issue #5: this 34-line subset gives 94.1 % on Piper joe and 76.5 % on espeak-ng en-us
    # (was 88.2 % and 79.4 %), but on every spoken line Piper joe is at 91.5 % and every
    # espeak voice far below, so 93 % is NOT met on any voice over the full set, and on
    # unseen phrasings (eval/unseen.jsonl) Piper joe is at 68 %. After the grammar work of
    # eval/paraphrases.jsonl (general rules plus fixes for transcripts a person still
    # understands) the subset gives 94.1 % / 79.4 %, and every spoken line of
    # utterances.jsonl 93.0 % / 81.1 % (was 90.4 % / 75.9 %), of phrasings.jsonl
    # 95.7 % / 80.3 % (was 91.0 % / 70.1 %): still short of 93 % on espeak. After the rules
    # of paraphrases3/4.jsonl and repairs from several Piper draws (decoder revision 4),
    # every spoken line gives 93.3 % / 81.1 % and this subset 97.1 % / 79.4 %. Piper varies
    # its voice, so each synthesis is a new draw: the three draws of the 270 Piper lines
    # never read while tuning gave 92.2, 94.1 and 93.3 %. These floors only catch
    # regressions; they are not the target.
    assert report["voices"]["piper-joe"]["intent_accuracy"] >= 0.91, report
    assert report["voices"]["espeak-us-175"]["intent_accuracy"] >= 0.76, report

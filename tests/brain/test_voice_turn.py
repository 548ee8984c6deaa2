"""The spoken reply of ``nargis ask/listen --speak``: a sentence the voice cannot say
is skipped with a note, and the rest of the reply is still said."""

from __future__ import annotations

from pathlib import Path

import pytest
from model_cache import voice_models_or_skip

from nargis_desktop.brain.replies import stream_reply
from nargis_desktop.brain.voice_turn import SpeechOut
from nargis_desktop.voice.tts import PiperTTS

pytestmark = pytest.mark.models


@pytest.fixture(scope="module")
def tts() -> PiperTTS:
    folder = Path(voice_models_or_skip()) / "piper-joe-medium"
    return PiperTTS(folder, model_id="piper-joe-medium", variation=False)


def test_an_unspeakable_sentence_is_skipped_and_the_rest_is_said(tts: PiperTTS) -> None:
    out = SpeechOut(tts)
    # what a small model sometimes streams, sentence by sentence: emoji, Japanese, English
    for sentence in ("🙂🙂🎉", "こんにちは、今日はとても良い天気ですね。",
                     "Drink some water and rest."):
        out(sentence)
    assert [c.text for c in out.chunks] == ["Drink some water and rest."]
    assert out.first_audio_at is not None and out.audio()[0].size > 0
    assert len(out.skipped) == 2 and all(n.startswith("Not spoken:") for n in out.skipped)
    assert "cannot read" in out.skipped[1], out.skipped


def test_a_reply_with_an_unspeakable_sentence_still_streams_to_the_end(tts: PiperTTS) -> None:
    out = SpeechOut(tts)
    tokens = ["Here is a word for you. ",
              "トマトはとても美味しい野菜で、毎日食べても飽きないと思います。 ",
              "It means tomato, by the way."]
    reply = stream_reply(iter(tokens), out)
    assert reply.endswith("by the way.")
    assert any("tomato" in c.text for c in out.chunks)
    assert out.skipped

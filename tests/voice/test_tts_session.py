"""How Piper is fed and run: an arena that shrinks after every run, even-sized chunks."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from voice_helpers import words_heard

from nargis_desktop.models import ModelManager
from nargis_desktop.voice.stt import WhisperSTT
from nargis_desktop.voice.tts import (
    ARENA_SHRINK,
    MAX_PHONEMES,
    PiperTTS,
    ReleasingSession,
    phoneme_pieces,
)
from nargis_desktop.voice.tts_text import MAX_CHUNK_CHARS, speech_chunks


class _FakeSession:
    def __init__(self) -> None:
        self.calls: list[tuple[Any, Any, Any]] = []
        self.providers = ["CPUExecutionProvider"]

    def run(self, output_names: Any, input_feed: Any, run_options: Any = None) -> list[int]:
        self.calls.append((output_names, input_feed, run_options))
        return [1]


def test_releasing_session_passes_its_run_options_unless_given_others() -> None:
    inner = _FakeSession()
    session = ReleasingSession(inner, "ours")
    assert session.run(None, {"input": 1}) == [1]
    session.run(["output"], {}, "theirs")
    assert [c[2] for c in inner.calls] == ["ours", "theirs"]
    assert session.providers == ["CPUExecutionProvider"]  # the rest is the session's


@pytest.mark.models
def test_voice_session_uses_the_arena_and_shrinks_it_after_every_run(
        voice_models: ModelManager, stt: WhisperSTT, monkeypatch: pytest.MonkeyPatch) -> None:
    tts = PiperTTS(voice_models.path("piper-joe-medium"), model_id="piper-joe-medium",
                   variation=False)
    session = tts._voice.session
    assert isinstance(session, ReleasingSession)
    built = session.session.get_session_options()
    assert built.enable_cpu_mem_arena
    assert built.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    key, value = ARENA_SHRINK
    assert session.run_options.get_run_config_entry(key) == value

    seen: list[Any] = []
    real_run = session.session.run

    def spy(output_names: Any, input_feed: Any, run_options: Any = None) -> Any:
        seen.append(run_options)
        return real_run(output_names, input_feed, run_options)

    monkeypatch.setattr(session.session, "run", spy)
    text = "Your focus session is over. Take a five minute break."
    chunks = list(tts.synthesize(text))
    assert len(seen) >= 2 and all(r is session.run_options for r in seen)
    audio = np.concatenate([c.samples for c in chunks])
    assert audio.size > tts.sample_rate and float(np.abs(audio).max()) > 0.1
    heard = stt.transcribe(audio, sample_rate=tts.sample_rate).text
    assert words_heard("focus session is over take a break", heard), heard


def test_phoneme_pieces_cut_at_word_gaps_within_the_limit() -> None:
    phonemes = list("ab cd efg hi jklm no pq rs tu vw xyz")
    pieces = phoneme_pieces(phonemes, 8)
    assert all(0 < len(p) <= 8 for p in pieces)
    assert " ".join("".join(p) for p in pieces) == "".join(phonemes)  # nothing lost
    assert all(" " not in (p[0], p[-1]) for p in pieces)
    assert phoneme_pieces(list("abcdefghijkl"), 5) == [list("abcde"), list("fghij"),
                                                       list("kl")]  # one giant word
    assert phoneme_pieces(phonemes, 100) == [phonemes] and phoneme_pieces([]) == []


@pytest.mark.models
def test_a_chunk_long_in_speech_but_short_in_characters_is_run_in_pieces(
        voice_models: ModelManager, stt: WhisperSTT, monkeypatch: pytest.MonkeyPatch) -> None:
    """Digits read out make a short chunk long speech: it is cut by phonemes, so no run
    of Piper's model (whose memory grows with its audio) is longer than MAX_PHONEMES."""
    tts = PiperTTS(voice_models.path("piper-joe-medium"), model_id="piper-joe-medium",
                   variation=False)
    text = "On 2023-07-25 at 14:35 I paid 1,234,567 dollars for 89 apples."
    assert len(text) <= MAX_CHUNK_CHARS  # one chunk by characters
    runs: list[int] = []
    raw: list[np.ndarray] = []
    real = tts._voice.phoneme_ids_to_audio

    def spy(ids: list[int], *args: Any, **kwargs: Any) -> Any:
        runs.append(len(ids))
        raw.append(real(ids, *args, **kwargs))
        return raw[-1]

    monkeypatch.setattr(tts._voice, "phoneme_ids_to_audio", spy)
    chunks = list(tts.synthesize(text))
    assert len(runs) >= 2
    assert max(runs) <= 2 * MAX_PHONEMES + 3  # an id per phoneme and a pad after each
    assert sum(c.duration_s for c in chunks) > 5.0  # all of it is still said
    # one sentence, one loudness: the runs are scaled together, not each to full scale
    whole = np.concatenate(raw)
    assert len(chunks) == 1
    assert np.allclose(chunks[0].samples, whole / np.abs(whole).max(), atol=1e-6)
    heard = stt.transcribe(np.concatenate([c.samples for c in chunks]),
                           sample_rate=tts.sample_rate).text
    assert words_heard("paid dollars apples", heard), heard


def test_a_long_clause_is_cut_into_even_pieces_not_a_stub() -> None:
    text = ("Relaxing after work can be as simple as taking a short walk outside or "
            "listening to some calm music before dinner.")
    chunks = list(speech_chunks(text))
    assert len(chunks) == 2 and " ".join(chunks) == text
    assert all(len(c) <= MAX_CHUNK_CHARS for c in chunks)
    assert min(len(c) for c in chunks) > len(text) / 3, chunks


def test_even_pieces_never_outnumber_filled_ones() -> None:
    words = [("x" * (1 + (i * 7) % 23)) for i in range(400)]
    text = " ".join(words)
    chunks = list(speech_chunks(text))
    assert max(len(c) for c in chunks) <= MAX_CHUNK_CHARS
    assert " ".join(chunks).split() == words
    filled, line = 1, ""
    for word in words:
        if line and len(line) + 1 + len(word) > MAX_CHUNK_CHARS:
            filled, line = filled + 1, word
        else:
            line = f"{line} {word}".strip()
    assert len(chunks) == filled

"""Incremental decoding while audio arrives, with the real model."""

from __future__ import annotations

import numpy as np
import pytest
from voice_helpers import COMMANDS, SpeechFactory, words_heard

from nargis_desktop.voice.capture import FileSource
from nargis_desktop.voice.incremental import IncrementalTranscriber
from nargis_desktop.voice.protocols import STT_SAMPLE_RATE
from nargis_desktop.voice.stt import WhisperSTT

pytestmark = pytest.mark.models


def _feed_paced(inc: IncrementalTranscriber, audio: np.ndarray, speed: float = 1.0) -> None:
    """Feed like a microphone (50 ms blocks, ``speed`` times real time)."""
    import time

    block = STT_SAMPLE_RATE // 20
    start = time.perf_counter()
    for i in range(0, audio.size, block):
        inc.feed(audio[i:i + block])
        ahead = start + (i + block) / STT_SAMPLE_RATE / speed - time.perf_counter()
        if ahead > 0:
            time.sleep(ahead)


def test_partials_then_final_from_a_live_source(stt: WhisperSTT,
                                                speech: SpeechFactory) -> None:
    partials: list[str] = []
    inc = IncrementalTranscriber(stt, on_partial=partials.append)
    source = FileSource(speech.piper(COMMANDS["dentist"]), realtime=True, on_audio=inc.feed)
    source.start()
    assert source.wait(timeout=30)
    source.stop()
    result = inc.finish()
    assert words_heard(COMMANDS["dentist"], result.text), result.text
    assert partials, "no partial transcript was reported while audio arrived"
    assert inc.stats.passes >= 1


def test_final_matches_the_one_shot_transcript(stt: WhisperSTT,
                                               speech: SpeechFactory) -> None:
    audio = speech.samples(speech.piper(COMMANDS["journal"]), tail_s=0.5)
    inc = IncrementalTranscriber(stt)
    _feed_paced(inc, audio)
    result = inc.finish()
    assert words_heard(COMMANDS["journal"], result.text), result.text
    assert words_heard(result.text, stt.transcribe(audio, beam_size=1).text, at_least=0.8)


def test_release_while_still_speaking_decodes_the_tail(stt: WhisperSTT,
                                                       speech: SpeechFactory) -> None:
    """All audio arrives at once (no time for passes): finish() must decode it all."""
    audio = speech.samples(speech.piper(COMMANDS["milk"]), tail_s=0.0)
    inc = IncrementalTranscriber(stt)
    inc.feed(audio)
    result = inc.finish()
    assert words_heard(COMMANDS["milk"], result.text), result.text


def test_silence_only_gives_empty_text(stt: WhisperSTT) -> None:
    inc = IncrementalTranscriber(stt)
    _feed_paced(inc, np.zeros(STT_SAMPLE_RATE * 2, np.float32), speed=4.0)
    assert inc.finish().text == ""
    assert inc.stats.passes == 0


def test_long_monologue_commits_and_keeps_windows_short(stt: WhisperSTT,
                                                        speech: SpeechFactory) -> None:
    keys = ["milk", "dentist", "journal", "today"]
    audio = np.concatenate([speech.samples(speech.piper(COMMANDS[k]), lead_s=0.5, tail_s=0.6)
                            for k in keys])
    inc = IncrementalTranscriber(stt, max_window_s=5.0)
    _feed_paced(inc, audio, speed=2.0)
    result = inc.finish()
    assert inc.stats.commits >= 1
    for key in keys:
        assert words_heard(COMMANDS[key], result.text, at_least=0.6), (key, result.text)


def test_other_readings_of_a_short_command(stt: WhisperSTT, speech: SpeechFactory) -> None:
    """The beam's readings of the same speech: distinct, none looping. The transcriber
    offers them only when Whisper was unsure of its first reading, and never for a
    long utterance (its start committed while speaking)."""
    from nargis_desktop.voice.hallucinations import normalize
    from nargis_desktop.voice.stt import unsure
    from nargis_desktop.voice.vad import speech_for_decoding

    audio = speech.samples(speech.piper(COMMANDS["dentist"]))
    readings = stt.hypotheses(speech_for_decoding(audio))
    assert readings, readings  # clear speech: often one reading (the rest differ in commas)
    keys = [normalize(r) for r in readings]
    assert len(set(keys)) == len(keys) and all(keys)
    assert any(words_heard(COMMANDS["dentist"], r) for r in readings), readings
    inc = IncrementalTranscriber(stt)
    inc.feed(audio)
    first = inc.finish()
    assert words_heard(COMMANDS["dentist"], first.text) and not unsure(first)
    assert not inc.rereadable and inc.alternatives() == []  # sure of it: no second decode
    long = IncrementalTranscriber(stt, max_window_s=5.0)
    _feed_paced(long, np.concatenate([speech.samples(speech.piper(COMMANDS[k]), tail_s=0.6)
                                      for k in ("milk", "dentist", "journal")]), speed=2.0)
    long.finish()
    assert long.stats.commits >= 1 and not long.rereadable and long.alternatives() == []


def test_unsure_is_the_least_confident_segment() -> None:
    from nargis_desktop.voice.protocols import Transcript, TranscriptSegment
    from nargis_desktop.voice.stt import REREAD_BELOW_LOGPROB, unsure

    def said(*scores: float) -> Transcript:
        return Transcript("x", "en", 1.0, tuple(TranscriptSegment(0, 1, "x", s) for s in scores))

    assert unsure(said(-0.1, REREAD_BELOW_LOGPROB - 0.1))
    assert not unsure(said(-0.1, -0.2)) and not unsure(said())
    # words the voice detector found, read as none at all: worth other readings
    assert unsure(Transcript("", "en", 1.0)) and not unsure(Transcript("", "en", 0.0))


def test_a_reading_that_loops_is_never_offered() -> None:
    from nargis_desktop.voice.stt import _loops

    assert _loops("add a task add a") and _loops("log read lottery lottery lottery")
    assert _loops("log a habit log log")
    assert not _loops("add a task to buy milk and a loaf of bread")


def _feed_with_a_pass_at_the_pause(inc: IncrementalTranscriber, audio: np.ndarray,
                                   speech_end: int) -> None:
    """Feed up to half a second after the speech, let the worker decode it, then feed
    the rest: the last pass then saw every word (no sleeps, no timing)."""
    pause = min(audio.size, speech_end + STT_SAMPLE_RATE // 2)
    inc.feed(audio[:pause])
    assert inc.wait_idle(timeout=120)
    inc.feed(audio[pause:])


def test_vocabulary_reaches_the_passes(stt: WhisperSTT, speech: SpeechFactory) -> None:
    text = "Add a task to email Nguyen about the Kubernetes migration."
    vocabulary = ["Kubernetes migration", "Email Nguyen"]
    audio = speech.samples(speech.piper(text), tail_s=1.0)
    inc = IncrementalTranscriber(stt, vocabulary=vocabulary)
    _feed_with_a_pass_at_the_pause(inc, audio, audio.size - STT_SAMPLE_RATE)
    result = inc.finish()
    assert inc.stats.passes >= 1 and not inc.stats.final_decode  # the pass was reused
    assert "kubernetes" in result.text.lower(), result.text


def test_final_does_not_depend_on_the_passes(stt: WhisperSTT, speech: SpeechFactory) -> None:
    """The same recording gives the same final text whether the worker decoded it at
    the pause, several times while it arrived, or not at all (a busy CPU)."""
    text = "Add a task to email Nguyen about the Kubernetes migration."
    vocabulary = ["Kubernetes migration", "Email Nguyen"]
    audio = speech.samples(speech.piper(text), tail_s=0.8)
    speech_end = audio.size - int(0.8 * STT_SAMPLE_RATE)

    at_once = IncrementalTranscriber(stt, vocabulary=vocabulary)
    at_once.feed(audio)
    expected = at_once.finish().text

    at_pause = IncrementalTranscriber(stt, vocabulary=vocabulary)
    _feed_with_a_pass_at_the_pause(at_pause, audio, speech_end)
    many = IncrementalTranscriber(stt, vocabulary=vocabulary, step_s=0.25)
    for i in range(0, audio.size, STT_SAMPLE_RATE // 2):  # a pass after every half second
        many.feed(audio[i:i + STT_SAMPLE_RATE // 2])
        assert many.wait_idle(timeout=120)
    short_tail = IncrementalTranscriber(stt, vocabulary=vocabulary)
    _feed_with_a_pass_at_the_pause(short_tail, audio[: speech_end + STT_SAMPLE_RATE // 10],
                                   speech_end - STT_SAMPLE_RATE)  # pass before the end
    short_tail.feed(audio[speech_end + STT_SAMPLE_RATE // 10:])

    assert "kubernetes" in expected.lower(), expected
    assert at_pause.finish().text == expected
    assert many.finish().text == expected
    assert short_tail.finish().text == expected
    assert many.stats.passes >= 2


def test_cancel_stops_the_worker(stt: WhisperSTT, speech: SpeechFactory) -> None:
    inc = IncrementalTranscriber(stt)
    inc.feed(speech.samples(speech.piper(COMMANDS["today"])))
    inc.cancel()
    inc.feed(np.zeros(1600, np.float32))  # ignored after cancel
    assert inc.audio.size > 0


class _HeldAtTheStart:
    """The real engine, but a pass begun mid-speech waits at a gate before decoding,
    so the test can let the pause arrive while that pass is still running."""

    def __init__(self, stt: WhisperSTT) -> None:
        import threading

        self._stt = stt
        self.started = threading.Event()
        self.gate = threading.Event()
        self.cancelled = 0

    def __getattr__(self, name: str) -> object:
        return getattr(self._stt, name)

    def decode_speech(self, speech: object, **kwargs: object) -> object:
        from nargis_desktop.voice.protocols import DecodeCancelled

        if kwargs.get("should_stop") is not None and not self.started.is_set():
            self.started.set()
            assert self.gate.wait(60)
        try:
            return self._stt.decode_speech(speech, **kwargs)  # type: ignore[arg-type]
        except DecodeCancelled:
            self.cancelled += 1
            raise


def test_a_pass_mid_speech_gives_way_to_the_pause(stt: WhisperSTT,
                                                  speech: SpeechFactory) -> None:
    """The pass at the pause is the one finish() can reuse; a pass begun while the
    user still spoke is dropped after its encoder step instead of delaying it."""
    held = _HeldAtTheStart(stt)
    audio = speech.samples(speech.piper(COMMANDS["milk"]), tail_s=0.0)
    inc = IncrementalTranscriber(held, step_s=0.5)  # type: ignore[arg-type]
    mid = audio.size * 2 // 3
    inc.feed(audio[:mid])
    assert held.started.wait(60)  # a pass over the speech so far is under way
    inc.feed(audio[mid:])
    inc.feed(np.zeros(STT_SAMPLE_RATE // 2, np.float32))  # the speaker stops
    held.gate.set()
    assert inc.wait_idle(timeout=120)
    result = inc.finish()
    assert held.cancelled == 1 and inc.stats.cancelled == 1
    assert not inc.stats.final_decode  # the pause pass was reused at the release
    assert words_heard(COMMANDS["milk"], result.text), result.text

"""Transcribe while the user is still speaking, so the answer is ready at key release.

The naive way waits for the key release and then decodes the whole clip. Here a
background thread decodes the growing buffer while audio arrives:

* each pass is a short-window decode (:meth:`WhisperSTT.decode`): only the speech
  is encoded, not a padded 30 s window;
* a pass starts whenever half a second of new audio has come in, and at once when
  the speaker has been quiet for ``TAIL_REAL_MS``, so the pass that ends at the
  pause covers every word and sees exactly what the final decode would;
* a pass whose new audio holds no speech (Silero) is skipped;
* a pass begun mid-speech that is still encoding when the pause (or the key
  release) comes is abandoned, so the pass at the pause is not kept waiting;
* a long monologue commits everything before its last pause and drops that audio
  (the stable prefix), so only the tail is ever re-decoded and windows stay short.

At :meth:`finish` the last pass usually already covers every spoken word (people
release the key a moment after they stop talking): the transcript is returned
without decoding again. The final transcript never depends on how many passes a
busy CPU managed to run: a pass is reused only when its decoder input was exactly
what the whole recording gives (the same speech regions, the last one ending a
fixed :data:`~nargis_desktop.voice.vad.TAIL_KEEP_MS` after the last word, see
:func:`~nargis_desktop.voice.vad.speech_for_decoding`); otherwise the window is
decoded once more, with the same prompt and beam. (A long monologue's committed
prefix is the exception: where it was cut depends on when the commit ran.)

Forcing the agreed words as a decoder ``prefix`` was tried and dropped: Whisper
then tends to start the sentence over ("add a add a task ...") or stop at once.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np

from nargis_desktop.voice.audio import rms, to_mono
from nargis_desktop.voice.memory import release_free_memory
from nargis_desktop.voice.protocols import (
    STT_SAMPLE_RATE,
    DecodeCancelled,
    Rereader,
    Samples,
    Transcript,
    WindowDecoder,
)
from nargis_desktop.voice.stt import quiet_cut, unsure
from nargis_desktop.voice.vad import TAIL_REAL_MS, SpeechSpans, find_speech, speech_for_decoding

log = logging.getLogger(__name__)

_RATE = STT_SAMPLE_RATE
_FRAME = _RATE // 20  # 50 ms level frames


@dataclass
class IncrementalStats:
    """What happened during one utterance (for benchmarks and logs)."""

    passes: int = 0
    skipped_silent: int = 0
    commits: int = 0
    cancelled: int = 0
    final_decode: bool = False
    final_ms: float = 0.0
    pass_ms: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class _Pass:
    end: int
    start: int
    spans: tuple[tuple[int, int], ...]
    result: Transcript


@runtime_checkable
class _SpeechDecoder(Protocol):
    """A decoder that takes speech already found by VAD (saves running Silero twice)."""

    def decode_speech(self, speech: SpeechSpans, *, prompt: str = "", beam_size: int = 1,
                      should_stop: Callable[[], bool] | None = None) -> Transcript: ...


class IncrementalTranscriber:
    """Feed 16 kHz mono chunks while the user speaks; :meth:`finish` returns the text.

    ``on_partial`` is called from the background thread with the text so far.
    One instance serves one utterance.
    """

    def __init__(
        self,
        stt: WindowDecoder,
        *,
        vocabulary: Sequence[str] = (),
        on_partial: Callable[[str], None] | None = None,
        step_s: float = 0.5,
        beam_size: int = 1,
        final_beam_size: int = 1,
        max_window_s: float = 20.0,
    ) -> None:
        self._stt = stt
        self._prompt = stt.prompt_for(vocabulary)
        self._on_partial = on_partial
        self._step = int(step_s * _RATE)
        self._beam = beam_size
        self._final_beam = final_beam_size
        self._max_window = int(max_window_s * _RATE)
        self._cond = threading.Condition()
        self._buf = np.zeros(_RATE * 8, np.float32)
        self._n = 0
        self._frame_levels: list[float] = []
        self._closed = False
        self._committed_text = ""
        self._committed_at = 0
        self._covered = 0  # audio up to here holds no speech the last pass missed
        self._checked = 0  # audio up to here was looked at by the worker
        self._last: _Pass | None = None
        self._partial = ""
        self._busy = False  # the worker is looking at audio outside the lock
        self._hold_until = 0  # no pass before this much audio (waiting out a pause)
        self._final: SpeechSpans | None = None  # what finish() decoded, for alternatives()
        self.stats = IncrementalStats()
        self._worker = threading.Thread(target=self._run, name="nargis-stt-incremental",
                                        daemon=True)
        self._worker.start()

    # ------------------------------------------------------------------ producer side

    def feed(self, chunk: Samples) -> None:
        """Append audio (16 kHz mono float32); cheap, safe from an audio callback."""
        samples = to_mono(chunk)
        with self._cond:
            if self._closed:
                return
            need = self._n + samples.size
            if need > self._buf.size:
                grown = np.zeros(max(need, self._buf.size * 2), np.float32)
                grown[: self._n] = self._buf[: self._n]
                self._buf = grown
            self._buf[self._n: need] = samples
            first_frame = len(self._frame_levels) * _FRAME
            self._n = need
            while first_frame + _FRAME <= self._n:
                self._frame_levels.append(rms(self._buf[first_frame: first_frame + _FRAME]))
                first_frame += _FRAME
            self._cond.notify_all()

    @property
    def partial_text(self) -> str:
        with self._cond:
            return self._partial

    @property
    def audio(self) -> Samples:
        """Everything fed so far (a copy)."""
        with self._cond:
            return self._buf[: self._n].copy()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until the worker has dealt with the audio fed so far (no pass running
        or due); False on timeout. For tests and tools that feed faster than real time."""
        with self._cond:
            return self._cond.wait_for(
                lambda: self._closed or (not self._busy and not self._due()), timeout)

    def finish(self) -> Transcript:
        """Stop listening and return the final transcript, decoding only what is new."""
        started = time.perf_counter()
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._worker.join()
        n = self._n
        last = self._last
        speech = speech_for_decoding(self._buf[self._committed_at: n])
        result: Transcript | None = None
        if speech.found and last is not None and last.start == self._committed_at \
                and last.spans == speech.spans:
            result = last.result  # that pass saw exactly this speech
        elif speech.found:
            self.stats.final_decode = True
            result = self._decode(speech, beam_size=self._final_beam)
        self.stats.final_ms = (time.perf_counter() - started) * 1000
        self._final = speech if speech.found and not self._committed_text and \
            result is not None and unsure(result) else None
        release_free_memory()
        tail = result.text if result is not None else ""
        text = " ".join(t for t in (self._committed_text, tail) if t).strip()
        language = result.language if result is not None else (self._stt.language or "")
        return Transcript(text, language, n / _RATE,
                          result.segments if result is not None else ())

    @property
    def rereadable(self) -> bool:
        """Whether :meth:`alternatives` would decode anything (short speech Whisper was
        unsure of, or read as no words)."""
        return self._final is not None

    def alternatives(self, n: int = 5) -> list[str]:
        """Other readings of the utterance :meth:`finish` returned, most likely first.

        Costs a beam-search decode (about as much as the final one again), so the
        caller asks only when the first reading made no sense, and there are none when
        Whisper was sure of it (:func:`~nargis_desktop.voice.stt.unsure`) or for a long
        utterance, whose start was committed during speech.
        """
        speech = self._final
        if speech is None or not isinstance(self._stt, Rereader):
            return []
        return self._stt.hypotheses(speech, prompt=self._full_prompt(), n=n)

    def cancel(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._worker.join()

    # ------------------------------------------------------------------ worker

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._closed and not self._due():
                    self._cond.wait(0.04)
                if self._closed:
                    return
                end = self._n
                start = self._committed_at
                since = self._covered
                window = self._buf[start:end].copy()
                at_pause = self._paused()
                self._busy = True
            try:
                self._look_at(window, since, end, at_pause)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

    def _look_at(self, window: Samples, since: int, end: int, at_pause: bool) -> None:
        """One turn of the worker: skip silence, or decode the window."""
        if self._last is not None and not self._speech_after(since, end):
            self.stats.skipped_silent += 1
            with self._cond:
                self._covered = end
            return
        if self._last is None and not find_speech(window).found:
            with self._cond:  # nothing said yet: wait for more audio
                self._checked = end
            return
        try:
            self._decode_pass(window, end, at_pause)
        except DecodeCancelled:
            self.stats.cancelled += 1  # the pause pass (or finish) comes next
        except Exception:  # keep listening; finish() decodes again if needed
            log.exception("incremental decoding pass failed")
            with self._cond:
                self._checked = end

    def _due(self) -> bool:
        """A pass is due after ``step`` of new audio, or sooner when the speaker pauses.

        On a slow or busy CPU the step grows to twice the recent pass time: a pass
        still running at key release would delay the final decode, and the pass
        that matters most is the one the pause triggers.
        """
        if self._n < self._hold_until:
            return False
        base = max(self._covered, self._checked)
        new = self._n - base
        recent = self.stats.pass_ms[-3:]
        step = max(self._step, int(2 * _RATE * sorted(recent)[len(recent) // 2] / 1000)
                   if recent else 0)
        if new >= step:
            return True
        return new >= _RATE * 0.12 and self._paused()

    def _paused(self) -> bool:
        levels = self._frame_levels
        if len(levels) < 8:
            return False
        floor, peak = min(levels), max(levels)
        quiet = floor + 0.12 * (peak - floor)
        # Quiet for longer than the audio kept after the last word, so the pass at
        # the pause sees the final decoder input and finish() can reuse it.
        frames = -(-TAIL_REAL_MS * _RATE // 1000 // _FRAME)
        return peak > 2 * floor + 1e-4 and all(v < quiet for v in levels[-frames:])

    def _pause_since(self, end: int) -> Callable[[], bool]:
        def pause_came() -> bool:
            with self._cond:
                return self._closed or (self._n - end >= _RATE * 0.12 and self._paused())
        return pause_came

    def _speech_after(self, since: int, end: int) -> bool:
        """Whether speech continues past ``since`` (with 0.3 s of context before it)."""
        context = max(0, since - int(0.3 * _RATE))
        found = find_speech(self._buf[context:end], pad_ms=0, min_silence_ms=100)
        return any(b + context > since + int(0.1 * _RATE) for _a, b in found.spans)

    def _decode(self, speech: SpeechSpans, *, beam_size: int,
                should_stop: Callable[[], bool] | None = None) -> Transcript:
        """Decode speech found by :func:`speech_for_decoding` (passes and the final
        decode go through here, so they always use the same prompt)."""
        if isinstance(self._stt, _SpeechDecoder):
            return self._stt.decode_speech(speech, prompt=self._full_prompt(),
                                           beam_size=beam_size, should_stop=should_stop)
        return self._stt.decode(speech.audio, prompt=self._full_prompt(),
                                beam_size=beam_size)

    def _decode_pass(self, window: Samples, end: int, at_pause: bool) -> None:
        """Decode the window; a pass started mid-speech gives way to the pause.

        Only the pass that starts at a pause can be the final transcript, and on a
        slow CPU a pass mid-speech may still be running when the speaker stops. So
        such a pass is abandoned after its encoder step if a pause (or the key
        release) has come meanwhile: the pass that matters starts sooner.
        """
        t0 = time.perf_counter()
        start = self._committed_at
        speech = speech_for_decoding(window)
        if at_pause and not speech.settled:
            # Silero does not yet see the last word as over: a pass now could not
            # stand for the recording. Look again one level frame later.
            with self._cond:
                self._hold_until = end + _FRAME
            return
        result = self._decode(speech, beam_size=self._beam,
                              should_stop=None if at_pause else self._pause_since(end))
        self.stats.passes += 1
        self.stats.pass_ms.append((time.perf_counter() - t0) * 1000)
        with self._cond:
            if self._beam == self._final_beam:
                self._last = _Pass(end, start, speech.spans, result)
            else:  # a cheaper pass is never the final transcript
                self._last = _Pass(end, start, (), result)
            self._covered = end
            self._checked = end
            partial = " ".join(t for t in (self._committed_text, result.text) if t)
            self._partial = partial
        if self._on_partial is not None:
            try:
                self._on_partial(partial)
            except Exception:
                log.exception("partial-transcript callback failed")
        if end - self._committed_at > self._max_window:
            self._commit(end)

    def _commit(self, end: int) -> None:
        """Freeze the part of a long utterance before its last pause, and drop its audio.

        The cut is made at a pause Silero found at least 3 s before the end, so no
        word is split; a speaker who never pauses is cut at the quietest moment.
        """
        start = self._committed_at
        window = self._buf[start:end].copy()
        spans = find_speech(window, pad_ms=0, min_silence_ms=300).spans
        latest = window.size - 3 * _RATE
        gaps = [(a[1], b[0]) for a, b in itertools.pairwise(spans) if b[0] <= latest]
        if gaps:
            cut = (gaps[-1][0] + gaps[-1][1]) // 2
        elif window.size > self._max_window * 1.3:
            cut = quiet_cut(window[: window.size - _RATE], 5 * _RATE)
        else:
            return
        head = self._decode(speech_for_decoding(window[:cut]), beam_size=self._final_beam)
        with self._cond:
            self._committed_text = " ".join(
                t for t in (self._committed_text, head.text) if t)
            self._committed_at = start + cut
            self._covered = max(self._covered, self._committed_at)
            self._last = None
            self.stats.commits += 1

    def _full_prompt(self) -> str:
        context = self._committed_text[-200:]
        return f"{self._prompt} {context}".strip()

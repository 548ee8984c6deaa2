"""Voice activity detection (Silero, as bundled with faster-whisper).

Whisper invents text for silence and noise ("Thank you for watching."), so only
audio that Silero calls speech ever reaches the decoder. Silero is tiny (about
10 ms for 3 s of audio on one core) and runs on the CPU whatever Whisper uses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nargis_desktop.voice.protocols import STT_SAMPLE_RATE, Samples


@dataclass(frozen=True)
class SpeechSpans:
    """Speech regions of a clip, as (start, end) sample indices, and their audio."""

    spans: tuple[tuple[int, int], ...]
    audio: Samples
    #: The clip ran far enough past the last word that more audio would not change
    #: these regions (see :func:`speech_for_decoding`).
    settled: bool = False

    @property
    def found(self) -> bool:
        return bool(self.spans)

    @property
    def end(self) -> int:
        return self.spans[-1][1] if self.spans else 0

    def original_time(self, t: float) -> float:
        """Map a time in the speech-only ``audio`` back to the original clip."""
        pos = int(t * STT_SAMPLE_RATE)
        acc = 0
        for start, end in self.spans:
            if pos <= acc + (end - start):
                return (start + pos - acc) / STT_SAMPLE_RATE
            acc += end - start
        return self.end / STT_SAMPLE_RATE


def find_speech(audio: Samples, *, threshold: float = 0.5, pad_ms: int = 300,
                min_silence_ms: int = 800, min_speech_ms: int = 120) -> SpeechSpans:
    """Speech regions (padded by ``pad_ms``) and those regions joined together.

    Pauses shorter than ``min_silence_ms`` stay in, so words are not clipped.
    """
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    if audio.size < 512:
        return SpeechSpans((), np.zeros(0, np.float32))
    opts = VadOptions(threshold=threshold, speech_pad_ms=pad_ms,
                      min_silence_duration_ms=min_silence_ms,
                      min_speech_duration_ms=min_speech_ms)
    stamps = get_speech_timestamps(audio, opts)
    spans = tuple((int(s["start"]), min(int(s["end"]), audio.size)) for s in stamps)
    if not spans:
        return SpeechSpans((), np.zeros(0, np.float32))
    joined = np.concatenate([audio[a:b] for a, b in spans]).astype(np.float32, copy=False)
    return SpeechSpans(spans, joined)


#: Length of the last region after the last word (Silero's end is where the word
#: fades below its threshold, so a final consonant may still follow, and Whisper
#: ends a sentence more reliably with some quiet after it).
TAIL_KEEP_MS = 250

#: How much of that tail is the recorded audio; the rest is digital silence. So a
#: clip that runs only this far past the last word already gives the final decoder
#: input, and the pass at a pause can start sooner (see ``incremental``).
TAIL_REAL_MS = 150


def speech_for_decoding(audio: Samples, *, tail_keep_ms: int = TAIL_KEEP_MS,
                        tail_real_ms: int = TAIL_REAL_MS) -> SpeechSpans:
    """:func:`find_speech`, with the last region ending ``tail_keep_ms`` after the last
    word instead of wherever the clip happens to stop.

    A clip that stops less than ``min_silence_ms`` after the speech keeps all of its
    trailing silence in the last region, so two clips of the same words that were cut
    at different moments would give the decoder different input. Trimmed like this,
    with recorded audio up to ``tail_real_ms`` after the last word and silence after
    it, any clip that runs at least ``tail_real_ms`` past the last word gives exactly
    the same regions and samples, and so the same transcript.
    """
    found = find_speech(audio)
    if not found.found:
        return found
    start, end = found.spans[-1]
    words = find_speech(audio[start:end], pad_ms=0, min_silence_ms=100, min_speech_ms=0)
    if not words.found:
        return found
    rate_ms = STT_SAMPLE_RATE // 1000
    real = start + words.end + min(tail_real_ms, tail_keep_ms) * rate_ms
    last = start + words.end + tail_keep_ms * rate_ms
    if real > end:
        return found  # the clip stops too soon after the last word to be trimmed
    head = found.audio[: found.audio.size - (end - real)]
    tail = np.zeros(last - real, np.float32)
    return SpeechSpans((*found.spans[:-1], (start, last)), np.concatenate([head, tail]),
                       settled=True)


def has_speech(audio: Samples, **kwargs: float) -> bool:
    return find_speech(audio, pad_ms=0, **kwargs).found  # type: ignore[arg-type]


def speech_ended_at(audio: Samples) -> int | None:
    """Sample index where the last speech in ``audio`` ends (unpadded), or None."""
    found = find_speech(audio, pad_ms=0, min_silence_ms=100)
    return found.end if found.found else None

"""The small contracts every speech engine keeps, so another backend drops in.

``SpeechToText`` takes 16 kHz mono float32 samples (the rate Whisper-style models
use); ``TextToSpeech`` yields audio sentence by sentence so playback can start
before the whole reply is synthesised.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from nargis_desktop.voice.vad import SpeechSpans

#: Sample rate of everything handed to speech-to-text.
STT_SAMPLE_RATE = 16_000

Samples = NDArray[np.float32]


@dataclass(frozen=True)
class TranscriptSegment:
    start: float
    end: float
    text: str
    avg_logprob: float = 0.0
    no_speech_prob: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"start": round(self.start, 2), "end": round(self.end, 2), "text": self.text}


@dataclass(frozen=True)
class Transcript:
    """What was said; ``text`` is empty when there was no speech."""

    text: str
    language: str
    duration_s: float
    segments: tuple[TranscriptSegment, ...] = ()
    #: Notes for the user, e.g. "the file ended early; transcribed what was there".
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "language": self.language,
            "duration_s": round(self.duration_s, 3),
            "segments": [s.to_json() for s in self.segments],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class SpeechChunk:
    """One sentence (or clause) of synthesised speech, float32 in [-1, 1]."""

    samples: Samples
    sample_rate: int
    text: str

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sample_rate


@runtime_checkable
class SpeechToText(Protocol):
    def transcribe(self, audio: Samples, *, sample_rate: int = STT_SAMPLE_RATE,
                   vocabulary: Sequence[str] = ()) -> Transcript:
        """Transcribe samples; ``vocabulary`` names (tasks, habits) bias recognition."""
        ...

    def transcribe_file(self, path: Path, *, vocabulary: Sequence[str] = ()) -> Transcript:
        """Transcribe any common audio file, streaming it rather than loading it whole."""
        ...


@runtime_checkable
class TextToSpeech(Protocol):
    @property
    def sample_rate(self) -> int: ...

    def synthesize(self, text: str) -> Iterator[SpeechChunk]:
        """Yield speech sentence by sentence; empty text yields nothing."""
        ...


class DecodeCancelled(Exception):
    """A decode was abandoned because its result is no longer wanted."""


@runtime_checkable
class WindowDecoder(Protocol):
    """What :class:`~nargis_desktop.voice.incremental.IncrementalTranscriber` needs:
    a cheap decode of a short window of speech, and the prompt for a vocabulary."""

    language: str | None

    def prompt_for(self, vocabulary: Sequence[str] = ()) -> str: ...

    def decode(self, audio: Samples, *, prompt: str = "", beam_size: int = 1) -> Transcript:
        """Decode up to ~28 s of 16 kHz speech in one pass; silence gives ''."""
        ...


@runtime_checkable
class Rereader(Protocol):
    """A decoder that gives other readings of the same speech (n-best), for when the
    first reading of a short command made no sense."""

    def prompt_for(self, vocabulary: Sequence[str] = ()) -> str: ...

    def hypotheses(self, speech: SpeechSpans, *, prompt: str = "", n: int = 5) -> list[str]: ...

"""One spoken turn: audio (a file or samples) → STT → assistant → TTS, sentence by sentence.

The reply is synthesised one sentence at a time as the assistant produces it, so
the first audio is ready while later sentences are still being generated.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from nargis_desktop.brain.assistant import Assistant
from nargis_desktop.brain.records import Turn
from nargis_desktop.voice.protocols import (
    STT_SAMPLE_RATE,
    Rereader,
    Samples,
    SpeechChunk,
    SpeechToText,
    TextToSpeech,
)

if TYPE_CHECKING:
    from nargis_desktop.app import App

#: Longer audio is dictation, not a command: no second readings (nor reading it again).
REREAD_MAX_S = 15.0


def load_stt(app: App) -> SpeechToText:
    from nargis_desktop.voice.factory import build_stt

    return build_stt(app.settings.voice, app.models, beam_size=1)


def load_tts(app: App) -> TextToSpeech:
    from nargis_desktop.voice.factory import build_tts

    return build_tts(app.settings.voice, app.models)


@dataclass
class SpeechOut:
    """A sentence sink that synthesises at once and keeps the audio (or plays it)."""

    tts: TextToSpeech | None
    cancel: threading.Event = field(default_factory=threading.Event)
    play: Callable[[SpeechChunk], None] | None = None
    chunks: list[SpeechChunk] = field(default_factory=list)
    first_audio_at: float | None = None
    #: Sentences the voice could not say, and why: notes for the turn.
    skipped: list[str] = field(default_factory=list)

    def __call__(self, sentence: str) -> None:
        if self.tts is None or self.cancel.is_set():
            return
        from nargis_desktop.voice.tts import speakable_chunks

        for chunk in speakable_chunks(self.tts, sentence, self.skipped.append):
            if self.cancel.is_set():
                return
            if self.first_audio_at is None:
                self.first_audio_at = time.perf_counter()
            self.chunks.append(chunk)
            if self.play is not None:
                self.play(chunk)

    def audio(self) -> tuple[Samples, int]:
        if not self.chunks:
            return np.zeros(0, np.float32), self.tts.sample_rate if self.tts else 22050
        return (np.concatenate([c.samples for c in self.chunks]).astype(np.float32),
                self.chunks[0].sample_rate)


def voice_turn(assistant: Assistant, stt: SpeechToText, audio: Samples | Path,
               tts: TextToSpeech | None = None, *,
               play: Callable[[SpeechChunk], None] | None = None) -> tuple[Turn, SpeechOut]:
    """The full voice path on a file or samples, without a microphone."""
    from nargis_desktop.voice.stt import unsure

    t0 = time.perf_counter()
    # Task and habit names as a Whisper prompt made short commands worse in the spoken
    # eval (repeats, names leaking into the transcript), so only the domain prompt is used.
    names: list[str] = []
    if isinstance(audio, Path):
        transcript = stt.transcribe_file(audio, vocabulary=names)
    else:
        transcript = stt.transcribe(audio, sample_rate=STT_SAMPLE_RATE, vocabulary=names)
    stt_ms = (time.perf_counter() - t0) * 1000
    out = SpeechOut(tts, assistant.cancel, play)
    rereadings = (_rereadings(stt, audio, names)
                  if transcript.duration_s <= REREAD_MAX_S and unsure(transcript) else None)
    text = transcript.text
    if rereadings is not None and not text.strip():  # Whisper read no words (a lone "help")
        text = assistant.first_command(rereadings) or ""
    turn = assistant.handle(text, speak=out, source="voice", rereadings=rereadings)
    if text and not transcript.text.strip():
        turn.notes.append(f"Heard nothing, understood “{text}”.")
    turn.timings_ms["stt"] = stt_ms
    if out.first_audio_at is not None:
        turn.timings_ms["tts_first_audio"] = (out.first_audio_at - t0) * 1000
    turn.timings_ms["total"] = (time.perf_counter() - t0) * 1000
    # what the engine settled for (a GPU it could not use), then this recording's notes
    for note in (*getattr(stt, "notes", ()), *getattr(transcript, "notes", ())):
        turn.notes.append(str(note))
    turn.notes.extend(out.skipped)
    return turn, out


def _rereadings(stt: SpeechToText, audio: Samples | Path,
                names: list[str]) -> Callable[[], list[str]] | None:
    """Other readings of the same speech, decoded only if the brain asks for them."""
    if not isinstance(stt, Rereader):
        return None
    reader = stt

    def read() -> list[str]:
        from nargis_desktop.voice.audio_file import read_audio
        from nargis_desktop.voice.vad import speech_for_decoding

        samples = read_audio(audio) if isinstance(audio, Path) else audio
        return reader.hypotheses(speech_for_decoding(samples), prompt=reader.prompt_for(names))

    return read


def write_wav(path: Path, samples: Samples, rate: int) -> None:
    import wave

    pcm = np.clip(samples, -1.0, 1.0)
    data: Any = (pcm * 32767).astype("<i2").tobytes()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(data)

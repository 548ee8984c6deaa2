"""Voice: audio capture and playback, speech-to-text, text-to-speech, push-to-talk.

Importing this package is cheap: Whisper, Piper and PortAudio load only when an
engine or a device is actually used. Engines are chosen by the composition root
(:mod:`nargis_desktop.voice.factory` helps it) and sit behind the small protocols
in :mod:`nargis_desktop.voice.protocols`.
"""

from nargis_desktop.voice.protocols import (
    STT_SAMPLE_RATE,
    SpeechChunk,
    SpeechToText,
    TextToSpeech,
    Transcript,
    TranscriptSegment,
    WindowDecoder,
)

__all__ = [
    "STT_SAMPLE_RATE",
    "SpeechChunk",
    "SpeechToText",
    "TextToSpeech",
    "Transcript",
    "TranscriptSegment",
    "WindowDecoder",
]

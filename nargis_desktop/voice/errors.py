"""Voice errors: each says what went wrong and, where there is one, the fix."""

from __future__ import annotations

from nargis_desktop.errors import NargisError


class VoiceError(NargisError):
    """Base of every expected failure in the voice package."""


class AudioDeviceError(VoiceError):
    """No usable microphone or speaker, or the device refused to open."""


class AudioFileError(VoiceError):
    """A file that is missing, empty, truncated beyond use, or not audio at all."""


class AudioFormatError(VoiceError):
    """Samples in a shape or rate that cannot be turned into 16 kHz mono."""


class SpeechEngineError(VoiceError):
    """A speech model could not be loaded or run."""


class UnspeakableTextError(VoiceError):
    """Text that the voice cannot say (see the two subclasses)."""


class NothingToSpeakError(UnspeakableTextError):
    """Only emoji, symbols or punctuation: there are no words to say."""


class UnsupportedScriptError(UnspeakableTextError):
    """Text written in a script the voice's language does not cover."""

"""Build voice engines and devices from settings: a helper for the composition root.

The engines themselves take explicit paths and devices; only this module reads
:class:`VoiceSettings` and asks the model manager where the files are, so a
missing model surfaces as ``ModelNotInstalledError`` with its install command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nargis_desktop.voice.devices import parse_spec

if TYPE_CHECKING:
    from nargis_desktop.models import ModelManager
    from nargis_desktop.settings import VoiceSettings
    from nargis_desktop.voice.capture import MicrophoneCapture
    from nargis_desktop.voice.playback import AudioPlayer
    from nargis_desktop.voice.stt import WhisperSTT
    from nargis_desktop.voice.tts import PiperTTS


def build_stt(voice: VoiceSettings, models: ModelManager, *, beam_size: int = 5
              ) -> WhisperSTT:
    """Whisper from the settings; ``beam_size`` 1 for a single short command, where
    greedy decoding is as accurate and faster (``nargis listen``)."""
    from nargis_desktop.voice.stt import WhisperSTT

    path = models.path(voice.stt_model)
    return WhisperSTT(path, device=voice.stt_device, compute_type=voice.stt_compute_type,
                      cpu_threads=voice.stt_threads,
                      language=voice.language, vocabulary_bias=voice.vocabulary_bias,
                      model_id=voice.stt_model, beam_size=beam_size)


def build_tts(voice: VoiceSettings, models: ModelManager) -> PiperTTS:
    from nargis_desktop.voice.tts import PiperTTS

    path = models.path(voice.tts_voice)
    return PiperTTS(path, speaking_rate=voice.speaking_rate, model_id=voice.tts_voice)


def build_microphone(voice: VoiceSettings, **listeners: Any) -> MicrophoneCapture:
    from nargis_desktop.voice.capture import MicrophoneCapture

    return MicrophoneCapture(parse_spec(voice.input_device),
                             max_seconds=float(voice.max_utterance_seconds), **listeners)


def build_player(voice: VoiceSettings) -> AudioPlayer:
    from nargis_desktop.voice.playback import AudioPlayer

    return AudioPlayer(parse_spec(voice.output_device))

"""Live voice for the app: push-to-talk input and spoken replies over the voice package.

Qt-free on purpose (it could move to ``voice/``): the :class:`~nargis_desktop.ui.
conversation.Conversation` calls these objects from worker threads and turns
their callbacks into signals.

* :class:`LiveVoiceInput` opens the microphone only between ``start`` and
  ``stop``, feeds every block to an :class:`IncrementalTranscriber` (live
  partials) and returns the final text at ``stop``.
* :class:`SpokenReplies` synthesises each reply sentence with Piper as the
  brain produces it and plays it while the next one is made; ``stop`` silences
  it at once (barge-in).
* :class:`VoiceEngines` builds Whisper, Piper and the player once, on first use,
  because loading them takes a second or more (the app may unload the models when
  idle; they reload by themselves, and are held while an utterance or reply runs).
"""

from __future__ import annotations

import logging
import math
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from nargis_desktop.errors import NargisError
from nargis_desktop.voice.errors import AudioDeviceError

if TYPE_CHECKING:
    from nargis_desktop.app import App
    from nargis_desktop.voice.capture import AudioCapture
    from nargis_desktop.voice.incremental import IncrementalTranscriber
    from nargis_desktop.voice.playback import AudioPlayer
    from nargis_desktop.voice.protocols import Samples, SpeechChunk
    from nargis_desktop.voice.stt import WhisperSTT
    from nargis_desktop.voice.tts import PiperTTS

log = logging.getLogger(__name__)

#: Builds the audio source for one utterance from its listeners (on_audio, on_level,
#: on_limit); the default opens the configured microphone, tests may pass a FileSource.
CaptureFactory = Callable[..., "AudioCapture"]


def meter_level(rms: float) -> float:
    """RMS (0..1) to a meter position: -60 dBFS is empty, 0 dBFS full, so speech reads
    around the middle instead of barely moving a linear bar."""
    if rms <= 1e-6:
        return 0.0
    return max(0.0, min(1.0, (20 * math.log10(rms) + 60) / 60))


@dataclass(frozen=True)
class SpokenText:
    """What :meth:`VoiceEngines.say` played, and where."""

    text: str
    device: str
    seconds: float


class VoiceEngines:
    """Whisper, Piper and the audio player for one app, each built once when first needed."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._stt: WhisperSTT | None = None
        self._tts: PiperTTS | None = None

    def check_stt_installed(self) -> None:
        """Fail fast (before the microphone opens) with the install command."""
        if self._stt is None:
            self.app.models.path(self.app.settings.voice.stt_model)

    def stt(self) -> WhisperSTT:
        with self._lock:
            if self._stt is None:
                self._stt = self.app.build_stt()
            return self._stt

    def tts(self) -> PiperTTS:
        with self._lock:
            if self._tts is None:
                self._tts = self.app.build_tts()
            return self._tts

    def player(self) -> AudioPlayer:
        """A new player for one reply: stopping an old reply can never cut a new one."""
        from nargis_desktop.voice.factory import build_player

        return build_player(self.app.settings.voice)

    def say(self, text: str) -> SpokenText:
        """Speak ``text`` with the app's voice on the configured speaker; blocks until
        it has been played, so call it from a worker.

        The cheap checks come first, so a missing voice or speaker is reported at once
        (with its fix) instead of after loading the voice.
        """
        from nargis_desktop.voice.devices import parse_spec, resolve_device

        if self._tts is None:
            self.app.models.path(self.app.settings.voice.tts_voice)  # not installed: the fix
        resolve_device(parse_spec(self.app.settings.voice.output_device), "output")
        tts = self.tts()
        player = self.player()
        with tts.usage:
            player.play(tts.synthesize(text), wait=True)
        seconds = player.played_samples / player.sample_rate if player.sample_rate else 0.0
        device = player.device.name if player.device is not None else "the default speaker"
        return SpokenText(text, device, seconds)

    def warm_up(self) -> None:
        """Load the speech models ahead of the first press (run it in a worker)."""
        try:
            self.stt()
            if self.app.settings.voice.spoken_replies:
                self.tts()
        except NargisError as exc:  # shown when the user actually talks
            log.info("voice warm-up skipped: %s", exc)

    def notes(self) -> list[str]:
        """What the loaded speech engine had to settle for ("CUDA could not be used …;
        running on the CPU"), for the status line; empty before it loads."""
        stt = self._stt
        return list(stt.notes) if stt is not None else []

    def microphone(self, **listeners: Any) -> AudioCapture:
        from nargis_desktop.voice.factory import build_microphone

        return build_microphone(self.app.settings.voice, **listeners)


class LiveVoiceInput:
    """``Conversation.voice_input``: one utterance per ``start``/``stop`` pair.

    Both run on one worker thread, in order. ``start`` opens the source first and
    loads Whisper after, so words spoken while the model loads are kept (the
    audio waits in a backlog and is fed as soon as the transcriber exists).
    """

    def __init__(self, engines: VoiceEngines, capture: CaptureFactory | None = None) -> None:
        self.engines = engines
        self.capture_factory: CaptureFactory = capture or engines.microphone
        self._lock = threading.Lock()
        self._capture: AudioCapture | None = None
        self._transcriber: IncrementalTranscriber | None = None
        self._backlog: list[Samples] = []
        #: The last source used (tests and diagnostics read it).
        self.last_capture: AudioCapture | None = None
        self._holding: WhisperSTT | None = None
        self._finished: IncrementalTranscriber | None = None

    @property
    def is_open(self) -> bool:
        return self._capture is not None and self._capture.running

    def start(self, on_level: Callable[[float], None], on_partial: Callable[[str], None],
              on_limit: Callable[[], None] | None = None) -> None:
        from nargis_desktop.voice.incremental import IncrementalTranscriber

        self.cancel()
        self._finished = None
        self.engines.check_stt_installed()
        with self._lock:
            self._backlog = []
            self._transcriber = None
        capture = self.capture_factory(on_audio=self._on_audio,
                                       on_level=lambda rms: on_level(meter_level(rms)),
                                       on_limit=on_limit)
        capture.start()  # raises AudioDeviceError with the fix when there is no microphone
        self._capture = self.last_capture = capture
        try:
            stt = self.engines.stt()
        except BaseException:
            self._capture = None
            capture.stop()
            raise
        stt.usage.begin()  # Whisper stays loaded until this utterance is transcribed
        transcriber = IncrementalTranscriber(stt, on_partial=on_partial)
        with self._lock:
            self._holding = stt
            for block in self._backlog:
                transcriber.feed(block)
            self._backlog = []
            self._transcriber = transcriber

    def _let_go(self) -> None:
        """The utterance is over: Whisper may be unloaded once it has been idle long enough."""
        with self._lock:
            stt, self._holding = self._holding, None
        if stt is not None:
            stt.usage.end()

    def _on_audio(self, block: Samples) -> None:  # the capture thread
        with self._lock:
            if self._transcriber is not None:
                self._transcriber.feed(block)
            else:
                self._backlog.append(block)

    def stop(self) -> str | None:
        """Close the microphone and return what was said; None when nothing was open."""
        capture, self._capture = self._capture, None
        with self._lock:
            transcriber, self._transcriber = self._transcriber, None
        if capture is None or transcriber is None:
            self._let_go()
            return None
        capture.stop()
        try:
            text = transcriber.finish().text.strip()
        finally:
            self._let_go()
        self._finished = transcriber
        if not text and capture.silent:
            raise AudioDeviceError(
                "The microphone delivered only silence.",
                hint="It may be muted or blocked: unmute it, allow microphone access, or "
                     "pick another one in Settings > Voice & audio.")
        return text

    def rereadings(self) -> Callable[[], list[str]] | None:
        """Other readings of what the last ``stop`` returned, decoded only when called
        (the brain asks when the first reading is not a command)."""
        finished = self._finished
        return finished.alternatives if finished is not None and finished.rereadable else None

    def cancel(self) -> None:
        """Drop the utterance (if any) without transcribing it."""
        capture, self._capture = self._capture, None
        with self._lock:
            transcriber, self._transcriber = self._transcriber, None
        if capture is not None:
            capture.stop()
        if transcriber is not None:
            transcriber.cancel()
        self._let_go()


class Speaker(Protocol):
    """What :class:`~nargis_desktop.ui.conversation.Conversation` needs to speak replies."""

    def __call__(self, sentence: str) -> None: ...

    def finish(self) -> None: ...

    def wait(self, timeout: float | None = None) -> None: ...

    def stop(self) -> None: ...


class _Reply:
    """One spoken reply: sentences in through a queue, audio out on its own thread."""

    def __init__(self, owner: SpokenReplies) -> None:
        self.owner = owner
        self.sentences: queue.Queue[str | None] = queue.Queue()
        self.stopped = threading.Event()
        self.player: AudioPlayer | None = None
        self.thread = threading.Thread(target=self._run, name="nargis-speak", daemon=True)
        self.thread.start()

    def _chunks(self, tts: PiperTTS) -> Iterator[SpeechChunk]:
        while not self.stopped.is_set():
            sentence = self.sentences.get()
            if sentence is None or self.stopped.is_set():
                return
            from nargis_desktop.voice.tts import speakable_chunks

            yield from speakable_chunks(tts, sentence, log.info)

    def _run(self) -> None:
        from nargis_desktop.ui.workers import lower_thread_priority

        lower_thread_priority()
        try:
            tts = self.owner.engines.tts()
            self.player = self.owner.engines.player()
            # a stop from here on ends the chunk stream, so nothing more is played;
            # the voice stays loaded between the sentences of one reply
            with tts.usage:
                self.player.play(self._chunks(tts), wait=True)
        except Exception as exc:
            self.owner.report(exc)
            while self.sentences.get() is not None:  # let the brain finish undisturbed
                pass

    def stop(self) -> None:
        """Silence within a block or two; the slow part (joining threads) runs elsewhere."""
        self.stopped.set()
        self.sentences.put(None)  # before the player joins its feeder, which may wait here
        player = self.player
        if player is not None:
            threading.Thread(target=player.stop, name="nargis-speak-stop", daemon=True).start()


class SpokenReplies:
    """``Conversation.speaker``: called once per reply sentence from the brain's worker."""

    def __init__(self, engines: VoiceEngines, *, enabled: Callable[[], bool] | None = None,
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        self.engines = engines
        self.enabled = enabled or (lambda: True)
        self.on_error = on_error
        self._lock = threading.Lock()
        self._reply: _Reply | None = None
        self._reported: set[str] = set()

    def __call__(self, sentence: str) -> None:
        if not sentence.strip() or not self.enabled():
            return
        with self._lock:
            if self._reply is None:
                self._reply = _Reply(self)
            reply = self._reply
        reply.sentences.put(sentence)

    def finish(self) -> None:
        """No more sentences for this reply; playback ends after the last one."""
        with self._lock:
            reply = self._reply
        if reply is not None:
            reply.sentences.put(None)

    def wait(self, timeout: float | None = None) -> None:
        """Block (a worker thread) until the reply has been spoken or stopped."""
        with self._lock:
            reply = self._reply
        if reply is not None:
            reply.thread.join(timeout)
            with self._lock:
                if self._reply is reply and not reply.thread.is_alive():
                    self._reply = None

    @property
    def speaking(self) -> bool:
        reply = self._reply
        return reply is not None and reply.thread.is_alive()

    def stop(self) -> None:
        """Barge-in: silence now and drop whatever was still to be said."""
        with self._lock:
            reply, self._reply = self._reply, None
        if reply is None:
            return
        reply.stop()

    def report(self, exc: BaseException) -> None:
        """Each distinct problem is shown once per session, not after every reply."""
        key = str(exc)
        if key in self._reported:
            log.debug("speaking failed again: %s", exc)
            return
        self._reported.add(key)
        if self.on_error is not None:
            try:
                self.on_error(exc)
            except RuntimeError:  # the window was closed meanwhile
                log.debug("speaking failed after the app closed: %s", exc)

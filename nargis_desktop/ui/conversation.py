"""The assistant as the GUI drives it: one turn at a time, in a worker, reported as signals.

State goes idle → listening → thinking → speaking → idle. The brain and the
voice engines run on worker threads; this object only relays what they report
(level, partial transcript, reply sentences, action records) to the GUI thread.
Microphone work (open, stop, transcribe) runs on one dedicated thread so a
release can never overtake its press.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from nargis_desktop.app import App
from nargis_desktop.ui import sounds
from nargis_desktop.ui.workers import Job, run_async

log = logging.getLogger(__name__)

STATES = ("idle", "listening", "thinking", "speaking")


class _Handled:
    """Worker item: the brain is done (actions taken); speech may still be playing."""

    def __init__(self, turn: object) -> None:
        self.turn = turn


class Conversation(QObject):
    state_changed = Signal(str)
    user_said = Signal(str)  # the final text of a user turn (typed or transcribed)
    partial = Signal(str)  # live partial transcript while speaking
    sentence = Signal(str)  # reply text, sentence by sentence as it streams
    turn_done = Signal(object)  # brain.records.Turn, as soon as its actions are taken
    reply_done = Signal()  # the reply has also been spoken (or stopped)
    level = Signal(float)  # microphone level 0..1 while listening
    failed = Signal(object)  # an exception to show inline
    _limit = Signal()  # the utterance hit its maximum length (from the capture thread)

    def __init__(self, app: App, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.state = "idle"
        self.busy = False
        #: Set by the voice wiring: ``start(on_level, on_partial[, on_limit])`` and
        #: ``stop() -> transcript | None`` (see ui.voice_io.LiveVoiceInput).
        self.voice_input: Any = None
        #: Called with each reply sentence; may also have finish()/wait()/stop()
        #: (see ui.voice_io.SpokenReplies).
        self.speaker: Any = None
        self._turn = 0  # the current turn's number; results of older turns are ignored
        self._voice_pool = QThreadPool(self)
        self._voice_pool.setMaxThreadCount(1)
        self._voice_pool.setExpiryTimeout(-1)
        self._limit.connect(self.stop_listening)

    def set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    # -- typed or transcribed text -----------------------------------------------------
    def send_text(self, text: str, source: str = "typed") -> Job | None:
        text = text.strip()
        if not text or self.state in ("thinking", "listening"):
            return None
        if self.busy:  # still speaking the last reply: a new request talks over it
            self.interrupt()
        return self._begin_turn(text, source)

    def _begin_turn(self, text: str, source: str,
                    rereadings: Callable[[], Sequence[str]] | None = None) -> Job:
        self._turn += 1
        turn_no = self._turn
        self.busy = True
        self.user_said.emit(text)
        self.set_state("thinking")
        speak = self.speaker
        app = self.app

        def work(job: Job) -> Any:
            def sink(sentence: str) -> None:
                job.report(sentence)
                if speak is not None:
                    speak(sentence)

            try:
                turn = app.assistant.handle(text, speak=sink, source=source,
                                            rereadings=rereadings)
            finally:
                _call(speak, "finish")
            job.report(_Handled(turn))
            _call(speak, "wait")  # the worker, not the GUI, waits for the audio to end
            return turn

        def item(value: object) -> None:
            if turn_no == self._turn:
                self._on_item(value)

        def done(_turn: object) -> None:
            if turn_no == self._turn:
                self._on_done()

        def failed(exc: Exception) -> None:
            if turn_no == self._turn:
                self._on_error(exc)

        return run_async(work, on_item=item, on_result=done, on_error=failed)

    def _on_item(self, value: object) -> None:
        if isinstance(value, _Handled):
            self.turn_done.emit(value.turn)
            return
        if self.speaker is not None and self.app.settings.voice.spoken_replies:
            self.set_state("speaking")
        self.sentence.emit(str(value))

    def _on_done(self) -> None:
        self.busy = False
        self.set_state("idle")
        self.reply_done.emit()

    def _on_error(self, exc: Exception) -> None:
        self.busy = False
        self.set_state("idle")
        self.failed.emit(exc)

    def interrupt(self) -> None:
        """Barge-in: stop generating and speaking the current reply."""
        if "assistant" in self.app.__dict__:
            self.app.assistant.interrupt()
        _call(self.speaker, "stop")

    # -- push-to-talk ------------------------------------------------------------------
    def start_listening(self) -> None:
        if self.state == "listening":
            return
        if self.busy:
            self.interrupt()  # barge-in: talking over a reply stops it
        if self.voice_input is None:
            from nargis_desktop.voice.errors import VoiceError

            self.failed.emit(VoiceError(
                "Voice input is not available in this build.",
                hint="Type your request below."))
            return
        if self.busy:  # the old turn finishes in the background; its results are dropped
            self._turn += 1
            self.busy = False
        voice = self.voice_input
        level, partial, limit = self.level.emit, self.partial.emit, self._limit.emit
        app = self.app

        def work(_job: Job) -> None:
            voice.start(on_level=level, on_partial=partial, on_limit=limit)
            if "assistant" in app.__dict__:  # built already: a press never builds it
                app.assistant.prepare()  # the chat prompt is evaluated while they speak

        if self.app.settings.ui.earcons:
            sounds.play("listen-start")
        self.set_state("listening")
        run_async(work, on_error=self._listen_failed, pool=self._voice_pool)

    def _listen_failed(self, exc: Exception) -> None:
        if self.state == "listening":
            self.level.emit(0.0)
            self.set_state("idle")
        self.failed.emit(exc)

    def stop_listening(self) -> None:
        if self.state != "listening" or self.voice_input is None:
            return
        if self.app.settings.ui.earcons:
            sounds.play("listen-stop")
        self.level.emit(0.0)
        self.set_state("thinking")
        self.busy = True
        self._turn += 1
        turn_no = self._turn
        voice = self.voice_input

        app = self.app

        def work(_job: Job) -> Any:
            if "assistant" in app.__dict__:
                app.assistant.stop_prefill()  # the transcription needs the CPU now
            text = voice.stop()  # closes the microphone, then transcribes (slow: a worker)
            rereadings = getattr(voice, "rereadings", None)
            later = rereadings() if rereadings is not None else None
            if later is not None and not str(text or "").strip():
                text = app.assistant.first_command(later) or ""  # Whisper read no words
            return text, later

        def heard(result: tuple[object, Any]) -> None:
            if turn_no == self._turn:
                self._heard(*result)

        def failed(exc: Exception) -> None:
            if turn_no == self._turn:
                self._on_error(exc)

        run_async(work, on_result=heard, on_error=failed, pool=self._voice_pool)

    def _heard(self, text: object,
               rereadings: Callable[[], Sequence[str]] | None = None) -> None:
        self.busy = False
        self.partial.emit("")
        if text is None:  # the microphone never opened; that error is already shown
            self.set_state("idle")
            return
        words = str(text).strip()
        if not words:
            self.set_state("idle")
            self.sentence.emit("I didn't catch that.")
            return
        self._begin_turn(words, source="voice",  # still "thinking": no flicker to idle
                         rereadings=rereadings)

    def toggle_listening(self) -> None:
        if self.state == "listening":
            self.stop_listening()
        else:
            self.start_listening()

    def cancel_listening(self) -> None:
        """Escape while listening: close the microphone and drop the words."""
        if self.state != "listening" or self.voice_input is None:
            return
        cancel = getattr(self.voice_input, "cancel", None)
        self.level.emit(0.0)
        self.partial.emit("")
        self.set_state("idle")
        if cancel is not None:
            run_async(lambda _job: cancel(), pool=self._voice_pool)

    def undo(self, record: Any) -> None:
        """Undo one action card off the GUI thread; the change arrives as domain events.

        Goes through ``Assistant.undo(record_id)``, the same path as a spoken "undo",
        so the assistant's undo stack stays in step and nothing is undone twice.
        """
        record_id = getattr(record, "id", None)
        if record_id is None:
            return
        app = self.app

        def done(result: object) -> None:
            if not getattr(result, "ok", True):
                from nargis_desktop.errors import NargisError

                self.failed.emit(NargisError(str(getattr(result, "error", "") or
                                                 "That can't be undone any more.")))

        run_async(lambda _job: app.assistant.undo(record_id), on_result=done,
                  on_error=self.failed.emit)


def _call(obj: object, method: str) -> None:
    fn = getattr(obj, method, None) if obj is not None else None
    if callable(fn):
        fn()

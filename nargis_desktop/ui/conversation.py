"""The assistant as the GUI drives it: one turn at a time, in a worker, reported as signals.

State goes idle → listening → thinking → speaking → idle. The brain and the
voice engines run on the thread pool; this object only relays what they
report (partial transcript, reply sentences, action records) to the GUI thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from nargis_desktop.app import App
from nargis_desktop.ui import sounds
from nargis_desktop.ui.workers import Job, run_async

log = logging.getLogger(__name__)

STATES = ("idle", "listening", "thinking", "speaking")


class Conversation(QObject):
    state_changed = Signal(str)
    user_said = Signal(str)  # the final text of a user turn (typed or transcribed)
    partial = Signal(str)  # live partial transcript while speaking
    sentence = Signal(str)  # reply text, sentence by sentence as it streams
    turn_done = Signal(object)  # brain.records.Turn
    level = Signal(float)  # microphone level 0..1 while listening
    failed = Signal(object)  # an exception to show inline

    def __init__(self, app: App, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.state = "idle"
        self.busy = False
        #: Set by the voice wiring: returns an object with start()/stop() -> transcript text.
        self.voice_input: Any = None
        self.speaker: Callable[[str], None] | None = None

    def set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    # -- typed or transcribed text -----------------------------------------------------
    def send_text(self, text: str, source: str = "typed") -> Job | None:
        text = text.strip()
        if not text or self.busy:
            return None
        self.busy = True
        self.user_said.emit(text)
        self.set_state("thinking")

        def work(job: Job) -> Any:
            speak = self.speaker

            def sink(sentence: str) -> None:
                job.report(sentence)
                if speak is not None:
                    speak(sentence)

            return self.app.assistant.handle(text, speak=sink, source=source)

        return run_async(work, on_item=self._on_sentence, on_result=self._on_turn,
                         on_error=self._on_error)

    def _on_sentence(self, sentence: object) -> None:
        self.set_state("speaking" if self.speaker is not None else "thinking")
        self.sentence.emit(str(sentence))

    def _on_turn(self, turn: object) -> None:
        self.busy = False
        self.turn_done.emit(turn)
        self.set_state("idle")

    def _on_error(self, exc: Exception) -> None:
        self.busy = False
        self.set_state("idle")
        self.failed.emit(exc)

    def interrupt(self) -> None:
        if "assistant" in self.app.__dict__:
            self.app.assistant.interrupt()

    # -- push-to-talk ------------------------------------------------------------------
    def start_listening(self) -> None:
        if self.state == "listening":
            return
        if self.busy:
            self.interrupt()  # barge-in: talking over a reply stops it
        if self.voice_input is None:
            from nargis_desktop.voice.errors import VoiceError

            self.failed.emit(VoiceError(
                "Voice input is not available in this build yet.",
                hint="Type your request below; voice arrives with the voice engine."))
            return
        try:
            self.voice_input.start(on_level=self.level.emit, on_partial=self.partial.emit)
        except Exception as exc:
            self.failed.emit(exc)
            return
        if self.app.settings.ui.earcons:
            sounds.play("listen-start")
        self._listen_started = time.monotonic()
        self.set_state("listening")

    def stop_listening(self) -> None:
        if self.state != "listening" or self.voice_input is None:
            return
        if self.app.settings.ui.earcons:
            sounds.play("listen-stop")
        self.level.emit(0.0)
        self.set_state("thinking")
        self.busy = True
        voice = self.voice_input

        def work(job: Job) -> Any:
            return voice.stop()  # closes the microphone, then transcribes (slow: a worker)

        run_async(work, on_result=self._heard, on_error=self._on_error)

    def _heard(self, text: object) -> None:
        self.busy = False
        words = str(text or "").strip()
        self.partial.emit("")
        if not words:
            self.set_state("idle")
            self.sentence.emit("I didn't catch that.")
            return
        self.send_text(words, source="voice")

    def toggle_listening(self) -> None:
        if self.state == "listening":
            self.stop_listening()
        else:
            self.start_listening()

    def undo(self, record: Any) -> None:
        """Run an action's undo off the GUI thread; the result arrives as domain events."""
        fn = getattr(record, "undo", None)
        if fn is None:
            return
        run_async(lambda _job: fn(), on_error=self.failed.emit)

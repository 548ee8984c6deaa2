"""Push-to-talk as a tiny state machine: idle → listening → finishing → idle.

Qt-free so the hotkey handler, the tray, the CLI and tests drive the same logic.
In ``hold`` mode press starts and release finishes; in ``toggle`` mode each press
flips. Events that make no sense in the current state (key auto-repeat, a release
without a press, a press while the last utterance is still being transcribed) are
ignored and reported as ``False``, never raised.
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable


class PTTState(enum.Enum):
    IDLE = "idle"
    LISTENING = "listening"
    FINISHING = "finishing"


Listener = Callable[[PTTState, PTTState], None]


class PushToTalk:
    """``on_change(old, new)`` is called after every transition, outside the lock."""

    def __init__(self, mode: str = "hold", on_change: Listener | None = None) -> None:
        if mode not in ("hold", "toggle"):
            raise ValueError("mode must be 'hold' or 'toggle'")
        self.mode = mode
        self.state = PTTState.IDLE
        self._listeners: list[Listener] = [on_change] if on_change else []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def press(self) -> bool:
        if self.mode == "toggle" and self.state is PTTState.LISTENING:
            return self._move(PTTState.LISTENING, PTTState.FINISHING)
        return self._move(PTTState.IDLE, PTTState.LISTENING)

    def release(self) -> bool:
        if self.mode == "toggle":
            return False
        return self._move(PTTState.LISTENING, PTTState.FINISHING)

    def limit_reached(self) -> bool:
        """The maximum utterance length was hit: finish as if the key was released."""
        return self._move(PTTState.LISTENING, PTTState.FINISHING)

    def finished(self) -> bool:
        """The transcript is out (or failed): ready for the next utterance."""
        return self._move(PTTState.FINISHING, PTTState.IDLE)

    def cancel(self) -> bool:
        """Escape: drop the utterance from any state."""
        with self._lock:
            old = self.state
            self.state = PTTState.IDLE
        if old is not PTTState.IDLE:
            self._notify(old, PTTState.IDLE)
            return True
        return False

    def _move(self, expected: PTTState, new: PTTState) -> bool:
        with self._lock:
            if self.state is not expected:
                return False
            self.state = new
        self._notify(expected, new)
        return True

    def _notify(self, old: PTTState, new: PTTState) -> None:
        for listener in list(self._listeners):
            listener(old, new)

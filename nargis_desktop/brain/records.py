"""Plain records a turn produces: what was heard, understood, done and said.

They are JSON-ready because the CLI prints them and the GUI shows each action
as a card; keeping them free of services makes them safe to pass across threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import uuid4

from nargis_desktop.errors import NargisError

Undo = Callable[[], None]


class AlreadyUndoneError(NargisError):
    """The action was undone before (by voice or by its card); it is not undone twice."""


@dataclass
class ActionRecord:
    """One tool execution. ``undo`` is kept out of JSON; ``undoable`` says whether it exists.

    ``undo`` is wrapped so it runs at most once, whoever calls it (a spoken "undo that",
    the GUI card's Undo button, or both at once): a second call raises
    ``AlreadyUndoneError`` instead of reverting the data a second time.
    """

    tool: str
    args: dict[str, Any]
    ok: bool
    result: dict[str, Any] | None = None
    error: str | None = None
    message: str = ""
    destructive: bool = False
    source: str = "grammar"  # "grammar" or "llm"
    undo: Undo | None = field(default=None, repr=False, compare=False)
    #: Stable handle for the GUI and ``Assistant.undo(record_id)``.
    id: str = field(default_factory=lambda: uuid4().hex[:12], compare=False)
    undone: bool = field(default=False, compare=False)
    #: The undo as data (``brain.undo``): stored, so another process can take it back.
    undo_spec: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.undo is not None:
            self.undo = self._once(self.undo)

    def bind_undo(self, fn: Undo) -> None:
        """Replace the undo (still run at most once): the stored log binds one that also
        marks its row undone in the same transaction, so no process undoes it twice."""
        self.undo = self._once(fn)

    def _once(self, fn: Undo) -> Undo:
        guard = threading.Lock()

        def run() -> None:
            with guard:
                if self.undone:
                    raise AlreadyUndoneError("That was already undone.")
                fn()
                self.undone = True
        return run

    @property
    def undoable(self) -> bool:
        return self.undo is not None and not self.undone

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "tool": self.tool, "args": self.args,
                               "ok": self.ok}
        if self.ok:
            out["result"] = self.result or {}
        else:
            out["error"] = self.error or "failed"
        out["message"] = self.message
        out["undoable"] = self.undoable
        out["source"] = self.source
        return out


@dataclass
class Turn:
    """Everything about one exchange; ``to_json`` is the documented CLI shape."""

    transcript: str
    intent: str = ""
    slots: dict[str, Any] = field(default_factory=dict)
    actions: list[ActionRecord] = field(default_factory=list)
    reply: str = ""
    timings_ms: dict[str, float | None] = field(default_factory=dict)
    #: Set when the reply needs an answer (delete confirmation, "which one?").
    awaiting: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        keys = ("stt", "understand", "act", "llm_first_token", "tts_first_audio", "total")
        timings = {k: (round(v, 1) if isinstance(v, float | int) else None)
                   for k in keys for v in [self.timings_ms.get(k)]}
        out: dict[str, Any] = {
            "transcript": self.transcript,
            "intent": self.intent,
            "slots": self.slots,
            "actions": [a.to_json() for a in self.actions],
            "reply": self.reply,
            "timings_ms": timings,
        }
        if self.awaiting:
            out["awaiting"] = self.awaiting
        if self.notes:
            out["notes"] = self.notes
        return out

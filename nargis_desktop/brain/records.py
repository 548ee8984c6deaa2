"""Plain records a turn produces: what was heard, understood, done and said.

They are JSON-ready because the CLI prints them and the GUI shows each action
as a card; keeping them free of services makes them safe to pass across threads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Undo = Callable[[], None]


@dataclass
class ActionRecord:
    """One tool execution. ``undo`` is kept out of JSON; ``undoable`` says whether it exists."""

    tool: str
    args: dict[str, Any]
    ok: bool
    result: dict[str, Any] | None = None
    error: str | None = None
    message: str = ""
    destructive: bool = False
    source: str = "grammar"  # "grammar" or "llm"
    undo: Undo | None = field(default=None, repr=False, compare=False)

    @property
    def undoable(self) -> bool:
        return self.undo is not None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"tool": self.tool, "args": self.args, "ok": self.ok}
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

"""Which columns the vault protects. Mood, tags and dates stay in clear for insights.

Every table listed here has an ``enc`` column (the key version of the row's sealed
columns; 0 = plain), so rotation, ``--verify``, the decrypted export and the
"encrypt tasks too" policy all walk the same list.
"""

from __future__ import annotations

from typing import Any

JOURNAL: dict[str, tuple[str, ...]] = {"journal_entries": ("title", "body")}
#: only with the "encrypt tasks too" setting
TASKS: dict[str, tuple[str, ...]] = {"tasks": ("title", "notes"), "habits": ("name",)}
#: what was said to the assistant and what it answered; messages that quote journal text
#: are sealed whatever the setting, the rest with "encrypt tasks too"
MESSAGES: dict[str, tuple[str, ...]] = {"messages": ("content",)}
#: the assistant's other state (schema v3), sealed with "encrypt tasks too": conversation
#: titles (the first request) and running summaries, the pending question (task names,
#: the words said) and the spoken message of each undoable action
ASSISTANT: dict[str, tuple[str, ...]] = {
    "conversations": ("title", "summary"),
    "assistant_pending": ("data",),
    "assistant_actions": ("message",),
}
#: everything "encrypt tasks too" seals besides the journal
WITH_TASKS: dict[str, tuple[str, ...]] = {**TASKS, **MESSAGES, **ASSISTANT}
ALL: dict[str, tuple[str, ...]] = {**JOURNAL, **WITH_TASKS}
#: the row id bound into the associated data, where the primary key isn't ``id``
_KEYS = {"assistant_pending": "conversation_id"}


def key_column(table: str) -> str:
    """The column whose value is a field's row id (one pending question per conversation)."""
    return _KEYS.get(table, "id")


def is_empty(value: Any) -> bool:
    """Empty optional fields (no title, no notes) are stored as '' and never sealed."""
    return value is None or value == "" or value == b""

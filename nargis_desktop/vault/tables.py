"""Which columns the vault protects. Mood, tags and dates stay in clear for insights."""

from __future__ import annotations

from typing import Any

JOURNAL: dict[str, tuple[str, ...]] = {"journal_entries": ("title", "body")}
#: only with the "encrypt tasks too" setting
TASKS: dict[str, tuple[str, ...]] = {"tasks": ("title", "notes"), "habits": ("name",)}
#: assistant messages that quote journal text are sealed by the brain with the vault codec
MESSAGES: dict[str, tuple[str, ...]] = {"messages": ("content",)}
ALL: dict[str, tuple[str, ...]] = {**JOURNAL, **TASKS, **MESSAGES}


def is_empty(value: Any) -> bool:
    """Empty optional fields (no title, no notes) are stored as '' and never sealed."""
    return value is None or value == "" or value == b""

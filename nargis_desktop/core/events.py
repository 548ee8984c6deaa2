"""Domain events: services announce what changed; the UI (and sync) listen.

Plain callbacks, no Qt: ``ui/`` turns them into signals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """``topic`` is e.g. ``"task.added"``; ``entity_id`` the row; ``data`` small extras."""

    topic: str
    entity_id: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


Listener = Callable[[Event], None]


class EventBus:
    def __init__(self) -> None:
        self._listeners: list[tuple[str, Listener]] = []
        self._lock = threading.Lock()

    def subscribe(self, prefix: str, listener: Listener) -> Callable[[], None]:
        """Listen to topics starting with ``prefix`` ("" for all); returns an unsubscribe."""
        with self._lock:
            self._listeners.append((prefix, listener))

        def unsubscribe() -> None:
            with self._lock:
                if (prefix, listener) in self._listeners:
                    self._listeners.remove((prefix, listener))

        return unsubscribe

    def publish(self, event: Event) -> None:
        with self._lock:
            targets = [fn for prefix, fn in self._listeners if event.topic.startswith(prefix)]
        for fn in targets:
            try:
                fn(event)
            except Exception:  # a broken listener must not undo a saved change
                log.exception("event listener failed for %s", event.topic)

"""What every domain service shares: the store, the clock, events, the text codec."""

from __future__ import annotations

import uuid
from typing import Any

from nargis_desktop.clock import Clock, from_iso, to_iso
from nargis_desktop.core.codec import FieldCodec, PlainCodec
from nargis_desktop.core.events import Event, EventBus
from nargis_desktop.errors import AmbiguousError, NotFoundError
from nargis_desktop.store import Store


def new_id() -> str:
    return str(uuid.uuid4())


def opt_time(value: str | None) -> Any:
    return from_iso(value) if value else None


class Service:
    table: str = ""
    noun: str = "item"

    def __init__(self, store: Store, clock: Clock, events: EventBus) -> None:
        self.store = store
        self.clock = clock
        self.events = events
        self.codec: FieldCodec = PlainCodec()

    def now_iso(self) -> str:
        return to_iso(self.clock.now())

    def emit(self, topic: str, entity_id: str | None = None, **data: Any) -> None:
        self.events.publish(Event(topic, entity_id, data))

    def resolve_id(self, ref: str, *, include_deleted: bool = False) -> str:
        """An id or a unique prefix of one (at least 4 characters), as the CLI shows them."""
        ref = ref.strip().lower()
        alive = "" if include_deleted else " AND deleted_at IS NULL"
        if len(ref) >= 4:
            rows = self.store.query(
                f"SELECT id FROM {self.table} WHERE id >= ? AND id < ?{alive} LIMIT 6",
                (ref, ref + "\uffff"))
            ids = [r["id"] for r in rows]
            if ref in ids:
                return ref
            if len(ids) == 1:
                return str(ids[0])
            if len(ids) > 1:
                raise AmbiguousError(f"'{ref}' matches several {self.noun}s; give more of the id.",
                                     [i[:8] for i in ids])
        raise NotFoundError(f"No {self.noun} with id '{ref}'.")

    def seal(self, row_id: str, column: str, text: str) -> tuple[str | bytes, int]:
        return self.codec.seal(self.table, row_id, column, text)

    def open_text(self, row: dict[str, Any], column: str) -> str:
        return self.codec.open(self.table, row["id"], column, row[column], int(row.get("enc") or 0))

"""What a conversation carries from one turn to the next, kept where every process sees it.

``nargis ask "delete buy milk"``, ``nargis ask yes`` and ``nargis ask "undo that"``
are three processes, and the GUI and a terminal may share the latest conversation,
so the pending question ("are you sure?", "which one?") and the undo history live
in SQLite (tables ``assistant_pending`` and ``assistant_actions``, schema v3), per
conversation. Without a store (a bare ``Assistant`` in tests) the same interfaces
keep them in memory.

Undo is claimed in the database in the same transaction that reverts the data, so
two processes (or the GUI card and a spoken "undo") can never both undo one action.

The pending question (task names, the words said) and each action's spoken message
("Deleted 'buy milk'.") go through the state codec, the tasks' codec: sealed with
the vault key, bound to table, row and column, when "encrypt tasks too" is on. The
undo spec holds only ids, dates and counts, and stays readable JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from nargis_desktop.brain.records import ActionRecord, AlreadyUndoneError
from nargis_desktop.brain.services import Services
from nargis_desktop.brain.undo import run_undo
from nargis_desktop.clock import Clock, from_iso, to_iso
from nargis_desktop.core.codec import FieldCodec, PlainCodec
from nargis_desktop.errors import NargisError
from nargis_desktop.store import Store

#: "undo that" walks back at most this many actions.
UNDO_DEPTH = 20
#: Actions kept per conversation, so an older card can still be undone by id.
KEEP_ACTIONS = 4 * UNDO_DEPTH
_PENDING = "assistant_pending"
_ACTIONS = "assistant_actions"


@dataclass(frozen=True)
class StoredPending:
    kind: str  # "confirm" or "choose"
    data: dict[str, Any]
    expires_at: datetime


class PendingStore:
    """The one pending question of each conversation, with its expiry."""

    def __init__(self, store: Store, codec: Callable[[], FieldCodec] = PlainCodec) -> None:
        self.store = store
        self.codec = codec

    def load(self, conversation_id: str) -> StoredPending | None:
        """The stored question; VaultLockedError when it is sealed and the vault is locked."""
        rows = self.store.query("SELECT kind, data, enc, expires_at FROM assistant_pending "
                                "WHERE conversation_id = ?", (conversation_id,))
        if not rows:
            return None
        row = rows[0]
        data = self.codec().open(_PENDING, conversation_id, "data", row["data"], int(row["enc"]))
        return StoredPending(row["kind"], json.loads(data), from_iso(row["expires_at"]))

    def save(self, conversation_id: str, kind: str, data: dict[str, Any], created: datetime,
             expires: datetime) -> None:
        with self.store.write() as db:
            value, enc = self.codec().seal(_PENDING, conversation_id, "data", json.dumps(data))
            db.execute(
                "INSERT INTO assistant_pending(conversation_id, kind, data, enc, created_at, "
                "expires_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(conversation_id) DO UPDATE "
                "SET kind = excluded.kind, data = excluded.data, enc = excluded.enc, "
                "created_at = excluded.created_at, expires_at = excluded.expires_at",
                (conversation_id, kind, value, enc, to_iso(created), to_iso(expires)))

    def clear(self, conversation_id: str) -> None:
        with self.store.write() as db:
            db.execute("DELETE FROM assistant_pending WHERE conversation_id = ?",
                       (conversation_id,))


class UndoLog:
    """In-process undo history: the latest actions, and recent ones by id for GUI cards."""

    def __init__(self) -> None:
        self.stack: list[ActionRecord] = []
        self.recent: dict[str, ActionRecord] = {}

    def push(self, record: ActionRecord) -> None:
        self.stack = [*self.stack[-(UNDO_DEPTH - 1):], record]
        self.recent = {**dict(list(self.recent.items())[-(KEEP_ACTIONS - 1):]),
                       record.id: record}

    def latest(self) -> ActionRecord | None:
        live = [r for r in self.stack if not r.undone]
        return live[-1] if live else None

    def find(self, record_id: str) -> ActionRecord | None:
        return self.recent.get(record_id)

    def give_up(self, record: ActionRecord) -> None:
        """Its undo was refused (the data changed since): "undo that" moves past it."""
        self.stack = [r for r in self.stack if r is not record]


class StoredUndoLog(UndoLog):
    """The undo history of the current conversation, in ``assistant_actions``.

    Records made in this process are handed back as the same objects (a GUI card
    holds them); older ones are rebuilt from their stored undo spec.
    """

    def __init__(self, store: Store, clock: Clock, services: Services,
                 conversation: Callable[[bool], str | None],
                 codec: Callable[[], FieldCodec] = PlainCodec) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.services = services
        #: ``conversation(create)``: the current conversation's id, started if asked.
        self.conversation = conversation
        #: seals each action's message (it names the task or habit)
        self.codec = codec

    def push(self, record: ActionRecord) -> None:
        super().push(record)
        spec = record.undo_spec
        if spec is None:
            return
        cid = self.conversation(True)
        assert cid is not None
        now = to_iso(self.clock.now())
        with self.store.write() as db:
            message, enc = self.codec().seal(_ACTIONS, record.id, "message", record.message)
            db.execute("INSERT INTO assistant_actions(id, conversation_id, tool, message, enc, "
                       "undo, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (record.id, cid, record.tool, message, enc, json.dumps(spec), now))
            db.execute("DELETE FROM assistant_actions WHERE conversation_id = ? AND id NOT IN "
                       "(SELECT id FROM assistant_actions WHERE conversation_id = ? "
                       "ORDER BY created_at DESC, rowid DESC LIMIT ?)",
                       (cid, cid, KEEP_ACTIONS))
        self._bind(record, spec)

    def latest(self) -> ActionRecord | None:
        cid = self.conversation(False)
        if cid is None:
            return None
        rows = self.store.query(
            "SELECT * FROM (SELECT rowid AS n, * FROM assistant_actions WHERE "
            "conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?) "
            "WHERE undone_at IS NULL AND refused_at IS NULL ORDER BY created_at DESC, n DESC "
            "LIMIT 1",
            (cid, UNDO_DEPTH))
        return self._record(rows[0]) if rows else None

    def find(self, record_id: str) -> ActionRecord | None:
        rows = self.store.query("SELECT * FROM assistant_actions WHERE id = ?", (record_id,))
        return self._record(rows[0]) if rows else self.recent.get(record_id)

    def give_up(self, record: ActionRecord) -> None:
        super().give_up(record)
        with self.store.write() as db:
            db.execute("UPDATE assistant_actions SET refused_at = ? WHERE id = ?",
                       (to_iso(self.clock.now()), record.id))

    # -- internals ----------------------------------------------------------------------
    def _record(self, row: dict[str, Any]) -> ActionRecord:
        live = self.recent.get(row["id"])
        if live is not None:
            if row["undone_at"] is not None:
                live.undone = True  # another process took it back
            return live
        spec = json.loads(row["undo"])
        message = self.codec().open(_ACTIONS, row["id"], "message", row["message"],
                                    int(row["enc"]))
        record = ActionRecord(row["tool"], {}, True, message=message, id=row["id"],
                              undo_spec=spec, undone=row["undone_at"] is not None)
        self._bind(record, spec)
        return record

    def _bind(self, record: ActionRecord, spec: dict[str, Any]) -> None:
        def undo() -> None:
            with self.store.write() as db:
                claimed = db.execute(
                    "UPDATE assistant_actions SET undone_at = ? WHERE id = ? AND "
                    "undone_at IS NULL", (to_iso(self.clock.now()), record.id)).rowcount
                if not claimed:
                    if self.store.scalar("SELECT 1 FROM assistant_actions WHERE id = ?",
                                         (record.id,)) is None:
                        raise NargisError("I can't undo that any more.")
                    raise AlreadyUndoneError("That was already undone.")
                run_undo(self.services, spec)  # a failure rolls the claim back too

        record.bind_undo(undo)

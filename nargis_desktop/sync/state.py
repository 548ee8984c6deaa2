"""Sync's own tables: the last-synced snapshot, the conflict log, small key/value state.

The outbox is derived, not queued: a local row is waiting to go up exactly when
its content differs from the snapshot. A queue kept by hand can drift from the
rows (a crash between the two writes); a difference cannot.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from nargis_desktop.store import Store
from nargis_desktop.sync.merge import Conflict, Snap
from nargis_desktop.sync.schema import Entity


@dataclass(frozen=True)
class LoggedConflict:
    id: int
    at: str
    entity: str
    row_id: str
    kind: str
    winner: str
    local: dict[str, Any] | None
    remote: dict[str, Any] | None
    detail: str
    seen: bool

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at, "entity": self.entity, "row_id": self.row_id,
                "kind": self.kind, "winner": self.winner, "local": self.local,
                "remote": self.remote, "detail": self.detail, "seen": self.seen}


class SyncState:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- key/value -----------------------------------------------------------------
    def get(self, key: str, default: str | None = None) -> str | None:
        value = self.store.scalar("SELECT value FROM sync_state WHERE key = ?", (key,))
        return default if value is None else str(value)

    def set(self, **items: str | None) -> None:
        with self.store.write() as db:
            for key, value in items.items():
                if value is None:
                    db.execute("DELETE FROM sync_state WHERE key = ?", (key,))
                else:
                    db.execute("INSERT INTO sync_state(key, value) VALUES (?, ?) ON CONFLICT(key)"
                               " DO UPDATE SET value = excluded.value", (key, value))

    def get_json(self, key: str) -> Any:
        raw = self.get(key)
        return json.loads(raw) if raw else None

    # -- snapshot ------------------------------------------------------------------
    def snapshot(self, entity: Entity) -> dict[str, Snap]:
        rows = self.store.conn.execute(
            "SELECT row_id, hash, updated_at, on_sheet FROM sync_snapshot WHERE entity = ?",
            (entity.sheet,)).fetchall()
        return {r[0]: Snap(r[1], r[2], bool(r[3])) for r in rows}

    def save_snapshot(self, entity: Entity, snaps: dict[str, Snap]) -> None:
        """Inside the caller's transaction."""
        self.store.conn.executemany(
            "INSERT INTO sync_snapshot(entity, row_id, hash, updated_at, on_sheet) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(entity, row_id) DO UPDATE SET "
            "hash = excluded.hash, updated_at = excluded.updated_at, on_sheet = excluded.on_sheet",
            [(entity.sheet, k, s.hash, s.updated_at, int(s.on_sheet)) for k, s in snaps.items()])

    def forget_snapshot(self) -> None:
        """A different spreadsheet: everything is new to it."""
        with self.store.write() as db:
            db.execute("DELETE FROM sync_snapshot")

    def pending(self, entities: tuple[Entity, ...]) -> dict[str, int]:
        """Rows changed here since the last sync (the outbox), per worksheet."""
        out: dict[str, int] = {}
        for e in entities:
            extra = " AND t.enc != 0" if e.ciphertext_only else ""
            out[e.sheet] = int(self.store.scalar(
                f"SELECT COUNT(*) FROM {e.table} t LEFT JOIN sync_snapshot s "
                f"ON s.entity = ? AND s.row_id = t.id "
                f"WHERE (s.updated_at IS NULL OR s.updated_at != t.updated_at){extra}",
                (e.sheet,)))
        return out

    # -- conflict log --------------------------------------------------------------
    def log_conflicts(self, entity: Entity, conflicts: list[Conflict], at: str) -> None:
        """Inside the caller's transaction."""
        self.store.conn.executemany(
            "INSERT INTO sync_conflicts(at, entity, row_id, kind, winner, local_json, "
            "remote_json, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(at, entity.sheet, c.row_id, c.kind, c.winner,
              json.dumps(c.local, ensure_ascii=False) if c.local is not None else None,
              json.dumps(c.remote, ensure_ascii=False) if c.remote is not None else None,
              c.detail) for c in conflicts])

    def conflicts(self, *, limit: int = 100, unseen_only: bool = False) -> list[LoggedConflict]:
        where = "WHERE seen = 0" if unseen_only else ""
        rows = self.store.query(f"SELECT * FROM sync_conflicts {where} ORDER BY id DESC "
                                f"LIMIT {int(limit)}")
        return [LoggedConflict(r["id"], r["at"], r["entity"], r["row_id"], r["kind"],
                               r["winner"],
                               json.loads(r["local_json"]) if r["local_json"] else None,
                               json.loads(r["remote_json"]) if r["remote_json"] else None,
                               r["detail"], bool(r["seen"])) for r in rows]

    def unseen_conflicts(self) -> int:
        return int(self.store.scalar("SELECT COUNT(*) FROM sync_conflicts WHERE seen = 0"))

    def mark_conflicts_seen(self) -> None:
        with self.store.write() as db:
            db.execute("UPDATE sync_conflicts SET seen = 1 WHERE seen = 0")

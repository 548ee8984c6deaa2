"""Conversation memory in the ``conversations`` and ``messages`` tables.

A message that quotes the journal (a read-back, a reflection) is sealed with the
journal's codec, so when the vault encrypts the journal, those quotes are
encrypted too and never sit in plain text beside it. While the vault is locked
such messages are left out of the history the LLM sees.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from nargis_desktop.brain.llm import Message
from nargis_desktop.clock import Clock, to_iso
from nargis_desktop.core.base import new_id
from nargis_desktop.core.codec import FieldCodec
from nargis_desktop.errors import VaultLockedError
from nargis_desktop.store import Store

_TABLE = "messages"


class Memory:
    def __init__(self, store: Store, clock: Clock, journal_codec: Callable[[], FieldCodec]) -> None:
        self.store = store
        self.clock = clock
        self._codec = journal_codec
        self.conversation_id: str | None = None

    def start(self, title: str = "") -> str:
        now = to_iso(self.clock.now())
        cid = new_id()
        with self.store.write() as db:
            db.table("conversations").insert({"id": cid, "title": title[:80], "created_at": now,
                                              "updated_at": now, "deleted_at": None})
        self.conversation_id = cid
        return cid

    def resume_latest(self) -> str | None:
        cid = self.store.scalar("SELECT id FROM conversations WHERE deleted_at IS NULL "
                                "ORDER BY updated_at DESC LIMIT 1")
        self.conversation_id = str(cid) if cid else None
        return self.conversation_id

    def add(self, role: str, content: str, *, quotes_journal: bool = False,
            meta: dict[str, Any] | None = None) -> str:
        cid = self.conversation_id or self.start(
            content if role == "user" and not quotes_journal else "")
        msg_id = new_id()
        value: str | bytes = content
        enc = 0
        if quotes_journal:
            value, enc = self._codec().seal(_TABLE, msg_id, "content", content)
        now = to_iso(self.clock.now())
        with self.store.write() as db:
            db.table(_TABLE).insert({
                "id": msg_id, "conversation_id": cid, "role": role,
                "content": value, "enc": enc,
                "meta": json.dumps({**(meta or {}), "quotes_journal": quotes_journal}),
                "created_at": now, "updated_at": now, "deleted_at": None})
            db.table("conversations").update(cid, {"updated_at": now})
        return msg_id

    def history(self, limit: int = 12) -> list[Message]:
        """The latest turns, oldest first; journal quotes are skipped while locked."""
        if self.conversation_id is None:
            return []
        rows = self.store.query(
            "SELECT id, role, content, enc, meta FROM messages WHERE conversation_id = ? AND "
            "deleted_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT ?",
            (self.conversation_id, limit))
        out: list[Message] = []
        for row in reversed(rows):
            quotes = json.loads(row["meta"] or "{}").get("quotes_journal", False)
            try:
                text = (self._codec().open(_TABLE, row["id"], "content", row["content"],
                                           int(row["enc"]))
                        if quotes or row["enc"] else str(row["content"]))
            except VaultLockedError:
                continue
            if row["role"] in ("user", "assistant"):
                out.append(Message(row["role"], text))
        return out

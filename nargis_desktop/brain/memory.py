"""Conversation memory in the ``conversations`` and ``messages`` tables.

A message that quotes the journal (a read-back, a reflection) is sealed with the
journal's codec, so when the vault encrypts the journal, those quotes are
encrypted too and never sit in plain text beside it. While the vault is locked
such messages are left out of the history the LLM sees.

A long conversation is folded: the oldest messages (``summary_count`` of them,
oldest first) are covered by the conversation's running ``summary`` (see
``brain.summary``) and :meth:`Memory.history` returns only the messages after them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from nargis_desktop.brain.llm import Message
from nargis_desktop.brain.summary import FOLD_MAX, JOURNAL_LEFT_OUT, Summariser, merge
from nargis_desktop.clock import Clock, to_iso
from nargis_desktop.core.base import new_id
from nargis_desktop.core.codec import FieldCodec
from nargis_desktop.errors import VaultLockedError
from nargis_desktop.store import Store

_TABLE = "messages"
_ORDER = "ORDER BY created_at, rowid"


class Memory:
    def __init__(self, store: Store, clock: Clock, journal_codec: Callable[[], FieldCodec]) -> None:
        self.store = store
        self.clock = clock
        self._codec = journal_codec
        self.conversation_id: str | None = None
        #: Started by ensure() before its first message: the first user message names it.
        self._untitled = False

    def start(self, title: str = "") -> str:
        now = to_iso(self.clock.now())
        cid = new_id()
        with self.store.write() as db:
            db.table("conversations").insert({"id": cid, "title": title[:80], "created_at": now,
                                              "updated_at": now, "deleted_at": None})
        self.conversation_id = cid
        self._untitled = not title
        return cid

    def ensure(self) -> str:
        """The current conversation, started if there is none yet: a pending question or
        an undo record may need it before the turn's messages are saved."""
        return self.conversation_id or self.start()

    def conversation(self, create: bool) -> str | None:
        return self.ensure() if create else self.conversation_id

    def resume_latest(self) -> str | None:
        cid = self.store.scalar("SELECT id FROM conversations WHERE deleted_at IS NULL "
                                "ORDER BY updated_at DESC LIMIT 1")
        self.conversation_id = str(cid) if cid else None
        self._untitled = False
        return self.conversation_id

    def add(self, role: str, content: str, *, quotes_journal: bool = False,
            meta: dict[str, Any] | None = None) -> str:
        titled = role == "user" and not quotes_journal
        cid = self.conversation_id or self.start(content if titled else "")
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
            changes: dict[str, Any] = {"updated_at": now}
            if self._untitled and titled:
                changes["title"] = content[:80]
                self._untitled = False
            db.table("conversations").update(cid, changes)
        return msg_id

    # -- what the LLM sees ------------------------------------------------------------
    def history(self, limit: int = 12) -> list[Message]:
        """The latest messages not yet folded into the summary, oldest first; journal
        quotes are skipped while the vault is locked."""
        if self.conversation_id is None:
            return []
        _, folded = self._summary_row()
        total = int(self.store.scalar("SELECT COUNT(*) FROM messages WHERE conversation_id = ?",
                                      (self.conversation_id,)) or 0)
        rows = self.store.query(
            "SELECT id, role, content, enc, meta, deleted_at FROM messages WHERE "
            "conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?",
            (self.conversation_id, max(0, min(limit, total - folded))))
        out: list[Message] = []
        for row in reversed(rows):
            if row["deleted_at"] is not None or row["role"] not in ("user", "assistant"):
                continue
            try:
                text = (self._codec().open(_TABLE, row["id"], "content", row["content"],
                                           int(row["enc"]))
                        if _quotes(row) or row["enc"] else str(row["content"]))
            except VaultLockedError:
                continue
            out.append(Message(row["role"], text))
        return out

    def summary(self) -> str:
        """The running summary of the messages folded out of :meth:`history`."""
        return self._summary_row()[0] if self.conversation_id else ""

    def unfolded(self) -> int:
        """How many messages are not yet covered by the summary."""
        if self.conversation_id is None:
            return 0
        total = int(self.store.scalar("SELECT COUNT(*) FROM messages WHERE conversation_id = ?",
                                      (self.conversation_id,)) or 0)
        return total - self._summary_row()[1]

    def fold(self, keep: int, summarise: Summariser) -> bool:
        """Fold every message but the newest ``keep`` into the summary; True if it changed.

        The summariser (maybe a model, slow) runs outside any transaction; the result is
        written only if no other process folded this conversation meanwhile.
        """
        cid = self.conversation_id
        if cid is None:
            return False
        summary, folded = self._summary_row()
        total = int(self.store.scalar("SELECT COUNT(*) FROM messages WHERE conversation_id = ?",
                                      (cid,)) or 0)
        extra = total - folded - keep
        if extra <= 0:
            return False
        skip = max(0, extra - FOLD_MAX)  # too old to read: counted as folded
        rows = self.store.query(
            f"SELECT id, role, content, enc, meta, deleted_at FROM messages WHERE "
            f"conversation_id = ? {_ORDER} LIMIT ? OFFSET ?", (cid, extra - skip, folded + skip))
        lines = [Message(r["role"], JOURNAL_LEFT_OUT if _quotes(r) or r["enc"]
                         else str(r["content"]))
                 for r in rows if r["deleted_at"] is None and r["role"] in ("user", "assistant")]
        new = merge(summary, summarise(lines)) if lines else summary
        now = to_iso(self.clock.now())
        with self.store.write() as db:
            changed = db.execute(
                "UPDATE conversations SET summary = ?, summary_count = ?, updated_at = ? "
                "WHERE id = ? AND summary_count = ?",
                (new, folded + extra, now, cid, folded)).rowcount
        return bool(changed)

    def _summary_row(self) -> tuple[str, int]:
        rows = self.store.query("SELECT summary, summary_count FROM conversations WHERE id = ?",
                                (self.conversation_id,))
        if not rows:
            return "", 0
        return str(rows[0]["summary"] or ""), int(rows[0]["summary_count"] or 0)


def _quotes(row: dict[str, Any]) -> bool:
    return bool(json.loads(row["meta"] or "{}").get("quotes_journal", False))

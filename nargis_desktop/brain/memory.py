"""Conversation memory in the ``conversations`` and ``messages`` tables.

A message that quotes the journal (a read-back, a reflection) is sealed with the
journal's codec, so when the vault encrypts the journal, those quotes are
encrypted too and never sit in plain text beside it. While the vault is locked
such messages are left out of the history the LLM sees.

Everything else said to the assistant (and its answers, the conversation's title
and running summary) goes through the *state* codec: the tasks' codec, which seals
with the same vault key when "encrypt tasks too" is on and stores plain text
otherwise. Sealed rows need the vault unlocked to be read or written; while it is
locked, :meth:`Memory.add` and :meth:`Memory.fold` raise ``VaultLockedError`` before
writing anything, so nothing falls back to plain text.

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
from nargis_desktop.core.codec import FieldCodec, PlainCodec
from nargis_desktop.errors import VaultLockedError
from nargis_desktop.store import Store

_TABLE = "messages"
_CONVERSATIONS = "conversations"
_ORDER = "ORDER BY created_at, rowid"


class Memory:
    def __init__(self, store: Store, clock: Clock, journal_codec: Callable[[], FieldCodec],
                 state_codec: Callable[[], FieldCodec] | None = None) -> None:
        """``journal_codec`` seals quotes of the journal; ``state_codec`` everything else
        (by default plain: a bare memory in tests; the app passes the tasks' codec)."""
        self.store = store
        self.clock = clock
        self._codec = journal_codec
        self.state_codec: Callable[[], FieldCodec] = state_codec or PlainCodec
        self.conversation_id: str | None = None
        #: Started by ensure() before its first message: the first user message names it.
        self._untitled = False

    def start(self, title: str = "") -> str:
        now = to_iso(self.clock.now())
        cid = new_id()
        with self.store.write() as db:
            db.table(_CONVERSATIONS).insert({"id": cid, "title": "", "created_at": now,
                                             "updated_at": now, "deleted_at": None})
            if title:
                self._write_conversation(cid, {"title": title[:80]})
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
        """Store one message (sealed first: a locked vault raises before any write)."""
        titled = role == "user" and not quotes_journal
        msg_id = new_id()
        codec = self._codec() if quotes_journal else self.state_codec()
        value, enc = codec.seal(_TABLE, msg_id, "content", content)
        cid = self.conversation_id or self.start(content if titled else "")
        now = to_iso(self.clock.now())
        with self.store.write() as db:
            db.table(_TABLE).insert({
                "id": msg_id, "conversation_id": cid, "role": role,
                "content": value, "enc": enc,
                "meta": json.dumps({**(meta or {}), "quotes_journal": quotes_journal}),
                "created_at": now, "updated_at": now, "deleted_at": None})
            if self._untitled and titled:
                self._write_conversation(cid, {"title": content[:80]})
                self._untitled = False
            db.table(_CONVERSATIONS).update(cid, {"updated_at": now})
        return msg_id

    # -- what the LLM sees ------------------------------------------------------------
    def history(self, limit: int = 12) -> list[Message]:
        """The latest messages not yet folded into the summary, oldest first; journal
        quotes are skipped while the vault is locked."""
        if self.conversation_id is None:
            return []
        folded = self._folded()
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
                text = self._open_message(row)
            except VaultLockedError:
                continue
            out.append(Message(row["role"], text))
        return out

    def summary(self) -> str:
        """The running summary of the messages folded out of :meth:`history`."""
        return self._summary_row()[0] if self.conversation_id else ""

    def title(self) -> str:
        """The conversation's title (its first request), opened if it is sealed."""
        rows = self.store.query("SELECT id, title, summary, enc FROM conversations "
                                "WHERE id = ?", (self.conversation_id,))
        return self._open_conversation(rows[0], "title") if rows else ""

    def unfolded(self) -> int:
        """How many messages are not yet covered by the summary."""
        if self.conversation_id is None:
            return 0
        total = int(self.store.scalar("SELECT COUNT(*) FROM messages WHERE conversation_id = ?",
                                      (self.conversation_id,)) or 0)
        return total - self._folded()

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
        # a sealed message that can't be opened (locked) stops the fold: nothing is
        # counted as folded unread, and the next unlocked turn folds it
        lines = [Message(r["role"], JOURNAL_LEFT_OUT if _quotes(r) else self._open_message(r))
                 for r in rows if r["deleted_at"] is None and r["role"] in ("user", "assistant")]
        new = merge(summary, summarise(lines)) if lines else summary
        now = to_iso(self.clock.now())
        with self.store.write() as db:
            count = self.store.scalar("SELECT summary_count FROM conversations WHERE id = ?",
                                      (cid,))
            if count is None or int(count) != folded:  # another process folded meanwhile
                return False
            self._write_conversation(cid, {"summary": new})
            db.execute("UPDATE conversations SET summary_count = ?, updated_at = ? "
                       "WHERE id = ?", (folded + extra, now, cid))
        return True

    # -- internals ----------------------------------------------------------------------
    def _open_message(self, row: dict[str, Any]) -> str:
        """A message's text, opened by the codec that sealed it (VaultLockedError if locked)."""
        enc = int(row["enc"])
        if not enc and not _quotes(row):
            return _text(row["content"])
        codec = self._codec() if _quotes(row) else self.state_codec()
        return codec.open(_TABLE, row["id"], "content", row["content"], enc)

    def _folded(self) -> int:
        """How many messages the summary covers (read without opening it)."""
        return int(self.store.scalar("SELECT summary_count FROM conversations WHERE id = ?",
                                     (self.conversation_id,)) or 0)

    def _summary_row(self) -> tuple[str, int]:
        rows = self.store.query("SELECT id, summary, summary_count, enc FROM conversations "
                                "WHERE id = ?", (self.conversation_id,))
        if not rows:
            return "", 0
        row = rows[0]
        return self._open_conversation(row, "summary"), int(row["summary_count"] or 0)

    def _open_conversation(self, row: dict[str, Any], column: str) -> str:
        value, enc = row[column], int(row["enc"] or 0)
        if value in (None, "", b"") or not enc:  # empty fields are never sealed
            return _text(value)
        return self.state_codec().open(_CONVERSATIONS, row["id"], column, value, enc)

    def _write_conversation(self, cid: str, changes: dict[str, str]) -> None:
        """Inside a write transaction: set title and/or summary, re-sealing both.

        One ``enc`` covers the row, so the column left alone is opened and sealed again
        under the same key version as the new one (as a task's title and notes are).
        """
        rows = self.store.query("SELECT id, title, summary, enc FROM conversations "
                                "WHERE id = ?", (cid,))
        if not rows:
            return
        row = rows[0]
        plain = {c: changes[c] if c in changes else self._open_conversation(row, c)
                 for c in ("title", "summary")}
        codec = self.state_codec()
        values: dict[str, Any] = {}
        enc = 0
        for column, text in plain.items():
            values[column], version = codec.seal(_CONVERSATIONS, cid, column, text) \
                if text else ("", 0)
            enc = enc or version
        self.store.conn.execute("UPDATE conversations SET title = ?, summary = ?, enc = ? "
                                "WHERE id = ?", (values["title"], values["summary"], enc, cid))


def _quotes(row: dict[str, Any]) -> bool:
    return bool(json.loads(row["meta"] or "{}").get("quotes_journal", False))


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)

"""Journal entries. Title and body go through the codec, so the vault can encrypt them."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from nargis_desktop.clock import to_iso
from nargis_desktop.core.base import Service, new_id, opt_time
from nargis_desktop.core.types import JournalEntry, Mood, Source
from nargis_desktop.core.validation import MAX_BODY, clean_tags, clean_text, parse_enum
from nargis_desktop.errors import ValidationError
from nargis_desktop.vault.errors import DamagedEntryError

_UNSET: Any = object()


class JournalService(Service):
    table = "journal_entries"
    noun = "journal entry"

    def _row_to_entry(self, row: dict[str, Any]) -> JournalEntry:
        return JournalEntry(
            id=row["id"],
            title=self.open_text(row, "title") if row["title"] else "",
            body=self.open_text(row, "body"),
            mood=Mood(row["mood"]) if row["mood"] else None,
            tags=json.loads(row["tags"]),
            source=Source(row["source"]),
            created_at=opt_time(row["created_at"]),
            updated_at=opt_time(row["updated_at"]),
        )

    @staticmethod
    def _mood(mood: str | Mood | None) -> Mood | None:
        return parse_enum(Mood, mood, "mood") if mood else None

    def add(self, body: str, *, title: str = "", mood: str | Mood | None = None,
            tags: list[str] | None = None, source: str | Source = Source.TYPED) -> JournalEntry:
        body = clean_text(body, "entry", max_len=MAX_BODY)
        if not body:
            raise ValidationError("A journal entry can't be empty.")
        title = clean_text(title, "title", max_len=500)
        m = self._mood(mood)
        src = parse_enum(Source, source, "source")
        tag_list = clean_tags(tags)
        entry_id = new_id()
        now = self.now_iso()
        with self.store.write() as db:
            # sealed inside the transaction, so a key rotated by another process can't interleave
            body_v, enc = self.seal(entry_id, "body", body)
            title_v = self.seal(entry_id, "title", title)[0] if title else ""
            db.table("journal_entries").insert({
                "id": entry_id, "title": title_v, "body": body_v, "enc": enc,
                "mood": m.value if m else None, "tags": json.dumps(tag_list),
                "source": src.value, "created_at": now, "updated_at": now, "deleted_at": None})
        self.emit("journal.added", entry_id)
        return self.get(entry_id)

    def get(self, ref: str, *, include_deleted: bool = False) -> JournalEntry:
        entry_id = self.resolve_id(ref, include_deleted=include_deleted)
        return self._row_to_entry(
            self.store.query("SELECT * FROM journal_entries WHERE id = ?", (entry_id,))[0])

    def edit(self, ref: str, *, body: str | None = None, title: str | None = None,
             mood: Any = _UNSET, tags: list[str] | None = None) -> JournalEntry:
        entry = self.get(ref)
        changes: dict[str, Any] = {}
        texts: dict[str, str] = {}
        if body is not None or title is not None:
            new_body = clean_text(body, "entry", max_len=MAX_BODY) if body is not None \
                else entry.body
            if not new_body:
                raise ValidationError("A journal entry can't be empty.")
            new_title = clean_text(title, "title", max_len=500) if title is not None \
                else entry.title
            texts = {"body": new_body, "title": new_title}
        if mood is not _UNSET:
            m = self._mood(mood)
            changes["mood"] = m.value if m else None
        if tags is not None:
            changes["tags"] = json.dumps(clean_tags(tags))
        if not changes and not texts:
            return entry
        changes["updated_at"] = self.now_iso()
        with self.store.write() as db:
            if texts:
                changes["body"], changes["enc"] = self.seal(entry.id, "body", texts["body"])
                changes["title"] = (self.seal(entry.id, "title", texts["title"])[0]
                                    if texts["title"] else "")
            db.table("journal_entries").update(entry.id, changes)
        self.emit("journal.edited", entry.id)
        return self.get(entry.id)

    def delete(self, ref: str) -> str:
        entry_id = self.resolve_id(ref)
        now = self.now_iso()
        with self.store.write() as db:
            db.table("journal_entries").update(entry_id, {"deleted_at": now, "updated_at": now})
        self.emit("journal.deleted", entry_id)
        return entry_id

    def restore(self, entry_id: str) -> None:
        with self.store.write() as db:
            db.table("journal_entries").update(entry_id, {"deleted_at": None,
                                                    "updated_at": self.now_iso()})
        self.emit("journal.restored", entry_id)

    def _where(self, mood: str | Mood | None, tag: str | None, since: date | datetime | None,
               until: date | datetime | None) -> tuple[str, list[Any]]:
        where = ["deleted_at IS NULL"]
        params: list[Any] = []
        m = self._mood(mood)
        if m:
            where.append("mood = ?")
            params.append(m.value)
        if tag:
            where.append("EXISTS (SELECT 1 FROM json_each(journal_entries.tags) WHERE value = ?)")
            params.append(clean_tags([tag])[0])
        for bound, op in ((since, ">="), (until, "<")):
            if bound is None:
                continue
            instant = bound if isinstance(bound, datetime) else self.clock.start_of_day(bound)
            where.append(f"created_at {op} ?")
            params.append(to_iso(instant))
        return " AND ".join(where), params

    def list(self, *, mood: str | Mood | None = None, tag: str | None = None,
             since: date | datetime | None = None, until: date | datetime | None = None,
             limit: int | None = None) -> list[JournalEntry]:
        """Newest first. ``until`` is exclusive (a date means the start of that day)."""
        where, params = self._where(mood, tag, since, until)
        sql = f"SELECT * FROM journal_entries WHERE {where} ORDER BY created_at DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        entries = []
        for row in self.store.query(sql, params):
            try:
                entries.append(self._row_to_entry(row))
            except DamagedEntryError as exc:  # one damaged entry must not hide the others
                self.emit("journal.damaged", row["id"], reason=str(exc))
        return entries

    def latest(self) -> JournalEntry | None:
        entries = self.list(limit=1)
        return entries[0] if entries else None

    def count(self) -> int:
        return int(self.store.scalar(
            "SELECT COUNT(*) FROM journal_entries WHERE deleted_at IS NULL"))

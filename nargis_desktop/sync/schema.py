"""Which tables map to which worksheets, and how one value looks in a cell and in SQLite.

A row is compared in one *canonical* form (the SQLite values, bytes as base64),
so "changed here" and "changed there" are decided on content, never on how the
sheet happened to format a number. Parsing a cell that cannot be a value of its
column raises :class:`CellError`; the engine then skips that row and reports it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from nargis_desktop.clock import to_iso
from nargis_desktop.core.codec import normalize_name

#: Spreadsheet epoch for date serial numbers (what Sheets stores when a person types a date).
_SERIAL_EPOCH = datetime(1899, 12, 30)
_CANONICAL_INSTANT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")


class CellError(ValueError):
    """A cell that cannot be read as its column's type; the message names both."""


@dataclass(frozen=True)
class Column:
    name: str
    #: id, text, secret (text that may be ciphertext), int, float, bool, instant, day,
    #: enum, tags, ref
    kind: str
    nullable: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    #: table an id in this column points to (checked before applying)
    ref: str | None = None


@dataclass(frozen=True)
class Entity:
    sheet: str
    table: str
    columns: tuple[Column, ...]
    #: journal: rows go up only when encrypted; a plaintext row is never uploaded
    ciphertext_only: bool = False
    #: columns a new sheet row must fill in
    required: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _stamps() -> tuple[Column, ...]:
    return (Column("created_at", "instant"), Column("updated_at", "instant"),
            Column("deleted_at", "instant", nullable=True))


TASKS = Entity("Tasks", "tasks", (
    Column("id", "id"),
    Column("title", "secret"),
    Column("status", "enum", default="todo", choices=("todo", "doing", "done")),
    Column("priority", "enum", default="normal", choices=("low", "normal", "high")),
    Column("due_at", "instant", nullable=True),
    Column("due_all_day", "bool", default=0),
    Column("notes", "secret", default=""),
    Column("tags", "tags", default="[]"),
    Column("completed_at", "instant", nullable=True),
    Column("parent_id", "ref", nullable=True, ref="tasks"),
    Column("recurrence", "text", nullable=True),
    Column("series_id", "text", nullable=True),
    Column("enc", "int", default=0),
    *_stamps(),
), required=("title",))

HABITS = Entity("Habits", "habits", (
    Column("id", "id"),
    Column("name", "secret"),
    Column("target", "int", default=1),
    Column("unit", "text", default="times"),
    Column("frequency", "enum", default="daily", choices=("daily", "weekly")),
    Column("color", "text", nullable=True),
    Column("archived", "bool", default=0),
    Column("enc", "int", default=0),
    #: only for encrypted names (a keyed hash); plain names derive it
    Column("name_key", "text", nullable=True),
    *_stamps(),
), required=("name",))

HABIT_LOG = Entity("HabitLog", "habit_entries", (
    Column("id", "id"),
    Column("habit_id", "ref", ref="habits"),
    Column("day", "day"),
    Column("count", "int", default=1),
    *_stamps(),
), required=("habit_id", "day"))

FOCUS = Entity("FocusSessions", "focus_sessions", (
    Column("id", "id"),
    Column("task_id", "ref", nullable=True, ref="tasks"),
    Column("kind", "enum", default="work", choices=("work", "short_break", "long_break")),
    Column("planned_minutes", "int", default=25),
    Column("started_at", "instant"),
    Column("ended_at", "instant", nullable=True),
    Column("completed", "bool", default=0),
    Column("paused_at", "instant", nullable=True),
    Column("paused_seconds", "float", default=0.0),
    *_stamps(),
), required=("started_at",))

JOURNAL = Entity("Journal", "journal_entries", (
    Column("id", "id"),
    Column("title", "secret", default=""),
    Column("body", "secret"),
    Column("enc", "int", default=0),
    Column("mood", "enum", nullable=True, choices=("great", "good", "okay", "bad", "awful")),
    Column("tags", "tags", default="[]"),
    Column("source", "enum", default="typed", choices=("typed", "voice")),
    *_stamps(),
), ciphertext_only=True, required=("body",))

#: Parents first, so references resolve in the order rows are applied.
ENTITIES: tuple[Entity, ...] = (TASKS, HABITS, HABIT_LOG, FOCUS)


def entities(include_journal: bool) -> tuple[Entity, ...]:
    return (*ENTITIES, JOURNAL) if include_journal else ENTITIES


# -- canonical form ------------------------------------------------------------------

def canonical(entity: Entity, values: dict[str, Any]) -> str:
    """One JSON text per row content; equal text means equal rows."""
    out = []
    for col in entity.columns:
        v = values.get(col.name)
        out.append({"b64": base64.b64encode(v).decode("ascii")} if isinstance(v, bytes) else v)
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def from_db(entity: Entity, row: dict[str, Any]) -> dict[str, Any]:
    """A SQLite row to the canonical values of the synced columns."""
    enc = int(row.get("enc") or 0)
    out: dict[str, Any] = {}
    for col in entity.columns:
        v = row.get(col.name)
        if col.kind == "secret":
            v = bytes(v) if enc and isinstance(v, bytes | bytearray | memoryview) and v \
                else (v.decode("utf-8") if isinstance(v, bytes) else (v or ""))
        elif col.kind in ("int", "bool"):
            v = int(v) if v is not None else col.default
        elif col.kind == "float":
            v = float(v) if v is not None else float(col.default or 0)
        elif col.kind == "tags":
            v = json.dumps(json.loads(v or "[]"))
        elif col.name == "name_key":
            v = v if enc else None
        elif col.nullable and v == "":
            v = None
        out[col.name] = v
    return out


def to_db(entity: Entity, values: dict[str, Any]) -> dict[str, Any]:
    """Canonical values to the columns written to SQLite (derived columns filled in)."""
    out = dict(values)
    if entity.table == "habits" and not int(values.get("enc") or 0):
        out["name_key"] = normalize_name(str(values["name"]))
    return out


# -- cells ---------------------------------------------------------------------------

def to_cell(col: Column, value: Any) -> Any:
    """What a cell shows: readable text, numbers and booleans; ciphertext as base64."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if col.kind == "bool":
        return bool(value)
    if col.kind == "tags":
        return ", ".join(json.loads(value))
    return value


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _instant(raw: Any, tz: tzinfo) -> str:
    if isinstance(raw, str) and _CANONICAL_INSTANT.fullmatch(raw):
        return raw  # what Nargis wrote: already canonical (the common case, by far)
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, int | float):
        local = (_SERIAL_EPOCH + timedelta(days=float(raw))).replace(tzinfo=tz)
        return to_iso(local)
    text = str(raw).strip()
    if len(text) == 10:
        d = date.fromisoformat(text)
        return to_iso(datetime(d.year, d.month, d.day, tzinfo=tz))
    dt = datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=tz)
    return to_iso(dt.astimezone(UTC))


def _day(raw: Any) -> str:
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, int | float):
        return (_SERIAL_EPOCH + timedelta(days=int(raw))).date().isoformat()
    return date.fromisoformat(str(raw).strip()[:10] if "T" in str(raw) else str(raw).strip()
                              ).isoformat()


def _int(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, float):
        if not raw.is_integer():
            raise ValueError
        return int(raw)
    return int(str(raw).strip()) if not isinstance(raw, int) else raw


def _bool(raw: Any) -> int:
    if isinstance(raw, bool):
        return int(raw)
    if isinstance(raw, int | float) and raw in (0, 1):
        return int(raw)
    text = str(raw).strip().lower()
    if text in ("true", "yes", "y", "1", "x", "✓"):
        return 1
    if text in ("false", "no", "n", "0"):
        return 0
    raise ValueError


def parse_cell(col: Column, raw: Any, *, enc: int, tz: tzinfo) -> Any:
    """A sheet cell to its canonical value; CellError names what is wrong."""
    if _blank(raw):
        if col.kind == "secret":
            return "" if col.default == "" or not enc else _missing(col)
        if col.nullable:
            return None
        if col.default is not None:
            return col.default
        return _missing(col)
    try:
        if col.kind == "id" or col.kind == "ref":
            return str(uuid.UUID(str(raw).strip()))
        if col.kind == "secret":
            if enc:
                return base64.b64decode(str(raw).strip(), validate=True)
            return str(raw)
        if col.kind == "text":
            return str(raw)
        if col.kind == "int":
            return _int(raw)
        if col.kind == "float":
            if isinstance(raw, bool):
                raise ValueError
            return float(raw)
        if col.kind == "bool":
            return _bool(raw)
        if col.kind == "instant":
            return _instant(raw, tz)
        if col.kind == "day":
            return _day(raw)
        if col.kind == "enum":
            text = str(raw).strip().lower().replace(" ", "_")
            if text not in col.choices:
                raise CellError(f"'{col.name}' must be one of {', '.join(col.choices)}, "
                                f"not {str(raw)!r}")
            return text
        if col.kind == "tags":
            tags = [t.strip() for t in str(raw).split(",") if t.strip()]
            return json.dumps(tags)
    except (ValueError, TypeError, OverflowError, binascii.Error) as exc:
        if isinstance(exc, CellError):
            raise
        raise CellError(f"'{col.name}' cannot be read as {_KIND_WORDS.get(col.kind, col.kind)}: "
                        f"{str(raw)!r}") from None
    raise AssertionError(col.kind)  # pragma: no cover


def _missing(col: Column) -> Any:
    raise CellError(f"'{col.name}' is empty")


_KIND_WORDS = {"id": "an id", "ref": "an id", "int": "a whole number", "float": "a number",
               "bool": "yes/no", "instant": "a date and time (e.g. 2026-11-25T09:30:00Z)",
               "day": "a date (YYYY-MM-DD)", "secret": "base64 ciphertext"}

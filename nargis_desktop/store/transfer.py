"""Export and import of the raw rows: lossless, and ciphertext stays ciphertext.

The JSON export is the backup format: every row of every table, tombstones
included, bytes as base64, plus the ``meta`` table (which holds the journal
vault header, so an encrypted journal re-imports and unlocks with the same
passphrase). CSV writes one file per table for spreadsheets.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from nargis_desktop import __version__
from nargis_desktop.errors import ImportFormatError, StoreWriteError
from nargis_desktop.store.db import Store, translate
from nargis_desktop.store.migrations import LATEST

FORMAT = "nargis-export"
FORMAT_VERSION = 1
#: Parents before children, so foreign keys hold while importing.
TABLES = ("tasks", "habits", "habit_entries", "journal_entries", "focus_sessions",
          "conversations", "messages", "meta")
B64 = "$base64"


def _encode(value: Any) -> Any:
    return {B64: base64.b64encode(value).decode("ascii")} if isinstance(value, bytes) else value


def _decode(value: Any) -> Any:
    """A JSON value back to what SQLite stores; ValueError when it can't be one."""
    if isinstance(value, dict) and set(value) == {B64} and isinstance(value[B64], str):
        try:
            return base64.b64decode(value[B64], validate=True)
        except binascii.Error as exc:
            raise ValueError(f"bad base64 ({exc})") from None
    if value is None or isinstance(value, str | int | float):
        return value
    raise ValueError(f"a {type(value).__name__} is not a column value")


def dump_tables(store: Store) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        order = "key" if table == "meta" else "created_at, id"
        out[table] = [{k: _encode(v) for k, v in row.items()}
                      for row in store.query(f"SELECT * FROM {table} ORDER BY {order}")]
    return out


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write to a temp file beside ``path`` and rename, so a crash leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StoreWriteError(f"Could not write {path}: {exc.strerror or exc}.") from exc


def export_json(store: Store, path: Path,
                tables: dict[str, list[dict[str, Any]]] | None = None) -> Path:
    """``tables`` replaces the raw rows (the vault's ``--decrypt`` copy)."""
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": store.schema_version,
        "app_version": __version__,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "tables": tables if tables is not None else dump_tables(store),
    }
    atomic_write(path, json.dumps(doc, ensure_ascii=False, indent=1))
    return path


def export_csv(store: Store, folder: Path,
               tables: dict[str, list[dict[str, Any]]] | None = None) -> list[Path]:
    written = []
    for table, rows in (tables if tables is not None else dump_tables(store)).items():
        if table == "meta":
            continue
        cols = [r[1] for r in store.conn.execute(f"PRAGMA table_info({table})")]
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (v[B64] if isinstance(v, dict) else v) for k, v in row.items()})
        path = folder / f"{table}.csv"
        atomic_write(path, buf.getvalue())
        written.append(path)
    return written


def read_export(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Parse and check an export file; raise ImportFormatError saying what is wrong."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFormatError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    try:
        doc = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ImportFormatError(f"{path} is not a Nargis JSON export ({exc}).") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportFormatError(f"{path} is not a Nargis JSON export (no 'format' marker).")
    schema = doc.get("schema_version", 0)
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise ImportFormatError(f"{path} has a bad 'schema_version' ({schema!r}).")
    if schema > LATEST:
        raise ImportFormatError(
            f"{path} was written by a newer Nargis (schema {doc['schema_version']}, this one "
            f"reads up to {LATEST}).", hint="Update Nargis to import it.")
    tables = doc.get("tables")
    if not isinstance(tables, dict):
        raise ImportFormatError(f"{path} has no 'tables' section.")
    unknown = set(tables) - set(TABLES)
    if unknown:
        raise ImportFormatError(f"{path} has unknown tables: {', '.join(sorted(unknown))}.")
    for table, rows in tables.items():
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ImportFormatError(f"{path}: '{table}' must be a list of rows.")
    return tables


def import_json(store: Store, path: Path) -> dict[str, dict[str, int]]:
    """Merge an export into the store in one transaction.

    New ids are inserted; an existing id is replaced only when the imported row
    is newer (``updated_at``). Any bad row aborts the whole import: nothing is
    half-imported.
    """
    tables = read_export(path)
    summary: dict[str, dict[str, int]] = {}
    with store.write():
        # rows arrive in created order, and a task may point at a parent made later:
        # check references once, at the end, instead of row by row
        store.conn.execute("PRAGMA defer_foreign_keys = ON")
        for table in TABLES:
            rows = tables.get(table, [])
            summary[table] = _merge(store, table, rows, path)
        broken = store.conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken is not None:
            row_id = store.conn.execute(f"SELECT id FROM {broken[0]} WHERE rowid = ?",
                                        (broken[1],)).fetchone()
            raise ImportFormatError(
                f"{path}: row {row_id[0] if row_id else '?'} in '{broken[0]}' refers to a "
                f"missing row of '{broken[2]}'; nothing was imported.")
    return summary


def _same_vault(key: str, local: str, imported: Any) -> bool:
    """A vault header that changed only by a passphrase change or rotation is the same
    vault: keep this database's (newer) header rather than refusing the import."""
    if key != "vault" or not isinstance(imported, str):
        return False
    try:
        return bool(json.loads(local).get("vault_id") == json.loads(imported).get("vault_id"))
    except (json.JSONDecodeError, AttributeError):
        return False


def _merge(store: Store, table: str, rows: Iterable[dict[str, Any]],
           path: Path) -> dict[str, int]:
    cols = [r[1] for r in store.conn.execute(f"PRAGMA table_info({table})")]
    key = "key" if table == "meta" else "id"
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    for row in rows:
        extra = set(row) - set(cols)
        if extra or key not in row:
            raise ImportFormatError(
                f"{path}: a row in '{table}' has unexpected fields "
                f"{sorted(extra) or ['(no ' + key + ')']}; nothing was imported.")
        try:
            values = {c: _decode(row.get(c)) for c in cols if c in row}
        except ValueError as exc:
            raise ImportFormatError(
                f"{path}: row {row.get(key)!r} in '{table}' has a bad value ({exc}); "
                "nothing was imported.") from exc
        current = store.conn.execute(
            f"SELECT {'value' if table == 'meta' else 'updated_at'} FROM {table} "
            f"WHERE {key} = ?", (values[key],)).fetchone()
        try:
            if current is None:
                names = ", ".join(values)
                store.conn.execute(
                    f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(values))})",
                    list(values.values()))
                counts["added"] += 1
            elif table == "meta":
                if current[0] != values.get("value") and not _same_vault(
                        str(values[key]), str(current[0]), values.get("value")):
                    raise ImportFormatError(
                        f"{path}: its '{values[key]}' setting differs from this database's "
                        "(for the journal: it was encrypted by another vault); nothing was "
                        "imported.", hint="Import into an empty data folder instead.")
                counts["unchanged"] += 1
            elif str(values.get("updated_at", "")) > str(current[0]):
                sets = ", ".join(f"{c} = ?" for c in values if c != key)
                store.conn.execute(f"UPDATE {table} SET {sets} WHERE {key} = ?",
                                   [v for c, v in values.items() if c != key] + [values[key]])
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
        except sqlite3.IntegrityError as exc:
            raise ImportFormatError(
                f"{path}: row {values.get(key)} in '{table}' breaks a rule ({exc}); "
                "nothing was imported.") from exc
        except sqlite3.Error as exc:
            raise translate(exc, store.path) from exc
    return counts

"""Re-sealing many rows inside the caller's transaction (vault creation, rotation, policy).

Every function here runs inside ``with store.write():`` so SQLite's atomic
commit decides the outcome: all rows in the new form, or none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from nargis_desktop.core.codec import normalize_name
from nargis_desktop.store import Store
from nargis_desktop.vault.cipher import FieldKey
from nargis_desktop.vault.errors import DamagedEntryError
from nargis_desktop.vault.tables import is_empty, key_column

Progress = Callable[[int, int], None]
BATCH = 500


@dataclass
class ResealReport:
    changed: int = 0
    damaged: list[DamagedEntryError] = field(default_factory=list)


def iter_rows(store: Store, table: str, columns: tuple[str, ...], where: str,
          params: tuple[Any, ...] = ()) -> Iterator[dict[str, Any]]:
    """Rows in id order, fetched in batches (a rotation of 100k rows never holds them all).

    The row id comes back as ``id`` whatever the table calls it (see ``key_column``).
    """
    key = key_column(table)
    cols = ", ".join((f"{key} AS id", "enc", *columns))
    last = ""
    while True:
        batch = store.query(f"SELECT {cols} FROM {table} WHERE {where} AND {key} > ? "
                            f"ORDER BY {key} LIMIT {BATCH}", (*params, last))
        if not batch:
            return
        yield from batch
        last = batch[-1]["id"]


def count(store: Store, table: str, where: str, params: tuple[Any, ...] = ()) -> int:
    return int(store.scalar(f"SELECT COUNT(*) FROM {table} WHERE {where}", params))


def open_row(row: dict[str, Any], table: str, columns: tuple[str, ...],
             keys: dict[int, FieldKey]) -> dict[str, str]:
    """Plaintext of every column, or DamagedEntryError naming the row."""
    enc = int(row["enc"])
    out: dict[str, str] = {}
    for col in columns:
        value = row[col]
        if is_empty(value):
            out[col] = ""
        elif enc == 0:
            out[col] = value.decode("utf-8") if isinstance(value, bytes) else str(value)
        else:
            key = keys.get(enc)
            if key is None:
                raise DamagedEntryError(table, row["id"], col, f"key version {enc} is unknown")
            out[col] = key.open(table, row["id"], col, value)
    return out


def reseal(store: Store, table: str, columns: tuple[str, ...], *, where: str,
           params: tuple[Any, ...] = (), old: dict[int, FieldKey], new: FieldKey | None,
           skip_damaged: bool = False, progress: Progress | None = None,
           done: int = 0, total: int = 0) -> ResealReport:
    """Decrypt with ``old`` (enc 0 = plaintext) and store under ``new`` (None = plaintext)."""
    report = ResealReport()
    pending: list[list[Any]] = []
    names = [*columns, *(["name_key"] if table == "habits" else [])]
    sql = (f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in names)}, enc = ? "
           f"WHERE {key_column(table)} = ? AND enc = ?")
    for row in iter_rows(store, table, columns, where, params):
        try:
            plain = open_row(row, table, columns, old)
        except DamagedEntryError as exc:
            if not skip_damaged:
                raise
            report.damaged.append(exc)
            continue
        values: list[Any] = [
            "" if not plain[c] else new.seal(table, row["id"], c, plain[c]) if new else plain[c]
            for c in columns]
        if table == "habits":
            values.append(new.name_key(plain["name"]) if new else normalize_name(plain["name"]))
        pending.append([*values, new.version if new else 0, row["id"], row["enc"]])
        if len(pending) >= BATCH:
            _flush(store, sql, pending, report)
            if progress:
                progress(done + report.changed, total)
    _flush(store, sql, pending, report)
    if progress:
        progress(done + report.changed, total)
    return report


def _flush(store: Store, sql: str, pending: list[list[Any]], report: ResealReport) -> None:
    if pending:
        store.conn.executemany(sql, pending)
        report.changed += len(pending)
        pending.clear()

"""The SQLite connection: safe opening, migrations, and one transaction per user action."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nargis_desktop.errors import (
    CorruptDatabaseError,
    SchemaTooNewError,
    StoreBusyError,
    StoreError,
    StoreWriteError,
)
from nargis_desktop.store.migrations import LATEST, MIGRATIONS

if TYPE_CHECKING:
    import sqlite_utils

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def translate(exc: sqlite3.Error, path: Path) -> StoreError:
    """Turn SQLite's terse errors into messages a person can act on."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreBusyError(
            f"The database {path} is busy: another Nargis window or command is writing.",
            hint="Try again in a moment.",
        )
    if "full" in text:
        return StoreWriteError(f"The disk holding {path} is full; nothing was saved.",
                               hint="Free some space and try again.")
    if "readonly" in text or "read-only" in text or "unable to open" in text \
            or "permission" in text or "disk i/o" in text:
        return StoreWriteError(
            f"Cannot write to {path} ({exc}); nothing was saved.",
            hint="Check that the data folder is writable, or choose another with --home.",
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return CorruptDatabaseError(
            f"{path} is damaged or is not a Nargis database ({exc}).",
            hint="It was left untouched; restore a backup or choose another data folder.",
        )
    return StoreError(f"Database error in {path}: {exc}")


def _probe_existing(path: Path) -> int:
    """Check an existing file without writing to it; return its schema version."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreWriteError(f"Cannot read the database {path}: {exc.strerror}.") from exc
    if head and head != SQLITE_MAGIC:
        raise CorruptDatabaseError(
            f"{path} is not a SQLite database (damaged, or another kind of file).",
            hint="It was left untouched; restore a backup or choose another data folder.",
        )
    if not head:
        return 0
    # With no write-ahead log beside it, the file alone is the whole truth: read it as
    # immutable, so a refused (damaged or too new) database gets no -wal/-shm files either.
    wal = path.with_name(path.name + "-wal")
    flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?{flags}", uri=True, timeout=5)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc
    return version


class Store:
    """Owns the one SQLite connection of this process.

    Writes go through :meth:`write`, which takes the write lock up front
    (``BEGIN IMMEDIATE``) so two processes never deadlock on a lock upgrade.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        existing = path.exists()
        version = _probe_existing(path) if existing else 0
        if version > LATEST:
            raise SchemaTooNewError(
                f"{path} uses schema version {version}, but this Nargis understands up to "
                f"version {LATEST}.",
                hint="Update Nargis to open it; the file was not changed.",
            )
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                   check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            # deleted or re-encrypted text must not linger in free pages (Debian's SQLite
            # does this by default; the Windows and macOS builds don't)
            conn.execute("PRAGMA secure_delete = ON")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise sqlite3.OperationalError(f"cannot enable WAL (journal mode is {mode})")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            raise translate(exc, path) from exc
        self.conn = conn
        if version < LATEST:
            self._migrate(version, backup=existing and version > 0)

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection; imported on first write (it is slow
        to import, and read-only commands never need it)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    # -- transactions ---------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One user action = one transaction; nested calls join the outer one."""
        with self._lock:
            if self.conn.in_transaction:
                with self.db.atomic() as db:
                    yield db
                return
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise translate(exc, self.path) from exc
            try:
                yield self.db
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise translate(exc, self.path) from exc
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        with self._lock:
            try:
                cur = self.conn.execute(sql, params)
                cols = [c[0] for c in cur.description or ()]
                return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
            except sqlite3.Error as exc:
                raise translate(exc, self.path) from exc

    def scalar(self, sql: str, params: Any = ()) -> Any:
        with self._lock:
            try:
                row = self.conn.execute(sql, params).fetchone()
            except sqlite3.Error as exc:
                raise translate(exc, self.path) from exc
        return None if row is None else row[0]

    def checkpoint(self) -> None:
        """Fold the WAL into the main file (before backups and leak scans)."""
        with self._lock:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def meta_get(self, key: str) -> str | None:
        value = self.scalar("SELECT value FROM meta WHERE key = ?", (key,))
        return None if value is None else str(value)

    def meta_set(self, key: str, value: str) -> None:
        with self.write() as db:
            db.execute("INSERT INTO meta(key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    @property
    def schema_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    # -- migrations -----------------------------------------------------------------
    def _migrate(self, current: int, *, backup: bool) -> None:
        if backup:
            self._backup(current)
        for version, step in MIGRATIONS:
            if version <= current:
                continue
            with self.write():
                if isinstance(step, str):
                    for statement in _split_sql(step):
                        self.conn.execute(statement)
                else:
                    step(self.conn)
                self.conn.execute(f"PRAGMA user_version = {version}")

    def _backup(self, version: int) -> None:
        """Keep a copy of the database as it was before a schema upgrade."""
        target = self.path.with_name(f"{self.path.name}.v{version}.bak")
        if target.exists():
            return
        try:
            dest = sqlite3.connect(target)
            with dest:
                self.conn.backup(dest)
            dest.close()
        except (sqlite3.Error, OSError) as exc:
            target.unlink(missing_ok=True)
            raise StoreWriteError(
                f"Could not back up {self.path} before upgrading it: {exc}; nothing changed."
            ) from exc


def _split_sql(script: str) -> list[str]:
    """Split a migration script into statements (executescript would COMMIT our transaction)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out

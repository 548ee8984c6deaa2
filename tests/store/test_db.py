"""The SQLite store: pragmas, migrations, one transaction per action, and every fault."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from nargis_desktop.app import App
from nargis_desktop.clock import FixedClock
from nargis_desktop.errors import (
    CorruptDatabaseError,
    SchemaTooNewError,
    StoreBusyError,
    StoreWriteError,
    ValidationError,
)
from nargis_desktop.paths import DataHome
from nargis_desktop.store import Store
from nargis_desktop.store import db as db_module
from nargis_desktop.store.migrations import LATEST, MIGRATIONS

SYNCABLE = ("tasks", "habits", "habit_entries", "journal_entries", "focus_sessions",
            "conversations", "messages")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "nargis.db")
    yield s  # type: ignore[misc]
    s.close()


# -- the connection ------------------------------------------------------------------------

def test_pragmas(store: Store) -> None:
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA busy_timeout") == db_module.BUSY_TIMEOUT_MS > 0
    assert store.schema_version == LATEST == MIGRATIONS[-1][0]
    assert store.scalar("PRAGMA integrity_check") == "ok"


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(Exception), store.write() as db:  # noqa: B017 - any store error
        db.execute("INSERT INTO habit_entries (id, habit_id, day, count, created_at, "
                   "updated_at) VALUES ('e', 'no-such-habit', '2026-01-01', 1, 'x', 'x')")
    assert store.scalar("SELECT COUNT(*) FROM habit_entries") == 0


@pytest.mark.parametrize("table", SYNCABLE)
def test_every_syncable_table_has_sync_columns(store: Store, table: str) -> None:
    cols = {r["name"]: r for r in store.query(f"PRAGMA table_info({table})")}
    assert cols["id"]["pk"] == 1 and cols["id"]["type"] == "TEXT"
    for name in ("created_at", "updated_at"):
        assert cols[name]["notnull"] == 1 and cols[name]["type"] == "TEXT"
    assert cols["deleted_at"]["notnull"] == 0


def test_conversation_and_message_tables(store: Store) -> None:
    with store.write() as db:
        db.execute("INSERT INTO conversations (id, created_at, updated_at) VALUES "
                   "('c', 'x', 'x')")
        db.execute("INSERT INTO messages (id, conversation_id, role, content, created_at, "
                   "updated_at) VALUES ('m', 'c', 'user', 'hi', 'x', 'x')")
    with pytest.raises(Exception), store.write() as db:  # noqa: B017
        db.execute("INSERT INTO messages (id, conversation_id, role, content, created_at, "
                   "updated_at) VALUES ('m2', 'c', 'alien', 'hi', 'x', 'x')")
    assert store.scalar("SELECT COUNT(*) FROM messages") == 1


def test_reopening_keeps_data_and_version(tmp_path: Path) -> None:
    s = Store(tmp_path / "nargis.db")
    s.meta_set("k", "v")
    s.close()
    again = Store(tmp_path / "nargis.db")
    try:
        assert again.meta_get("k") == "v" and again.schema_version == LATEST
    finally:
        again.close()
    assert not list(tmp_path.glob("*.bak"))  # no upgrade, no backup


# -- transactions ---------------------------------------------------------------------------

def test_a_failing_action_writes_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write() as db:
        db.execute("INSERT INTO meta (key, value) VALUES ('a', '1')")
        raise RuntimeError("half way")
    assert store.meta_get("a") is None
    assert not store.conn.in_transaction


def test_nested_writes_join_the_outer_transaction(store: Store) -> None:
    with pytest.raises(ValueError), store.write() as db:
        db.execute("INSERT INTO meta (key, value) VALUES ('outer', '1')")
        with store.write() as inner:
            inner.execute("INSERT INTO meta (key, value) VALUES ('inner', '1')")
        raise ValueError("undo both")
    assert store.meta_get("outer") is None and store.meta_get("inner") is None


def test_complete_with_repeat_is_one_transaction(app: App) -> None:
    """The done-mark and the next occurrence commit together or not at all."""
    # long notes: the next occurrence (a copy) needs new pages; the done-mark doesn't
    t = app.tasks.add("repeat me", recurrence="daily", notes="x" * 19_000)
    pages = app.store.scalar("PRAGMA page_count")
    app.store.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreWriteError, match="full"):
        app.tasks.complete(t.id)
    assert app.tasks.get(t.id).status.value == "todo"
    assert app.store.scalar("SELECT COUNT(*) FROM tasks WHERE title = 'repeat me'") == 1


# -- migrations -------------------------------------------------------------------------------

def test_upgrade_backs_up_and_runs_each_step_once(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "nargis.db"
    Store(path).close()
    steps = [*MIGRATIONS, (LATEST + 1, "ALTER TABLE tasks ADD COLUMN estimate INTEGER;")]
    monkeypatch.setattr(db_module, "MIGRATIONS", steps)
    monkeypatch.setattr(db_module, "LATEST", LATEST + 1)
    s = Store(path)
    try:
        assert s.schema_version == LATEST + 1
        assert "estimate" in {r["name"] for r in s.query("PRAGMA table_info(tasks)")}
    finally:
        s.close()
    backup = tmp_path / f"nargis.db.v{LATEST}.bak"
    assert backup.exists()
    con = sqlite3.connect(backup)
    assert con.execute("PRAGMA user_version").fetchone()[0] == LATEST
    con.close()
    Store(path).close()  # already current: nothing runs twice


def test_a_version_2_database_gains_the_assistant_state(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """v3 (issue 5): summary columns and the pending/undo tables; the v2 file is kept."""
    path = tmp_path / "nargis.db"
    with monkeypatch.context() as m:
        m.setattr(db_module, "MIGRATIONS", [s for s in MIGRATIONS if s[0] <= 2])
        m.setattr(db_module, "LATEST", 2)
        old = Store(path)
        with old.write() as db:
            db.execute("INSERT INTO conversations(id, title, created_at, updated_at) "
                       "VALUES ('c1', 'hello', 'x', 'x')")
            db.execute("INSERT INTO messages(id, conversation_id, role, content, created_at, "
                       "updated_at) VALUES ('m1', 'c1', 'user', 'hi', 'x', 'x')")
        assert old.schema_version == 2
        old.close()
    s = Store(path)
    try:
        assert s.schema_version == LATEST >= 3
        assert s.query("SELECT title, summary, summary_count FROM conversations") == [
            {"title": "hello", "summary": "", "summary_count": 0}]
        assert s.scalar("SELECT COUNT(*) FROM messages") == 1
        for table in ("assistant_pending", "assistant_actions"):
            assert s.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = ?", (table,)) == 1
    finally:
        s.close()
    backup = sqlite3.connect(tmp_path / "nargis.db.v2.bak")
    try:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 2
        assert backup.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = "
                              "'assistant_actions'").fetchone()[0] == 0
    finally:
        backup.close()


def test_a_failing_migration_changes_nothing(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "nargis.db"
    s = Store(path)
    s.meta_set("keep", "me")
    s.close()
    bad = "ALTER TABLE tasks ADD COLUMN ok INTEGER;\nALTER TABLE nope ADD COLUMN x INTEGER;"
    monkeypatch.setattr(db_module, "MIGRATIONS", [*MIGRATIONS, (LATEST + 1, bad)])
    monkeypatch.setattr(db_module, "LATEST", LATEST + 1)
    with pytest.raises(Exception):  # noqa: B017 - a StoreError naming the problem
        Store(path)
    monkeypatch.undo()
    s = Store(path)
    try:
        assert s.schema_version == LATEST and s.meta_get("keep") == "me"
        assert "ok" not in {r["name"] for r in s.query("PRAGMA table_info(tasks)")}
    finally:
        s.close()


# -- bad files --------------------------------------------------------------------------------

def _valid_db_bytes(tmp_path: Path) -> bytes:
    src = tmp_path / "src" / "nargis.db"
    src.parent.mkdir()
    s = Store(src)
    s.meta_set("x", "y" * 5000)
    s.checkpoint()
    s.close()
    return src.read_bytes()


@pytest.mark.parametrize("kind", ["text", "sqlite-header-garbage", "truncated"])
def test_corrupt_database_is_refused_and_untouched(tmp_path: Path, kind: str) -> None:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    path = home / "nargis.db"
    if kind == "text":
        path.write_bytes(b"these are my notes, not a database\n" * 200)
    elif kind == "sqlite-header-garbage":
        path.write_bytes(db_module.SQLITE_MAGIC + bytes(range(256)) * 40)
    else:
        path.write_bytes(_valid_db_bytes(tmp_path)[:3000])
    before = digest(path)
    with pytest.raises(CorruptDatabaseError) as err:
        Store(path)
    assert str(path) in str(err.value)
    assert digest(path) == before
    assert names(home) == ["nargis.db"]  # no -wal, -shm or backup beside it


def test_corrupt_database_through_the_app(nargis_home: Path, clock: FixedClock) -> None:
    path = nargis_home / "nargis.db"
    path.write_bytes(b"\x00" * 4096 + b"not sqlite")
    before = digest(path)
    app = App(DataHome(nargis_home), clock=clock)
    with pytest.raises(CorruptDatabaseError, match="untouched"):
        app.tasks.add("x")
    assert digest(path) == before


def test_newer_schema_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "nargis.db"
    Store(path).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    before, files = digest(path), names(tmp_path)
    with pytest.raises(SchemaTooNewError) as err:
        Store(path)
    assert "99" in str(err.value) and f"up to version {LATEST}" in str(err.value)
    assert str(path) in str(err.value)
    assert digest(path) == before and names(tmp_path) == files


def test_an_empty_file_becomes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "nargis.db"
    path.touch()
    s = Store(path)
    try:
        assert s.schema_version == LATEST
    finally:
        s.close()


# -- full disk and busy -----------------------------------------------------------------------

def test_full_disk_is_a_clear_error_and_writes_nothing(app: App) -> None:
    app.tasks.add("before")
    count = app.store.scalar("SELECT COUNT(*) FROM tasks")
    pages = app.store.scalar("PRAGMA page_count")
    app.store.conn.execute(f"PRAGMA max_page_count = {pages}")  # "the disk is full"
    with pytest.raises(StoreWriteError) as err:
        app.tasks.add("big", notes="n" * 19_000)
    assert "full" in str(err.value) and str(app.store.path) in str(err.value)
    assert app.store.scalar("SELECT COUNT(*) FROM tasks") == count
    assert not app.store.conn.in_transaction
    app.store.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed: works again
    app.tasks.add("after")
    assert app.store.scalar("PRAGMA integrity_check") == "ok"


def test_busy_database_is_a_clear_error(app: App) -> None:
    app.tasks.add("first")
    other = sqlite3.connect(app.store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        app.store.conn.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(StoreBusyError) as err:
            app.tasks.add("second")
        assert "busy" in str(err.value) and "Try again" in str(err.value)
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert app.store.scalar("SELECT COUNT(*) FROM tasks") == 1
    app.tasks.add("second")  # and fine once the other writer is done
    assert app.store.scalar("SELECT COUNT(*) FROM tasks") == 2


WRITER = textwrap.dedent("""
    import sys
    from nargis_desktop.app import App
    from nargis_desktop.errors import StoreBusyError
    app = App()
    ok = busy = 0
    for i in range(int(sys.argv[2])):
        try:
            app.tasks.add(f"{sys.argv[1]}-{i}", tags=[sys.argv[1]])
            app.habits.log("water") if i % 5 == 0 else None
            ok += 1
        except StoreBusyError as exc:
            assert "busy" in str(exc)
            busy += 1
    app.close()
    print(ok, busy)
""")


def test_concurrent_writers_stay_consistent(nargis_home: Path) -> None:
    setup = App(DataHome(nargis_home))
    setup.habits.create("water")
    setup.close()
    per_process, writers = 15, 3
    env = dict(os.environ, NARGIS_HOME=str(nargis_home))
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, f"w{n}", str(per_process)],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for n in range(writers)]
    ok_total = 0
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        ok, busy = map(int, out.split())
        assert ok + busy == per_process
        ok_total += ok
    check = Store(nargis_home / "nargis.db")
    try:
        assert check.scalar("PRAGMA integrity_check") == "ok"
        assert check.scalar("SELECT COUNT(*) FROM tasks") == ok_total
        assert check.scalar("PRAGMA foreign_key_check") is None
        titles = {r["title"] for r in check.query("SELECT title FROM tasks")}
        assert len(titles) == ok_total
        # logs from all writers landed on one row for the day, not one per process
        assert check.scalar("SELECT COUNT(*) FROM habit_entries") == 1
    finally:
        check.close()
    assert ok_total > 0


def test_validation_errors_are_not_store_errors(app: App) -> None:
    with pytest.raises(ValidationError):
        app.tasks.add("")
    assert not app.store.conn.in_transaction

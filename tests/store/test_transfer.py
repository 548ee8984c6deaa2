"""Export/import: a lossless JSON round trip, CSV, and bad files that import nothing."""

from __future__ import annotations

import copy
import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from nargis_desktop.app import App
from nargis_desktop.clock import FixedClock
from nargis_desktop.errors import ImportFormatError
from nargis_desktop.paths import DataHome
from nargis_desktop.settings import Settings
from nargis_desktop.store import Store
from nargis_desktop.store.transfer import (
    TABLES,
    dump_tables,
    export_csv,
    export_json,
    import_json,
)
from nargis_desktop.vault.kdf import KdfParams


def _app(home: Path, clock: FixedClock) -> App:
    settings = Settings()
    settings.vault.auto_lock_minutes = 0
    return App(DataHome(home), settings=settings, clock=clock)


@pytest.fixture
def full(nargis_home: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    """A home with a bit of everything, including tombstones, ciphertext and odd ordering."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    app = _app(nargis_home, clock)
    app.vault.create("correct horse battery staple",
                     params=KdfParams(memory_kib=1024, time_cost=1, parallelism=1))
    parents = [app.tasks.add(f"parent {i} ✓ ünïcode", tags=["x"], due="tomorrow 5pm",
                             notes="line 1\nline 2") for i in range(6)]
    for p in parents:  # same created_at as the parents: order by id decides
        app.tasks.add(f"child of {p.title}", parent=p.id)
    clock.advance(minutes=1)
    late = app.tasks.add("a parent made later")
    app.tasks.edit(parents[0].id, parent=late.id)  # an older task under a newer one
    app.tasks.complete(app.tasks.add("repeat", recurrence="weekly on mon").id)
    app.tasks.delete(app.tasks.add("gone").id)
    app.habits.create("Water", target=3, color="blue")
    app.habits.log("water", 2)
    app.habits.log("water", 1, day="yesterday")
    app.habits.delete(app.habits.create("Old habit").id)
    app.journal.add("dear diary", title="T", mood="good", tags=["life"])
    app.focus.start("work", task_id=late.id)
    clock.advance(minutes=3)
    app.focus.stop()
    with app.store.write() as db:
        db.execute("INSERT INTO conversations (id, title, created_at, updated_at) VALUES "
                   "('c1', 'chat', '2026-01-01T00:00:00.000000Z', "
                   "'2026-01-01T00:00:00.000000Z')")
        db.execute("INSERT INTO messages (id, conversation_id, role, content, enc, meta, "
                   "created_at, updated_at) VALUES ('m1', 'c1', 'user', ?, 1, '{\"a\": 1}', "
                   "'2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')",
                   [bytes(range(256))])
    yield app
    app.close()


def test_json_round_trip_is_lossless(full: App, tmp_path: Path, clock: FixedClock) -> None:
    original = dump_tables(full.store)
    assert all(original[t] for t in TABLES)  # every table has rows
    path = export_json(full.store, tmp_path / "out" / "export.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "nargis-export" and doc["schema_version"] == full.store.schema_version

    other = _app(tmp_path / "empty-home", clock)
    try:
        summary = import_json(other.store, path)
        assert {t: s["added"] for t, s in summary.items()} == {
            t: len(rows) for t, rows in original.items()}
        assert dump_tables(other.store) == original
        again = export_json(other.store, tmp_path / "again.json")
        assert json.loads(again.read_text())["tables"] == doc["tables"]
        # importing the same file again changes nothing
        summary = import_json(other.store, path)
        assert all(s["added"] == s["updated"] == 0 for s in summary.values())
        assert dump_tables(other.store) == original
        # the imported journal opens with the same passphrase
        other.vault.unlock("correct horse battery staple")
        assert other.journal.list()[0].body == "dear diary"
        assert other.store.scalar("PRAGMA foreign_key_check") is None
    finally:
        other.close()


def test_newer_rows_win_on_merge(tmp_path: Path, clock: FixedClock, nargis_home: Path) -> None:
    app = _app(nargis_home, clock)
    t = app.tasks.add("v1")
    path = export_json(app.store, tmp_path / "v1.json")
    clock.advance(minutes=5)
    app.tasks.edit(t.id, title="v2")
    import_json(app.store, path)  # older copy: ignored
    assert app.tasks.get(t.id).title == "v2"
    newer = export_json(app.store, tmp_path / "v2.json")
    other = _app(tmp_path / "other", clock)
    try:
        import_json(other.store, path)
        assert other.tasks.get(t.id).title == "v1"
        summary = import_json(other.store, newer)
        assert summary["tasks"]["updated"] == 1
        assert other.tasks.get(t.id).title == "v2"
    finally:
        other.close()
        app.close()


def test_csv_export(full: App, tmp_path: Path) -> None:
    files = export_csv(full.store, tmp_path / "csv")
    assert sorted(p.name for p in files) == sorted(f"{t}.csv" for t in TABLES if t != "meta")
    with (tmp_path / "csv" / "tasks.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == full.store.scalar("SELECT COUNT(*) FROM tasks")
    assert any(r["title"].startswith("parent 0 ✓") for r in rows)
    assert any("\n" in r["notes"] for r in rows)


# -- bad files ------------------------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _set(table: str, index: int, **values: Any) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        doc["tables"][table][index].update(values)
    return mutate


def _drop(table: str, index: int, column: str) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        doc["tables"][table][index].pop(column)
    return mutate


BAD: dict[str, Mutation] = {
    "schema version text": lambda d: d.update(schema_version="abc"),
    "schema version newer": lambda d: d.update(schema_version=999),
    "no tables": lambda d: d.pop("tables"),
    "tables is a list": lambda d: d.update(tables=[]),
    "unknown table": lambda d: d["tables"].update(secrets=[]),
    "rows not a list": lambda d: d["tables"].update(tasks={"a": 1}),
    "unknown column": _set("tasks", -1, colour="red"),
    "missing id": _drop("tasks", -1, "id"),
    "missing required column": _drop("tasks", -1, "created_at"),
    "bad status": _set("tasks", -1, status="someday", id="new-row"),
    "bad base64": _set("messages", 0, content={"$base64": "!!not base64!!"}),
    "object as a value": _set("tasks", -1, title={"nested": True}),
    "list as a value": _set("tasks", -1, tags=["a", "b"]),
    "missing parent": _set("tasks", -1, parent_id="no-such-task", id="new-row"),
    "entry of a missing habit": _set("habit_entries", 0, habit_id="nope", id="new-entry"),
    "other vault": _set("meta", 0, value='{"vault_id": "someone else"}'),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_export_imports_nothing(full: App, tmp_path: Path, clock: FixedClock,
                                    name: str) -> None:
    good = json.loads(export_json(full.store, tmp_path / "good.json").read_text())
    doc = copy.deepcopy(good)
    BAD[name](doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    # into a home that already has data (the "other vault" case needs its own vault)
    target = full if name == "other vault" else _app(tmp_path / "target", clock)
    if target is not full:
        target.tasks.add("already here")
    before = dump_tables(target.store)
    try:
        with pytest.raises(ImportFormatError) as err:
            import_json(target.store, path)
        message = str(err.value)
        assert str(path) in message and "\n" not in message
        assert dump_tables(target.store) == before  # all or nothing
        assert not target.store.conn.in_transaction
    finally:
        if target is not full:
            target.close()


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00", b"[]", b"null", b"{}",
                                     b'{"format": "something-else"}', b"{not json"])
def test_not_an_export(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    store = Store(tmp_path / "nargis.db")
    try:
        with pytest.raises(ImportFormatError) as err:
            import_json(store, path)
        assert str(path) in str(err.value)
        assert store.scalar("SELECT COUNT(*) FROM tasks") == 0
    finally:
        store.close()


def test_missing_file(tmp_path: Path) -> None:
    store = Store(tmp_path / "nargis.db")
    try:
        with pytest.raises(ImportFormatError, match="Cannot read"):
            import_json(store, tmp_path / "nope.json")
    finally:
        store.close()

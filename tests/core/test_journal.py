"""Journal: add, edit, soft delete, list and filter by mood, tag and date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from nargis_desktop.app import App
from nargis_desktop.clock import FixedClock
from nargis_desktop.core.types import Mood, Source
from nargis_desktop.errors import NotFoundError, ValidationError
from nargis_desktop.paths import DataHome
from nargis_desktop.settings import Settings
from nargis_desktop.vault.kdf import KdfParams


@pytest.fixture
def app(nargis_home: Path, clock: FixedClock,
        monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    """Journal text is only ever stored encrypted: an App with an unlocked vault (cheap
    Argon2, no OS keyring, no auto-lock while the fixed clock leaps days)."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    settings = Settings()
    settings.vault.auto_lock_minutes = 0
    a = App(DataHome(nargis_home), settings=settings, clock=clock)
    a.vault.create("correct horse battery staple",
                   params=KdfParams(memory_kib=1024, time_cost=1, parallelism=1))
    yield a
    a.close()


def test_add_fields(app: App) -> None:
    e = app.journal.add("  A good day.\n", title="Wed", mood="Great", tags=["#Work", "life"],
                        source="voice")
    assert (e.body, e.title, e.mood, e.tags, e.source) == (
        "A good day.", "Wed", Mood.GREAT, ["work", "life"], Source.VOICE)
    assert e.created_at == datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
    row = app.store.query("SELECT * FROM journal_entries WHERE id = ?", (e.id,))[0]
    assert row["deleted_at"] is None and row["enc"] >= 1  # stored sealed
    assert b"A good day" not in bytes(row["body"])
    plain = app.journal.add("no extras")
    assert plain.mood is None and plain.title == "" and plain.source == Source.TYPED


@pytest.mark.parametrize(("kwargs", "fragment"), [
    ({"body": ""}, "empty"),
    ({"body": "   "}, "empty"),
    ({"body": "x", "mood": "meh"}, "mood"),
    ({"body": "x", "source": "telepathy"}, "source"),
    ({"body": "x", "tags": ["bad tag!"]}, "tag"),
    ({"body": "x" * 200_001}, "limit"),
    ({"body": "x", "title": "t" * 501}, "limit"),
])
def test_add_rejects(app: App, kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        app.journal.add(**kwargs)  # type: ignore[arg-type]
    assert app.journal.count() == 0


def test_edit(app: App, clock: FixedClock) -> None:
    e = app.journal.add("first draft", mood="okay", tags=["a"])
    clock.advance(hours=1)
    e2 = app.journal.edit(e.id[:8], body="second draft", title="T", tags=["b"])
    assert (e2.body, e2.title, e2.tags, e2.mood) == ("second draft", "T", ["b"], Mood.OKAY)
    assert e2.updated_at == e.created_at + timedelta(hours=1)  # type: ignore[operator]
    assert app.journal.edit(e.id, mood=None).mood is None
    assert app.journal.edit(e.id, mood="bad").mood == Mood.BAD
    with pytest.raises(ValidationError):
        app.journal.edit(e.id, body="  ")
    with pytest.raises(ValidationError):
        app.journal.edit(e.id, mood="ecstatic")
    assert app.journal.get(e.id).body == "second draft"
    assert app.journal.edit(e.id) == app.journal.get(e.id)


def test_delete_is_soft(app: App) -> None:
    e = app.journal.add("secret")
    app.journal.delete(e.id)
    assert app.journal.list() == [] and app.journal.count() == 0
    with pytest.raises(NotFoundError):
        app.journal.get(e.id)
    assert app.journal.get(e.id, include_deleted=True).body == "secret"
    assert app.store.scalar("SELECT deleted_at FROM journal_entries") is not None
    app.journal.restore(e.id)
    assert app.journal.count() == 1


def test_list_filters(app: App, clock: FixedClock) -> None:
    clock.advance(days=-3)
    a = app.journal.add("three days ago", mood="good", tags=["work"])
    clock.advance(days=2)
    b = app.journal.add("yesterday", mood="bad", tags=["home", "work"])
    clock.advance(days=1)
    c = app.journal.add("today")
    today = clock.today()

    def bodies(**kw: object) -> list[str]:
        return [e.body for e in app.journal.list(**kw)]  # type: ignore[arg-type]

    assert bodies() == ["today", "yesterday", "three days ago"]
    assert bodies(mood="bad") == ["yesterday"]
    assert bodies(tag="#WORK") == ["yesterday", "three days ago"]
    assert bodies(since=today - timedelta(days=1)) == ["today", "yesterday"]
    assert bodies(until=today) == ["yesterday", "three days ago"]
    assert bodies(since=today - timedelta(days=3), until=today - timedelta(days=1)) == [
        "three days ago"]
    assert bodies(mood="good", tag="work") == ["three days ago"]
    assert bodies(limit=1) == ["today"]
    assert app.journal.latest() is not None and app.journal.latest().id == c.id  # type: ignore[union-attr]
    assert {a.id, b.id, c.id} == {e.id for e in app.journal.list()}
    with pytest.raises(ValidationError):
        app.journal.list(mood="meh")

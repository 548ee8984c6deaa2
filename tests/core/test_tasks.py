"""Tasks: add, edit, complete (repeats), reopen, soft delete, subtasks, list filters."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from nargis_desktop.app import App
from nargis_desktop.clock import FixedClock
from nargis_desktop.core.events import Event
from nargis_desktop.core.types import Priority, TaskStatus
from nargis_desktop.errors import AmbiguousError, NotFoundError, ValidationError

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")


def _row(app: App, task_id: str) -> dict[str, object]:
    return app.store.query("SELECT * FROM tasks WHERE id = ?", (task_id,))[0]


def _count(app: App) -> int:
    return int(app.store.scalar("SELECT COUNT(*) FROM tasks"))


def test_add_stores_every_field(app: App) -> None:
    t = app.tasks.add("  Call   mom ", notes="about sunday", due="tomorrow 5pm",
                      priority="high", tags=["Family", "#phone"])
    assert t.title == "Call mom"
    assert t.notes == "about sunday"
    assert t.status == TaskStatus.TODO and t.priority == Priority.HIGH
    assert t.due == datetime(2026, 11, 26, 16, 0, tzinfo=UTC) and not t.all_day
    assert t.tags == ["family", "phone"]
    assert t.completed_at is None and t.parent_id is None and t.recurrence is None
    row = _row(app, t.id)
    uuid.UUID(str(row["id"]))
    for col in ("created_at", "updated_at", "due_at"):
        assert ISO_UTC.match(str(row[col])), col
    assert row["deleted_at"] is None
    assert row["created_at"] == row["updated_at"] == "2026-11-25T09:30:00.000000Z"


def test_all_day_due(app: App) -> None:
    t = app.tasks.add("pay rent", due="friday")
    assert t.all_day
    assert t.due == datetime(2026, 11, 26, 23, 0, tzinfo=UTC)  # Friday 00:00 in Berlin


def test_due_as_aware_datetime_and_naive_refused(app: App) -> None:
    when = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    assert app.tasks.add("x", due=when).due == when
    with pytest.raises(ValidationError):
        app.tasks.add("y", due=datetime(2026, 12, 1, 8, 0))


@pytest.mark.parametrize(("kwargs", "fragment"), [
    ({"title": ""}, "empty"),
    ({"title": "   \n\t "}, "empty"),
    ({"title": "x" * 10_000}, "10,000"),
    ({"title": "ok", "status": "bogus"}, "status"),
    ({"title": "ok", "priority": "urgent"}, "priority"),
    ({"title": "ok", "due": "florp blarg"}, "florp blarg"),
    ({"title": "ok", "tags": ["no spaces allowed!"]}, "tag"),
    ({"title": "ok", "tags": [f"t{i}" for i in range(21)]}, "tags"),
    ({"title": "ok", "recurrence": "sometimes"}, "repeat"),
    ({"title": "ok", "notes": "n" * 20_001}, "notes"),
])
def test_bad_input_is_a_clear_error_and_writes_nothing(app: App, kwargs: dict[str, object],
                                                       fragment: str) -> None:
    before = _count(app)
    with pytest.raises(ValidationError) as err:
        app.tasks.add(**kwargs)  # type: ignore[arg-type]
    assert fragment in str(err.value)
    assert "\n" not in str(err.value)
    assert _count(app) == before


def test_unknown_parent_writes_nothing(app: App) -> None:
    with pytest.raises(NotFoundError):
        app.tasks.add("child", parent="deadbeef")
    assert _count(app) == 0


def test_ids_resolve_by_prefix(app: App) -> None:
    t = app.tasks.add("one")
    assert app.tasks.get(t.id[:8]).id == t.id
    assert app.tasks.get(t.id.upper()).id == t.id
    with pytest.raises(NotFoundError):
        app.tasks.get("abc")  # too short to be a prefix
    with pytest.raises(NotFoundError):
        app.tasks.get("ffffffff-0000")


def test_ambiguous_prefix(app: App) -> None:
    with app.store.write() as db:
        for suffix in ("1", "2"):
            db.execute("INSERT INTO tasks (id, title, created_at, updated_at) VALUES "
                       "(?, 'x', '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')",
                       (f"abcd000{suffix}",))
    with pytest.raises(AmbiguousError) as err:
        app.tasks.get("abcd")
    assert err.value.choices == ["abcd0001", "abcd0002"]


def test_edit_changes_fields_and_updated_at(app: App, clock: FixedClock) -> None:
    t = app.tasks.add("draft", due="tomorrow", tags=["a"])
    clock.advance(minutes=5)
    e = app.tasks.edit(t.id, title="final", notes="n", priority="low", tags=["b", "c"],
                       status="doing", due="friday 9am")
    assert (e.title, e.notes, e.priority, e.tags, e.status) == (
        "final", "n", Priority.LOW, ["b", "c"], TaskStatus.DOING)
    assert e.due == datetime(2026, 11, 27, 8, 0, tzinfo=UTC) and not e.all_day
    assert e.created_at == t.created_at and e.updated_at == t.created_at + timedelta(minutes=5)
    cleared = app.tasks.edit(t.id, due=None)
    assert cleared.due is None and not cleared.all_day


def test_edit_validates_before_writing(app: App) -> None:
    t = app.tasks.add("keep me")
    for bad in ({"title": ""}, {"status": "nope"}, {"due": "zzz qqq"}, {"priority": "x"}):
        with pytest.raises(ValidationError):
            app.tasks.edit(t.id, **bad)  # type: ignore[arg-type]
    assert app.tasks.get(t.id).title == "keep me"
    assert app.tasks.get(t.id).updated_at == t.updated_at


def test_edit_with_nothing_is_a_no_op(app: App) -> None:
    t = app.tasks.add("same")
    assert app.tasks.edit(t.id) == t


def test_complete_and_reopen(app: App, clock: FixedClock) -> None:
    t = app.tasks.add("thing")
    clock.advance(minutes=1)
    done = app.tasks.complete(t.id)
    assert done.task.status == TaskStatus.DONE and done.next_task is None
    assert done.task.completed_at == clock.now()
    again = app.tasks.complete(t.id)  # idempotent
    assert again.task.completed_at == clock.now() and again.next_task is None
    back = app.tasks.reopen(t.id)
    assert back.status == TaskStatus.TODO and back.completed_at is None
    assert app.tasks.reopen(t.id) == back


def test_status_done_via_edit_sets_completed_at(app: App) -> None:
    t = app.tasks.add("x")
    e = app.tasks.edit(t.id, status="done")
    assert e.completed_at == app.clock.now()
    assert app.tasks.edit(t.id, status="todo").completed_at is None
    assert app.tasks.add("y", status="done").completed_at == app.clock.now()


def test_completing_a_repeating_task_creates_the_next(app: App) -> None:
    t = app.tasks.add("standup", due="today 9am", recurrence="weekly on mon,wed",
                      tags=["work"], priority="high", notes="n")
    result = app.tasks.complete(t.id)
    nxt = result.next_task
    assert nxt is not None and nxt.id != t.id
    assert nxt.due == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # Monday 9:00 Berlin
    assert (nxt.title, nxt.tags, nxt.priority, nxt.notes, nxt.recurrence) == (
        "standup", ["work"], Priority.HIGH, "n", "FREQ=WEEKLY;BYDAY=MO,WE")
    assert nxt.series_id == t.id and nxt.status == TaskStatus.TODO
    assert [x.id for x in app.tasks.list("open")] == [nxt.id]


def test_repeating_without_due_starts_today_all_day(app: App) -> None:
    t = app.tasks.add("water plants", recurrence="daily")
    assert t.all_day and t.due == app.clock.start_of_day(app.clock.today())
    nxt = app.tasks.complete(t.id).next_task
    assert nxt is not None and nxt.all_day
    assert app.clock.day_of(nxt.due) == app.clock.today() + timedelta(days=1)  # type: ignore[arg-type]


def test_monthly_on_the_31st_comes_back_at_the_end_of_a_short_month(app: App) -> None:
    t = app.tasks.add("invoice", due="2026-10-31", recurrence="monthly")
    nxt = app.tasks.complete(t.id).next_task
    assert nxt is not None
    assert app.clock.day_of(nxt.due).isoformat() == "2026-11-30"  # type: ignore[arg-type]


def test_done_by_edit_also_repeats(app: App) -> None:
    t = app.tasks.add("daily review", recurrence="daily")
    app.tasks.edit(t.id, status="done")
    open_ = app.tasks.list("open")
    assert len(open_) == 1 and open_[0].title == "daily review" and open_[0].id != t.id


def test_adding_a_repeat_by_edit_gives_a_first_date(app: App) -> None:
    t = app.tasks.add("stretch")
    e = app.tasks.edit(t.id, recurrence="daily")
    assert e.recurrence == "FREQ=DAILY" and e.due is not None and e.all_day
    assert app.tasks.complete(t.id).next_task is not None


def test_subtasks_and_cycles(app: App) -> None:
    p = app.tasks.add("trip")
    c1 = app.tasks.add("book flight", parent=p.id[:8])
    c2 = app.tasks.add("pack", parent=p.id)
    g = app.tasks.add("buy socks", parent=c2.id)
    assert {t.id for t in app.tasks.subtasks(p.id)} == {c1.id, c2.id}
    assert c1.parent_id == p.id
    with pytest.raises(ValidationError):
        app.tasks.edit(p.id, parent=g.id)
    with pytest.raises(ValidationError):
        app.tasks.edit(p.id, parent=p.id)
    moved = app.tasks.edit(g.id, parent=None)
    assert moved.parent_id is None


def test_delete_is_soft_and_takes_subtasks(app: App, clock: FixedClock) -> None:
    p = app.tasks.add("parent")
    c = app.tasks.add("child", parent=p.id)
    g = app.tasks.add("grandchild", parent=c.id)
    other = app.tasks.add("other")
    clock.advance(minutes=2)
    ids = app.tasks.delete(p.id)
    assert set(ids) == {p.id, c.id, g.id}
    assert [t.id for t in app.tasks.list("all")] == [other.id]
    for i in ids:
        row = _row(app, i)
        assert row["deleted_at"] == row["updated_at"] == "2026-11-25T09:32:00.000000Z"
    with pytest.raises(NotFoundError):
        app.tasks.get(p.id)
    assert app.tasks.get(p.id, include_deleted=True).deleted_at is not None
    with pytest.raises(NotFoundError):
        app.tasks.complete(p.id)
    app.tasks.restore(ids)
    assert {t.id for t in app.tasks.list("all")} == {p.id, c.id, g.id, other.id}


def test_list_views(app: App, clock: FixedClock) -> None:
    overdue_timed = app.tasks.add("overdue timed", due="today 8am")  # 8:00 < 10:30 now
    overdue_day = app.tasks.add("overdue day", due="yesterday")
    today_day = app.tasks.add("today all day", due="today")
    today_later = app.tasks.add("today later", due="today 6pm")
    upcoming = app.tasks.add("upcoming", due="next friday")
    undated = app.tasks.add("undated", tags=["home"], notes="the Blue door")
    done = app.tasks.add("done one", due="yesterday")
    app.tasks.complete(done.id)

    def ids(view: str, **kw: str) -> list[str]:
        return [t.id for t in app.tasks.list(view, **kw)]

    assert ids("open") == [overdue_day.id, today_day.id, overdue_timed.id, today_later.id,
                           upcoming.id, undated.id]
    assert set(ids("today")) == {today_day.id, overdue_timed.id, today_later.id}
    # all-day "today" is not overdue until the day is over; a timed task is once its time passed
    assert set(ids("overdue")) == {overdue_day.id, overdue_timed.id}
    assert ids("upcoming") == [upcoming.id]
    assert ids("done") == [done.id]
    assert len(ids("all")) == 7
    assert ids("all", tag="#Home") == [undated.id]
    assert ids("all", text="blue DOOR") == [undated.id]
    assert ids("open", text="TODAY") == [today_day.id, today_later.id]
    assert app.tasks.counts() == {"open": 6, "today": 3, "overdue": 2}
    assert app.tasks.is_overdue(app.tasks.get(overdue_timed.id))
    assert not app.tasks.is_overdue(app.tasks.get(today_day.id))
    with pytest.raises(ValidationError):
        app.tasks.list("someday")
    assert len(app.tasks.list("all", limit=2)) == 2


def test_open_sorting_by_due_then_priority(app: App) -> None:
    low = app.tasks.add("low", due="friday", priority="low")
    high = app.tasks.add("high", due="friday", priority="high")
    none_ = app.tasks.add("none")
    soon = app.tasks.add("soon", due="tomorrow")
    assert [t.id for t in app.tasks.list()] == [soon.id, high.id, low.id, none_.id]


def test_events_are_published(app: App) -> None:
    seen: list[Event] = []
    app.events.subscribe("task.", seen.append)
    t = app.tasks.add("x", recurrence="daily")
    app.tasks.edit(t.id, title="y")
    app.tasks.complete(t.id)
    app.tasks.delete(t.id)
    assert [e.topic for e in seen] == ["task.added", "task.edited", "task.completed",
                                       "task.deleted"]
    assert seen[2].data["next_id"] is not None


def test_a_failing_listener_does_not_undo_the_change(app: App) -> None:
    def boom(_: Event) -> None:
        raise RuntimeError("listener bug")

    app.events.subscribe("", boom)
    t = app.tasks.add("still saved")
    assert app.tasks.get(t.id).title == "still saved"


def test_completed_since(app: App, clock: FixedClock) -> None:
    a = app.tasks.add("a")
    app.tasks.complete(a.id)
    clock.advance(days=3)
    b = app.tasks.add("b")
    app.tasks.complete(b.id)
    assert app.tasks.completed_since(1) == 1
    assert app.tasks.completed_since(4) == 2


def test_a_finished_series_completes_without_a_next(app: App) -> None:
    t = app.tasks.add("just once", due="today 9am", recurrence="FREQ=DAILY;COUNT=1")
    result = app.tasks.complete(t.id)
    assert result.task.status == TaskStatus.DONE and result.next_task is None
    assert app.tasks.list("open") == []

"""The issue's scenarios, end to end: real gspread, a local Sheets server, a real database."""

from __future__ import annotations

from typing import Any

import pytest
from fake_sheets import FakeSheets

from nargis_desktop.sync.errors import SyncTransientError


def table(server: FakeSheets, sid: str, title: str) -> list[dict[str, Any]]:
    """The worksheet's data rows as dicts keyed by its header (wherever the header is)."""
    rows = [r for r in server.rows(sid, title) if any(c not in ("", None) for c in r)]
    header = next(r for r in rows if "id" in r)
    start = rows.index(header) + 1
    return [dict(zip(header, r + [""] * (len(header) - len(r)), strict=False))
            for r in rows[start:]]


def by_title(server: FakeSheets, sid: str) -> dict[str, dict[str, Any]]:
    return {r["title"]: r for r in table(server, sid, "Tasks")}


def find_row(server: FakeSheets, sid: str, title: str, col: str, value: Any) -> list[Any]:
    rows = server.rows(sid, title)
    header = next(r for r in rows if "id" in r)
    j = header.index(col)
    return next(r for r in rows if len(r) > j and r[j] == value)


def set_cell(server: FakeSheets, sid: str, title: str, key_col: str, key: Any, col: str,
             value: Any) -> None:
    rows = server.rows(sid, title)
    header = next(r for r in rows if "id" in r)
    row = find_row(server, sid, title, key_col, key)
    row[header.index(col)] = value


def test_first_sync_both_ways(make_device, server: FakeSheets) -> None:
    app, svc = make_device()
    sid = svc.spreadsheet_id()
    app.tasks.add("Buy milk", tags=["home", "errand"], due="tomorrow")
    habit = app.habits.create("Water", target=8, unit="glasses")
    app.habits.log(habit.id, 3)
    report = svc.sync_now()
    assert report.uploaded == 3
    assert by_title(server, sid)["Buy milk"]["tags"] == "home, errand"
    assert table(server, sid, "Habits")[0]["name"] == "Water"
    assert table(server, sid, "HabitLog")[0]["count"] == 3

    # someone types a task on the phone: no id, no timestamps
    server.rows(sid, "Tasks").append(["", "Call mum", "todo", "high"])
    report = svc.sync_now()
    assert report.downloaded == 1
    task = next(t for t in app.tasks.list("all") if t.title == "Call mum")
    assert task.priority.value == "high"
    assert by_title(server, sid)["Call mum"]["id"] == task.id  # id written back

    server.reset_counts()
    report = svc.sync_now()
    assert (report.uploaded, report.downloaded, report.conflicts) == (0, 0, 0)
    assert server.requests == 2  # metadata + one batched read
    assert svc.status().pending == 0


def test_edits_on_both_sides(make_device, server: FakeSheets) -> None:
    app, svc = make_device()
    sid = svc.spreadsheet_id()
    a = app.tasks.add("Task A")
    b = app.tasks.add("Task B")
    c = app.tasks.add("Task C")
    svc.sync_now()
    app.clock.advance(minutes=5)
    app.tasks.edit(a.id, notes="edited here")
    set_cell(server, sid, "Tasks", "id", b.id, "status", "done")
    # the same row on both sides: here first, then in the sheet (seen later, so newer)
    app.tasks.edit(c.id, priority="low")
    app.clock.advance(minutes=1)
    set_cell(server, sid, "Tasks", "id", c.id, "priority", "high")
    report = svc.sync_now()
    assert by_title(server, sid)["Task A"]["notes"] == "edited here"
    assert app.tasks.get(b.id).status.value == "done"
    assert app.tasks.get(c.id).priority.value == "high"
    assert report.conflicts == 1
    [conflict] = svc.conflicts()
    assert conflict.row_id == c.id and conflict.winner == "sheet"
    assert conflict.local is not None and conflict.local["priority"] == "low"  # loser kept
    # and the sheet's updated_at was stamped, so another device agrees on the winner
    assert by_title(server, sid)["Task C"]["updated_at"] == app.tasks.get(c.id).updated_at \
        .strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def test_delete_here_vs_edit_there(make_device, server: FakeSheets) -> None:
    app, svc = make_device()
    sid = svc.spreadsheet_id()
    kept = app.tasks.add("Edited in the sheet")
    gone = app.tasks.add("Deleted here, later")
    svc.sync_now()
    app.clock.advance(minutes=1)
    app.tasks.delete(kept.id)
    set_cell(server, sid, "Tasks", "id", kept.id, "notes", "phone edit")
    app.clock.advance(minutes=1)  # the sheet edit is seen after the delete: it wins
    report = svc.sync_now()
    restored = app.tasks.get(kept.id)
    assert restored.deleted_at is None and restored.notes == "phone edit"
    assert report.conflicts == 1
    assert svc.conflicts()[0].kind == "delete_vs_edit"

    # the other way round: an older edit from another device loses to a newer delete
    row = find_row(server, sid, "Tasks", "id", gone.id)
    header = server.rows(sid, "Tasks")[0]
    row[header.index("notes")] = "old edit"
    row[header.index("updated_at")] = "2026-11-25T09:31:00.000000Z"
    app.clock.advance(minutes=5)
    app.tasks.delete(gone.id)
    svc.sync_now()
    assert app.tasks.get(gone.id, include_deleted=True).deleted_at is not None
    assert by_title(server, sid)["Deleted here, later"]["deleted_at"] != ""
    assert len(svc.conflicts()) == 2


def test_row_removed_from_sheet_becomes_tombstone(make_device, server: FakeSheets) -> None:
    app, svc = make_device()
    sid = svc.spreadsheet_id()
    t = app.tasks.add("Remove me in the sheet")
    svc.sync_now()
    rows = server.rows(sid, "Tasks")
    rows.remove(find_row(server, sid, "Tasks", "id", t.id))
    report = svc.sync_now()
    assert report.deleted_in_sheet == 1
    assert app.tasks.get(t.id, include_deleted=True).deleted_at is not None  # kept, as tombstone
    svc.sync_now()  # stable: not re-added, not deleted again
    assert t.id not in {r["id"] for r in table(server, sid, "Tasks")}


def test_network_drop_mid_sync_resumes_without_duplicates(make_device, server: FakeSheets
                                                          ) -> None:
    app, svc = make_device(max_attempts=2)
    sid = svc.spreadsheet_id()
    for i in range(5):
        app.tasks.add(f"task {i}")
    # the append reaches the sheet but every answer is cut off: the sync gives up
    server.inject("drop_after", match=":append", times=2)
    with pytest.raises(SyncTransientError):
        svc.sync_now()
    assert svc.status().state == "offline"
    assert svc.status().pending == 5  # still in the outbox
    # the sheet now holds the rows twice (two appends landed, header included)
    assert len([r for r in table(server, sid, "Tasks") if r["id"] != "id"]) == 10
    svc.sync_now()
    ids = [r["id"] for r in table(server, sid, "Tasks")]
    assert len(ids) == len(set(ids)) == 5
    assert len(app.tasks.list("all")) == 5
    assert svc.status().pending == 0

    # a connection dropped before the server answers is retried within the same sync
    app.tasks.add("after the drop")
    server.inject("drop", match="values:batchGet")
    svc.sync_now()
    assert "after the drop" in by_title(server, sid)


def test_429_storm_backs_off_then_gives_up_cleanly(make_device, server: FakeSheets,
                                                   sleeps) -> None:
    app, svc = make_device(max_attempts=6, cap_s=8.0)
    sid = svc.spreadsheet_id()
    app.tasks.add("rate limited")
    server.inject("429", times=4)
    server.reset_counts()
    svc.sync_now()
    assert len(sleeps.waits) == 4 and all(0 <= w <= 8.0 for w in sleeps.waits)
    assert "rate limited" in by_title(server, sid)
    # a storm longer than the budget: the sync stops, nothing is lost, it works later
    app.tasks.add("during the storm")
    server.inject("429", times=50)
    with pytest.raises(SyncTransientError):
        svc.sync_now()
    assert svc.status().pending == 1
    server.faults.clear()
    svc.sync_now()
    assert "during the storm" in by_title(server, sid)
    # 5xx are retried the same way
    server.inject("500", times=2, match="spreadsheets/")
    app.tasks.add("after 500s")
    svc.sync_now()
    assert "after 500s" in by_title(server, sid)


def test_sorted_sheet_blank_rows_and_lost_header(make_device, server: FakeSheets) -> None:
    app, svc = make_device()
    sid = svc.spreadsheet_id()
    for name in ("alpha", "bravo", "charlie"):
        app.tasks.add(name)
    svc.sync_now()
    rows = server.rows(sid, "Tasks")
    header, data = rows[0], rows[1:]
    data.reverse()  # the user sorts Z-A
    rows[:] = [header, [], *data[:1], [""] * 3, *data[1:]]  # and inserts blank rows
    report = svc.sync_now()
    assert (report.uploaded, report.downloaded, report.conflicts) == (0, 0, 0)

    del rows[0]  # the user deletes the header row
    app.tasks.edit(app.tasks.list("all")[0].id, notes="still maps by id")
    svc.sync_now()
    assert server.rows(sid, "Tasks")[0][0] == "id"  # header put back above the data
    assert {r["title"] for r in table(server, sid, "Tasks")} == {"alpha", "bravo", "charlie"}
    assert "still maps by id" in {r["notes"] for r in table(server, sid, "Tasks")}
    assert len(app.tasks.list("all")) == 3


def test_text_in_a_date_column_skips_that_row_only(make_device, server: FakeSheets) -> None:
    app, svc = make_device()
    sid = svc.spreadsheet_id()
    bad = app.tasks.add("bad date", due="tomorrow 10:00")
    good = app.tasks.add("good row")
    svc.sync_now()
    set_cell(server, sid, "Tasks", "id", bad.id, "due_at", "next tuesday-ish")
    set_cell(server, sid, "Tasks", "id", good.id, "notes", "fine")
    app.clock.advance(minutes=1)
    app.tasks.edit(bad.id, notes="local edit waits")
    report = svc.sync_now()
    assert len(report.skipped) == 1 and "due_at" in report.skipped[0]
    assert app.tasks.get(good.id).notes == "fine"
    assert app.tasks.get(bad.id).due is not None  # nothing lost here
    assert by_title(server, sid)["bad date"]["due_at"] == "next tuesday-ish"  # nor there
    assert bad.id in {r["id"] for r in table(server, sid, "Tasks")}  # not re-appended
    assert svc.status().last_report is not None
    # fixed in the sheet: the next sync goes through
    set_cell(server, sid, "Tasks", "id", bad.id, "due_at", "2026-12-01")
    report = svc.sync_now()
    assert not report.skipped


def test_two_devices_share_one_sheet(make_device, server: FakeSheets) -> None:
    a, sa = make_device("a")
    sid = sa.spreadsheet_id()
    t = a.tasks.add("shared task")
    h = a.habits.create("Read")
    a.habits.log(h.id, 1)
    sa.sync_now()

    b, sb = make_device("b", spreadsheet=sid)
    rb = sb.sync_now()
    assert rb.downloaded == 3
    assert b.tasks.get(t.id).title == "shared task"
    assert b.habits.list()[0].today_count == 1

    # both edit the same task offline; B is later
    a.tasks.edit(t.id, notes="from A")
    b.clock.advance(minutes=3)
    b.tasks.edit(t.id, notes="from B")
    b.tasks.add("only on B")
    sa.sync_now()
    sb.sync_now()
    sa.sync_now()
    assert a.tasks.get(t.id).notes == b.tasks.get(t.id).notes == "from B"
    assert {x.title for x in a.tasks.list("all")} == {x.title for x in b.tasks.list("all")}
    assert len(table(server, sid, "Tasks")) == 2
    assert sb.conflicts()[0].winner == "local"


def test_encrypted_text_goes_up_as_ciphertext_and_journal_stays_home(
        make_device, server: FakeSheets) -> None:
    app, svc = make_device()
    sid = svc.spreadsheet_id()
    secret = b"\x00\x01sealed-title-bytes"
    with app.store.write() as db:
        db.execute("INSERT INTO tasks (id, title, notes, enc, created_at, updated_at) VALUES "
                   "('11111111-1111-4111-8111-111111111111', ?, '', 1, "
                   "'2026-11-25T09:00:00.000000Z', '2026-11-25T09:00:00.000000Z')", (secret,))
        db.execute("INSERT INTO journal_entries (id, title, body, enc, created_at, updated_at) "
                   "VALUES ('22222222-2222-4222-8222-222222222222', ?, ?, 1, "
                   "'2026-11-25T09:00:00.000000Z', '2026-11-25T09:00:00.000000Z')",
                   (b"t-cipher", b"b-cipher"))
        db.execute("INSERT INTO journal_entries (id, title, body, enc, created_at, updated_at) "
                   "VALUES ('33333333-3333-4333-8333-333333333333', '', 'plain diary', 0, "
                   "'2026-11-25T09:00:00.000000Z', '2026-11-25T09:00:00.000000Z')")
    svc.sync_now()
    [row] = table(server, sid, "Tasks")
    import base64

    assert base64.b64decode(row["title"]) == secret
    assert "Journal" not in {s.title for s in server.books[sid].sheets}

    svc.settings.sync.include_journal = True
    svc.sync_now()
    journal = table(server, sid, "Journal")
    assert [r["id"] for r in journal] == ["22222222-2222-4222-8222-222222222222"]
    everything = repr(server.books[sid].sheets)
    assert "plain diary" not in everything
    # a second sync changes nothing (ciphertext round-trips byte for byte)
    report = svc.sync_now()
    assert (report.uploaded, report.downloaded) == (0, 0)


def test_off_by_default_and_auto_sync_retries_later(app, make_device, server: FakeSheets
                                                    ) -> None:
    import random

    from nargis_desktop.sync.errors import SyncNotConfiguredError
    from nargis_desktop.sync.service import AutoSync, SyncService

    fresh = SyncService.from_app(app, endpoint=server.url)
    assert fresh.status().state == "off" and not app.settings.sync.enabled
    with pytest.raises(SyncNotConfiguredError):
        fresh.sync_now()
    assert server.requests == 0  # nothing left the machine

    dev, svc = make_device("auto", max_attempts=1)
    results: list[object] = []
    auto = AutoSync(svc, on_result=lambda r, e: results.append(e or r), min_retry_s=60,
                    rng=random.Random(3))
    dev.tasks.add("queued while offline")
    server.inject("drop", times=5)
    auto.run_once()
    assert auto.failures == 1 and isinstance(results[-1], SyncTransientError)
    assert 30 <= auto.next_wait() <= 60  # retried sooner than the 15-minute interval
    server.faults.clear()
    auto.run_once()
    assert auto.failures == 0 and auto.next_wait() == 15 * 60
    assert svc.status().pending == 0

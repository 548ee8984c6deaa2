"""The three-way merge and cell parsing on plain data: each case named by what a person did."""

from __future__ import annotations

import random
from zoneinfo import ZoneInfo

import pytest

from nargis_desktop.sync.backoff import Backoff, Retryable
from nargis_desktop.sync.layout import parse_sheet
from nargis_desktop.sync.merge import LocalRow, Snap, merge
from nargis_desktop.sync.schema import TASKS, CellError, parse_cell

T0 = "2026-11-25T09:00:00.000000Z"
T1 = "2026-11-25T10:00:00.000000Z"
T2 = "2026-11-25T11:00:00.000000Z"
ID = "11111111-1111-4111-8111-111111111111"
BERLIN = ZoneInfo("Europe/Berlin")


def task(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {c.name: c.default for c in TASKS.columns}
    base.update(id=ID, title="t", tags="[]", created_at=T0, updated_at=T0, deleted_at=None)
    base.update(kw)
    return base


def remote(values: dict[str, object]):  # type: ignore[no-untyped-def]
    header = list(TASKS.names)
    from nargis_desktop.sync.schema import to_cell

    row = [to_cell(TASKS.column(n), values[n]) for n in header]
    parsed = parse_sheet(TASKS, [header, row], tz=BERLIN, now_iso=T2, local={})
    return {r.values["id"]: r for r in parsed.rows}


def test_unchanged_changed_here_changed_there() -> None:
    base = LocalRow.of(TASKS, task())
    snap = {ID: Snap(base.hash, T0, True)}
    plan = merge(TASKS, {ID: base}, remote(task()), snap, skipped_ids=set(), now_iso=T2)
    assert not plan.sheet_writes and not plan.local_upserts
    here = LocalRow.of(TASKS, task(title="here", updated_at=T1))
    plan = merge(TASKS, {ID: here}, remote(task()), snap, skipped_ids=set(), now_iso=T2)
    assert plan.sheet_updates and not plan.local_upserts and not plan.conflicts
    plan = merge(TASKS, {ID: base}, remote(task(title="there")), snap, skipped_ids=set(),
                 now_iso=T2)
    [(values, expected)] = plan.local_upserts
    assert values["title"] == "there" and values["updated_at"] == T2 and expected == base.hash


def test_both_changed_tie_breaks_the_same_way_on_every_device() -> None:
    base = LocalRow.of(TASKS, task())
    snap = {ID: Snap(base.hash, T0, True)}
    x, y = task(title="x", updated_at=T1), task(title="y", updated_at=T1)
    one = merge(TASKS, {ID: LocalRow.of(TASKS, x)}, remote(y), snap, skipped_ids=set(),
                now_iso=T2)
    two = merge(TASKS, {ID: LocalRow.of(TASKS, y)}, remote(x), snap, skipped_ids=set(),
                now_iso=T2)
    winner_one = "y" if one.local_upserts else "x"
    winner_two = "x" if two.local_upserts else "y"
    assert winner_one == winner_two and one.conflicts and two.conflicts


@pytest.mark.parametrize("raw, expected", [
    ("2026-11-25T09:30:00.000000Z", "2026-11-25T09:30:00.000000Z"),
    ("2026-12-01", "2026-11-30T23:00:00.000000Z"),  # a typed date: local midnight
    ("2026-12-01 10:00", "2026-12-01T09:00:00.000000Z"),
    (46357.5, "2026-12-01T11:00:00.000000Z"),  # a Sheets date serial, local noon
])
def test_dates_people_type(raw: object, expected: str) -> None:
    assert parse_cell(TASKS.column("due_at"), raw, enc=0, tz=BERLIN) == expected


def test_text_in_a_date_column_is_an_error_that_names_the_column() -> None:
    with pytest.raises(CellError, match="due_at"):
        parse_cell(TASKS.column("due_at"), "soon", enc=0, tz=BERLIN)


def test_backoff_is_bounded_and_jittered() -> None:
    waits: list[float] = []
    b = Backoff(max_attempts=5, base_s=1, cap_s=4, sleep=waits.append, rng=random.Random(1))
    calls = []

    def always() -> None:
        calls.append(1)
        raise Retryable("429", retry_after=3)

    with pytest.raises(Retryable):
        b.run(always)
    assert len(calls) == 5 and len(waits) == 4
    assert all(3 <= w <= 4 for w in waits)  # Retry-After honoured, capped

"""The eval harness shared by the tests and ``bench/assistant_bench.py``.

Each utterance runs against a fresh data home holding the same small fixture
(tasks, habits, one journal entry), so every line is independent and the
expected state can be checked exactly.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from nargis_desktop.app import App
from nargis_desktop.brain.assistant import Assistant
from nargis_desktop.brain.factory import build_assistant
from nargis_desktop.brain.normalize import basic
from nargis_desktop.brain.records import Turn
from nargis_desktop.clock import FixedClock
from nargis_desktop.core.dates import When, parse_when
from nargis_desktop.errors import NargisError
from nargis_desktop.paths import DataHome

EVAL_DIR = Path(__file__).with_name("eval")
UTTERANCES = EVAL_DIR / "utterances.jsonl"
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
PASSPHRASE = "correct horse battery staple"
ALIVE_TASKS = 7


def load_utterances(path: Path = UTTERANCES) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def populate(app: App) -> None:
    from nargis_desktop.vault.kdf import KdfParams

    t = app.tasks
    t.add("call mom", due="today at 5pm")
    t.add("buy milk")
    t.add("write report", due="tomorrow", tags=["work"])
    t.add("call the bank", due="friday")
    rent = t.add("pay rent")
    t.complete(rent.id)
    t.add("book dentist appointment", due="yesterday")
    t.add("water the plants")
    h = app.habits
    h.create("drink water", target=8)
    h.create("meditate")
    h.create("read")
    h.create("go for a run")
    app.vault.create(PASSPHRASE, params=KdfParams(8 * 1024, 1, 1))
    app.journal.add("This morning I felt calm after my walk.", mood="good")


@contextmanager
def fresh_app(root: Path | None = None) -> Iterator[App]:
    with tempfile.TemporaryDirectory(prefix="nargis-eval-", dir=root) as tmp:
        app = App(DataHome(Path(tmp)), clock=FixedClock(NOW, "Europe/Berlin"))
        try:
            populate(app)
            yield app
        finally:
            app.close()


def fingerprint(app: App) -> tuple[Any, ...]:
    q = app.store.query
    return (
        tuple(tuple(r.values()) for r in q(
            "SELECT id, status, due_at, deleted_at, priority FROM tasks ORDER BY id")),
        tuple(tuple(r.values()) for r in q(
            "SELECT habit_id, day, count FROM habit_entries ORDER BY habit_id, day")),
        q("SELECT COUNT(*) AS n FROM habits WHERE deleted_at IS NULL")[0]["n"],
        q("SELECT COUNT(*) AS n FROM journal_entries WHERE deleted_at IS NULL")[0]["n"],
        q("SELECT COUNT(*) AS n FROM focus_sessions")[0]["n"],
    )


@dataclass
class Result:
    row: dict[str, Any]
    text: str
    turn: Turn
    intent_ok: bool
    slots_ok: bool
    state_ok: bool
    wrong_destructive: bool
    problems: list[str] = field(default_factory=list)
    #: existing tasks or habits the turn changed that the line did not ask to change
    wrong_changes: list[str] = field(default_factory=list)


def _same_due(app: App, want: str | None, got: Any) -> bool:
    if want is None:
        return got in (None, "")
    if not isinstance(got, str):
        return False
    try:
        return bool(parse_when(want, app.clock) == parse_when(got, app.clock))
    except NargisError:
        return False


def check_slots(app: App, want: dict[str, Any], got: dict[str, Any]) -> list[str]:
    problems = []
    for key, value in want.items():
        have = got.get(key)
        if key == "due":
            ok = _same_due(app, value, have)
        elif isinstance(value, str):  # case and punctuation aside ("Mr. Becker", "push-ups")
            ok = isinstance(have, str) and basic(have) == basic(value)
        else:
            ok = have == value
        if not ok:
            problems.append(f"slot {key}: want {value!r}, got {have!r}")
    return problems


def _task(app: App, title: str) -> Any:
    for t in app.tasks.list("all"):
        if basic(t.title) == basic(title):
            return t
    return None


def _expected_when(app: App, due: str, problems: list[str]) -> When | None:
    """The date a row expects; one the parser cannot read is a problem of the line (the
    assistant could not have set it either), not a crash of the whole run."""
    try:
        return parse_when(due, app.clock)
    except NargisError as exc:
        problems.append(f"expected date {due!r} not understood: {exc}")
        return None


def check_state(app: App, want: dict[str, Any], before: tuple[Any, ...], turn: Turn) -> list[str]:
    p: list[str] = []
    if want.get("unchanged") and fingerprint(app) != before:
        p.append("state changed")
    if "awaiting" in want and turn.awaiting != want["awaiting"]:
        p.append(f"awaiting {turn.awaiting!r}, want {want['awaiting']!r}")
    if "task_added" in want:
        w = want["task_added"]
        t = _task(app, w["title"])
        if t is None:
            p.append(f"no task {w['title']!r}")
        else:
            if w.get("due"):
                when = _expected_when(app, w["due"], p)
                if when and (t.due != when.instant or t.all_day != when.all_day):
                    p.append(f"due {t.due} != {when.instant}")
            elif t.due is not None:
                p.append(f"unexpected due {t.due}")
            if t.priority.value != w.get("priority", "normal"):
                p.append(f"priority {t.priority.value}")
            if sorted(t.tags) != sorted(w.get("tags", [])):
                p.append(f"tags {t.tags}")
    for title, status in want.get("task_status", {}).items():
        t = _task(app, title)
        if t is None or t.status.value != status:
            p.append(f"{title!r} status {t.status.value if t else None}, want {status}")
    for title, due in want.get("task_due", {}).items():
        t = _task(app, title)
        when = _expected_when(app, due, p)
        if when and (t is None or t.due != when.instant):
            p.append(f"{title!r} due {t.due if t else None}, want {when.instant}")
    for title, priority in want.get("task_priority", {}).items():
        t = _task(app, title)
        if t is None or t.priority.value != priority:
            p.append(f"{title!r} priority {t.priority.value if t else None}, want {priority}")
    for old, new in want.get("task_renamed", {}).items():
        alive = {basic(t.title) for t in app.tasks.list("all")}
        if basic(old) in alive or basic(new) not in alive:
            p.append(f"{old!r} not renamed to {new!r}")
    if "task_deleted" in want:
        alive = [t.title for t in app.tasks.list("all")]
        if want["task_deleted"] in alive:
            p.append(f"{want['task_deleted']!r} not deleted")
    if "tasks_alive" in want:
        n = len(app.tasks.list("all"))
        if n != want["tasks_alive"]:
            p.append(f"{n} tasks alive, want {want['tasks_alive']}")
    if "habit_exists" in want:
        names = [basic(h.habit.name) for h in app.habits.list()]
        if basic(want["habit_exists"]) not in names:
            p.append(f"no habit {want['habit_exists']!r} in {names}")
    for key, delta in (("habit_today", 0), ("habit_yesterday", 1)):
        for name, count in want.get(key, {}).items():
            day = app.clock.today() - timedelta(days=delta)
            hist = app.habits.history(name, days=3)
            if hist.get(day, 0) != count:
                p.append(f"{name} on {day}: {hist.get(day, 0)}, want {count}")
    if "focus" in want:
        st = app.focus.status()
        state = "paused" if st.paused else "running" if st.running else "stopped"
        if state != want["focus"]:
            p.append(f"focus {state}, want {want['focus']}")
        if "focus_minutes" in want and st.session is not None and \
                st.session.planned_minutes != want["focus_minutes"]:
            p.append(f"focus minutes {st.session.planned_minutes}")
    if "journal_count" in want and app.journal.count() != want["journal_count"]:
        p.append(f"journal count {app.journal.count()}")
    return p


def deleted_ids(app: App) -> set[str]:
    rows = app.store.query("SELECT id FROM tasks WHERE deleted_at IS NOT NULL")
    return {str(r["id"]) for r in rows}


def item_states(app: App) -> dict[str, tuple[str, Any]]:
    """Every task and habit (deleted ones too), keyed by id: (name, what a change changes).

    A task's status, due date, priority, title and deletion; a habit's deletion and its
    counts.
    Compared before and after a turn to find which EXISTING items it changed.
    """
    q = app.store.query
    out: dict[str, tuple[str, Any]] = {}
    for r in q("SELECT id, title, status, due_at, deleted_at, priority FROM tasks"):
        out[f"task:{r['id']}"] = (str(r["title"]).casefold(), (
            r["status"], r["due_at"], r["deleted_at"], r["priority"], r["title"]))
    entries: dict[str, list[tuple[Any, ...]]] = {}
    for r in q("SELECT habit_id, day, count, deleted_at FROM habit_entries ORDER BY day"):
        entries.setdefault(str(r["habit_id"]), []).append(
            (r["day"], r["count"] if r["deleted_at"] is None else 0))
    for r in q("SELECT id, name, deleted_at FROM habits"):
        out[f"habit:{r['id']}"] = (str(r["name"]).casefold(), (
            r["deleted_at"], tuple(entries.get(str(r["id"]), ()))))
    return out


def changed_items(before: dict[str, tuple[str, Any]],
                  after: dict[str, tuple[str, Any]]) -> dict[str, str]:
    """Items that existed ``before`` and differ ``after``: key -> name (new items are adds)."""
    return {k: name for k, (name, state) in before.items()
            if k in after and after[k][1] != state}


def _allowed_changes(row: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(task titles, habit names) the line's expected state says may change."""
    want = row.get("state", {})
    tasks = {t.casefold() for key in ("task_status", "task_due", "task_priority", "task_renamed")
             for t in want.get(key, {})}
    if want.get("task_deleted"):
        tasks.add(str(want["task_deleted"]).casefold())
    habits = {h.casefold() for key in ("habit_today", "habit_yesterday")
              for h in want.get(key, {})}
    return tasks, habits


def wrong_changes(row: dict[str, Any], changed: dict[str, str],
                  by_setup: set[str]) -> list[str]:
    """Changed existing items the line did not ask for (any at all for a chat line).

    An undo may change what the line's setup turns did (``by_setup``) and nothing else.
    """
    tasks, habits = _allowed_changes(row)
    wrong = []
    for key, name in sorted(changed.items()):
        if row["intent"] == "meta.undo" and key in by_setup:
            continue
        if name in (tasks if key.startswith("task:") else habits):
            continue
        wrong.append(f"changed {key.split(':')[0]} {name!r}")
    return wrong


def run_one(row: dict[str, Any], text: str | None = None, *,
            make: Callable[[App], Assistant] | None = None,
            hear: Callable[[Assistant, str], str] | None = None,
            rereadings: Callable[[], Sequence[str]] | None = None,
            source: str = "typed", say_yes: bool = False) -> Result:
    """Run one utterance (``text`` overrides the typed text, e.g. a transcript;
    ``rereadings`` are Whisper's other readings of it, and ``source`` "voice" for a
    voice turn). With ``say_yes`` a guess put to the user ("Did you mean ...?") is
    answered "yes" before the state is checked."""
    with fresh_app() as app:
        assistant = make(app) if make else build_assistant(app, with_llm=False)
        start = item_states(app)
        for step in row.get("setup", []):
            assistant.handle(step)
        items_before = item_states(app)
        by_setup = set(changed_items(start, items_before)) | (set(items_before) - set(start))
        said = text if text is not None else row["text"]
        before = fingerprint(app)
        deleted_before = deleted_ids(app)
        turn = assistant.handle(said, rereadings=rereadings, source=source)
        if say_yes and turn.awaiting == "confirm" and turn.reply.startswith("Did you mean"):
            turn.awaiting = assistant.handle("yes").awaiting
        said = turn.transcript or said  # a second reading replaced the first
        intent_ok = turn.intent == row["intent"]
        slot_problems = check_slots(app, row.get("slots", {}), turn.slots)
        state_problems = check_state(app, row.get("state", {}), before, turn)
        newly = deleted_ids(app) - deleted_before
        allowed = row.get("state", {}).get("task_deleted")
        wrong = False
        if newly:
            titles = {t["title"] for t in app.store.query(
                "SELECT title FROM tasks WHERE id IN ({})".format(",".join("?" * len(newly))),
                list(newly))}
            wrong = (allowed is None and row["intent"] != "meta.undo") or (
                allowed is not None and titles != {allowed})
        changes = wrong_changes(row, changed_items(items_before, item_states(app)), by_setup)
        return Result(row, said, turn, intent_ok, not slot_problems, not state_problems, wrong,
                      slot_problems + state_problems + changes, changes)


def summarize(results: list[Result]) -> dict[str, Any]:
    n = len(results)
    return {
        "n": n,
        "intent_accuracy": round(sum(r.intent_ok for r in results) / max(n, 1), 4),
        "slot_accuracy": round(sum(r.slots_ok for r in results if r.intent_ok)
                               / max(sum(r.intent_ok for r in results), 1), 4),
        "state_accuracy": round(sum(r.state_ok for r in results) / max(n, 1), 4),
        "wrong_destructive": sum(r.wrong_destructive for r in results),
        # completions, reopenings, moves, deletions and habit logs of an existing item the
        # line did not name (or on a chat line): deletions are only the worst of these
        "wrong_changes": sum(bool(r.wrong_changes) for r in results),
    }

"""The ``nargis`` command, run for real: exit codes, messages and the pinned JSON shapes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from nargis_desktop import __version__
from nargis_desktop.store import Store

Runner = Callable[..., Any]
PASSPHRASE = "correct horse battery staple"

ISO_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")

TASK_KEYS = {"id", "title", "status", "priority", "due", "tags", "completed_at"}
HABIT_KEYS = {"id", "name", "target", "unit", "frequency", "today_count", "current_streak",
              "best_streak"}
JOURNAL_KEYS = {"id", "title", "body", "mood", "tags", "created_at"}
FOCUS_KEYS = {"running", "kind", "planned_minutes", "remaining_seconds", "task_id"}


def test_version_and_usage_errors(nargis: Runner) -> None:
    r = nargis("--version")
    assert r.code == 0 and __version__ in r.out
    for args in (("frobnicate",), ("stats", "--days", "0")):
        r = nargis(*args)
        assert r.code == 2, args
        assert "Traceback" not in r.err and "Usage:" in r.err


def test_tasks_flow_and_shapes(nargis: Runner) -> None:
    a = nargis("tasks", "add", "call", "mom", "--due", "tomorrow 5pm", "-t", "family",
               "-p", "high", "--json").json()
    assert set(a) >= TASK_KEYS
    assert a["title"] == "call mom" and a["status"] == "todo" and a["priority"] == "high"
    assert a["tags"] == ["family"] and a["completed_at"] is None
    assert ISO_OFFSET.match(a["due"]) and a["due"].endswith(("+01:00", "+02:00"))
    assert datetime.fromisoformat(a["due"]).hour == 17
    b = nargis("tasks", "add", "buy milk", "--json").json()
    assert b["due"] is None

    done = nargis("tasks", "done", b["id"][:8], "--json").json()
    assert set(done) >= TASK_KEYS and done["status"] == "done"
    assert ISO_OFFSET.match(done["completed_at"])

    open_ = nargis("tasks", "list", "--json").json()
    assert [t["id"] for t in open_] == [a["id"]]  # open by default
    assert all(set(t) >= TASK_KEYS for t in open_)
    everything = nargis("tasks", "list", "--all", "--json").json()
    assert {t["id"] for t in everything} == {a["id"], b["id"]}
    assert [t["id"] for t in nargis("tasks", "list", "--status", "done", "--json").json()] \
        == [b["id"]]

    edited = nargis("tasks", "edit", a["id"], "--title", "call dad", "--no-due",
                    "--json").json()
    assert edited["title"] == "call dad" and edited["due"] is None
    reopened = nargis("tasks", "reopen", b["id"], "--json").json()
    assert reopened["status"] == "todo" and reopened["completed_at"] is None
    r = nargis("tasks", "rm", b["id"])  # not a terminal: no confirmation prompt
    assert r.code == 0 and "buy milk" in r.out


def test_user_errors_exit_1_with_one_line(nargis: Runner, cli_home: Path) -> None:
    assert "empty" in nargis("tasks", "add", " ").one_line_error()
    long = nargis("tasks", "add", "x" * 10_000).one_line_error()
    assert "10,000" in long
    assert "florp blarg" in nargis("tasks", "add", "x", "--due", "florp blarg").one_line_error()
    assert not (cli_home / "nargis.db").exists() or Store(cli_home / "nargis.db").scalar(
        "SELECT COUNT(*) FROM tasks") == 0  # nothing half-written


def test_habits_flow_and_shapes(nargis: Runner) -> None:
    h = nargis("habits", "add", "drink", "water", "--target", "3", "--unit", "glasses",
               "--json").json()
    assert set(h) >= HABIT_KEYS
    assert (h["name"], h["target"], h["unit"], h["frequency"]) == (
        "drink water", 3, "glasses", "daily")
    logged = nargis("habits", "log", "drink water", "4", "--json").json()
    assert set(logged) >= HABIT_KEYS and logged["today_count"] == 4
    assert logged["current_streak"] == 1 and logged["best_streak"] == 1
    assert nargis("habits", "log", "drink water", "-2", "--json").json()["today_count"] == 2
    weekly = nargis("habits", "edit", "drink water", "--frequency", "weekly", "--json").json()
    assert weekly["frequency"] == "weekly"
    listed = nargis("habits", "list", "--json").json()
    assert len(listed) == 1 and set(listed[0]) >= HABIT_KEYS
    negative = nargis("habits", "log", "drink water", "-9").one_line_error()
    assert "negative" in negative
    assert nargis("habits", "rm", "drink water", "--json").json() == {"deleted": h["id"]}
    assert "deleted" in nargis("habits", "log", "drink water").one_line_error()


def test_journal_flow_and_shapes(nargis: Runner) -> None:
    env = {"NARGIS_PASSPHRASE": PASSPHRASE}
    assert nargis("journal", "init", "--json", **env).json()["created"] is True
    e = nargis("journal", "add", "a", "calm", "day", "--title", "Wed", "--mood", "good",
               "-t", "life", "--json", **env).json()
    assert set(e) >= JOURNAL_KEYS
    assert (e["title"], e["body"], e["mood"], e["tags"]) == ("Wed", "a calm day", "good",
                                                             ["life"])
    assert ISO_OFFSET.match(e["created_at"])
    listed = nargis("journal", "list", "--mood", "good", "--json", **env).json()
    assert [x["id"] for x in listed] == [e["id"]] and set(listed[0]) >= JOURNAL_KEYS
    shown = nargis("journal", "show", e["id"][:8], "--json", **env).json()
    assert shown == e
    edited = nargis("journal", "edit", e["id"], "--mood", "none", "--json", **env).json()
    assert edited["mood"] is None
    assert nargis("journal", "rm", e["id"], "--json", **env).json() == {"deleted": e["id"]}


def test_focus_flow_and_shapes(nargis: Runner) -> None:
    t = nargis("tasks", "add", "deep work", "--json").json()
    started = nargis("focus", "start", "--task", t["id"][:8], "--json").json()
    assert set(started) >= FOCUS_KEYS
    assert started["running"] is True and started["kind"] == "work"
    assert started["planned_minutes"] == 25 and started["task_id"] == t["id"]
    assert 0 < started["remaining_seconds"] <= 25 * 60
    paused = nargis("focus", "pause", "--json").json()
    assert paused["paused"] is True
    assert nargis("focus", "resume", "--json").json()["paused"] is False
    skipped = nargis("focus", "skip", "--json").json()
    assert skipped["kind"] == "short_break" and skipped["running"] is True
    stopped = nargis("focus", "stop", "--json").json()
    assert stopped["kind"] == "short_break" and stopped["ended_at"] is not None
    sessions = nargis("focus", "list", "--json").json()
    assert [s["kind"] for s in sessions] == ["short_break", "work"]
    idle = nargis("focus", "status", "--json").json()
    assert set(idle) >= FOCUS_KEYS and idle["running"] is False and idle["kind"] is None


def test_stats(nargis: Runner) -> None:
    nargis("tasks", "add", "x")
    r = nargis("stats", "--days", "7", "--json").json()  # text output: tests/store
    assert {"range", "tasks", "focus", "habits", "heatmap", "mood"} <= set(r)
    assert r["range"]["days"] == 7 and len(r["tasks"]["per_day"]) == 7
    assert (r["tasks"]["created"], r["tasks"]["completed"]) == (1, 0)



def test_export_and_import(nargis: Runner, nargis_at: Runner, tmp_path: Path) -> None:
    nargis("tasks", "add", "keep me", "-t", "x")
    out = tmp_path / "exports"
    files = nargis("export", "--format", "json", "--out", str(out), "--json").json()["files"]
    assert len(files) == 1 and Path(files[0]).parent == out
    csv_files = nargis("export", "--format", "csv", "--out", str(out), "--json").json()["files"]
    assert any(f.endswith("tasks.csv") for f in csv_files)
    md = nargis("export", "--format", "markdown", "--out", str(out), "--json").json()["files"]
    assert "keep me" in Path(md[0]).read_text()

    other = tmp_path / "other-home"
    r = nargis_at(other, "import", files[0], "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["tasks"]["added"] == 1

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "nargis-export", "tables": {"tasks": [{"id": "x"}]}}')
    assert "nothing was imported" in nargis_at(other, "import", str(bad)).one_line_error()


def test_home_option_beats_env(nargis: Runner, tmp_path: Path, cli_home: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    r = nargis("--home", str(elsewhere), "tasks", "add", "over there", "--json")
    assert r.code == 0, r.err
    assert (elsewhere / "nargis.db").exists()
    assert not (cli_home / "nargis.db").exists()


def test_bad_settings_warn_but_work(nargis: Runner, cli_home: Path) -> None:
    settings = cli_home / "settings.toml"
    settings.write_text('[general]\ntimezone = "Europe/Berlin"\n[focus]\nwork_minutes = "x"\n')
    before = settings.read_bytes()
    r = nargis("focus", "start", "--json")
    assert r.code == 0
    assert "focus.work_minutes" in r.err and str(settings) in r.err
    assert json.loads(r.out)["planned_minutes"] == 25
    assert settings.read_bytes() == before

"""Foundation benchmark: 100,000 tasks and 5 years of daily entries for 20 habits.

Targets (issue 2): today's open tasks <= 50 ms, add a task <= 10 ms, all streaks
<= 200 ms, ``nargis stats --json`` end to end <= 1.5 s, ``nargis tasks list``
start-up <= 400 ms. Each figure is printed beside a naive approach measured in
the same run, because ratios survive a noisy machine and absolute times don't.

Run: ``python bench/foundation_bench.py [--json]`` or ``nargis bench --only foundation``.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, summary, timed

N_TASKS = 100_000
N_HABITS = 20
YEARS = 5


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def populate(home: Path, now: datetime, seed: int = 7) -> None:
    """Bulk-load realistic data straight into the schema (fast, one transaction)."""
    from nargis_desktop.store import Store

    rng = random.Random(seed)
    store = Store(home / "nargis.db")
    start = now - timedelta(days=365 * YEARS)
    span = (now - start).total_seconds()
    tasks = []
    for i in range(N_TASKS):
        created = start + timedelta(seconds=rng.random() * span)
        done = rng.random() < 0.8
        due = created + timedelta(days=rng.randint(-2, 30)) if rng.random() < 0.7 else None
        completed = created + timedelta(hours=rng.randint(1, 24 * 14)) if done else None
        if completed and completed > now:
            completed = now
        tasks.append((str(uuid.UUID(int=rng.getrandbits(128))), f"task {i} {rng.random():.6f}",
                      "", 0, "done" if done else "todo", rng.choice(["low", "normal", "high"]),
                      _iso(due) if due else None, 0, _iso(completed) if completed else None,
                      None, json.dumps(rng.sample(["work", "home", "errand", "call"], 1)),
                      None, None, _iso(created), _iso(completed or created), None))
    habits, entries = [], []
    today = now.date()
    for h in range(N_HABITS):
        hid = str(uuid.UUID(int=rng.getrandbits(128)))
        weekly = h % 5 == 4
        target = 3 if weekly else rng.choice([1, 1, 2, 8])
        habits.append((hid, f"habit {h}", f"habit {h}", 0, target, "times",
                       "weekly" if weekly else "daily", None, 0, _iso(start), _iso(start), None))
        d = today - timedelta(days=365 * YEARS)
        while d <= today:
            if rng.random() < 0.85:
                entries.append((str(uuid.UUID(int=rng.getrandbits(128))), hid, d.isoformat(),
                                rng.randint(1, target + 1), _iso(start), _iso(start), None))
            d += timedelta(days=1)
    focus = []
    for _ in range(3000):
        s = start + timedelta(seconds=rng.random() * span)
        focus.append((str(uuid.uuid4()), None, "work", 25, _iso(s),
                       _iso(s + timedelta(minutes=25)), 1, None, 0.0, _iso(s), _iso(s), None))
    with store.write() as db:
        db.conn.executemany(f"INSERT INTO tasks VALUES ({','.join('?' * 16)})", tasks)
        db.conn.executemany(f"INSERT INTO habits VALUES ({','.join('?' * 12)})", habits)
        db.conn.executemany(f"INSERT INTO habit_entries VALUES ({','.join('?' * 7)})", entries)
        db.conn.executemany(f"INSERT INTO focus_sessions VALUES ({','.join('?' * 12)})", focus)
    store.conn.execute("ANALYZE")
    store.close()


def _cli(home: Path, *args: str) -> float:
    env = dict(os.environ, NARGIS_HOME=str(home))
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "nargis_desktop", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return (time.perf_counter() - t) * 1000


def run(as_json: bool = False) -> dict[str, Any]:
    from nargis_desktop.app import App
    from nargis_desktop.core.streaks import brute_force_streak
    from nargis_desktop.paths import DataHome

    now = datetime.now(UTC)
    results: dict[str, Any] = {"benchmark": "foundation", "machine": machine(),
                               "data": {"tasks": N_TASKS, "habits": N_HABITS, "years": YEARS}}
    with tempfile.TemporaryDirectory(prefix="nargis-bench-") as tmp:
        home = Path(tmp)
        t = time.perf_counter()
        populate(home, now)
        results["populate_s"] = round(time.perf_counter() - t, 2)
        app = App(DataHome(home))

        # today's open tasks: indexed query vs loading every task and filtering in Python
        fast = timed(lambda: app.tasks.list("today"), 20)
        _, end = app.clock.day_bounds(app.clock.today())

        def naive_today() -> list[Any]:
            return [x for x in app.tasks.list("all")
                    if x.status.value != "done" and x.due is not None and x.due < end]

        naive = timed(naive_today, 3)
        results["list_today"] = {**summary(fast), "naive_p50_ms": summary(naive)["p50_ms"],
                                 "rows": len(app.tasks.list("today")), "target_ms": 50}

        # add a task: the service (one IMMEDIATE transaction, WAL, synchronous=NORMAL)
        adds = timed(lambda: app.tasks.add("benchmark task", due="tomorrow 5pm"), 50)
        results["add_task"] = {**summary(adds), "target_ms": 10}

        # all streaks: one query + linear scan vs per-habit queries + brute force
        fast = timed(lambda: app.habits.all_streaks(), 10)

        def naive_streaks() -> None:
            today = app.clock.today()
            for h in app.habits.list():
                rows = app.store.query("SELECT day, count FROM habit_entries WHERE habit_id = ?",
                                       (h.habit.id,))
                counts = {date.fromisoformat(r["day"]): r["count"] for r in rows}
                brute_force_streak(counts, h.habit.target, h.habit.frequency, today)

        naive = timed(naive_streaks, 3)
        results["all_streaks"] = {**summary(fast), "naive_p50_ms": summary(naive)["p50_ms"],
                                  "target_ms": 200}

        # stats in-process: NumPy columns into DuckDB vs row-by-row executemany into DuckDB
        inproc = timed(lambda: app.stats(30), 3)

        def naive_stats_load() -> None:
            import duckdb

            con = duckdb.connect()
            con.execute("CREATE TABLE t (id VARCHAR, status VARCHAR, created_at VARCHAR, "
                        "completed_at VARCHAR)")
            rows = app.store.conn.execute(
                "SELECT id, status, created_at, completed_at FROM tasks").fetchall()
            con.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", rows[:10_000])
            con.close()

        naive_ms = timed(naive_stats_load, 1)[0] * (N_TASKS / 10_000)
        results["stats_in_process"] = {**summary(inproc),
                                       "naive_row_insert_load_ms_extrapolated": round(naive_ms)}
        app.close()

        # end to end through the CLI (fresh process each time)
        stats_cli = [_cli(home, "stats", "--json") for _ in range(3)]
        results["stats_cli"] = {**summary(stats_cli), "target_ms": 1500}
        startup = [_cli(home, "tasks", "list", "--view", "today", "--limit", "20")
                   for _ in range(5)]
        eager = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import nargis_desktop.cli.main, duckdb, numpy,"
                            " dateparser, sqlite_utils, nargis_desktop.store.analytics"],
                           check=True)
            eager.append((time.perf_counter() - t) * 1000)
        python_only = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 5)
        results["cli_startup_tasks_list"] = {
            **summary(startup), "target_ms": 400,
            "naive_eager_imports_p50_ms": summary(eager)["p50_ms"],
            "bare_python_p50_ms": summary(python_only)["p50_ms"]}
    if as_json:
        print(json.dumps(results, indent=2))
    else:
        _print(results)
    return results


def _print(r: dict[str, Any]) -> None:
    m = r["machine"]
    print(f"Foundation benchmark — {m['cpu']} ({m['cores']} cores), Python {m['python']}, "
          f"{m['system']}")
    print(f"Data: {r['data']['tasks']:,} tasks, {r['data']['habits']} habits x "
          f"{r['data']['years']} years of daily entries (populated in {r['populate_s']} s)")
    rows = [
        ("today's open tasks", r["list_today"], "naive_p50_ms", "load all + filter"),
        ("add a task", r["add_task"], None, ""),
        ("all streaks", r["all_streaks"], "naive_p50_ms", "per-habit query + brute force"),
        ("stats (in process)", r["stats_in_process"], "naive_row_insert_load_ms_extrapolated",
         "row-by-row DuckDB load only"),
        ("nargis stats --json", r["stats_cli"], None, ""),
        ("nargis tasks list start-up", r["cli_startup_tasks_list"],
         "naive_eager_imports_p50_ms", "eager imports only"),
    ]
    for name, data, naive_key, naive_name in rows:
        line = f"  {name:<28} p50 {data['p50_ms']:>8.1f} ms"
        if "target_ms" in data:
            ok = "ok" if data["p50_ms"] <= data["target_ms"] else "OVER"
            line += f"  (target {data['target_ms']} ms: {ok})"
        if naive_key:
            naive = data[naive_key]
            line += f"  | naive ({naive_name}) {naive:,.1f} ms, x{naive / data['p50_ms']:.1f}"
        print(line)
    print(f"  bare Python start-up: {r['cli_startup_tasks_list']['bare_python_p50_ms']} ms")


if __name__ == "__main__":
    run(as_json="--json" in sys.argv)

"""Sync benchmark: 5,000 tasks and 20 habits x 365 days against the local fake Sheets API.

Targets (issue 7): <= 10 API requests for the initial upload (spreadsheet
creation included) and <= 6 for a sync with no changes. The real gspread
client does the HTTP; the server is tests/sync/fake_sheets.py on 127.0.0.1, so
times measure this code and local HTTP, not Google's latency.

Beside it, the naive approach (one values.append per row) is *measured on a
slice* of rows and *extrapolated* to the full data set: running it in full
would take 12,000+ requests, over three hours at the 60-per-minute quota.

Run: ``python bench/sync_bench.py [--json]``.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests" / "sync"))
from common import machine  # noqa: E402

N_TASKS = 5_000
N_HABITS = 20
DAYS = 365
NAIVE_SLICE = 200
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def populate(home: Path, seed: int = 7) -> int:
    """Bulk rows straight into the schema; returns how many syncable rows there are."""
    from nargis_desktop.store import Store

    rng = random.Random(seed)
    store = Store(home / "nargis.db")
    with store.write() as db:
        tasks = []
        for i in range(N_TASKS):
            created = NOW - timedelta(minutes=rng.randint(0, 60 * 24 * 365))
            done = rng.random() < 0.6
            tasks.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                          f"task {i} {rng.random():.6f}", "", "done" if done else "todo",
                          rng.choice(["low", "normal", "high"]),
                          _iso(created + timedelta(days=3)) if rng.random() < 0.5 else None,
                          _iso(created + timedelta(hours=5)) if done else None,
                          json.dumps(rng.sample(["work", "home", "errand"], 1)),
                          _iso(created), _iso(created)))
        db.conn.executemany(
            "INSERT INTO tasks (id, title, notes, status, priority, due_at, completed_at, tags,"
            " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", tasks)
        entries = []
        for h in range(N_HABITS):
            hid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            db.conn.execute("INSERT INTO habits (id, name, name_key, created_at, updated_at) "
                            "VALUES (?,?,?,?,?)", (hid, f"Habit {h}", f"habit {h}",
                                                   _iso(NOW), _iso(NOW)))
            for d in range(DAYS):
                day = (NOW - timedelta(days=d)).date().isoformat()
                entries.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), hid, day,
                                rng.randint(1, 5), _iso(NOW), _iso(NOW)))
        db.conn.executemany("INSERT INTO habit_entries (id, habit_id, day, count, created_at,"
                            " updated_at) VALUES (?,?,?,?,?,?)", entries)
    store.close()
    return N_TASKS + N_HABITS + N_HABITS * DAYS


def _naive(server: Any, creds: Any, total_rows: int) -> dict[str, Any]:
    """One append per row, as a per-row client would do: measured on a slice."""
    from nargis_desktop.sync.gateway import GspreadGateway

    gw = GspreadGateway(creds, endpoint=server.url)
    sid = gw.create("naive", ["Tasks"])
    server.reset_counts()
    t = time.perf_counter()
    for i in range(NAIVE_SLICE):
        gw.append(sid, "Tasks", [[str(uuid.uuid4()), f"row {i}"]])
    secs = time.perf_counter() - t
    return {"measured_rows": NAIVE_SLICE, "measured_requests": server.requests,
            "measured_s": round(secs, 3),
            "extrapolated_requests": total_rows,
            "extrapolated_local_s": round(secs / NAIVE_SLICE * total_rows, 1),
            "extrapolated_minutes_at_quota": round(total_rows / 60, 1)}


def run(as_json: bool = False) -> dict[str, Any]:
    from fake_sheets import FakeSheets
    from google.oauth2.credentials import Credentials

    from nargis_desktop.app import App
    from nargis_desktop.clock import FixedClock
    from nargis_desktop.paths import DataHome
    from nargis_desktop.sync.credentials import Connection, TokenStore
    from nargis_desktop.sync.service import SyncService

    out: dict[str, Any] = {"machine": machine(), "rows": {}}
    with tempfile.TemporaryDirectory(prefix="nargis-sync-bench-") as tmp, FakeSheets() as srv:
        home = Path(tmp)
        out["rows"]["total"] = populate(home)
        out["rows"].update(tasks=N_TASKS, habits=N_HABITS, habit_log=N_HABITS * DAYS)
        app = App(DataHome(home), clock=FixedClock(NOW, "Europe/Berlin"))
        creds = Credentials(token="bench")
        svc = SyncService.from_app(app, endpoint=srv.url, tokens=TokenStore(object()))
        srv.reset_counts()
        t = time.perf_counter()
        svc.connect_with(creds, Connection("oauth", client_id="bench"))
        report = svc.sync_now()
        initial_s = time.perf_counter() - t
        out["initial_upload"] = {"requests": srv.requests, "by_call": dict(srv.calls),
                                 "seconds": round(initial_s, 2), "uploaded": report.uploaded,
                                 "target_requests": 10}
        srv.reset_counts()
        t = time.perf_counter()
        report = svc.sync_now()
        out["no_change"] = {"requests": srv.requests, "by_call": dict(srv.calls),
                            "seconds": round(time.perf_counter() - t, 2), "target_requests": 6}
        # a small edit on each side, for scale
        sid = svc.spreadsheet_id()
        rows = srv.rows(sid, "Tasks")
        rows[10][rows[0].index("notes")] = "edited in the sheet"
        app.tasks.edit(app.tasks.list("all", limit=1)[0].id, notes="edited here")
        srv.reset_counts()
        t = time.perf_counter()
        report = svc.sync_now()
        out["small_edits"] = {"requests": srv.requests, "by_call": dict(srv.calls),
                              "seconds": round(time.perf_counter() - t, 2),
                              "uploaded": report.uploaded, "downloaded": report.downloaded}
        app.close()
        out["naive_per_row"] = _naive(srv, creds, out["rows"]["total"])
    ok = (out["initial_upload"]["requests"] <= 10 and out["no_change"]["requests"] <= 6)
    out["meets_targets"] = ok
    if as_json:
        print(json.dumps(out, indent=2))
    else:
        _print(out)
    return out


def _print(out: dict[str, Any]) -> None:
    r = out["rows"]
    print(f"Sync benchmark: {r['tasks']} tasks, {r['habits']} habits x {DAYS} days "
          f"({r['total']} rows) on {out['machine']['cpu']} ({out['machine']['cores']} cores)")
    for key, label in (("initial_upload", "initial upload"), ("no_change", "no-change sync"),
                       ("small_edits", "one edit each side")):
        d = out[key]
        target = f" (target <= {d['target_requests']})" if "target_requests" in d else ""
        print(f"  {label:20s} {d['requests']:3d} requests{target}, {d['seconds']:.2f} s  "
              f"{d['by_call']}")
    n = out["naive_per_row"]
    print(f"  naive, one append per row: measured {n['measured_requests']} requests for "
          f"{n['measured_rows']} rows in {n['measured_s']} s; extrapolated to {r['total']} rows:"
          f" {n['extrapolated_requests']} requests, ~{n['extrapolated_local_s']} s locally, "
          f"~{n['extrapolated_minutes_at_quota']} min at 60 requests/minute")
    print(f"  targets met: {out['meets_targets']}")


if __name__ == "__main__":
    run(as_json="--json" in sys.argv)

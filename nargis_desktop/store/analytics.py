"""Insights with DuckDB, fully offline.

DuckDB's sqlite extension would be downloaded at run time, so instead the
rows are read from SQLite here and handed to an in-memory DuckDB as NumPy
columns (zero-copy scans). Only the columns analytics need are loaded: no
titles or notes, so encrypted text never reaches this module.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from nargis_desktop.clock import Clock, to_iso
from nargis_desktop.store.queries import OVERDUE

if TYPE_CHECKING:
    import duckdb

    from nargis_desktop.core.types import Streak
    from nargis_desktop.store.db import Store

MOOD_SCORE = {"great": 5, "good": 4, "okay": 3, "bad": 2, "awful": 1}

#: table -> (columns, the time column that bounds the window)
_TABLES: dict[str, tuple[tuple[str, ...], str]] = {
    "tasks": (("id", "status", "created_at", "completed_at"), "created_at"),
    "habit_entries": (("habit_id", "day", "count"), "day"),
    "focus_sessions": (("kind", "started_at", "ended_at", "completed", "paused_seconds",
                        "planned_minutes", "paused_at"), "started_at"),
    "journal_entries": (("mood", "created_at"), "created_at"),
}


def _zone_name(clock: Clock) -> str:
    key = getattr(clock.tz, "key", None)
    return str(key) if key else "UTC"


class Insights:
    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def _load(self, first: date) -> duckdb.DuckDBPyConnection:
        """Only rows inside the window (from the Monday of its first week, with a day of
        slack for time zones) travel to DuckDB: years of history stay in SQLite."""
        import duckdb
        import numpy as np

        con = duckdb.connect(":memory:")
        con.execute(f"SET TimeZone = '{_zone_name(self.clock)}'")
        monday = first - timedelta(days=first.weekday() + 1)
        bound_instant = to_iso(self.clock.start_of_day(monday))
        for table, (cols, time_col) in _TABLES.items():
            bound = monday.isoformat() if time_col == "day" else bound_instant
            extra = " OR completed_at >= ?" if table == "tasks" else ""
            params = [bound, bound] if extra else [bound]
            cur = self.store.conn.execute(
                f"SELECT {', '.join(cols)} FROM {table} WHERE deleted_at IS NULL AND "
                f"({time_col} >= ?{extra})", params)
            rows = cur.fetchall()
            columns = list(zip(*rows, strict=True)) if rows else [() for _ in cols]
            frame = {c: np.array(list(v), dtype=object) for c, v in zip(cols, columns, strict=True)}
            con.register(f"raw_{table}", frame)
        con.execute("SET VARIABLE now = ?", [to_iso(self.clock.now())])
        # materialise once: every query below reads typed columns, no re-parsing
        con.execute("""
            CREATE TEMP TABLE tasks AS SELECT id, status,
                CAST(created_at AS TIMESTAMPTZ) AS created_at,
                CAST(completed_at AS TIMESTAMPTZ) AS completed_at
            FROM raw_tasks;
            CREATE TEMP VIEW habit_entries AS SELECT CAST(habit_id AS VARCHAR) AS habit_id,
                CAST(day AS DATE) AS day, CAST(count AS INTEGER) AS count FROM raw_habit_entries;
            CREATE TEMP TABLE focus AS SELECT kind,
                CAST(started_at AS TIMESTAMPTZ) AS started_at,
                CAST(ended_at AS TIMESTAMPTZ) AS ended_at,
                CAST(completed AS INTEGER) AS completed,
                CAST(paused_seconds AS DOUBLE) AS paused_seconds,
                CAST(planned_minutes AS INTEGER) AS planned_minutes,
                -- where a session's time stops: its end, else (running) its pause or now
                COALESCE(CAST(ended_at AS TIMESTAMPTZ), CAST(paused_at AS TIMESTAMPTZ),
                         CAST(getvariable('now') AS TIMESTAMPTZ)) AS stopped_at
            FROM raw_focus_sessions;
            CREATE TEMP VIEW journal AS SELECT CAST(mood AS VARCHAR) AS mood,
                CAST(created_at AS TIMESTAMPTZ) AS created_at FROM raw_journal_entries;
        """)
        return con

    def report(self, days: int = 30, *, streaks: dict[str, Streak] | None = None,
               habit_names: dict[str, tuple[str, int, str, date]] | None = None) -> dict[str, Any]:
        """Everything the Insights view and ``nargis stats`` show, as plain JSON data.

        ``habit_names`` maps habit id -> (name, target, frequency, created day);
        ``streaks`` maps habit id -> Streak. Both come from the habit service so
        that encrypted names are opened by the codec, not here.
        """
        if days < 1:
            from nargis_desktop.errors import ValidationError

            raise ValidationError("--days must be at least 1.")
        today = self.clock.today()
        first = today - timedelta(days=days - 1)
        con = self._load(first)
        try:
            out: dict[str, Any] = {
                "range": {"days": days, "from": first.isoformat(), "to": today.isoformat(),
                          "timezone": _zone_name(self.clock)},
                "tasks": self._tasks(con, first, today),
                "focus": self._focus(con, first, today),
                "habits": self._habits(con, first, today, streaks or {}, habit_names or {}),
                "heatmap": self._heatmap(con, first),
                "mood": self._mood(con, first),
            }
        finally:
            con.close()
        return out

    # -- sections ---------------------------------------------------------------------
    def _tasks(self, con: duckdb.DuckDBPyConnection, first: date, today: date) -> dict[str, Any]:
        now = self.clock.now()
        start_today = self.clock.start_of_day(today)
        per_day = con.execute("""
            WITH days AS (SELECT CAST(d AS DATE) AS day
                          FROM range(CAST(? AS DATE), CAST(? AS DATE) + 1, INTERVAL 1 DAY) t(d)),
            c AS (SELECT CAST(created_at AS DATE) AS day, COUNT(*) AS n FROM tasks GROUP BY 1),
            d AS (SELECT CAST(completed_at AS DATE) AS day, COUNT(*) AS n FROM tasks
                  WHERE completed_at IS NOT NULL GROUP BY 1)
            SELECT days.day, COALESCE(c.n, 0), COALESCE(d.n, 0) FROM days
            LEFT JOIN c USING (day) LEFT JOIN d USING (day) ORDER BY days.day
        """, [first, today]).fetchall()
        per_week = con.execute("""
            SELECT strftime(wk, '%G-W%V') AS week, SUM(created), SUM(completed) FROM (
                SELECT date_trunc('week', CAST(created_at AS DATE)) AS wk, 1 AS created,
                       0 AS completed FROM tasks
                UNION ALL
                SELECT date_trunc('week', CAST(completed_at AS DATE)), 0, 1 FROM tasks
                WHERE completed_at IS NOT NULL
            ) WHERE wk >= date_trunc('week', CAST(? AS DATE)) GROUP BY wk ORDER BY wk
        """, [first]).fetchall()
        open_, overdue = self.store.conn.execute(
            f"SELECT COUNT(*), COALESCE(SUM({OVERDUE}), 0) FROM tasks "
            "WHERE deleted_at IS NULL AND status != 'done'",
            (to_iso(now), to_iso(start_today))).fetchone()
        created = sum(int(r[1]) for r in per_day)
        completed = sum(int(r[2]) for r in per_day)
        return {
            "created": created,
            "completed": completed,
            "completion_rate": round(completed / created, 4) if created else None,
            "open": int(open_),
            "overdue": int(overdue),
            "per_day": [{"day": r[0].isoformat(), "created": int(r[1]), "completed": int(r[2])}
                        for r in per_day],
            "per_week": [{"week": r[0], "created": int(r[1]), "completed": int(r[2])}
                         for r in per_week],
        }

    def _focus(self, con: duckdb.DuckDBPyConnection, first: date, today: date) -> dict[str, Any]:
        rows = con.execute("""
            WITH days AS (SELECT CAST(d AS DATE) AS day
                          FROM range(CAST(? AS DATE), CAST(? AS DATE) + 1, INTERVAL 1 DAY) t(d)),
            f AS (SELECT CAST(started_at AS DATE) AS day,
                         SUM(GREATEST(0, epoch(stopped_at - started_at)
                             - paused_seconds)) / 60.0 AS minutes,
                         COUNT(*) FILTER (WHERE completed = 1) AS sessions
                  FROM focus WHERE kind = 'work' GROUP BY 1)
            SELECT days.day, COALESCE(f.minutes, 0), COALESCE(f.sessions, 0)
            FROM days LEFT JOIN f USING (day) ORDER BY days.day
        """, [first, today]).fetchall()
        per_day = [{"day": r[0].isoformat(), "minutes": round(float(r[1]), 1),
                    "sessions": int(r[2])} for r in rows]
        return {"minutes_total": round(sum(d["minutes"] for d in per_day), 1),
                "sessions_completed": sum(d["sessions"] for d in per_day),
                "per_day": per_day}

    def _habits(self, con: duckdb.DuckDBPyConnection, first: date, today: date,
                streaks: dict[str, Streak],
                names: dict[str, tuple[str, int, str, date]]) -> list[dict[str, Any]]:
        out = []
        for habit_id, (name, target, frequency, created) in names.items():
            start = max(first, created)
            if frequency == "weekly":
                met, tracked = con.execute("""
                    WITH w AS (SELECT date_trunc('week', day) AS wk, SUM(count) AS n
                               FROM habit_entries WHERE habit_id = ? AND day >= ? GROUP BY 1)
                    SELECT COUNT(*) FILTER (WHERE n >= ?), 0 FROM w
                """, [habit_id, start - timedelta(days=start.weekday()), target]).fetchone() \
                    or (0, 0)
                tracked = (today - timedelta(days=today.weekday())
                           - (start - timedelta(days=start.weekday()))).days // 7 + 1
            else:
                met = con.execute("""
                    SELECT COUNT(*) FROM habit_entries WHERE habit_id = ? AND day >= ? AND
                    count >= ?""", [habit_id, start, target]).fetchone()[0]  # type: ignore[index]
                tracked = (today - start).days + 1
            streak = streaks.get(habit_id)
            out.append({
                "id": habit_id, "name": name, "frequency": frequency,
                "periods_met": int(met), "periods_tracked": int(tracked),
                "consistency": round(int(met) / tracked, 4) if tracked > 0 else None,
                "current_streak": streak.current if streak else 0,
                "best_streak": streak.best if streak else 0,
            })
        return out

    def _heatmap(self, con: duckdb.DuckDBPyConnection, first: date) -> dict[str, Any]:
        """Weekday (0 = Monday) x local hour grids of completions and focus minutes."""
        completions = [[0] * 24 for _ in range(7)]
        focus = [[0.0] * 24 for _ in range(7)]
        for wd, hour, n in con.execute("""
                SELECT isodow(completed_at) - 1, hour(completed_at), COUNT(*) FROM tasks
                WHERE completed_at IS NOT NULL AND CAST(completed_at AS DATE) >= ?
                GROUP BY 1, 2""", [first]).fetchall():
            completions[int(wd)][int(hour)] = int(n)
        for wd, hour, minutes in con.execute("""
                SELECT isodow(started_at) - 1, hour(started_at),
                       SUM(GREATEST(0, epoch(stopped_at - started_at)
                           - paused_seconds)) / 60.0
                FROM focus WHERE kind = 'work' AND CAST(started_at AS DATE) >= ?
                GROUP BY 1, 2""", [first]).fetchall():
            focus[int(wd)][int(hour)] = round(float(minutes), 1)
        return {"rows": "weekday (0=Monday)", "columns": "hour (local)",
                "completions": completions, "focus_minutes": focus}

    def _mood(self, con: duckdb.DuckDBPyConnection, first: date) -> list[dict[str, Any]]:
        rows = con.execute("""
            SELECT CAST(created_at AS DATE) AS day,
                   AVG(CASE mood WHEN 'great' THEN 5 WHEN 'good' THEN 4 WHEN 'okay' THEN 3
                                 WHEN 'bad' THEN 2 WHEN 'awful' THEN 1 END) AS score,
                   COUNT(*) AS n
            FROM journal WHERE mood IS NOT NULL AND CAST(created_at AS DATE) >= ?
            GROUP BY 1 ORDER BY 1""", [first]).fetchall()
        return [{"day": r[0].isoformat(), "score": round(float(r[1]), 2), "entries": int(r[2])}
                for r in rows]

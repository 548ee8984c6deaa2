"""One sync: read the sheet once, merge, write the sheet once, then apply here in one transaction.

Order matters for resuming. The sheet is written before the local database,
and every sheet row carries its UUID, so a sync cut off anywhere leaves
nothing to duplicate: rows already uploaded are matched by id next time, and
rows not yet applied here are still "changed there". Local changes made while
a sync runs are never overwritten (each apply checks the row it planned from).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nargis_desktop.clock import Clock, to_iso
from nargis_desktop.store import Store
from nargis_desktop.sync.gateway import SheetMeta, SheetsGateway
from nargis_desktop.sync.layout import ParsedSheet, a1, parse_sheet
from nargis_desktop.sync.merge import LocalRow, Plan, Snap, dedupe, merge
from nargis_desktop.sync.schema import Entity, canonical, digest, entities, from_db, to_cell, to_db
from nargis_desktop.sync.state import SyncState

Progress = Callable[[str], None]


@dataclass
class SyncReport:
    spreadsheet_id: str
    started_at: str
    finished_at: str = ""
    uploaded: int = 0
    downloaded: int = 0
    deleted_in_sheet: int = 0
    conflicts: int = 0
    skipped: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    requests: int = 0

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def summary(self) -> str:
        parts = [f"{self.uploaded} up", f"{self.downloaded} down"]
        if self.deleted_in_sheet:
            parts.append(f"{self.deleted_in_sheet} deleted in the sheet (kept as tombstones)")
        if self.conflicts:
            parts.append(f"{self.conflicts} conflicts (see: nargis sync status)")
        if self.skipped or self.rejected:
            parts.append(f"{len(self.skipped) + len(self.rejected)} rows skipped")
        return ", ".join(parts) + f"; {self.requests} requests."


@dataclass
class _Sheet:
    entity: Entity
    parsed: ParsedSheet
    plan: Plan
    local: dict[str, LocalRow]
    before: dict[str, Snap]
    shift: int = 0


class SyncEngine:
    def __init__(self, store: Store, gateway: SheetsGateway, clock: Clock, *,
                 include_journal: bool = False) -> None:
        self.store = store
        self.gateway = gateway
        self.clock = clock
        self.state = SyncState(store)
        self.entities = entities(include_journal)

    def run(self, spreadsheet_id: str, progress: Progress | None = None) -> SyncReport:
        say = progress or (lambda _stage: None)
        now = to_iso(self.clock.now())
        report = SyncReport(spreadsheet_id, now)
        before = int(getattr(self.gateway, "requests", 0))
        if self.state.get("snapshot_of") != spreadsheet_id:
            self.state.forget_snapshot()
            self.state.set(snapshot_of=spreadsheet_id)

        say("reading the spreadsheet")
        meta = self.gateway.metadata(spreadsheet_id)
        missing = [e.sheet for e in self.entities if e.sheet not in meta]
        if missing:
            self.gateway.structure(spreadsheet_id, [
                {"addSheet": {"properties": {"title": t}}} for t in missing])
        values = self.gateway.read(spreadsheet_id, [e.sheet for e in self.entities])

        say("merging")
        sheets = [self._plan(e, values.get(e.sheet, []), now) for e in self.entities]

        say("writing the spreadsheet")
        self._write_sheet(spreadsheet_id, sheets, meta)

        say("saving here")
        self._apply_local(sheets, now, report)
        report.finished_at = to_iso(self.clock.now())
        report.requests = int(getattr(self.gateway, "requests", 0)) - before
        for s in sheets:
            report.uploaded += s.plan.uploaded
            report.downloaded += s.plan.downloaded
            report.deleted_in_sheet += len(s.plan.deleted_in_sheet)
            report.conflicts += len(s.plan.conflicts)
            report.skipped += [str(k) for k in s.parsed.skipped]
        return report

    # -- planning ------------------------------------------------------------------
    def _local_rows(self, entity: Entity) -> dict[str, LocalRow]:
        return {row["id"]: LocalRow.of(entity, from_db(entity, row))
                for row in self.store.query(f"SELECT * FROM {entity.table}")}

    def _plan(self, entity: Entity, values: list[list[Any]], now: str) -> _Sheet:
        local = self._local_rows(entity)
        snapshot = self.state.snapshot(entity)
        parsed = parse_sheet(entity, values, tz=self.clock.tz, now_iso=now,
                             local={k: v.values for k, v in local.items()})
        plan = Plan(entity)
        remote = dedupe(entity, parsed.rows, snapshot, now, plan)
        merge(entity, local, remote, snapshot, skipped_ids=parsed.skipped_ids, now_iso=now,
              plan=plan, force_rewrite=bool(parsed.absent))
        return _Sheet(entity, parsed, plan, local, snapshot)

    # -- the sheet -----------------------------------------------------------------
    def _cells(self, s: _Sheet, values: dict[str, Any], raw: list[Any] | None) -> list[Any]:
        out = []
        for j, name in enumerate(s.parsed.columns):
            if name in s.entity.names:
                out.append(to_cell(s.entity.column(name), values.get(name)))
            else:
                out.append(raw[j] if raw is not None and j < len(raw) else "")
        return out

    def _write_sheet(self, sid: str, sheets: list[_Sheet], meta: dict[str, SheetMeta]) -> None:
        structure: list[dict[str, Any]] = []
        data: list[tuple[str, list[list[Any]]]] = []
        for s in sheets:
            p = s.parsed
            width = len(p.columns)
            if p.header_needs_insert and s.entity.sheet in meta:
                structure.append({"insertDimension": {"range": {
                    "sheetId": meta[s.entity.sheet].sheet_id, "dimension": "ROWS",
                    "startIndex": 0, "endIndex": 1}, "inheritFromBefore": False}})
                s.shift = 1
            if p.header_needs_write and not p.empty:
                data.append((a1(s.entity.sheet, p.header_row or 1, width), [p.columns]))
            raws = {r.number: r.raw for r in p.rows}
            for number, values in s.plan.sheet_updates:
                data.append((a1(s.entity.sheet, number + s.shift, width),
                             [self._cells(s, values, raws.get(number))]))
            for number in [*s.plan.sheet_clears, *p.stray_headers]:
                data.append((a1(s.entity.sheet, number + s.shift, width), [[""] * width]))
        self.gateway.structure(sid, structure)
        self.gateway.write(sid, data)
        for s in sheets:
            rows = [self._cells(s, v, None) for v in s.plan.appends]
            if s.parsed.empty and (rows or s.parsed.header_needs_write):
                rows.insert(0, list(s.parsed.columns))
            self.gateway.append(sid, s.entity.sheet, rows)

    # -- here ----------------------------------------------------------------------
    def _apply_local(self, sheets: list[_Sheet], now: str, report: SyncReport) -> None:
        conn = self.store.conn
        with self.store.write():
            conn.execute("PRAGMA defer_foreign_keys = ON")
            known = {s.entity.table: set(s.local) for s in sheets}
            for s in sheets:
                known.setdefault(s.entity.table, set()).update(
                    v["id"] for v, _ in s.plan.local_upserts)
            for s in sheets:
                self._apply_sheet(s, known, report)
                self.state.save_snapshot(s.entity, s.plan.snapshot)
                self.state.log_conflicts(s.entity, s.plan.conflicts, now)
            self.state.set(last_sync_at=now, last_error=None)

    def _apply_sheet(self, s: _Sheet, known: dict[str, set[str]], report: SyncReport) -> None:
        entity = s.entity
        conn = self.store.conn
        db_cols = [*entity.names, *(["name_key"] if entity.table == "habits" else [])]
        db_cols = list(dict.fromkeys(db_cols))
        sql = (f"INSERT INTO {entity.table} ({', '.join(db_cols)}) VALUES "
               f"({', '.join('?' * len(db_cols))}) ON CONFLICT(id) DO UPDATE SET "
               + ", ".join(f"{c} = excluded.{c}" for c in db_cols if c != "id"))
        for values, expected in s.plan.local_upserts:
            row_id = values["id"]
            bad_ref = next((c.name for c in entity.columns if c.ref and values.get(c.name)
                            and values[c.name] not in known.get(c.ref, set())), None)
            if bad_ref:
                self._reject(s, row_id, f"'{bad_ref}' points at a row that does not exist",
                             report)
                continue
            if self._current_hash(entity, row_id) != expected:
                continue  # changed here while syncing: the next sync sends it up
            row = to_db(entity, values)
            conn.execute("SAVEPOINT sync_row")
            try:
                conn.execute(sql, [row.get(c) for c in db_cols])
            except sqlite3.IntegrityError as exc:
                conn.execute("ROLLBACK TO sync_row")
                conn.execute("RELEASE sync_row")
                self._reject(s, row_id, f"it breaks a rule here ({exc})", report)
                continue
            conn.execute("RELEASE sync_row")

    def _current_hash(self, entity: Entity, row_id: str) -> str | None:
        cur = self.store.conn.execute(f"SELECT * FROM {entity.table} WHERE id = ?", (row_id,))
        raw = cur.fetchone()
        if raw is None:
            return None
        row = dict(zip([c[0] for c in cur.description], raw, strict=True))
        return digest(canonical(entity, from_db(entity, row)))

    def _reject(self, s: _Sheet, row_id: str, why: str, report: SyncReport) -> None:
        """Not applied here; left in the sheet and tried again next sync."""
        if row_id in s.before:
            s.plan.snapshot[row_id] = s.before[row_id]
        else:
            s.plan.snapshot.pop(row_id, None)
        number = next((r.number for r in s.parsed.rows if r.values["id"] == row_id), None)
        where = f"{s.entity.sheet} row {number}" if number else s.entity.sheet
        report.rejected.append(f"{where} ({row_id[:8]}): not applied because {why}")


"""The three-way merge: local rows, sheet rows and the last-synced snapshot, by UUID.

Pure functions over plain data, so every case is testable without a network.
Against the snapshot each side is "unchanged", "changed" or "gone"; only when
both changed is there a conflict, resolved to the newer ``updated_at`` with the
larger canonical text as a tie-break (the same answer on every device). The
losing version always goes into the conflict log: nothing is dropped silently.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from nargis_desktop.sync.layout import RemoteRow
from nargis_desktop.sync.schema import Entity, canonical, digest


@dataclass(frozen=True)
class Snap:
    hash: str
    updated_at: str
    on_sheet: bool


@dataclass
class LocalRow:
    values: dict[str, Any]
    canon: str
    hash: str

    @classmethod
    def of(cls, entity: Entity, values: dict[str, Any]) -> LocalRow:
        text = canonical(entity, values)
        return cls(values, text, digest(text))


@dataclass
class Conflict:
    row_id: str
    kind: str  # both_changed, delete_vs_edit, duplicate_id
    winner: str  # local, sheet, both
    local: dict[str, Any] | None
    remote: dict[str, Any] | None
    detail: str = ""


@dataclass
class Plan:
    """What one sync does for one worksheet."""

    entity: Entity
    #: (values to upsert locally, hash the local row must still have; None = absent)
    local_upserts: list[tuple[dict[str, Any], str | None]] = field(default_factory=list)
    #: (sheet row number, values) written in place
    sheet_updates: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    sheet_clears: list[int] = field(default_factory=list)
    appends: list[dict[str, Any]] = field(default_factory=list)
    #: id -> (hash, updated_at, on_sheet) once the sync has gone through
    snapshot: dict[str, Snap] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    deleted_in_sheet: list[str] = field(default_factory=list)
    uploaded: int = 0
    downloaded: int = 0

    @property
    def sheet_writes(self) -> bool:
        return bool(self.sheet_updates or self.sheet_clears or self.appends)


def _key(values: dict[str, Any], canon: str) -> tuple[str, str]:
    return (str(values.get("updated_at") or ""), canon)


def jsonable(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    doc: dict[str, Any] = json.loads(canonical_dict(values))
    return doc


def canonical_dict(values: dict[str, Any]) -> str:
    import base64

    return json.dumps({k: ({"b64": base64.b64encode(v).decode("ascii")}
                           if isinstance(v, bytes) else v) for k, v in values.items()},
                      ensure_ascii=False, sort_keys=True)


def dedupe(entity: Entity, rows: list[RemoteRow], snapshot: dict[str, Snap], now_iso: str,
           plan: Plan) -> dict[str, RemoteRow]:
    """One sheet row per id. An exact copy (a retried append) is cleared; a copy someone
    edited is kept as a new row with a fresh id, so neither version is lost."""
    by_id: dict[str, list[RemoteRow]] = {}
    for row in rows:
        by_id.setdefault(row.values["id"], []).append(row)
    out: dict[str, RemoteRow] = {}
    for row_id, group in by_id.items():
        if len(group) == 1:
            out[row_id] = group[0]
            continue
        snap = snapshot.get(row_id)
        group.sort(key=lambda r: (not (snap and r.hash == snap.hash), r.number))
        keep = group[0]
        out[row_id] = keep
        seen = {keep.hash}
        for other in group[1:]:
            if other.hash in seen:
                plan.sheet_clears.append(other.number)
                continue
            seen.add(other.hash)
            fresh = str(uuid.uuid4())
            values = {**other.values, "id": fresh, "updated_at": now_iso}
            copy = RemoteRow(other.number, values, other.raw, needs_writeback=True).seal(entity)
            out[fresh] = copy
            plan.conflicts.append(Conflict(row_id, "duplicate_id", "both", None,
                                           jsonable(other.values),
                                           f"sheet row {other.number} repeated this id with "
                                           f"other content; kept as a new row {fresh}"))
    return out


def merge(entity: Entity, local: dict[str, LocalRow], remote: dict[str, RemoteRow],
          snapshot: dict[str, Snap], *, skipped_ids: set[str], now_iso: str,
          plan: Plan | None = None, force_rewrite: bool = False) -> Plan:
    plan = plan or Plan(entity)
    for row_id in sorted(set(local) | set(remote) | set(snapshot)):
        if row_id in skipped_ids:
            continue
        _merge_one(plan, row_id, local.get(row_id), remote.get(row_id), snapshot.get(row_id),
                   now_iso, force_rewrite)
    return plan


def _stamp_remote(entity: Entity, r: RemoteRow, snap: Snap | None, now_iso: str) -> RemoteRow:
    """A person editing the sheet does not touch updated_at: date the edit when seen."""
    if snap is not None and str(r.values.get("updated_at") or "") <= snap.updated_at:
        values = {**r.values, "updated_at": now_iso}
        return RemoteRow(r.number, values, r.raw, needs_writeback=True).seal(entity)
    return r


def _merge_one(plan: Plan, row_id: str, lo: LocalRow | None, r: RemoteRow | None,
               snap: Snap | None, now_iso: str, force_rewrite: bool) -> None:
    entity = plan.entity
    local_changed = lo is not None and (snap is None or lo.hash != snap.hash)
    if r is None:
        remote_changed = snap is not None and snap.on_sheet
    else:
        remote_changed = snap is None or r.hash != snap.hash
        if remote_changed and snap is not None:
            r = _stamp_remote(entity, r, snap, now_iso)

    if lo is None and r is None:
        return  # only a snapshot entry left (local row purged): nothing to carry
    if r is not None and lo is not None and r.hash == lo.hash:
        _settle(plan, row_id, lo.values, lo.hash, on_sheet=True)
        if r.needs_writeback or force_rewrite:
            plan.sheet_updates.append((r.number, r.values))
        return
    if not remote_changed and not local_changed:
        if r is not None and (r.needs_writeback or force_rewrite):
            plan.sheet_updates.append((r.number, r.values))
        return
    if local_changed and not remote_changed:
        assert lo is not None
        _push(plan, lo, r)
        return
    if remote_changed and not local_changed:
        if r is None:  # the row was deleted from the sheet: keep it here as a tombstone
            assert lo is not None and snap is not None
            _delete_here(plan, lo, now_iso)
            return
        _pull(plan, r, lo)
        return
    # both changed
    assert lo is not None
    if r is None:
        plan.conflicts.append(Conflict(row_id, "delete_vs_edit", "local", jsonable(lo.values),
                                       None, "deleted from the sheet, edited here: kept and "
                                       "uploaded again"))
        _push(plan, lo, None)
        return
    local_wins = _key(lo.values, lo.canon) > _key(r.values, r.canon)
    deleted = (lo.values.get("deleted_at") is not None, r.values.get("deleted_at") is not None)
    kind = "delete_vs_edit" if deleted[0] != deleted[1] else "both_changed"
    plan.conflicts.append(Conflict(row_id, kind, "local" if local_wins else "sheet",
                                   jsonable(lo.values), jsonable(r.values),
                                   "changed here and in the sheet; the newer change won"))
    if local_wins:
        _push(plan, lo, r)
    else:
        _pull(plan, r, lo)


def _settle(plan: Plan, row_id: str, values: dict[str, Any], hash_: str, *,
            on_sheet: bool) -> None:
    plan.snapshot[row_id] = Snap(hash_, str(values.get("updated_at") or ""), on_sheet)


def _push(plan: Plan, lo: LocalRow, r: RemoteRow | None) -> None:
    if plan.entity.ciphertext_only and not int(lo.values.get("enc") or 0):
        return  # plaintext journal text never leaves the machine
    if r is None:
        plan.appends.append(lo.values)
    else:
        plan.sheet_updates.append((r.number, lo.values))
    plan.uploaded += 1
    _settle(plan, lo.values["id"], lo.values, lo.hash, on_sheet=True)


def _pull(plan: Plan, r: RemoteRow, lo: LocalRow | None) -> None:
    plan.local_upserts.append((r.values, lo.hash if lo else None))
    if r.needs_writeback:
        plan.sheet_updates.append((r.number, r.values))
    plan.downloaded += 1
    _settle(plan, r.values["id"], r.values, r.hash, on_sheet=True)


def _delete_here(plan: Plan, lo: LocalRow, now_iso: str) -> None:
    if lo.values.get("deleted_at") is not None:
        _settle(plan, lo.values["id"], lo.values, lo.hash, on_sheet=False)
        return
    values = {**lo.values, "deleted_at": now_iso, "updated_at": now_iso}
    gone = LocalRow.of(plan.entity, values)
    plan.local_upserts.append((values, lo.hash))
    plan.deleted_in_sheet.append(lo.values["id"])
    plan.downloaded += 1
    _settle(plan, lo.values["id"], values, gone.hash, on_sheet=False)

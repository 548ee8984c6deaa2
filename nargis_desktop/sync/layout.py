"""Reading a worksheet as people leave it: sorted, with blank rows, a lost header, odd cells.

Rows are found by the ``id`` column, never by position, so sorting and blank
rows change nothing. A missing header is assumed to be the canonical column
order (what Nargis wrote) and is put back. A row with a cell that cannot be
read is skipped and reported; its id is remembered so it is not taken for a
deletion.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any

from nargis_desktop.sync.schema import CellError, Entity, canonical, digest, parse_cell


@dataclass
class RemoteRow:
    number: int  # 1-based sheet row
    values: dict[str, Any]  # canonical
    raw: list[Any]  # the row as read, full sheet width (unknown columns kept)
    canon: str = ""
    hash: str = ""
    #: the sheet row lacks an id or timestamps that Nargis filled in: write it back
    needs_writeback: bool = False

    def seal(self, entity: Entity) -> RemoteRow:
        self.canon = canonical(entity, self.values)
        self.hash = digest(self.canon)
        return self


@dataclass
class Skipped:
    sheet: str
    row: int
    row_id: str | None
    reason: str

    def __str__(self) -> str:
        return f"{self.sheet} row {self.row}: {self.reason}"


@dataclass
class ParsedSheet:
    entity: Entity
    #: column names in sheet order (unknown columns keep their header text)
    columns: list[str]
    header_row: int | None
    rows: list[RemoteRow] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: ids seen on rows that were skipped: neither deleted nor re-added
    skipped_ids: set[str] = field(default_factory=set)
    #: the header must be written (missing, or lacking some columns)
    header_needs_write: bool = False
    #: the header is gone and row 1 holds data: insert a row above before writing it
    header_needs_insert: bool = False
    #: known columns that were absent from the header (values come from the local row)
    absent: set[str] = field(default_factory=set)
    empty: bool = False
    #: extra copies of the header (a retried first upload): cleared
    stray_headers: list[int] = field(default_factory=list)


def _norm(cell: Any) -> str:
    return str(cell).strip().lower().replace(" ", "_") if cell is not None else ""


def _is_blank(row: list[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)


def _looks_like_header(row: list[Any], entity: Entity) -> bool:
    names = {_norm(c) for c in row}
    return "id" in names and len(names & set(entity.names)) >= min(3, len(entity.names))


def parse_sheet(entity: Entity, values: list[list[Any]], *, tz: tzinfo, now_iso: str,
                local: dict[str, dict[str, Any]]) -> ParsedSheet:
    """The worksheet's rows in canonical form; ``local`` fills columns the sheet lacks."""
    header_at: int | None = None
    for i, row in enumerate(values):
        if _is_blank(row):
            continue
        if _looks_like_header(row, entity):
            header_at = i
        break
    if header_at is None:
        columns = list(entity.names)
        parsed = ParsedSheet(entity, columns, None, empty=all(_is_blank(r) for r in values))
        parsed.header_needs_write = True
        parsed.header_needs_insert = bool(values) and not _is_blank(values[0])
        body = list(enumerate(values))
    else:
        columns = [_norm(c) or f"_col{j}" for j, c in enumerate(values[header_at])]
        parsed = ParsedSheet(entity, columns, header_at + 1)
        absent = [n for n in entity.names if n not in columns]
        if absent:
            parsed.absent = set(absent)
            parsed.columns = columns + absent
            parsed.header_needs_write = True
        body = list(enumerate(values))[header_at + 1:]
    width = len(parsed.columns)
    index = {name: j for j, name in enumerate(parsed.columns)}
    for i, row in body:
        if _is_blank(row):
            continue
        if _norm(row[index["id"]] if index["id"] < len(row) else "") == "id" \
                and _looks_like_header(row, entity):
            parsed.stray_headers.append(i + 1)
            continue
        raw = list(row) + [""] * (width - len(row))
        _parse_row(parsed, i + 1, raw, index, tz=tz, now_iso=now_iso, local=local)
    return parsed


def _parse_row(parsed: ParsedSheet, number: int, raw: list[Any], index: dict[str, int], *,
               tz: tzinfo, now_iso: str, local: dict[str, dict[str, Any]]) -> None:
    entity = parsed.entity
    id_cell = str(raw[index["id"]]).strip() if raw[index["id"]] is not None else ""
    row_id: str | None = None
    if id_cell:
        try:
            row_id = str(uuid.UUID(id_cell))
        except ValueError:
            parsed.skipped.append(Skipped(entity.sheet, number, None,
                                          f"the id {id_cell!r} is not a Nargis id"))
            return
    base = local.get(row_id, {}) if row_id else {}
    cell = {name: raw[j] for name, j in index.items()}
    try:
        enc_col = "enc" in entity.names
        enc = 0
        if enc_col:
            enc = (int(base.get("enc") or 0) if "enc" in parsed.absent else
                   int(parse_cell(entity.column("enc"), cell["enc"], enc=0, tz=tz)))
        values: dict[str, Any] = {}
        writeback = False
        for col in entity.columns:
            if col.name == "id":
                continue
            if col.name in parsed.absent:
                values[col.name] = base.get(col.name, col.default)
                continue
            if col.name in ("created_at", "updated_at") and _blank(cell[col.name]):
                values[col.name] = now_iso
                writeback = True
                continue
            if col.name in entity.required and _blank(cell[col.name]):
                raise CellError(f"'{col.name}' is empty")
            values[col.name] = parse_cell(col, cell[col.name], enc=enc, tz=tz)
        if entity.ciphertext_only and not enc:
            raise CellError("journal rows are only synced encrypted (enc must not be 0)")
        if entity.table == "habits" and not enc:
            values["name_key"] = None
    except CellError as exc:
        parsed.skipped.append(Skipped(entity.sheet, number, row_id, f"{exc}; row skipped, "
                                      "nothing changed on either side"))
        if row_id:
            parsed.skipped_ids.add(row_id)
        return
    if row_id is None:
        row_id = str(uuid.uuid4())
        writeback = True
    values["id"] = row_id
    parsed.rows.append(RemoteRow(number, values, raw, needs_writeback=writeback).seal(entity))


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def col_letter(n: int) -> str:
    """1 -> A, 27 -> AA."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def a1(sheet: str, row: int, width: int) -> str:
    return f"{quote_sheet(sheet)}!A{row}:{col_letter(width)}{row}"


def quote_sheet(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"

"""A local stand-in for the Google Sheets API v4, for the real gspread client to talk to.

A real HTTP server on 127.0.0.1 in a thread. It implements what gspread sends
for spreadsheets create/get/batchUpdate and values get, batchGet, update,
batchUpdate, append, clear and batchClear, plus an OAuth token endpoint. Faults
(429, 500, a connection dropped before or in the middle of the answer) are
queued per request; every request is counted.

Simplifications, stated: values are kept as the JSON the client sent (RAW);
``append`` inserts after the last non-blank row of the sheet; formulas, formats
and A1 ranges with open rows ("A:C") beyond what gspread sends are not modelled.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

_CELL = re.compile(r"^([A-Za-z]*)(\d*)$")


@dataclass
class Fault:
    kind: str  # "429", "500", "drop" (before applying) or "drop_after" (applied, answer cut)
    match: str = ""  # substring of "METHOD path" the fault applies to
    times: int = 1
    retry_after: str | None = None


@dataclass
class Sheet:
    sheet_id: int
    title: str
    rows: list[list[Any]] = field(default_factory=list)
    row_count: int = 1000
    col_count: int = 26


@dataclass
class Book:
    id: str
    title: str
    sheets: list[Sheet] = field(default_factory=list)

    def sheet(self, title: str | None) -> Sheet:
        if title is None:
            return self.sheets[0]
        for s in self.sheets:
            if s.title == title:
                return s
        raise KeyError(title)


class ApiError(Exception):
    def __init__(self, code: int, message: str, status: str = "INVALID_ARGUMENT") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


def col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def parse_range(book: Book, rng: str) -> tuple[Sheet, int, int, int | None, int | None]:
    """(sheet, row0, col0, row_end, col_end), 0-based starts, exclusive ends or None."""
    title: str | None
    if "!" in rng:
        title, cells = rng.rsplit("!", 1)
    elif any(s.title == rng.strip("'").replace("''", "'") for s in book.sheets):
        title, cells = rng, ""
    else:
        title, cells = None, rng
    if title is not None:
        title = title[1:-1].replace("''", "'") if title.startswith("'") else title
    try:
        sheet = book.sheet(title)
    except KeyError:
        raise ApiError(400, f"Unable to parse range: {rng}") from None
    if not cells:
        return sheet, 0, 0, None, None
    start, _, end = cells.partition(":")
    m1, m2 = _CELL.match(start), _CELL.match(end or start)
    if not m1 or not m2:
        raise ApiError(400, f"Unable to parse range: {rng}")
    r0 = int(m1.group(2)) - 1 if m1.group(2) else 0
    c0 = col_index(m1.group(1)) if m1.group(1) else 0
    r1 = int(m2.group(2)) if m2.group(2) else None
    c1 = col_index(m2.group(1)) + 1 if m2.group(1) else None
    return sheet, r0, c0, r1, c1


def _blank(v: Any) -> bool:
    return v is None or v == ""


def _trim(rows: list[list[Any]]) -> list[list[Any]]:
    out = []
    for row in rows:
        r = list(row)
        while r and _blank(r[-1]):
            r.pop()
        out.append(r)
    while out and not out[-1]:
        out.pop()
    return out


def _render(v: Any, option: str) -> Any:
    if option == "UNFORMATTED_VALUE":
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    return "" if v is None else str(v)


class FakeSheets:
    """The server and its state. Use as a context manager or call start()/stop()."""

    def __init__(self) -> None:
        self.books: dict[str, Book] = {}
        self.faults: list[Fault] = []
        self.calls: Counter[str] = Counter()
        self.log: list[str] = []
        self.tokens_issued = 0
        self.grants: list[str] = []
        self.valid_tokens: set[str] | None = None  # None: any bearer token is fine
        self.lock = threading.RLock()
        self._next_sheet_id = 100
        handler = type("Handler", (_Handler,), {"fake": self})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def requests(self) -> int:
        return sum(self.calls.values())

    def start(self) -> FakeSheets:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeSheets:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- helpers for tests: what a person does in the browser ---------------------
    def rows(self, spreadsheet_id: str, title: str) -> list[list[Any]]:
        """The live rows of a worksheet (mutable: edit them like a person would)."""
        return self.books[spreadsheet_id].sheet(title).rows

    def reset_counts(self) -> None:
        with self.lock:
            self.calls.clear()
            self.log.clear()

    def inject(self, kind: str, match: str = "", times: int = 1,
               retry_after: str | None = None) -> None:
        with self.lock:
            self.faults.append(Fault(kind, match, times, retry_after))

    def new_sheet_id(self) -> int:
        self._next_sheet_id += 1
        return self._next_sheet_id

    def take_fault(self, key: str) -> Fault | None:
        with self.lock:
            for f in self.faults:
                if f.times > 0 and f.match in key:
                    f.times -= 1
                    if f.times == 0:
                        self.faults.remove(f)
                    return f
        return None

    # -- the API -------------------------------------------------------------------
    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        book = Book(uuid.uuid4().hex, body.get("properties", {}).get("title", "Untitled"))
        for spec in body.get("sheets") or [{"properties": {"title": "Sheet1"}}]:
            p = spec.get("properties", {})
            grid = p.get("gridProperties", {})
            book.sheets.append(Sheet(self.new_sheet_id(), p.get("title", "Sheet1"),
                                     row_count=grid.get("rowCount", 1000),
                                     col_count=grid.get("columnCount", 26)))
        self.books[book.id] = book
        return self.meta(book)

    def meta(self, book: Book) -> dict[str, Any]:
        return {"spreadsheetId": book.id, "properties": {"title": book.title},
                "sheets": [{"properties": {
                    "sheetId": s.sheet_id, "title": s.title, "index": i,
                    "gridProperties": {"rowCount": s.row_count, "columnCount": s.col_count}}}
                    for i, s in enumerate(book.sheets)]}

    def batch_update(self, book: Book, body: dict[str, Any]) -> dict[str, Any]:
        replies: list[dict[str, Any]] = []
        for req in body.get("requests", []):
            if "addSheet" in req:
                p = req["addSheet"].get("properties", {})
                if any(s.title == p["title"] for s in book.sheets):
                    raise ApiError(400, f"A sheet with the name \"{p['title']}\" already exists.")
                s = Sheet(self.new_sheet_id(), p["title"])
                book.sheets.append(s)
                replies.append({"addSheet": {"properties": {"sheetId": s.sheet_id,
                                                            "title": s.title}}})
            elif "insertDimension" in req or "deleteDimension" in req:
                op = req.get("insertDimension") or req["deleteDimension"]
                r = op["range"]
                s = next(x for x in book.sheets if x.sheet_id == r["sheetId"])
                if r.get("dimension") != "ROWS":
                    raise ApiError(400, "only ROWS is modelled")
                a, b = r["startIndex"], r["endIndex"]
                while len(s.rows) < a:
                    s.rows.append([])
                if "insertDimension" in req:
                    s.rows[a:a] = [[] for _ in range(b - a)]
                    s.row_count += b - a
                else:
                    del s.rows[a:b]
                    s.row_count -= b - a
                replies.append({})
            elif "updateSheetProperties" in req:
                p = req["updateSheetProperties"]["properties"]
                s = next(x for x in book.sheets if x.sheet_id == p["sheetId"])
                grid = p.get("gridProperties", {})
                s.row_count = grid.get("rowCount", s.row_count)
                s.col_count = grid.get("columnCount", s.col_count)
                replies.append({})
            else:
                raise ApiError(400, f"request not modelled: {sorted(req)}")
        return {"spreadsheetId": book.id, "replies": replies}

    def get_values(self, book: Book, rng: str, option: str) -> dict[str, Any]:
        sheet, r0, c0, r1, c1 = parse_range(book, rng)
        rows = [row[c0:c1] for row in sheet.rows[r0:r1]]
        return {"range": rng, "majorDimension": "ROWS",
                "values": [[_render(v, option) for v in row] for row in _trim(rows)]}

    def put_values(self, book: Book, rng: str, values: list[list[Any]]) -> dict[str, Any]:
        sheet, r0, c0, _, _ = parse_range(book, rng)
        if r0 + len(values) > sheet.row_count:
            raise ApiError(400, f"Range ({rng}) exceeds grid limits. Max rows: "
                                f"{sheet.row_count}")
        for i, vals in enumerate(values):
            while len(sheet.rows) <= r0 + i:
                sheet.rows.append([])
            row = sheet.rows[r0 + i]
            while len(row) < c0 + len(vals):
                row.append("")
            row[c0:c0 + len(vals)] = vals
        return {"updatedRange": rng, "updatedRows": len(values)}

    def append(self, book: Book, rng: str, values: list[list[Any]]) -> dict[str, Any]:
        sheet, *_ = parse_range(book, rng)
        last = max((i for i, r in enumerate(sheet.rows) if not all(_blank(v) for v in r)),
                   default=-1)
        sheet.rows[last + 1:last + 1] = [list(v) for v in values]
        sheet.row_count = max(sheet.row_count + len(values), len(sheet.rows))
        return {"spreadsheetId": book.id, "updates": {"updatedRows": len(values)}}

    def clear(self, book: Book, rng: str) -> None:
        sheet, r0, c0, r1, c1 = parse_range(book, rng)
        for row in sheet.rows[r0:r1]:
            end = len(row) if c1 is None else min(c1, len(row))
            for j in range(c0, end):
                row[j] = ""


class _Handler(BaseHTTPRequestHandler):
    fake: FakeSheets
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def _send(self, code: int, doc: Any, *, cut: bool = False,
              headers: dict[str, str] | None = None) -> None:
        body = json.dumps(doc).encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if cut:  # the connection drops in the middle of the answer
            self.wfile.write(body[: max(1, len(body) // 2)])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.wfile.write(body)

    def _drop(self) -> None:
        self.close_connection = True
        self.connection.shutdown(2)

    def _handle(self, method: str) -> None:
        fake = self.fake
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        split = urlsplit(self.path)
        key = f"{method} {unquote(split.path)}"
        with fake.lock:
            fake.calls[self._kind(method, split.path)] += 1
            fake.log.append(key)
        fault = fake.take_fault(key)
        if fault and fault.kind == "drop":
            self._drop()
            return
        if fault and fault.kind in ("429", "500"):
            code = int(fault.kind)
            status = "RESOURCE_EXHAUSTED" if code == 429 else "INTERNAL"
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else None
            self._send(code, {"error": {"code": code, "message": f"injected {code}",
                                        "status": status}}, headers=headers)
            return
        if split.path == "/auth":  # the consent screen: approve and redirect back
            q = parse_qs(split.query)
            target = (f"{q['redirect_uri'][0]}?state={q.get('state', [''])[0]}"
                      f"&code=fake-code&scope={q.get('scope', [''])[0]}")
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        try:
            form = parse_qs(raw.decode()) if split.path == "/token" else {}
            with fake.lock:
                doc = self._route(method, split.path, parse_qs(split.query),
                                  {k: v[0] for k, v in form.items()} if form else
                                  json.loads(raw) if raw else {})
        except ApiError as exc:
            self._send(exc.code, {"error": {"code": exc.code, "message": exc.message,
                                            "status": exc.status}})
            return
        self._send(200, doc, cut=bool(fault and fault.kind == "drop_after"))

    @staticmethod
    def _kind(method: str, path: str) -> str:
        if path in ("/token", "/auth"):
            return path[1:]
        tail = path.split("/v4/spreadsheets", 1)[-1]
        if "/values" in tail:
            if tail.endswith(":append"):
                return "values.append"
            if tail.endswith(":clear"):
                return "values.clear"
            if ":batchGet" in tail:
                return "values.batchGet"
            if ":batchUpdate" in tail:
                return "values.batchUpdate"
            if ":batchClear" in tail:
                return "values.batchClear"
            return "values.update" if method == "PUT" else "values.get"
        if tail.endswith(":batchUpdate"):
            return "spreadsheets.batchUpdate"
        return "spreadsheets.create" if method == "POST" else "spreadsheets.get"

    def _authorized(self) -> bool:
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("Bearer ") or not auth[7:].strip():
            return False
        tokens = self.fake.valid_tokens
        return tokens is None or auth[7:].strip() in tokens

    def _route(self, method: str, path: str, query: dict[str, list[str]],
               body: dict[str, Any]) -> Any:
        fake = self.fake
        if path == "/token":
            fake.tokens_issued += 1
            token = f"fake-access-{fake.tokens_issued}"
            if fake.valid_tokens is not None:
                fake.valid_tokens.add(token)
            fake.grants.append(body.get("grant_type", ""))
            doc = {"access_token": token, "expires_in": 3600, "token_type": "Bearer",
                   "scope": "https://www.googleapis.com/auth/spreadsheets"}
            if body.get("grant_type") == "authorization_code":
                doc["refresh_token"] = "fake-refresh-token"
            elif body.get("grant_type") == "refresh_token" and \
                    body.get("refresh_token") != "fake-refresh-token":
                raise ApiError(400, "invalid_grant")
            return doc
        if not self._authorized():
            raise ApiError(401, "Request had invalid authentication credentials.",
                           "UNAUTHENTICATED")
        if not path.startswith("/v4/spreadsheets"):
            raise ApiError(404, f"not found: {path}", "NOT_FOUND")
        tail = path[len("/v4/spreadsheets"):]
        if tail == "" and method == "POST":
            return fake.create(body)
        sid, _, rest = tail.lstrip("/").partition("/")
        sid, _, verb = sid.partition(":")
        book = fake.books.get(sid)
        if book is None:
            raise ApiError(404, f"Requested entity was not found: {sid}", "NOT_FOUND")
        option = query.get("valueRenderOption", ["FORMATTED_VALUE"])[0]
        if not rest:
            if verb == "batchUpdate":
                return fake.batch_update(book, body)
            return fake.meta(book)
        if rest.startswith("values:"):
            op = rest.split(":", 1)[1]
            if op == "batchGet":
                return {"spreadsheetId": sid, "valueRanges": [
                    fake.get_values(book, unquote(r), option) for r in query.get("ranges", [])]}
            if op == "batchUpdate":
                for item in body.get("data", []):
                    fake.put_values(book, item["range"], item.get("values", []))
                return {"spreadsheetId": sid, "totalUpdatedRows": sum(
                    len(d.get("values", [])) for d in body.get("data", []))}
            if op == "batchClear":
                for r in body.get("ranges", []):
                    fake.clear(book, r)
                return {"spreadsheetId": sid}
            raise ApiError(400, f"unknown values op {op}")
        encoded = rest[len("values/"):]
        encoded, _, op = encoded.partition(":")
        rng = unquote(encoded)
        if op == "append":
            return fake.append(book, rng, body.get("values", []))
        if op == "clear":
            fake.clear(book, rng)
            return {"spreadsheetId": sid, "clearedRange": rng}
        if method == "PUT":
            return fake.put_values(book, rng, body.get("values", []))
        return fake.get_values(book, rng, option)

"""The one place that talks to Google: a small protocol and its gspread implementation.

Only the batched Sheets v4 calls are used (metadata, values.batchGet,
values.batchUpdate, values.append, spreadsheets.batchUpdate, spreadsheets.create),
so a sync costs a handful of requests whatever the row count. Creating the
spreadsheet through the Sheets API, not Drive, keeps the OAuth scope to
spreadsheets alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from nargis_desktop.sync.backoff import Backoff, Retryable
from nargis_desktop.sync.errors import (
    SyncAuthError,
    SyncError,
    SyncRemoteError,
    SyncTransientError,
)

T = TypeVar("T")
GOOGLE_HOSTS = ("https://sheets.googleapis.com", "https://www.googleapis.com")
SCOPES = ["https://www.googleapis.com/auth/spreadsheets"]
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
#: a request that hangs is treated like a dropped connection
TIMEOUT_S = (10.0, 60.0)


@dataclass(frozen=True)
class SheetMeta:
    sheet_id: int
    rows: int
    cols: int


class SheetsGateway(Protocol):
    def create(self, title: str, sheets: list[str]) -> str:
        """Create a spreadsheet with these worksheets; return its id."""
        ...

    def metadata(self, spreadsheet_id: str) -> dict[str, SheetMeta]:
        """Worksheets by title."""
        ...

    def structure(self, spreadsheet_id: str, requests: list[dict[str, Any]]) -> None:
        """spreadsheets.batchUpdate (add sheets, insert rows)."""
        ...

    def read(self, spreadsheet_id: str, titles: list[str]) -> dict[str, list[list[Any]]]:
        """Every value of these worksheets, in one request."""
        ...

    def write(self, spreadsheet_id: str, data: list[tuple[str, list[list[Any]]]]) -> None:
        """Write ranges in place, in one request (idempotent: safe to retry)."""
        ...

    def append(self, spreadsheet_id: str, title: str, rows: list[list[Any]]) -> None:
        """Add rows after a worksheet's data (inserting rows, never overwriting)."""
        ...


@dataclass
class GspreadGateway:
    """gspread's HTTP client over an authorized session; ``endpoint`` redirects the
    Google hosts (a local test server, a proxy)."""

    credentials: Any
    endpoint: str | None = None
    backoff: Backoff = field(default_factory=Backoff)
    #: every request attempted (retries included), for status and benchmarks
    requests: int = 0

    def __post_init__(self) -> None:
        try:
            import gspread
            from google.auth.transport.requests import AuthorizedSession
        except ModuleNotFoundError as exc:
            raise SyncError(f"Google Sheets sync needs an optional package ({exc.name}).",
                            hint="Install it with: pip install 'nargis-desktop[sync]'") from exc

        endpoint = self.endpoint.rstrip("/") if self.endpoint else None

        class _Session(AuthorizedSession):
            def request(  # type: ignore[override]
                    self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
                if endpoint:
                    for host in GOOGLE_HOSTS:
                        if url.startswith(host):
                            url = endpoint + url[len(host):]
                            break
                return super().request(  # type: ignore[no-untyped-call]
                    method, url, *args, **kwargs)

        session = _Session(self.credentials)  # type: ignore[no-untyped-call]
        self._client = gspread.Client(auth=None, session=session)  # type: ignore[arg-type]
        self._client.set_timeout(TIMEOUT_S)
        self._http = self._client.http_client

    # -- plumbing ------------------------------------------------------------------
    def _call(self, fn: Callable[[], T]) -> T:
        def attempt() -> T:
            self.requests += 1
            return _translate(fn)

        try:
            return self.backoff.run(attempt)
        except Retryable as exc:
            raise SyncTransientError(
                f"Google Sheets did not answer in time ({exc}).",
                hint="Nothing was lost; the next sync picks up where this one stopped.") from exc

    # -- protocol ------------------------------------------------------------------
    def create(self, title: str, sheets: list[str]) -> str:
        from gspread.urls import SPREADSHEETS_API_V4_BASE_URL

        body = {"properties": {"title": title},
                "sheets": [{"properties": {"title": t, "gridProperties": {
                    "rowCount": 1000, "columnCount": 26}}} for t in sheets]}
        doc = self._call(lambda: self._http.request(
            "post", SPREADSHEETS_API_V4_BASE_URL, json=body).json())
        return str(doc["spreadsheetId"])

    def metadata(self, spreadsheet_id: str) -> dict[str, SheetMeta]:
        doc = self._call(lambda: self._http.fetch_sheet_metadata(
            spreadsheet_id, params={"fields": "sheets.properties"}))
        out = {}
        for sheet in doc.get("sheets", []):
            p = sheet["properties"]
            grid = p.get("gridProperties", {})
            out[p["title"]] = SheetMeta(int(p["sheetId"]), int(grid.get("rowCount", 0)),
                                        int(grid.get("columnCount", 0)))
        return out

    def structure(self, spreadsheet_id: str, requests: list[dict[str, Any]]) -> None:
        if requests:
            self._call(lambda: self._http.batch_update(spreadsheet_id, {"requests": requests}))

    def read(self, spreadsheet_id: str, titles: list[str]) -> dict[str, list[list[Any]]]:
        from nargis_desktop.sync.layout import quote_sheet

        if not titles:
            return {}
        doc = self._call(lambda: self._http.values_batch_get(
            spreadsheet_id, [quote_sheet(t) for t in titles],
            params={"valueRenderOption": "UNFORMATTED_VALUE",
                    "dateTimeRenderOption": "SERIAL_NUMBER", "majorDimension": "ROWS"}))
        ranges = doc.get("valueRanges", [])
        return {t: list(r.get("values", [])) for t, r in zip(titles, ranges, strict=False)}

    def write(self, spreadsheet_id: str, data: list[tuple[str, list[list[Any]]]]) -> None:
        if not data:
            return
        body = {"valueInputOption": "RAW",
                "data": [{"range": rng, "majorDimension": "ROWS", "values": values}
                         for rng, values in data]}
        self._call(lambda: self._http.values_batch_update(spreadsheet_id, body))

    def append(self, spreadsheet_id: str, title: str, rows: list[list[Any]]) -> None:
        from nargis_desktop.sync.layout import quote_sheet

        if not rows:
            return
        self._call(lambda: self._http.values_append(
            spreadsheet_id, f"{quote_sheet(title)}!A1",
            params={"valueInputOption": "RAW", "insertDataOption": "INSERT_ROWS"},
            body={"majorDimension": "ROWS", "values": rows}))


def _translate(fn: Callable[[], T]) -> T:
    """Google's and the network's failures as retryable, auth or plain remote errors."""
    import requests
    from google.auth import exceptions as gauth
    from gspread.exceptions import APIError

    try:
        return fn()
    except APIError as exc:
        code = exc.code if exc.code != -1 else exc.response.status_code
        if code in RETRY_STATUS:
            raw = exc.response.headers.get("Retry-After")
            after = float(raw) if raw and raw.replace(".", "", 1).isdigit() else None
            raise Retryable(f"HTTP {code}", retry_after=after) from exc
        message = str(exc.error.get("message", "")) or str(exc)
        if code in (401, 403):
            raise SyncAuthError(f"Google refused access ({code}: {message}).", hint=(
                "Share the spreadsheet with the account, or connect again with: "
                "nargis sync setup")) from exc
        if code == 404:
            raise SyncRemoteError(f"The spreadsheet was not found ({message}).", hint=(
                "Check the spreadsheet id, or run nargis sync setup without --spreadsheet "
                "to create one.")) from exc
        raise SyncRemoteError(f"Google Sheets refused the request ({code}: {message}).") \
            from exc
    except gauth.RefreshError as exc:
        raise SyncAuthError(f"Google sign-in expired or was revoked ({exc}).",
                            hint="Connect again with: nargis sync setup") from exc
    except (requests.ConnectionError, requests.Timeout, gauth.TransportError) as exc:
        raise Retryable(f"network: {type(exc).__name__}") from exc
    except requests.exceptions.ChunkedEncodingError as exc:
        raise Retryable("network: connection dropped") from exc
    except ValueError as exc:  # a truncated JSON body
        raise Retryable(f"network: bad response ({exc})") from exc

"""What the CLI and the desktop app call: set up, status, sync now, disconnect, auto-sync.

Qt-free and thread-safe: the GUI runs :meth:`SyncService.sync_now` on a worker
and polls :meth:`SyncService.status` for its indicator. Sync is off until
``setup`` succeeds; nothing leaves the machine before that.
"""

from __future__ import annotations

import os
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nargis_desktop.clock import Clock, to_iso
from nargis_desktop.errors import NargisError
from nargis_desktop.store import Store
from nargis_desktop.sync.backoff import Backoff
from nargis_desktop.sync.credentials import (
    Connection,
    TokenStore,
    load_credentials,
    oauth_connect,
    oauth_secret,
    service_account_connect,
)
from nargis_desktop.sync.engine import Progress, SyncEngine, SyncReport
from nargis_desktop.sync.errors import (
    SyncError,
    SyncNotConfiguredError,
    SyncTransientError,
)
from nargis_desktop.sync.gateway import GspreadGateway, SheetsGateway
from nargis_desktop.sync.schema import entities
from nargis_desktop.sync.state import LoggedConflict, SyncState

if TYPE_CHECKING:
    from nargis_desktop.app import App
    from nargis_desktop.settings import Settings

#: Where the Sheets API lives; a local server for tests, a proxy, a regional endpoint.
ENV_ENDPOINT = "NARGIS_SHEETS_ENDPOINT"
SPREADSHEET_TITLE = "Nargis"
GatewayFactory = Callable[[Any], SheetsGateway]


@dataclass
class SyncStatus:
    enabled: bool
    connected: bool
    #: off, idle, syncing, error (needs the user), offline (retried by itself)
    state: str
    kind: str = ""
    account: str = ""
    spreadsheet_id: str = ""
    spreadsheet_url: str = ""
    last_sync_at: str | None = None
    last_attempt_at: str | None = None
    last_error: str | None = None
    pending: int = 0
    pending_by_sheet: dict[str, int] = field(default_factory=dict)
    unseen_conflicts: int = 0
    interval_minutes: int = 0
    include_journal: bool = False
    last_report: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class SetupResult:
    spreadsheet_id: str
    created: bool
    messages: list[str]


class SyncService:
    def __init__(self, store: Store, settings: Settings, clock: Clock, *,
                 settings_file: Path | None = None, tokens: TokenStore | None = None,
                 endpoint: str | None = None, gateway_factory: GatewayFactory | None = None,
                 backoff: Callable[[], Backoff] | None = None) -> None:
        self.store = store
        self.settings = settings
        self.clock = clock
        self.settings_file = settings_file
        self.tokens = tokens or TokenStore()
        self.endpoint = endpoint if endpoint is not None else os.environ.get(ENV_ENDPOINT)
        self.state = SyncState(store)
        self._backoff = backoff or Backoff
        self._factory = gateway_factory or self._default_gateway
        self._creds: Any = None
        self._run_lock = threading.Lock()
        self._syncing = False

    @classmethod
    def from_app(cls, app: App, **kwargs: Any) -> SyncService:
        return cls(app.store, app.settings, app.clock, settings_file=app.home.settings_file,
                   **kwargs)

    def _default_gateway(self, creds: Any) -> SheetsGateway:
        return GspreadGateway(creds, endpoint=self.endpoint, backoff=self._backoff())

    # -- connection ------------------------------------------------------------------
    def connection(self) -> Connection | None:
        raw = self.state.get("connection")
        return Connection.from_json(raw) if raw else None

    def _credentials(self) -> Any:
        if self._creds is None:
            conn = self.connection()
            if conn is None:
                raise SyncNotConfiguredError()
            self._creds = load_credentials(conn, self.tokens)
        return self._creds

    def setup(self, *, client_secret: Path | None = None, service_account: Path | None = None,
              spreadsheet: str | None = None, open_browser: bool = True,
              browser: str | None = None) -> SetupResult:
        """Connect, then open (or create) the spreadsheet and turn sync on."""
        if (client_secret is None) == (service_account is None):
            raise SyncError("Give exactly one of a client secret file or a service-account key.")
        messages: list[str] = []
        if client_secret is not None:
            creds, conn = oauth_connect(client_secret, open_browser=open_browser,
                                        browser=browser)
            _, note = self.tokens.save(oauth_secret(creds))
            messages.append(note)
        else:
            assert service_account is not None
            creds, conn = service_account_connect(service_account)
            messages.append(f"Connected as the service account {conn.account}; the key stays "
                            f"in {conn.key_file} (only its path is remembered).")
        return self.connect_with(creds, conn, spreadsheet, messages)

    def connect_with(self, creds: Any, conn: Connection, spreadsheet: str | None = None,
                     messages: list[str] | None = None) -> SetupResult:
        """Finish a connection with credentials already in hand (setup, tests)."""
        messages = list(messages or [])
        gateway = self._factory(creds)
        target = (spreadsheet or self.settings.sync.spreadsheet_id or "").strip()
        created = False
        names = [e.sheet for e in entities(self.settings.sync.include_journal)]
        if target:
            gateway.metadata(target)  # fails now, clearly, if it can't be opened
        else:
            target = gateway.create(SPREADSHEET_TITLE, names)
            created = True
            messages.append(f"Created the spreadsheet '{SPREADSHEET_TITLE}': {url(target)}")
        if conn.kind == "service_account" and created:
            messages.append("It belongs to the service account: share it with yourself from "
                            "Drive, or pass --spreadsheet with one you shared with "
                            f"{conn.account}.")
        self._creds = creds
        self.state.set(connection=conn.to_json(), spreadsheet_id=target, last_error=None)
        self.settings.sync.enabled = True
        self.settings.sync.spreadsheet_id = target
        self._save_settings()
        return SetupResult(target, created, messages)

    def disconnect(self) -> list[str]:
        """Turn sync off and forget the sign-in; local data and the sheet stay as they are."""
        messages = [m for m in [self.tokens.forget()] if m]
        self._creds = None
        self.state.set(connection=None, last_error=None)
        self.settings.sync.enabled = False
        self._save_settings()
        messages.append("Sync is off. Your data here and the spreadsheet were left as they are.")
        return messages

    def _save_settings(self) -> None:
        if self.settings_file is not None:
            from nargis_desktop.settings import save_settings

            save_settings(self.settings_file, self.settings)

    # -- syncing ---------------------------------------------------------------------
    def spreadsheet_id(self) -> str:
        return self.settings.sync.spreadsheet_id or self.state.get("spreadsheet_id") or ""

    def sync_now(self, progress: Progress | None = None) -> SyncReport:
        if not self.settings.sync.enabled or self.connection() is None:
            raise SyncNotConfiguredError()
        if not self._run_lock.acquire(blocking=False):
            raise SyncTransientError("A sync is already running.")
        self._syncing = True
        try:
            self.state.set(last_attempt_at=to_iso(self.clock.now()))
            engine = SyncEngine(self.store, self._factory(self._credentials()), self.clock,
                                include_journal=self.settings.sync.include_journal)
            try:
                report = engine.run(self.spreadsheet_id(), progress)
            except SyncError as exc:
                kind = "offline" if isinstance(exc, SyncTransientError) else "error"
                self.state.set(last_error=str(exc), last_error_kind=kind)
                raise
            import json

            self.state.set(last_report=json.dumps(report.to_json()), last_error_kind=None)
            return report
        finally:
            self._syncing = False
            self._run_lock.release()

    def status(self) -> SyncStatus:
        conn = self.connection()
        enabled = self.settings.sync.enabled
        sid = self.spreadsheet_id()
        pending = self.state.pending(entities(self.settings.sync.include_journal))
        error = self.state.get("last_error")
        if not enabled or conn is None:
            state = "off"
        elif self._syncing:
            state = "syncing"
        elif error:
            state = self.state.get("last_error_kind") or "error"
        else:
            state = "idle"
        return SyncStatus(
            enabled=enabled, connected=conn is not None, state=state,
            kind=conn.kind if conn else "", account=conn.account if conn else "",
            spreadsheet_id=sid, spreadsheet_url=url(sid) if sid else "",
            last_sync_at=self.state.get("last_sync_at"),
            last_attempt_at=self.state.get("last_attempt_at"), last_error=error,
            pending=sum(pending.values()), pending_by_sheet=pending,
            unseen_conflicts=self.state.unseen_conflicts(),
            interval_minutes=self.settings.sync.interval_minutes,
            include_journal=self.settings.sync.include_journal,
            last_report=self.state.get_json("last_report"))

    def conflicts(self, limit: int = 50) -> list[LoggedConflict]:
        return self.state.conflicts(limit=limit)


def url(spreadsheet_id: str) -> str:
    return f"https://docs.google.com/spreadsheets/d/{spreadsheet_id}"


class AutoSync:
    """Sync every ``interval_minutes`` on a daemon thread; after a failure, retry sooner
    with backoff (never more often than ``min_retry_s``). Never blocks the caller."""

    def __init__(self, service: SyncService, *, on_result: Callable[[SyncReport | None,
                 NargisError | None], None] | None = None, min_retry_s: float = 60.0,
                 rng: random.Random | None = None) -> None:
        self.service = service
        self.on_result = on_result
        self.min_retry_s = min_retry_s
        self._rng = rng or random.Random()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.failures = 0

    def next_wait(self) -> float:
        interval = self.service.settings.sync.interval_minutes * 60.0
        if self.failures:
            retry = min(interval or 3600.0, self.min_retry_s * 2 ** min(self.failures - 1, 6))
            return self._rng.uniform(retry / 2, retry)
        return interval

    def start(self) -> None:
        if self._thread is None and self.service.settings.sync.interval_minutes > 0:
            self._thread = threading.Thread(target=self._loop, name="nargis-sync", daemon=True)
            self._thread.start()

    def poke(self) -> None:
        """Sync soon (after a local change, or when the network is back)."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def run_once(self) -> None:
        try:
            report = self.service.sync_now()
        except NargisError as exc:  # offline, auth, a busy database: try again later
            self.failures += 1
            if self.on_result:
                self.on_result(None, exc)
            return
        self.failures = 0
        if self.on_result:
            self.on_result(report, None)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.next_wait())
            self._wake.clear()
            if self._stop.is_set():
                break
            if self.service.settings.sync.enabled:
                self.run_once()

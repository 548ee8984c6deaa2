"""Fixtures for sync tests: a local fake Sheets API, an in-memory keyring, connected services.

The real gspread client and google-auth talk HTTP to 127.0.0.1; nothing in the
code under test is mocked. Backoff sleeps are recorded instead of slept.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fake_sheets import FakeSheets
from google.oauth2.credentials import Credentials
from memory_keyring import MemoryKeyring

from nargis_desktop.app import App
from nargis_desktop.clock import FixedClock
from nargis_desktop.paths import DataHome
from nargis_desktop.sync.backoff import Backoff
from nargis_desktop.sync.credentials import Connection, TokenStore
from nargis_desktop.sync.service import SyncService


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def server() -> Iterator[FakeSheets]:
    with FakeSheets() as srv:
        yield srv


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def make_device(server: FakeSheets, tmp_path: Path, sleeps: Sleeps
                ) -> Iterator[Callable[..., tuple[App, SyncService]]]:
    """A device: its own data home, clock and a service connected to the fake server."""
    apps: list[App] = []

    def make(name: str = "a", *, spreadsheet: str | None = None,
             clock: FixedClock | None = None, **kw: Any) -> tuple[App, SyncService]:
        home = tmp_path / f"device-{name}"
        home.mkdir(exist_ok=True)
        clock = clock or FixedClock(datetime(2026, 11, 25, 9, 30, tzinfo=UTC), "Europe/Berlin")
        app = App(DataHome(home), clock=clock)
        apps.append(app)
        svc = SyncService.from_app(
            app, endpoint=server.url, tokens=TokenStore(MemoryKeyring()),
            backoff=lambda: Backoff(sleep=sleeps, rng=random.Random(7), **kw))
        svc.connect_with(Credentials(token="test-token"), Connection("oauth", client_id="x"),
                         spreadsheet)
        return app, svc

    yield make
    for app in apps:
        app.close()

"""Shared fixtures: every test gets a fresh, temporary data home.

``NARGIS_HOME`` is pointed at a temporary folder before anything else runs, so a
test can never touch a real user's data. Models are the exception: they are
large, read-only once installed, and shared machine-wide through
``NARGIS_MODELS_DIR`` (installed once, by the real model manager).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

_SESSION_HOME = tempfile.mkdtemp(prefix="nargis-test-home-")
os.environ["NARGIS_HOME"] = _SESSION_HOME
os.environ.setdefault("NARGIS_MODELS_DIR",
                      str(Path.home() / ".cache" / "nargis-test-models"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("NARGIS_PASSPHRASE", None)

from nargis_desktop.app import App  # noqa: E402
from nargis_desktop.clock import FixedClock  # noqa: E402
from nargis_desktop.paths import DataHome  # noqa: E402

#: A Wednesday, mid-morning in Berlin: fixed so date rules are testable.
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def nargis_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("NARGIS_HOME", str(home))
    return home


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW, "Europe/Berlin")


@pytest.fixture
def app(nargis_home: Path, clock: FixedClock) -> Iterator[App]:
    a = App(DataHome(nargis_home), clock=clock)
    yield a
    a.close()

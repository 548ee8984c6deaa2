"""Vault fixtures: cheap Argon2 (explicit parameters), real keyring backends, a steerable clock.

Keyring backends here are real ``keyring.backend.KeyringBackend`` subclasses:
the vault talks to them exactly as it talks to the OS keychain. By default
every test runs with keyring's own "no backend" (``fail.Keyring``), so no test
ever touches the keyring of the machine it runs on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import KeyringLocked
from memory_keyring import MemoryKeyring

from nargis_desktop.settings import VaultSettings
from nargis_desktop.store import Store
from nargis_desktop.vault.kdf import KdfParams
from nargis_desktop.vault.keychain import Keychain
from nargis_desktop.vault.vault import Vault

#: far below the product floor, on purpose: tests only, passed explicitly
CHEAP = KdfParams(memory_kib=1024, time_cost=1, parallelism=1)
PASSPHRASE = "correct horse battery staple"


class LockedKeyring(KeyringBackend):
    """A keychain that exists but refuses (a locked macOS keychain over SSH)."""

    priority = 10  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("the keychain is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("the keychain is locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("the keychain is locked")


class PlaintextKeyring(MemoryKeyring):
    """Named like keyrings.alt's file backend: must be refused by name."""


class Ticker:
    """A monotonic clock that moves only when told."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def no_os_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setenv("NARGIS_VAULT_KDF", "minimum")
    monkeypatch.delenv("NARGIS_PASSPHRASE", raising=False)
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "nargis.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = Store(db_path)
    yield s
    s.close()


@pytest.fixture
def ticker() -> Ticker:
    return Ticker()


@pytest.fixture
def make_vault(ticker: Ticker) -> Any:
    """Build a vault the way App does, with test knobs."""

    def make(store: Store, *, settings: VaultSettings | None = None, backend: Any = None,
             env: dict[str, str] | None = None, wall: Any = None) -> Vault:
        keychain = Keychain(backend if backend is not None else fail.Keyring(),
                            **({"wall": wall} if wall else {}))
        return Vault(store, settings or VaultSettings(), keychain=keychain, clock=ticker,
                     env=env if env is not None else {}, kdf=CHEAP)

    return make


@pytest.fixture
def vault(store: Store, make_vault: Any) -> Vault:
    v: Vault = make_vault(store)
    v.create(PASSPHRASE)
    return v


def env_for(home: Path, tmp: Path, **extra: str) -> dict[str, str]:
    """Environment of a real subprocess: its own data home and temp folder."""
    env = dict(os.environ, NARGIS_HOME=str(home), TMPDIR=str(tmp), TEMP=str(tmp), TMP=str(tmp),
               SQLITE_TMPDIR=str(tmp), NARGIS_VAULT_KDF="minimum",
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    env.pop("NARGIS_PASSPHRASE", None)
    env.update(extra)
    return env


@pytest.fixture
def vault_app(nargis_home: Path, clock: Any) -> Iterator[Any]:
    """The real App (composition root) with an unlocked vault at the cheap test cost."""
    from nargis_desktop.app import App
    from nargis_desktop.paths import DataHome
    from nargis_desktop.settings import Settings

    settings = Settings()
    settings.vault.auto_lock_minutes = 0
    app = App(DataHome(nargis_home), settings=settings, clock=clock)
    app.vault.create(PASSPHRASE, params=CHEAP)
    yield app
    app.close()


@pytest.fixture
def make_app(nargis_home: Path, clock: Any) -> Iterator[Callable[..., Any]]:
    """Real Apps on the test home, "encrypt tasks too" on or off, closed afterwards."""
    from nargis_desktop.app import App
    from nargis_desktop.paths import DataHome
    from nargis_desktop.settings import Settings

    apps: list[App] = []

    def make(encrypt_tasks: bool = True) -> App:
        settings = Settings()
        settings.vault.encrypt_tasks = encrypt_tasks
        settings.vault.auto_lock_minutes = 0
        app = App(DataHome(nargis_home), settings=settings, clock=clock)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.close()

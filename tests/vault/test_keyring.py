""""Remember on this device": the data key (never the passphrase) in a real keyring backend."""

from __future__ import annotations

import base64
import json

import pytest
from keyring.backends import fail

from nargis_desktop.errors import VaultLockedError
from nargis_desktop.settings import VaultSettings
from nargis_desktop.store import Store
from nargis_desktop.vault.cipher import key_id
from nargis_desktop.vault.keychain import SERVICE

from .conftest import PASSPHRASE, LockedKeyring, MemoryKeyring, PlaintextKeyring
from .helpers import add_entries, raw_body


def _secret(backend: MemoryKeyring) -> dict:
    ((service, _account), secret), = backend.secrets.items()
    assert service == SERVICE
    return json.loads(secret)


def test_remember_keeps_the_data_key_not_the_passphrase(store: Store, make_vault) -> None:
    backend = MemoryKeyring()
    vault = make_vault(store, backend=backend)
    vault.create(PASSPHRASE, remember=True)
    stored = repr(backend.secrets)
    assert PASSPHRASE not in stored
    doc = _secret(backend)
    key = base64.b64decode(doc["keys"]["1"])
    assert key_id(key) == vault.require_header().keys[0].key_id


def test_next_process_unlocks_from_the_keyring(store: Store, make_vault) -> None:
    backend = MemoryKeyring()
    first = make_vault(store, backend=backend)
    first.create(PASSPHRASE, remember=True)
    (row_id,) = add_entries(first, 1)
    second = make_vault(store, backend=backend)       # a new command, same device
    text = second.codec().open("journal_entries", row_id, "body", raw_body(store, row_id), 1)
    assert text == "entry number 0 about running"
    assert second.session().source == "keyring"


def test_setting_remember_on_device(store: Store, make_vault) -> None:
    backend = MemoryKeyring()
    vault = make_vault(store, backend=backend,
                       settings=VaultSettings(remember_on_device=True))
    vault.create(PASSPHRASE)
    assert backend.secrets


def test_lock_forgets_the_remembered_key(store: Store, make_vault) -> None:
    backend = MemoryKeyring()
    vault = make_vault(store, backend=backend)
    vault.create(PASSPHRASE, remember=True)
    vault.lock()
    assert backend.secrets == {}
    with pytest.raises(VaultLockedError):
        make_vault(store, backend=backend).session()


@pytest.mark.parametrize("backend, words", [
    (fail.Keyring(), "no OS keyring is available"),
    (LockedKeyring(), "KeyringLocked"),
    (PlaintextKeyring(), "plain file"),
])
def test_unusable_keyring_falls_back_with_a_message(store: Store, make_vault, backend,
                                                    words: str) -> None:
    vault = make_vault(store, backend=backend)
    vault.create(PASSPHRASE, remember=True)      # creating still works
    notes = " ".join(vault.take_notices())
    assert "not remembered" in notes and words.lower() in notes.lower()
    assert "passphrase" in notes
    if isinstance(backend, PlaintextKeyring):
        assert backend.secrets == {}             # nothing written to the plain-file keyring
    fresh = make_vault(store, backend=backend)
    with pytest.raises(VaultLockedError):        # next time: asked for the passphrase
        fresh.session()
    fresh.unlock(PASSPHRASE)
    assert fresh.unlocked


def test_keyring_raising_on_read_falls_back(store: Store, make_vault) -> None:
    good = MemoryKeyring()
    make_vault(store, backend=good).create(PASSPHRASE, remember=True)
    fresh = make_vault(store, backend=LockedKeyring())
    with pytest.raises(VaultLockedError):
        fresh.session()
    assert any("could not be read" in n and "passphrase" in n for n in fresh.take_notices())


def test_remembered_key_expires_after_idle_minutes(store: Store, make_vault) -> None:
    backend = MemoryKeyring()
    wall = [1_000_000.0]
    settings = VaultSettings(auto_lock_minutes=15)
    make_vault(store, backend=backend, settings=settings,
               wall=lambda: wall[0]).create(PASSPHRASE, remember=True)
    wall[0] += 10 * 60
    assert make_vault(store, backend=backend, settings=settings,
                      wall=lambda: wall[0]).session().source == "keyring"   # touched
    wall[0] += 14 * 60
    assert make_vault(store, backend=backend, settings=settings,
                      wall=lambda: wall[0]).session().source == "keyring"
    wall[0] += 16 * 60
    late = make_vault(store, backend=backend, settings=settings, wall=lambda: wall[0])
    with pytest.raises(VaultLockedError):
        late.session()
    assert backend.secrets == {}
    assert any("locked itself" in n for n in late.take_notices())


def test_stale_remembered_key_is_forgotten(store: Store, make_vault) -> None:
    backend = MemoryKeyring()
    vault = make_vault(store, backend=backend)
    vault.create(PASSPHRASE, remember=True)
    doc = _secret(backend)
    doc["keys"]["1"] = base64.b64encode(b"\x01" * 32).decode()
    ((service, account), _), = backend.secrets.items()
    backend.secrets[(service, account)] = json.dumps(doc)
    fresh = make_vault(store, backend=backend)
    with pytest.raises(VaultLockedError):
        fresh.session()
    assert backend.secrets == {}
    assert any("no longer fits" in n for n in fresh.take_notices())


def test_a_chain_never_writes_to_its_plain_file_member(store: Store, make_vault) -> None:
    from keyring.backends.chainer import ChainerBackend

    plain, good = PlaintextKeyring(), MemoryKeyring()

    class Chain(ChainerBackend):
        @property
        def backends(self) -> list:  # type: ignore[override]
            return [plain, good]       # the plain-file one first, as a bad config would

    vault = make_vault(store, backend=Chain())
    vault.create(PASSPHRASE, remember=True)
    assert plain.secrets == {} and len(good.secrets) == 1

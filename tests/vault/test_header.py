"""A missing or damaged header: a clear error, nothing overwritten, nothing re-created."""

from __future__ import annotations

import json

import pytest

from nargis_desktop.store import Store
from nargis_desktop.vault.errors import VaultExistsError, VaultHeaderError
from nargis_desktop.vault.header import META_KEY, VaultHeader
from nargis_desktop.vault.vault import Vault

from .conftest import PASSPHRASE
from .helpers import add_entries, snapshot


def test_header_round_trips(vault: Vault) -> None:
    header = vault.require_header()
    again = VaultHeader.parse(header.to_json(), "x")
    assert again == header
    doc = json.loads(header.to_json())
    assert doc["kdf"]["name"] == "argon2id" and len(doc["kdf"]["salt"]) > 16
    assert PASSPHRASE not in header.to_json()


def _break(doc: dict) -> None:
    del doc["keys"]


@pytest.mark.parametrize("mangle, why", [
    (lambda raw: raw[: len(raw) // 2], "not valid JSON"),
    (lambda raw: json.dumps({**json.loads(raw), "format": "other"}), "not a Nargis vault"),
    (lambda raw: json.dumps({k: v for k, v in json.loads(raw).items() if k != "keys"}),
     "missing field"),
    (lambda raw: json.dumps({**json.loads(raw), "current": 7}), "current key 7"),
    (lambda raw: raw.replace('"salt": "', '"salt": "!!'), "not base64"),
    (lambda raw: json.dumps({**json.loads(raw), "version": 99}), "newer Nargis"),
    (lambda raw: json.dumps({**json.loads(raw), "kdf": {**json.loads(raw)["kdf"],
                                                        "memory_kib": 2**40}}),
     "unreasonable Argon2id cost"),
])
def test_damaged_header_is_reported_and_left_alone(
        store: Store, vault: Vault, make_vault, mangle, why: str) -> None:
    add_entries(vault, 3)
    raw = store.meta_get(META_KEY)
    assert raw is not None
    store.meta_set(META_KEY, mangle(raw))
    before = snapshot(store)
    fresh = make_vault(store)
    for attempt in (lambda: fresh.unlock(PASSPHRASE), lambda: fresh.create("another passphrase"),
                    fresh.require_header):
        with pytest.raises(VaultHeaderError, match=why):
            attempt()
    assert snapshot(store) == before


def test_missing_header_with_encrypted_entries_refuses_to_reinit(
        store: Store, vault: Vault, make_vault) -> None:
    add_entries(vault, 2)
    with store.write() as db:
        db.execute("DELETE FROM meta WHERE key = ?", (META_KEY,))
    before = snapshot(store)
    fresh = make_vault(store, env={"NARGIS_PASSPHRASE": PASSPHRASE})
    with pytest.raises(VaultHeaderError, match=r"missing .* 2 encrypted entries"):
        fresh.create("a brand new passphrase")
    with pytest.raises(VaultHeaderError, match="missing"):
        fresh.unlock(PASSPHRASE)
    with pytest.raises(VaultHeaderError, match="missing"):
        fresh.session(for_write=True)   # even NARGIS_PASSPHRASE does not re-create it
    assert snapshot(store) == before


def test_second_create_is_refused(vault: Vault) -> None:
    with pytest.raises(VaultExistsError):
        vault.create("another passphrase")


def test_wrapped_key_swapped_for_another_vaults_is_not_accepted(
        store: Store, vault: Vault, make_vault, tmp_path) -> None:
    other_store = Store(tmp_path / "other.db")
    try:
        other = make_vault(other_store)
        other.create(PASSPHRASE)
        mine = json.loads(store.meta_get(META_KEY) or "")
        theirs = json.loads(other_store.meta_get(META_KEY) or "")
        mine["keys"] = theirs["keys"]
        store.meta_set(META_KEY, json.dumps(mine))
        from nargis_desktop.vault.errors import WrongPassphraseError

        with pytest.raises((WrongPassphraseError, VaultHeaderError)):
            make_vault(store).unlock(PASSPHRASE)
    finally:
        other_store.close()

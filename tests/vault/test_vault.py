"""Create, unlock, lock, idle auto-lock, wrong passphrase, passphrase change."""

from __future__ import annotations

import pytest

from nargis_desktop.errors import VaultLockedError
from nargis_desktop.settings import VaultSettings
from nargis_desktop.store import Store
from nargis_desktop.vault.errors import VaultMissingError, WrongPassphraseError
from nargis_desktop.vault.header import META_KEY

from .conftest import PASSPHRASE, Ticker
from .helpers import add_entries, add_plain_entry, raw_body, snapshot


def test_no_vault_refuses_to_write_journal_text(store: Store, make_vault) -> None:
    vault = make_vault(store)
    codec = vault.codec()
    with pytest.raises(VaultMissingError, match="only ever stored encrypted"):
        codec.seal("journal_entries", "r", "body", "text")
    assert not vault.exists()


def test_environment_passphrase_creates_the_vault_on_first_write(store: Store,
                                                                 make_vault) -> None:
    vault = make_vault(store, env={"NARGIS_PASSPHRASE": PASSPHRASE})
    value, enc = vault.codec().seal("journal_entries", "r", "body", "text")
    assert enc == 1 and isinstance(value, bytes)
    assert vault.exists()
    assert any("Created a journal vault" in n for n in vault.take_notices())


def test_creation_encrypts_existing_plain_entries_in_place(store: Store, make_vault) -> None:
    old = add_plain_entry(store, "written before the vault", title="old")
    vault = make_vault(store)
    vault.create(PASSPHRASE)
    row = store.query("SELECT * FROM journal_entries WHERE id = ?", (old,))[0]
    assert row["enc"] == 1 and isinstance(row["body"], bytes)
    assert b"before the vault" not in row["body"] and b"old" not in row["title"]
    assert vault.codec().open("journal_entries", old, "body", row["body"], 1) == \
        "written before the vault"


def test_wrong_passphrase_changes_nothing_and_never_locks_out(store: Store, vault,
                                                              make_vault) -> None:
    add_entries(vault, 3)
    before = snapshot(store)
    fresh = make_vault(store)
    for _ in range(10):
        with pytest.raises(WrongPassphraseError, match="nothing was changed"):
            fresh.unlock("not the passphrase")
    assert snapshot(store) == before
    fresh.unlock(PASSPHRASE)   # no counter, no delay: the right one still works
    assert fresh.unlocked


def test_wrong_environment_passphrase_is_named(store: Store, vault, make_vault) -> None:
    add_entries(vault, 1)
    fresh = make_vault(store, env={"NARGIS_PASSPHRASE": "not the passphrase"})
    with pytest.raises(WrongPassphraseError, match="NARGIS_PASSPHRASE"):
        fresh.session()


def test_locked_vault_raises_locked(store: Store, vault, make_vault) -> None:
    (row_id,) = add_entries(vault, 1)
    fresh = make_vault(store)
    with pytest.raises(VaultLockedError, match="locked"):
        fresh.codec().open("journal_entries", row_id, "body", raw_body(store, row_id), 1)


def test_explicit_lock_wins_over_the_environment(store: Store, make_vault) -> None:
    vault = make_vault(store, env={"NARGIS_PASSPHRASE": PASSPHRASE})
    vault.create(PASSPHRASE)
    vault.lock()
    with pytest.raises(VaultLockedError):
        vault.session()
    vault.unlock(PASSPHRASE)
    assert vault.unlocked


def test_idle_auto_lock_on_the_monotonic_clock(store: Store, make_vault,
                                               ticker: Ticker) -> None:
    vault = make_vault(store, settings=VaultSettings(auto_lock_minutes=15))
    vault.create(PASSPHRASE)
    ticker.advance(14 * 60)
    vault.session()            # activity resets the idle timer
    ticker.advance(14 * 60)
    assert vault.unlocked
    ticker.advance(60)
    assert not vault.unlocked
    assert any("locked itself after 15" in n for n in vault.take_notices())
    with pytest.raises(VaultLockedError):
        vault.session()


def test_auto_lock_zero_means_never(store: Store, make_vault, ticker: Ticker) -> None:
    vault = make_vault(store, settings=VaultSettings(auto_lock_minutes=0))
    vault.create(PASSPHRASE)
    ticker.advance(10**7)
    assert vault.unlocked


def test_passphrase_change_rewraps_only(store: Store, vault, make_vault) -> None:
    ids = add_entries(vault, 20)
    blobs = [raw_body(store, i) for i in ids]
    header_before = vault.require_header()
    vault.change_passphrase(PASSPHRASE, "a completely new passphrase")
    assert [raw_body(store, i) for i in ids] == blobs          # no entry rewritten
    after = vault.require_header()
    assert after.salt != header_before.salt
    assert [k.key_id for k in after.keys] == [k.key_id for k in header_before.keys]
    fresh = make_vault(store)
    with pytest.raises(WrongPassphraseError):
        fresh.unlock(PASSPHRASE)
    fresh.unlock("a completely new passphrase")
    assert fresh.codec().open("journal_entries", ids[0], "body", blobs[0], 1) == \
        "entry number 0 about running"


def test_passphrase_change_with_wrong_old_changes_nothing(store: Store, vault) -> None:
    raw = store.meta_get(META_KEY)
    with pytest.raises(WrongPassphraseError):
        vault.change_passphrase("not the passphrase", "a completely new passphrase")
    assert store.meta_get(META_KEY) == raw


def test_second_window_follows_a_passphrase_change(db_path, store: Store, vault,
                                                   make_vault) -> None:
    other_store = Store(db_path)
    try:
        other = make_vault(other_store)
        other.unlock(PASSPHRASE)
        vault.change_passphrase(PASSPHRASE, "a completely new passphrase")
        # the data key is unchanged, so the other window keeps writing without asking
        value, enc = other.codec().seal("journal_entries", "r", "body", "still works")
        assert enc == 1
        assert vault.codec().open("journal_entries", "r", "body", value, enc) == "still works"
    finally:
        other_store.close()


def test_events_for_the_ui(store: Store, ticker: Ticker) -> None:
    from keyring.backends import fail

    from nargis_desktop.core.events import Event, EventBus
    from nargis_desktop.vault.keychain import Keychain
    from nargis_desktop.vault.vault import Vault

    from .conftest import CHEAP

    bus = EventBus()
    seen: list[Event] = []
    bus.subscribe("vault.", seen.append)
    vault = Vault(store, VaultSettings(auto_lock_minutes=1), keychain=Keychain(fail.Keyring()),
                  clock=ticker, env={}, kdf=CHEAP, events=bus)
    vault.create(PASSPHRASE)
    vault.lock()
    vault.unlock(PASSPHRASE)
    ticker.advance(61)
    assert vault.check_idle()
    vault.unlock(PASSPHRASE)
    vault.change_passphrase(PASSPHRASE, "another good passphrase")
    assert [(e.topic, e.data.get("reason")) for e in seen] == [
        ("vault.created", None), ("vault.locked", "manual"), ("vault.unlocked", None),
        ("vault.locked", "idle"), ("vault.unlocked", None), ("vault.passphrase_changed", None)]

"""Argon2id parameters: the product never goes below the floor; passphrases are normalized."""

from __future__ import annotations

import unicodedata

import pytest

from nargis_desktop.store import Store
from nargis_desktop.vault.errors import WeakPassphraseError, WrongPassphraseError
from nargis_desktop.vault.kdf import BASE, FLOOR, KdfParams, calibrate, derive_kek

from .conftest import CHEAP


def test_floor_and_base_meet_owasp_minimum() -> None:
    assert FLOOR.memory_kib >= 19 * 1024 and FLOOR.time_cost >= 2
    assert not BASE.below_floor
    assert CHEAP.below_floor  # the test parameters are honest about being cheap


def test_minimum_mode_for_scripts_is_the_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NARGIS_VAULT_KDF", "minimum")
    assert calibrate() == FLOOR


def test_calibrated_default_is_never_below_the_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NARGIS_VAULT_KDF", raising=False)
    params = calibrate(target_seconds=0.05)  # a tiny target still lands on the floor or above
    assert params.memory_kib >= 19 * 1024 and params.time_cost >= 2
    assert not params.below_floor


def test_derivation_depends_on_every_input() -> None:
    salt = b"s" * 16
    base = derive_kek("passphrase one", salt, CHEAP)
    assert len(base) == 32
    assert derive_kek("passphrase one", salt, CHEAP) == base
    assert derive_kek("passphrase two", salt, CHEAP) != base
    assert derive_kek("passphrase one", b"t" * 16, CHEAP) != base
    assert derive_kek("passphrase one", salt, KdfParams(2048, 1, 1)) != base


def test_composed_and_decomposed_passphrases_unlock_alike(store: Store, make_vault) -> None:
    composed = unicodedata.normalize("NFC", "crème brûlée au café")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    vault = make_vault(store)
    vault.create(composed)
    vault.lock()
    vault.unlock(decomposed)
    assert vault.unlocked


def test_short_passphrase_is_refused_and_nothing_written(store: Store, make_vault) -> None:
    vault = make_vault(store)
    with pytest.raises(WeakPassphraseError, match="at least 8"):
        vault.create("short")
    assert not vault.exists()


def test_trailing_space_matters(store: Store, make_vault) -> None:
    vault = make_vault(store)
    vault.create("exact passphrase")
    with pytest.raises(WrongPassphraseError):
        vault.unlock("exact passphrase ")

"""The journal vault: create, unlock (passphrase, environment or keyring), lock, change passphrase.

A random 256-bit data key encrypts the fields; the passphrase only wraps that
key (Argon2id → AES-GCM). So a passphrase change rewrites one header row,
whatever the journal's size, and a wrong passphrase changes nothing.

Lock order: the store's write lock may be held while the vault's mutex is
taken (a codec call inside a transaction), never the other way round.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from nargis_desktop.core.events import Event, EventBus
from nargis_desktop.errors import VaultLockedError
from nargis_desktop.settings import VaultSettings
from nargis_desktop.store import Store
from nargis_desktop.vault import bulk
from nargis_desktop.vault.cipher import FieldKey, key_id, new_data_key, unwrap_key, wrap_key
from nargis_desktop.vault.errors import (
    VaultExistsError,
    VaultHeaderError,
    VaultMissingError,
    WrongPassphraseError,
)
from nargis_desktop.vault.header import META_KEY, MISSING_HINT, VaultHeader, WrappedKey
from nargis_desktop.vault.kdf import (
    KdfParams,
    calibrate,
    check_new_passphrase,
    derive_kek,
    new_salt,
)
from nargis_desktop.vault.keychain import Keychain
from nargis_desktop.vault.session import Monotonic, Session
from nargis_desktop.vault.tables import ALL, JOURNAL, WITH_TASKS

if TYPE_CHECKING:
    from nargis_desktop.vault.codec import VaultCodec

ENV_PASSPHRASE = "NARGIS_PASSPHRASE"
LOCKED_HINT = ("Unlock it with: nargis journal unlock --remember (stays unlocked between "
               "commands), or pass --passphrase-file / set NARGIS_PASSPHRASE.")
_LOCKED_MSG = {"tasks": "Your tasks are encrypted and the vault is locked.",
               "habits": "Your habits are encrypted and the vault is locked.",
               **dict.fromkeys(("messages", "conversations", "assistant_pending",
                                "assistant_actions"),
                               "Your conversation is encrypted and the vault is locked.")}


class Vault:
    """Lock state and keys of one database's vault. Thread-safe; Qt-free."""

    def __init__(self, store: Store, settings: VaultSettings | None = None, *,
                 keychain: Keychain | None = None, clock: Monotonic = time.monotonic,
                 env: Mapping[str, str] | None = None, kdf: KdfParams | None = None,
                 hint_file: Path | None = None, events: EventBus | None = None) -> None:
        """``kdf`` fixes the Argon2 cost (tests); by default it is calibrated on creation.

        ``hint_file`` (non-secret: the vault id) records that a key may be in the
        keyring, so commands skip importing ``keyring`` when nothing was remembered.
        """
        self.store = store
        self.settings = settings or VaultSettings()
        self.keychain = keychain or Keychain()
        self._clock = clock
        self._env = env if env is not None else os.environ
        self._kdf = kdf
        self._hint_file = hint_file
        self._events = events
        self._mutex = threading.RLock()
        self._session: Session | None = None
        self._explicitly_locked = False
        self._notices: list[str] = []
        # overwrite freed pages, so text replaced by ciphertext leaves no readable copy
        store.conn.execute("PRAGMA secure_delete = ON")

    # -- header ------------------------------------------------------------------
    @property
    def where(self) -> str:
        return str(self.store.path)

    def header(self) -> VaultHeader | None:
        """The parsed header; None when there is no vault. Damage raises, never repairs."""
        raw = self.store.meta_get(META_KEY)
        if raw is None:
            sealed = self.encrypted_rows()
            if sealed:
                raise VaultHeaderError(
                    f"The journal vault header is missing from {self.where}, but {sealed} "
                    "encrypted entries need it.", hint=MISSING_HINT)
            return None
        return VaultHeader.parse(raw, self.where)

    def require_header(self) -> VaultHeader:
        header = self.header()
        if header is None:
            raise VaultMissingError()
        return header

    def exists(self) -> bool:
        return self.store.meta_get(META_KEY) is not None

    def encrypted_rows(self) -> int:
        return sum(bulk.count(self.store, t, "enc > 0") for t in ALL)

    @property
    def protect_tasks(self) -> bool:
        """The setting, or the sticky flag of a vault whose tasks were already encrypted."""
        if self.settings.encrypt_tasks:
            return True
        raw = self.store.meta_get(META_KEY)
        return raw is not None and VaultHeader.parse(raw, self.where).protect_tasks

    @property
    def idle_seconds(self) -> float:
        return self.settings.auto_lock_minutes * 60.0

    # -- notices (keyring fallbacks, auto-lock) for the CLI or GUI to show ---------
    def notice(self, text: str) -> None:
        if text and text not in self._notices:
            self._notices.append(text)

    def take_notices(self) -> list[str]:
        out, self._notices = self._notices, []
        return out

    def _emit(self, topic: str, **data: str) -> None:
        """vault.created / unlocked / locked / passphrase_changed / rotated, for the UI."""
        if self._events is not None:
            self._events.publish(Event(f"vault.{topic}", None, dict(data)))

    # -- creating -------------------------------------------------------------------
    def create(self, passphrase: str, *, remember: bool | None = None,
               params: KdfParams | None = None) -> None:
        """Make a vault and encrypt any journal text already stored, in one transaction."""
        check_new_passphrase(passphrase)
        if self.header() is not None:  # a damaged or missing header raises: never overwritten
            raise VaultExistsError("This journal already has a vault.",
                                   hint="Change its passphrase with: nargis journal passwd")
        params = params or self._kdf or calibrate()
        salt, vault_id, data_key = new_salt(), uuid.uuid4().hex, new_data_key()
        kek = derive_kek(passphrase, salt, params)
        header = VaultHeader(
            vault_id=vault_id, kdf=params, salt=salt, current=1,
            keys=(WrappedKey(1, wrap_key(kek, data_key, vault_id, 1), key_id(data_key)),),
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            protect_tasks=self.settings.encrypt_tasks)
        with self.store.write() as db:
            if self.exists():  # another process won the race
                raise VaultExistsError("Another Nargis window created a vault just now.",
                                       hint="Unlock it with: nargis journal unlock")
            db.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (META_KEY, header.to_json()))
            session = self._new_session({1: data_key}, header, source="passphrase")
            converted = self._encrypt_plain_rows(session, header)
        self._install(session)
        self._after_unlock(session, remember)
        if converted:
            self._scrub()
        self._emit("created")

    # -- unlocking ------------------------------------------------------------------
    @property
    def unlocked(self) -> bool:
        return self.current_session() is not None

    def unlock(self, passphrase: str, *, remember: bool | None = None,
               source: str = "passphrase") -> None:
        """Check the passphrase and open a session; a wrong one changes nothing."""
        header = self.require_header()
        session = self._new_session(self._unwrap_all(header, passphrase), header, source=source)
        self._apply_policy(session)
        self._install(session)
        self._after_unlock(session, remember)
        self._emit("unlocked", source=source)

    def verify_passphrase(self, passphrase: str) -> None:
        self._unwrap_all(self.require_header(), passphrase)

    def lock(self) -> None:
        """Drop the keys from memory and forget the remembered key on this device."""
        with self._mutex:
            session, self._session = self._session, None
            self._explicitly_locked = True
        vault_id = session.vault_id if session else self._vault_id_or_none()
        if vault_id and self._keyring_in_use():
            self.notice(self.keychain.forget(vault_id)[1])
        if self._hint_file is not None:
            self._hint_file.unlink(missing_ok=True)
        self._emit("locked", reason="manual")

    def check_idle(self) -> bool:
        """For a GUI timer: lock now if idle too long (drops the keys). True when locked."""
        return not self.unlocked

    def session(self, *, for_write: bool = False, table: str = "journal_entries") -> Session:
        """The unlocked session, unlocking from NARGIS_PASSPHRASE or the keyring if possible.

        Every use counts as activity for the idle auto-lock.
        """
        with self._mutex:
            expired = self._expire_if_idle()
            session = self._session
        if expired:
            self._emit("locked", reason="idle")
        if session is None:
            session = self._auto_unlock(for_write, table)
        elif for_write:
            session = self._refresh(session, table)
        session.touch()
        if session.source == "keyring" and self.idle_seconds > 0:
            self.keychain.touch(session.vault_id, session.raw_keys(), session.current)
        return session

    def current_session(self) -> Session | None:
        """The unlocked session if there is one; never prompts or unlocks."""
        with self._mutex:
            expired = self._expire_if_idle()
            session = self._session
        if expired:
            self._emit("locked", reason="idle")
        return session

    def field_key(self, version: int, table: str) -> FieldKey | None:
        """The key of one version; follows a rotation done by another process."""
        session = self.session(table=table)
        key = session.keys.get(version)
        if key is None:
            key = self._refresh(session, table).keys.get(version)
        return key

    # -- passphrase change ------------------------------------------------------------
    def change_passphrase(self, old: str, new: str, *, params: KdfParams | None = None) -> None:
        """Re-wrap the data keys under a new passphrase: one header write, no re-encryption."""
        check_new_passphrase(new)
        header = self.require_header()
        keys = self._unwrap_all(header, old)
        params = params or self._kdf or calibrate()
        salt = new_salt()
        kek = derive_kek(new, salt, params)
        wrapped = tuple(WrappedKey(v, wrap_key(kek, k, header.vault_id, v), key_id(k))
                        for v, k in sorted(keys.items()))
        with self.store.write():
            self.replace_header(header, header.with_changes(kdf=params, salt=salt,
                                                            keys=wrapped))
        self._emit("passphrase_changed")

    def replace_header(self, expected: VaultHeader, updated: VaultHeader) -> None:
        """Inside a write transaction: compare-and-swap, so two windows can't interleave."""
        raw = self.store.meta_get(META_KEY)
        if raw is None or VaultHeader.parse(raw, self.where) != expected:
            raise VaultHeaderError("The vault was changed by another Nargis window or "
                                   "command just now; nothing was changed.", hint="Try again.")
        text = updated.to_json()
        self.store.conn.execute("UPDATE meta SET value = ? WHERE key = ?", (text, META_KEY))
        with self._mutex:
            if self._session is not None:
                self._session.header_raw = text

    def new_session_after_rotation(self, keys: dict[int, bytes], header: VaultHeader) -> None:
        """Install the keys a rotation just committed (and refresh a remembered key)."""
        old = self._session
        session = self._new_session(keys, header, source=old.source if old else "passphrase")
        self._install(session)
        self._emit("rotated", version=str(header.current))
        if self._keyring_in_use():
            remembered, _ = self.keychain.load(header.vault_id, 0)
            if remembered is not None or (old is not None and old.source == "keyring"):
                self.notice(self.keychain.store(header.vault_id, keys, header.current)[1])

    # -- internals ----------------------------------------------------------------------
    def _unwrap_all(self, header: VaultHeader, passphrase: str) -> dict[int, bytes]:
        return self.unwrap_with_kek(header, passphrase)[1]

    def unwrap_with_kek(self, header: VaultHeader,
                        passphrase: str) -> tuple[bytes, dict[int, bytes]]:
        """(key-encryption key, data keys by version); WrongPassphraseError changes nothing."""
        kek = derive_kek(passphrase, header.salt, header.kdf)
        keys: dict[int, bytes] = {}
        for wk in header.keys:
            key = unwrap_key(kek, wk.wrapped, header.vault_id, wk.version)
            if key is None:
                raise WrongPassphraseError()
            if key_id(key) != wk.key_id:
                raise VaultHeaderError(f"The journal vault header in {self.where} is damaged "
                                       f"(key {wk.version} does not match its fingerprint).",
                                       hint=MISSING_HINT)
            keys[wk.version] = key
        return kek, keys

    def _new_session(self, keys: dict[int, bytes], header: VaultHeader, *,
                     source: str) -> Session:
        raw = self.store.meta_get(META_KEY) or header.to_json()
        return Session(keys, header.current, raw, header.vault_id, clock=self._clock,
                       idle_seconds=self.idle_seconds, source=source)

    def _install(self, session: Session) -> None:
        with self._mutex:
            self._session = session
            self._explicitly_locked = False

    def _after_unlock(self, session: Session, remember: bool | None) -> None:
        if not (remember if remember is not None else self.settings.remember_on_device):
            return
        ok, message = self.keychain.store(session.vault_id, session.raw_keys(), session.current)
        self.notice(message)
        if ok and self._hint_file is not None:
            self._hint_file.parent.mkdir(parents=True, exist_ok=True)
            self._hint_file.write_text(session.vault_id + "\n", encoding="ascii")

    def _expire_if_idle(self) -> bool:
        if self._session is not None and self._session.expired():
            self._session = None
            self.notice(f"The journal locked itself after {self.settings.auto_lock_minutes} "
                        "idle minutes.")
            return True
        return False

    def _keyring_in_use(self) -> bool:
        """Probe the keyring only when a key may be there (importing keyring costs ~0.2 s)."""
        return (self._hint_file is None or self.settings.remember_on_device
                or self._hint_file.exists())

    def _vault_id_or_none(self) -> str | None:
        try:
            header = self.header()
        except VaultHeaderError:
            return None
        return header.vault_id if header else None

    def _auto_unlock(self, for_write: bool, table: str) -> Session:
        message = _LOCKED_MSG.get(table, "The journal is locked.")
        if self._explicitly_locked:
            raise VaultLockedError(message, hint=LOCKED_HINT)
        passphrase = self._env.get(ENV_PASSPHRASE)
        header = self.header()
        if header is None:
            if for_write and passphrase:
                self.create(passphrase)
                self.notice(f"Created a journal vault with the passphrase in {ENV_PASSPHRASE}.")
                return self._current()
            raise VaultMissingError()
        if passphrase:
            try:
                self.unlock(passphrase, remember=False, source="environment")
            except WrongPassphraseError:
                raise WrongPassphraseError(
                    f"{ENV_PASSPHRASE} does not unlock this journal; nothing was changed.",
                    hint="Check the variable, or unset it to be asked.") from None
            return self._current()
        if self._keyring_in_use():
            remembered, note = self.keychain.load(header.vault_id, self.idle_seconds)
            self.notice(note)
            if remembered is not None and self._matches(remembered.keys, header):
                session = self._new_session(remembered.keys, header, source="keyring")
                self._apply_policy(session)
                self._install(session)
                return session
            if remembered is not None:
                self.keychain.forget(header.vault_id)
                self.notice("The remembered key no longer fits this vault (it was rotated or "
                            "replaced) and has been forgotten.")
            elif not note and self._hint_file is not None:
                self._hint_file.unlink(missing_ok=True)
        raise VaultLockedError(message, hint=LOCKED_HINT)

    def _current(self) -> Session:
        with self._mutex:
            if self._session is None:  # pragma: no cover - locked by another thread meanwhile
                raise VaultLockedError()
            return self._session

    @staticmethod
    def _matches(keys: dict[int, bytes], header: VaultHeader) -> bool:
        return all(wk.version in keys and key_id(keys[wk.version]) == wk.key_id
                   for wk in header.keys)

    def _refresh(self, session: Session, table: str) -> Session:
        """Follow a header changed by another process (passphrase change, rotation)."""
        raw = self.store.meta_get(META_KEY)
        if raw == session.header_raw:
            return session
        header = self.require_header()
        known = all(wk.version not in session.keys or session.keys[wk.version].id == wk.key_id
                    for wk in header.keys)
        if known and header.current in session.keys:
            session.header_raw = raw or ""
            session.current = header.current
            return session
        with self._mutex:
            if self._session is session:
                self._session = None
        try:
            return self._auto_unlock(True, table)
        except VaultLockedError:
            raise VaultLockedError("The vault key was rotated by another Nargis window or "
                                   "command; unlock again.") from None

    def _apply_policy(self, session: Session) -> None:
        """Encrypt what should be encrypted but isn't (text from before the vault or setting)."""
        header = self.require_header()
        flag_pending = self.settings.encrypt_tasks and not header.protect_tasks
        tables = {**JOURNAL, **(WITH_TASKS if self.protect_tasks else {})}
        if not flag_pending and not any(bulk.count(self.store, t, "enc = 0") for t in tables):
            return
        with self.store.write():
            converted = self._encrypt_plain_rows(session, header)
        if converted:
            self._scrub()

    def _encrypt_plain_rows(self, session: Session, header: VaultHeader) -> int:
        """Inside a write transaction: seal every plaintext row of the protected tables.

        With "encrypt tasks too" that includes the assistant's conversations, messages,
        pending question and undo log, so turning it on leaves no earlier request in clear.
        """
        tables = {**JOURNAL, **(WITH_TASKS if self.protect_tasks else {})}
        converted = 0
        for table, columns in tables.items():
            converted += bulk.reseal(self.store, table, columns, where="enc = 0", old={},
                                     new=session.current_key).changed
        if self.settings.encrypt_tasks and not header.protect_tasks:
            fresh = VaultHeader.parse(self.store.meta_get(META_KEY) or "", self.where)
            text = fresh.with_changes(protect_tasks=True).to_json()
            self.store.conn.execute("UPDATE meta SET value = ? WHERE key = ?", (text, META_KEY))
            session.header_raw = text
        return converted

    def _scrub(self) -> None:
        """Fold the WAL (which still holds the old plaintext pages) into the zeroed file.

        Inside an outer transaction this waits: closing the store checkpoints and
        deletes the WAL anyway.
        """
        if self.store.conn.in_transaction:
            return
        try:
            self.store.checkpoint()
        except Exception:  # a reader in another process; the next checkpoint does it
            self.notice("Old journal pages will be wiped at the next checkpoint.")

    def codec(self, *, encrypt: bool | Callable[[], bool] = True) -> VaultCodec:
        from nargis_desktop.vault.codec import VaultCodec

        return VaultCodec(self, encrypt)

""""Remember on this device": the data key (never the passphrase) in the OS keyring.

jrnl keeps the passphrase itself in the keyring; a remembered data key is
less: it opens this vault only, until the next key rotation, and is forgotten
after the idle timeout like any session. When no keyring backend is usable
(headless Linux, a locked keychain over SSH, a backend that writes plain
files) nothing is stored anywhere and the caller is told why, in words.
"""

from __future__ import annotations

import base64
import binascii
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nargis_desktop.keyring_access import SERVICE, describe_error, usable_backend

TOUCH_EVERY_S = 60.0


@dataclass(frozen=True)
class Remembered:
    keys: dict[int, bytes]
    current: int


def _account(vault_id: str) -> str:
    return f"vault-{vault_id}"


class Keychain:
    """Keyring access that never raises: every failure becomes a sentence for the user."""

    def __init__(self, backend: Any = None, *, wall: Callable[[], float] = time.time) -> None:
        self._explicit = backend
        self._wall = wall
        self._touched = 0.0

    def backend(self) -> tuple[Any, str]:
        """(backend, "") when usable, else (None, why not)."""
        return usable_backend(self._explicit)

    def name(self) -> str:
        backend, why = self.backend()
        return type(backend).__name__ if backend is not None else f"none: {why}"

    def store(self, vault_id: str, keys: dict[int, bytes], current: int) -> tuple[bool, str]:
        backend, why = self.backend()
        if backend is None:
            return False, (f"The key was not remembered: {why}. You will be asked for the "
                           "passphrase next time (scripts: NARGIS_PASSPHRASE or "
                           "--passphrase-file).")
        secret = json.dumps({"keys": {str(v): base64.b64encode(k).decode("ascii")
                                      for v, k in keys.items()},
                             "current": current, "last_used": self._wall()})
        try:
            backend.set_password(SERVICE, _account(vault_id), secret)
        except Exception as exc:
            return False, (f"The key was not remembered: the OS keyring refused it "
                           f"({describe_error(exc)}). You will be asked for the passphrase "
                           "next time.")
        self._touched = self._wall()
        return True, f"The key is remembered on this device ({type(backend).__name__})."

    def load(self, vault_id: str, idle_seconds: float) -> tuple[Remembered | None, str]:
        """The remembered key, or None and (when something went wrong) why."""
        backend, why = self.backend()
        if backend is None:
            return None, f"The key can't be remembered: {why}; asking for the passphrase."
        try:
            secret = backend.get_password(SERVICE, _account(vault_id))
        except Exception as exc:
            return None, (f"The OS keyring could not be read ({describe_error(exc)}); asking for "
                          "the passphrase instead.")
        if not secret:
            return None, ""
        try:
            doc = json.loads(secret)
            keys = {int(v): base64.b64decode(k, validate=True) for v, k in doc["keys"].items()}
            current = int(doc["current"])
            last_used = float(doc.get("last_used", 0.0))
        except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
            self.forget(vault_id)
            return None, "The remembered key was unreadable and has been forgotten."
        now = self._wall()
        if idle_seconds > 0 and now - last_used >= idle_seconds:
            self.forget(vault_id)
            return None, (f"The journal locked itself after {idle_seconds / 60:g} idle "
                          "minutes.")
        self._touched = min(last_used, now)
        return Remembered(keys, current), ""

    def touch(self, vault_id: str, keys: dict[int, bytes], current: int) -> None:
        """Push the idle deadline forward, at most once a minute (keyring writes are slow)."""
        if self._wall() - self._touched >= TOUCH_EVERY_S:
            self.store(vault_id, keys, current)

    def forget(self, vault_id: str) -> tuple[bool, str]:
        backend, _ = self.backend()
        if backend is None:
            return False, ""
        try:
            if backend.get_password(SERVICE, _account(vault_id)) is None:
                return False, ""
            backend.delete_password(SERVICE, _account(vault_id))
        except Exception as exc:
            return False, (f"The remembered key could not be removed from the OS keyring "
                           f"({describe_error(exc)}); remove '{SERVICE}' / '{_account(vault_id)}' "
                           "there by hand.")
        return True, f"The key was removed from {type(backend).__name__}."

"""An unlocked session: the data keys in memory, and when they were last used.

Idle time is measured on a monotonic clock (injectable for tests), so changing
the wall clock neither extends nor cuts a session short.
"""

from __future__ import annotations

from collections.abc import Callable

from nargis_desktop.vault.cipher import FieldKey

Monotonic = Callable[[], float]


class Session:
    def __init__(self, keys: dict[int, bytes], current: int, header_raw: str, vault_id: str, *,
                 clock: Monotonic, idle_seconds: float, source: str) -> None:
        self.vault_id = vault_id
        self.keys = {v: FieldKey(v, k) for v, k in keys.items()}
        self.current = current
        self.header_raw = header_raw
        self.source = source
        self._clock = clock
        self.idle_seconds = idle_seconds
        self.last_used = clock()

    @property
    def current_key(self) -> FieldKey:
        return self.keys[self.current]

    def raw_keys(self) -> dict[int, bytes]:
        return {v: k.raw for v, k in self.keys.items()}

    def idle_for(self) -> float:
        return self._clock() - self.last_used

    def expired(self) -> bool:
        return self.idle_seconds > 0 and self.idle_for() >= self.idle_seconds

    def touch(self) -> None:
        self.last_used = self._clock()

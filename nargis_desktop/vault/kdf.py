"""Passphrase → key-encryption key with Argon2id, with parameters stored beside the salt.

Argon2id is memory-hard, so guessing passphrases on a GPU costs memory, not
just cycles (unlike jrnl's and Joplin's PBKDF2). The cost is calibrated once,
when a vault is created or its passphrase changes, to about half a second on
that machine, and is never below the floor recommended by OWASP
(m = 19 MiB, t = 2).
"""

from __future__ import annotations

import os
import time
import unicodedata
from dataclasses import dataclass

from nargis_desktop.vault.errors import WeakPassphraseError

SALT_BYTES = 16
KEY_BYTES = 32
ARGON2_VERSION = 19
MIN_PASSPHRASE_CHARS = 8
#: scripts and CI may ask for the floor cost instead of calibrating (never below it)
ENV_KDF = "NARGIS_VAULT_KDF"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. ``memory_kib`` in KiB, ``time_cost`` passes, ``parallelism`` lanes."""

    memory_kib: int
    time_cost: int
    parallelism: int = 1

    @property
    def below_floor(self) -> bool:
        return self.memory_kib < FLOOR.memory_kib or self.time_cost < FLOOR.time_cost

    def to_json(self) -> dict[str, int]:
        return {"memory_kib": self.memory_kib, "time_cost": self.time_cost,
                "parallelism": self.parallelism}

    def describe(self) -> str:
        return (f"Argon2id m={self.memory_kib // 1024} MiB, t={self.time_cost}, "
                f"p={self.parallelism}")


#: OWASP's minimum for Argon2id; nothing the product creates goes below it.
FLOOR = KdfParams(memory_kib=19 * 1024, time_cost=2, parallelism=1)
#: Starting point of calibration (RFC 9106's second recommendation, one lane).
BASE = KdfParams(memory_kib=64 * 1024, time_cost=3, parallelism=1)
MAX_MEMORY_KIB = 512 * 1024
TARGET_SECONDS = 0.5


def normalize_passphrase(passphrase: str) -> bytes:
    """NFC, so the same passphrase typed with another keyboard layout or OS still matches."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase.strip()) < MIN_PASSPHRASE_CHARS:
        raise WeakPassphraseError(
            f"A journal passphrase needs at least {MIN_PASSPHRASE_CHARS} characters.",
            hint="A few random words are easy to remember and hard to guess.")


def derive_kek(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(normalize_passphrase(passphrase), salt, params.time_cost,
                           params.memory_kib, params.parallelism, KEY_BYTES, Type.ID,
                           ARGON2_VERSION)


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def calibrate(target_seconds: float = TARGET_SECONDS) -> KdfParams:
    """Scale memory (more memory hurts attackers most) so one derivation takes ~target.

    One trial run at :data:`BASE`; the result is clamped to [FLOOR, 512 MiB].
    """
    if os.environ.get(ENV_KDF, "").strip().lower() in ("min", "minimum", "floor"):
        return FLOOR
    start = time.perf_counter()
    derive_kek("calibration", b"\0" * SALT_BYTES, BASE)
    elapsed = max(time.perf_counter() - start, 1e-3)
    memory = int(BASE.memory_kib * target_seconds / elapsed) // 1024 * 1024
    if memory < FLOOR.memory_kib:
        return FLOOR
    return KdfParams(min(memory, MAX_MEMORY_KIB), BASE.time_cost, BASE.parallelism)

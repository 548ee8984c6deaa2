"""Key rotation: a new data key, every encrypted field re-sealed, in ONE SQLite transaction.

Crash safety comes from SQLite's atomic commit rather than from bookkeeping:
until COMMIT the header still names the old key and every row is still
sealed with it; after COMMIT both name the new one. A process killed at any
point (even with SIGKILL, mid-write) leaves one state or the other, and the
WAL's uncommitted frames are discarded on the next open.

Better than Standard Notes' lazy rotation in one respect that matters after
a suspected leak: when this returns, no row is left under the old key (unless
it was damaged and ``skip_damaged`` kept its key for a later restore).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nargis_desktop.vault import bulk
from nargis_desktop.vault.cipher import FieldKey, key_id, new_data_key, wrap_key
from nargis_desktop.vault.errors import DamagedEntryError, RotationError
from nargis_desktop.vault.header import WrappedKey
from nargis_desktop.vault.tables import ALL
from nargis_desktop.vault.vault import Vault


@dataclass
class RotationResult:
    old_version: int
    new_version: int
    rows: int
    damaged: list[DamagedEntryError] = field(default_factory=list)
    #: old key versions kept because damaged rows still refer to them
    retained: list[int] = field(default_factory=list)


def rotate(vault: Vault, passphrase: str, *, skip_damaged: bool = False,
           progress: bulk.Progress | None = None) -> RotationResult:
    """Re-encrypt every encrypted field under a fresh key; the passphrase stays the same."""
    header = vault.require_header()
    kek, keys = vault.unwrap_with_kek(header, passphrase)
    old = {v: FieldKey(v, k) for v, k in keys.items()}
    new_version = max(keys) + 1
    new_raw = new_data_key()
    new = FieldKey(new_version, new_raw)
    store = vault.store
    result = RotationResult(header.current, new_version, 0)
    with store.write():
        total = sum(bulk.count(store, t, "enc > 0") for t in ALL)
        for table, columns in ALL.items():
            report = bulk.reseal(store, table, columns, where="enc > 0", old=old, new=new,
                                 skip_damaged=True, progress=progress, done=result.rows,
                                 total=total)
            result.rows += report.changed
            result.damaged += report.damaged
        if result.damaged and not skip_damaged:
            ids = ", ".join(d.row_id[:8] for d in result.damaged[:10])
            raise RotationError(
                f"{len(result.damaged)} entries are damaged ({ids}); nothing was rotated.",
                hint="Restore or delete them first, or rotate with --skip-damaged to keep the "
                     "old key for them.")
        referenced: set[int] = set()
        for table in ALL:
            referenced |= {int(r["enc"]) for r in store.query(
                f"SELECT DISTINCT enc FROM {table} WHERE enc > 0")}
        kept = [wk for wk in header.keys if wk.version in referenced]
        result.retained = [wk.version for wk in kept]
        kept.append(WrappedKey(new_version, wrap_key(kek, new_raw, header.vault_id, new_version),
                               key_id(new_raw)))
        updated = header.with_changes(keys=tuple(kept), current=new_version)
        vault.replace_header(header, updated)
    vault.new_session_after_rotation(
        {**{v: keys[v] for v in result.retained}, new_version: new_raw}, updated)
    return result

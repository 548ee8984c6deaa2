"""The one way to take journal text out in the clear: an explicit ``--decrypt`` export.

Works on the rows ``store.transfer.dump_tables`` produces (bytes as
``{"$base64": ...}``), so the export code stays ignorant of keys. Damaged
fields stay ciphertext and are listed, rather than failing the whole export.
"""

from __future__ import annotations

import base64
from typing import Any

from nargis_desktop.vault import bulk
from nargis_desktop.vault.errors import DamagedEntryError
from nargis_desktop.vault.tables import ALL
from nargis_desktop.vault.vault import Vault

B64 = "$base64"
WARNING = ("This export contains your journal in plain text. Anyone who can read the file "
           "can read your journal; delete it when you are done.")


def _raw(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {B64}:
        return base64.b64decode(value[B64])
    return value


def decrypt_rows_for_export(vault: Vault, tables: dict[str, list[dict[str, Any]]]
                            ) -> tuple[dict[str, list[dict[str, Any]]], list[DamagedEntryError]]:
    """A copy of ``tables`` with every encrypted field as text and ``enc`` 0.

    Needs the vault unlocked (raises VaultLockedError otherwise); ``tables`` is
    not modified.
    """
    out: dict[str, list[dict[str, Any]]] = {}
    damaged: list[DamagedEntryError] = []
    keys = None
    for table, rows in tables.items():
        columns = ALL.get(table)
        if not columns:
            out[table] = rows
            continue
        out[table] = []
        for row in rows:
            if not int(row.get("enc") or 0):
                out[table].append(row)
                continue
            if keys is None:
                keys = vault.session().keys
            raw = {**row, **{c: _raw(row[c]) for c in columns}}
            try:
                plain = bulk.open_row(raw, table, columns, keys)
            except DamagedEntryError as exc:
                damaged.append(exc)
                out[table].append(row)
                continue
            copy = {**row, **plain, "enc": 0}
            if table == "habits":
                from nargis_desktop.core.codec import normalize_name

                copy["name_key"] = normalize_name(plain["name"])
            out[table].append(copy)
    return out, damaged

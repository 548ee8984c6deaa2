"""Vault failures, each with a message that says what happened and that nothing was lost."""

from __future__ import annotations

from nargis_desktop.errors import NargisError, VaultLockedError


class VaultMissingError(VaultLockedError):
    """Journal text was about to be written but no vault exists yet.

    A subclass of :class:`VaultLockedError` so callers that offer "unlock" can
    offer "create" instead with the same handler.
    """

    def __init__(self, message: str = "There is no journal vault yet: journal text is only "
                 "ever stored encrypted.", *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint or (
            "Create one with: nargis journal init (scripts: set NARGIS_PASSPHRASE)."))


class WrongPassphraseError(NargisError):
    """The passphrase did not unwrap the data key. Nothing was changed; no lockout."""

    def __init__(self, message: str = "Wrong passphrase; nothing was changed.",
                 *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)


class WeakPassphraseError(NargisError):
    pass


class VaultHeaderError(NargisError):
    """The vault header is missing or damaged; the vault is never re-created over it."""


class VaultExistsError(NargisError):
    pass


class DamagedEntryError(NargisError):
    """One encrypted field failed authentication: tampered, truncated or moved."""

    def __init__(self, table: str, row_id: str, column: str, reason: str) -> None:
        noun = {"journal_entries": "Journal entry", "tasks": "Task", "habits": "Habit",
                "messages": "Message"}.get(table, f"Row of {table}")
        super().__init__(
            f"{noun} {row_id[:8]} is damaged: its {column} cannot be decrypted ({reason}).",
            hint="Other entries are unaffected; restore this one from a backup or export.")
        self.table = table
        self.row_id = row_id
        self.column = column
        self.reason = reason


class RotationError(NargisError):
    pass

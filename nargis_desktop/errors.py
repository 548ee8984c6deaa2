"""Typed errors that carry a message a person can act on.

Every layer raises a subclass of :class:`NargisError`; the CLI prints ``str(err)``
on one line and exits 1, the GUI shows it inline. Anything else is a bug.
"""

from __future__ import annotations


class NargisError(Exception):
    """An expected failure with a human message (and, optionally, the fix)."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class ValidationError(NargisError):
    """Input that breaks a domain rule; nothing was written."""


class NotFoundError(NargisError):
    """The thing the user named does not exist (or was deleted)."""


class AmbiguousError(NargisError):
    """A name matched more than one thing; ``choices`` lists them."""

    def __init__(self, message: str, choices: list[str]) -> None:
        super().__init__(message)
        self.choices = choices


class DateMismatchError(AmbiguousError):
    """A weekday said with a day of the month that falls on another weekday ("friday the
    30th"): a date was meant, so it is asked about rather than read as one of the two."""

    def __init__(self, fact: str, choices: list[str]) -> None:
        super().__init__(f"{fact} Did you mean {choices[0]} or {choices[1]}?", choices)
        self.fact = fact


class StoreError(NargisError):
    """The database could not be opened or written."""


class CorruptDatabaseError(StoreError):
    pass


class SchemaTooNewError(StoreError):
    pass


class StoreBusyError(StoreError):
    pass


class StoreWriteError(StoreError):
    """Disk full, read-only folder, permission denied."""


class ImportFormatError(NargisError):
    pass


class VaultLockedError(NargisError):
    """Encrypted text was needed while the journal vault is locked."""

    def __init__(self, message: str = "The journal is locked.", *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint or "Unlock it with: nargis journal unlock")

"""Sync failures, each saying what happened and that local data is safe."""

from __future__ import annotations

from nargis_desktop.errors import NargisError


class SyncError(NargisError):
    """A sync did not finish; nothing local was lost and the next sync picks up."""


class SyncNotConfiguredError(SyncError):
    def __init__(self, message: str = "Google Sheets sync is not set up.",
                 *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint or (
            "Connect with: nargis sync setup --client-secret FILE "
            "(or --service-account FILE)."))


class SyncAuthError(SyncError):
    """Google refused the credentials (revoked, expired, wrong key file)."""


class SyncTransientError(SyncError):
    """Offline, rate limited or a Google server error: retried later, automatically."""


class SyncRemoteError(SyncError):
    """Google answered with an error that retrying will not fix (bad spreadsheet id...)."""

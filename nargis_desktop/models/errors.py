"""Errors of the model manager, each with a message a person can act on."""

from __future__ import annotations

from nargis_desktop.errors import NargisError, NotFoundError


class CatalogError(NargisError):
    """The catalog file is missing or one of its entries is malformed."""


class UnknownModelError(NotFoundError):
    """The id names no catalog entry; the message suggests close ids."""


class ModelNotInstalledError(NargisError):
    """The model is in the catalog but not (completely) installed."""

    def __init__(self, model_id: str) -> None:
        super().__init__(
            f"Model '{model_id}' is not installed.",
            hint=f"Run: nargis models install {model_id}",
        )
        self.model_id = model_id


class DownloadError(NargisError):
    """Fetching a model failed; any partial download is kept for resume."""


class NetworkError(DownloadError):
    """The server or package index could not be reached, or the transfer broke off."""


class RemoteNotFoundError(DownloadError):
    """The server answered 404 (or the package index has no such package/version)."""


class ChecksumError(DownloadError):
    """A downloaded or assembled file does not match the catalog; it was deleted."""


class DiskSpaceError(NargisError):
    """Not enough free space for the model (checked before downloading, or disk full)."""


class InstallCancelledError(NargisError):
    """The caller cancelled the install; partial downloads are kept for resume."""


class CorruptModelError(NargisError):
    """An installed model's files no longer match their recorded checksums."""

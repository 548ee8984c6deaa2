"""Model catalog and manager: which models exist, and installing them offline-first.

Qt-free; progress is reported through plain callbacks (see :mod:`.progress`).
"""

from nargis_desktop.models.catalog import (
    Catalog,
    ModelEntry,
    ModelFile,
    default_catalog,
    default_catalog_path,
    load_catalog,
)
from nargis_desktop.models.errors import (
    CatalogError,
    ChecksumError,
    CorruptModelError,
    DiskSpaceError,
    DownloadError,
    InstallCancelledError,
    ModelNotInstalledError,
    NetworkError,
    RemoteNotFoundError,
    UnknownModelError,
)
from nargis_desktop.models.manager import ModelManager, ModelStatus, VerifyReport
from nargis_desktop.models.progress import Progress, ProgressCallback

__all__ = [
    "Catalog",
    "CatalogError",
    "ChecksumError",
    "CorruptModelError",
    "DiskSpaceError",
    "DownloadError",
    "InstallCancelledError",
    "ModelEntry",
    "ModelFile",
    "ModelManager",
    "ModelNotInstalledError",
    "ModelStatus",
    "NetworkError",
    "Progress",
    "ProgressCallback",
    "RemoteNotFoundError",
    "UnknownModelError",
    "VerifyReport",
    "default_catalog",
    "default_catalog_path",
    "load_catalog",
]

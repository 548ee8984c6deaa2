"""Optional two-way Google Sheets sync (off by default; nothing leaves the machine until set up).

Modules: ``gateway`` (the only code that talks to Google), ``credentials``
(OAuth or service account, keyring), ``schema``/``layout`` (rows <-> cells),
``merge`` (three-way merge), ``engine`` (one sync), ``state`` (snapshot,
conflict log), ``service`` (what the CLI and GUI call).
"""

from nargis_desktop.sync.errors import SyncError
from nargis_desktop.sync.service import AutoSync, SyncService, SyncStatus

__all__ = ["AutoSync", "SyncError", "SyncService", "SyncStatus"]

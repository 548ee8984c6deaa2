"""Start at login: an XDG autostart entry on Linux (other systems: reported as unsupported)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENTRY = """[Desktop Entry]
Type=Application
Name=Nargis
Comment=Private local voice assistant
Exec=nargis app --minimized
Icon=nargis
X-GNOME-Autostart-enabled=true
"""


def autostart_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart" / "nargis.desktop"


def set_start_at_login(enabled: bool) -> str:
    """Apply the setting; returns a sentence saying what happened."""
    if not sys.platform.startswith("linux"):
        return "Start at login is not automated on this system yet; add Nargis to your " \
               "login items by hand."
    path = autostart_file()
    if enabled:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ENTRY, encoding="utf-8")
        return f"Nargis will start (in the tray) when you log in ({path})."
    path.unlink(missing_ok=True)
    return "Nargis will not start at login."

"""Start Nargis at login, the native way on each platform.

Linux: an XDG autostart entry; Windows: the per-user Run key; macOS: a per-user
LaunchAgent. Each call is idempotent and touches only Nargis's own entry.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import shlex
import sys
from pathlib import Path

from nargis_desktop.errors import NargisError

APP_ID = "io.nargis.Desktop"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


def launch_command() -> list[str]:
    """How to start this installation minimized: the frozen binary, or this Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--minimized"]
    return [sys.executable, "-m", "nargis_desktop", "app", "--minimized"]


def _xdg_entry() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart" / f"{APP_ID}.desktop"


def _launch_agent() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{APP_ID}.plist"


def is_enabled() -> bool:
    if sys.platform == "win32":
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:  # type: ignore[attr-defined]
                winreg.QueryValueEx(key, "Nargis")  # type: ignore[attr-defined]
            return True
        except OSError:
            return False
    if sys.platform == "darwin":
        return _launch_agent().exists()
    return _xdg_entry().exists()


def set_enabled(enabled: bool) -> None:
    try:
        if sys.platform == "win32":
            _windows(enabled)
        elif sys.platform == "darwin":
            _macos(enabled)
        else:
            _linux(enabled)
    except OSError as exc:
        raise NargisError(f"Could not change start-at-login: {exc.strerror or exc}.") from exc


def _linux(enabled: bool) -> None:
    path = _xdg_entry()
    if not enabled:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    exec_line = " ".join(shlex.quote(p) for p in launch_command())
    path.write_text(
        "[Desktop Entry]\nType=Application\nName=Nargis\n"
        "Comment=Private voice assistant\n"
        f"Exec={exec_line}\nIcon=nargis\nTerminal=false\nX-GNOME-Autostart-enabled=true\n",
        encoding="utf-8")


def _macos(enabled: bool) -> None:
    path = _launch_agent()
    if not enabled:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(plistlib.dumps({"Label": APP_ID, "ProgramArguments": launch_command(),
                                     "RunAtLoad": True, "ProcessType": "Interactive"}))


def _windows(enabled: bool) -> None:
    import subprocess
    import winreg

    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0,  # type: ignore[attr-defined]
                        winreg.KEY_SET_VALUE) as key:  # type: ignore[attr-defined]
        if enabled:
            winreg.SetValueEx(key, "Nargis", 0, winreg.REG_SZ,  # type: ignore[attr-defined]
                              subprocess.list2cmdline(launch_command()))
        else:
            with contextlib.suppress(FileNotFoundError):
                winreg.DeleteValue(key, "Nargis")  # type: ignore[attr-defined]

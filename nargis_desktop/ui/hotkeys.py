"""The global push-to-talk shortcut, and an honest account of which backend serves it.

* X11, Windows, macOS: pynput (an optional dependency) listens for the shortcut.
* Wayland: applications cannot see global keys; the XDG Desktop Portal's
  GlobalShortcuts interface is the sanctioned way, where the desktop offers it.
* Always: ``nargis ptt start|stop|toggle`` over the single-instance socket, which
  any desktop's own keyboard-shortcut settings can run.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

FALLBACK_HINT = ("Bind “nargis ptt toggle” (or “nargis ptt start” / “stop”) in your desktop's "
                 "keyboard shortcut settings.")


@dataclass(frozen=True)
class Backend:
    name: str  # "pynput", "portal" or "socket"
    active: bool
    reason: str


def session_is_wayland() -> bool:
    return (os.environ.get("XDG_SESSION_TYPE", "").lower() == "wayland"
            or bool(os.environ.get("WAYLAND_DISPLAY")))


def portal_has_global_shortcuts() -> bool:
    """Whether the session bus offers org.freedesktop.portal.GlobalShortcuts."""
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface
    except ImportError:
        return False
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    iface = QDBusInterface("org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                           "org.freedesktop.portal.GlobalShortcuts", bus)
    return bool(iface.isValid())


def choose_backend() -> Backend:
    if sys.platform.startswith("linux") and session_is_wayland():
        if portal_has_global_shortcuts():
            return Backend("portal", False,
                           "Wayland session; the desktop offers the GlobalShortcuts portal, but "
                           "Nargis does not bind through it yet. " + FALLBACK_HINT)
        return Backend("socket", True, "Wayland session without the GlobalShortcuts portal: "
                       "apps cannot listen for global keys. " + FALLBACK_HINT)
    try:
        import pynput  # noqa: F401
    except ImportError:
        return Backend("socket", True, "The optional pynput package is not installed "
                       "(pip install pynput). " + FALLBACK_HINT)
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY"):
        return Backend("socket", True, "No X11 display. " + FALLBACK_HINT)
    return Backend("pynput", True, "Global shortcut through pynput "
                   f"({'X11' if sys.platform.startswith('linux') else sys.platform}).")


def pynput_keys(spec: str) -> list[str]:
    """"<ctrl>+<alt>+space" -> ["ctrl", "alt", "space"] (canonical, lower case)."""
    parts = [p.strip().strip("<>").lower() for p in spec.split("+") if p.strip()]
    return [{"control": "ctrl", "option": "alt", "super": "cmd", "meta": "cmd",
             "win": "cmd"}.get(p, p) for p in parts]


def qt_to_spec(sequence: str) -> str:
    """A QKeySequence string ("Ctrl+Alt+Space") -> the settings form ("<ctrl>+<alt>+space")."""
    out = []
    for part in sequence.split("+"):
        p = part.strip().lower()
        if not p:
            continue
        out.append(f"<{p}>" if p in ("ctrl", "alt", "shift", "meta", "cmd") else p)
    return "+".join(out)


class GlobalHotkey(QObject):
    """Emits ``pressed`` / ``released`` for the push-to-talk shortcut from any app."""

    pressed = Signal()
    released = Signal()

    def __init__(self, spec: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.backend = choose_backend()
        self._listener: Any = None
        self._down: set[str] = set()
        self._active = False

    def start(self) -> Backend:
        if self.backend.name != "pynput":
            return self.backend
        try:
            from pynput import keyboard

            self._want = set(pynput_keys(self.spec))
            self._listener = keyboard.Listener(on_press=self._on_press,
                                               on_release=self._on_release)
            self._listener.daemon = True
            self._listener.start()
        except Exception as exc:
            self.backend = Backend("socket", True, f"pynput could not start ({exc}). "
                                   + FALLBACK_HINT)
        return self.backend

    @staticmethod
    def _name(key: Any) -> str:
        name = getattr(key, "name", None)
        if name is None:
            char = getattr(key, "char", None) or ""
            return str(char).lower()
        name = str(name).lower()
        for base in ("ctrl", "alt", "shift", "cmd"):
            if name.startswith(base):
                return base
        return name

    def _on_press(self, key: Any) -> None:  # pynput's thread
        self._down.add(self._name(key))
        if not self._active and self._want <= self._down:
            self._active = True
            self.pressed.emit()

    def _on_release(self, key: Any) -> None:  # pynput's thread
        self._down.discard(self._name(key))
        if self._active and not self._want <= self._down:
            self._active = False
            self.released.emit()

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None

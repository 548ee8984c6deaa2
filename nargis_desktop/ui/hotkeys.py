"""The global push-to-talk shortcut, and an honest account of which backend serves it.

* X11, Windows, macOS: pynput (an optional dependency) listens for the shortcut.
* Wayland: applications cannot see global keys; the XDG Desktop Portal's
  GlobalShortcuts interface is the sanctioned way, where the desktop offers it
  (``portal_shortcuts.py``). The desktop may assign another trigger than the preferred
  one, or the user may cancel its dialog, so the answer arrives later:
  ``backend_changed`` reports it.
* Always: ``nargis ptt start|stop|toggle`` over the single-instance socket, which
  any desktop's own keyboard-shortcut settings can run.
"""

from __future__ import annotations

import html
import importlib.util
import logging
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from nargis_desktop.ui.portal_shortcuts import PortalShortcuts

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


def choose_backend(bus_address: str | None = None) -> Backend:
    """The backend this session allows, decided without waiting on anything.

    On Wayland that is the portal, not active yet: whether the desktop offers
    GlobalShortcuts and which trigger it grants is only known once ``start()`` asks."""
    if sys.platform.startswith("linux") and session_is_wayland():
        if importlib.util.find_spec("jeepney") is None:
            return Backend("socket", True, "Wayland session, but the jeepney package that "
                           "talks to the desktop portal is missing (pip install jeepney). "
                           + FALLBACK_HINT)
        if not (bus_address or os.environ.get("DBUS_SESSION_BUS_ADDRESS")):
            return Backend("socket", True, "Wayland session without a D-Bus session bus, so "
                           "the desktop's GlobalShortcuts portal is out of reach. "
                           + FALLBACK_HINT)
        return Backend("portal", False, "Wayland session: the shortcut goes through the "
                       "desktop's GlobalShortcuts portal, which Nargis asks when it starts. "
                       + FALLBACK_HINT)
    try:
        import pynput  # noqa: F401
    except ImportError:
        return Backend("socket", True, "The optional pynput package is not installed "
                       "(pip install pynput). " + FALLBACK_HINT)
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY"):
        return Backend("socket", True, "No X11 display. " + FALLBACK_HINT)
    return Backend("pynput", True, "Global shortcut through pynput "
                   f"({'X11' if sys.platform.startswith('linux') else sys.platform}).")


def spec_label(spec: str) -> str:
    """"<ctrl>+<alt>+space" -> "Ctrl+Alt+Space", for people."""
    return "+".join(p.strip().strip("<>").capitalize() for p in spec.split("+") if p.strip())


def backend_html(backend: Backend) -> str:
    """Settings' account of the backend: which one, whether it works yet, and why."""
    state = "Active backend" if backend.active else "Backend (not active yet)"
    return f"<b>{state}: {backend.name}</b><br>{html.escape(backend.reason)}"


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
    """Emits ``pressed`` / ``released`` for the push-to-talk shortcut from any app.

    ``backend`` is what serves it now; ``backend_changed`` fires whenever that changes
    after ``start()`` (the portal answered, was cancelled, or went away).
    ``bus_address`` picks the D-Bus bus for the portal (default: the session bus)."""

    pressed = Signal()
    released = Signal()
    backend_changed = Signal(object)  # Backend

    def __init__(self, spec: str, parent: QObject | None = None, *,
                 bus_address: str | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.bus_address = bus_address
        self.backend = choose_backend(bus_address)
        self._listener: Any = None
        self._portal: PortalShortcuts | None = None
        self._down: set[str] = set()
        self._active = False

    def start(self) -> Backend:
        if self.backend.name == "portal":
            return self._start_portal()
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
            self._set_backend(Backend("socket", True, f"pynput could not start ({exc}). "
                                      + FALLBACK_HINT))
        return self.backend

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
        if self._portal is not None:
            portal, self._portal = self._portal, None
            portal.close()  # Session.Close: the desktop drops the shortcut
            portal.deleteLater()
            self._active = False

    # -- the portal (Wayland) ----------------------------------------------------------
    def _start_portal(self) -> Backend:
        if self._portal is not None:
            return self.backend
        from nargis_desktop.ui.portal_shortcuts import PortalShortcuts, portal_trigger

        portal = PortalShortcuts(portal_trigger(pynput_keys(self.spec)),
                                 bus_address=self.bus_address, parent=self)
        portal.bound.connect(self._portal_bound)
        portal.failed.connect(self._portal_failed)
        portal.activated.connect(self._portal_pressed)
        portal.deactivated.connect(self._portal_released)
        self._portal = portal
        self._set_backend(Backend(
            "portal", False, "Wayland session: waiting for the desktop to confirm the "
            "push-to-talk shortcut through its GlobalShortcuts portal (it may show a "
            f"dialog). Meanwhile: {FALLBACK_HINT}"))
        portal.start()  # a failure to connect reports (and falls back) before returning
        return self.backend

    def _portal_bound(self, trigger: str) -> None:
        keys = trigger or "keys it did not name (see its keyboard shortcut settings)"
        self._set_backend(Backend(
            "portal", True, f"Wayland session: the desktop's GlobalShortcuts portal bound "
            f"push-to-talk to {keys}. Nargis suggested {spec_label(self.spec)}; the desktop "
            "decides, and its keyboard shortcut settings can change it."))

    def _portal_failed(self, reason: str) -> None:
        if self._portal is not None:
            self._portal.deleteLater()
            self._portal = None
        self._portal_released()  # a key held when the portal went away must not stay held
        self._set_backend(Backend("socket", True, f"Wayland session, GlobalShortcuts portal "
                                  f"not in use: {reason} {FALLBACK_HINT}"))

    def _portal_pressed(self) -> None:
        if not self._active:
            self._active = True
            self.pressed.emit()

    def _portal_released(self) -> None:
        if self._active:
            self._active = False
            self.released.emit()

    def _set_backend(self, backend: Backend) -> None:
        if backend != self.backend:
            log.info("Push-to-talk backend: %s (%s)", backend.name, backend.reason)
            self.backend = backend
            self.backend_changed.emit(backend)

    # -- pynput (X11, Windows, macOS) --------------------------------------------------
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

"""Push-to-talk through the XDG Desktop Portal's GlobalShortcuts interface (Wayland).

On Wayland an app cannot see keys pressed in other windows; the desktop's
``org.freedesktop.portal.GlobalShortcuts`` (version 1) binds a shortcut for it and
reports ``Activated`` / ``Deactivated``, which is exactly hold-to-talk.

The flow, as the portal documentation describes it:

1. subscribe to ``org.freedesktop.portal.Request::Response`` on the request path we
   expect (``/org/freedesktop/portal/desktop/request/SENDER/TOKEN``) *before* calling,
   so an early answer is not lost; then ``CreateSession``;
2. the same for ``BindShortcuts``: the desktop may show a dialog, and may assign
   another trigger than the one Nargis prefers; its answer says which;
3. ``Activated`` / ``Deactivated`` for our shortcut id on our session;
4. ``org.freedesktop.portal.Session.Close`` when the app stops.

Why jeepney rather than QtDBus: ``BindShortcuts`` takes ``a(sa{sv})``. QtDBus can only
marshal an array whose element type is registered with ``qDBusRegisterMetaType``, which
PySide6 does not expose, so PySide6.QtDBus cannot make this call at all. jeepney (pure
Python; on Linux it is already installed as a dependency of ``keyring``) builds and
parses the messages, and a ``QSocketNotifier`` feeds its socket from Qt's event loop:
no thread, and the GUI never waits on the desktop (a bind dialog may stay open for
minutes). Each ``PortalShortcuts`` has its own connection, so a test can point it at a
private bus.
"""

from __future__ import annotations

import itertools
import logging
import secrets
import select
import socket
import time
from collections.abc import Callable
from typing import Any

from jeepney import DBusAddress, HeaderFields, Message, MessageType, Parser, new_method_call
from jeepney.bus import get_bus
from jeepney.bus_messages import MatchRule, message_bus
from jeepney.io.blocking import prep_socket
from jeepney.low_level import MessageFlag
from jeepney.wrappers import new_error
from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)

PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
SHORTCUTS_IFACE = "org.freedesktop.portal.GlobalShortcuts"
REQUEST_IFACE = "org.freedesktop.portal.Request"
SESSION_IFACE = "org.freedesktop.portal.Session"
SHORTCUT_ID = "push-to-talk"
DESCRIPTION = "Talk to Nargis (hold to talk)"

#: Connecting and authenticating to the local session bus takes well under a millisecond;
#: this only bounds a hung bus.
AUTH_TIMEOUT_S = 1.0
#: How long ``close()`` waits for the portal to confirm Session.Close before hanging up.
CLOSE_TIMEOUT_S = 1.0

_SHORTCUTS = DBusAddress(PORTAL_PATH, PORTAL, SHORTCUTS_IFACE)

_MODIFIERS = {"ctrl": "CTRL", "alt": "ALT", "shift": "SHIFT", "cmd": "LOGO"}
_KEYSYMS = {"enter": "Return", "return": "Return", "esc": "Escape", "escape": "Escape",
            "tab": "Tab", "backspace": "BackSpace", "delete": "Delete", "insert": "Insert",
            "home": "Home", "end": "End", "page_up": "Prior", "pageup": "Prior",
            "page_down": "Next", "pagedown": "Next", "up": "Up", "down": "Down",
            "left": "Left", "right": "Right", "pause": "Pause", "print": "Print",
            "menu": "Menu", "space": "space"}

#: The documented body signature of every signal this module reacts to.
_SIGNATURES = {
    ("org.freedesktop.DBus", "NameOwnerChanged"): "sss",
    (REQUEST_IFACE, "Response"): "ua{sv}",
    (SHORTCUTS_IFACE, "Activated"): "osta{sv}",
    (SHORTCUTS_IFACE, "Deactivated"): "osta{sv}",
    (SHORTCUTS_IFACE, "ShortcutsChanged"): "oa(sa{sv})",
    (SESSION_IFACE, "Closed"): "a{sv}",
}

ReplyHandler = Callable[[Message], None]
ResponseHandler = Callable[[int, dict[str, Any]], None]


def portal_trigger(keys: list[str]) -> str:
    """Canonical key names (``["ctrl", "alt", "space"]``) -> the shortcuts spec's form.

    The XDG shortcuts specification joins CTRL, ALT, SHIFT, NUM, LOGO and an xkb keysym
    name with ``+``: ``CTRL+ALT+space``."""
    out = []
    for key in keys:
        if key in _MODIFIERS:
            out.append(_MODIFIERS[key])
        elif key in _KEYSYMS:
            out.append(_KEYSYMS[key])
        elif key[:1] == "f" and key[1:].isdigit():
            out.append(key.upper())
        else:
            out.append(key)
    return "+".join(out)


def sender_path_element(unique_name: str) -> str:
    """``:1.42`` -> ``1_42``, the SENDER part of portal request and session paths."""
    return unique_name.lstrip(":").replace(".", "_")


def request_path(unique_name: str, token: str) -> str:
    return f"{PORTAL_PATH}/request/{sender_path_element(unique_name)}/{token}"


def _token() -> str:
    return f"nargis_{secrets.token_hex(6)}"


def _variant(values: dict[str, Any], key: str, default: Any = None) -> Any:
    """The value of a jeepney ``(signature, value)`` variant in an ``a{sv}`` dict."""
    item = values.get(key)
    if isinstance(item, tuple) and len(item) == 2:
        return item[1]
    return default


def _error_text(reply: Message) -> str | None:
    """``name: message`` for a D-Bus error reply, None for a normal return."""
    if reply.header.message_type != MessageType.error:
        return None
    name = str(reply.header.fields.get(HeaderFields.error_name, "error"))
    detail = reply.body[0] if reply.body and isinstance(reply.body[0], str) else ""
    return f"{name}: {detail}" if detail else name


class DBusLink(QObject):
    """One D-Bus client connection, read whenever Qt's event loop sees data on it.

    Method replies go to the handler given with the call; signals go to every
    listener. ``lost`` fires once if the bus hangs up."""

    lost = Signal()

    def __init__(self, address: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # KeyError: no DBUS_SESSION_BUS_ADDRESS; OSError / TimeoutError: no answering bus
        self._sock: socket.socket | None = prep_socket(get_bus(address or "SESSION"),
                                                       timeout=AUTH_TIMEOUT_S)
        self._parser = Parser()
        self._serials = itertools.count(1)
        self._replies: dict[int, ReplyHandler] = {}
        self.listeners: list[Callable[[Message], None]] = []
        self.unique_name = ""
        self._notifier = QSocketNotifier(self._sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)

    @property
    def is_open(self) -> bool:
        return self._sock is not None

    def open(self, ready: Callable[[], None]) -> None:
        """Say Hello (the bus's first required call); ``ready`` runs once we have a name."""
        def hello(reply: Message) -> None:
            if _error_text(reply) is None:
                self.unique_name = str(reply.body[0])
                ready()
            else:
                self._lose()

        self.call(message_bus.Hello(), hello)

    def call(self, message: Message, on_reply: ReplyHandler | None = None) -> int:
        serial = next(self._serials)
        if on_reply is not None:
            self._replies[serial] = on_reply
        else:
            message.header.flags |= MessageFlag.no_reply_expected
        self._send(message, serial)
        return serial

    def add_match(self, rule: MatchRule) -> None:
        def check(reply: Message) -> None:
            if (error := _error_text(reply)) is not None:
                log.warning("D-Bus AddMatch %s failed: %s", rule.serialise(), error)

        # The bus handles one connection's messages in order, so a match added here is
        # in place before any call sent after it is answered.
        self.call(message_bus.AddMatch(rule), check)

    def call_and_wait(self, message: Message, timeout: float) -> Message | None:
        """Send and block (up to ``timeout``) for the reply; other messages are dropped.

        Only for last words before ``close()``: at that point no event-loop turn is left
        to deliver the reply, and hanging up at once could lose the call."""
        sock = self._sock
        if sock is None:
            return None
        self._notifier.setEnabled(False)
        serial = self.call(message, lambda _reply: None)  # matched below, not dispatched
        if self._sock is None:  # the send failed and the link is gone
            return None
        deadline = time.monotonic() + timeout
        while True:
            msg = self._parser.get_next_message()
            if msg is not None:
                if msg.header.fields.get(HeaderFields.reply_serial) == serial:
                    return msg
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([sock], [], [], remaining)[0]:
                return None
            try:
                data = sock.recv(65536)
            except OSError:
                return None
            if not data:
                return None
            self._parser.add_data(data)

    def close(self) -> None:
        if self._sock is None:
            return
        self._notifier.setEnabled(False)
        self._sock.close()
        self._sock = None
        self._replies.clear()
        self.listeners.clear()

    # -- internals ---------------------------------------------------------------------
    def _send(self, message: Message, serial: int) -> None:
        if self._sock is None:
            return
        try:
            self._sock.sendall(message.serialise(serial=serial))
        except OSError:
            log.warning("D-Bus connection failed while sending", exc_info=True)
            self._lose()

    def _readable(self) -> None:
        while self._sock is not None:
            try:
                data = self._sock.recv(65536, socket.MSG_DONTWAIT)
            except BlockingIOError:
                break
            except OSError:
                self._lose()
                return
            if not data:
                self._lose()
                return
            self._parser.add_data(data)
        while self._sock is not None:
            try:
                msg = self._parser.get_next_message()
            except Exception:  # a malformed message: the stream cannot be trusted after it
                log.warning("Malformed D-Bus message", exc_info=True)
                self._lose()
                return
            if msg is None:
                return
            self._dispatch(msg)

    def _dispatch(self, msg: Message) -> None:
        kind = msg.header.message_type
        if kind in (MessageType.method_return, MessageType.error):
            handler = self._replies.pop(msg.header.fields.get(HeaderFields.reply_serial, -1),
                                        None)
            if handler is not None:
                handler(msg)
        elif kind == MessageType.signal:
            for listener in list(self.listeners):
                listener(msg)
        elif not msg.header.flags & MessageFlag.no_reply_expected:
            # We export no objects; say so instead of leaving the caller to time out.
            self._send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod"),
                       next(self._serials))

    def _lose(self) -> None:
        if self._sock is not None:
            self.close()
            self.lost.emit()


class PortalShortcuts(QObject):
    """Binds the push-to-talk shortcut through the desktop portal and reports its use.

    ``bound`` carries the trigger the desktop assigned (its own description, which may
    differ from the preferred one; empty when it gave none) and fires again if the user
    changes it later. ``failed`` carries one sentence on why the portal cannot serve
    push-to-talk (cancelled, refused, no portal, portal gone); after it the object is
    spent."""

    bound = Signal(str)
    failed = Signal(str)
    activated = Signal()
    deactivated = Signal()

    def __init__(self, preferred_trigger: str, *, description: str = DESCRIPTION,
                 bus_address: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.preferred_trigger = preferred_trigger
        self.description = description
        self.bus_address = bus_address
        self.trigger = ""
        self.session = ""
        self.version = 0
        self._link: DBusLink | None = None
        self._portal_owner = ""
        self._requests: dict[str, ResponseHandler] = {}
        self._finished = False

    # -- public ------------------------------------------------------------------------
    def start(self) -> None:
        """Connect and ask the portal; the outcome arrives as ``bound`` or ``failed``."""
        try:
            self._link = DBusLink(self.bus_address, self)
        except Exception as exc:
            detail = str(exc) or type(exc).__name__
            self._fail(f"Nargis could not reach the D-Bus session bus ({detail}).")
            return
        self._link.lost.connect(lambda: self._fail("the D-Bus session bus connection closed."))
        self._link.listeners.append(self._on_signal)
        self._link.open(self._connected)

    def close(self) -> None:
        """Close the portal session (the desktop then drops the shortcut) and hang up."""
        self._finished = True
        link, self._link = self._link, None
        if link is None:
            return
        if self.session and link.is_open:
            close = new_method_call(DBusAddress(self.session, PORTAL, SESSION_IFACE), "Close")
            if link.call_and_wait(close, CLOSE_TIMEOUT_S) is None:
                log.info("The desktop portal did not confirm closing %s", self.session)
        self.session = ""
        link.close()

    # -- the flow ----------------------------------------------------------------------
    def _connected(self) -> None:
        link = self._need_link()
        owner_changes = MatchRule(type="signal", sender="org.freedesktop.DBus",
                                  interface="org.freedesktop.DBus", member="NameOwnerChanged",
                                  path="/org/freedesktop/DBus")
        owner_changes.add_arg_condition(0, PORTAL)
        link.add_match(owner_changes)
        get = new_method_call(DBusAddress(PORTAL_PATH, PORTAL, "org.freedesktop.DBus.Properties"),
                              "Get", "ss", (SHORTCUTS_IFACE, "version"))
        link.call(get, self._got_version)

    def _got_version(self, reply: Message) -> None:
        error = _error_text(reply)
        if error is not None:
            name = str(reply.header.fields.get(HeaderFields.error_name, ""))
            if name.endswith((".ServiceUnknown", ".NameHasNoOwner")):
                self._fail("no desktop portal (org.freedesktop.portal.Desktop) is running, so "
                           "apps cannot ask for global shortcuts.")
            elif name.endswith((".UnknownInterface", ".UnknownProperty", ".InvalidArgs",
                                ".UnknownMethod", ".UnknownObject")):
                self._fail("the desktop portal has no GlobalShortcuts interface: this desktop "
                           "does not offer global shortcuts to apps.")
            else:
                self._fail(f"the desktop portal did not answer ({error}).")
            return
        self._portal_owner = str(reply.header.fields.get(HeaderFields.sender, ""))
        try:
            self.version = int(reply.body[0][1])
        except (IndexError, TypeError, ValueError):
            self.version = 0  # informational only; version 1 has all this module uses
        self._request("CreateSession", "a{sv}", (),
                      {"session_handle_token": ("s", _token())}, self._session_created)

    def _session_created(self, code: int, results: dict[str, Any]) -> None:
        session = str(_variant(results, "session_handle", ""))
        if code != 0 or not session:
            self._fail(f"the GlobalShortcuts portal did not create a session (response {code}).")
            return
        self.session = session
        self._need_link().add_match(MatchRule(type="signal", sender=PORTAL,
                                              interface=SESSION_IFACE, member="Closed",
                                              path=session))
        self._need_link().add_match(MatchRule(type="signal", sender=PORTAL,
                                              interface=SHORTCUTS_IFACE, path=PORTAL_PATH))
        shortcut = (SHORTCUT_ID, {"description": ("s", self.description),
                                  "preferred_trigger": ("s", self.preferred_trigger)})
        self._request("BindShortcuts", "oa(sa{sv})sa{sv}", (session, [shortcut], ""), {},
                      self._shortcuts_bound)

    def _shortcuts_bound(self, code: int, results: dict[str, Any]) -> None:
        if code == 1:
            self._fail("you cancelled the desktop's shortcut dialog, so the GlobalShortcuts "
                       "portal bound no push-to-talk key.")
            return
        if code != 0:
            self._fail(f"the GlobalShortcuts portal could not bind the shortcut (response "
                       f"{code}: the desktop ended the request).")
            return
        trigger = self._trigger_in(_variant(results, "shortcuts", []))
        if trigger is None:
            self._fail("the desktop confirmed the dialog but bound no push-to-talk shortcut.")
            return
        self.trigger = trigger
        self.bound.emit(trigger)

    # -- requests and signals ----------------------------------------------------------
    def _request(self, method: str, signature: str, args: tuple[Any, ...],
                 options: dict[str, Any], on_response: ResponseHandler) -> None:
        """Call a portal method that answers through a Request object, subscribed first."""
        link = self._need_link()
        token = _token()
        expected = request_path(link.unique_name, token)
        self._watch_request(expected, on_response)
        message = new_method_call(_SHORTCUTS, method, signature,
                                  (*args, {**options, "handle_token": ("s", token)}))

        def started(reply: Message) -> None:
            error = _error_text(reply)
            if error is not None:
                self._fail(f"the GlobalShortcuts portal refused {method} ({error}).")
                return
            handle = str(reply.body[0]) if reply.body else expected
            if handle != expected and expected in self._requests:
                # Portals older than the documented scheme pick their own path.
                self._watch_request(handle, self._requests.pop(expected))

        link.call(message, started)

    def _watch_request(self, path: str, on_response: ResponseHandler) -> None:
        self._requests[path] = on_response
        self._need_link().add_match(MatchRule(type="signal", sender=PORTAL,
                                              interface=REQUEST_IFACE, member="Response",
                                              path=path))

    def _on_signal(self, msg: Message) -> None:
        fields = msg.header.fields
        sender = fields.get(HeaderFields.sender, "")
        path = fields.get(HeaderFields.path, "")
        interface = fields.get(HeaderFields.interface, "")
        member = fields.get(HeaderFields.member, "")
        if _SIGNATURES.get((interface, member)) != fields.get(HeaderFields.signature):
            return  # not one we handle, or not shaped as documented: never unpack blindly
        if interface == "org.freedesktop.DBus" and member == "NameOwnerChanged":
            name, old, new = msg.body
            if name == PORTAL and old and old == self._portal_owner and new != old:
                self._fail("the desktop portal (org.freedesktop.portal.Desktop) stopped, and "
                           "the shortcut went with it.")
            return
        if not self._portal_owner or sender != self._portal_owner:
            return  # only the portal that answered us speaks for the desktop
        if interface == REQUEST_IFACE and member == "Response":
            handler = self._requests.pop(path, None)
            if handler is not None:
                code, results = msg.body
                handler(int(code), dict(results))
        elif interface == SHORTCUTS_IFACE and member in ("Activated", "Deactivated"):
            if msg.body[0] == self.session and msg.body[1] == SHORTCUT_ID and self.session:
                (self.activated if member == "Activated" else self.deactivated).emit()
        elif interface == SHORTCUTS_IFACE and member == "ShortcutsChanged":
            if msg.body[0] == self.session and self.session:
                trigger = self._trigger_in(msg.body[1])
                if trigger is not None and trigger != self.trigger:
                    self.trigger = trigger
                    self.bound.emit(trigger)
        elif interface == SESSION_IFACE and member == "Closed" and path == self.session:
            self.session = ""
            self._fail("the desktop closed the GlobalShortcuts session.")

    @staticmethod
    def _trigger_in(shortcuts: Any) -> str | None:
        """Our shortcut's ``trigger_description`` in an ``a(sa{sv})`` list; None if absent."""
        for item in shortcuts or []:
            if len(item) == 2 and item[0] == SHORTCUT_ID and isinstance(item[1], dict):
                return str(_variant(item[1], "trigger_description", ""))
        return None

    def _need_link(self) -> DBusLink:
        assert self._link is not None, "the portal flow runs only while connected"
        return self._link

    def _fail(self, reason: str) -> None:
        if self._finished:
            return
        log.info("GlobalShortcuts portal: %s", reason)
        self.close()
        self.failed.emit(reason)

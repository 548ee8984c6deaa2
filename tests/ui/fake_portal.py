"""A stand-in for xdg-desktop-portal's GlobalShortcuts (version 1), for tests.

The real portal needs a Wayland desktop; this one owns ``org.freedesktop.portal.Desktop``
on the private bus a test starts, and answers the way the portal documentation says:
CreateSession and BindShortcuts return a request handle built from the caller's unique
name and ``handle_token``, then a ``Request::Response`` follows on that path;
``Activated`` / ``Deactivated`` go to the session's owner; ``Session.Close`` ends it.

    DBUS_SESSION_BUS_ADDRESS=... python fake_portal.py MODE [ASSIGNED_TRIGGER]

MODE decides the bind dialog's outcome: ``accept`` (response 0, with ASSIGNED_TRIGGER
as the trigger the desktop chose), ``cancel`` (1) or ``error`` (2). Prints ``ready``
once it owns the name. Tests steer it through ``org.nargis.test.FakePortal`` at
``/org/nargis/test``: ``Activate(s)`` / ``Deactivate(s)`` press and release a shortcut
id (returning how many sessions were told), ``CloseSession()`` closes sessions from
the desktop's side, ``Log() -> as`` lists the calls received, ``Quit()`` leaves the bus.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from jeepney import DBusAddress, HeaderFields, Message, MessageType, new_signal
from jeepney.bus_messages import DBusNameFlags, message_bus
from jeepney.io.blocking import open_dbus_connection
from jeepney.wrappers import new_error, new_method_return

PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
SHORTCUTS = "org.freedesktop.portal.GlobalShortcuts"
REQUEST = "org.freedesktop.portal.Request"
SESSION = "org.freedesktop.portal.Session"
CONTROL = "org.nargis.test.FakePortal"
CONTROL_PATH = "/org/nargis/test"
RESPONSES = {"accept": 0, "cancel": 1, "error": 2}


def _element(unique_name: str) -> str:
    return unique_name.lstrip(":").replace(".", "_")


class FakePortal:
    def __init__(self, mode: str, assigned: str) -> None:
        self.conn = open_dbus_connection(bus="SESSION")
        self.mode = mode
        self.assigned = assigned
        self.sessions: dict[str, str] = {}  # session path -> owner's unique name
        self.shortcuts: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        self.log: list[str] = []
        self.running = True

    def own_name(self) -> None:
        reply = self.conn.send_and_get_reply(
            message_bus.RequestName(PORTAL, DBusNameFlags.do_not_queue), timeout=10)
        if reply.body[0] != 1:
            raise SystemExit(f"could not own {PORTAL}: {reply.body}")

    def run(self) -> None:
        while self.running:
            msg = self.conn.receive()
            if msg.header.message_type == MessageType.method_call:
                self.handle(msg)

    # -- helpers -----------------------------------------------------------------------
    def reply(self, call: Message, signature: str | None = None, body: tuple[Any, ...] = ()
              ) -> None:
        self.conn.send(new_method_return(call, signature, body))

    def error(self, call: Message, name: str, text: str) -> None:
        self.conn.send(new_error(call, name, "s", (text,)))

    def signal(self, path: str, interface: str, member: str, signature: str,
               body: tuple[Any, ...], destination: str) -> None:
        msg = new_signal(DBusAddress(path, interface=interface), member, signature, body)
        msg.header.fields[HeaderFields.destination] = destination  # unicast, like the portal
        self.conn.send(msg)

    def respond(self, call: Message, code: int, results: dict[str, Any]) -> None:
        """Return the request handle, then answer on it (the portal's two steps)."""
        sender = call.header.fields[HeaderFields.sender]
        options = call.body[-1]
        token = options.get("handle_token", ("s", "t"))[1]
        handle = f"{PORTAL_PATH}/request/{_element(sender)}/{token}"
        self.reply(call, "o", (handle,))
        self.signal(handle, REQUEST, "Response", "ua{sv}", (code, results), sender)

    # -- methods -----------------------------------------------------------------------
    def handle(self, call: Message) -> None:
        fields = call.header.fields
        interface = fields.get(HeaderFields.interface)
        member = fields.get(HeaderFields.member)
        path = fields.get(HeaderFields.path)
        sender = fields[HeaderFields.sender]
        if interface == "org.freedesktop.DBus.Properties" and member == "Get":
            if call.body == (SHORTCUTS, "version") and path == PORTAL_PATH:
                self.reply(call, "v", (("u", 1),))
            else:
                self.error(call, "org.freedesktop.DBus.Error.UnknownProperty", str(call.body))
        elif interface == SHORTCUTS and member == "CreateSession":
            options = call.body[0]
            token = options.get("session_handle_token", ("s", "s"))[1]
            session = f"{PORTAL_PATH}/session/{_element(sender)}/{token}"
            self.sessions[session] = sender
            self.log.append(f"CreateSession {session}")
            self.respond(call, 0, {"session_handle": ("s", session)})
        elif interface == SHORTCUTS and member == "BindShortcuts":
            session, shortcuts, parent_window, _options = call.body
            if self.sessions.get(session) != sender:
                self.error(call, "org.freedesktop.portal.Error.NotFound", "no such session")
                return
            for sid, info in shortcuts:
                self.log.append(f"BindShortcuts {sid} preferred={info['preferred_trigger'][1]} "
                                f"description={info['description'][1]} "
                                f"parent={parent_window!r}")
            code = RESPONSES[self.mode]
            bound = [(sid, {"description": info["description"],
                            "trigger_description": ("s", self.assigned)})
                     for sid, info in shortcuts]
            self.shortcuts[session] = bound
            results = {"shortcuts": ("a(sa{sv})", bound)} if code == 0 else {}
            self.respond(call, code, results)
        elif interface == SESSION and member == "Close":
            if self.sessions.get(path) == sender:
                del self.sessions[path]
                self.log.append(f"Close {path}")
                self.reply(call)
            else:
                self.error(call, "org.freedesktop.DBus.Error.UnknownObject", str(path))
        elif interface == CONTROL and member in ("Activate", "Deactivate"):
            (sid,) = call.body
            stamp = int(time.monotonic() * 1000)
            for session, owner in self.sessions.items():
                self.signal(PORTAL_PATH, SHORTCUTS, f"{member}d", "osta{sv}",
                            (session, sid, stamp, {}), owner)
            self.reply(call, "u", (len(self.sessions),))
        elif interface == CONTROL and member == "CloseSession":
            for session, owner in self.sessions.items():
                self.signal(session, SESSION, "Closed", "a{sv}", ({},), owner)
            self.sessions.clear()
            self.reply(call)
        elif interface == CONTROL and member == "Log":
            self.reply(call, "as", (self.log,))
        elif interface == CONTROL and member == "Quit":
            self.reply(call)
            self.running = False
        else:
            self.error(call, "org.freedesktop.DBus.Error.UnknownMethod", f"{interface}.{member}")


def main() -> None:
    mode = sys.argv[1] if len(sys.argv) > 1 else "accept"
    portal = FakePortal(mode, sys.argv[2] if len(sys.argv) > 2 else "Ctrl+Shift+F9")
    portal.own_name()
    print("ready", flush=True)
    portal.run()
    portal.conn.close()


if __name__ == "__main__":
    main()

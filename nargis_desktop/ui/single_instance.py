"""One running app per data home, reachable through a local socket.

A second ``nargis`` asks the first to raise its window; ``nargis ptt start|stop|toggle``
sends push-to-talk commands, so any desktop's own shortcut settings can drive
push-to-talk even where no global-hotkey backend works (e.g. some Wayland desktops).
The protocol is one line in, one line out: ``raise`` / ``ptt start`` → ``ok``.
"""

from __future__ import annotations

import hashlib
import sys

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from nargis_desktop.paths import DataHome

COMMANDS = ("raise", "ptt start", "ptt stop", "ptt toggle", "talk", "new-task", "focus")


def server_name(home: DataHome) -> str:
    digest = hashlib.sha1(str(home.root.resolve()).encode("utf-8")).hexdigest()[:12]
    return f"nargis-{digest}"


def send_command(home: DataHome, command: str, timeout_ms: int = 1500) -> str | None:
    """Send one command to the running instance; None when none is running."""
    if QCoreApplication.instance() is None:
        QCoreApplication(sys.argv[:1])
    sock = QLocalSocket()
    sock.connectToServer(server_name(home))
    if not sock.waitForConnected(timeout_ms):
        return None
    sock.write((command + "\n").encode("utf-8"))
    sock.flush()
    sock.waitForBytesWritten(timeout_ms)
    reply = b""
    while b"\n" not in reply and sock.waitForReadyRead(timeout_ms):
        reply += bytes(sock.readAll().data())
    sock.disconnectFromServer()
    return reply.decode("utf-8", "replace").strip() or None


class InstanceServer(QObject):
    """Listens for commands from later launches; emits ``command`` on the GUI thread."""

    command = Signal(str)

    def __init__(self, home: DataHome, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(home)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """False when another live instance already owns the name.

        Probe first: on Unix, listening would silently replace a live instance's socket.
        """
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        if probe.waitForConnected(300):
            probe.disconnectFromServer()
            return False
        QLocalServer.removeServer(self.name)  # a stale socket left by a crash
        return self.server.listen(self.name)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(sock.deleteLater)

    def _read(self, sock: QLocalSocket) -> None:
        if not sock.canReadLine():
            return
        line = bytes(sock.readLine().data()).decode("utf-8", "replace").strip()
        if line in COMMANDS:
            sock.write(b"ok\n")
            sock.flush()
            self.command.emit(line)
        else:
            sock.write(b"unknown command\n")
            sock.flush()

    def close(self) -> None:
        self.server.close()

"""Push-to-talk through the XDG GlobalShortcuts portal, against a stand-in portal.

No desktop portal runs here, so each test starts a private ``dbus-daemon`` and
``fake_portal.py`` on it (the portal is the system edge we cannot run), then drives the
real ``GlobalHotkey`` in a real Qt event loop with a Wayland session type.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from nargis_desktop.app import App
from nargis_desktop.ui.hotkeys import Backend, GlobalHotkey

pytest.importorskip("jeepney")
from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.wrappers import unwrap_msg

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the XDG desktop portal is a Linux (Wayland) interface")

HELPER = Path(__file__).with_name("fake_portal.py")
SPEC = "<ctrl>+<alt>+space"
ASSIGNED = "Ctrl+Shift+F9"  # what the stand-in desktop chooses instead of the preferred keys
WAIT_MS = 15_000  # an upper bound for a loaded machine, not a timing requirement

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@pytest.fixture
def bus_address(tmp_path: Path) -> Iterator[str]:
    """A private session bus: no activation, nothing but what the test starts on it."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("dbus-daemon is not installed (Debian/Ubuntu: apt-get install dbus); "
                    "the stand-in portal needs a private bus")
    config = tmp_path / "bus.conf"
    config.write_text(BUS_CONFIG.format(socket=tmp_path / "bus"))
    proc = subprocess.Popen([daemon, "--nofork", "--print-address=1",
                             f"--config-file={config}"], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    address = proc.stdout.readline().strip()  # printed once it listens
    assert address, "dbus-daemon did not start"
    yield address
    proc.terminate()
    proc.wait(timeout=30)
    proc.stdout.close()


@pytest.fixture
def start_portal(bus_address: str) -> Iterator[Callable[[str], subprocess.Popen[str]]]:
    procs: list[subprocess.Popen[str]] = []

    def start(mode: str = "accept") -> subprocess.Popen[str]:
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus_address}
        proc = subprocess.Popen([sys.executable, str(HELPER), mode, ASSIGNED], env=env,
                                stdout=subprocess.PIPE, text=True)
        procs.append(proc)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", "the stand-in portal did not start"
        return proc

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()


@pytest.fixture
def control(bus_address: str) -> Iterator[Callable[..., Any]]:
    """Steer the stand-in portal (press, release, read its log) from the test."""
    conn: DBusConnection = open_dbus_connection(bus=bus_address)
    target = DBusAddress("/org/nargis/test", "org.freedesktop.portal.Desktop",
                         "org.nargis.test.FakePortal")

    def call(method: str, *args: str) -> Any:
        msg = new_method_call(target, method, "s" * len(args) if args else None, args)
        body = unwrap_msg(conn.send_and_get_reply(msg, timeout=30))
        return body[0] if body else None

    yield call
    conn.close()


@pytest.fixture
def wayland(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")


def _bind(qtbot: QtBot, hotkey: GlobalHotkey) -> Backend:
    """Start the hotkey and wait for the portal's answer (the first backend it settles on)."""
    with qtbot.waitSignal(hotkey.backend_changed, timeout=WAIT_MS,
                          check_params_cb=lambda b: b.active) as blocker:
        hotkey.start()
    backend = blocker.args[0]
    assert isinstance(backend, Backend)
    return backend


@pytest.mark.usefixtures("wayland")
def test_portal_binds_push_to_talk_and_maps_activated_deactivated(
        qtbot: QtBot, bus_address: str, start_portal: Callable[[str], Any],
        control: Callable[..., Any]) -> None:
    start_portal("accept")
    hotkey = GlobalHotkey(SPEC, bus_address=bus_address)
    assert hotkey.backend.name == "portal" and not hotkey.backend.active  # not asked yet

    backend = _bind(qtbot, hotkey)

    assert backend == hotkey.backend
    assert backend.name == "portal" and backend.active
    assert ASSIGNED in backend.reason  # the trigger the desktop chose, not only ours
    assert "Ctrl+Alt+Space" in backend.reason
    calls = control("Log")
    assert calls[0].startswith("CreateSession /org/freedesktop/portal/desktop/session/")
    assert calls[1] == ("BindShortcuts push-to-talk preferred=CTRL+ALT+space "
                        "description=Talk to Nargis (hold to talk) parent=''")

    presses: list[str] = []
    hotkey.pressed.connect(lambda: presses.append("pressed"))
    hotkey.released.connect(lambda: presses.append("released"))
    assert control("Activate", "someone-elses-shortcut") == 1
    with qtbot.waitSignal(hotkey.pressed, timeout=WAIT_MS):
        assert control("Activate", "push-to-talk") == 1
    with qtbot.waitSignal(hotkey.released, timeout=WAIT_MS):
        assert control("Deactivate", "push-to-talk") == 1
    # signals arrive in order, so the foreign id was handled (and ignored) before ours
    assert presses == ["pressed", "released"]

    hotkey.stop()
    assert control("Log")[-1] == calls[0].replace("CreateSession", "Close")
    hotkey.stop()  # twice is harmless


@pytest.mark.usefixtures("wayland")
@pytest.mark.parametrize(("mode", "why"), [
    ("cancel", "you cancelled the desktop's shortcut dialog"),
    ("error", "could not bind the shortcut (response 2"),
])
def test_cancelled_or_failed_bind_falls_back_to_the_socket(
        qtbot: QtBot, bus_address: str, start_portal: Callable[[str], Any],
        control: Callable[..., Any], mode: str, why: str) -> None:
    start_portal(mode)
    hotkey = GlobalHotkey(SPEC, bus_address=bus_address)

    backend = _bind(qtbot, hotkey)

    assert backend.name == "socket" and backend.active
    assert why in backend.reason
    assert "GlobalShortcuts portal not in use" in backend.reason
    assert "nargis ptt toggle" in backend.reason
    assert control("Log")[-1].startswith("Close ")  # the unused session is closed
    hotkey.stop()


@pytest.mark.usefixtures("wayland")
def test_no_portal_on_the_bus_falls_back_to_the_socket(qtbot: QtBot, bus_address: str) -> None:
    hotkey = GlobalHotkey(SPEC, bus_address=bus_address)

    backend = _bind(qtbot, hotkey)

    assert backend.name == "socket"
    assert "no desktop portal (org.freedesktop.portal.Desktop) is running" in backend.reason
    hotkey.stop()


@pytest.mark.usefixtures("wayland")
def test_portal_going_away_releases_a_held_key_and_falls_back(
        qtbot: QtBot, bus_address: str, start_portal: Callable[[str], Any],
        control: Callable[..., Any]) -> None:
    portal = start_portal("accept")
    hotkey = GlobalHotkey(SPEC, bus_address=bus_address)
    assert _bind(qtbot, hotkey).name == "portal"
    with qtbot.waitSignal(hotkey.pressed, timeout=WAIT_MS):
        control("Activate", "push-to-talk")

    with qtbot.waitSignals([hotkey.released, hotkey.backend_changed], timeout=WAIT_MS,
                           order="strict"):
        control("Quit")
    portal.wait(timeout=30)

    assert hotkey.backend.name == "socket" and hotkey.backend.active
    assert "the desktop portal (org.freedesktop.portal.Desktop) stopped" in hotkey.backend.reason
    hotkey.stop()


@pytest.mark.usefixtures("wayland")
def test_desktop_closing_the_session_falls_back(
        qtbot: QtBot, bus_address: str, start_portal: Callable[[str], Any],
        control: Callable[..., Any]) -> None:
    start_portal("accept")
    hotkey = GlobalHotkey(SPEC, bus_address=bus_address)
    assert _bind(qtbot, hotkey).name == "portal"

    with qtbot.waitSignal(hotkey.backend_changed, timeout=WAIT_MS):
        control("CloseSession")

    assert hotkey.backend.name == "socket"
    assert "the desktop closed the GlobalShortcuts session" in hotkey.backend.reason
    hotkey.stop()


@pytest.mark.usefixtures("wayland")
def test_settings_shows_the_backend_the_portal_settled_on(
        app: App, qtbot: QtBot, themed: object, bus_address: str,
        start_portal: Callable[[str], Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from nargis_desktop.ui.desktop import Desktop

    start_portal("accept")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus_address)  # the desktop's session bus
    app.settings.llm.model = ""
    d = Desktop(app, global_hotkey=False)  # no microphone: pressed is not wired to listening
    qtbot.addWidget(d.window)
    label = d.settings_view.backend_label
    assert "Backend (not active yet): portal" in label.text()

    _bind(qtbot, d.hotkey)

    assert "Active backend: portal" in label.text() and ASSIGNED in label.text()
    d.hotkey.stop()
    d.server.close()
    d.window.quitting = True
    d.window.close()

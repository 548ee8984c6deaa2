"""Start at login writes (and removes) only Nargis's own XDG autostart entry."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from nargis_desktop import autostart


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG autostart is Linux")
def test_enable_disable_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    other = tmp_path / "autostart" / "other.desktop"
    other.parent.mkdir()
    other.write_text("[Desktop Entry]\n")
    assert not autostart.is_enabled()
    autostart.set_enabled(True)
    assert autostart.is_enabled()
    entry = (tmp_path / "autostart" / f"{autostart.APP_ID}.desktop").read_text()
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    assert shlex.split(exec_line[5:]) == autostart.launch_command()
    assert "--minimized" in exec_line
    autostart.set_enabled(True)  # idempotent
    autostart.set_enabled(False)
    assert not autostart.is_enabled()
    autostart.set_enabled(False)
    assert other.exists()


def test_unwritable_config_gives_clear_error(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    if sys.platform in ("win32", "darwin"):
        pytest.skip("XDG only")
    with pytest.raises(autostart.NargisError, match="start-at-login"):
        autostart.set_enabled(True)

"""The data home: --home, else NARGIS_HOME, else the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
import pytest

from nargis_desktop.app import App
from nargis_desktop.errors import StoreWriteError
from nargis_desktop.paths import ENV_HOME, ENV_MODELS, DataHome, resolve_home


def test_explicit_home_wins_over_env(tmp_path: Path, nargis_home: Path) -> None:
    explicit = tmp_path / "explicit"
    assert os.environ[ENV_HOME] == str(nargis_home)
    assert resolve_home(explicit) == explicit.resolve()
    assert DataHome.resolve(str(explicit)).root == explicit.resolve()


def test_env_used_without_explicit(nargis_home: Path) -> None:
    assert resolve_home(None) == nargis_home.resolve()
    assert resolve_home("") == nargis_home.resolve()


def test_platform_folder_without_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_HOME, raising=False)
    expected = Path(platformdirs.user_data_dir("nargis", appauthor=False))
    assert resolve_home(None) == expected
    # an empty variable counts as unset
    monkeypatch.setenv(ENV_HOME, "")
    assert resolve_home(None) == expected


def test_home_expands_user(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_home("~/data") == (tmp_path / "data").resolve()


def test_layout_lives_under_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_MODELS, raising=False)
    home = DataHome(tmp_path)
    for p in (home.database, home.settings_file, home.models_dir, home.logs_dir,
              home.exports_dir, home.runtime_dir):
        assert p.parent == tmp_path
    monkeypatch.setenv(ENV_MODELS, str(tmp_path / "shared-models"))
    assert home.models_dir == (tmp_path / "shared-models").resolve()


def test_ensure_creates_nested_folder(tmp_path: Path) -> None:
    home = DataHome(tmp_path / "a" / "b").ensure()
    assert home.root.is_dir()


def test_ensure_on_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreWriteError) as err:
        DataHome(blocker / "home").ensure()
    assert str(blocker / "home") in str(err.value)
    assert "--home" in str(err.value)


def test_app_uses_env_home_and_creates_database_lazily(nargis_home: Path) -> None:
    app = App()
    try:
        assert app.home.root == nargis_home.resolve()
        assert not app.home.database.exists()  # nothing written until the store is used
        app.tasks.add("first")
        assert app.home.database.exists()
    finally:
        app.close()

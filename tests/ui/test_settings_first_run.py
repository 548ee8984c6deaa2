"""Settings (models, engine device, theme, start at login, vault passphrase) and the
first-run dialog, page by page, against real services and a local model source."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from nargis_desktop.app import App
from nargis_desktop.errors import NargisError
from nargis_desktop.models.catalog import load_catalog
from nargis_desktop.models.manager import ModelManager
from nargis_desktop.settings import load_settings
from nargis_desktop.ui.first_run import FirstRunDialog, needs_first_run
from nargis_desktop.ui.theme import DARK, LIGHT, current_colors
from nargis_desktop.ui.views.settings import SettingsView

PAYLOAD = b"tiny-model-weights" * 100


@pytest.fixture
def fast_vault(app: App) -> App:
    """The real vault with the cheapest allowed key derivation (tests only)."""
    from nargis_desktop.vault.kdf import FLOOR
    from nargis_desktop.vault.vault import Vault

    app.__dict__["vault"] = Vault(app.store, app.settings.vault, kdf=FLOOR, env={})
    return app


@pytest.fixture
def local_models(app: App, tmp_path: Path) -> ModelManager:
    """A catalog of one small model whose source is a local folder (no network)."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "tiny.bin").write_bytes(PAYLOAD)
    catalog_file = tmp_path / "catalog.toml"
    catalog_file.write_text(f"""
[[model]]
id = "tiny-local"
kind = "llm"
name = "Tiny local model"
license = "MIT"
main = "tiny.bin"
[model.source]
type = "local"
path = "{source.as_posix()}"
[[model.files]]
name = "tiny.bin"
size = {len(PAYLOAD)}
sha256 = "{hashlib.sha256(PAYLOAD).hexdigest()}"
""", encoding="utf-8")
    manager = ModelManager(tmp_path / "models", load_catalog(catalog_file))
    app.__dict__["models"] = manager
    return manager


@pytest.fixture
def settings_view(app: App, qtbot: QtBot, themed: object) -> Iterator[SettingsView]:
    view = SettingsView(app)
    qtbot.addWidget(view)
    view.show()
    yield view
    apply_light = QApplication.instance()
    if isinstance(apply_light, QApplication):
        from nargis_desktop.ui.theme import apply_theme

        apply_theme(apply_light, "light")


def _model_state(view: SettingsView) -> str:
    item = view.models_table.item(0, 3)
    return item.text() if item is not None else ""


def test_models_install_verify_and_remove_from_a_local_source(
        local_models: ModelManager, settings_view: SettingsView, qtbot: QtBot) -> None:
    view = settings_view
    qtbot.waitUntil(lambda: view.models_table.rowCount() == 1)
    assert view.models_table.item(0, 0).text() == "tiny-local"
    assert _model_state(view) == "not installed"
    view.models_table.selectRow(0)
    view.install_button.click()
    qtbot.waitUntil(lambda: _model_state(view) == "installed", timeout=20000)
    assert "Installed" in view.model_note.text()
    assert local_models.path("tiny-local").read_bytes() == PAYLOAD
    assert view.install_button.isEnabled() and not view.cancel_button.isEnabled()

    view.models_table.selectRow(0)
    view.verify_button.click()
    qtbot.waitUntil(lambda: "intact" in view.model_note.text(), timeout=20000)
    # a damaged file is reported inline, with the fix
    local_models.path("tiny-local").write_bytes(b"x" * len(PAYLOAD))
    view.verify_button.click()
    qtbot.waitUntil(view.banner.isVisible, timeout=20000)
    assert "Fix:" in view.banner.text and "tiny-local" in view.banner.text

    view.models_table.selectRow(0)
    view.remove_button.click()
    qtbot.waitUntil(lambda: _model_state(view) == "not installed", timeout=20000)
    assert not local_models.is_installed("tiny-local")


def test_engine_device_is_shown_for_auto_cpu_and_gpu(settings_view: SettingsView,
                                                    qtbot: QtBot) -> None:
    from nargis_desktop.voice.stt import cuda_device_count

    view = settings_view
    qtbot.waitUntil(lambda: "runs on" in view.engine_note.text() or
                    "GPU" in view.engine_note.text(), timeout=20000)
    view.stt_device.setCurrentText("cpu")
    qtbot.waitUntil(lambda: "on the CPU" in view.engine_note.text(), timeout=20000)
    view.stt_device.setCurrentText("cuda")
    if cuda_device_count():
        qtbot.waitUntil(lambda: "GPU (CUDA)" in view.engine_note.text(), timeout=20000)
    else:
        qtbot.waitUntil(lambda: "will fail" in view.engine_note.text(), timeout=20000)
        assert "no CUDA GPU found" in view.engine_note.text()


def test_theme_switch_applies_now_and_is_saved(app: App, settings_view: SettingsView) -> None:
    view = settings_view
    view.theme.setCurrentText("dark")
    view.save_button.click()
    assert current_colors() == DARK
    assert load_settings(app.home.settings_file).general.theme == "dark"
    assert "saved" in view.banner.text.lower()
    view.theme.setCurrentText("light")
    view.save_button.click()
    assert current_colors() == LIGHT


def test_date_order_applies_now_and_is_saved(app: App, settings_view: SettingsView) -> None:
    from nargis_desktop.core.dates import parse_when

    view = settings_view
    view.date_order.setCurrentIndex(view.date_order.findData("dmy"))
    view.save_button.click()
    assert load_settings(app.home.settings_file).general.date_order == "dmy"
    assert parse_when("2/12", app.clock).local(app.clock).month == 12  # 2 December, at once
    view.date_order.setCurrentIndex(view.date_order.findData("mdy"))
    view.save_button.click()
    assert parse_when("2/12", app.clock).local(app.clock).month == 2


def test_start_at_login_writes_and_removes_the_system_entry(
        app: App, settings_view: SettingsView, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from nargis_desktop import autostart

    if sys.platform != "linux":
        pytest.skip("checks the XDG entry")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    view = settings_view
    view.start_at_login.setChecked(True)
    view.save_button.click()
    assert autostart.is_enabled() and "log in" in view.banner.text
    assert load_settings(app.home.settings_file).ui.start_at_login
    view.start_at_login.setChecked(False)
    view.save_button.click()
    assert not autostart.is_enabled()


def _answer_dialogs(answers: list[str]) -> Callable[[], None]:
    """Type each answer into the next modal input dialog, as a user would."""
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QInputDialog) and answers:
            dialog.setTextValue(answers.pop(0))
            dialog.accept()
        if answers:
            QTimer.singleShot(50, answer)

    return answer


def test_vault_passphrase_change(fast_vault: App, settings_view: SettingsView,
                                 qtbot: QtBot) -> None:
    app, view = fast_vault, settings_view
    app.vault.create("old passphrase 1")
    QTimer.singleShot(50, _answer_dialogs(["old passphrase 1", "new passphrase 2"]))
    view.passwd.click()
    qtbot.waitUntil(lambda: view.vault_note.text() == "Passphrase changed.", timeout=20000)
    app.vault.lock()
    app.vault.unlock("new passphrase 2")
    app.vault.lock()
    with pytest.raises(NargisError):
        app.vault.unlock("old passphrase 1")


def test_vault_passphrase_change_with_a_wrong_one_is_an_inline_error(
        fast_vault: App, settings_view: SettingsView, qtbot: QtBot) -> None:
    app, view = fast_vault, settings_view
    app.vault.create("old passphrase 1")
    QTimer.singleShot(50, _answer_dialogs(["not the passphrase", "new passphrase 2"]))
    view.passwd.click()
    qtbot.waitUntil(view.banner.isVisible, timeout=20000)
    assert view.vault_note.text() != "Passphrase changed."


# -- first run ---------------------------------------------------------------------------

@pytest.fixture
def installed_defaults(app: App) -> ModelManager:
    """The shared folder with the real default models, so nothing is downloaded."""
    folder = Path(os.environ["NARGIS_MODELS_DIR"])
    manager = ModelManager(folder)
    missing = [e.id for e in manager.catalog.defaults() if not manager.is_installed(e.id)]
    if missing:
        pytest.skip(f"default models not installed in {folder}: {', '.join(missing)}")
    app.__dict__["models"] = manager
    return manager


@pytest.mark.models
def test_first_run_walks_every_page(fast_vault: App, installed_defaults: ModelManager,
                                    qtbot: QtBot, themed: object) -> None:
    app = fast_vault
    assert needs_first_run(app)
    dialog = FirstRunDialog(app)
    qtbot.addWidget(dialog)
    dialog.show()
    # 1 welcome
    assert dialog.stack.currentIndex() == 0 and not dialog.back.isEnabled()
    assert not dialog.skip.isVisible()
    dialog.next.click()
    # 2 models: already installed, so this only checks and verifies them
    assert dialog.stack.currentIndex() == 1 and dialog.skip.isVisible()
    dialog.install_button.click()
    qtbot.waitUntil(lambda: "installed and verified" in dialog.models_status.text(),
                    timeout=120000)
    assert not dialog.banner.isVisible()
    dialog.next.click()
    # 3 microphone: the test reports a level or a clear reason, never hangs
    assert dialog.stack.currentIndex() == 2
    dialog.mic_test.click()
    qtbot.waitUntil(lambda: "Peak level" in dialog.mic_result.text() or
                    "No microphone" in dialog.mic_result.text(), timeout=20000)
    dialog.next.click()
    # 4 journal: mismatched passphrases are refused inline, matching ones create the vault
    assert dialog.stack.currentIndex() == 3
    dialog.pass1.setText("correct horse 1")
    dialog.pass2.setText("correct horse 2")
    dialog.next.click()
    assert dialog.banner.isVisible() and dialog.stack.currentIndex() == 3
    dialog.pass2.setText("correct horse 1")
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 4, timeout=20000)
    assert app.vault.exists()
    # 5 hello
    assert dialog.next.text() == "Finish"
    dialog.hello.click()
    assert dialog.banner.isVisible()
    # spoken in a worker: said, or (no speaker here) an inline reason with the fix
    qtbot.waitUntil(dialog.hello.isEnabled, timeout=90000)
    assert "Said hello" in dialog.hello_status.text() or "Fix:" in dialog.banner.text
    dialog.back.click()
    assert dialog.stack.currentIndex() == 3
    dialog.skip.click()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.next.click()
    assert not needs_first_run(app)


def test_first_run_can_be_skipped_without_a_passphrase(app: App, qtbot: QtBot,
                                                       themed: object) -> None:
    dialog = FirstRunDialog(app)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.next.click()
    for _ in range(3):
        dialog.skip.click()
    assert dialog.stack.currentIndex() == 4
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.next.click()
    assert not needs_first_run(app) and not app.vault.exists()

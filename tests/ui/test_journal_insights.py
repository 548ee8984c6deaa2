"""Journal lock screen, unlock dialog and editor; Insights charts from the analytics worker."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from nargis_desktop.app import App
from nargis_desktop.ui.main_window import MainWindow
from nargis_desktop.ui.views.journal import UnlockDialog


@pytest.fixture
def fast_vault(app: App) -> Iterator[App]:
    """The real vault with the cheapest Argon2 cost, so tests don't spend seconds per unlock."""
    from nargis_desktop.vault.kdf import FLOOR
    from nargis_desktop.vault.vault import Vault

    app.__dict__["vault"] = Vault(app.store, app.settings.vault, kdf=FLOOR, env={})
    yield app


def _submit(dialog: UnlockDialog, qtbot: QtBot, phrase: str, repeat: str | None = None) -> None:
    dialog.passphrase.setText(phrase)
    dialog.repeat.setText(repeat if repeat is not None else phrase)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_journal_setup_write_lock_unlock(fast_vault: App, window: MainWindow,
                                         qtbot: QtBot) -> None:
    app = fast_vault
    view = window.journal
    window.show_view(view)
    assert view.stack.currentWidget() is view.lock_screen
    assert "Set up" in view.lock_screen.message.text()

    create = UnlockDialog(view.vault, create=True, parent=view)
    qtbot.addWidget(create)
    _submit(create, qtbot, "short")
    qtbot.waitUntil(lambda: "at least" in create.banner.text)
    _submit(create, qtbot, "correct horse battery", "correct horse batteri")
    assert "differ" in create.banner.text
    with qtbot.waitSignal(create.accepted, timeout=20000):
        _submit(create, qtbot, "correct horse battery")
    view.mark_stale()
    assert view.stack.currentWidget() is view.page

    view.new_button.click()
    qtbot.keyClicks(view.body, "A calm and good day.")
    view.title_edit.setText("Wednesday")
    view.mood.setCurrentIndex(view.mood.findData("good"))
    view.tags.setText("calm, work")
    view.save_button.click()
    [entry] = app.journal.list()
    assert entry.body == "A calm and good day." and entry.mood is not None
    assert entry.tags == ["calm", "work"]
    qtbot.waitUntil(lambda: view.entries.count() == 1
                    and "Wednesday" in view.entries.item(0).text())
    view.search.setText("nothing like this")
    assert "No entries match" in view.entries.item(0).text()
    view.search.setText("calm")
    assert "Wednesday" in view.entries.item(0).text()

    view.lock_button.click()
    assert view.stack.currentWidget() is view.lock_screen
    assert "locked" in view.lock_screen.message.text()
    unlock = UnlockDialog(view.vault, parent=view)
    qtbot.addWidget(unlock)
    _submit(unlock, qtbot, "wrong passphrase!")
    qtbot.waitUntil(lambda: "Wrong passphrase" in unlock.banner.text, timeout=20000)
    with qtbot.waitSignal(unlock.accepted, timeout=20000):
        _submit(unlock, qtbot, "correct horse battery")
    view.mark_stale()
    assert view.stack.currentWidget() is view.page
    view.append_dictation("and then I went for a walk")
    assert view.body.toPlainText().endswith("went for a walk")


def test_insights_draws_every_chart(window: MainWindow, app: App, qtbot: QtBot) -> None:
    t = app.tasks.add("Done thing")
    app.tasks.complete(t.id)
    h = app.habits.create("Read")
    app.habits.log(h.id)
    app.focus.start()
    app.focus.stop()
    view = window.insights
    window.show_view(view)
    qtbot.waitUntil(lambda: view.report is not None and not view._pending, timeout=20000)
    assert view.numbers["completed"].text() == "1"
    assert view.report is not None and view.report["habits"][0]["name"] == "Read"
    assert len(view.tasks_plot.listDataItems()) + len(view.tasks_plot.getPlotItem().items) > 0
    assert view.status.text().startswith(view.report["range"]["from"])

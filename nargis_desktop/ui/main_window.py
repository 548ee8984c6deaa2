"""The main window: a sidebar of views, keyboard shortcuts, restored geometry, close-to-tray."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nargis_desktop.app import App
from nargis_desktop.ui import resources
from nargis_desktop.ui.views.base import View
from nargis_desktop.ui.views.focus import FocusView
from nargis_desktop.ui.views.habits import HabitsView
from nargis_desktop.ui.views.insights import InsightsView
from nargis_desktop.ui.views.journal import JournalView
from nargis_desktop.ui.views.tasks import TasksView
from nargis_desktop.ui.views.today import TodayView
from nargis_desktop.ui.workers import EventBridge


def ui_state(app: App) -> QSettings:
    """Window geometry and the last view, kept next to the user's data (not in the registry)."""
    return QSettings(str(app.home.root / "ui-state.ini"), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    #: Emitted when the user closes the window while close-to-tray is on.
    hidden_to_tray = Signal()

    def __init__(self, app: App, extra_views: list[View] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle("Nargis")
        self.setWindowIcon(resources.icon("app"))
        self.tray_available = False
        self.quitting = False
        self.bridge = EventBridge(app.events, self)

        central = QWidget()
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        side = QWidget()
        side.setObjectName("Sidebar")
        side.setFixedWidth(180)
        sv = QVBoxLayout(side)
        sv.setContentsMargins(0, 14, 0, 10)
        brand = QLabel("Nargis")
        brand.setStyleSheet("font-size: 15pt; font-weight: 700; padding: 4px 20px 10px 20px;")
        sv.addWidget(brand)
        self.nav = QListWidget()
        self.nav.setObjectName("Nav")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setAccessibleName("Views")
        sv.addWidget(self.nav, 1)
        self.state_label = QLabel()
        self.state_label.setObjectName("Muted")
        self.state_label.setStyleSheet("padding: 6px 16px;")
        self.state_label.setWordWrap(True)
        sv.addWidget(self.state_label)
        lay.addWidget(side)
        self.stack = QStackedWidget()
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.today = TodayView(app)
        self.tasks = TasksView(app)
        self.habits = HabitsView(app)
        self.journal = JournalView(app)
        self.focus = FocusView(app)
        self.insights = InsightsView(app)
        extra = list(extra_views or [])
        first = [v for v in extra if v.icon_name == "assistant"]
        last = [v for v in extra if v.icon_name != "assistant"]
        self.views: list[View] = [*first, self.today, self.tasks, self.habits, self.journal,
                                  self.focus, self.insights, *last]
        for i, view in enumerate(self.views):
            item = QListWidgetItem(resources.icon(view.icon_name), view.title)
            item.setToolTip(f"{view.title} (Ctrl+{i + 1})")
            self.nav.addItem(item)
            self.stack.addWidget(view)
            self.bridge.published.connect(view.on_event, Qt.ConnectionType.QueuedConnection)
            self._shortcut(f"Ctrl+{i + 1}", partial(self.show_view, view))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self._shortcut(QKeySequence.StandardKey.New, self.new_task)
        self._shortcut("Ctrl+J", self.new_journal_entry)
        self._shortcut("Ctrl+Q", self.quit)
        self.restore_state()

    def _shortcut(self, key: str | QKeySequence.StandardKey, fn: Callable[[], None]) -> None:
        sc = QShortcut(QKeySequence(key), self)
        sc.activated.connect(fn)

    # -- navigation ------------------------------------------------------------------
    def show_view(self, view: View) -> None:
        self.nav.setCurrentRow(self.views.index(view))

    def current_view(self) -> View:
        w = self.stack.currentWidget()
        assert isinstance(w, View)
        return w

    def view_named(self, title: str) -> View:
        return next(v for v in self.views if v.title.lower() == title.lower())

    def new_task(self) -> None:
        self.bring_to_front()
        self.show_view(self.tasks)
        self.tasks.focus_quick_add()

    def new_journal_entry(self) -> None:
        self.bring_to_front()
        self.show_view(self.journal)
        if not self.journal.is_locked():
            self.journal.focus_new_entry()

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # -- state -----------------------------------------------------------------------
    def restore_state(self) -> None:
        s = ui_state(self.app)
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 760)
        row = s.value("window/view", 0)
        try:
            index = int(str(row))
        except ValueError:
            index = 0
        self.nav.setCurrentRow(index if 0 <= index < len(self.views) else 0)

    def save_state(self) -> None:
        s = ui_state(self.app)
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/view", self.nav.currentRow())
        s.sync()

    def quit(self) -> None:
        self.quitting = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        if not self.quitting and self.tray_available and self.app.settings.ui.close_to_tray:
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
            return
        self.bridge.close()
        event.accept()

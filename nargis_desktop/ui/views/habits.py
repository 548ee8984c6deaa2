"""Habits: this week's check-in grid, a 12-week heatmap, streaks and counts toward targets."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nargis_desktop.app import App
from nargis_desktop.core.types import Frequency, HabitStatus
from nargis_desktop.ui.views.base import View
from nargis_desktop.ui.widgets.common import Card, muted
from nargis_desktop.ui.widgets.heatmap import Heatmap

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class HabitRow(Card):
    """One habit: name and streaks, seven day buttons for this week, and its heatmap."""

    def __init__(self, view: HabitsView, status: HabitStatus, history: dict[date, int],
                 today: date) -> None:
        super().__init__()
        self.view = view
        self.status = status
        h = status.habit
        top = QHBoxLayout()
        name = QLabel(h.name)
        name.setStyleSheet("font-size: 12pt; font-weight: 600;")
        top.addWidget(name)
        period = "today" if h.frequency == Frequency.DAILY else "this week"
        self.count_label = muted(f"{status.period_count}/{h.target} {h.unit} {period}"
                                 if h.target > 1 or h.frequency == Frequency.WEEKLY else
                                 ("done today" if status.today_count else "not yet today"))
        top.addWidget(self.count_label)
        top.addStretch(1)
        self.streak_label = QLabel(f"streak {status.streak.current} · best {status.streak.best}")
        self.streak_label.setToolTip("Current streak and best streak "
                                     f"({'days' if h.frequency == Frequency.DAILY else 'weeks'})")
        top.addWidget(self.streak_label)
        self.body.addLayout(top)

        row = QHBoxLayout()
        week = QGridLayout()
        week.setHorizontalSpacing(4)
        monday = today - timedelta(days=today.weekday())
        self.day_buttons: list[QPushButton] = []
        for i, label in enumerate(DAYS):
            day = monday + timedelta(days=i)
            n = history.get(day, 0)
            b = QPushButton(str(n) if h.target > 1 and n else ("✓" if n else ""))
            b.setFixedSize(34, 30)
            b.setStyleSheet("padding: 0;" + ("font-weight: 700;" if day == today else ""))
            b.setCheckable(True)
            b.setChecked(n >= h.target if h.frequency == Frequency.DAILY else n > 0)
            b.setEnabled(day <= today)
            b.setAccessibleName(f"{h.name} on {label}")
            b.setToolTip(f"{day:%a %d %b}: {n} {h.unit}. Click to log; right-click to clear.")
            b.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            b.clicked.connect(lambda _c=False, d=day: view.guarded(self.toggle)(d))
            b.customContextMenuRequested.connect(
                lambda _p, d=day: view.guarded(self.clear)(d))
            week.addWidget(muted(label), 0, i, Qt.AlignmentFlag.AlignHCenter)
            week.addWidget(b, 1, i)
            self.day_buttons.append(b)
        week_box = QVBoxLayout()
        week_box.addLayout(week)
        week_box.addStretch(1)
        row.addLayout(week_box)
        row.addSpacing(24)
        self.heatmap = Heatmap(12)
        self.heatmap.set_data(history, h.target if h.frequency == Frequency.DAILY else 1, today,
                              h.color if h.color and h.color.startswith("#") else None)
        row.addWidget(self.heatmap, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addStretch(1)
        self.body.addLayout(row)
        self.history = history

    def toggle(self, day: date) -> None:
        h = self.status.habit
        n = self.history.get(day, 0)
        if h.target == 1 and h.frequency == Frequency.DAILY:
            self.view.app.habits.log(h.id, 0 if n >= 1 else 1, day=day, mode="set")
        else:
            self.view.app.habits.log(h.id, 1, day=day)

    def clear(self, day: date) -> None:
        self.view.app.habits.log(self.status.habit.id, 0, day=day, mode="set")


class HabitsView(View):
    title = "Habits"
    icon_name = "habits"
    topics = ("habit.",)

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        add = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText("New habit, e.g. “Drink water”")
        self.name.setAccessibleName("New habit name")
        self.target = QSpinBox()
        self.target.setRange(1, 100000)
        self.target.setPrefix("target ")
        self.unit = QLineEdit("times")
        self.unit.setMaximumWidth(90)
        self.freq = QComboBox()
        self.freq.addItems(["daily", "weekly"])
        self.add_button = QPushButton("Add habit")
        self.add_button.setProperty("primary", True)
        for w in (self.name, self.target, self.unit, self.freq, self.add_button):
            add.addWidget(w, 1 if w is self.name else 0)
        self.outer.addLayout(add)
        self.add_button.clicked.connect(self.guarded(self.add_habit))
        self.name.returnPressed.connect(self.guarded(self.add_habit))

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.rows_host = QWidget()
        self.rows = QVBoxLayout(self.rows_host)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(10)
        scroll.setWidget(self.rows_host)
        self.outer.addWidget(scroll, 1)
        self.row_widgets: list[HabitRow] = []

    def add_habit(self) -> None:
        habit = self.app.habits.create(self.name.text(), target=self.target.value(),
                                       unit=self.unit.text() or "times",
                                       frequency=self.freq.currentText())
        self.name.clear()
        self.banner.show_info(f"Added the habit “{habit.name}”.")

    def refresh(self) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        self.row_widgets = []
        today = self.app.clock.today()
        statuses = self.app.habits.list()
        for s in statuses:
            row = HabitRow(self, s, self.app.habits.history(s.habit.id, 84), today)
            self.rows.addWidget(row)
            self.row_widgets.append(row)
        if not statuses:
            self.rows.addWidget(muted("No habits yet. Add one above, or say "
                                      "“create a habit to read 20 pages”."))
        self.rows.addStretch(1)

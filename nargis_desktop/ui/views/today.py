"""Today: what needs attention now — due and overdue tasks, habits to log, focus so far."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from nargis_desktop.app import App
from nargis_desktop.core.dates import When, describe
from nargis_desktop.core.types import Task
from nargis_desktop.ui.views.base import View
from nargis_desktop.ui.widgets.common import Card, big_number, muted


def due_now(app: App) -> list[Task]:
    """Overdue first, then what is due today (each task once)."""
    seen: set[str] = set()
    out = []
    for t in [*app.tasks.list("overdue"), *app.tasks.list("today")]:
        if t.id not in seen:
            seen.add(t.id)
            out.append(t)
    return out


def compose_briefing(app: App) -> str:
    """A short morning briefing from core data (the brain's spoken one replaces it when present)."""
    counts = app.tasks.counts()
    today = due_now(app)
    pending = app.habits.pending_today()
    minutes = app.focus.focus_minutes()
    lines = [app.clock.local_now().strftime("Good %s. It is %%A, %%B %%d." % (
        "morning" if app.clock.local_now().hour < 12 else
        "afternoon" if app.clock.local_now().hour < 18 else "evening"))]
    if counts["overdue"]:
        lines.append(f"{counts['overdue']} task(s) are overdue.")
    lines.append(f"{counts['today']} task(s) are due today." if counts["today"]
                 else "Nothing else is due today.")
    for t in today[:3]:
        lines.append(f"• {t.title}")
    if pending:
        lines.append("Habits still to log: " + ", ".join(s.habit.name for s in pending[:5]) + ".")
    if minutes >= 1:
        lines.append(f"You have focused {round(minutes)} minute(s) so far.")
    return "\n".join(lines)


class TodayView(View):
    title = "Today"
    icon_name = "today"
    topics = ("task.", "habit.", "focus.")

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.date_label = muted()
        self.outer.insertWidget(1, self.date_label)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.outer.addLayout(grid, 1)

        self.tasks_card = Card("Due and overdue")
        self.task_list = QListWidget()
        self.task_list.setAccessibleName("Tasks due today")
        self.task_list.itemChanged.connect(self._task_checked)
        self.tasks_card.body.addWidget(self.task_list)
        grid.addWidget(self.tasks_card, 0, 0, 2, 1)

        self.habits_card = Card("Habits to log")
        self.habit_list = QListWidget()
        self.habit_list.setAccessibleName("Habits still to log today")
        self.habit_list.itemActivated.connect(self._log_habit)
        self.habits_card.body.addWidget(self.habit_list)
        self.habits_card.body.addWidget(muted("Double-click or press Enter to log one."))
        grid.addWidget(self.habits_card, 0, 1)

        self.focus_card = Card("Focus today")
        row = QHBoxLayout()
        self.focus_minutes = big_number()
        row.addWidget(self.focus_minutes)
        row.addWidget(muted("minutes"), 1, Qt.AlignmentFlag.AlignBottom)
        self.focus_card.body.addLayout(row)
        self.focus_sessions = muted()
        self.focus_card.body.addWidget(self.focus_sessions)
        grid.addWidget(self.focus_card, 1, 1)

        self.brief_card = Card("Briefing")
        self.brief_button = QPushButton("Brief me")
        self.brief_button.setProperty("primary", True)
        self.brief_button.clicked.connect(self.guarded(self.show_briefing))
        self.brief_text = QLabel("Ask for a short summary of your day.")
        self.brief_text.setWordWrap(True)
        self.brief_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.brief_card.body.addWidget(self.brief_text)
        self.brief_card.body.addWidget(self.brief_button, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.brief_card, 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

    def refresh(self) -> None:
        clock = self.app.clock
        self.date_label.setText(clock.local_now().strftime("%A, %d %B %Y"))
        self.task_list.blockSignals(True)
        self.task_list.clear()
        tasks = due_now(self.app)
        for t in tasks:
            when = describe(When(t.due, t.all_day), clock) if t.due else ""
            late = self.app.tasks.is_overdue(t)
            item = QListWidgetItem(f"{t.title}  —  {'overdue, ' if late else ''}{when}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            if late:
                item.setForeground(Qt.GlobalColor.red)
            self.task_list.addItem(item)
        if not tasks:
            empty = QListWidgetItem("Nothing due. Enjoy your day.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.task_list.addItem(empty)
        self.task_list.blockSignals(False)

        self.habit_list.clear()
        pending = self.app.habits.pending_today()
        for s in pending:
            h = s.habit
            extra = f"  ({s.period_count}/{h.target} {h.unit})" if h.target > 1 else ""
            item = QListWidgetItem(f"{h.name}{extra}")
            item.setData(Qt.ItemDataRole.UserRole, h.id)
            self.habit_list.addItem(item)
        if not pending:
            done = QListWidgetItem("All habits logged.")
            done.setFlags(Qt.ItemFlag.NoItemFlags)
            self.habit_list.addItem(done)

        status = self.app.focus.status()
        self.focus_minutes.setText(str(round(self.app.focus.focus_minutes())))
        text = f"{status.work_sessions_done_today} work session(s) completed"
        if status.running and status.session is not None:
            kind = {"work": "focus session", "short_break": "short break",
                    "long_break": "long break"}[status.session.kind.value]
            text += f"; a {kind} is running now"
        self.focus_sessions.setText(text + ".")

    def _task_checked(self, item: QListWidgetItem) -> None:
        task_id = item.data(Qt.ItemDataRole.UserRole)
        if task_id and item.checkState() == Qt.CheckState.Checked:
            self.guarded(self.app.tasks.complete)(task_id)

    def _log_habit(self, item: QListWidgetItem) -> None:
        habit_id = item.data(Qt.ItemDataRole.UserRole)
        if habit_id:
            self.guarded(self.app.habits.log)(habit_id)

    def show_briefing(self) -> None:
        self.brief_text.setText(compose_briefing(self.app))

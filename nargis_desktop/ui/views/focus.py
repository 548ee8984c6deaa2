"""Focus: a large pomodoro timer with the cycle, controls, the linked task and today's sessions."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nargis_desktop.app import App
from nargis_desktop.core.focus import FocusStatus
from nargis_desktop.core.types import FocusKind
from nargis_desktop.ui import resources
from nargis_desktop.ui.views.base import View
from nargis_desktop.ui.widgets.common import Card, muted

KIND_LABEL = {FocusKind.WORK: "Focus", FocusKind.SHORT_BREAK: "Short break",
              FocusKind.LONG_BREAK: "Long break"}


def mmss(seconds: float) -> str:
    s = max(0, round(seconds))
    return f"{s // 60:02d}:{s % 60:02d}"


class FocusView(View):
    title = "Focus"
    icon_name = "focus"
    topics = ("focus.", "task.")

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        body = QHBoxLayout()
        self.outer.addLayout(body, 1)
        timer_card = Card()
        tv = timer_card.body
        self.phase = QLabel("Ready")
        self.phase.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase.setStyleSheet("font-size: 14pt; font-weight: 600;")
        tv.addStretch(1)
        tv.addWidget(self.phase)
        self.clock_label = QLabel("25:00")
        self.clock_label.setObjectName("Timer")
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock_label.setAccessibleName("Time left")
        tv.addWidget(self.clock_label)
        self.cycle = QLabel()
        self.cycle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cycle.setStyleSheet("font-size: 16pt; letter-spacing: 4px;")
        tv.addWidget(self.cycle)
        self.cycle_text = muted()
        self.cycle_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tv.addWidget(self.cycle_text)
        task_row = QHBoxLayout()
        task_row.addWidget(muted("Working on"))
        self.task_combo = QComboBox()
        self.task_combo.setAccessibleName("Linked task")
        self.task_combo.setMinimumWidth(160)
        task_row.addWidget(self.task_combo, 1)
        tv.addLayout(task_row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.start_button = QPushButton(resources.icon("play"), "Start")
        self.start_button.setProperty("primary", True)
        self.pause_button = QPushButton(resources.icon("pause"), "Pause")
        self.skip_button = QPushButton(resources.icon("skip"), "Skip")
        self.stop_button = QPushButton(resources.icon("stop"), "Stop")
        for b in (self.start_button, self.pause_button, self.skip_button, self.stop_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        tv.addLayout(buttons)
        tv.addStretch(1)
        body.addWidget(timer_card, 3)

        side = QVBoxLayout()
        sessions_card = Card("Today's sessions")
        self.sessions = QListWidget()
        self.sessions.setAccessibleName("Today's focus sessions")
        sessions_card.body.addWidget(self.sessions)
        self.total = muted()
        sessions_card.body.addWidget(self.total)
        side.addWidget(sessions_card)
        body.addLayout(side, 2)

        self.start_button.clicked.connect(self.guarded(self.start))
        self.pause_button.clicked.connect(self.guarded(self.pause_resume))
        self.skip_button.clicked.connect(self.guarded(lambda: self.app.focus.skip()))
        self.stop_button.clicked.connect(self.guarded(lambda: self.app.focus.stop()))
        # ticks once a second, and only while a session runs and the view is visible
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)
        self.status: FocusStatus | None = None

    def start(self) -> None:
        task_id = self.task_combo.currentData()
        self.app.focus.start(task_id=task_id if task_id else None)

    def pause_resume(self) -> None:
        if self.status is not None and self.status.paused:
            self.app.focus.resume()
        else:
            self.app.focus.pause()

    def refresh(self) -> None:
        current = self.task_combo.currentData()
        self.task_combo.blockSignals(True)
        self.task_combo.clear()
        self.task_combo.addItem("No task", None)
        for t in self.app.tasks.list("open", limit=50):
            self.task_combo.addItem(t.title, t.id)
        self.task_combo.blockSignals(False)
        self._show(self.app.focus.status(), keep_task=current)
        self.sessions.clear()
        titles: dict[str, str] = {}
        for s in reversed(self.app.focus.list(day=self.app.clock.today())):
            start = s.started_at.astimezone(self.app.clock.tz).strftime("%H:%M")
            mins = round(self.app.focus.elapsed(s) / 60) if s.ended_at is None else round(
                max(0.0, (s.ended_at - s.started_at).total_seconds() - s.paused_seconds) / 60)
            mark = "running" if s.ended_at is None else ("✓" if s.completed else "stopped")
            task = ""
            if s.task_id:
                if s.task_id not in titles:
                    try:
                        titles[s.task_id] = self.app.tasks.get(s.task_id).title
                    except Exception:
                        titles[s.task_id] = "a deleted task"
                task = f" · {titles[s.task_id]}"
            self.sessions.addItem(f"{start}  {KIND_LABEL[s.kind]}  {mins} min  {mark}{task}")
        if self.sessions.count() == 0:
            self.sessions.addItem("No sessions yet today.")
        self.total.setText(f"{round(self.app.focus.focus_minutes())} focus minutes today")

    def _show(self, st: FocusStatus, keep_task: object = None) -> None:
        self.status = st
        every = self.app.focus.settings.long_break_every
        done = st.work_sessions_done_today % every
        self.cycle.setText("●" * done + "○" * (every - done))
        self.cycle_text.setText(f"{st.work_sessions_done_today} focus session(s) done today; "
                                f"a long break after every {every}")
        if st.running and st.session is not None:
            s = st.session
            self.phase.setText(KIND_LABEL[s.kind] + (" — paused" if st.paused else ""))
            self.clock_label.setText(mmss(st.remaining_seconds))
            idx = self.task_combo.findData(s.task_id) if s.task_id else 0
            self.task_combo.setCurrentIndex(max(0, idx))
            self.task_combo.setEnabled(False)
            self.pause_button.setText("Resume" if st.paused else "Pause")
            self.pause_button.setIcon(resources.icon("play" if st.paused else "pause"))
            if st.paused or not self.isVisible():
                self.ticker.stop()
            elif not self.ticker.isActive():
                self.ticker.start()
        else:
            nxt = st.next_kind
            self.phase.setText(f"Next: {KIND_LABEL[nxt]}")
            self.clock_label.setText(mmss(self.app.focus.planned_minutes(nxt) * 60))
            self.task_combo.setEnabled(True)
            idx = self.task_combo.findData(keep_task) if keep_task else 0
            self.task_combo.setCurrentIndex(max(0, idx))
            self.pause_button.setText("Pause")
            self.ticker.stop()
        self.start_button.setEnabled(not st.running)
        self.pause_button.setEnabled(st.running)
        self.skip_button.setEnabled(True)
        self.stop_button.setEnabled(st.running)

    def _tick(self) -> None:
        if not self.isVisible():
            self.ticker.stop()
            return
        try:
            st = self.app.focus.status()
        except Exception as exc:
            self.ticker.stop()
            self.banner.show_error(exc)
            return
        self._show(st, keep_task=self.task_combo.currentData())

    def hideEvent(self, event: QHideEvent) -> None:
        self.ticker.stop()
        super().hideEvent(event)

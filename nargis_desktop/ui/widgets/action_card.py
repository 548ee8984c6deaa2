"""One card per action the assistant took, with Undo while it can still be undone."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from nargis_desktop.ui import resources
from nargis_desktop.ui.widgets.common import Card

TOOL_LABEL = {"add_task": "Task added", "complete_task": "Task completed",
              "delete_task": "Task deleted", "move_task": "Task moved",
              "edit_task": "Task changed", "task_status": "Task status",
              "log_habit": "Habit logged", "create_habit": "Habit created",
              "start_focus": "Focus started", "stop_focus": "Focus stopped",
              "add_journal": "Journal entry saved"}
FAILED_LABEL = {"add_task": "Task not added", "complete_task": "Task not completed",
                "delete_task": "Task not deleted", "move_task": "Task not moved",
                "edit_task": "Task not changed",
                "log_habit": "Habit not logged", "create_habit": "Habit not created",
                "start_focus": "Focus not started", "stop_focus": "Focus not stopped",
                "add_journal": "Journal entry not saved"}


class ActionCard(Card):
    undo_requested = Signal(object)

    def __init__(self, record: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.record = record
        row = QHBoxLayout()
        ok = bool(getattr(record, "ok", True))
        tool = str(getattr(record, "tool", "action"))
        head = TOOL_LABEL.get(tool, tool.replace("_", " ").capitalize())
        if not ok:  # "Focus started" on a failure would contradict the message below it
            head = FAILED_LABEL.get(tool, f"{head} failed")
        text = getattr(record, "message", "") or (getattr(record, "error", "") or "")
        self.label = QLabel(f"<b>{'✓' if ok else '✕'} {head}</b><br>{text}")
        self.label.setWordWrap(True)
        row.addWidget(self.label, 1)
        self.undo_button = QPushButton(resources.icon("undo"), "Undo")
        self.undo_button.setVisible(ok and bool(getattr(record, "undoable", False)))
        self.undo_button.clicked.connect(self._undo)
        row.addWidget(self.undo_button)
        self.body.addLayout(row)

    def _undo(self) -> None:
        self.mark_undone()
        self.undo_requested.emit(self.record)

    def mark_undone(self) -> None:
        """Undone here or by voice: the button cannot be pressed again."""
        self.undo_button.setEnabled(False)
        self.undo_button.setText("Undone")

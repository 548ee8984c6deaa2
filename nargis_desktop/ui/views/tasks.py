"""Tasks: filtered list with subtasks, quick add with natural dates, and an inline editor."""

from __future__ import annotations

from datetime import UTC, date, datetime
from datetime import time as dt_time

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nargis_desktop.app import App
from nargis_desktop.core.dates import When, describe
from nargis_desktop.core.recurrence import describe_recurrence
from nargis_desktop.core.types import Task, TaskStatus
from nargis_desktop.ui import resources
from nargis_desktop.ui.quick_add import parse_quick_add
from nargis_desktop.ui.views.base import View
from nargis_desktop.ui.widgets.common import Card, muted

FILTERS = (("Today", "today"), ("Upcoming", "upcoming"), ("Overdue", "overdue"),
           ("All open", "open"), ("Done", "done"), ("Everything", "all"))
ID = Qt.ItemDataRole.UserRole


class TaskEditor(Card):
    """Edits the selected task: every field a task has, saved in one action."""

    def __init__(self, view: TasksView) -> None:
        super().__init__("Details")
        self.view = view
        self.task: Task | None = None
        self.placeholder = muted("Select a task to see and edit its details, or add one "
                                 "above.")
        self.placeholder.setWordWrap(True)
        self.body.addWidget(self.placeholder)
        self.fields = QWidget()
        fields = QVBoxLayout(self.fields)
        fields.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(90)
        self.priority = QComboBox()
        self.priority.addItems(["low", "normal", "high"])
        self.has_due = QCheckBox("Has a due date")
        self.due = QDateTimeEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        self.all_day = QCheckBox("All day")
        self.has_due.toggled.connect(self.due.setEnabled)
        self.has_due.toggled.connect(self.all_day.setEnabled)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("comma separated")
        self.repeat = QLineEdit()
        self.repeat.setPlaceholderText("e.g. daily, weekly on mon, every 2 weeks")
        form.addRow("Title", self.title_edit)
        form.addRow("Notes", self.notes)
        form.addRow("Priority", self.priority)
        form.addRow(self.has_due)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due, 1)
        due_row.addWidget(self.all_day)
        form.addRow("Due", due_row)
        form.addRow("Tags", self.tags)
        form.addRow("Repeats", self.repeat)
        fields.addLayout(form)
        buttons = QHBoxLayout()
        self.save = QPushButton("Save")
        self.save.setProperty("primary", True)
        self.subtask = QLineEdit()
        self.subtask.setPlaceholderText("Add a subtask…")
        self.delete = QPushButton(resources.icon("trash"), "Delete")
        buttons.addWidget(self.save)
        buttons.addWidget(self.delete)
        buttons.addStretch(1)
        fields.addLayout(buttons)
        fields.addWidget(self.subtask)
        self.body.addWidget(self.fields)
        self.body.addStretch(1)
        self.save.clicked.connect(view.guarded(self.save_task))
        self.delete.clicked.connect(view.guarded(self.delete_task))
        self.subtask.returnPressed.connect(view.guarded(self.add_subtask))
        self.show_task(None)

    def show_task(self, task: Task | None) -> None:
        self.task = task
        # nothing selected: a hint instead of a form full of placeholder values
        self.placeholder.setVisible(task is None)
        self.fields.setVisible(task is not None)
        if task is None:
            for edit in (self.title_edit, self.tags, self.repeat, self.subtask):
                edit.clear()
            self.notes.clear()
            self.priority.setCurrentText("normal")
            self.has_due.setChecked(False)
            self.all_day.setChecked(False)
            return
        tz = self.view.app.clock.tz
        self.title_edit.setText(task.title)
        self.notes.setPlainText(task.notes)
        self.priority.setCurrentText(task.priority.value)
        self.has_due.setChecked(task.due is not None)
        due = task.due or self.view.app.clock.now()
        local = due.astimezone(tz)
        self.due.setDateTime(QDateTime(QDate(local.year, local.month, local.day),
                                       QTime(local.hour, local.minute)))
        self.due.setEnabled(task.due is not None)
        self.all_day.setChecked(task.all_day)
        self.all_day.setEnabled(task.due is not None)
        self.tags.setText(", ".join(task.tags))
        self.repeat.setText(describe_recurrence(task.recurrence) if task.recurrence else "")

    def _due_value(self) -> When | None:
        if not self.has_due.isChecked():
            return None
        clock = self.view.app.clock
        qdt = self.due.dateTime()
        qd, qt = qdt.date(), qdt.time()
        d, t = date(qd.year(), qd.month(), qd.day()), dt_time(qt.hour(), qt.minute())
        if self.all_day.isChecked():
            return When(clock.start_of_day(d), all_day=True)
        local = datetime.combine(d, t, tzinfo=clock.tz)
        return When(local.astimezone(UTC))

    def save_task(self) -> None:
        if self.task is None:
            return
        task = self.task
        repeat = self.repeat.text().strip()
        old_repeat = describe_recurrence(task.recurrence) if task.recurrence else ""
        updated = self.view.app.tasks.edit(
            task.id, title=self.title_edit.text(), notes=self.notes.toPlainText(),
            priority=self.priority.currentText(), due=self._due_value(),
            tags=[t.strip() for t in self.tags.text().split(",") if t.strip()],
            **({"recurrence": repeat or None} if repeat != old_repeat else {}))
        self.view.banner.show_info(f"Saved “{updated.title}”.")

    def delete_task(self) -> None:
        if self.task is None:
            return
        ids = self.view.app.tasks.delete(self.task.id)
        title = self.task.title
        self.show_task(None)
        self.view.banner.show_info(f"Deleted “{title}”.", action="Undo",
                                   callback=self.view.guarded(
                                       lambda: self.view.app.tasks.restore(ids)))

    def add_subtask(self) -> None:
        if self.task is None or not self.subtask.text().strip():
            return
        quick = parse_quick_add(self.subtask.text(), self.view.app.clock)
        self.view.app.tasks.add(quick.title, due=quick.due, tags=quick.tags,
                                priority=quick.priority, parent=self.task.id)
        self.subtask.clear()


class TasksView(View):
    title = "Tasks"
    icon_name = "tasks"
    topics = ("task.",)

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.quick = QLineEdit()
        self.quick.setPlaceholderText(
            "Add a task: “Pay rent friday 9am #home !high”, “Water plants every week” — Enter")
        self.quick.setAccessibleName("Quick add task")
        self.quick.returnPressed.connect(self.guarded(self.quick_add))
        self.outer.addWidget(self.quick)

        bar = QHBoxLayout()
        self.filter = QComboBox()
        for label, key in FILTERS:
            self.filter.addItem(label, key)
        self.filter.setCurrentIndex(3)
        self.filter.setAccessibleName("Which tasks")
        self.tag = QComboBox()
        self.tag.setAccessibleName("Tag filter")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search")
        self.search.addAction(resources.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.filter)
        bar.addWidget(self.tag)
        bar.addWidget(self.search, 1)
        self.outer.addLayout(bar)
        for sig in (self.filter.currentIndexChanged, self.tag.currentIndexChanged,
                    self.search.textChanged):
            sig.connect(self.refresh_now)

        split = QSplitter()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Task", "Due", "Priority", "Tags"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("Task list")
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(self._select)
        lv.addWidget(self.tree)
        self.summary = muted()
        lv.addWidget(self.summary)
        split.addWidget(left)
        self.editor = TaskEditor(self)
        editor_scroll = QScrollArea()
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        editor_scroll.setWidget(self.editor)
        split.addWidget(editor_scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([640, 380])
        self.outer.addWidget(split, 1)

    # -- reading ---------------------------------------------------------------------
    def current_filter(self) -> str:
        return str(self.filter.currentData())

    def _reload_tags(self, tasks: list[Task]) -> None:
        current = self.tag.currentData()
        tags = sorted({t for task in self.app.tasks.list("all") for t in task.tags})
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem("Any tag", None)
        for t in tags:
            self.tag.addItem(f"#{t}", t)
        idx = self.tag.findData(current)
        self.tag.setCurrentIndex(max(0, idx))
        self.tag.blockSignals(False)

    def refresh(self) -> None:
        svc = self.app.tasks
        tasks = svc.list(self.current_filter(), tag=self.tag.currentData(),
                         text=self.search.text().strip() or None)
        self._reload_tags(tasks)
        selected = self.editor.task.id if self.editor.task else None
        self.tree.blockSignals(True)
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        shown = {t.id for t in tasks}
        for t in tasks:
            parent = items.get(t.parent_id or "") if t.parent_id in shown else None
            item = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem(self.tree)
            self._fill(item, t)
            items[t.id] = item
        # subtasks of shown tasks appear under them even when the filter hides them
        if self.current_filter() != "done":
            for t in list(tasks):
                for sub in svc.list("all", parent_id=t.id):
                    if sub.id not in items:
                        child = QTreeWidgetItem(items[t.id])
                        self._fill(child, sub)
                        items[sub.id] = child
        self.tree.expandAll()
        self.tree.blockSignals(False)
        counts = svc.counts()
        self.summary.setText(f"{counts['open']} open · {counts['today']} due today · "
                             f"{counts['overdue']} overdue")
        if selected and selected in items:
            self.tree.setCurrentItem(items[selected])
        elif self.editor.task is not None:
            try:
                self.editor.show_task(svc.get(self.editor.task.id))
            except Exception:
                self.editor.show_task(None)

    def _fill(self, item: QTreeWidgetItem, t: Task) -> None:
        clock = self.app.clock
        item.setText(0, t.title)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
        item.setCheckState(0, Qt.CheckState.Checked if t.status == TaskStatus.DONE
                           else Qt.CheckState.Unchecked)
        due = describe(When(t.due, t.all_day), clock) if t.due else ""
        if t.recurrence:
            due += "  ↻"
        item.setText(1, due)
        item.setText(2, {"high": "High", "low": "Low"}.get(t.priority.value, ""))
        item.setText(3, " ".join(f"#{x}" for x in t.tags))
        item.setData(0, ID, t.id)
        if self.app.tasks.is_overdue(t):
            item.setForeground(1, Qt.GlobalColor.red)
        if t.status == TaskStatus.DONE:
            f = item.font(0)
            f.setStrikeOut(True)
            item.setFont(0, f)

    # -- actions ---------------------------------------------------------------------
    def quick_add(self) -> None:
        text = self.quick.text().strip()
        if not text:
            return
        q = parse_quick_add(text, self.app.clock)
        task = self.app.tasks.add(q.title, due=q.due, tags=q.tags, priority=q.priority,
                                  recurrence=q.recurrence)
        self.quick.clear()
        due = f", due {describe(q.due, self.app.clock)}" if q.due else ""
        self.banner.show_info(f"Added “{task.title}”{due}.")

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        task_id = item.data(0, ID)
        if not task_id or column != 0:
            return

        def apply() -> None:
            task = self.app.tasks.get(task_id)
            done = item.checkState(0) == Qt.CheckState.Checked
            if done and task.status != TaskStatus.DONE:
                c = self.app.tasks.complete(task_id)
                if c.next_task is not None and c.next_task.due is not None:
                    nxt = describe(When(c.next_task.due, c.next_task.all_day), self.app.clock)
                    self.banner.show_info(f"Done. Next “{c.task.title}” is {nxt}.")
            elif not done and task.status == TaskStatus.DONE:
                self.app.tasks.reopen(task_id)
            elif item.text(0).strip() != task.title:
                self.app.tasks.edit(task_id, title=item.text(0))

        self.guarded(apply)()

    def _select(self, current: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        task_id = current.data(0, ID) if current is not None else None
        if not task_id:
            self.editor.show_task(None)
            return
        try:
            self.editor.show_task(self.app.tasks.get(task_id))
        except Exception as exc:
            self.banner.show_error(exc)

    def focus_quick_add(self) -> None:
        self.quick.setFocus()
        self.quick.selectAll()


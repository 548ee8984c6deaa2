"""Today, Tasks, Habits and Focus views driven through their real widgets."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from nargis_desktop.app import App
from nargis_desktop.clock import FixedClock
from nargis_desktop.ui.main_window import MainWindow


def test_today_shows_due_overdue_and_pending_habits(window: MainWindow, app: App,
                                                    qtbot: QtBot) -> None:
    app.tasks.add("Pay rent", due="yesterday")
    app.tasks.add("Call mom", due="today at 5pm")
    app.tasks.add("Later thing", due="next month")
    app.habits.create("Read")
    window.show_view(window.today)

    def texts() -> list[str]:
        lst = window.today.task_list
        return [lst.item(i).text() for i in range(lst.count())]

    qtbot.waitUntil(lambda: any("Later" not in t and "Call mom" in t for t in texts()))
    texts = texts()  # type: ignore[assignment]
    assert any("Pay rent" in t and "overdue" in t for t in texts)
    assert any("Call mom" in t for t in texts)
    assert not any("Later thing" in t for t in texts)
    habit_item = window.today.habit_list.item(0)
    assert habit_item.text() == "Read"
    # completing from Today really completes the task
    item = next(window.today.task_list.item(i) for i in range(window.today.task_list.count())
                if "Call mom" in window.today.task_list.item(i).text())
    item.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: app.tasks.counts()["today"] == 0)
    window.today.show_briefing()
    assert "overdue" in window.today.brief_text.text()


def test_tasks_quick_add_natural_date_filters_and_edit(window: MainWindow, app: App,
                                                       qtbot: QtBot) -> None:
    view = window.tasks
    window.show_view(view)
    qtbot.keyClicks(view.quick, "Call mom tomorrow at 5pm #family !high")
    qtbot.keyClick(view.quick, Qt.Key.Key_Return)
    [task] = app.tasks.list("all")
    assert task.title == "Call mom"
    assert task.tags == ["family"] and task.priority.value == "high"
    assert task.due is not None and task.due.astimezone(app.clock.tz).hour == 17
    assert "Added" in view.banner.text
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() == 1)
    # "Today" filter hides a task due tomorrow; "Upcoming" shows it
    view.filter.setCurrentIndex(0)
    assert view.tree.topLevelItemCount() == 0
    view.filter.setCurrentIndex(1)
    assert view.tree.topLevelItemCount() == 1
    # select, edit in the editor, save
    view.tree.setCurrentItem(view.tree.topLevelItem(0))
    assert view.editor.title_edit.text() == "Call mom"
    view.editor.title_edit.setText("Call mum")
    view.editor.priority.setCurrentText("low")
    view.editor.repeat.setText("weekly")
    view.editor.save.click()
    edited = app.tasks.get(task.id)
    assert edited.title == "Call mum" and edited.priority.value == "low"
    assert edited.recurrence == "FREQ=WEEKLY"
    # subtask from the editor
    qtbot.keyClicks(view.editor.subtask, "Buy card")
    qtbot.keyClick(view.editor.subtask, Qt.Key.Key_Return)
    assert [t.title for t in app.tasks.subtasks(task.id)] == ["Buy card"]
    qtbot.waitUntil(lambda: view.tree.topLevelItem(0).childCount() == 1)
    # tag filter and search
    view.filter.setCurrentIndex(5)
    idx = view.tag.findData("family")
    view.tag.setCurrentIndex(idx)
    assert view.tree.topLevelItemCount() == 1
    view.tag.setCurrentIndex(0)
    view.search.setText("card")
    assert view.tree.topLevelItem(0).text(0) == "Buy card"
    view.search.clear()
    # check it off: a repeating task spawns the next one
    top = view.tree.topLevelItem(0)
    top.setCheckState(0, Qt.CheckState.Checked)
    assert app.tasks.get(task.id).status.value == "done"
    assert len(app.tasks.list("open")) == 2  # the subtask and the next occurrence


def test_tasks_inline_title_edit_and_delete_with_undo(window: MainWindow, app: App,
                                                      qtbot: QtBot) -> None:
    t = app.tasks.add("Old title")
    view = window.tasks
    window.show_view(view)
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() == 1)
    view.tree.topLevelItem(0).setText(0, "New title")
    assert app.tasks.get(t.id).title == "New title"
    view.tree.setCurrentItem(view.tree.topLevelItem(0))
    view.editor.delete.click()
    assert app.tasks.list("all") == []
    view.banner.action.click()
    assert [x.title for x in app.tasks.list("all")] == ["New title"]


def test_quick_add_error_is_inline(window: MainWindow, app: App, qtbot: QtBot) -> None:
    view = window.tasks
    window.show_view(view)
    qtbot.keyClicks(view.quick, "#onlytag")
    qtbot.keyClick(view.quick, Qt.Key.Key_Return)
    assert view.banner.isVisible() and "needs a title" in view.banner.text
    assert "Fix:" in view.banner.text


def test_habits_grid_heatmap_streaks_and_targets(window: MainWindow, app: App,
                                                 clock: FixedClock, qtbot: QtBot) -> None:
    read = app.habits.create("Read")
    app.habits.create("Water", target=8, unit="glasses")
    for back in (1, 2, 3):
        app.habits.log(read.id, day=app.clock.today() - timedelta(days=back))
    view = window.habits
    window.show_view(view)
    qtbot.waitUntil(lambda: len(view.row_widgets) == 2)
    read_row, water_row = view.row_widgets
    assert "streak 3" in read_row.streak_label.text()
    today_idx = app.clock.today().weekday()
    read_row.day_buttons[today_idx].click()
    assert app.habits.status(read.id).today_count == 1
    qtbot.waitUntil(lambda: "streak 4" in view.row_widgets[0].streak_label.text())
    water_row = view.row_widgets[1]
    water_row.day_buttons[today_idx].click()
    water_row = view.row_widgets[1]
    qtbot.waitUntil(lambda: "1/8 glasses" in view.row_widgets[1].count_label.text())
    assert view.row_widgets[0].heatmap.counts  # 12-week history reached the heatmap
    assert view.row_widgets[0].heatmap.sizeHint().width() > 0
    # create from the form
    qtbot.keyClicks(view.name, "Stretch")
    view.add_button.click()
    assert "Stretch" in [s.habit.name for s in app.habits.list()]


def test_focus_start_pause_skip_stop(window: MainWindow, app: App, clock: FixedClock,
                                     qtbot: QtBot) -> None:
    task = app.tasks.add("Write report")
    view = window.focus
    window.show_view(view)
    idx = view.task_combo.findData(task.id)
    view.task_combo.setCurrentIndex(idx)
    view.start_button.click()
    st = app.focus.status()
    assert st.running and st.session is not None and st.session.task_id == task.id
    qtbot.waitUntil(view.ticker.isActive)  # ticks only while a session runs
    assert view.clock_label.text() == "25:00" and view.phase.text() == "Focus"
    clock.advance(minutes=5)
    view._tick()
    assert view.clock_label.text() == "20:00"
    view.pause_button.click()
    assert app.focus.status().paused
    qtbot.waitUntil(lambda: view.pause_button.text() == "Resume")
    view.pause_button.click()
    assert not app.focus.status().paused
    view.skip_button.click()  # ends work early, starts the next phase
    assert app.focus.status().running
    view.stop_button.click()
    assert not app.focus.status().running
    qtbot.waitUntil(lambda: view.sessions.count() == 2)
    assert "Write report" in view.sessions.item(0).text()


def test_geometry_and_last_view_are_restored(app: App, qtbot: QtBot, themed: object) -> None:
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    w.resize(800, 560)
    qtbot.waitUntil(lambda: w.height() == 560)
    w.show_view(w.habits)
    w.quitting = True
    w.close()
    again = MainWindow(app)
    qtbot.addWidget(again)
    again.show()
    assert again.current_view() is again.habits
    assert again.size().height() == 560


def test_shortcuts_switch_views_and_new_task(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() is window.views[2]
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() is window.tasks
    assert window.tasks.quick.hasFocus()

"""Insights: charts from the DuckDB analytics, computed in a worker and drawn with pyqtgraph."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QWidget

from nargis_desktop.app import App
from nargis_desktop.ui.theme import current_colors
from nargis_desktop.ui.views.base import View
from nargis_desktop.ui.widgets.common import Card, big_number, muted
from nargis_desktop.ui.workers import call_async

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _plot(title: str) -> pg.PlotWidget:
    c = current_colors()
    w = pg.PlotWidget(background=c["card"])
    w.setTitle(title, color=c["text"], size="10pt")
    w.setMenuEnabled(False)
    w.setMouseEnabled(x=False, y=False)
    w.hideButtons()
    for axis in ("left", "bottom"):
        ax = w.getAxis(axis)
        ax.setPen(pg.mkPen(c["border"]))
        ax.setTextPen(pg.mkPen(c["muted"]))
    w.setMinimumHeight(180)
    return w


def _day_ticks(days: list[str]) -> list[tuple[int, str]]:
    step = max(1, len(days) // 6)
    return [(i, date.fromisoformat(d).strftime("%d %b")) for i, d in enumerate(days)
            if i % step == 0 or i == len(days) - 1]


class InsightsView(View):
    title = "Insights"
    icon_name = "insights"
    topics = ("task.", "habit.", "focus.", "journal.")

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        bar = QHBoxLayout()
        self.range = QComboBox()
        for n in (7, 30, 90):
            self.range.addItem(f"Last {n} days", n)
        self.range.setCurrentIndex(1)
        self.range.currentIndexChanged.connect(self.refresh_now)
        bar.addWidget(self.range)
        self.status = muted()
        bar.addWidget(self.status, 1)
        self.outer.addLayout(bar)

        stats = QHBoxLayout()
        self.numbers: dict[str, QLabel] = {}
        for key, label in (("completed", "tasks completed"), ("rate", "completion rate"),
                           ("focus", "focus minutes"), ("sessions", "focus sessions")):
            card = Card()
            number = big_number("–")
            card.body.addWidget(number)
            card.body.addWidget(muted(label))
            self.numbers[key] = number
            stats.addWidget(card)
        self.outer.addLayout(stats)

        self.charts_built = False
        self.report: dict[str, Any] | None = None
        self._pending = False


    def _build_charts(self) -> None:
        """Plots are made on first show: pyqtgraph is heavy and most sessions never look."""
        self.charts_built = True
        host = QWidget()
        grid = QGridLayout(host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        self.tasks_plot = _plot("Tasks completed per day")
        self.focus_plot = _plot("Focus minutes per day")
        self.habit_plot = _plot("Habit consistency (%)")
        self.heat_plot = _plot("Productive hours (completions + focus)")
        self.mood_plot = _plot("Mood over time (1 awful – 5 great)")
        grid.addWidget(self.tasks_plot, 0, 0)
        grid.addWidget(self.focus_plot, 0, 1)
        grid.addWidget(self.habit_plot, 1, 0)
        grid.addWidget(self.heat_plot, 1, 1)
        grid.addWidget(self.mood_plot, 2, 0, 1, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(host)
        self.outer.addWidget(scroll, 1)

    def refresh(self) -> None:
        """DuckDB work runs in a worker; the charts are drawn when it answers."""
        if not self.charts_built:
            self._build_charts()
        if self._pending:
            self._stale = True
            return
        self._pending = True
        self.status.setText("Computing…")
        days = int(self.range.currentData())
        call_async(lambda: self.app.stats(days), self._show, self._failed)

    def _failed(self, exc: Exception) -> None:
        self._pending = False
        self.status.setText("")
        self.banner.show_error(exc)

    def _show(self, report: dict[str, Any]) -> None:
        self._pending = False
        self.report = report
        r = report["range"]
        self.status.setText(f"{r['from']} to {r['to']} ({r['timezone']})")
        t, f = report["tasks"], report["focus"]
        self.numbers["completed"].setText(str(t["completed"]))
        rate = t["completion_rate"]
        self.numbers["rate"].setText("–" if rate is None else f"{round(rate * 100)}%")
        self.numbers["focus"].setText(str(round(f["minutes_total"])))
        self.numbers["sessions"].setText(str(f["sessions_completed"]))
        c = current_colors()
        accent = pg.mkBrush(c["accent"])

        days = [d["day"] for d in t["per_day"]]
        self.tasks_plot.clear()
        self.tasks_plot.addItem(pg.BarGraphItem(
            x=np.arange(len(days)), height=[d["completed"] for d in t["per_day"]], width=0.7,
            brush=accent, pen=pg.mkPen(None)))
        self.tasks_plot.getAxis("bottom").setTicks([_day_ticks(days)])

        fdays = [d["day"] for d in f["per_day"]]
        self.focus_plot.clear()
        self.focus_plot.addItem(pg.BarGraphItem(
            x=np.arange(len(fdays)), height=[d["minutes"] for d in f["per_day"]], width=0.7,
            brush=pg.mkBrush("#2bb3a3"), pen=pg.mkPen(None)))
        self.focus_plot.getAxis("bottom").setTicks([_day_ticks(fdays)])

        habits = report["habits"]
        self.habit_plot.clear()
        if habits:
            values = [round((h["consistency"] or 0) * 100) for h in habits]
            self.habit_plot.addItem(pg.BarGraphItem(
                x0=0, y=np.arange(len(habits)), height=0.6, width=values, brush=accent,
                pen=pg.mkPen(None)))
            self.habit_plot.getAxis("left").setTicks(
                [[(i, h["name"][:14]) for i, h in enumerate(habits)]])
            self.habit_plot.setXRange(0, 100)

        heat = report["heatmap"]
        grid = np.array(heat["completions"], dtype=float) + np.array(heat["focus_minutes"]) / 25
        self.heat_plot.clear()
        img = pg.ImageItem(grid.T)
        img.setColorMap(pg.ColorMap([0.0, 1.0], [c["hover"], c["accent"]]))
        self.heat_plot.addItem(img)
        self.heat_plot.getAxis("left").setTicks([[(i + 0.5, d) for i, d in enumerate(WEEKDAYS)]])
        self.heat_plot.getAxis("bottom").setTicks([[(h + 0.5, f"{h}h") for h in range(0, 24, 3)]])
        self.heat_plot.getViewBox().invertY(True)

        mood = report["mood"]
        self.mood_plot.clear()
        if mood:
            self.mood_plot.plot(np.arange(len(mood)), [m["score"] for m in mood],
                                pen=pg.mkPen("#fb8c00", width=2), symbol="o", symbolSize=7,
                                symbolBrush="#fb8c00")
            self.mood_plot.getAxis("bottom").setTicks([_day_ticks([m["day"] for m in mood])])
            self.mood_plot.setYRange(1, 5)
        if self._stale:
            self.refresh_now()

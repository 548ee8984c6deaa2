"""A GitHub-style grid: weeks as columns, weekdays as rows, shaded by how much was done."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from nargis_desktop.ui.theme import current_colors


class Heatmap(QWidget):
    """``counts`` per day against ``target``; 12 weeks ending with the current week."""

    CELL = 12
    GAP = 3

    def __init__(self, weeks: int = 12, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weeks = weeks
        self.counts: dict[date, int] = {}
        self.target = 1
        self.today = date.today()
        self.color = QColor(current_colors()["accent"])
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_data(self, counts: dict[date, int], target: int, today: date,
                 color: str | None = None) -> None:
        self.counts = counts
        self.target = max(1, target)
        self.today = today
        self.color = QColor(color) if color else QColor(current_colors()["accent"])
        days = sum(1 for c in counts.values() if c >= self.target)
        self.setToolTip(f"{days} day(s) met in the last {self.weeks} weeks")
        self.update()

    def sizeHint(self) -> QSize:
        step = self.CELL + self.GAP
        return QSize(self.weeks * step, 7 * step)

    def first_day(self) -> date:
        monday = self.today - timedelta(days=self.today.weekday())
        return monday - timedelta(weeks=self.weeks - 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        empty = QColor(current_colors()["hover"])
        step = self.CELL + self.GAP
        start = self.first_day()
        for week in range(self.weeks):
            for wd in range(7):
                day = start + timedelta(days=week * 7 + wd)
                if day > self.today:
                    continue
                n = self.counts.get(day, 0)
                if n <= 0:
                    color = empty
                else:
                    color = QColor(self.color)
                    color.setAlphaF(0.35 + 0.65 * min(1.0, n / self.target))
                p.setBrush(color)
                p.drawRoundedRect(QRectF(week * step, wd * step, self.CELL, self.CELL), 3, 3)
        p.end()

"""The live input level and the big round mic button that shows it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from nargis_desktop.ui import resources
from nargis_desktop.ui.theme import current_colors


class LevelMeter(QWidget):
    """A thin horizontal bar, 0.0 to 1.0; zero (and grey) while the mic is closed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = 0.0
        self.setFixedHeight(8)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Microphone level")

    def set_level(self, level: float) -> None:
        level = max(0.0, min(1.0, level))
        if abs(level - self.level) > 0.005:
            self.level = level
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        c = current_colors()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        r = QRectF(self.rect())
        p.setBrush(QColor(c["hover"]))
        p.drawRoundedRect(r, 4, 4)
        if self.level > 0:
            p.setBrush(QColor("#e53935" if self.level > 0.9 else c["accent"]))
            p.drawRoundedRect(QRectF(0, 0, r.width() * self.level, r.height()), 4, 4)
        p.end()


class MicButton(QPushButton):
    """Press and hold to talk (pressed/released signals); a ring grows with the level."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(QSize(96, 96))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Hold to talk (or hold Space)")
        self.setAccessibleName("Talk")
        self.active = False
        self.level = 0.0
        self.setStyleSheet("QPushButton { border: none; background: transparent; }")

    def set_active(self, active: bool) -> None:
        self.active = active
        if not active:
            self.level = 0.0
        self.update()

    def set_level(self, level: float) -> None:
        self.level = max(0.0, min(1.0, level))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        c = current_colors()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        if self.active:
            ring = QColor("#e53935")
            ring.setAlphaF(0.25 + 0.5 * self.level)
            p.setPen(QPen(ring, 3 + 6 * self.level))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(r)
        p.setPen(Qt.PenStyle.NoPen)
        fill = QColor("#e53935" if self.active else c["accent"])
        if self.hasFocus():
            p.setPen(QPen(QColor(c["text"]), 2))
        p.setBrush(fill)
        p.drawEllipse(r.adjusted(8, 8, -8, -8))
        pm = resources.icon("mic").pixmap(QSize(36, 36))
        # the mic glyph in white on the coloured disc
        white = QPainter(pm)
        white.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        white.fillRect(pm.rect(), QColor("#ffffff"))
        white.end()
        p.drawPixmap(int(r.center().x() - 18), int(r.center().y() - 18), pm)
        p.end()

"""Layout helpers shared by the views: titles, cards, muted labels."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


def title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("ViewTitle")
    return label


def muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("Muted")
    label.setWordWrap(True)
    return label


def big_number(text: str = "0") -> QLabel:
    label = QLabel(text)
    label.setObjectName("BigNumber")
    return label


class Card(QFrame):
    """A rounded panel with an optional heading."""

    def __init__(self, heading: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(14, 12, 14, 12)
        self.body.setSpacing(6)
        if heading:
            h = QLabel(heading)
            h.setStyleSheet("font-weight: 600;")
            self.body.addWidget(h)

"""Light and dark themes that follow the system unless the user picks one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from nargis_desktop.ui import resources

LIGHT = {
    "window": "#f6f7fb", "sidebar": "#eef0f7", "card": "#ffffff", "input": "#ffffff",
    "button": "#ffffff", "border": "#d9dce8", "hover": "#e6e8f2", "text": "#1f2330",
    "muted": "#6b7185", "accent": "#6a4cf5", "accent_hover": "#5a3de0",
    "accent_soft": "#e7e2ff", "accent_text": "#4a2fd0", "alt": "#f8f9fc",
    "error": "#d93025", "error_bg": "#fdecea", "idle_chip": "#8a90a6",
}
DARK = {
    "window": "#17181f", "sidebar": "#1d1f28", "card": "#22242f", "input": "#2a2d3a",
    "button": "#2a2d3a", "border": "#363a4a", "hover": "#30344a", "text": "#e8e9f1",
    "muted": "#9aa0b5", "accent": "#8b73ff", "accent_hover": "#9d89ff",
    "accent_soft": "#342c5c", "accent_text": "#b8a9ff", "alt": "#262936",
    "error": "#ff6b5e", "error_bg": "#3a2222", "idle_chip": "#5b6075",
}


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def colors_for(choice: str) -> dict[str, str]:
    dark = choice == "dark" or (choice == "system" and system_is_dark())
    return DARK if dark else LIGHT


def apply_theme(app: QApplication, choice: str = "system") -> dict[str, str]:
    """Set palette, style sheet and icon colour; returns the colours used (charts use them)."""
    c = colors_for(choice)
    app.setStyle("Fusion")
    pal = QPalette()
    for role, key in ((QPalette.ColorRole.Window, "window"), (QPalette.ColorRole.Base, "input"),
                      (QPalette.ColorRole.AlternateBase, "alt"),
                      (QPalette.ColorRole.Text, "text"), (QPalette.ColorRole.WindowText, "text"),
                      (QPalette.ColorRole.Button, "button"),
                      (QPalette.ColorRole.ButtonText, "text"),
                      (QPalette.ColorRole.Highlight, "accent"),
                      (QPalette.ColorRole.ToolTipBase, "card"),
                      (QPalette.ColorRole.ToolTipText, "text"),
                      (QPalette.ColorRole.PlaceholderText, "muted")):
        pal.setColor(role, QColor(c[key]))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    app.setPalette(pal)
    qss = resources.style_template()
    for key, value in {**c, "icons": (resources.resource_dir() / "icons").as_posix()}.items():
        qss = qss.replace(f"@{key}@", value)
    app.setStyleSheet(qss)
    resources.set_icon_color(c["text"])
    app.setProperty("nargis_colors", c)
    return c


def current_colors() -> dict[str, str]:
    app = QApplication.instance()
    value = app.property("nargis_colors") if app is not None else None
    return dict(value) if isinstance(value, dict) else LIGHT

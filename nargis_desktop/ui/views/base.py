"""What every view shares: the app, an error banner, and lazy refresh on events.

A view only refreshes while it is visible; an event that arrives while it is
hidden just marks it stale, so a busy voice turn does not repaint six views
and an idle window costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from nargis_desktop.app import App
from nargis_desktop.core.events import Event
from nargis_desktop.ui.widgets.banner import Banner
from nargis_desktop.ui.widgets.common import title


class View(QWidget):
    #: Shown in the sidebar and as the page heading.
    title = ""
    #: The icon name in resources/icons.
    icon_name = ""
    #: Event topic prefixes that make this view stale.
    topics: tuple[str, ...] = ()

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self._stale = True
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(24, 18, 24, 18)
        self.outer.setSpacing(12)
        self.heading = title(self.title)
        self.outer.addWidget(self.heading)
        self.banner = Banner(self)
        self.outer.addWidget(self.banner)

    # -- refresh ---------------------------------------------------------------------
    def on_event(self, event: Event) -> None:
        if any(event.topic.startswith(t) for t in self.topics):
            self.mark_stale()

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh_now()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh_now()

    def refresh_now(self) -> None:
        self._stale = False
        try:
            self.refresh()
        except Exception as exc:
            self.banner.show_error(exc)

    def refresh(self) -> None:
        """Re-read what the view shows; subclasses override."""

    # -- helpers ---------------------------------------------------------------------
    def guarded(self, fn: Callable[..., Any]) -> Callable[..., None]:
        """Wrap a user action so an error lands in the banner instead of a traceback."""

        def run(*args: Any) -> None:
            self.banner.hide()
            try:
                fn(*args)
            except Exception as exc:
                self.banner.show_error(exc)

        return run

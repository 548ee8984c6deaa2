"""The PySide6 desktop app. The only package that imports Qt; nothing imports it back."""

from nargis_desktop.ui import qt_compat as _qt_compat  # noqa: F401  (fixes Signal.emit first)

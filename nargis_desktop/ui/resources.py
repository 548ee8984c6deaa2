"""Finding the bundled icons, sounds and style sheet at run time.

They live inside the package (``nargis_desktop/resources``) so an installed wheel
carries them; ``NARGIS_RESOURCES`` overrides the folder for packagers.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer


def resource_dir() -> Path:
    override = os.environ.get("NARGIS_RESOURCES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "resources"


def sound_path(name: str) -> Path:
    return resource_dir() / "sounds" / f"{name}.wav"


def style_template() -> str:
    return (resource_dir() / "styles" / "app.qss").read_text(encoding="utf-8")


@cache
def _svg_text(name: str) -> str:
    return (resource_dir() / "icons" / f"{name}.svg").read_text(encoding="utf-8")


def _render(svg: str, size: int, ratio: float) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    px = max(1, round(size * ratio))
    image = QImage(px, px, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    pm = QPixmap.fromImage(image)
    pm.setDevicePixelRatio(ratio)
    return pm


_color = "#333333"


def set_icon_color(color: str) -> None:
    """Line icons take the theme's text colour; called when the theme changes."""
    global _color
    _color = color
    icon.cache_clear()


@cache
def icon(name: str) -> QIcon:
    """A crisp icon at every size and device-pixel ratio (rendered from SVG, never scaled)."""
    svg = _svg_text(name).replace("#COLOR", _color)
    result = QIcon()
    for size in (16, 20, 24, 32, 48, 64, 128):
        for ratio in (1.0, 2.0):
            result.addPixmap(_render(svg, size, ratio))
    return result


def icon_size(n: int) -> QSize:
    return QSize(n, n)

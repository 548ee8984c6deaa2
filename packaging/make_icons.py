"""Render the app icon (SVG) to the standard PNG sizes, plus .ico and .icns where Qt can.

Usage: python packaging/make_icons.py OUT_DIR
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SVG = Path(__file__).resolve().parent.parent / "nargis_desktop" / "resources" / "icons" / "app.svg"


def main(out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        sys.exit(f"make_icons: cannot read {SVG}")
    out.mkdir(parents=True, exist_ok=True)
    images = {}
    for size in SIZES:
        img = QImage(size, size, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        painter = QPainter(img)
        renderer.render(painter)
        painter.end()
        target = out / "hicolor" / f"{size}x{size}" / "apps" / "nargis.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        img.save(str(target))
        images[size] = img
    (out / "hicolor" / "scalable" / "apps").mkdir(parents=True, exist_ok=True)
    (out / "hicolor" / "scalable" / "apps" / "nargis.svg").write_bytes(SVG.read_bytes())
    formats = {bytes(f).decode() for f in QImageWriter.supportedImageFormats()}
    for fmt, size in (("ico", 256), ("icns", 512)):
        if fmt in formats:
            images[size].save(str(out / f"nargis.{fmt}"), fmt)
    print(f"icons in {out} ({', '.join(str(s) for s in SIZES)} px"
          f"{', ico' if 'ico' in formats else ''}{', icns' if 'icns' in formats else ''})")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons"))

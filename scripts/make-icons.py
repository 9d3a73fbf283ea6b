"""Draw the application icon's bitmaps from its one source, packaging/icon/avtalsuppfoljning.svg:
resources/icons/avtalsuppfoljning-<size>.png (the window and taskbar icon, loaded by the app; PNG
because the frozen app ships no image-format or SVG plugins) and packaging/windows/avtalsuppfoljning.ico
(the exe and the installer). Run after changing the SVG:
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make-icons.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "packaging" / "icon" / "avtalsuppfoljning.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 256)
ICO = ROOT / "packaging" / "windows" / "avtalsuppfoljning.ico"


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SOURCE)).render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An .ico holding PNG images (read by Windows Vista and later, and by Inno Setup)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in images.items():
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter needs it)
    images = {size: render(size) for size in PNG_SIZES}
    folder = ROOT / "resources" / "icons"
    folder.mkdir(exist_ok=True)
    for size, png in images.items():
        (folder / f"avtalsuppfoljning-{size}.png").write_bytes(png)
    ICO.write_bytes(ico(images))
    print(f"make-icons: {len(images)} PNGs in {folder.relative_to(ROOT)}, {ICO.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

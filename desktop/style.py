"""Room for Swedish capitals in every table, tree and list row.

Qt sizes an item view's row from the font's ascent + descent, but the ring of Å and the dots of Ä and
Ö reach above the ascent (DejaVu Sans 9 pt: Ö's top is 13 px above the baseline, the ascent 11): in a
row sized to its text — a wrapped label in the money table, a tree with uniform rows, a text aligned to
the top — the marks were cut off by the row's top edge ("Övrigt" read "Ovrigt"). One application style
adds that overshoot to every item's height (above and below, so centred text stays centred) and moves
top-aligned text down by it; the amount comes from the item's own font at the screen's scale.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory

MARKED_CAPITALS = "ÅÄÖÉÜ"
_room_cache: dict[str, int] = {}


def room_for_marks(font: QFont) -> int:
    """Pixels the marks of Swedish capitals reach above the font's ascent (at least one, for the
    antialiased edge at fractional scale factors)."""
    key = font.key()
    if key not in _room_cache:
        metrics = QFontMetricsF(font)
        overshoot = -metrics.tightBoundingRect(MARKED_CAPITALS).top() - metrics.ascent()
        _room_cache[key] = max(1, math.ceil(overshoot))
    return _room_cache[key]


class RoomForMarks(QProxyStyle):
    def sizeFromContents(self, kind, option, size, widget=None):  # noqa: N802 (Qt's name)
        result = super().sizeFromContents(kind, option, size, widget)
        if kind == QStyle.ContentsType.CT_ItemViewItem and result.isValid():
            result.setHeight(result.height() + 2 * room_for_marks(option.font))
        return result

    def subElementRect(self, element, option, widget=None):  # noqa: N802 (Qt's name)
        rect = super().subElementRect(element, option, widget)
        if (element == QStyle.SubElement.SE_ItemViewItemText
                and option.displayAlignment & Qt.AlignmentFlag.AlignTop):
            rect.setTop(rect.top() + room_for_marks(option.font))
        return rect


def install_style(app: QApplication) -> None:
    """Wrap the platform's style (Fusion, windowsvista, macOS) in RoomForMarks; once per application."""
    if isinstance(app.style(), RoomForMarks):
        return
    app.setStyle(RoomForMarks(QStyleFactory.create(app.style().name())))

"""Lists whose long lines wrap to their width (the wizard's side list and problems, Utkorg, Skickat,
Tidigare versioner, the receiving views).

Not in desktop/screen.py, which the report list imports at start-up: PySide6 builds a class's Python
enums when the class is first touched, and QListWidget's, QStyle's and QStyleOptionViewItem's cost the
start ~14 ms (tests/desktop/test_startup_imports.py)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QListWidget, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget


class WrappingList(QListWidget):
    """A list whose long lines wrap to its width, each item as tall as its wrapped text, laid out
    again when the list is resized. QListWidget with setWordWrap kept the layout of its first width
    and wrapped for a width wider than it painted in, so long items ended in "…" with a blank line."""

    def __init__(self, air: int = 4, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # lines wrap instead
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setItemDelegate(_WrappedItemDelegate(air, self))


class _WrappedItemDelegate(QStyledItemDelegate):
    def __init__(self, air: int, view: QListWidget):
        super().__init__(view)
        self.air = air  # px between items (the style keeps a margin left and right)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt's name)
        view = self.parent()
        width = view.viewport().width()
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.rect = QRect(0, 0, width, 100000)
        text = view.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, item, QSize(), view)
        return QSize(width, text.height() + self.air)

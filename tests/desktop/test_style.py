"""The application style gives every item-view row room for the marks of Å, Ä, Ö (desktop/style.py;
the pixels are checked under a real X server in tests/desktop/realx/test_capitals.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QStyleFactory, QStyleOptionViewItem, QTableWidget, QTableWidgetItem

from desktop.style import RoomForMarks, room_for_marks


def test_rows_are_taller_than_the_font_by_the_marks_overshoot(qtbot):
    table = QTableWidget(1, 1)
    qtbot.addWidget(table)
    table.setStyle(RoomForMarks(QStyleFactory.create("Fusion")))
    table.setItem(0, 0, QTableWidgetItem("ÅÄÖ Övrigt"))
    table.resizeRowsToContents()
    metrics = QFontMetrics(table.font())
    glyph_top = -metrics.tightBoundingRect("ÅÄÖ").top()
    room = room_for_marks(table.font())
    assert room >= max(1, glyph_top - metrics.ascent())
    assert table.sizeHintForRow(0) >= metrics.height() + 2 * room  # centred text: the overshoot above it


def test_top_aligned_text_starts_below_the_marks(qtbot):
    table = QTableWidget(1, 1)
    qtbot.addWidget(table)
    style = RoomForMarks(QStyleFactory.create("Fusion"))
    option = QStyleOptionViewItem()
    option.initFrom(table)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
    option.text = "Åsa och Örjan"
    option.rect = table.rect()
    option.displayAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    plain = QStyleFactory.create("Fusion").subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, table)
    roomy = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, table)
    assert roomy.top() == plain.top() + room_for_marks(table.font())


def test_the_app_gets_the_style_once_the_list_is_up(qtbot, store, library):
    """Installed by the main window 250 ms after it is first shown, off the start path."""
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow

    app = QApplication.instance()
    app.setStyle(QStyleFactory.create("Fusion"))  # as before the window is shown
    window = MainWindow(store, library)
    qtbot.addWidget(window)
    window.show()
    assert not isinstance(app.style(), RoomForMarks)
    qtbot.waitUntil(lambda: isinstance(app.style(), RoomForMarks), timeout=3000)

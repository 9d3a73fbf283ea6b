"""The application style gives every item-view row room for the marks of Å, Ä, Ö (desktop/style.py;
the pixels are checked under a real X server in tests/desktop/realx/test_capitals.py)."""

from __future__ import annotations

import os
import subprocess
import sys

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
    assert room_for_marks(table.font()) >= glyph_top - metrics.ascent() + 1
    assert table.sizeHintForRow(0) >= glyph_top + metrics.descent() + 2 * room_for_marks(table.font()) - 1


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


def test_the_app_runs_with_the_style():
    code = ("import sys; from PySide6.QtTest import QTest; from desktop.app import create_app; app = create_app(); "
            "assert 'desktop.style' not in sys.modules; QTest.qWait(600); "  # off the start path, then there
            "from desktop.style import RoomForMarks; assert isinstance(app.style(), RoomForMarks), app.style()")
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr

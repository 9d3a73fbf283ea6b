"""Under a real X server, per scale factor (100, 125, 150, 200 %: tests/desktop/test_real_x.py): the
rings and dots of Å, Ä, Ö are not cut off by a row's top edge in any of the app's tables, trees and
lists. Each view is shown as the app shows it (the application style of desktop/app.py) and grabbed;
a clipped mark leaves the glyph's ink on the row's first pixel row, a whole one leaves a blank line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyle, QStyleOptionViewItem

from exports.bundle import docx_bytes
from forms.report import Report
from tests.desktop.keyboard import show_active

pytestmark = pytest.mark.row_heights
CAPITALS = "ÅÄÖ Övrigt"


def ink_rows(image: QImage, rect: QRect) -> list[int]:
    """The pixel rows (from the rect's top, in device pixels) holding text ink inside `rect`."""
    ratio = image.devicePixelRatio()
    left, top = round(rect.left() * ratio), round(rect.top() * ratio)
    right, bottom = round((rect.right() + 1) * ratio), round((rect.bottom() + 1) * ratio)
    rows = []
    for y in range(max(top, 0), min(bottom, image.height())):
        if any(image.pixelColor(x, y).lightness() < 110 for x in range(max(left, 0), min(right, image.width()))):
            rows.append(y - top)
    return rows


def unclipped_ink_height(view: QAbstractItemView, index: QModelIndex, rect: QRect) -> int:
    """The item painted by the view's own delegate with room to spare above and below: how tall its
    text's ink is when nothing cuts it."""
    air = 40
    ratio = view.devicePixelRatioF()
    image = QImage(round(rect.width() * ratio), round((rect.height() + 2 * air) * ratio), QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.white)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.state &= ~(QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Selected)
    option.rect = QRect(0, air, rect.width(), rect.height() + air)  # taller: centred text moves, stays whole
    if getattr(view, "wordWrap", lambda: False)():
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
    painter = QPainter(image)
    view.itemDelegateForIndex(index).paint(painter, option, index)
    painter.end()
    rows = ink_rows(image, QRect(0, 0, rect.width(), rect.height() + 2 * air))
    return rows[-1] - rows[0] + 1


def assert_marks_whole(qtbot, view: QAbstractItemView, index: QModelIndex, where: str) -> None:
    view.clearSelection()
    view.setCurrentIndex(QModelIndex())
    view.scrollTo(index)
    qtbot.wait(100)
    rect = view.visualRect(index)
    rows = ink_rows(view.viewport().grab().toImage(), rect)
    assert rows, f"{where}: no text drawn in the row (rect {rect})"
    detail = f"{index.data()!r}, row {rect.height()} px at scale {view.devicePixelRatioF()}"
    assert rows[0] > 0, f"{where}: the text's marks are cut by the row's top edge ({detail})"
    whole = unclipped_ink_height(view, index, rect)
    assert rows[-1] - rows[0] + 1 >= whole, (
        f"{where}: the text is cut: {rows[-1] - rows[0] + 1} px of ink in the row, {whole} px drawn whole ({detail})")


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    show_active(qtbot, widget)
    qtbot.wait(150)
    return widget


def test_money_table(qtbot, store, library, lundby):
    from desktop.wizard import ReportWizard

    wizard = shown(qtbot, ReportWizard(store, library, store.create_report(lundby)))
    wizard.go_to_page(wizard.section_pages["ekonomisk_redovisning"])
    grid = wizard.currentPage().widgets["ekonomi"].grid
    qtbot.wait(200)
    row = next(r for r in range(grid.rowCount()) if grid.item(r, 0).text().startswith("Övrigt"))
    assert_marks_whole(qtbot, grid, grid.model().index(row, 0), "the money table's Övrigt row")


def test_sammanstallning(qtbot, store, library, lundby):
    from desktop.receiving_view import ConsolidationDialog

    first = next(f.id for f in library.get(lundby.template_id, lundby.revision).fields() if f.kind == "text")
    lundby.answers[first] = CAPITALS
    store.create_report(lundby)
    store.create_report(Report(lundby.template_id, lundby.revision, "Örgryte-Härlanda", lundby.year))
    dialog = shown(qtbot, ConsolidationDialog(store, library, lundby.year, None, lundby.template_id))
    figures = dialog.figures
    row = next(r for r in range(figures.rowCount()) if figures.item(r, 0).text() == "Örgryte-Härlanda")
    assert_marks_whole(qtbot, figures, figures.model().index(row, 0), "Siffror per område")
    dialog.tabs.setCurrentIndex(1)
    dialog.questions.setCurrentRow(0)
    answers = dialog.answers
    column = next(c for c in range(answers.columnCount()) if answers.item(0, c).text() == CAPITALS)
    assert_marks_whole(qtbot, answers, answers.model().index(0, column), "Frågor och svar")


def test_word_import_preview(qtbot, library, lundby, tmp_path):
    from desktop.word_import_dialog import WordImportDialog
    from forms.word_import import match_document
    from forms.word_reader import read_docx

    path = tmp_path / "Lundby 2022.docx"
    path.write_bytes(docx_bytes(library.get(lundby.template_id, lundby.revision), lundby, []))
    document = read_docx(path)
    dialog = shown(qtbot, WordImportDialog(document, match_document(document, library), library))
    [item] = dialog.tree.findItems("Övriga", Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive, 0)
    assert_marks_whole(qtbot, dialog.tree, dialog.tree.indexFromItem(item, 0), "the Word-import preview")


def test_receiving_and_report_lists(qtbot, store, library, lundby, tmp_path):
    from desktop.history_dialogs import BinDialog
    from desktop.main_window import MainWindow
    from desktop.receiving_view import ReceiveDialog

    item = tmp_path / f"{CAPITALS}.eml"
    item.write_bytes(b"")
    receive = shown(qtbot, ReceiveDialog(store, library))
    receive.add_paths([item])
    assert_marks_whole(qtbot, receive.chosen, receive.chosen.model().index(0, 0), "Importera mottagna rapporter")
    receive.close()

    lundby.area = "Örgryte-Härlanda"
    report_id = store.create_report(lundby)
    window = shown(qtbot, MainWindow(store, library))
    window.refresh(report_id)
    assert_marks_whole(qtbot, window.table, window.table.model().index(0, 1), "the report list")
    store.delete_report(report_id)
    bin_dialog = shown(qtbot, BinDialog(store, library))
    assert_marks_whole(qtbot, bin_dialog.list, bin_dialog.list.model().index(0, 1), "Papperskorgen")
    QApplication.processEvents()

"""The report list: empty start, new report, open, from last year, bin, deadlines."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton

from desktop.history_dialogs import BinDialog
from desktop.main_window import COLUMNS, MainWindow
from desktop.new_report_dialogs import NewReportDialog, default_report_year
from desktop.report_list import BACKGROUND_ROLE, DEADLINE_COLORS, DISPLAY_ROLE, TOOLTIP_ROLE, USER_ROLE
from forms.store import Store
from tests.desktop.keyboard import show_active


@pytest.fixture
def window(qtbot, store, library):
    w = MainWindow(store, library, today=date(2023, 1, 25))
    qtbot.addWidget(w)
    yield w
    for wizard in list(w.wizards.values()):
        wizard.close()


def test_first_start_shows_an_empty_list_with_ny_rapport(window):
    assert window.stack.currentWidget() is window.empty
    assert window.new_action.text() == "&Ny rapport…"
    assert not window.open_action.isEnabled()


def test_new_report_dialog_choice_creates_and_opens_it(window, expect_dialog, store):
    def fill(dialog: NewReportDialog) -> bool:
        dialog.kind.setCurrentIndex(dialog.kind.findData("fca-uppfoljning"))
        dialog.year.setValue(2023)
        dialog.area.setEditText("Hisingen")
        return True

    expect_dialog("run_dialog", "Ny rapport", answer=fill)
    window.new_report()
    [summary] = store.list_reports()
    assert (summary.template_id, summary.revision, summary.area, summary.year) == ("fca-uppfoljning", "2023", "Hisingen", 2023)
    assert summary.id in window.wizards
    assert window.table.item(0, 1).text() == "Hisingen"


def test_new_report_dialog_offers_the_areas_of_the_revision(qtbot, library):
    dialog = NewReportDialog(library, date(2026, 11, 23))
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("fca-uppfoljning"))
    assert dialog.year.value() == 2026
    assert [dialog.area.itemText(i) for i in range(dialog.area.count())] == ["Centrum", "Hisingen", "Nordost", "Sydväst"]
    assert "stadsområde" in dialog.area_hint.text() and "DRNG" in dialog.area_hint.text()
    dialog.year.setValue(2022)
    assert "Lundby" in [dialog.area.itemText(i) for i in range(dialog.area.count())]
    assert "HSNG" in dialog.area_hint.text()


def test_default_year_is_the_year_being_followed_up_or_planned(qtbot, library):
    assert default_report_year(date(2026, 11, 23)) == 2026
    assert default_report_year(date(2027, 1, 15)) == 2026
    assert default_report_year(date(2026, 11, 23), plan=True) == 2027
    dialog = NewReportDialog(library, date(2026, 11, 23))
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == "fca-uppfoljning" and dialog.year.value() == 2026
    dialog.kind.setCurrentIndex(dialog.kind.findData("fca-handlingsplan"))
    assert dialog.year.value() == 2027


def test_deadline_colours(window, store, lundby):
    store.create_report(lundby)  # due 2023-02-01, "today" is 2023-01-25: amber
    window.refresh()
    assert window.table.item(0, 4).text() == "2023-02-01 (snart)"
    assert window.table.item(0, 4).background().color() == QColor(*DEADLINE_COLORS["soon"])  # amber (dark mode: test_dark_mode)
    window.today = date(2023, 2, 2)
    window.refresh()
    assert window.table.item(0, 4).text() == "2023-02-01 (passerad)"
    assert window.table.item(0, 4).background().color() == QColor(*DEADLINE_COLORS["past"])


def test_the_list_shows_its_titles_and_tints_without_naming_qt(qtbot, window, store, lundby):
    """The list does without PySide's Qt namespace at start (test_startup_imports.py): its roles are Qt's
    own numbers, its titles come from the header's own model, its tint is painted as a QBrush was."""
    assert (DISPLAY_ROLE, TOOLTIP_ROLE, BACKGROUND_ROLE, USER_ROLE) == (
        Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.UserRole)
    header = window.table.horizontalHeader()
    assert [header.model().headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())] == COLUMNS
    assert window.table.model().columnCount() == header.count()
    window.resize(1000, 400)
    window.show()
    qtbot.waitExposed(window)
    window.refresh(store.create_report(lundby))  # due 2023-02-01, "today" is 2023-01-25: amber
    selected = header.grab().toImage()
    window.table.clearSelection()  # a selected row is painted in the selection's colour
    assert header.grab().toImage() == selected  # the titles look the same whether a report is selected
    image = window.table.viewport().grab().toImage()
    due, area = (window.table.visualRect(window.table.model().index(0, c)) for c in (4, 1))
    base = QColor(image.pixel(area.right() - 2, area.center().y()))
    tinted = QColor(image.pixel(due.right() - 2, due.center().y()))
    r, g, b, a = DEADLINE_COLORS["soon"]
    expected = [round(c0 + (c1 - c0) * a / 255) for c0, c1 in zip(base.getRgb()[:3], (r, g, b), strict=True)]
    assert max(abs(x - y) for x, y in zip(tinted.getRgb()[:3], expected, strict=True)) <= 2, (tinted.getRgb(), expected)


def test_enter_and_double_click_open_the_selected_report(qtbot, window, store, lundby):
    report_id = store.create_report(lundby)
    window.refresh()
    show_active(qtbot, window)
    window.table.setFocus()
    QTest.keyClick(window.table, Qt.Key.Key_Return)
    assert report_id in window.wizards
    window.wizards[report_id].close()
    assert report_id not in window.wizards
    rect = window.table.visualItemRect(window.table.item(0, 1))
    QTest.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert report_id in window.wizards


def test_create_from_last_year(window, store, lundby, expect_dialog):
    """Lundby 2022 was a stadsdel; 2023's revision has stadsområden: the dialog asks, Hisingen
    pre-selected, and says what is copied and that remaining funds are paid back."""
    seen = {}

    def accept_suggestion(dialog):
        seen["area"] = dialog.area.currentText()
        seen["text"] = " ".join(label.text() for label in dialog.findChildren(QLabel))
        seen["area_shown"] = not dialog.area.isHidden()
        return True

    expect_dialog("run_dialog", "Skapa från förra året", answer=accept_suggestion)
    lundby.compiled_by = "Anna Andersson"
    old_id = store.create_report(lundby)
    window.refresh(old_id)
    window.create_from_previous()
    assert seen["area"] == "Hisingen" and seen["area_shown"]
    assert "budgetkolumnerna" in seen["text"] and "förs inte över till Ingående medel" in seen["text"]
    new = [s for s in store.list_reports() if s.id != old_id][0]
    assert (new.year, new.revision, new.area) == (2023, "2023", "Hisingen")
    wizard = window.wizards[new.id]
    assert wizard.context.previous.id == old_id
    page = wizard.page(wizard.section_pages["styrning"])
    nosam = page.widgets["nosam"]
    assert nosam.value() == ""  # a new year starts empty...
    toggle = nosam.findChild(QPushButton, "previous_toggle_nosam")
    assert toggle.text() == "Visa svaret från 2022"  # ...with last year's answer on request
    [shown] = [e for e in nosam.previous_box.findChildren(QPlainTextEdit) if e.isReadOnly()]
    assert shown.toPlainText() == lundby.answers["nosam"]


def test_delete_goes_to_the_bin_and_can_be_restored(qtbot, window, store, lundby, library):
    report_id = store.create_report(lundby)
    window.refresh(report_id)
    window.delete_selected()
    assert store.list_reports() == []
    assert "papperskorgen" in window.statusBar().currentMessage()
    dialog = BinDialog(store, library)
    qtbot.addWidget(dialog)
    assert dialog.list.rowCount() == 1
    dialog.restore_selected()
    assert [s.id for s in store.list_reports()] == [report_id]


def test_emptying_the_bin_asks_first(qtbot, store, lundby, library, expect_dialog):
    report_id = store.create_report(lundby)
    store.delete_report(report_id)
    dialog = BinDialog(store, library)
    qtbot.addWidget(dialog)
    expect_dialog("ask", "Töm papperskorgen", answer=False)
    dialog.empty_bin()
    assert expect_dialog.titles() == ["Töm papperskorgen"] and store.list_reports(deleted=True)
    expect_dialog("ask", "Töm papperskorgen", answer=True)
    dialog.empty_bin()
    assert store.list_reports(deleted=True) == []


def test_demo_report_from_the_empty_state(window, store):
    window.add_demo()
    [summary] = store.list_reports()
    assert summary.area == "Lundby"
    assert window.stack.currentWidget() is window.table
    wizard = window.wizards[summary.id]  # opens with a note on what it is and why it shows warnings
    assert wizard.notice.isVisible()
    assert "Lundby" in wizard.notice.text.text() and "600 tecken" in wizard.notice.text.text()


def test_list_follows_autosave(qtbot, window, store, lundby, db_path):
    report_id = store.create_report(lundby)
    window.refresh()
    wizard = window.open_report(report_id)
    wizard.saver.set_answer("nosam", "Ny text")
    with qtbot.waitSignal(wizard.report_saved, timeout=3000):
        pass
    assert Store(db_path).load_report(report_id).answers["nosam"] == "Ny text"


def test_delete_offers_angra_in_the_status_bar(qtbot, window, store, lundby):
    """Delete asks nothing, so it can be undone: Ångra in the status bar brings the report back."""
    report_id = store.create_report(lundby)
    window.refresh(report_id)
    window.show()
    window.delete_selected()
    assert store.list_reports() == []
    bar = window.statusBar()
    assert bar.undo_button.isVisible()
    bar.undo_button.click()
    assert [s.id for s in store.list_reports()] == [report_id]
    assert window.selected_id() == report_id and not bar.undo_button.isVisible()
    assert bar.currentMessage() == "Rapporten är tillbaka."


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_an_export_says_where_it_went_with_open_and_show_in_folder(qtbot, window, store, lundby, tmp_path, expect_dialog,
                                                                  fmt):
    """Not a dialog that just closes: "Sparad: <namn>" in the status bar, Öppna opens the file and
    Visa i mappen its folder, both through the checked hand-off (desktop.dialogs.open_path)."""
    window.refresh(store.create_report(lundby))
    window.show()
    target = tmp_path / "ut" / f"Lundby.{fmt}"
    target.parent.mkdir()
    expect_dialog("choose_save_path", "Spara som", answer=target)
    {"docx": window.word_action, "xlsx": window.excel_action, "pdf": window.pdf_action}[fmt].trigger()
    assert target.exists()
    line = window.status_line
    assert line.isVisible() and line.text == f"Sparad: Lundby.{fmt}"
    opened = []
    expect_dialog("open_path", answer=lambda path, parent=None, **_: opened.append((path, parent)) or True)
    line.buttons["saved_open"].click()
    line.buttons["saved_folder"].click()
    assert opened == [(target, window), (target.parent, window)]


def test_restoring_from_the_bin_refreshes_the_list_closes_the_bin_and_withdraws_angra(qtbot, window, store, lundby,
                                                                                      expect_dialog):
    report_id = store.create_report(lundby)
    window.refresh(report_id)
    window.show()
    window.delete_selected()
    assert window.statusBar().undo_button.isVisible()

    def restore(dialog):
        qtbot.addWidget(dialog)
        dialog.restore_selected()
        assert window.selected_id() == report_id  # the list behind shows it already
        assert dialog.result() == dialog.DialogCode.Accepted  # the empty bin closed itself
        return True

    expect_dialog("run_dialog", "Papperskorgen", answer=restore)
    window.show_bin()
    assert not window.statusBar().undo_button.isVisible()


def test_actions_are_enabled_only_when_a_report_is_selected(window, store, lundby):
    assert not window.export_button.isEnabled() and not window.delete_action.isEnabled()
    window.refresh(store.create_report(lundby))
    assert window.export_button.isEnabled() and window.delete_action.isEnabled()


def test_message_boxes_say_ok():
    from desktop.dialogs import _message_box

    box = _message_box(None, "Warning", "Titel", "Text")
    assert [b.text() for b in box.buttons()] == ["OK"]
    box.deleteLater()


def test_the_report_column_is_as_wide_as_its_names_not_most_of_the_window(qtbot, window, store, lundby):
    window.resize(1400, 500)
    window.show()
    qtbot.waitExposed(window)
    window.refresh(store.create_report(lundby))  # on a shown window, as after an import or a deletion
    header = window.table.horizontalHeader()
    assert header.sectionPosition(5) + header.sectionSize(5) == window.table.viewport().width()
    needed = window.table.sizeHintForColumn(0)
    assert window.table.columnWidth(0) <= max(needed, window.table.horizontalHeader().sectionSizeHint(0)) + 2
    assert window.table.columnWidth(0) < window.table.viewport().width() * 0.3


def test_bilagor_buttons_need_a_bilaga(qtbot, store, library, lundby):
    from desktop.attachments_dialog import AttachmentsDialog
    from desktop.report_actions import ReportActions

    actions = ReportActions(store, library)
    report_id = store.create_report(lundby)
    dialog = AttachmentsDialog(actions, report_id)
    qtbot.addWidget(dialog)
    assert not dialog.remove_button.isEnabled() and not dialog.open_button.isEnabled()
    store.add_attachment(report_id, "bild.png", b"\x89PNG" + bytes(1_468_002))
    dialog.refresh()
    assert dialog.remove_button.isEnabled() and dialog.open_button.isEnabled()
    assert dialog.list.item(0).text() == "bild.png  (1,4 MB)"  # a decimal comma, as every figure the app shows
    dialog.remove_selected()
    assert not dialog.remove_button.isEnabled() and not dialog.open_button.isEnabled()

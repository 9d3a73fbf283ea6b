"""Ångra after "Ta bort" (issue 18 item 7): removing a row of a table or a bilaga asks nothing and
offers Ångra in the window's status bar, the same bar a deleted report uses (desktop/undo.py)."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from desktop import undo
from desktop.attachments_dialog import AttachmentsDialog
from desktop.report_actions import ReportActions
from desktop.undo import UndoBar
from forms.store import Store
from tests.desktop.keyboard import focused, type_text

DATA = Path(__file__).resolve().parent.parent / "data"



@pytest.fixture
def three_rows(plan_wizard):
    """The test plan open in the wizard with three insatser typed and saved."""
    wizard, report_id, rows = plan_wizard
    for text, who in (("ABC-grupper för föräldrar", "Koordinator"), ("Öppen förskola", "ÖF"), ("Språkcafé", "Bibliotek")):
        rows.add_row()
        type_text(rows.rows[-1].editors["insats"], text)
        type_text(rows.rows[-1].editors["ansvar"], who)
    wizard.saver.flush()
    return wizard, rows, report_id


def stored_rows(db_path, report_id):
    return [r["ansvar"] for r in Store(db_path).load_report(report_id).rows("delmal_1")]


def test_a_removed_row_comes_back_with_angra(qtbot, three_rows, db_path):
    wizard, rows, report_id = three_rows
    rows.rows[1].findChild(QPushButton, "row_remove").click()
    wizard.saver.flush()
    assert stored_rows(db_path, report_id) == ["Koordinator", "Bibliotek"]  # removed at once, no question

    bar = wizard.findChild(UndoBar)
    assert bar.isVisible() and bar.undo_button.isVisible()
    assert bar.currentMessage() == "Insats 2 (”Öppen förskola”) togs bort."
    bar.undo_button.click()

    assert [r.values()["ansvar"] for r in rows.rows] == ["Koordinator", "ÖF", "Bibliotek"]  # in its place
    assert focused() is rows.rows[1].editors["insats"]
    assert bar.currentMessage() == "Insats 2 är tillbaka." and not bar.undo_button.isVisible()
    wizard.saver.flush()
    assert stored_rows(db_path, report_id) == ["Koordinator", "ÖF", "Bibliotek"]


def test_angra_keeps_what_was_typed_after_the_removal(qtbot, three_rows, db_path):
    """Ångra puts the row back among the rows as they are now, it does not go back in time."""
    wizard, rows, report_id = three_rows
    rows.rows[0].findChild(QPushButton, "row_remove").click()
    type_text(rows.rows[0].editors["ansvar"], " och BVC")
    wizard.findChild(UndoBar).undo_button.click()
    assert [r.values()["ansvar"] for r in rows.rows] == ["Koordinator", "ÖF och BVC", "Bibliotek"]
    wizard.saver.flush()
    assert stored_rows(db_path, report_id) == ["Koordinator", "ÖF och BVC", "Bibliotek"]


def test_the_offer_follows_the_user_to_another_page_and_ends(qtbot, three_rows, monkeypatch):
    monkeypatch.setattr(undo, "UNDO_MS", 300)
    wizard, rows, _report_id = three_rows
    rows.rows[2].findChild(QPushButton, "row_remove").click()
    bar = wizard.findChild(UndoBar)
    wizard.next()
    qtbot.waitUntil(bar.isVisible, timeout=1000)
    assert wizard.currentPage().isAncestorOf(bar)
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=2000)  # gone after a while, with its message
    assert not bar.undo_button.isVisible() and bar.currentMessage() == ""


@pytest.fixture
def two_attachments(store, lundby):
    report_id = store.create_report(lundby)
    store.add_attachment(report_id, "Protokoll NOSAM.pdf", b"%PDF-1.4 protokoll")
    store.add_attachment(report_id, "Verksamhetsplan.docx", b"PK plan")
    return report_id


def test_a_removed_bilaga_comes_back_with_angra(qtbot, store, library, two_attachments):
    dialog = AttachmentsDialog(ReportActions(store, library), two_attachments)
    qtbot.addWidget(dialog)
    dialog.show()
    before = store.attachments(two_attachments)
    dialog.list.setCurrentRow(0)
    dialog.findChild(QPushButton, "attachment_remove").click()
    assert [a.name for a in store.attachments(two_attachments)] == ["Verksamhetsplan.docx"]
    assert dialog.list.count() == 1

    bar = dialog.findChild(UndoBar)
    assert bar.isVisible() and bar.currentMessage() == "Bilagan Protokoll NOSAM.pdf togs bort."
    bar.undo_button.click()
    assert store.attachments(two_attachments) == before  # the same bilaga: id, name, size, time
    assert store.attachment_content(before[0].id) == b"%PDF-1.4 protokoll"
    assert dialog.list.count() == 2 and bar.currentMessage() == "Bilagan Protokoll NOSAM.pdf är tillbaka."


def test_a_deleted_report_uses_the_same_bar(qtbot, store, library, lundby):
    from datetime import date

    from desktop.main_window import MainWindow

    window = MainWindow(store, library, today=date(2023, 1, 25))
    qtbot.addWidget(window)
    assert isinstance(window.statusBar(), UndoBar)

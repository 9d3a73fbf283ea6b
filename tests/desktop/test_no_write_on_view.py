"""Looking at a report writes nothing (issue 18 item 6): opening it, paging through it and saving a
value that is already stored leave "Senast ändrad", the versions and the file as they were; the
window's title does not claim a new "Sparad HH:MM"."""

import sqlite3
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from desktop.wizard import REVIEW_PAGE_ID, ReportWizard
from forms import times
from forms.store import Store
from tests.desktop.keyboard import show_active, type_text

LONG_AGO = "2026-01-02T03:04:05+00:00"


def file_state(db_path, store: Store) -> dict:
    """Everything a write would change: each report's time and page, the versions, this connection's
    change count, and the file's data_version as a connection of its own sees it."""
    other = sqlite3.connect(db_path)
    try:
        return {
            "reports": other.execute("SELECT id, updated_at, current_page, compiled_date FROM reports").fetchall(),
            "versions": other.execute("SELECT id, created_at, snapshot FROM versions ORDER BY id").fetchall(),
            "total_changes": store.conn.total_changes,
        }
    finally:
        other.close()


@pytest.fixture
def stored_long_ago(store, lundby):
    """Lundby's report, last changed long ago (so any write would show in its time as well)."""
    lundby.compiled_date = None  # the review page proposes today's date
    report_id = store.create_report(lundby)
    store.conn.execute("UPDATE reports SET updated_at = ? WHERE id = ?", (LONG_AGO, report_id))
    return report_id


def page_through(qtbot, wizard: ReportWizard) -> None:
    """Next to the last page, Back to the first, and a jump to the review page, as a reader does."""
    while wizard.currentId() != REVIEW_PAGE_ID:
        wizard.next()
        qtbot.wait(20)
    while wizard.currentId() != 0:
        wizard.back()
    wizard.go_to_page(REVIEW_PAGE_ID)


def test_opening_and_paging_through_a_report_writes_nothing(qtbot, store, library, db_path, stored_long_ago):
    watcher = sqlite3.connect(db_path)  # data_version moves when another connection commits a write
    data_version = watcher.execute("PRAGMA data_version").fetchone()[0]
    before = file_state(db_path, store)

    wizard = ReportWizard(store, library, stored_long_ago)
    qtbot.addWidget(wizard)
    show_active(qtbot, wizard)
    page_through(qtbot, wizard)
    assert wizard.review.compiled_date.date().toPython() == date.today()  # proposed, not stored
    qtbot.wait(1200)  # longer than any save timer
    wizard.close()

    assert file_state(db_path, store) == before
    assert watcher.execute("PRAGMA data_version").fetchone()[0] == data_version
    assert store.load_report(stored_long_ago).updated_at == LONG_AGO
    assert "Sparad" in wizard.windowTitle() and ":" not in wizard.windowTitle().split("Sparad")[1].split("–")[0]
    watcher.close()


def test_an_edit_after_paging_stores_the_page_and_the_proposed_date_with_it(qtbot, store, library, db_path,
                                                                             stored_long_ago):
    """What paging noted is not lost: the next real edit writes it, so the report reopens there."""
    wizard = ReportWizard(store, library, stored_long_ago)
    qtbot.addWidget(wizard)
    show_active(qtbot, wizard)
    page_through(qtbot, wizard)
    wizard.go_to_page(wizard.section_pages["styrning"])
    editor = wizard.currentPage().widgets["nosam"].editor
    editor.setFocus(Qt.FocusReason.OtherFocusReason)
    type_text(editor, "!")
    wizard.saver.flush()
    report = Store(db_path).load_report(stored_long_ago)
    assert report.current_page == "styrning" and report.compiled_date == date.today()
    assert report.updated_at != LONG_AGO
    wizard.close()


def test_typing_and_taking_it_back_writes_nothing(qtbot, store, library, db_path, stored_long_ago):
    """A letter typed and erased again before the save, or a cell given its own figure again: the
    value saved is the stored one, so nothing is written and "Sparad" does not move."""
    before = file_state(db_path, store)
    wizard = ReportWizard(store, library, stored_long_ago)
    qtbot.addWidget(wizard)
    show_active(qtbot, wizard)
    wizard.go_to_page(wizard.section_pages["styrning"])
    editor = wizard.currentPage().widgets["nosam"].editor
    editor.setFocus(Qt.FocusReason.OtherFocusReason)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    type_text(editor, "x")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    wizard.go_to_page(wizard.section_pages["ekonomisk_redovisning"])
    table = wizard.currentPage().widgets["ekonomi"]
    table.grid.item(0, 1).setText("459,0")  # the figure it already holds, typed again
    wizard.saver.flush()
    qtbot.wait(1200)
    wizard.close()
    assert file_state(db_path, store) == before
    assert store.load_report(stored_long_ago).updated_at == LONG_AGO


def test_the_list_keeps_its_time_when_a_report_is_only_looked_at(qtbot, store, library, db_path, stored_long_ago):
    """The issue's case in the main window: open from the list, page through, close: "Senast ändrad"
    in the list is still the time of the last change."""
    from desktop.main_window import COLUMNS, MainWindow

    window = MainWindow(store, library, today=date(2026, 12, 1))
    qtbot.addWidget(window)
    window.refresh(stored_long_ago)
    column = COLUMNS.index("Senast ändrad")
    shown = window.table.model().index(0, column).data()
    assert shown == times.shown(LONG_AGO)
    wizard = window.open_report(stored_long_ago)
    page_through(qtbot, wizard)
    wizard.button(QWizard.WizardButton.CancelButton).click()
    window.refresh()
    assert window.table.model().index(0, column).data() == shown

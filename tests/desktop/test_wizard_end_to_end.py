"""The whole FCA follow-up filled through the wizard with the keyboard, closed, and found again."""

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QTableWidget, QWizard

from desktop.wizard import REVIEW_PAGE_ID, ReportWizard
from forms.report import Report
from forms.store import Store
from tests.desktop.keyboard import click_by_keyboard, focused, show_active, tab_to, type_here, type_text

AMOUNTS = {  # row -> the four columns, typed the ways coordinators type them
    "ingaende": ["1 553,5", "1\u00a01553,5".replace("1\u00a01553", "1\u00a0553"), "448.5", "448,5"],
    "lon": ["1 100", "1100", "1000,2", "1000.2"],
    "kompetensutveckling": ["122,5", "122.5", "120", "120"],
    "ovrigt": ["331", "331", "300", "300"],
}
EXPECTED = {
    "ingaende": ["1553.5", "1553.5", "448.5", "448.5"],
    "lon": ["1100", "1100", "1000.2", "1000.2"],
    "kompetensutveckling": ["122.5", "122.5", "120", "120"],
    "ovrigt": ["331", "331", "300", "300"],
}


def answer_for(field_id: str) -> str:
    return f"Svar om {field_id}: vi nådde fler föräldrar – även på öppna förskolan."


def fill_whole_report_with_keyboard(qtbot, wizard: ReportWizard) -> dict[str, str]:
    """Walk every page with Tab, typing, Space and Alt+N; returns the answers typed."""
    typed: dict[str, str] = {}
    while wizard.currentId() != REVIEW_PAGE_ID:
        page = wizard.currentPage()
        for field_id, widget in page.widgets.items():
            kind = widget.field.kind
            if kind == "text":
                if not widget.isVisible():
                    continue
                tab_to(wizard, widget.editor)
                type_text(widget.editor, answer_for(field_id))
                typed[field_id] = answer_for(field_id)
            elif kind == "percent":
                tab_to(wizard, widget.editor)
                value = "80" if field_id == "andel_koordinator" else "20"
                type_text(widget.editor, value)
                typed[field_id] = value
            elif kind == "yesno":
                tab_to(wizard, widget.yes)  # Tab enters the Ja/Nej group, arrows move within it
                QTest.keyClick(widget.yes, Qt.Key.Key_Right)
                assert focused() is widget.no
                QTest.keyClick(widget.no, Qt.Key.Key_Space)
                assert widget.value() == "nej"
                typed[field_id] = "nej"
                assert page.widgets["bemanning_saknas"].isVisible()
            elif kind == "money_table":
                fill_money_table(widget.grid, wizard)
        click_by_keyboard(wizard, wizard.button(QWizard.WizardButton.NextButton))
    review = wizard.currentPage()
    tab_to(wizard, review.compiled_by)
    type_text(review.compiled_by, "Åsa Öberg")
    return typed


def fill_money_table(grid: QTableWidget, wizard) -> None:
    """Tab into the grid, then type each amount and Tab on: Tab walks the editable cells only."""
    tab_to(wizard, grid)
    for r, row_id in enumerate(AMOUNTS):
        for c, text in enumerate(AMOUNTS[row_id], start=1):
            assert (grid.currentRow(), grid.currentColumn()) == (r, c)
            type_here(text)
            QTest.keyClick(focused(), Qt.Key.Key_Tab)


def check_report(report: Report, typed: dict[str, str], today: date) -> None:
    for field_id, value in typed.items():
        assert report.answer(field_id) == value, field_id
    for row_id, values in EXPECTED.items():
        for column_id, expected in zip(("budget_region", "budget_stad", "utfall_region", "utfall_stad"), values, strict=True):
            assert report.amount("ekonomi", row_id, column_id) == Decimal(expected), (row_id, column_id)
    assert report.compiled_by == "Åsa Öberg"
    assert report.compiled_date == today


@pytest.mark.parametrize("revision, region, city", [("2022", "HSNG", "SDN"), ("2023", "DRNG", "SN")])
def test_fill_whole_report_by_keyboard_close_and_reopen(qtbot, library, db_path, revision, region, city, frozen_today):
    store = Store(db_path)
    year = int(revision)
    report_id = store.create_report(Report("fca-uppfoljning", revision, "Lundby", year))
    wizard = ReportWizard(store, library, report_id)
    qtbot.addWidget(wizard)
    show_active(qtbot, wizard)

    typed = fill_whole_report_with_keyboard(qtbot, wizard)

    economy = wizard.page(wizard.section_pages["ekonomisk_redovisning"])
    headers = [economy.widgets["ekonomi"].grid.horizontalHeaderItem(c).text() for c in range(1, 5)]
    assert headers == [f"Budget {year}\n{region}", f"Budget {year}\n{city}",
                       f"Utfall {year}-12-31\n{region}", f"Utfall {year}-12-31\n{city}"]
    labels = [label.text() for label in economy.findChildren(QLabel)]
    other_region = {"HSNG": "DRNG", "DRNG": "HSNG"}[region]
    assert any(region in t for t in labels), labels  # the table's explanation names this revision's region
    assert not any(other_region in t for t in labels), labels  # and never the other one
    assert economy.widgets["ekonomi"].grid.item(5, 0).text() == f"Återbetalning till {region}"

    # "Markera som klar": the short answers and the full table leave nothing blocking.
    click_by_keyboard(wizard, wizard.button(QWizard.WizardButton.FinishButton))
    assert not wizard.isVisible()
    store.close()

    reopened = Store(db_path)
    report = reopened.load_report(report_id)
    check_report(report, typed, frozen_today)
    assert report.status == "klar"
    assert report.current_page == "granskning"

    again = ReportWizard(reopened, library, report_id)
    qtbot.addWidget(again)
    assert again.currentId() == REVIEW_PAGE_ID  # back on the page the user left
    again.go_to_page(0)
    first = again.page(again.section_pages["samordning"])
    assert first.widgets["koordinatorns_arbete"].value() == typed["koordinatorns_arbete"]
    table = again.page(again.section_pages["ekonomisk_redovisning"]).widgets["ekonomi"]
    assert table.grid.item(4, 1).text() == "1\u00a0553,5"  # SUMMA of the budget, Swedish format
    assert table.grid.item(5, 3).text() == "Underskott 971,7"  # outcome 1 420,2 > funds 448,5: a deficit
    reopened.close()

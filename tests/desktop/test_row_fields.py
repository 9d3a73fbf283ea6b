"""A template revision from a file in a temp folder, filled through the wizard: a table of rows
(add, move, remove), a number with its unit, a money table with a memo row; saved and reopened."""

from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QPushButton

from desktop.wizard import ReportWizard
from forms.report import Report
from forms.store import Store
from tests.desktop.keyboard import show_active, type_text

DATA = Path(__file__).resolve().parent.parent / "data"



def open_plan(qtbot, store, library, report_id):
    wizard = ReportWizard(store, library, report_id)
    qtbot.addWidget(wizard)
    show_active(qtbot, wizard)
    return wizard


def test_rows_added_moved_removed_and_found_again(qtbot, plan, db_path):
    store = Store(db_path)
    report_id = store.create_report(Report("testplan", "2030", "Centrum", 2030))
    wizard = open_plan(qtbot, store, plan, report_id)
    rows = wizard.currentPage().widgets["delmal_1"]
    assert rows.empty.isVisible()
    for text, who in (("ABC-grupper för föräldrar – förskola", "Koordinator"),
                      ("Öppen förskola: föräldraträffar", "ÖF"),
                      ("Tas bort", "Ingen")):
        rows.add_row()
        row = rows.rows[-1]
        type_text(row.editors["insats"], text)
        type_text(row.editors["ansvar"], who)
    assert [r.title.text() for r in rows.rows] == ["Insats 1", "Insats 2", "Insats 3"]
    rows.rows[1].findChild(QPushButton, "row_up").click()  # the ÖF row first
    rows.rows[2].findChild(QPushButton, "row_remove").click()
    assert [r.values()["ansvar"] for r in rows.rows] == ["ÖF", "Koordinator"]
    assert not rows.rows[0].up.isEnabled() and not rows.rows[-1].down.isEnabled()
    wizard.saver.flush()
    wizard.close()

    again = Store(db_path).load_report(report_id)
    assert again.rows("delmal_1") == [
        {"insats": "Öppen förskola: föräldraträffar", "ansvar": "ÖF"},
        {"insats": "ABC-grupper för föräldrar – förskola", "ansvar": "Koordinator"},
    ]
    reopened = open_plan(qtbot, store, plan, report_id)
    assert [r.values()["ansvar"] for r in reopened.currentPage().widgets["delmal_1"].rows] == ["ÖF", "Koordinator"]


def test_empty_rows_are_not_kept_and_long_text_is_marked(qtbot, plan, db_path):
    from forms.validate import validate
    store = Store(db_path)
    report_id = store.create_report(Report("testplan", "2030", "Centrum", 2030))
    wizard = open_plan(qtbot, store, plan, report_id)
    rows = wizard.currentPage().widgets["delmal_1"]
    rows.add_row()
    assert rows.value() == ""  # an empty row is not an answer
    rows.rows[0].editors["insats"].setPlainText("x" * 601)
    assert rows.rows[0].counters["insats"].text() == "601 / 600"
    wizard.saver.flush()
    template = plan.get("testplan", "2030")
    messages = [p.message for p in validate(template, store.load_report(report_id))]
    assert any("insats 1, Planerade insatser/aktiviteter – Målgrupp: texten har 601 tecken" in m for m in messages)


def test_number_with_unit_and_a_three_column_budget_with_memo_row(qtbot, plan, db_path):
    store = Store(db_path)
    report_id = store.create_report(Report("testplan", "2030", "Centrum", 2030))
    wizard = open_plan(qtbot, store, plan, report_id)
    wizard.go_to_page(wizard.section_pages["budgetavsnitt"])
    page = wizard.currentPage()
    number = page.widgets["arsarbetare"]
    type_text(number.editor, "3,5")
    assert number.value() == "3.5"
    number.editor.clear()
    type_text(number.editor, "25")
    assert "inte vara större än 20" in number.message.text()
    number.editor.clear()
    type_text(number.editor, "3,5")
    grid = page.widgets["budget"].grid
    assert [grid.horizontalHeaderItem(c).text() for c in range(1, 4)] == ["Budget 2030\nDRNG", "Budget 2030\nSN",
                                                                          "Budget 2030\nGSN"]
    for column, text in ((1, "1250"), (2, "1980"), (3, "360")):
        grid.item(0, column).setText(text)
    grid.item(2, 2).setText("700")  # varav: not part of SUMMA
    assert [grid.item(1, c).text() for c in (1, 2, 3)] == ["1\u00a0250,0", "1\u00a0980,0", "360,0"]
    issues = page.widgets["budget"].issues.text()
    assert "DRNG 1\u00a0250,0 tkr och SN + GSN 2\u00a0340,0 tkr" in issues  # the city side (SN + GSN) puts in more
    wizard.saver.flush()
    report = store.load_report(report_id)
    assert report.answer("arsarbetare") == "3.5"
    assert report.amount("budget", "varav", "stad") == Decimal("700")

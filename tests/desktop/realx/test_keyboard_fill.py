"""Under a real X server, with real key events only: each shipped report type created from the report
list (Enter on "Ny rapport…", the Ny rapport dialog), every question of every page answered by walking the pages with
Tab and typing (text, numbers, Ja/Nej with the arrow keys, every money-table cell, rows added with
"Lägg till"), signed and marked Klar — then read back from the database: every answer as typed,
nothing blocking. No widget is handed the focus or a value by the test."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QWidget

from desktop.fields import FieldWidget
from desktop.money_table import AmountGrid
from desktop.wizard import REVIEW_PAGE_ID
from forms.areas import areas_for
from forms.store import Store
from forms.template import TemplateLibrary
from forms.validate import blocking, validate
from tests.desktop.keyboard import focused
from tests.desktop.realx.conftest import x_key, x_type

LIBRARY = TemplateLibrary.load()
TEMPLATES = list(LIBRARY)
ROWS_PER_TABLE = 2
SIGNER = "Åsa Öberg"


def press_and_wait(qtbot, key: str, changed, what: str) -> None:
    """Press a key and wait until the app shows it arrived (`changed()` true)."""
    at = focused()
    x_key(key)
    try:
        qtbot.waitUntil(changed, timeout=8000)
    except qtbot.TimeoutError:
        raise AssertionError(f"{what} ({key}) pressed at {at and at.objectName() or at} did nothing") from None


def owner(widget: QWidget | None) -> FieldWidget | None:
    while widget is not None and not isinstance(widget, FieldWidget):
        widget = widget.parentWidget()
    return widget


class Typist:
    """Walks one page with Tab, answering each question the focus reaches; remembers what it typed."""

    def __init__(self, qtbot, wizard):
        self.qtbot = qtbot
        self.wizard = wizard
        self.template = wizard.template
        self.answers: dict[str, str] = {}
        self.rows: dict[str, list[dict[str, str]]] = {}
        self.amounts: dict[tuple[str, str, str], Decimal] = {}
        self.counter = 0
        self.wanted = {f.show_if.field: f.show_if.equals for s in self.template.sections for f in s.fields
                       if f.show_if is not None}

    def text(self, what: str) -> str:
        self.counter += 1
        return f"Svar {self.counter} om {what}: öppen förskola, även för äldre"

    def tab(self) -> None:
        before = focused()
        press_and_wait(self.qtbot, "Tab", lambda: focused() is not before, "Tab")

    def fill_page(self) -> None:
        """From the page's first question to Nästa by Tab; every visible question answered on the way."""
        page = self.wizard.currentPage()
        next_button = self.wizard.button(self.wizard.WizardButton.NextButton)
        seen: dict[tuple, int] = {}
        while focused() is not next_button:
            widget = focused()
            assert widget is not None and widget.window() is self.wizard, f"the focus left the wizard: {widget}"
            place = (id(widget), self.progress())  # the same control again with nothing answered since
            seen[place] = seen.get(place, 0) + 1
            assert seen[place] == 1, f"Tab goes round without reaching Nästa (again at {widget.objectName()})"
            field = owner(widget)
            if field is not None:
                assert_in_view(self.qtbot, page, widget)
            if field is not None and not self.answer(field, widget):
                continue  # answering moved the focus on itself (a grid walks its cells with Tab)
            self.tab()
        missing = [w.field.id for w in page.widgets.values()
                   if w.field.is_answer or w.field.kind in ("rows", "money_table")
                   if w.isVisible() and not self.done(w)]
        assert not missing, f"Tab reached Nästa before these questions on {page.section.id}: {missing}"
        page_id = self.wizard.currentId()
        press_and_wait(self.qtbot, "space", lambda: self.wizard.currentId() != page_id, "Nästa")

    def progress(self) -> tuple[int, int, int]:
        return self.counter, len(self.answers), len(self.amounts)

    def done(self, widget: FieldWidget) -> bool:
        kind = widget.field.kind
        if kind == "rows":
            return len(widget.rows) == ROWS_PER_TABLE and all(all(r.values().values()) for r in widget.rows)
        if kind == "money_table":
            editable = widget.grid.editable_cells()
            return len([k for k in self.amounts if k[0] == widget.field.id]) == len(editable)
        return bool(widget.value())

    def answer(self, field: FieldWidget, widget: QWidget) -> bool:
        """Answer the question `widget` (with the focus) belongs to; False when the focus already moved on."""
        kind = field.field.kind
        field_id = field.field.id
        if kind == "text" and widget is field.editor and not field.value():
            answer = self.text(field_id)
            x_type(answer)
            self.qtbot.waitUntil(lambda: field.value() == answer, timeout=8000)
            self.answers[field_id] = answer
        elif kind in ("percent", "number") and widget is field.editor and not field.value():
            typed = {"percent": "50", "number": "2,5"}[kind]
            x_type(typed)
            self.qtbot.waitUntil(lambda: field.editor.text() == typed, timeout=8000)
            self.answers[field_id] = field.value()
        elif kind == "yesno" and widget is field.yes and not field.value():
            want = self.wanted.get(field_id, "ja")
            if want == "nej":  # the arrow key moves to Nej within the pair, Space chooses it
                press_and_wait(self.qtbot, "Right", lambda: focused() is field.no, "Right")
            press_and_wait(self.qtbot, "space", lambda: field.value() == want, "Space")
            self.answers[field_id] = want
        elif kind == "rows" and widget is field.add_button and len(field.rows) < ROWS_PER_TABLE:
            count = len(field.rows)
            self.counter += 1
            press_and_wait(self.qtbot, "space", lambda: len(field.rows) == count + 1, "Lägg till")
            first = next(iter(field.rows[-1].editors.values()))
            self.qtbot.waitUntil(lambda: focused() is first, timeout=8000)
            return False  # the new row's first column has the focus: answered on the next turn
        elif kind == "rows" and isinstance(widget, QLineEdit | QPlainTextEdit):
            row = next(r for r in field.rows if widget in r.editors.values())
            column = next(c for c, e in row.editors.items() if e is widget)
            if not row.values()[column]:
                typed = self.text(f"{field_id} rad {field.rows.index(row) + 1} {column}")
                x_type(typed)
                self.qtbot.waitUntil(lambda: row.values()[column] == typed, timeout=8000)
                self.rows[field_id] = [r.values() for r in field.rows]
        elif kind == "money_table" and isinstance(widget, AmountGrid):
            self.fill_grid(field)
            return False
        return True

    def fill_grid(self, field) -> None:
        """Type an amount into each cell a user can type in and Tab on; Tab leaves after the last."""
        grid = field.grid
        cells = grid.editable_cells()
        rows = field.table.rows
        columns = field.table.columns
        for index, (r, c) in enumerate(cells):
            assert (grid.currentRow(), grid.currentColumn()) == (r, c), "Tab walks the cells one can type in"
            amount = 10 + index
            x_type(str(amount))
            x_key("Tab")
            key = (field.field.id, rows[r].id, columns[c - 1].id)
            self.qtbot.waitUntil(lambda k=key, a=amount: field.value().get(k[1], {}).get(k[2]) == Decimal(a),
                                 timeout=8000)
            self.amounts[key] = Decimal(amount)
        self.qtbot.waitUntil(lambda: focused() is not grid and owner(focused()) is not field, timeout=8000)


def create_by_keyboard(qtbot, window, template, area: str) -> None:
    """Enter on the first start's "Ny rapport…"; in the dialog: the type with the arrow keys, Tab, the year, Tab, the
    area, Enter."""
    kinds = [template_id for template_id, _ in LIBRARY.types()]

    def drive(dialog: QDialog) -> bool:
        dialog.show()
        dialog.windowHandle().requestActivate()
        qtbot.waitUntil(lambda: focused() is dialog.kind, timeout=8000)
        x_key("Home", *["Down"] * kinds.index(template.id))
        qtbot.waitUntil(lambda: dialog.kind.currentData() == template.id, timeout=8000)
        press_and_wait(qtbot, "Tab", lambda: focused() is not dialog.kind, "Tab")
        x_key("ctrl+a")
        x_type(str(template.first_year))
        qtbot.waitUntil(lambda: dialog.year.value() == template.first_year, timeout=8000)
        press_and_wait(qtbot, "Tab", lambda: focused() is dialog.area or dialog.area.isAncestorOf(focused() or dialog), "Tab")
        x_key("ctrl+a")
        x_type(area)
        qtbot.waitUntil(lambda: dialog.area.currentText() == area, timeout=8000)
        with qtbot.waitSignal(dialog.finished, timeout=8000) as finished:
            x_key("Return")
        return finished.args[0] == QDialog.DialogCode.Accepted.value

    return drive


def in_view(page, widget: QWidget) -> tuple[bool, str]:
    viewport = page.scroll.viewport()
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    visible = viewport.rect().intersected(widget.rect().translated(top_left))
    return visible.height() >= min(widget.height(), 20), f"at {top_left.y()} in a {viewport.height()} px view"


def assert_in_view(qtbot, page, widget: QWidget) -> None:
    """The control with the keyboard focus is scrolled into the page's view (within a moment): the
    user sees where the typing goes (Tab scrolls the page; a row added with Space must too)."""
    try:
        qtbot.waitUntil(lambda: in_view(page, widget)[0], timeout=2000)
    except qtbot.TimeoutError:
        raise AssertionError(f"{widget.objectName()} has the keyboard but is out of view "
                             f"({in_view(page, widget)[1]})") from None


@pytest.mark.timeout(300)
@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: f"{t.id}-{t.revision}")
def test_each_report_type_filled_by_keyboard_alone(qtbot, expect_dialog, db_path, frozen_today, template):
    from desktop.main_window import MainWindow

    assert LIBRARY.for_year(template.id, template.first_year) is template
    area = areas_for(template.area_word)[0]
    store = Store(db_path)
    window = MainWindow(store, LIBRARY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    new = window.findChild(QWidget, "empty_new")
    qtbot.waitUntil(lambda: focused() is new, timeout=8000)  # a first start: the keyboard waits on Ny rapport
    expect_dialog("run_dialog", "Ny rapport", answer=create_by_keyboard(qtbot, window, template, area))
    x_key("Return")
    qtbot.waitUntil(lambda: len(window.wizards) == 1, timeout=8000)
    report_id, wizard = next(iter(window.wizards.items()))
    qtbot.waitUntil(lambda: wizard.isActiveWindow() and focused() is not None and focused().window() is wizard,
                    timeout=8000)

    typist = Typist(qtbot, wizard)
    while wizard.currentId() != REVIEW_PAGE_ID:
        typist.fill_page()
    review = wizard.currentPage()
    qtbot.waitUntil(lambda: focused() is review.compiled_by, timeout=8000)
    x_type(SIGNER)
    qtbot.waitUntil(lambda: wizard.report.compiled_by == SIGNER, timeout=8000)
    finish = wizard.button(wizard.WizardButton.FinishButton)
    while focused() is not finish:  # "Markera som klar" is reached by Tab, pressed with Space
        typist.tab()
    x_key("space")
    qtbot.waitUntil(lambda: report_id not in window.wizards, timeout=8000)  # closed: marked Klar
    # back in the report list, which now has the report: the keyboard is in the list, not lost on the
    # hidden "Ny rapport…" of the empty list
    qtbot.waitUntil(lambda: focused() is window.table, timeout=8000)

    store.close()
    saved = Store(db_path).load_report(report_id)
    assert (saved.template_id, saved.revision, saved.area, saved.year) == (template.id, template.revision, area,
                                                                            template.first_year)
    assert saved.status == "klar" and saved.compiled_by == SIGNER and saved.compiled_date == frozen_today
    for field_id, value in typist.answers.items():
        assert saved.answer(field_id) == value, field_id
    for field_id, rows in typist.rows.items():
        assert saved.rows(field_id) == rows, field_id
    for (field_id, row_id, column_id), amount in typist.amounts.items():
        assert saved.amount(field_id, row_id, column_id) == amount, (field_id, row_id, column_id)
    assert blocking(validate(template, saved)) == []
    answerable = [f.id for s in template.sections for f in s.fields if f.is_answer and f.show_if is None]
    assert set(answerable) <= set(typist.answers), "every question was answered"


def test_rows_are_added_moved_and_removed_by_keyboard(qtbot, open_wizard):
    """An action plan's insatser: Space on "Lägg till" adds a row with the caret in it, Tab walks the
    row (columns, then its buttons) back to "Lägg till"; Flytta upp keeps the keyboard on the moved row
    (pressed again, it moves on), Ta bort hands it to the row that took the place."""
    from forms.report import Report

    template = LIBRARY.get("fca-handlingsplan", "2024")
    wizard = open_wizard(Report(template.id, template.revision, "Centrum", 2024), page="malomrade_7_1")
    field = wizard.currentPage().widgets["delmal_7_1_1"]
    qtbot.waitUntil(lambda: focused() is field.add_button, timeout=8000)

    def insatser() -> list[str]:
        return [r["insats"] for r in wizard.report.rows("delmal_7_1_1")]

    for count, text in enumerate(("Första", "Andra", "Tredje"), start=1):
        press_and_wait(qtbot, "space", lambda c=count: len(field.rows) == c, "Lägg till")
        row = field.rows[-1]
        qtbot.waitUntil(lambda r=row: focused() is r.editors["insats"], timeout=8000)
        x_type(text)
        qtbot.waitUntil(lambda t=text: insatser()[-1:] == [t], timeout=8000)
        walked = []
        while focused() is not field.add_button:
            before = focused()
            press_and_wait(qtbot, "Tab", lambda b=before: focused() is not b, "Tab")
            walked.append(focused().objectName())
        buttons = [name for name, enabled in (("row_up", count > 1), ("row_down", False)) if enabled]
        assert walked == ["row_ansvar", "row_effekt", *buttons, "row_remove", field.add_button.objectName()]

    third = field.rows[2]
    press_and_wait(qtbot, "shift+Tab", lambda: focused() is third.remove, "Shift+Tab")
    press_and_wait(qtbot, "shift+Tab", lambda: focused() is third.up, "Shift+Tab")  # Flytta ned is off on the last row
    press_and_wait(qtbot, "space", lambda: insatser() == ["Första", "Tredje", "Andra"], "Flytta upp")
    assert focused() is field.rows[1].up
    press_and_wait(qtbot, "space", lambda: insatser() == ["Tredje", "Första", "Andra"], "Flytta upp")
    assert focused() is field.rows[0].down  # at the top: the keyboard waits on Flytta ned
    press_and_wait(qtbot, "Tab", lambda: focused() is field.rows[0].remove, "Tab")
    press_and_wait(qtbot, "space", lambda: insatser() == ["Första", "Andra"], "Ta bort")
    assert focused() is field.rows[0].editors["insats"]
    assert [r.title.text() for r in field.rows] == ["Insats 1", "Insats 2"]
    # Ångra (Alt+G) in the bar under the page puts it back in its place, the keyboard in it
    press_and_wait(qtbot, "alt+g", lambda: insatser() == ["Tredje", "Första", "Andra"], "Ångra")
    assert focused() is field.rows[0].editors["insats"]

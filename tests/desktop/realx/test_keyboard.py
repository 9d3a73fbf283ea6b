"""Under a real X server: where typed text goes after Nästa, Tillbaka, a side-list jump and "Gå till
fältet"; Alt+N and Alt+T on every page of every shipped template; no two visible controls share a
mnemonic. Keys are real X key events (xdotool), not events handed to a widget."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from desktop.wizard import REVIEW_PAGE_ID
from forms.report import Report
from forms.template import TemplateLibrary
from tests.desktop.realx.conftest import x_click, x_key, x_type

LIBRARY = TemplateLibrary.load()
TEMPLATES = list(LIBRARY)
TYPED = "Åsa skrev: öppen förskola i Västra Hisingen"


def first_question(page):
    """The page's first question a user answers (not fixed text, not hidden); None on a page of text."""
    return next((w for w in page.widgets.values() if w.field.kind != "info" and not w.isHidden()), None)


def type_into_first_question(qtbot, page) -> None:
    """Type as a user does right after the page opened, and find the text in the first question."""
    widget = first_question(page)
    if widget is None:  # a page with only the template's text: the focus waits on Nästa
        assert QApplication.focusWidget() is page.wizard().button(page.wizard().WizardButton.NextButton)
        return
    kind = widget.field.kind
    if kind == "text":
        x_type(TYPED)
        qtbot.waitUntil(lambda: widget.value() == TYPED, timeout=8000)
    elif kind in ("percent", "number"):
        x_type("12")
        qtbot.waitUntil(lambda: widget.value() == "12", timeout=8000)
    elif kind == "yesno":
        x_key("space")  # a radio button has the focus: Space chooses it
        qtbot.waitUntil(lambda: widget.value() == "ja", timeout=8000)
    elif kind == "money_table":
        x_type("12")
        x_key("Return")
        row = next(r for r in widget.table.rows if r.editable)
        column = widget.table.columns[0]
        qtbot.waitUntil(lambda: widget.value().get(row.id, {}).get(column.id) == Decimal(12), timeout=8000)
    elif kind == "rows":
        if not widget.rows:
            x_key("space")  # the focus is on "Lägg till …": Space adds the first row and goes into it
            qtbot.waitUntil(lambda: len(widget.rows) == 1, timeout=8000)
        x_type(TYPED)
        editor = next(iter(widget.rows[0].editors.values()))
        qtbot.waitUntil(lambda: TYPED in (editor.text() if hasattr(editor, "text") else editor.toPlainText()),
                        timeout=8000)
    else:
        raise AssertionError(f"no typing rule for field kind {kind}")


def visible_mnemonics(window: QWidget) -> list[tuple[str, str]]:
    """(mnemonic, control text) of every visible button and buddied label: what Alt+letter reaches."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            key = QKeySequence.mnemonic(widget.text())
            if not key.isEmpty():
                found.append((key.toString(), widget.text()))
    return found


def new_report(template) -> Report:
    return Report(template.id, template.revision, "Centrum", template.first_year)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: f"{t.id}-{t.revision}")
def test_typing_right_after_nasta_lands_in_the_first_question(qtbot, open_wizard, template):
    """Opening the report and every Alt+N after it: what the user types goes into the page's first
    question, with no Tab first."""
    wizard = open_wizard(new_report(template))
    for page_id in wizard.pageIds()[:-1]:
        assert wizard.currentId() == page_id
        type_into_first_question(qtbot, wizard.currentPage())
        x_key("alt+n")
        qtbot.waitUntil(lambda before=page_id: wizard.currentId() != before, timeout=8000)
    assert wizard.currentId() == REVIEW_PAGE_ID
    x_type("Åsa Berg")
    qtbot.waitUntil(lambda: wizard.report.compiled_by == "Åsa Berg", timeout=8000)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: f"{t.id}-{t.revision}")
def test_alt_n_and_alt_t_walk_every_page_and_mnemonics_are_unique(qtbot, open_wizard, template):
    """Alt+N goes to the next page on every page (also with Ja/Nej questions on it), Alt+T back; on no
    page do two visible controls share a mnemonic."""
    wizard = open_wizard(new_report(template))
    order = wizard.pageIds()
    for index, page_id in enumerate(order):
        assert wizard.currentId() == page_id
        qtbot.waitUntil(lambda: wizard.currentPage().isVisible())
        mnemonics = visible_mnemonics(wizard)
        keys = [key for key, _ in mnemonics]
        assert len(keys) == len(set(keys)), (page_id, sorted(mnemonics))
        if page_id != REVIEW_PAGE_ID:
            assert ("Alt+N", wizard.button(wizard.WizardButton.NextButton).text()) in mnemonics
            x_key("alt+n")
            qtbot.waitUntil(lambda i=index: wizard.currentId() == order[i + 1], timeout=8000)
    for index in range(len(order) - 1, 0, -1):
        x_key("alt+t")
        qtbot.waitUntil(lambda i=index: wizard.currentId() == order[i - 1], timeout=8000)


def test_tillbaka_side_list_and_go_to_field_put_the_caret_in_the_question(qtbot, open_wizard, lundby):
    """The demo report (long answers): Tillbaka, a click in the side list and "Gå till fältet" on the
    review page each leave the caret at the start of the target question, scrolled into view."""
    template = LIBRARY.get(lundby.template_id, lundby.revision)
    wizard = open_wizard(lundby, page=template.sections[1].id)
    first = first_question(wizard.currentPage())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first.focus_target())
    assert first.field.kind == "text" and len(first.value()) > 300
    assert first.editor.textCursor().position() == 0  # a long answer opens at its start
    assert first.editor.verticalScrollBar().value() == 0
    x_key("alt+n")
    qtbot.waitUntil(lambda: wizard.currentId() == 2)
    x_key("alt+t")
    qtbot.waitUntil(lambda: wizard.currentId() == 1)
    assert QApplication.focusWidget() is first.focus_target()
    # a jump in the side list, with the mouse, to the third section
    side = wizard.side
    rect = side.visualItemRect(side.item(3))
    x_click(side.viewport(), rect.center().x(), rect.center().y())
    qtbot.waitUntil(lambda: wizard.currentId() == 3, timeout=8000)
    target = first_question(wizard.currentPage())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target.focus_target())
    # "Gå till fältet": the last question of the longest section, below the fold
    section = max(wizard.template.sections, key=lambda s: len(s.fields))
    last = [f for f in section.fields if f.kind == "text"][-1]
    wizard.go_to_field(last.id)
    widget = wizard.currentPage().widgets[last.id]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.focus_target())
    viewport = wizard.currentPage().scroll.viewport()
    top = widget.editor.mapTo(viewport, widget.editor.rect().topLeft())
    assert 0 <= top.y() < viewport.height(), "the question is scrolled into view"
    x_type("X")
    qtbot.waitUntil(lambda: widget.value().startswith("X"))


def test_the_report_list_starts_with_the_focus_in_the_list_and_enter_opens(qtbot, store, library, lundby):
    """At start the keyboard is in the list (not on a toolbar button): Enter opens the report."""
    from desktop.main_window import MainWindow

    report_id = store.create_report(lundby)
    window = MainWindow(store, library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table)
    x_key("Return")
    qtbot.waitUntil(lambda: report_id in window.wizards and window.wizards[report_id].isVisible(), timeout=8000)
    window.wizards[report_id].close()

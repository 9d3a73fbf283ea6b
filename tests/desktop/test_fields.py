"""Each field widget on its own: text counter and limit, Ja/Nej with its follow-up, percentages."""

from decimal import Decimal

import pytest
from PySide6.QtGui import QGuiApplication

from desktop.colors import color
from desktop.fields import FieldContext
from desktop.registry import FIELD_WIDGETS, create_field_widget
from desktop.wizard import ReportWizard
from forms.report import Report
from forms.store import Store
from forms.template import FIELD_KINDS
from tests.desktop.keyboard import type_text


@pytest.fixture
def context(fca2022):
    return FieldContext(fca2022, Report("fca-uppfoljning", "2022", "Lundby", 2022))


def make(qtbot, template, context, field_id):
    widget = create_field_widget(template.field(field_id), context)
    qtbot.addWidget(widget)
    return widget


def test_every_field_kind_has_a_widget():
    """Completeness: a template may use any kind; each has its widget in the registry."""
    assert set(FIELD_WIDGETS) == set(FIELD_KINDS)


def test_counter_counts_live_and_marks_text_over_the_limit(qtbot, fca2022, context):
    widget = make(qtbot, fca2022, context, "nosam")
    assert widget.counter.text() == "0 / 600"
    type_text(widget.editor, "Åtta ord här")
    assert widget.counter.text() == "12 / 600"
    widget.editor.setPlainText("ä" * 601)
    assert widget.counter.text() == "⚠ Varning: 601 / 600 – 1 tecken över mallens gräns"
    warning, error = color("warning").name(), color("error").name()
    assert warning in widget.counter.styleSheet() and error not in widget.counter.styleSheet()


def test_a_5000_character_paste_is_kept_whole_and_saved(qtbot, open_wizard, db_path):
    """Over the limit the text is kept: nothing is cut, typing and saving go on."""
    wizard = open_wizard(Report("fca-uppfoljning", "2022", "Lundby", 2022), "styrning")
    report_id = wizard.report.id
    editor = wizard.currentPage().widgets["aktiviteter_samverkan"].editor
    pasted = ("Föräldraträffar – ökad samverkan på öppna förskolan. " * 100)[:5000]
    QGuiApplication.clipboard().setText(pasted)
    editor.setFocus()
    editor.paste()
    assert wizard.currentPage().widgets["aktiviteter_samverkan"].counter.text().startswith("⚠ Varning: 5000 / 600")
    reader = Store(db_path)
    qtbot.waitUntil(lambda: reader.load_report(report_id).answers.get("aktiviteter_samverkan") == pasted,
                    timeout=2000)  # autosaved by itself within a second or two
    assert "Sparad" in wizard.windowTitle()


def test_om_nej_question_appears_only_for_nej_and_keeps_its_text(qtbot, library, db_path):
    store = Store(db_path)
    report_id = store.create_report(Report("fca-uppfoljning", "2022", "Lundby", 2022))
    wizard = ReportWizard(store, library, report_id)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_to_page(wizard.section_pages["bemanning"])
    page = wizard.currentPage()
    follow_up = page.widgets["bemanning_saknas"]
    assert not follow_up.isVisible()
    page.widgets["bemanning_tillracklig"].no.click()
    assert follow_up.isVisible()
    type_text(follow_up.editor, "Barnmorska saknas")
    page.widgets["bemanning_tillracklig"].yes.click()
    assert not follow_up.isVisible()
    page.widgets["bemanning_tillracklig"].no.click()
    assert follow_up.value() == "Barnmorska saknas"
    wizard.saver.flush()
    assert store.load_report(report_id).answers["bemanning_saknas"] == "Barnmorska saknas"


@pytest.mark.parametrize("typed, stored, message", [
    ("80", "80", ""),
    ("12,5", "12.5", ""),
    ("150", "150", "mellan 0 och 100"),  # kept as typed, marked, and it blocks "Klar"
    ("åttio", "åttio", "ingen procentsats"),
])
def test_percentages(qtbot, fca2022, context, typed, stored, message):
    widget = make(qtbot, fca2022, context, "andel_koordinator")
    type_text(widget.editor, typed)
    assert widget.value() == stored
    if message:
        assert message in widget.message.text()
    else:  # a valid percentage shows no message at all
        assert widget.message.text() == ""


def test_previous_years_answer_can_be_shown_and_copied(qtbot, fca2023, lundby):
    context = FieldContext(fca2023, Report("fca-uppfoljning", "2023", "Lundby", 2023), previous=lundby)
    widget = make(qtbot, fca2023, context, "nosam")
    widget.show()
    assert not widget.previous_box.isVisible()
    from PySide6.QtWidgets import QPushButton
    button = widget.findChild(QPushButton, "previous_toggle_nosam")
    assert button.text() == "Visa svaret från 2022"
    button.click()
    assert widget.previous_box.isVisible()
    with qtbot.waitSignal(widget.value_changed):
        widget.findChild(QPushButton, "previous_copy_nosam").click()
    assert widget.value() == lundby.answers["nosam"]


def test_money_values_are_decimal(qtbot, fca2022, context):
    widget = make(qtbot, fca2022, context, "ekonomi")
    widget.grid.item(1, 1).setText("261")
    assert widget.value() == {"lon": {"budget_region": Decimal("261")}}


def test_a_megabyte_paste_is_kept_whole_counted_and_saved(open_wizard, db_path):
    """1 MB pasted into an answer: the counter says so, the text is saved whole, typing goes on."""
    wizard = open_wizard(Report("fca-uppfoljning", "2022", "Lundby", 2022), "styrning")
    report_id = wizard.report.id
    widget = wizard.currentPage().widgets["nosam"]
    pasted = ("Åtgärder för familjer – öppen förskola, BVC och socialtjänst. " * 17000)[:1_000_000]
    QGuiApplication.clipboard().setText(pasted)
    widget.editor.setFocus()
    widget.editor.paste()
    assert widget.counter.text() == "⚠ Varning: 1000000 / 600 – 999400 tecken över mallens gräns"
    type_text(widget.editor, "!")
    wizard.saver.flush()
    assert Store(db_path).load_report(report_id).answers["nosam"] == pasted + "!"


@pytest.mark.parametrize("stored, shown", [("3.25", "3,25"), ("80", "80"), ("12.5", "12,5")])
def test_a_reopened_percentage_shows_exactly_what_was_typed(qtbot, fca2022, context, stored, shown):
    """A stored 3.25 came back as "3,3" when the page was reopened (issue 19 item 3)."""
    widget = make(qtbot, fca2022, context, "andel_koordinator")
    widget.set_value(stored)
    assert widget.editor.text() == shown and widget.value() == stored and widget.message.text() == ""


def test_the_percentage_boxes_on_one_page_start_in_one_column(qtbot, open_wizard):
    """FCA-koordinator and FC-samordnare: their boxes line up (they were 5 px apart)."""
    wizard = open_wizard(Report("fca-uppfoljning", "2022", "Lundby", 2022), "samordning")
    page = wizard.currentPage()
    boxes = [page.widgets[f].editor for f in ("andel_koordinator", "andel_samordnare")]
    lefts = {box.mapTo(page, box.rect().topLeft()).x() for box in boxes}
    assert len(lefts) == 1, lefts

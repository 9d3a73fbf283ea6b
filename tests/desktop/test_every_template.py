"""Every shipped template revision, filled through its wizard pages, saved, reopened and exported:
the Word file holds every question and every answer (new report types need no code of their own)."""

import io
import json
from decimal import Decimal

import pytest
from docx import Document
from PySide6.QtWidgets import QLineEdit

from desktop.fields import NumberEntry, TextFieldWidget, YesNoWidget
from desktop.money_table import MoneyTableWidget
from desktop.row_fields import RowsWidget
from desktop.wizard import ReportWizard
from exports.bundle import docx_bytes
from exports.content import questions
from forms.report import Report, rows_to_text
from forms.store import Store
from forms.template import TemplateLibrary
from tests.desktop.keyboard import type_text

LIBRARY = TemplateLibrary.load()


def answer_for(f) -> str:
    if f.kind == "yesno":
        return "nej"
    if f.kind in ("percent", "number"):
        return "3.5"
    if f.kind == "rows":
        return rows_to_text([{c.id: f"{c.label[:20]} rad {n} – åäö" for c in f.columns} for n in (1, 2)])
    return f"Svar på {f.id} – vi nådde fler familjer."


def enter(widget, value) -> None:
    """Put `value` in through the widget's own editors, the way a user's input arrives (key events,
    clicks, cell edits), so that a widget which never tells the wizard about a change is caught:
    the test never emits `value_changed` itself."""
    if isinstance(widget, TextFieldWidget):
        widget.editor.setPlainText(value)
    elif isinstance(widget, YesNoWidget):
        {"ja": widget.yes, "nej": widget.no}[value].click()
    elif isinstance(widget, NumberEntry):
        type_text(widget.editor, value.replace(".", ","))
    elif isinstance(widget, MoneyTableWidget):
        for r, row in enumerate(widget.table.rows):
            for c, column in enumerate(widget.table.columns, start=1):
                if column.id in value.get(row.id, {}):
                    widget.grid.item(r, c).setText(str(value[row.id][column.id]))
    elif isinstance(widget, RowsWidget):
        for values in json.loads(value):
            widget.add_button.click()
            for column_id, editor in widget.rows[-1].editors.items():
                if isinstance(editor, QLineEdit):
                    type_text(editor, values[column_id])
                else:
                    editor.setPlainText(values[column_id])
    else:
        pytest.fail(f"no way to enter a value in {type(widget).__name__}: teach enter() this field kind")


@pytest.mark.parametrize("template", list(LIBRARY), ids=lambda t: f"{t.id}-{t.revision}")
def test_fill_reopen_and_export(qtbot, db_path, template):
    store = Store(db_path)
    report_id = store.create_report(Report(template.id, template.revision, "Centrum", template.first_year))
    wizard = ReportWizard(store, LIBRARY, report_id)
    qtbot.addWidget(wizard)
    wizard.show()
    expected = {}
    for page_id in wizard.pageIds()[:-1]:
        wizard.go_to_page(page_id)
        for field_id, widget in wizard.currentPage().widgets.items():
            f = widget.field
            if f.kind == "money_table":
                amounts = {row.id: {c.id: Decimal("100") for c in f.table.columns}
                           for row in f.table.rows if row.editable}
                enter(widget, amounts)
                expected[field_id] = amounts
            elif f.is_answer or f.kind == "rows":
                enter(widget, answer_for(f))
                expected[field_id] = answer_for(f)
    wizard.saver.flush()
    wizard.close()
    report = Store(db_path).load_report(report_id)
    for field_id, value in expected.items():
        if isinstance(value, dict):
            assert report.tables[field_id] == value, field_id
        else:
            assert report.answer(field_id) == value, field_id
    document = Document(io.BytesIO(docx_bytes(template, report)))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    for q in questions(template, report):
        if q.field.note:  # printed as a note under its table, without the question (issue 10)
            assert q.answer in text and q.label not in text, q.field.id
            continue
        printed = template.render(template.printed_label(q.field), report.area, report.year)
        assert printed in text, printed
        if q.field.kind == "text":
            assert q.answer in text, q.field.id
    for f in template.fields():
        if f.kind == "rows":  # the seed's activity tables name their delmål in a spanning first column
            assert template.render(template.printed_label(f), report.area, report.year) in (
                cells if f.span_heading else text)
            for row in report.rows(f.id):
                for value in row.values():
                    assert value in cells, (f.id, value)

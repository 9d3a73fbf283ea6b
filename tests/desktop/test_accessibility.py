"""Accessibility: every input on every page of every shipped template has an accessible name (its
question), and each cell of a money table names its row and column for a screen reader."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit, QTableWidget

from desktop.money_table import MoneyTableWidget
from forms.report import Report
from forms.template import TemplateLibrary

LIBRARY = TemplateLibrary.load()
INPUTS = (QLineEdit, QPlainTextEdit, QAbstractButton, QComboBox, QDateEdit, QTableWidget)


@pytest.mark.parametrize("template", list(LIBRARY), ids=lambda t: f"{t.id}-{t.revision}")
def test_every_input_has_an_accessible_name(open_wizard, template):
    wizard = open_wizard(Report(template.id, template.revision, "Centrum", template.first_year))
    for page_id in wizard.pageIds():
        wizard.go_to_page(page_id)
        page = wizard.currentPage()
        for widget in [w for kind in INPUTS for w in page.findChildren(kind)]:
            if not widget.isVisibleTo(page) or isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QDateEdit)):
                continue
            if isinstance(widget, QAbstractButton):
                assert widget.text() or widget.accessibleName(), (page_id, widget)
                continue
            assert widget.accessibleName().strip(), (template.id, page_id, widget.objectName() or widget)
        for field_widget in getattr(page, "widgets", {}).values():
            if isinstance(field_widget, MoneyTableWidget):
                grid = field_widget.grid
                assert grid.accessibleName()
                for r, row in enumerate(field_widget.table.rows):
                    for c in range(1, grid.columnCount()):
                        described = grid.item(r, c).data(Qt.ItemDataRole.AccessibleDescriptionRole)
                        column = field_widget.table.columns[c - 1]
                        assert described.startswith(template.render(row.label, "Centrum", template.first_year))
                        assert template.column_label(column) in described

"""The field widget for a table of rows the user adds to, moves and removes (an action plan's
insatser per delmål, Hälsolots' local goals)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.colors import text_style
from desktop.fields import FieldContext, FieldWidget
from desktop.spelling import check_spelling
from forms.report import rows_to_text
from forms.template import Field


class _RowEditor(QFrame):
    """One row: a text editor per column and the buttons that move or remove it."""

    def __init__(self, owner: RowsWidget, values: dict[str, str]):
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.owner = owner
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600;")
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.counters: dict[str, QLabel] = {}
        grid = QGridLayout()
        for r, column in enumerate(owner.field.columns):
            if column.lines <= 1:
                editor = QLineEdit(values.get(column.id, ""))
                editor.textEdited.connect(owner.changed)
            else:
                editor = QPlainTextEdit(values.get(column.id, ""))
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(22 + 18 * column.lines)
                editor.textChanged.connect(owner.changed)
            editor.setObjectName(f"row_{column.id}")
            check_spelling(editor, lambda: owner.context.report)
            label = QLabel(html.escape(owner.context.render(column.label)))
            label.setWordWrap(True)
            label.setBuddy(editor)
            grid.addWidget(label, r, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(editor, r, 1)
            if column.max_chars:
                counter = QLabel()
                counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                self.counters[column.id] = counter
                grid.addWidget(counter, r, 2)
            self.editors[column.id] = editor
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(0, 170)
        self.up = QPushButton("Flytta upp")
        self.down = QPushButton("Flytta ned")
        self.remove = QPushButton("Ta bort")
        for button, name in ((self.up, "row_up"), (self.down, "row_down"), (self.remove, "row_remove")):
            button.setObjectName(name)
            button.setAutoDefault(False)
        self.up.clicked.connect(lambda: owner.move(self, -1))
        self.down.clicked.connect(lambda: owner.move(self, 1))
        self.remove.clicked.connect(lambda: owner.remove(self))
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        for button in (self.up, self.down, self.remove):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        self.update_counters()

    def values(self) -> dict[str, str]:
        return {column_id: (e.text() if isinstance(e, QLineEdit) else e.toPlainText())
                for column_id, e in self.editors.items()}

    def update_counters(self) -> None:
        values = self.values()
        for column in self.owner.field.columns:
            counter = self.counters.get(column.id)
            if counter is None:
                continue
            count = len(values[column.id])
            over = count > column.max_chars
            counter.setText(f"{count} / {column.max_chars}")
            # over the column's limit is a warning (forms/validate.py: it does not block "Klar"), as for text answers
            counter.setStyleSheet(text_style("warning", "font-weight: 600;") if over else text_style("muted"))


class RowsWidget(FieldWidget):
    """A table the user fills row by row: add, move up/down, remove; every change is saved."""

    def __init__(self, field: Field, context: FieldContext, parent=None):
        super().__init__(field, context, parent)
        self.rows: list[_RowEditor] = []
        self.add_button = QPushButton(f"Lägg till {context.render(field.row_label).lower()}")
        self.add_button.setObjectName(f"add_row_{field.id}")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_row)
        self.empty = QLabel("Inga rader ännu.")
        self.empty.setStyleSheet(text_style("muted"))
        self.row_box = QVBoxLayout()
        self.row_box.setSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.question = self._question_label(self.add_button)
        layout.addWidget(self.question)
        layout.addWidget(self.empty)
        layout.addLayout(self.row_box)
        layout.addWidget(self.add_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self._renumber()

    def _rebuild(self, values: list[dict[str, str]]) -> None:
        for row in self.rows:
            self.row_box.removeWidget(row)
            row.hide()  # out of Tab's reach now, not only when deleteLater runs
            row.deleteLater()
        self.rows = []
        for row_values in values:
            self._append(row_values)
        self._renumber()

    def _append(self, values: dict[str, str]) -> _RowEditor:
        row = _RowEditor(self, values)
        self.rows.append(row)
        self.row_box.addWidget(row)
        return row

    def _renumber(self) -> None:
        name = self.context.render(self.field.row_label)
        for number, row in enumerate(self.rows, start=1):
            row.title.setText(f"{name} {number}")
            row.up.setEnabled(number > 1)
            row.down.setEnabled(number < len(self.rows))
            for column_id, editor in row.editors.items():
                column = next(c for c in self.field.columns if c.id == column_id)
                editor.setAccessibleName(f"{name} {number}: {self.context.render(column.label)}")
        self.empty.setVisible(not self.rows)
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab walks the rows as they stand on the screen: each row's columns, then its buttons, and
        "Lägg till" below them last. Qt's default order is the order widgets were created in, which put
        rows added later after everything else in the window, and a row's buttons before its columns."""
        chain = [w for row in self.rows for w in (*row.editors.values(), row.up, row.down, row.remove)]
        if not chain:
            return
        # Chained after "Lägg till" (which is where this question sits in the window's order), then
        # "Lägg till" moved after the last row: rows and button end up where the button was.
        chain = [self.add_button, *chain, self.add_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def add_row(self) -> None:
        row = self._append({c.id: "" for c in self.field.columns})
        self._renumber()
        self.focus_in_view(next(iter(row.editors.values())), around=row)

    def move(self, row: _RowEditor, step: int) -> None:
        values = [r.values() for r in self.rows]
        index = self.rows.index(row)
        target = index + step
        if not 0 <= target < len(values):
            return
        values[index], values[target] = values[target], values[index]
        self._rebuild(values)
        # The keyboard stays on the moved row's button, so pressing it again moves the row on; at the
        # top (bottom) it goes to the other direction's button.
        moved = self.rows[target]
        same, other = (moved.up, moved.down) if step < 0 else (moved.down, moved.up)
        self.focus_in_view(same if same.isEnabled() else other if other.isEnabled() else moved.remove, around=moved)
        self.changed()

    def remove(self, row: _RowEditor) -> None:
        """Remove at once, without asking; Ångra puts the row back (see put_back)."""
        index = self.rows.index(row)
        removed = row.values()
        values = [r.values() for r in self.rows if r is not row]
        self._rebuild(values)
        # The keyboard goes to the row that took its place (or the one above it, or "Lägg till").
        if self.rows:
            row = self.rows[min(index, len(self.rows) - 1)]
            self.focus_in_view(next(iter(row.editors.values())), around=row)
        else:
            self.focus_in_view(self.add_button)
        self.changed()
        if self.context.offer_undo is not None:
            name = f"{self.context.render(self.field.row_label)} {index + 1}"
            first = next((text for text in removed.values() if text.strip()), "").strip().splitlines()[:1]
            quoted = f" (”{first[0][:40]}{'…' if len(first[0]) > 40 else ''}”)" if first else ""
            self.context.offer_undo(f"{name}{quoted} togs bort.", lambda: self.put_back(index, removed, name))

    def put_back(self, index: int, values: dict[str, str], name: str) -> str:
        """Ångra: the removed row back in its place among the rows as they are now."""
        rows = [r.values() for r in self.rows]
        index = min(index, len(rows))
        rows.insert(index, values)
        self._rebuild(rows)
        row = self.rows[index]
        self.focus_in_view(next(iter(row.editors.values())), around=row)
        self.changed()
        return f"{name} är tillbaka."

    def changed(self) -> None:
        for row in self.rows:
            row.update_counters()
        self.value_changed.emit(self.value())

    def value(self) -> str:
        """The stored form: JSON text of the rows (see forms.report.rows_to_text)."""
        return rows_to_text([r.values() for r in self.rows])

    def set_value(self, value) -> None:
        if value == self.value() and self.rows:
            return
        from json import loads

        self._rebuild(loads(value) if value else [])

    def focus_target(self) -> QWidget:
        return next(iter(self.rows[0].editors.values())) if self.rows else self.add_button

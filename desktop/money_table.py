"""The economic table as an editable grid: Swedish numbers in, live sums, refund, deviations, checks."""

from __future__ import annotations

import html
from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.colors import color, text_style
from desktop.fields import FieldContext, FieldWidget, TypingPause
from forms.economics import TableCalc, amount_text
from forms.numbers import NumberError, format_amount, read_amount
from forms.template import Field

# Tints laid over the palette's own base, with the palette's text colour: light grey cells in a light
# scheme, a lighter dark in a dark one (Windows' dark mode) — never white text on light grey.
COMPUTED_BACKGROUND = QColor(120, 140, 170, 30)
NOT_APPLICABLE_BACKGROUND = QColor(128, 128, 128, 80)
WARNING_STYLE = "color: #7a4b00; background: #fff4d6; padding: 6px; border-radius: 4px;"
MISTYPED_BACKGROUND = QColor(220, 0, 40, 45)  # a red tint (light or dark scheme): text kept for correcting
PROBLEM_PAUSE_MS = 800  # a mistyped amount in an open cell is pointed out after this long without a key


class CellDelegate(QStyledItemDelegate):
    """The cell editor: what is typed is handed to the table while the editor is still open (see
    MoneyTableWidget), and a figure being typed is never replaced by the stored one shown behind it."""

    def __init__(self, table: MoneyTableWidget):
        super().__init__(table.grid)
        self.table = table

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt's name)
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _text, e=editor: self.table.cell_typed(e))
        return editor

    def setEditorData(self, editor, index) -> None:  # noqa: N802 (Qt's name)
        # The table shows each saved figure formatted ("4 567,0"); Qt would write that into an open
        # editor whose cell changed and move the caret under the user's fingers.
        if not editor.property("typed"):
            super().setEditorData(editor, index)


class AmountGrid(QTableWidget):
    """A grid where Tab walks the cells a user can type in, then leaves the table like any field."""

    def editable_cells(self) -> list[tuple[int, int]]:
        return [(r, c) for r in range(self.rowCount()) for c in range(self.columnCount())
                if self.item(r, c) and self.item(r, c).flags() & Qt.ItemFlag.ItemIsEditable]

    def moveCursor(self, action, modifiers):
        if action not in (QAbstractItemView.CursorAction.MoveNext, QAbstractItemView.CursorAction.MovePrevious):
            return super().moveCursor(action, modifiers)
        here = (self.currentRow(), self.currentColumn())
        cells = self.editable_cells()
        if action == QAbstractItemView.CursorAction.MoveNext:
            after = [cell for cell in cells if cell > here]
            target = after[0] if after else None
        else:
            before = [cell for cell in cells if cell < here]
            target = before[-1] if before else None
        return self.model().index(*target) if target else QModelIndex()

    def closeEditor(self, editor, hint) -> None:  # noqa: N802 (Qt's name)
        """Tab in the last cell one can type in (Shift+Tab in the first) saves the amount and leaves the
        table at once: without this the first Tab only closed the editor and a second one was needed."""
        here = (self.currentRow(), self.currentColumn())
        cells = self.editable_cells()
        Hint = QAbstractItemDelegate.EndEditHint
        if hint == Hint.EditNextItem and not any(cell > here for cell in cells):
            forward = True
        elif hint == Hint.EditPreviousItem and not any(cell < here for cell in cells):
            forward = False
        else:
            super().closeEditor(editor, hint)
            return
        super().closeEditor(editor, Hint.NoHint)
        QWidget.focusNextPrevChild(self, forward)  # QWidget's own: to the next control, not the next cell

    def focusInEvent(self, event) -> None:
        cells = self.editable_cells()
        if cells and event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.setCurrentCell(*(cells[0] if event.reason() == Qt.FocusReason.TabFocusReason else cells[-1]))
        super().focusInEvent(event)


class MoneyTableWidget(FieldWidget):
    def __init__(self, field: Field, context: FieldContext, parent=None):
        super().__init__(field, context, parent)
        self.table = field.table
        self._amounts: dict[str, dict[str, Decimal]] = {}
        # Cells holding text that is not an amount: (row, column) -> (the text, the message). The text
        # stays in the cell for correcting; the amount before it stays the value (and stored).
        self._mistyped: dict[tuple[str, str], tuple[str, str]] = {}
        self._updating = False
        self._hint = f"Skriv beloppet i {self.table.unit}, t.ex. {format_amount(Decimal('1553.5'), self.table.decimals)}"
        self._warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.grid = AmountGrid(len(self.table.rows), len(self.table.columns) + 1)
        self.grid.setObjectName(f"grid_{field.id}")
        self.grid.setItemDelegate(CellDelegate(self))
        # An open cell saves like text: its figure is handed on shortly after the first key (and before
        # every save, see commit), without waiting for Enter or Tab.
        self._typing = TypingPause(self._take_open_editor, self)
        self._problem_pause = QTimer(self)
        self._problem_pause.setSingleShot(True)
        self._problem_pause.setInterval(PROBLEM_PAUSE_MS)
        self._problem_pause.timeout.connect(lambda: self._take_open_editor(show_problem=True))
        self.grid.setAccessibleName(context.render(field.label))
        headers = [f"Post ({self.table.unit})"] + [
            f"{context.render(self.table.group(c.group).label)}\n{context.template.column_label(c)}"
            for c in self.table.columns
        ]
        self.grid.setHorizontalHeaderLabels(headers)
        self.grid.verticalHeader().setVisible(False)
        self.grid.setWordWrap(True)
        self.grid.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.grid.fontMetrics()
        for column in range(1, self.grid.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            widest = max(metrics.horizontalAdvance(line) for line in headers[column].split("\n"))
            self.grid.setColumnWidth(column, max(110, widest + 24))
        self._build_cells()
        self.message = QLabel()
        self.message.setObjectName(f"message_{field.id}")
        self.message.setStyleSheet(text_style("error"))
        self.message.setWordWrap(True)
        self.deviations = QLabel()
        self.deviations.setObjectName(f"deviations_{field.id}")
        self.deviations.setWordWrap(True)
        self.deviations.setTextFormat(Qt.TextFormat.RichText)
        self.issues = QLabel()
        self.issues.setObjectName(f"issues_{field.id}")
        self.issues.setWordWrap(True)
        self.issues.setStyleSheet(WARNING_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._question_label(self.grid))
        layout.addWidget(self.grid)
        layout.addWidget(self.message)
        self.message.setVisible(False)
        if self.table.footnote:
            note = QLabel(f"¹ {html.escape(context.render(self.table.footnote))}")
            note.setWordWrap(True)
            note.setStyleSheet(text_style("muted", "font-size: 9pt;"))
            layout.addWidget(note)
        self.origins = QLabel()
        self.origins.setObjectName(f"origins_{field.id}")
        self.origins.setWordWrap(True)
        self.origins.setTextFormat(Qt.TextFormat.RichText)
        self.origins.setVisible(context.origins is not None)
        layout.addWidget(self.origins)
        layout.addWidget(self.deviations)
        layout.addWidget(self.issues)
        layout.addStretch(1)
        self.grid.itemChanged.connect(self._on_item_changed)
        self._refresh()

    def _build_cells(self) -> None:
        bold = QFont()
        bold.setBold(True)
        for r, row in enumerate(self.table.rows):
            label = QTableWidgetItem(self.context.render(row.label))
            label.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if not row.editable:
                label.setFont(bold)
                label.setBackground(QBrush(COMPUTED_BACKGROUND))
            self.grid.setItem(r, 0, label)
            for c, column in enumerate(self.table.columns, start=1):
                item = QTableWidgetItem()
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if row.editable:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable)
                    item.setToolTip(self._hint)
                else:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    item.setFont(bold)
                    applies = row.groups is None or column.group in row.groups
                    item.setBackground(QBrush(COMPUTED_BACKGROUND if applies else NOT_APPLICABLE_BACKGROUND))
                    item.setToolTip("Räknas ut automatiskt")
                # A screen reader names the cell by its row and column, not by a bare number.
                header = f"{self.context.render(self.table.group(column.group).label)} {self.context.template.column_label(column)}"
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole,
                             f"{self.context.render(row.label)}, {header.strip()}"
                             + ("" if row.editable else " (räknas ut)"))
                self.grid.setItem(r, c, item)
        self.grid.resizeRowsToContents()
        self.grid.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _fit_height(self) -> None:
        """Show every row: the table is short, a scroll bar inside a scrolling page hides the sums."""
        self.grid.resizeRowsToContents()
        rows = sum(self.grid.rowHeight(r) for r in range(self.grid.rowCount()))
        self.grid.setFixedHeight(self.grid.horizontalHeader().sizeHint().height() + rows + 2 * self.grid.frameWidth() + 2)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _cell_ids(self, item: QTableWidgetItem) -> tuple[str, str] | None:
        if item.column() == 0:
            return None
        return self.table.rows[item.row()].id, self.table.columns[item.column() - 1].id

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        """An editor closed (or a test put text in): take the cell's text."""
        if self._updating:
            return
        ids = self._cell_ids(item)
        if ids is not None and self.table.row(ids[0]).editable:
            self._take(*ids, item.text(), show_problem=True)

    def cell_typed(self, editor: QLineEdit) -> None:
        editor.setProperty("typed", True)
        self._typing.touch()
        self._problem_pause.start()  # restarted per key: "1 5" on the way to "1 553" is no mistake

    def _open_editor(self) -> tuple[tuple[str, str], QLineEdit] | None:
        """The cell being edited and its editor, if one is open."""
        if self.grid.state() != QAbstractItemView.State.EditingState:
            return None
        index = self.grid.currentIndex()
        editor = self.grid.indexWidget(index)
        item = self.grid.item(index.row(), index.column())
        ids = self._cell_ids(item) if item is not None else None
        if not isinstance(editor, QLineEdit) or ids is None or not editor.property("typed"):
            return None
        return ids, editor

    def _take_open_editor(self, show_problem: bool = False) -> None:
        """Hand on the figure in the open editor, the editor staying open. A text that is not (yet) an
        amount is not taken; it is pointed out only after a pause in typing (`show_problem`)."""
        found = self._open_editor()
        if found is None:
            return
        (row_id, column_id), editor = found
        self._take(row_id, column_id, editor.text(), show_problem=show_problem)
        mistyped = (row_id, column_id) in self._mistyped
        editor.setStyleSheet(f"QLineEdit {{ border: 2px solid {color('error').name()}; }}" if mistyped else "")

    def commit(self) -> None:
        """Before every save (a page change, the window closing or losing the keyboard, an export):
        the figure in an open editor is taken as it stands."""
        self._typing.commit()

    def _take(self, row_id: str, column_id: str, text: str, show_problem: bool) -> None:
        try:
            amount = read_amount(text, self.table.decimals)
        except NumberError as exc:
            if show_problem:
                self._mistyped[(row_id, column_id)] = (text.strip(), f"{exc} {self._kept(row_id, column_id)}")
                self._refresh()
            return
        was_mistyped = self._mistyped.pop((row_id, column_id), None) is not None
        cells = self._amounts.setdefault(row_id, {})
        if amount == cells.get(column_id):
            if was_mistyped:
                self._refresh()
            return
        if amount is None:
            cells.pop(column_id, None)
        else:
            cells[column_id] = amount
        self._refresh()
        self.value_changed.emit(self.value())
        self._show_origins()

    def _kept(self, row_id: str, column_id: str) -> str:
        """What the message says stays saved while a cell holds a mistyped amount."""
        before = self._amounts.get(row_id, {}).get(column_id)
        if before is None:
            return "Rutan är fortfarande tom i det som är sparat; rätta det du skrev i den röda rutan."
        return (f"Sparat är fortfarande det tidigare beloppet, {format_amount(before, self.table.decimals)} "
                f"{self.table.unit}; rätta det du skrev i den röda rutan.")

    def _show_origins(self) -> None:
        """Where each row's figures come from (the finance summary): a report, typed, or none yet."""
        if self.context.origins is None:
            return
        origins = self.context.origins(self.context.report)
        items = "".join(
            f"<li>{html.escape(self.context.render(self.table.row(row_id).label))}: {html.escape(text)}</li>"
            for row_id, text in origins.items())
        self.origins.setText(f"<b>Varifrån beloppen kommer</b><ul style='margin:0'>{items}</ul>")

    def calc(self) -> TableCalc:
        return TableCalc(self.context.template, self.table, self._amounts, self.context.report.year,
                         self.context.report.area)

    def _refresh(self) -> None:
        calc = self.calc()
        self._updating = True
        try:
            for r, row in enumerate(self.table.rows):
                for c, column in enumerate(self.table.columns, start=1):
                    item = self.grid.item(r, c)
                    mistyped = self._mistyped.get((row.id, column.id))
                    item.setText(mistyped[0] if mistyped else
                                 amount_text(calc.value(row.id, column.id), self.table.decimals, row.role))
                    if row.editable:  # marked so that it shows also while the cell is selected
                        item.setBackground(QBrush(MISTYPED_BACKGROUND) if mistyped else QBrush())
                        item.setIcon(self._warning_icon if mistyped else QIcon())
                        item.setToolTip(mistyped[1] if mistyped else self._hint)
        finally:
            self._updating = False
        if self._mistyped:
            self.message.setText(list(self._mistyped.values())[-1][1])
        else:
            self.message.setText("")
        self.message.setVisible(bool(self._mistyped))
        self._show_deviations(calc)
        issues = calc.issues()
        self.issues.setText("\n".join(f"⚠ {i.message}" for i in issues))
        self.issues.setVisible(bool(issues))

    def _show_deviations(self, calc: TableCalc) -> None:
        parties = self.context.template.parties
        lines = {}
        for d in calc.deviations():
            row_label = self.context.render(self.table.row(d.row_id).label).replace("¹", "").split(" (")[0]
            pct = f" ({format_amount(d.percent)} %)" if d.percent is not None else ""
            sign = "+" if d.amount > 0 else ""
            lines.setdefault(row_label, []).append(
                f"{parties[d.party]} {sign}{format_amount(d.amount)} {self.table.unit}{pct}")
        if not lines:
            self.deviations.setText("")
            return
        items = "".join(f"<li>{html.escape(k)}: {html.escape(', '.join(v))}</li>" for k, v in lines.items())
        self.deviations.setText(f"<b>Utfall jämfört med budget</b><ul style='margin:0'>{items}</ul>")

    def value(self) -> dict[str, dict[str, Decimal]]:
        return {row: dict(cells) for row, cells in self._amounts.items() if cells}

    def set_value(self, value) -> None:
        """Show stored amounts; a cell holding a mistyped amount keeps it for correcting."""
        self._amounts = {row: dict(cells) for row, cells in (value or {}).items()}
        self._refresh()
        self._show_origins()

    def focus_target(self):
        first = next(i for i, row in enumerate(self.table.rows) if row.editable)
        self.grid.setCurrentCell(first, 1)
        return self.grid


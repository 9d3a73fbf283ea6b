"""The report list's table: a model over plain rows, so 10 000 reports appear as fast as 10.

A QTableWidget made six QTableWidgetItems per report (60 000 for a receiving database of 10 000
reports: ~0.9 s before the list appeared). Here the rows are tuples and Qt asks only for the cells it
draws. `item(row, column)`, `rowCount()`, `visualItemRect()` and `itemSelectionChanged` keep the
QTableWidget calls the rest of the app and its tests use.

The list is on the start path, which does without PySide's `Qt` namespace (desktop/main_window.py says
why): the roles are the ints Qt passes to `data()`, and the column titles come from a C++ model, since a
Python `headerData` is handed a `Qt.Orientation`, whose conversion builds the whole namespace.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QAbstractTableModel, Signal
from PySide6.QtGui import QColor, QStandardItemModel
from PySide6.QtWidgets import QTableView, QTableWidgetItem

# Qt.ItemDataRole's values, as data() receives them (tests/desktop/test_main_window.py checks them)
DISPLAY_ROLE, TOOLTIP_ROLE, BACKGROUND_ROLE, USER_ROLE = 0, 3, 8, 0x100
CELL_ROLE = USER_ROLE + 1  # a snapshot item's (row, column)

# Tints over the palette's base (pink and pale yellow on white; dark red and brown in a dark scheme),
# so the palette's text colour reads on them in either scheme.
DEADLINE_COLORS = {"past": (220, 40, 40, 56), "soon": (255, 190, 0, 80)}  # RGBA
DEADLINE_TIPS = {"past": "Sista dag har passerat", "soon": "Mindre än 14 dagar kvar"}
DEADLINE_COLUMN = 4


def deadline_tint(state: str) -> QColor:
    """A colour, not a QBrush, which the view paints the same: QBrush's constructor makes PySide build
    its `Qt` namespace (~14 ms; see the module's docstring)."""
    return QColor(*DEADLINE_COLORS[state])


class ListRow(NamedTuple):
    """One line of the report list: the report's id, its cell texts and its deadline's state."""

    report_id: int
    texts: tuple[str, ...]
    deadline_state: str  # "past", "soon", "ok" or "done"


class ReportListModel(QAbstractTableModel):
    def __init__(self, headers: list[str], parent=None):
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[ListRow] = []

    def set_rows(self, rows: list[ListRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=None) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.headers)

    def data(self, index, role=DISPLAY_ROLE):
        row = self.rows[index.row()]
        if role == DISPLAY_ROLE:
            return row.texts[index.column()]
        if role == USER_ROLE:
            return row.report_id
        if index.column() == DEADLINE_COLUMN and row.deadline_state in DEADLINE_COLORS:
            if role == BACKGROUND_ROLE:
                return deadline_tint(row.deadline_state)
            if role == TOOLTIP_ROLE:
                return DEADLINE_TIPS[row.deadline_state]
        return None


class ReportTable(QTableView):
    itemSelectionChanged = Signal()  # noqa: N815 (QTableWidget's name, kept for its callers)

    def __init__(self, headers: list[str], parent=None):
        super().__init__(parent)
        self.list_model = ReportListModel(headers, self)
        self.setModel(self.list_model)
        self.titles = QStandardItemModel(0, len(headers), self)  # the column titles (see above)
        self.titles.setHorizontalHeaderLabels(headers)
        self.horizontalHeader().setModel(self.titles)
        # The titles' own model has no selection to follow: no title turns bold while a report is
        # selected, as all of them did before (the selected row spans every column), saying nothing.
        self.horizontalHeader().setHighlightSections(False)
        self.selectionModel().selectionChanged.connect(lambda *_: self.itemSelectionChanged.emit())
        # resizeColumnsToContents measures this many rows, not all 10 000
        self.horizontalHeader().setResizeContentsPrecision(200)

    def set_rows(self, rows: list[ListRow]) -> None:
        self.list_model.set_rows(rows)

    def rowCount(self) -> int:  # noqa: N802
        return self.list_model.rowCount()

    def selected_report_id(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return self.list_model.rows[rows[0].row()].report_id if rows else None

    def item(self, row: int, column: int) -> QTableWidgetItem | None:
        """A snapshot of one cell, as QTableWidget.item gave it (text, colour, tooltip, report id)."""
        if not (0 <= row < self.rowCount() and 0 <= column < self.list_model.columnCount()):
            return None
        index = self.list_model.index(row, column)
        item = QTableWidgetItem(self.list_model.data(index))
        for role in (USER_ROLE, BACKGROUND_ROLE, TOOLTIP_ROLE):
            value = self.list_model.data(index, role)
            if value is not None:
                item.setData(role, value)
        item.setData(CELL_ROLE, (row, column))
        return item

    def visualItemRect(self, item: QTableWidgetItem):  # noqa: N802
        row, column = item.data(CELL_ROLE)
        return self.visualRect(self.list_model.index(row, column))

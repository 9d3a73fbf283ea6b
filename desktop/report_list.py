"""The report list's table: a model over plain rows, so 10 000 reports appear as fast as 10.

A QTableWidget made six QTableWidgetItems per report (60 000 for a receiving database of 10 000
reports: ~0.9 s before the list appeared). Here the rows are tuples and Qt asks only for the cells it
draws. `item(row, column)`, `rowCount()`, `visualItemRect()` and `itemSelectionChanged` keep the
QTableWidget calls the rest of the app and its tests use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QAbstractTableModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableView, QTableWidgetItem

# Tints over the palette's base (pink and pale yellow on white; dark red and brown in a dark scheme),
# so the palette's text colour reads on them in either scheme.
DEADLINE_COLORS = {"past": (220, 40, 40, 56), "soon": (255, 190, 0, 80)}  # RGBA
DEADLINE_TIPS = {"past": "Sista dag har passerat", "soon": "Mindre än 14 dagar kvar"}
DEADLINE_COLUMN = 4


@cache
def deadline_brush(state: str) -> QBrush:
    """Made when a row first needs it: Qt's first QColor and QBrush cost the start-up ~3 ms."""
    return QBrush(QColor(*DEADLINE_COLORS[state]))


@dataclass(frozen=True)
class ListRow:
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

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row.report_id
        if index.column() == DEADLINE_COLUMN and row.deadline_state in DEADLINE_COLORS:
            if role == Qt.ItemDataRole.BackgroundRole:
                return deadline_brush(row.deadline_state)
            if role == Qt.ItemDataRole.ToolTipRole:
                return DEADLINE_TIPS[row.deadline_state]
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


class ReportTable(QTableView):
    itemSelectionChanged = Signal()  # noqa: N815 (QTableWidget's name, kept for its callers)

    def __init__(self, headers: list[str], parent=None):
        super().__init__(parent)
        self.list_model = ReportListModel(headers, self)
        self.setModel(self.list_model)
        self.selectionModel().selectionChanged.connect(lambda *_: self.itemSelectionChanged.emit())
        # resizeColumnsToContents measures this many rows, not all 10 000
        self.horizontalHeader().setResizeContentsPrecision(200)

    def set_rows(self, rows: list[ListRow]) -> None:
        self.list_model.set_rows(rows)

    def rowCount(self) -> int:  # noqa: N802
        return self.list_model.rowCount()

    def item(self, row: int, column: int) -> QTableWidgetItem | None:
        """A snapshot of one cell, as QTableWidget.item gave it (text, colour, tooltip, report id)."""
        if not (0 <= row < self.rowCount() and 0 <= column < self.list_model.columnCount()):
            return None
        index = self.list_model.index(row, column)
        item = QTableWidgetItem(self.list_model.data(index))
        for role in (Qt.ItemDataRole.UserRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole):
            value = self.list_model.data(index, role)
            if value is not None:
                item.setData(role, value)
        item.setData(Qt.ItemDataRole.UserRole + 1, (row, column))
        return item

    def visualItemRect(self, item: QTableWidgetItem):  # noqa: N802
        row, column = item.data(Qt.ItemDataRole.UserRole + 1)
        return self.visualRect(self.list_model.index(row, column))

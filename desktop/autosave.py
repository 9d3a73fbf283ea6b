"""Autosave: every edit reaches the database within a second, without a Save button to forget.

Edits update the report at once and are written in one transaction after a short pause in typing
(and at once on page changes and when the window closes). When the database refuses (a full disk, a
locked or read-only file) the edits stay pending in memory, `failed` says why, and the save is tried
again with the next edit and every RETRY_MS until it succeeds; `saved` is emitted only after a commit.
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal

from PySide6.QtCore import QObject, QTimer, Signal

from forms.report import Report
from forms.store import Store, StoreError

SAVE_DELAY_MS = 500
RETRY_MS = 3000  # while saving fails, try again this often without waiting for an edit


class AutoSaver(QObject):
    saved = Signal(str)  # the time of the save, ISO format
    failed = Signal(str)  # a Swedish message

    def __init__(self, store: Store, report: Report, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.report = report
        self._answers: dict[str, str] = {}
        self._amounts: dict[tuple[str, str, str], Decimal | None] = {}
        self._meta: dict = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.flush)
        self.failing = False  # the last save attempt failed; edits wait in memory
        self.before_flush: list = []  # callables that hand over edits still held in the widgets

    @property
    def pending(self) -> bool:
        return bool(self._answers or self._amounts or self._meta)

    def set_answer(self, field_id: str, value: str) -> None:
        if self.report.answer(field_id) == value:
            return
        self.report.set_answer(field_id, value)
        self._answers[field_id] = value
        self._schedule()

    def set_amounts(self, table_id: str, amounts: dict[str, dict[str, Decimal]]) -> None:
        old = self.report.tables.get(table_id, {})
        cells = {(r, c) for r, cols in (*old.items(), *amounts.items()) for c in cols}
        for row_id, column_id in cells:
            new_value = amounts.get(row_id, {}).get(column_id)
            if old.get(row_id, {}).get(column_id) != new_value:
                self._amounts[(table_id, row_id, column_id)] = new_value
        self.report.tables[table_id] = {r: dict(c) for r, c in amounts.items()}
        if self._amounts:
            self._schedule()

    def set_meta(self, **values) -> None:
        changed = {k: v for k, v in values.items() if getattr(self.report, k) != v}
        for key, value in changed.items():
            setattr(self.report, key, value)
        self._meta.update(changed)
        if changed:
            self._schedule()

    def _schedule(self) -> None:
        """Save SAVE_DELAY_MS after the first unsaved change; later changes join that save rather
        than postponing it, so steady typing is saved too."""
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> bool:
        """Write what is pending now; False (and `failed` emitted) when the database refused."""
        for hand_over in self.before_flush:
            hand_over()
        self._timer.stop()
        if not self.pending:
            return True
        try:
            when = self.store.save_changes(
                self.report.id, answers=self._answers, amounts=self._amounts, meta=self._meta)
        except (StoreError, sqlite3.Error, OSError) as exc:
            # The edits stay pending in memory and are tried again with the next change and by
            # the retry timer.
            self.failing = True
            if not self._retry.isActive():
                self._retry.start()
            self.failed.emit(str(exc) if isinstance(exc, StoreError) else
                             f"Ändringen kunde inte sparas: {exc}. Programmet försöker igen.")
            return False
        self._answers, self._amounts, self._meta = {}, {}, {}
        self.failing = False
        self._retry.stop()
        self.report.updated_at = when
        self.saved.emit(when)
        return True

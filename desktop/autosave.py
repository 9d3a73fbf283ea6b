"""Autosave: every edit reaches the database within a second, without a Save button to forget.

Edits update the report at once and are written in one transaction after a short pause in typing
(and at once on page changes and when the window closes). When the database refuses (a full disk, a
locked or read-only file) the edits stay pending in memory, `failed` says why, and the save is tried
again with the next edit and every RETRY_MS until it succeeds; `saved` is emitted only after a commit.

Every save names the report's change count it is based on (`base`); when the report was changed
elsewhere meanwhile, the store refuses the save (`ReportChanged`) and `conflict_handler` brings the
window up to date (desktop/report_sync.py) before the edits are saved on top of the newer content.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from PySide6.QtCore import QObject, QTimer, Signal

from forms.report import Report
from forms.store import ReportChanged, Store, StoreError

SAVE_DELAY_MS = 500
RETRY_MS = 3000  # while saving fails, try again this often without waiting for an edit
_MERGED_META = ("compiled_by", "compiled_date", "sent_date", "area", "status")


@dataclass
class Merge:
    """What catching up with a newer stored report did (AutoSaver.merge)."""

    answers: set[str] = field(default_factory=set)  # questions now showing the newer content
    tables: set[str] = field(default_factory=set)
    meta: set[str] = field(default_factory=set)
    conflicts: list[tuple] = field(default_factory=list)  # ("answer", id) / ("amount", (t, r, c)) / ("meta", name)

    @property
    def shown(self) -> bool:
        return bool(self.answers or self.tables or self.meta)


class AutoSaver(QObject):
    saved = Signal(str)  # the time of the save, ISO format
    failed = Signal(str)  # a Swedish message

    def __init__(self, store: Store, report: Report, parent: QObject | None = None, base: int = 0):
        super().__init__(parent)
        self.store = store
        self.report = report
        self.base = base  # the report's change count the window shows (Store.change_count)
        self._stored = _values(report)  # what the store held at `base`: the third side of a merge
        self._answers: dict[str, str] = {}
        self._amounts: dict[tuple[str, str, str], Decimal | None] = {}
        self._meta: dict = {}
        self._notes: dict = {}  # see note()
        self._keep_mine = False  # the next save goes over a change made elsewhere, on the user's word
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.flush)
        self.failing = False  # the last save attempt failed; edits wait in memory
        self.before_flush: list = []  # callables that hand over edits still held in the widgets
        self.conflict_handler: Callable[[], bool] | None = None  # True when the window caught up
        self.holding = False  # while the user is asked about a conflict, nothing is saved

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

    def note(self, **values) -> None:
        """Report columns that are no edit of their own — the page the user is on, the date the review
        page proposes — are written with the next edit (or a save asked for, see flush), so opening
        a report and paging through it writes nothing."""
        for key, value in values.items():
            if getattr(self.report, key) != value:
                setattr(self.report, key, value)
                self._notes[key] = value

    def _schedule(self) -> None:
        """Save SAVE_DELAY_MS after the first unsaved change; later changes join that save rather
        than postponing it, so steady typing is saved too."""
        if not self._timer.isActive():
            self._timer.start()

    def flush(self, with_notes: bool = False) -> bool:
        """Write what is pending now, and what was noted (see note()) with it or when `with_notes`
        (before an export or send: the file gets the proposed date); False (and `failed` emitted)
        when the database refused."""
        if self.holding:  # a conflict is being decided; its answer saves
            return False
        for hand_over in self.before_flush:
            hand_over()
        self._timer.stop()
        if not (self.pending or with_notes and self._notes):
            return True
        for attempt in range(2):
            try:
                when, self.base = self.store.save_edits(
                    self.report.id, answers=self._answers, amounts=self._amounts,
                    meta={**self._notes, **self._meta}, expected=self.base, over_change=self._keep_mine)
                break
            except ReportChanged as exc:
                # Changed elsewhere since the window last looked: catch up (asking the user where both
                # wrote the same question), then save the edits that remain on top of the new content.
                if attempt or self.conflict_handler is None or not self.conflict_handler():
                    return self._failed(exc)
                if not self.pending:
                    return True
            except (StoreError, sqlite3.Error, OSError) as exc:
                return self._failed(exc)
        self._stored = _values(self.report)
        self._answers, self._amounts, self._meta, self._notes = {}, {}, {}, {}
        self._keep_mine = False
        self.failing = False
        self._retry.stop()
        self.report.updated_at = when
        self.saved.emit(when)
        return True

    def _failed(self, exc: Exception) -> bool:
        # The edits stay pending in memory and are tried again with the next change and by the retry
        # timer.
        self.failing = True
        if not self._retry.isActive():
            self._retry.start()
        self.failed.emit(f"{exc} Programmet försöker igen av sig självt." if isinstance(exc, StoreError) else
                         f"Ändringen kunde inte sparas: {exc}. Programmet försöker igen av sig självt.")
        return False

    # --- catching up with a change made elsewhere (desktop/report_sync.py decides) -------------

    def merge(self, theirs: Report, count: int) -> Merge:
        """Bring the report up to `theirs` (stored at change count `count`) except where the user has
        unsaved edits: those stay; the ones the other change also made differently are conflicts."""
        result = Merge()
        stored, mine = self._stored, self.report
        for field_id in set(stored["answers"]) | set(theirs.answers) | set(mine.answers) | set(self._answers):
            new = theirs.answer(field_id)
            if field_id in self._answers:
                if new != stored["answers"].get(field_id, "") and new != self._answers[field_id]:
                    result.conflicts.append(("answer", field_id))
            elif mine.answer(field_id) != new:
                mine.set_answer(field_id, new)
                result.answers.add(field_id)
        cells = {(t, r, c) for report in (theirs, mine) for t, rows in report.tables.items()
                 for r, cols in rows.items() for c in cols} | set(self._amounts)
        for key in cells:
            new = theirs.amount(*key)
            if key in self._amounts:
                if new != stored["amounts"].get(key) and new != self._amounts[key]:
                    result.conflicts.append(("amount", key))
            elif mine.amount(*key) != new:
                mine.set_amount(*key, new)
                result.tables.add(key[0])
        for name in _MERGED_META:
            new = getattr(theirs, name)
            if name in self._meta:
                # the status follows the user's edits ("utkast" once edited): never a question of its own
                if name != "status" and new != stored["meta"][name] and new != self._meta[name]:
                    result.conflicts.append(("meta", name))
            elif getattr(mine, name) != new:
                setattr(mine, name, new)
                result.meta.add(name)
        self.base = count
        self._stored = _values(theirs)
        return result

    def keep_mine(self) -> None:
        """The user's text goes over the conflicting change; that change stays in Tidigare versioner."""
        self._keep_mine = True
        self._schedule()

    def take_theirs(self, theirs: Report, conflicts: list[tuple]) -> None:
        """The conflicting questions take the other change's content; the user's unsaved text is kept
        as a version first (Tidigare versioner), so nothing typed is lost."""
        self.store.keep_as_version(self.report.id, "Din osparade text (ersattes av en ändring utanför fönstret)",
                                   answers=self._answers, amounts=self._amounts,
                                   meta={k: v for k, v in self._meta.items() if k in _MERGED_META})
        for kind, key in conflicts:
            if kind == "answer":
                del self._answers[key]
                self.report.set_answer(key, theirs.answer(key))
            elif kind == "amount":
                del self._amounts[key]
                self.report.set_amount(*key, theirs.amount(*key))
            else:
                del self._meta[key]
                setattr(self.report, key, getattr(theirs, key))
        if self.pending:
            self._schedule()


def _values(report: Report) -> dict:
    """A copy of what a report holds, to compare with later."""
    return {"answers": dict(report.answers),
            "amounts": {(t, r, c): a for t, rows in report.tables.items() for r, cols in rows.items()
                        for c, a in cols.items()},
            "meta": {name: getattr(report, name) for name in _MERGED_META}}

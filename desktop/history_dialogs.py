"""What was: Papperskorgen (removed reports), Säkerhetskopior (the database's backups) and a report's Tidigare versioner."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs
from desktop.screen import FittedDialog
from desktop.widgets import button_row, make_button
from desktop.wrapping_list import WrappingList
from forms import times
from forms.numbers import count as count_words
from forms.numbers import file_size
from forms.store import Store
from forms.template import TemplateLibrary


class BinDialog(FittedDialog):
    """Papperskorgen: deleted reports, restorable; emptying asks first. Restoring the last one closes it."""

    restored = Signal(int)  # a report id, back in the list

    def __init__(self, store: Store, library: TemplateLibrary, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.library = library
        self.setWindowTitle("Papperskorgen")
        self.resize(640, 320)
        self.list = QTableWidget(0, 4)
        self.list.setObjectName("bin_list")
        self.list.setHorizontalHeaderLabels(["Rapport", "Område", "År", "Borttagen"])
        self.list.verticalHeader().setVisible(False)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setWordWrap(False)  # "2026-12-04 21:24:10" on one line
        self.list.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            self.list.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        restore = make_button("&Återställ", self.restore_selected, "bin_restore")
        empty = make_button("&Töm papperskorgen…", self.empty_bin, "bin_empty")
        close = make_button("&Stäng", self.accept)
        buttons = button_row([restore, empty], [close])
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        deleted = self.store.list_reports(deleted=True)
        self.list.setRowCount(len(deleted))
        for r, s in enumerate(deleted):
            name = self.library.get(s.template_id, s.revision).type_name
            for c, text in enumerate([name, s.area, str(s.year), s.deleted_at.replace("T", " ")]):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                self.list.setItem(r, c, item)
        if deleted:
            self.list.selectRow(0)

    def restore_selected(self) -> None:
        rows = self.list.selectionModel().selectedRows()
        if rows:
            report_id = rows[0].data(Qt.ItemDataRole.UserRole)
            self.store.restore_report(report_id)
            self.refresh()
            self.restored.emit(report_id)
            if not self.list.rowCount():
                self.accept()  # nothing left to restore: back to the list, where the report is

    def empty_bin(self) -> None:
        count = self.list.rowCount()
        if count and dialogs.ask(self, "Töm papperskorgen",
                                 f"{count_words(count, 'rapport', 'rapporter')} tas bort för alltid. Vill du fortsätta?",
                                 yes="Töm papperskorgen"):
            self.store.empty_bin()
            self.refresh()


class BackupsDialog(FittedDialog):
    """The automatic backups, where they are, and "Återställ från säkerhetskopia…"."""

    def __init__(self, db_path: Path, parent: QWidget | None = None):
        from forms.backup import backup_folder, backup_time, list_backups

        super().__init__(parent)
        self.chosen: Path | None = None
        self.setWindowTitle("Säkerhetskopior")
        self.resize(600, 380)
        folder = backup_folder(db_path)
        where = QLabel(f"Databasen säkerhetskopieras automatiskt varje gång programmet startar och en gång om "
                       f"dagen. De 20 senaste sparas i:\n{folder}")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = QListWidget()
        self.list.setObjectName("backup_list")
        for path in list_backups(folder):
            when = backup_time(path)
            item = QListWidgetItem(f"{times.shown(when, seconds=True)}  ({file_size(path.stat().st_size)})" if when else path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        restore = make_button("&Återställ från säkerhetskopia…", self.restore_selected, "backup_restore")
        restore.setEnabled(self.list.count() > 0)
        open_folder = make_button("Öppna &mappen", lambda: dialogs.open_path(folder, self))
        close = make_button("&Stäng", self.reject)
        buttons = button_row([restore, open_folder], [close])
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def restore_selected(self) -> None:
        item = self.list.currentItem()
        if item and dialogs.ask(
                self, "Återställ från säkerhetskopia",
                f"Databasen återställs till läget {item.text().split('  ')[0]}. Det som finns nu sparas först som "
                "en ny säkerhetskopia, så inget går förlorat. Vill du fortsätta?", yes="Återställ"):
            self.chosen = Path(item.data(Qt.ItemDataRole.UserRole))
            self.accept()


class VersionsDialog(FittedDialog):
    """Tidigare versioner of a report: when, why, what differs from now; restore one."""

    def __init__(self, store: Store, library: TemplateLibrary, report_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.chosen: int | None = None
        self.store = store
        report = store.load_report(report_id)
        template = library.get(report.template_id, report.revision)
        self.setWindowTitle("Tidigare versioner")
        self.resize(720, 420)
        self.list = WrappingList()
        self.list.setObjectName("version_list")
        current = store.versions(report_id)
        now = current[0].snapshot if current else None
        for version in current:
            item = QListWidgetItem(f"{times.shown(version.created_at)} – {version.reason} – "
                                   f"{_difference(template, version.snapshot, now)}")
            item.setData(Qt.ItemDataRole.UserRole, version.id)
            self.list.addItem(item)
        if self.list.count() > 1:
            self.list.setCurrentRow(1)
        restore = make_button("&Återställ vald version", self.restore_selected, "version_restore")
        close = make_button("&Stäng", self.reject)
        buttons = button_row([restore], [close])
        layout = QVBoxLayout(self)
        hint = QLabel("En version sparas för varje minut du skriver och vid varje statusändring. Återställer du en "
                      "version blir läget innan en egen version, så det går att ångra.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def restore_selected(self) -> None:
        item = self.list.currentItem()
        if item is None or self.list.currentRow() == 0:
            dialogs.show_info(self, "Tidigare versioner", "Välj en äldre version; den översta är rapporten som den är nu.")
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()


def _difference(template, snapshot: dict, now: dict | None) -> str:
    """What differs from the current state, in words: "2 svar och 1 belopp skiljer sig från nu"."""
    if now is None or snapshot == now:
        return "samma som nu"
    answers = {k for k in set(snapshot["answers"]) | set(now["answers"])
               if snapshot["answers"].get(k) != now["answers"].get(k)}
    amounts = {tuple(c) for c in snapshot["amounts"]} ^ {tuple(c) for c in now["amounts"]}
    cells = {tuple(c[:3]) for c in amounts}
    parts = []
    if answers:
        labels = []
        for field_id in sorted(answers)[:2]:
            try:
                labels.append(f"”{template.field(field_id).label[:40].rstrip(':')}…”")
            except KeyError:
                labels.append(field_id)
        parts.append(f"{len(answers)} svar ({', '.join(labels)}{' m.fl.' if len(answers) > 2 else ''})")
    if cells:
        parts.append(f"{len(cells)} belopp")
    if snapshot["meta"] != now["meta"]:
        parts.append("status eller underskrift")
    return " och ".join(parts) + " skiljer sig från nu"

"""The sending side's lists: Utkorg (drafts waiting to be sent) and Skickat (what went out, kept as sent)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import copies, dialogs
from desktop.report_actions import ReportActions
from desktop.screen import FittedDialog
from desktop.widgets import button_row, make_button
from desktop.wrapping_list import WrappingList
from forms import times
from forms.numbers import count as count_words
from forms.numbers import file_size
from forms.store import Store


class OutboxDialog(FittedDialog):
    """Utkorgen: drafts created but not yet confirmed as sent (e.g. written offline)."""

    def __init__(self, actions: ReportActions, parent: QWidget | None = None):
        super().__init__(parent)
        self.actions = actions
        self.setWindowTitle("Utkorg")
        self.resize(640, 320)
        self.list = WrappingList()  # a long subject and recipients wrap instead of being cut off
        self.list.setObjectName("outbox_list")
        open_button = make_button("Öppna &igen i e-postprogrammet", self.open_selected)
        files = make_button("Öppna mappen med &filerna", self.open_selected_folder, "outbox_files")
        sent = make_button("&Markera som skickat", self.confirm_selected, "outbox_sent")
        close = make_button("&Stäng", self.accept)
        buttons = button_row([open_button, files, sent], [close])
        from desktop.handoff import PathField

        # Where the chosen draft's files are, to copy: when nothing on the computer opens the folder.
        self.folder = PathField(self.actions.outbox(), "outbox_folder")
        self.list.currentItemChanged.connect(lambda *_: self.folder.set_path(self._selected_folder() or self.actions.outbox()))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("E-postmeddelanden som väntar på att skickas:"))
        layout.addWidget(self.list, 1)
        where = QLabel("Filerna finns i mappen:")
        where.setBuddy(self.folder.field)
        layout.addWidget(where)
        layout.addWidget(self.folder)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for s in self.actions.store.sendings(unconfirmed=True):
            item = QListWidgetItem(f"{s.subject}\nskapat {times.shown(s.created_at)} – till {s.recipients}")
            item.setData(Qt.ItemDataRole.UserRole, (s.id, s.eml_path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def open_selected(self) -> None:
        item = self.list.currentItem()
        if item:
            dialogs.open_path(Path(item.data(Qt.ItemDataRole.UserRole)[1]), self)

    def _selected_folder(self) -> Path | None:
        """The draft's files, beside it in a folder of the same name (desktop/report_actions.py)."""
        item = self.list.currentItem()
        if not item or not item.data(Qt.ItemDataRole.UserRole):
            return None
        eml = Path(item.data(Qt.ItemDataRole.UserRole)[1])
        folder = eml.with_suffix("")
        return folder if folder.is_dir() else eml.parent

    def open_selected_folder(self) -> None:
        folder = self._selected_folder()
        if folder is not None:
            dialogs.open_path(folder, self)

    def confirm_selected(self) -> None:
        item = self.list.currentItem()
        if item:
            self.actions.confirm_sent(item.data(Qt.ItemDataRole.UserRole)[0])
            self.refresh()


class SentDialog(FittedDialog):
    """What was sent to the region for a report: when, to whom, and the exact files (read-only
    copies, with their SHA-256) — proof of what went out."""

    def __init__(self, store: Store, report_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Skickat")
        self.resize(760, 380)
        self.list = WrappingList()
        self.list.setObjectName("sent_list")
        self.details = QCheckBox("Visa &kontrollsummor (SHA-256)")
        self.details.setObjectName("sent_details")
        self.details.toggled.connect(lambda _: self._fill(report_id))
        self._fill(report_id)
        self.list.itemActivated.connect(lambda _: self.open_selected())
        open_button = make_button("Ö&ppna filen", self.open_selected)
        close = make_button("&Stäng", self.accept)
        buttons = button_row([open_button], [close])
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)

    def _fill(self, report_id: int) -> None:
        """When, to whom and which files first; the checksums only on request (details on demand)."""
        self.list.clear()
        for sending in self.store.sendings(report_id):
            state = (f"Skickat {times.shown(sending.confirmed_at)}" if sending.confirmed_at
                     else f"Väntar i utkorgen sedan {times.shown(sending.created_at)}")
            header = QListWidgetItem(f"{state} – till {sending.recipients} – {count_words(len(sending.files), 'fil', 'filer')}\n"
                                     f"{sending.subject}")
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.list.addItem(header)
            for f in sending.files:
                text = f"    {f.name}  ({file_size(f.size)})"
                item = QListWidgetItem(text + (f"\n    SHA-256 {f.sha256}" if self.details.isChecked() else ""))
                item.setToolTip(f"SHA-256 {f.sha256}")
                item.setData(Qt.ItemDataRole.UserRole, (sending.id, f.name))
                self.list.addItem(item)
        if not self.list.count():
            self.list.addItem("Inget har skickats för den här rapporten ännu.")

    def open_selected(self) -> Path | None:
        """Open a read-only copy of the file exactly as it was sent."""
        item = self.list.currentItem()
        data = item.data(Qt.ItemDataRole.UserRole) if item else None
        if not data:
            return None
        sending_id, name = data
        return copies.open_record(self, name, self.store.sent_file(sending_id, name))

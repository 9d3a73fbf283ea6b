"""Dialogs around a report: its bilagor (with drag and drop), and the outbox of unsent drafts."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs, settings
from desktop.report_actions import ReportActions


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(size // 1024, 1)} kB"


class AttachmentsDialog(QDialog):
    """Bilagor: files copied into the report, listed in the Word export and sent with the email."""

    def __init__(self, actions: ReportActions, report_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.actions = actions
        self.report_id = report_id
        self.setWindowTitle("Bilagor")
        self.resize(560, 360)
        self.setAcceptDrops(True)
        self.list = QListWidget()
        self.list.setObjectName("attachment_list")
        self.list.setAccessibleName("Bilagor")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemActivated.connect(lambda _: self.open_selected())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        hint = QLabel("Dra filer hit eller klicka på Lägg till. Filerna kopieras in i rapporten, så det gör "
                      "inget om originalet flyttas.")
        hint.setWordWrap(True)
        add = QPushButton("&Lägg till…")
        add.clicked.connect(self.add_from_dialog)
        remove = QPushButton("&Ta bort")
        remove.setObjectName("attachment_remove")
        remove.clicked.connect(self.remove_selected)
        open_button = QPushButton("&Öppna")
        open_button.clicked.connect(self.open_selected)
        close = QPushButton("&Stäng")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (add, remove, open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for a in self.actions.store.attachments(self.report_id):
            item = QListWidgetItem(f"{a.name}  ({_size(a.size)})")
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.list.addItem(item)

    def add_files(self, paths: list[Path]) -> None:
        refused = self.actions.add_attachments(self.report_id, paths)
        self.message.setText("\n".join(refused))
        self.refresh()

    def add_from_dialog(self) -> None:
        paths = dialogs.choose_open_paths(self, "Lägg till bilagor", settings.last_folder())
        if paths:
            settings.remember_folder(paths[0].parent)
            self.add_files(paths)

    def _selected_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def remove_selected(self) -> None:
        attachment_id = self._selected_id()
        if attachment_id is not None:
            self.actions.store.remove_attachment(attachment_id)
            self.refresh()

    def open_selected(self) -> None:
        attachment_id = self._selected_id()
        if attachment_id is None:
            return
        name = self.list.currentItem().text().rsplit("  (", 1)[0]
        folder = Path(tempfile.mkdtemp(prefix="avtal-bilaga-"))
        path = folder / name
        path.write_bytes(self.actions.store.attachment_content(attachment_id))
        dialogs.open_path(path)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        self.add_files([p for p in paths if p.is_file()])
        event.acceptProposedAction()


class OutboxDialog(QDialog):
    """Utkorgen: drafts created but not yet confirmed as sent (e.g. written offline)."""

    def __init__(self, actions: ReportActions, parent: QWidget | None = None):
        super().__init__(parent)
        self.actions = actions
        self.setWindowTitle("Utkorg")
        self.resize(640, 320)
        self.list = QListWidget()
        self.list.setObjectName("outbox_list")
        open_button = QPushButton("Öppna &igen i e-postprogrammet")
        open_button.clicked.connect(self.open_selected)
        sent = QPushButton("&Markera som skickat")
        sent.setObjectName("outbox_sent")
        sent.clicked.connect(self.confirm_selected)
        close = QPushButton("&Stäng")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(open_button)
        buttons.addWidget(sent)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("E-postmeddelanden som väntar på att skickas:"))
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for s in self.actions.store.sendings(unconfirmed=True):
            item = QListWidgetItem(f"{s.subject} – skapat {s.created_at.replace('T', ' ')[:16]} – till {s.recipients}")
            item.setData(Qt.ItemDataRole.UserRole, (s.id, s.eml_path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def open_selected(self) -> None:
        item = self.list.currentItem()
        if item:
            dialogs.open_path(Path(item.data(Qt.ItemDataRole.UserRole)[1]))

    def confirm_selected(self) -> None:
        item = self.list.currentItem()
        if item:
            self.actions.confirm_sent(item.data(Qt.ItemDataRole.UserRole)[0])
            self.refresh()


class SettingsDialog(QDialog):
    """Recipients of "Skicka till regionen"."""

    def __init__(self, default_to: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Inställningar")
        self.resize(560, 0)
        stored = settings.settings_store()
        self.to = QLineEdit(str(stored.value("send/to", "")))
        self.to.setPlaceholderText(", ".join(default_to))
        self.to.setObjectName("settings_to")
        self.cc = QLineEdit(str(stored.value("send/cc", "")))
        self.cc.setPlaceholderText("t.ex. socialnamnden.centrum@goteborg.se, forskolenamnden@goteborg.se")
        self.cc.setObjectName("settings_cc")
        form = QFormLayout()
        form.addRow("&Till (regionen):", self.to)
        form.addRow("&Kopia till (nämnderna):", self.cc)
        hint = QLabel("Skriv flera adresser med kommatecken emellan. Lämnar du Till tomt används mallens "
                      "adress.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Spara")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def accept(self) -> None:
        stored = settings.settings_store()
        stored.setValue("send/to", ", ".join(settings.split_addresses(self.to.text())))
        stored.setValue("send/cc", ", ".join(settings.split_addresses(self.cc.text())))
        super().accept()

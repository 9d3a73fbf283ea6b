"""Bilagor: the files copied into a report (added, dropped, opened as copies, removed with Ångra)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import copies, dialogs, settings
from desktop.colors import text_style
from desktop.report_actions import ReportActions
from desktop.screen import FittedDialog
from desktop.undo import UndoBar
from desktop.widgets import button_row, make_button
from forms.numbers import file_size


class AttachmentsDialog(FittedDialog):
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
        self.message.setStyleSheet(text_style("error"))
        self.note = QLabel()  # what became of an opened copy
        self.note.setWordWrap(True)
        hint = QLabel("Dra filer hit eller klicka på Lägg till. Filerna kopieras in i rapporten, så det gör "
                      "inget om originalet flyttas.")
        hint.setWordWrap(True)
        add = make_button("&Lägg till…", self.add_from_dialog)
        remove = self.remove_button = make_button("&Ta bort", self.remove_selected, "attachment_remove")
        open_button = self.open_button = make_button("&Öppna", self.open_selected, "attachment_open")
        self.list.itemSelectionChanged.connect(self._update_buttons)
        close = make_button("&Stäng", self.accept)
        buttons = button_row([add, remove, open_button], [close])
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.note)
        self.undo_bar = UndoBar(hide_when_empty=True)
        layout.addWidget(self.undo_bar)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for a in self.actions.store.attachments(self.report_id):
            item = QListWidgetItem(f"{a.name}  ({file_size(a.size)})")
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Ta bort and Öppna only with a bilaga chosen (nothing to act on in an empty list)."""
        chosen = self.list.currentItem() is not None and bool(self.list.selectedItems())
        self.remove_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)

    def add_files(self, paths: list[Path]) -> None:
        refused = self.actions.add_attachments(self.report_id, paths)
        self.message.setText("\n".join(refused))
        self.refresh()

    def add_from_dialog(self) -> None:
        paths = dialogs.choose_open_paths(self, "Lägg till bilagor", settings.last_folder("bilaga"))
        if paths:
            settings.remember_folder(paths[0].parent, "bilaga")
            self.add_files(paths)

    def _selected_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def remove_selected(self) -> None:
        """Remove at once, without asking; Ångra in the bar below the list puts it back."""
        attachment_id = self._selected_id()
        if attachment_id is None:
            return
        removed = self.actions.store.remove_attachment(attachment_id)
        self.refresh()

        def put_back() -> str:
            self.actions.store.put_back_attachment(removed)
            self.refresh()
            return f"Bilagan {removed.name} är tillbaka."

        self.undo_bar.offer(f"Bilagan {removed.name} togs bort.", put_back)

    def open_selected(self) -> Path | None:
        attachment_id = self._selected_id()
        if attachment_id is None:
            return None
        from forms.clean import safe_attachment_name

        name = self.list.currentItem().text().rsplit("  (", 1)[0]
        # the stored name cleaned again: a crafted "../x" or "C:\\x" can only name a file in the copy's folder
        path = copies.open_copy(safe_attachment_name(name), self.actions.store.attachment_content(attachment_id),
                                read_only=False, attachment_id=attachment_id)
        self.note.setText(f"{path.name} öppnades som en kopia. Om du ändrar och sparar den frågar vi, när du "
                          "är tillbaka i Bilagor, om ändringarna ska sparas i rapporten.")
        dialogs.open_path(path, self)
        return path

    def offer_changes(self) -> list[int]:
        """Copies of this report's bilagor edited since they were opened (also from an earlier
        dialog): ask, for each, whether the report keeps the change. Returns the bilagor changed."""
        ours = {a.id for a in self.actions.store.attachments(self.report_id)}
        answers = copies.offer_edited_bilagor(self, self.actions.store, ours)
        for name, _, saved in answers:
            self.note.setText(f"Ändringarna i {name} är sparade i rapporten." if saved else
                              f"Bilagan {name} i rapporten är som förut; ändringarna finns bara i kopian.")
        kept = [attachment_id for _, attachment_id, saved in answers if saved]
        if kept:
            self.refresh()
        return kept

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.offer_changes()  # back from Word

    def done(self, result: int) -> None:
        self.offer_changes()
        super().done(result)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        self.add_files([p for p in paths if p.is_file()])
        event.acceptProposedAction()

"""Dialogs: a new report, the bin, a report's bilagor (with drag and drop), the outbox, the settings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import copies, dialogs, settings
from desktop.colors import text_style
from desktop.report_actions import ReportActions
from desktop.screen import FittedDialog
from desktop.undo import UndoBar
from desktop.widgets import button_row, make_button
from desktop.wrapping_list import WrappingList
from forms import times
from forms.areas import areas_for
from forms.numbers import count as count_words
from forms.numbers import file_size
from forms.store import Store
from forms.template import TemplateLibrary


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


class SettingsDialog(FittedDialog):
    """Recipients of "Skicka till regionen", and where the backups are."""

    def __init__(self, default_to: tuple[str, ...], backups: Path, parent: QWidget | None = None,
                 own_recipients: list[tuple[str, str]] | None = None):
        """`own_recipients`: (template id, type name) of the report types whose template names no
        recipient (the finance summary goes to the committee secretary)."""
        super().__init__(parent)
        self.setWindowTitle("Inställningar")
        self.setMinimumWidth(480)
        stored = settings.settings_store()
        self.to = QLineEdit(str(stored.value("send/to", "")))
        self.to.setPlaceholderText(", ".join(default_to))
        self.to.setObjectName("settings_to")
        self.cc = QLineEdit(str(stored.value("send/cc", "")))
        self.cc.setPlaceholderText("t.ex. socialnamnden.centrum@goteborg.se, forskolenamnden@goteborg.se")
        self.cc.setObjectName("settings_cc")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("&Till (regionen):", self.to)
        form.addRow("&Kopia till (nämnderna):", self.cc)
        self.own_to: dict[str, QLineEdit] = {}
        for template_id, type_name in own_recipients or []:
            edit = QLineEdit(str(stored.value(f"send/to/{template_id}", "")))
            edit.setObjectName(f"settings_to_{template_id}")
            edit.setPlaceholderText("nämndsekreterarens adress, t.ex. namn.efternamn@goteborg.se")
            label = QLabel(f"Till – {type_name}:")
            label.setWordWrap(True)
            label.setBuddy(edit)
            edit.setAccessibleName(f"Till – {type_name}")
            form.addRow(label, edit)
            self.own_to[template_id] = edit
        hint = QLabel("Skriv flera adresser med kommatecken emellan. Lämnar du Till tomt används mallens "
                      "adress.\n\nSäkerhetskopior av databasen sparas automatiskt i mappen\n"
                      f"{backups}\n(Arkiv → Säkerhetskopior…).")
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
        # Wide enough to show the longest example address whole (FittedDialog keeps it on the screen).
        fields = [self.to, self.cc, *self.own_to.values()]
        label_width = max(form.labelForField(f).sizeHint().width() for f in fields)
        field_width = max(f.fontMetrics().horizontalAdvance(f.placeholderText()) for f in fields) + 30
        self.resize(label_width + field_width + 40, 0)

    def accept(self) -> None:
        from forms.addresses import AddressError

        try:
            to = settings.split_addresses(self.to.text())
            cc = settings.split_addresses(self.cc.text())
            own = {template_id: settings.split_addresses(edit.text()) for template_id, edit in self.own_to.items()}
        except AddressError as exc:
            dialogs.show_warning(self, "Adressen går inte att använda", f"{exc}\n\nInget har sparats.")
            return
        stored = settings.settings_store()
        stored.setValue("send/to", ", ".join(to))
        stored.setValue("send/cc", ", ".join(cc))
        for template_id, addresses in own.items():
            stored.setValue(f"send/to/{template_id}", ", ".join(addresses))
        stored.sync()
        if stored.status() != stored.Status.NoError:  # a full disk or a write-protected profile
            dialogs.show_error(self, "Inställningarna kunde inte sparas",
                               "Adresserna kunde inte sparas (disken är full eller skrivskyddad). De gäller bara "
                               "tills programmet stängs. Frigör utrymme och spara igen.")
            return
        super().accept()


def default_report_year(today: date, plan: bool = False) -> int:
    """Follow-ups are written after the year: from October on, this year; before that, last year.
    Action plans are written before it: from June on, next year's; before that, this year's."""
    if plan:
        return today.year + 1 if today.month >= 6 else today.year
    return today.year if today.month >= 10 else today.year - 1


class NewReportDialog(FittedDialog):
    """Choose type, area and year; hands back plain data."""

    def __init__(self, library: TemplateLibrary, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.setWindowTitle("Ny rapport")
        self.kind = QComboBox()
        self.kind.setObjectName("new_kind")
        for template_id, name in library.types():
            self.kind.addItem(name, template_id)
        self.year = QSpinBox()
        self.year.setObjectName("new_year")
        self.year.setRange(2015, 2100)
        self.year.setValue(default_report_year(today))
        self.area = QComboBox()
        self.area.setObjectName("new_area")
        self.area.setEditable(True)
        self.area.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.area_hint = QLabel()
        self.area_hint.setWordWrap(True)
        self.area_hint.setStyleSheet(text_style("muted"))
        form = QFormLayout()
        form.addRow("&Typ av rapport:", self.kind)
        form.addRow("&År som rapporten gäller:", self.year)
        form.addRow("&Område:", self.area)
        form.addRow("", self.area_hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Skapa")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.message = QLabel()
        self.message.setStyleSheet(text_style("error"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.today = today
        self.kind.currentIndexChanged.connect(self._default_year)
        self.kind.currentIndexChanged.connect(self._update_areas)
        self.year.valueChanged.connect(self._update_areas)
        self._update_areas()

    def _default_year(self) -> None:
        """The year a report of the chosen type is usually written for now."""
        newest = max((t for t in self.library if t.id == self.kind.currentData()), key=lambda t: t.first_year)
        plan = newest.deadline is not None and newest.deadline.years_after < 0
        self.year.setValue(default_report_year(self.today, plan))

    def _update_areas(self) -> None:
        template = self.library.for_year(self.kind.currentData(), self.year.value())
        current = self.area.currentText()
        self.area.clear()
        self.area.addItems(areas_for(template.area_word))
        self.area.setEditText(current)
        self.area_hint.setText(
            f"Mallen för {self.year.value()} gäller {template.area_word} och parterna "
            f"{template.parties['region']} och {template.parties['city']}. Du kan också skriva ett annat namn.")

    def _accept(self) -> None:
        if not self.area.currentText().strip():
            self.message.setText("Välj eller skriv in ett område.")
            return
        self.accept()

    def choice(self) -> dict:
        return {"template_id": self.kind.currentData(), "area": self.area.currentText().strip(),
                "year": self.year.value()}


class FromPreviousDialog(FittedDialog):
    """"Skapa från förra året": what is copied and what is not, and the area when next year's
    revision has other areas (the stadsdel's stadsområde pre-selected)."""

    def __init__(self, old_name: str, year: int, choice, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Skapa från förra året")
        text = QLabel(
            f"En ny rapport för {year} skapas från {old_name}.\n\n"
            "Området, namnet på den som sammanställer och budgetkolumnerna i den ekonomiska redovisningen "
            "kopieras. Det som blev kvar förra året förs inte över till Ingående medel: det betalas tillbaka "
            "(Återbetalning), så årets ingående medel är den nya tilldelningen – kontrollera beloppen.\n\n"
            "Svaren börjar tomma; förra årets svar visas bredvid varje fråga när du vill.")
        text.setWordWrap(True)
        self.area = QComboBox()
        self.area.setObjectName("previous_area")
        self.area.setEditable(True)
        self.area.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.area.addItems(choice.areas)
        self.area.setEditText(choice.suggested)
        self.area.setAccessibleName(f"{choice.area_word.capitalize()} för {year}")
        self.message = QLabel()
        self.message.setStyleSheet(text_style("error"))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        if choice.must_choose:
            ask = QLabel(f"Mallen för {year} gäller {choice.area_word} i stället för det område rapporten gällde. "
                         f"Välj vilket {choice.area_word} den nya rapporten gäller:")
            ask.setWordWrap(True)
            form = QFormLayout()
            form.addRow(f"&{choice.area_word.capitalize()}:", self.area)
            layout.addWidget(ask)
            layout.addLayout(form)
            layout.addWidget(self.message)
        else:
            self.area.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Skapa")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not self.chosen_area():
            self.message.setText("Välj eller skriv in ett område.")
            return
        self.accept()

    def chosen_area(self) -> str:
        return self.area.currentText().strip()


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
        from forms.clean import safe_attachment_name

        sending_id, name = data
        path = copies.open_copy(safe_attachment_name(name), self.store.sent_file(sending_id, name), read_only=True)
        dialogs.open_path(path, self)
        return path

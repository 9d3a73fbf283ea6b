"""The report list: every report with its status and deadline, and the actions on them.

Dialogs, the wizard and the export code are imported when first used, to keep start-up short; so is
PySide's `Qt` namespace: naming it makes PySide build its ~90 enums (~14 ms, more than a tenth of a bare
Qt window's whole start), so the code that runs before the list is shown does without it
(tests/desktop/test_startup_imports.py).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs, settings
from desktop.report_list import ListRow, ReportTable
from desktop.screen import fit_on_screen, remember_size, remembered_size
from desktop.undo import UndoBar
from forms import times
from forms.errors import UserError
from forms.numbers import count
from forms.report import STATUS_LABELS, Report, deadline, deadline_state
from forms.store import Store, StoreError
from forms.template import TemplateLibrary

if TYPE_CHECKING:
    from desktop.report_actions import ReportActions

LIST_POLL_MS = 2000  # how soon the list shows a report another program imported
COLUMNS = ["Rapport", "Område", "År", "Status", "Sista dag", "Senast ändrad"]


class MainWindow(QMainWindow):
    reports_changed = Signal()

    def __init__(self, store: Store, library: TemplateLibrary, today: date | None = None):
        super().__init__()
        self.store = store
        self.library = library
        self.today = today or date.today()
        self.wizards: dict = {}  # report id -> its open ReportWizard
        self._actions = None  # ReportActions, made on first use (see `actions`)
        self.setWindowTitle("Avtalsuppföljning")
        self._fitted = False
        self._build_actions()
        self.table = ReportTable(COLUMNS)
        self.table.setObjectName("report_list")
        self.table.setAccessibleName("Rapporter")
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        self.table.itemSelectionChanged.connect(self._update_actions)
        self.empty = self._empty_state()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        self.setCentralWidget(self.stack)
        self.setStatusBar(UndoBar(self))
        self.setAcceptDrops(True)  # Word reports dropped on the list (or the empty page) are imported
        self.refresh()
        # another program (import-mail on the command line) may add or change reports: the list follows
        self.change_poll = QTimer(self)
        self.change_poll.setInterval(LIST_POLL_MS)
        self.change_poll.timeout.connect(self._follow_changes)
        self.change_poll.start()

    @property
    def actions(self) -> ReportActions:
        """Export, print, attach and send (desktop/report_actions.py): imported and made when first
        used, not at start-up (its imports cost the report list ~6 ms)."""
        if self._actions is None:
            from desktop.report_actions import ReportActions

            self._actions = ReportActions(self.store, self.library, self, go_to_field=self.open_at_field)
        return self._actions

    def _build_actions(self) -> None:
        def action(text: str, slot, shortcut=None, name="") -> QAction:
            a = QAction(text, self)
            a.setObjectName(name)
            a.triggered.connect(slot)
            if shortcut:  # a QKeySequence.StandardKey: every binding the platform has for it
                a.setShortcuts(shortcut)
            return a

        self.new_action = action("&Ny rapport…", self.new_report, QKeySequence.StandardKey.New, "new")
        self.open_action = action("&Öppna", self.open_selected, None, "open")
        self.copy_action = action("Skapa från &förra året", self.create_from_previous, None, "from_previous")
        self.delete_action = action("&Ta bort", self.delete_selected, QKeySequence.StandardKey.Delete, "delete")
        self.bin_action = action("&Papperskorgen…", self.show_bin, None, "bin")
        self.demo_action = action("Visa &exempelrapport", self.add_demo, None, "demo")
        self.word_action = action("Exportera till &Word…", lambda: self.export_selected("docx"),
                                  None, "export_docx")
        self.excel_action = action("Exportera till &Excel…", lambda: self.export_selected("xlsx"),
                                   None, "export_xlsx")
        self.pdf_action = action("Spara som P&DF…", lambda: self.export_selected("pdf"),
                                 None, "export_pdf")
        self.print_action = action("Skriv &ut…", lambda: self._with_selected(self.actions.print_report),
                                   QKeySequence.StandardKey.Print, "print")
        self.attachments_action = action("&Bilagor…", self.show_attachments, None, "attachments")
        self.send_action = action("&Skicka till regionen…", self.send_selected, None, "send")
        self.outbox_action = action("Ut&korg…", self.show_outbox, None, "outbox")
        self.sent_action = action("Skicka&t…", self.show_sent, None, "sent")
        self.settings_action = action("&Inställningar…", self.show_settings, None, "settings")
        self.backups_action = action("&Säkerhetskopior…", self.show_backups, None, "backups")
        self.import_json_action = action("Importera &rapportfil (JSON)…", self.import_json, None, "import_json")
        self.versions_action = action("Tidigare &versioner…", self.show_versions, None, "versions")
        self.receive_action = action("&Importera mottagna rapporter…", self.receive_reports, None, "receive")
        self.consolidate_action = action("&Sammanställning…", self.show_consolidation, None, "consolidate")
        self.received_files_action = action("&Mottagna filer…", self.show_received_files, None, "received_files")
        self.import_word_action = action("Importera &Word-rapport…", self.import_word_report, None, "import_docx")
        self.import_folder_action = action("Importera &mapp med Word-rapporter…", self.import_word_folder, None,
                                           "import_docx_folder")
        toolbar = QToolBar("Rapporter")
        toolbar.setMovable(False)  # its actions have no icons: Qt shows their text
        for a in (self.new_action, self.open_action, self.copy_action, self.delete_action):
            toolbar.addAction(a)
        toolbar.addSeparator()
        export_menu = QMenu("Exportera", self)
        for a in (self.word_action, self.excel_action, self.pdf_action):
            export_menu.addAction(a)
        export_button = QToolButton()
        export_button.setText("Exportera")
        export_button.setObjectName("export_menu")
        export_button.setMenu(export_menu)
        export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button = export_button
        toolbar.addWidget(export_button)
        for a in (self.print_action, self.attachments_action, self.send_action):
            toolbar.addAction(a)
        toolbar.addSeparator()
        toolbar.addAction(self.bin_action)
        toolbar.addAction(self.demo_action)
        self.addToolBar(toolbar)
        menu = self.menuBar().addMenu("&Arkiv")
        for a in (self.new_action, self.open_action, self.copy_action, self.delete_action, self.bin_action,
                  self.demo_action):
            menu.addAction(a)
        menu.addSeparator()
        menu.addAction(self.import_word_action)
        menu.addAction(self.import_folder_action)
        menu.addAction(self.import_json_action)
        menu.addSeparator()
        menu.addAction(self.backups_action)
        menu.addAction(self.settings_action)
        menu.addAction(action("&Avsluta", self.close, QKeySequence.StandardKey.Quit, "quit"))
        report_menu = self.menuBar().addMenu("&Rapport")
        for a in (self.word_action, self.excel_action, self.pdf_action, self.print_action,
                  self.attachments_action, self.send_action, self.outbox_action, self.sent_action,
                  self.versions_action):
            report_menu.addAction(a)
        received_menu = self.menuBar().addMenu("&Mottaget")  # the receiving side (region, central coordinator)
        for a in (self.receive_action, self.consolidate_action, self.received_files_action):
            received_menu.addAction(a)
        tools_menu = self.menuBar().addMenu("&Verktyg")
        self.spelling_action = action("&Stavningskontroll", self.toggle_spelling, None, "spelling")
        self.spelling_action.setCheckable(True)
        self.spelling_action.setChecked(settings.spelling_enabled())
        tools_menu.addAction(self.spelling_action)

    def toggle_spelling(self, on: bool) -> None:
        """Verktyg → Stavningskontroll: red underlines in every answer, on or off (kept in the settings)."""
        from desktop.spelling import spell_service

        service = spell_service()
        service.set_enabled(on)
        if on and service.error:
            self.statusBar().showMessage(service.error, 15000)

    def _empty_state(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addStretch(1)
        text = QLabel("<h2 align=center>Inga rapporter ännu</h2><p align=center>Börja med en ny rapport. Allt du "
                      "skriver sparas automatiskt på den här datorn.</p>")
        layout.addWidget(text)
        row = QHBoxLayout()
        row.addStretch(1)
        new = QPushButton("Ny rapport…")
        new.setObjectName("empty_new")
        new.setAutoDefault(True)  # Enter presses it when it has the focus, as in a dialog
        new.clicked.connect(self.new_report)
        box.setFocusProxy(new)  # on a first start the keyboard waits on "Ny rapport…"
        demo = QPushButton("Visa exempelrapport (Lundby 2022)")
        demo.setObjectName("empty_demo")
        demo.setAutoDefault(True)
        demo.clicked.connect(self.add_demo)
        row.addWidget(new)
        row.addWidget(demo)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return box

    # --- list -------------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        self._seen = self.store.change_token()
        select_id = select_id if select_id is not None else self.selected_id()
        summaries = self.store.list_reports()
        self.table.set_rows(self._list_rows(summaries))
        if select_id is not None:
            for r, s in enumerate(summaries):
                if s.id == select_id:
                    self.table.selectRow(r)
                    break
        self.table.resizeColumnsToContents()
        # the room left over goes to the last column, not to the report type's
        self.table.horizontalHeader().setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.stack.setCurrentWidget(self.table if summaries else self.empty)
        if summaries and self.selected_id() is None:
            self.table.selectRow(0)
        self._update_actions()

    def _follow_changes(self) -> None:
        """Refresh the list when anything was written since it was drawn (one PRAGMA otherwise)."""
        try:
            changed = self.store.change_token() != self._seen
        except Exception:  # noqa: BLE001 - the store is being closed or replaced: the next refresh says why
            return
        if changed:
            self.refresh()

    def _list_rows(self, summaries) -> list[ListRow]:
        """The list's texts; type, deadline and its state are worked out once per type, year and
        status, not once per report (a receiving database holds thousands)."""
        per_kind: dict[tuple, tuple[str, str, str]] = {}
        rows = []
        for s in summaries:
            key = (s.template_id, s.revision, s.year, s.status)
            kind = per_kind.get(key)
            if kind is None:
                template = self.library.get(s.template_id, s.revision)
                due = deadline(template, s.year)
                state = deadline_state(due, s.status, self.today)
                due_text = (due.isoformat() if due else "–") + {"past": " (passerad)", "soon": " (snart)"}.get(state, "")
                kind = per_kind[key] = (template.type_name, due_text, state)
            status = STATUS_LABELS[s.status] + (f" {s.sent_date}" if s.status == "skickad" and s.sent_date else "")
            if s.receipts:  # a report an area sent in (forms/receiving.py)
                status = f"Mottagen {times.shown_day(s.received_at)}" + (
                    f" (ersätter {s.receipts - 1} tidigare)" if s.receipts > 1 else "")
            changed = times.shown(s.updated_at)
            rows.append(ListRow(s.id, (kind[0], s.area, str(s.year), status, kind[1], changed), kind[2]))
        return rows

    def selected_id(self) -> int | None:
        return self.table.selected_report_id()

    def _update_actions(self) -> None:
        has = self.selected_id() is not None
        for a in (self.open_action, self.copy_action, self.delete_action, self.word_action, self.excel_action,
                  self.pdf_action, self.print_action, self.attachments_action, self.send_action,
                  self.sent_action, self.versions_action, self.received_files_action):
            a.setEnabled(has)
        self.export_button.setEnabled(has)  # nothing to export on an empty list
        waiting = len(self.store.sendings(unconfirmed=True))
        self.outbox_action.setText(f"Ut&korg ({waiting})…" if waiting else "Ut&korg…")

    def keyPressEvent(self, event) -> None:
        from PySide6.QtCore import Qt

        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self.open_selected()
            return
        super().keyPressEvent(event)

    # --- actions ----------------------------------------------------------------------------

    def new_report(self) -> None:
        from desktop.new_report_dialogs import NewReportDialog

        dialog = NewReportDialog(self.library, self.today, self)
        if not dialogs.run_dialog(dialog):
            return
        choice = dialog.choice()
        template = self.library.for_year(choice["template_id"], choice["year"])
        report = Report(template.id, template.revision, choice["area"], choice["year"])
        from forms.summary import has_sources, prefill, sources_for

        if has_sources(template):  # the committee's summary starts from the area's reports of the year
            found = prefill(template, report, sources_for(self.store, template, report.area, report.year),
                            self.library)
            self.statusBar().showMessage(
                f"Beloppen hämtades från {count(len(found), 'rapport', 'rapporter')} för {report.area} {report.year}." if found
                else f"Inga rapporter för {report.area} {report.year} finns i programmet: fyll i beloppen.", 10000)
        self._create_and_open(report)

    def create_from_previous(self) -> None:
        report_id = self.selected_id()
        if report_id is None:
            return
        from desktop.new_report_dialogs import FromPreviousDialog
        from forms.report import title
        from forms.yearly import area_choice, report_from_previous

        previous = self.store.load_report(report_id)
        old_template = self.library.get(previous.template_id, previous.revision)
        dialog = FromPreviousDialog(title(old_template, previous), previous.year + 1,
                                    area_choice(previous, self.library), self)
        if not dialogs.run_dialog(dialog):
            return
        self._create_and_open(report_from_previous(previous, self.library, area=dialog.chosen_area()))

    DEMO_NOTICE = ("<b>Exempelrapport:</b> Lundbys uppföljning av FCA för 2022, som den lämnades in och "
                   "publicerades. Flera svar är längre än mallens 600 tecken – så skrev stadsdelen, och regionen tog "
                   "emot dem. Gränsen är en rekommendation: varningarna (⚠) hindrar inte att rapporten markeras som "
                   "klar. Prova gärna att ändra; det här är en egen kopia.")

    def add_demo(self) -> None:
        from forms.demo import demo_report

        wizard = self._create_and_open(demo_report(self.library))
        if wizard is not None:
            wizard.notice.show_notice(self.DEMO_NOTICE)

    def _create_and_open(self, report: Report):
        try:
            report_id = self.store.create_report(report)
        except StoreError as exc:
            dialogs.show_error(self, "Rapporten kunde inte skapas", str(exc))
            return None
        self.refresh(report_id)
        return self.open_report(report_id)

    # --- importing Word reports ---------------------------------------------------------------

    def import_word_report(self) -> None:
        from desktop import settings

        paths = dialogs.choose_word_files(self, "Importera Word-rapport", settings.last_folder("import"))
        if paths:
            settings.remember_folder(paths[0].parent, "import")
            self.import_word_paths(paths)

    def import_word_folder(self) -> None:
        from desktop import settings

        folder = dialogs.choose_folder(self, "Importera mapp med Word-rapporter", settings.last_folder("import"))
        if folder is not None:
            settings.remember_folder(folder, "import")
            self.import_word_paths([folder])

    def dragEnterEvent(self, event) -> None:
        if _dropped_word_paths(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if _dropped_word_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = _dropped_word_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_word_paths(paths)

    def import_word_paths(self, paths: list) -> None:
        """One file: the preview, then a new report. Several files or a folder: each imported without
        a preview, with a summary line per file."""
        if len(paths) == 1 and not paths[0].is_dir():
            self._import_one_word_file(paths[0])
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        from forms.word_import import import_files, outcomes_summary

        # Each document takes a moment (~0.1 s): a bar with Avbryt, so fifty files do not look like a
        # program that hangs; what was imported before Avbryt stays, the rest is left alone.
        bar = QProgressDialog("Importerar Word-dokument…", "Avbryt", 0, 1, self)
        bar.setWindowTitle("Importera Word-rapporter")
        bar.setWindowModality(Qt.WindowModality.WindowModal)
        bar.setMinimumDuration(400)
        bar.setAutoClose(False)
        bar.setAutoReset(False)

        def progress(done: int, total: int, name: str) -> None:
            bar.setMaximum(max(total, 1))
            bar.setLabelText(f"Importerar {name} ({done + 1} av {total})…" if name else "")
            bar.setValue(done)  # a window-modal bar lets Avbryt be pressed here

        try:
            outcomes = import_files(paths, self.store, self.library, progress=progress, cancelled=bar.wasCanceled)
        finally:
            stopped, total = bar.wasCanceled(), bar.maximum()
            bar.close()
            bar.deleteLater()
        imported = [o for o in outcomes if o.status in ("importerad", "granska")]
        self.refresh(imported[-1].report_id if imported else None)
        if not outcomes and not stopped:
            dialogs.show_info(self, "Importera Word-rapporter", "Inga Word-dokument (.docx) hittades.")
            return
        summary = outcomes_summary(outcomes)
        if stopped:
            summary = (f"Avbrutet efter {len(outcomes)} av {total} dokument; de övriga är inte importerade. "
                       + summary)
        dialogs.show_info(self, "Importera Word-rapporter", summary + "\n\n" + "\n".join(o.line for o in outcomes))

    def _import_one_word_file(self, path) -> None:
        from desktop.word_import_dialog import WordImportDialog
        from forms.word_import import WordImportError, earlier_imports, match_document
        from forms.word_reader import WordReadError, read_docx

        try:
            document = read_docx(path)
        except WordReadError as exc:
            dialogs.show_error(self, "Word-dokumentet kan inte importeras", str(exc))
            return
        copy_chosen = bool(earlier_imports(self.store, document.data, document))  # asked below: "en ny kopia"
        if not self._import_again(path, document):
            return
        try:
            result = match_document(document, self.library)
        except WordImportError:  # like no template: the preview lets the user choose one
            template_id, _ = self.library.types()[0]
            result = match_document(document, self.library, template_id=template_id)
            result.warnings.insert(0, "Dokumentet liknar ingen av mallarna. Välj mall, område och år ovan och "
                                      "kontrollera vad som hittades.")
        dialog = WordImportDialog(document, result, self.library, self)
        if not dialogs.run_dialog(dialog):
            return
        result = dialog.import_result()
        existing = None if copy_chosen else self._existing_for(result)
        if existing is False:
            return
        try:
            if existing is not None:
                self.store.import_as_version(existing.id, result.report, [(path.name, document.data)],
                                             imported_from=result.source)
                report_id = existing.id
            else:
                report_id = self.store.create_report(result.report, [(path.name, document.data)],
                                                     imported_from=result.source)
        except StoreError as exc:
            dialogs.show_error(self, "Rapporten kunde inte skapas", str(exc))
            return
        self.refresh(report_id)
        self._say_imported([report_id], "från " + path.name + ("; en ny version – det rapporten hade förut finns "
                                                               "i historiken" if existing is not None else
                                                               "; dokumentet finns bland bilagorna"))

    def _existing_for(self, result):
        """A report of the same type, area and year already in the list: ask whether to open it, import
        the document as its new version (its present state kept in the history) or as a separate copy.
        The existing report's summary for a new version, None for a new report, False to stop."""
        from forms.word_import import existing_report

        existing = existing_report(self.store, result.template_id, result.area, result.year)
        if existing is None:
            return None
        name = f"{self.library.get(result.template_id, result.revision).type_name} {existing.area} {result.year}"
        choice = dialogs.choose(
            self, "Rapporten finns redan",
            f"Det finns redan en rapport {name} i listan. Vill du öppna den, importera dokumentet som en ny version "
            "av den (det den har nu sparas i historiken och kan återställas), eller som en separat kopia?",
            ["Öppna den befintliga rapporten", "Importera som ny version", "Importera som separat kopia", "Avbryt"])
        if choice == 0:
            self.refresh(existing.id)
            self.open_report(existing.id)
        if choice == 1:
            return existing
        if choice == 2:
            return None
        return False

    def _import_again(self, path, document) -> bool:
        """A document imported before: open that report (restored from the bin when it lies there)
        or, when the user says so, go on and import a second copy. True to go on."""
        from forms.report import list_name
        from forms.word_import import earlier_imports

        earlier = earlier_imports(self.store, document.data, document)
        if not earlier:
            return True
        copy = earlier[0]
        name = list_name(self.library, copy)
        when = times.shown(copy.imported_at)
        what = (f"”{path.name}” importerades {when} som {name}." if copy.same_bytes else
                f"”{path.name}” har samma innehåll som ”{copy.source_name}”, som importerades {when} som {name}. "
                "Filen har sparats om sedan dess, men inget i texten har ändrats.")
        if copy.in_bin:
            what += " Rapporten ligger i Papperskorgen."
            first = "Återställ och öppna den"
        else:
            first = "Öppna den befintliga rapporten"
        choice = dialogs.choose(self, "Dokumentet är redan importerat",
                                what + "\n\nVill du öppna den rapporten, eller importera dokumentet en gång till "
                                "som en ny rapport?", [first, "Importera en ny kopia", "Avbryt"])
        if choice == 1:
            return True
        if choice == 0:
            try:
                if copy.in_bin:
                    self.store.restore_report(copy.report_id)
            except StoreError as exc:
                dialogs.show_error(self, "Rapporten kunde inte återställas", str(exc))
                return False
            self.refresh(copy.report_id)
            self.open_report(copy.report_id)
        return False

    def open_selected(self) -> None:
        report_id = self.selected_id()
        if report_id is not None:
            self.open_report(report_id)

    def open_report(self, report_id: int):
        from PySide6.QtCore import Qt

        from desktop.wizard import ReportWizard  # the wizard's widgets load when a report is opened

        wizard = self.wizards.get(report_id)
        if wizard is None:
            wizard = ReportWizard(self.store, self.library, report_id, actions=self.actions)
            wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            wizard.report_saved.connect(lambda _id: self.refresh())
            wizard.finished.connect(lambda _result, rid=report_id: self._wizard_closed(rid))
            self.wizards[report_id] = wizard
        wizard.show()
        wizard.raise_()
        wizard.activateWindow()
        return wizard

    def open_at_field(self, report_id: int, field_id: str) -> None:
        self.open_report(report_id).go_to_field(field_id)

    def _wizard_closed(self, report_id: int) -> None:
        self.wizards.pop(report_id, None)
        self.refresh()

    def delete_selected(self) -> None:
        report_id = self.selected_id()
        if report_id is None:
            return
        if report_id in self.wizards:
            self.wizards[report_id].close()
        self.store.delete_report(report_id)
        self.refresh()
        # Delete does not ask: it moves the report to the bin and offers Ångra in the status bar.
        self.statusBar().offer("Rapporten flyttades till papperskorgen (Arkiv → Papperskorgen).",
                               lambda: self._undo_delete(report_id))
        self._undo_offered_for = report_id  # withdrawn when it comes back through Papperskorgen

    def _undo_delete(self, report_id: int) -> str:
        self.store.restore_report(report_id)
        self.refresh(report_id)
        return "Rapporten är tillbaka."
    @property
    def status_line(self):
        """News with buttons in the status bar (desktop/status_line.py): Sparad with Öppna and Visa i
        mappen; made when first needed (Ångra is the status bar's own, desktop/undo.py)."""
        if getattr(self, "_status_line", None) is None:
            from desktop.status_line import StatusLine

            self._status_line = StatusLine(self)
            self.statusBar().addPermanentWidget(self._status_line, 1)
            self.statusBar().show()  # made after the window was shown: Qt does not show it by itself
        return self._status_line

    def export_selected(self, fmt: str) -> None:
        """Export the chosen report; where it went, with Öppna and Visa i mappen, in the status bar."""
        report_id = self.selected_id()
        if report_id is None or (report_id in self.wizards and not self.wizards[report_id].saved_or_told()):
            return
        target = self.actions.export(report_id, fmt)
        if target is not None:
            self.status_line.saved(target)

    def _with_selected(self, function, *args) -> None:
        report_id = self.selected_id()
        if report_id is None:
            return
        if report_id in self.wizards and not self.wizards[report_id].saved_or_told():
            return  # export what is on the screen, or nothing: not a file without the latest edits
        function(report_id, *args)

    def show_attachments(self) -> None:
        from desktop.attachments_dialog import AttachmentsDialog

        self._with_selected(lambda report_id: dialogs.run_dialog(AttachmentsDialog(self.actions, report_id, self)))
        self.refresh()

    def send_selected(self) -> None:
        self._with_selected(self.actions.send)
        self.refresh()

    def show_outbox(self) -> None:
        from desktop.sending_dialogs import OutboxDialog

        dialogs.run_dialog(OutboxDialog(self.actions, self))
        self.refresh()

    def show_sent(self) -> None:
        from desktop.sending_dialogs import SentDialog

        self._with_selected(lambda report_id: dialogs.run_dialog(SentDialog(self.store, report_id, self)))

    def receive_reports(self) -> None:
        from desktop.receiving_view import ReceiveDialog

        dialogs.run_dialog(ReceiveDialog(self.store, self.library, self))
        self.refresh()

    def show_consolidation(self) -> None:
        from desktop.receiving_view import ConsolidationDialog

        selected = self.selected_id()
        report = self.store.load_report(selected) if selected is not None else None
        year = report.year if report else self.today.year - 1
        dialogs.run_dialog(ConsolidationDialog(self.store, self.library, year, self,
                                               report.template_id if report else None))

    def show_received_files(self) -> None:
        from desktop.receiving_view import ReceivedFilesDialog

        self._with_selected(lambda report_id: dialogs.run_dialog(ReceivedFilesDialog(self.store, report_id, self)))

    def show_settings(self) -> None:
        from collections import Counter

        from desktop.settings_dialog import SettingsDialog
        from forms.backup import backup_folder

        # The region's address most report types use (hsn.goteborg@…), not whichever template is newest.
        defaults = Counter(t.recipients for t in self.library if t.recipients).most_common(1)[0][0]
        own = sorted({(t.id, t.type_name) for t in self.library if not t.recipients})
        dialogs.run_dialog(SettingsDialog(defaults, backup_folder(self.store.path), self, own_recipients=own))

    # --- backups and versions ---------------------------------------------------------------

    def schedule_backups(self) -> None:
        """A backup just after start, and another each day the app stays open."""
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(60 * 60 * 1000)
        self.backup_timer.timeout.connect(lambda: self.backup_now(only_if_none_today=True))
        self.backup_timer.start()
        QTimer.singleShot(1500, self.backup_now)

    def backup_now(self, only_if_none_today: bool = False):
        from forms.backup import backup_folder, has_backup_from, take_backup

        if only_if_none_today and has_backup_from(backup_folder(self.store.path), date.today()):
            return None
        try:
            path = take_backup(self.store)
        except (OSError, StoreError) as exc:
            self.statusBar().showMessage(f"Säkerhetskopian kunde inte göras: {exc}", 15000)
            return None
        return path

    def import_json(self) -> list[int]:
        """Add reports from JSON files (a rescue file, or a report from another laptop)."""
        from forms.interchange import read_report_text, report_from_json

        added = []
        paths = dialogs.choose_open_paths(self, "Importera rapportfil", settings.last_folder("import"))
        if paths:
            settings.remember_folder(paths[0].parent, "import")
        for path in paths:
            warnings: list[str] = []
            try:
                report = report_from_json(read_report_text(path), self.library, warnings)
                added.append(self.store.create_report(report))
            except UserError as exc:
                dialogs.show_error(self, "Rapportfilen kunde inte importeras",
                                   f"{path.name}: {exc}\n\nInget har ändrats i databasen.")
                continue
            if warnings:
                dialogs.show_warning(self, "Rapportfilen är importerad med ändringar", "\n".join(warnings))
        if added:
            self.refresh(added[-1])
            self._say_imported(added, "från rapportfil")
        return added

    def _say_imported(self, report_ids: list[int], source: str) -> None:
        """What an import made, by name (type, area, year), with Öppna for it, in the status line."""
        names = []
        for report_id in report_ids:
            report = self.store.load_report(report_id)
            template = self.library.get(report.template_id, report.revision)
            names.append(template.render(template.file_name, report.area, report.year))  # "Uppföljning FCA Lundby 2022"
        shown = ", ".join(names[:3]) + (f" och {len(names) - 3} till" if len(names) > 3 else "")
        self.status_line.say(f"Importerad: {shown} ({source})",
                             [("Öppna", "imported_open", lambda: self.open_report(report_ids[-1]))],
                             topic=("imported", report_ids[-1]))

    def show_backups(self) -> None:
        from desktop.history_dialogs import BackupsDialog

        dialog = BackupsDialog(self.store.path, self)
        if dialogs.run_dialog(dialog) and dialog.chosen is not None:
            self.restore_from_backup(dialog.chosen)

    def restore_from_backup(self, backup) -> bool:
        """Replace the database with a backup: the current state is backed up first."""
        from forms.backup import restore_backup

        for wizard in list(self.wizards.values()):
            wizard.close()
        path = self.store.path
        self.store.close()
        try:
            restore_backup(backup, path)
        except (OSError, StoreError) as exc:
            dialogs.show_error(self, "Säkerhetskopian kunde inte återställas", str(exc))
            return False
        finally:
            self.store = Store(path)
            self._actions = None  # made again on the restored database
            self.refresh()
        self.statusBar().showMessage("Säkerhetskopian är återställd. Det som fanns innan sparades som en ny "
                                     "säkerhetskopia.", 10000)
        return True

    def show_versions(self) -> None:
        report_id = self.selected_id()
        if report_id is None:
            return
        from desktop.history_dialogs import VersionsDialog

        if report_id in self.wizards:
            self.wizards[report_id].saver.flush()
        dialog = VersionsDialog(self.store, self.library, report_id, self)
        if dialogs.run_dialog(dialog) and dialog.chosen is not None:
            if report_id in self.wizards:
                self.wizards[report_id].close()
            self.store.restore_version(dialog.chosen)
            self.refresh(report_id)
            self.statusBar().showMessage("Rapporten är återställd. Läget innan finns kvar bland versionerna.", 10000)

    def show_bin(self) -> None:
        from desktop.history_dialogs import BinDialog

        dialog = BinDialog(self.store, self.library, self)
        dialog.restored.connect(self._restored_from_bin)
        dialogs.run_dialog(dialog)
        self.refresh()

    def _restored_from_bin(self, report_id: int) -> None:
        """The list behind shows it at once; an Ångra for its deletion has nothing left to undo."""
        self.refresh(report_id)
        if getattr(self, "_undo_offered_for", None) == report_id:
            self.statusBar()._expire()

    STYLE_DELAY_MS = 250

    def showEvent(self, event) -> None:
        if not self._fitted:  # the size the user last chose, within today's screen
            self._fitted = True
            # Room for Å, Ä, Ö in every row (desktop/style.py), once the list is up: its QStyle subclass
            # costs the start ~9 ms (PySide6 makes QStyle's enums) and the list's 30 px rows do not need it.
            QTimer.singleShot(self.STYLE_DELAY_MS, self, _install_row_style)
            fit_on_screen(self, remembered_size("main", QSize(1000, 560)))
            # The keyboard starts in the list (Enter opens the selected report), not on a toolbar button.
            (self.table if self.stack.currentWidget() is self.table else self.empty).setFocus()
        super().showEvent(event)

    def closeEvent(self, event) -> None:
        for wizard in list(self.wizards.values()):
            if not wizard.close():  # it holds edits that could not be saved and the user chose to stay
                event.ignore()
                return
        from desktop import copies

        copies.offer_edited_bilagor(self, self.store, None, closing=True)  # before their copies are removed
        remember_size("main", self)
        super().closeEvent(event)


def _install_row_style() -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.style import install_style

    install_style(QApplication.instance())


WORD_DROP_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm", ".doc")


def _dropped_word_paths(mime) -> list:
    """The Word files and folders in a drag; nothing when anything else is dragged."""
    from pathlib import Path

    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    if paths and all(p.is_dir() or p.suffix.lower() in WORD_DROP_SUFFIXES for p in paths):
        return paths
    return []

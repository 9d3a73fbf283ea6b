"""The receiving side in the app: "Importera mottagna rapporter…" (with progress, cancellable), the
files a report arrived with (read-only), and the Sammanställning view with its Excel and Word exports.

The work is done by forms/receiving.py, forms/consolidation.py and exports/consolidation.py.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs, settings
from desktop.colors import color, text_style
from desktop.widgets import button_row, make_button
from desktop.wrapping_list import WrappingList
from forms import times
from forms.consolidation import FIGURE_LABELS, FIGURES, STATE_LABELS, Consolidation, consolidate
from forms.numbers import file_size, format_amount
from forms.store import Store
from forms.template import PARTIES, TemplateLibrary


class ReceiveDialog(QDialog):
    """Choose saved emails, report files or folders; import them one report at a time, with a
    progress bar and Avbryt; then every item's outcome (or why it was not imported)."""

    def __init__(self, store: Store, library: TemplateLibrary, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.library = store, library
        self.paths: list[Path] = []
        self.outcomes: list = []
        self.stop_requested = False
        self.running = False
        self.setWindowTitle("Importera mottagna rapporter")
        self.resize(760, 460)
        intro = QLabel("Välj sparade e-postmeddelanden (.eml, eller .msg dragna ur Outlook), rapportfiler (.json, "
                       ".docx) eller en mapp med sådana. Varje rapport importeras hel eller inte alls; samma rapport som kommer igen "
                       "ersätter den äldre, som sparas som version.")
        intro.setWordWrap(True)
        self.chosen = QListWidget()
        self.chosen.setObjectName("chosen")
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setFormat("%v av %m")
        self.progress.hide()
        self.status = QLabel("")
        self.result = QPlainTextEdit()
        self.result.setObjectName("result")
        self.result.setReadOnly(True)
        self.result.hide()
        self.add_files_button = make_button("Lägg till &filer…", self.add_files, "add_files")
        self.add_folder_button = make_button("Lägg till &mapp…", self.add_folder, "add_folder")
        self.import_button = make_button("&Importera", self.run_import, "run_import")
        self.import_button.setEnabled(False)
        self.cancel_button = make_button("&Avbryt", self.cancel, "cancel")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.chosen, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.result, 2)
        layout.addLayout(button_row([self.add_files_button, self.add_folder_button],
                                     [self.import_button, self.cancel_button]))

    def add_paths(self, paths: list[Path]) -> None:
        for path in paths:
            if path not in self.paths:
                self.paths.append(path)
                self.chosen.addItem(str(path) + (" (mapp)" if path.is_dir() else ""))
        self.import_button.setEnabled(bool(self.paths))

    def add_files(self) -> None:
        self.add_paths(dialogs.choose_open_paths(self, "Välj mottagna rapporter", settings.last_folder("import")))

    def add_folder(self) -> None:
        folder = dialogs.choose_folder(self, "Välj en mapp med mottagna rapporter", settings.last_folder("import"))
        if folder is not None:
            self.add_paths([folder])

    def cancel(self) -> None:
        """While importing: stop after the report being written (it stays whole). Otherwise close."""
        if self.running:
            self.stop_requested = True
            self.status.setText("Avbryter efter den rapport som importeras just nu…")
        else:
            self.reject()

    def closeEvent(self, event) -> None:
        if self.running:  # closing the window while importing means stop, not leave it running
            self.stop_requested = True
            event.ignore()
            return
        super().closeEvent(event)

    def run_import(self) -> list:
        """Read the items in a worker thread (a hostile email can take a while; the window stays
        live and Avbryt stops even inside one file within a fraction of a second) and write each
        report here, in the GUI thread that owns the database, as soon as it has been read."""
        from PySide6.QtWidgets import QApplication

        from forms.receiving import Cancelled, display_name, find_items, read_one, store_one

        self.running, self.stop_requested = True, False
        self.outcomes = []
        for button in (self.add_files_button, self.add_folder_button, self.import_button):
            button.setEnabled(False)
        self.progress.show()
        stop = threading.Event()
        results: queue.Queue = queue.Queue()
        stopped = False
        try:
            items = list(find_items(self.paths))
            self.progress.setMaximum(max(len(items), 1))
            self.progress.setValue(0)

            def work() -> None:  # the worker: reads only, never touches the database or a widget
                try:
                    for path in items:
                        if stop.is_set():
                            break
                        results.put(("reading", path, None))
                        try:
                            read = read_one(path, self.library, cancelled=stop.is_set)
                        except Cancelled:
                            break
                        results.put(("read", path, read))
                finally:
                    results.put(("done", None, None))

            worker = threading.Thread(target=work, name="avtal-mottagning", daemon=True)
            worker.start()
            while True:
                QApplication.processEvents()  # draws the bar, lets Avbryt be pressed
                if self.stop_requested and not stop.is_set():
                    stop.set()
                try:
                    what, path, read = results.get(timeout=0.03)
                except queue.Empty:
                    continue
                if what == "done":
                    break
                if self.stop_requested:
                    continue  # read but not written: untouched, like the rest
                if what == "reading":
                    self.status.setText(f"Importerar {display_name(path)}…")
                    continue
                self.outcomes.append(store_one(self.store, path, read, self.library))
                self.progress.setValue(len(self.outcomes))
            worker.join(timeout=1)
            stopped = self.stop_requested and len(self.outcomes) < len(items)
        except Exception as exc:  # noqa: BLE001 - the window must never be left half-way: say it, keep what was done
            failure = (f"Importen stannade av ett oväntat fel ({type(exc).__name__}). De rapporter som redan "
                       "importerats finns kvar; resten är orörda.")
        else:
            failure = ""
        finally:
            stop.set()
            self.running = False
        self.show_result(stopped, failure)
        if self.paths:
            settings.remember_folder(self.paths[0] if self.paths[0].is_dir() else self.paths[0].parent, "import")
        return self.outcomes

    def show_result(self, stopped: bool, failure: str = "") -> None:
        from forms.receiving import describe

        done = [o for o in self.outcomes if not o.reason]
        refused = [o for o in self.outcomes if o.reason]
        summary = f"{len(done)} importerade eller redan importerade, {len(refused)} inte importerade."
        if stopped:
            summary = (f"Avbrutet efter {len(self.outcomes)} av {self.progress.maximum()} filer. "
                       "De som inte hanns med är orörda. " + summary)
        self.status.setText(f"{failure} {summary}" if failure else summary)
        self.result.setPlainText("\n".join(describe(o) for o in refused + done))
        self.result.show()
        self.cancel_button.setText("&Stäng")


class ReceivedFilesDialog(QDialog):
    """Each arrival of a received report: when, from whom, and the original files (read-only)."""

    def __init__(self, store: Store, report_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Mottagna filer")
        self.resize(760, 380)
        self.list = WrappingList()
        self.list.setObjectName("received_list")
        for receipt in store.receipts(report_id):
            header = QListWidgetItem(
                f"{times.shown(receipt.received_at)} från {receipt.sender} – {receipt.source_name} – "
                + ("gällande" if receipt.is_current else "tidigare inskick (finns bland versionerna)")
                + (f"\n    {receipt.notes}" if receipt.notes else ""))
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(header)
            for f in receipt.files:
                item = QListWidgetItem(f"    {f.name}  ({file_size(f.size)})")
                item.setData(Qt.ItemDataRole.UserRole, (receipt.id, f.name))
                self.list.addItem(item)
        if not self.list.count():
            self.list.addItem("Rapporten är inte mottagen från ett område; den är skriven här.")
        self.list.itemActivated.connect(lambda _: self.open_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(button_row([make_button("Ö&ppna filen", self.open_selected)], [make_button("&Stäng", self.accept)]))

    def open_selected(self) -> Path | None:
        """Open a read-only copy of the file exactly as it arrived."""
        item = self.list.currentItem()
        data = item.data(Qt.ItemDataRole.UserRole) if item else None
        if not data:
            return None
        from desktop import copies

        receipt_id, name = data
        return copies.open_record(self, name, self.store.received_file(receipt_id, name))


class ConsolidationDialog(QDialog):
    """Sammanställning: one report type and year across the areas, figures and answers side by side."""

    def __init__(self, store: Store, library: TemplateLibrary, year: int, parent: QWidget | None = None,
                 template_id: str | None = None):
        super().__init__(parent)
        self.store, self.library = store, library
        self.result: Consolidation | None = None
        self.setWindowTitle("Sammanställning")
        self.resize(1100, 640)
        self.type_box = QComboBox()
        self.type_box.setObjectName("type")
        for type_id, name in library.types():
            self.type_box.addItem(name, type_id)
        if template_id:
            self.type_box.setCurrentIndex(max(self.type_box.findData(template_id), 0))
        self.year_box = QSpinBox()
        self.year_box.setObjectName("year")
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(year)
        type_label, year_label = QLabel("&Rapporttyp:"), QLabel("&År:")
        type_label.setBuddy(self.type_box)
        year_label.setBuddy(self.year_box)
        top = QHBoxLayout()
        for widget in (type_label, self.type_box, year_label, self.year_box):
            top.addWidget(widget)
        top.addStretch(1)
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)

        self.figures = QTableWidget()
        self.figures.setObjectName("figures")
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.verticalHeader().setVisible(False)
        self.checks = WrappingList()
        self.checks.setObjectName("checks")
        figures_page = QSplitter(Qt.Orientation.Vertical)
        figures_page.addWidget(self.figures)
        checks_box = QWidget()
        checks_layout = QVBoxLayout(checks_box)
        checks_layout.setContentsMargins(0, 0, 0, 0)
        self.totals_note = QLabel()
        self.totals_note.setObjectName("totals_note")
        self.totals_note.setWordWrap(True)
        self.totals_note.setStyleSheet(text_style("error"))
        checks_layout.addWidget(self.totals_note)
        checks_layout.addWidget(QLabel("<b>Kontroller</b> (samma som i varje rapport: summor, 50/50, utfall över medlen, "
                                       "delvis ifyllda tabeller)"))
        checks_layout.addWidget(self.checks)
        figures_page.addWidget(checks_box)
        figures_page.setStretchFactor(0, 3)
        figures_page.setStretchFactor(1, 1)

        self.questions = WrappingList()
        self.questions.setObjectName("questions")
        self.answers = QTableWidget()
        self.answers.setObjectName("answers")
        self.answers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.answers.setWordWrap(True)
        self.answers.verticalHeader().setVisible(False)
        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.question_label)
        right_layout.addWidget(self.answers, 1)
        answers_page = QSplitter(Qt.Orientation.Horizontal)
        answers_page.addWidget(self.questions)
        answers_page.addWidget(right)
        answers_page.setSizes([300, 800])
        self.questions.currentRowChanged.connect(self.show_question)

        self.tabs = QTabWidget()
        self.tabs.addTab(figures_page, "Siffror per &område")
        self.tabs.addTab(answers_page, "&Frågor och svar")
        excel = make_button("Exportera till &Excel…", lambda: self.export("xlsx"), "export_xlsx")
        word = make_button("Exportera till &Word…", lambda: self.export("docx"), "export_docx")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        from desktop.status_line import StatusLine

        self.status_line = StatusLine()  # "Sparad: …" with Öppna and Visa i mappen after an export
        layout.addWidget(self.status_line)
        layout.addLayout(button_row([excel, word], [make_button("&Stäng", self.accept, "close")]))
        self.type_box.currentIndexChanged.connect(lambda _: self.refresh())
        self.year_box.valueChanged.connect(lambda _: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        result = consolidate(self.store, self.library, self.type_box.currentData(), self.year_box.value())
        self.result = result
        expected = [r for r in result.rows if r.expected]
        got = [r for r in expected if not r.missing]
        self.heading.setText(
            f"<b>{result.title}</b> – {len(got)} av {len(expected)} {result.template.area_word}n har rapporterat"
            + (f". <span style='color:{color('error').name()}'>Saknas: {', '.join(result.missing)}.</span>" if result.missing else ".")
            + f" Belopp i {result.unit}.")
        self._fill_figures(result)
        self.checks.clear()
        for row in result.rows:
            for check in row.checks:
                self.checks.addItem(f"{row.area}: {check}")
        if not self.checks.count():
            self.checks.addItem("Inga avvikelser i rapporterna.")
        current = max(self.questions.currentRow(), 0)
        self.questions.blockSignals(True)
        self.questions.clear()
        for number, question in enumerate(result.questions, start=1):
            self.questions.addItem(f"{number}. {question.label}")
        self.questions.blockSignals(False)
        if result.questions:
            self.questions.setCurrentRow(min(current, len(result.questions) - 1))
            self.show_question(self.questions.currentRow())

    def _fill_figures(self, result: Consolidation) -> None:
        headers = ["Område", "Status", "Mottagen"] + [
            f"{FIGURE_LABELS[f]}\n{result.party_label(p)}" for f in FIGURES for p in PARTIES]
        self.figures.clear()
        self.figures.setColumnCount(len(headers))
        self.figures.setHorizontalHeaderLabels(headers)
        self.figures.setRowCount(len(result.rows) + 1)
        decimals = 1 if result.unit == "tkr" else 0
        bold = QFont()
        bold.setBold(True)

        def put(r: int, c: int, text: str, right: bool = False, font: QFont | None = None) -> None:
            item = QTableWidgetItem(text)
            if right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if font is not None:
                item.setFont(font)
            self.figures.setItem(r, c, item)

        for r, row in enumerate(result.rows):
            state = STATE_LABELS.get(row.state, row.state)
            put(r, 0, row.area + ("" if row.expected else " (ej i områdeslistan)"))
            put(r, 1, state, font=bold if row.missing else None)
            put(r, 2, times.shown_day(row.received_at))
            for c, (f, p) in enumerate(((f, p) for f in FIGURES for p in PARTIES), start=3):
                value = row.figures.get(p, {}).get(f)
                put(r, c, format_amount(value, decimals) if value is not None else "", right=True)
            if row.missing:
                self.figures.item(r, 1).setForeground(color("error"))
        total = len(result.rows)
        note = result.incomplete_note()
        put(total, 0, "Summa staden (ofullständig)" if note else "Summa staden", font=bold)
        self.figures.item(total, 0).setToolTip(note)
        self.totals_note.setText(note)
        self.totals_note.setVisible(bool(note))
        for c, (f, p) in enumerate(((f, p) for f in FIGURES for p in PARTIES), start=3):
            value = result.totals[p][f]
            put(total, c, format_amount(value, decimals) if value is not None else "", right=True, font=bold)
        self.figures.resizeColumnsToContents()
        self.figures.horizontalHeader().setStretchLastSection(False)

    def show_question(self, index: int) -> None:
        if self.result is None or not 0 <= index < len(self.result.questions):
            return
        question = self.result.questions[index]
        self.question_label.setText(f"<b>{index + 1}. {question.label}</b><br><i>{question.section}</i>")
        rows = self.result.rows
        self.answers.clear()
        self.answers.setColumnCount(len(rows))
        self.answers.setRowCount(1)
        self.answers.setHorizontalHeaderLabels([r.area for r in rows])
        for c, row in enumerate(rows):
            text = question.answers.get(row.area, "") or ("(rapport saknas)" if row.missing else "(inget svar)")
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.answers.setItem(0, c, item)
        self.answers.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.answers.resizeRowsToContents()

    def export(self, fmt: str) -> Path | None:
        import io

        from exports.consolidation import write_consolidation_docx, write_consolidation_xlsx
        from exports.files import ExportError, write_bytes_safely

        result = self.result
        if result is None:
            return None
        findings = result.personal_numbers()
        if findings:
            from forms.personal_data import describe

            if not dialogs.ask(self, "Personuppgifter i sammanställningen?",
                               describe(findings) + "\n\nTa bort numret ur områdets rapport, eller exportera ändå om "
                               "det inte är ett personnummer.", yes="Exportera ändå"):
                return None
        names = {"xlsx": "Excel-arbetsbok (*.xlsx)", "docx": "Word-dokument (*.docx)"}
        suggested = settings.last_folder("export") / f"{result.title}.{fmt}"
        target = dialogs.choose_save_path(self, "Spara sammanställningen", suggested, names[fmt])
        if target is None:
            return None
        if target.suffix.lower() != f".{fmt}":
            target = target.with_name(target.name + f".{fmt}")
        if target.exists() and not dialogs.ask(self, "Filen finns redan",
                                               f"{target.name} finns redan i {target.parent}. Vill du ersätta den?",
                                               yes="Ersätt"):
            return None
        buffer = io.BytesIO()
        (write_consolidation_xlsx if fmt == "xlsx" else write_consolidation_docx)(result, buffer)
        try:
            write_bytes_safely(target, buffer.getvalue())
        except ExportError as exc:
            dialogs.show_error(self, "Kunde inte spara", str(exc))
            return None
        settings.remember_folder(target.parent, "export")
        self.status_line.saved(target)
        return target

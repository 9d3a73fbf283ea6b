"""Importera Word-rapport: the preview of what a Word document will become, before anything is saved.

Every question of the recognised template with the answer that will be imported (or "hittades inte"),
the amounts, the sums that disagree with the document's own, the document text that matched no
question, and the template, area and year — which the user can correct; the document is then read
again against them. The dialog hands back the import result; the main window stores it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.colors import color, text_style
from exports.content import shown_decimals
from forms.areas import areas_for
from forms.economics import amount_text
from forms.numbers import count
from forms.template import TemplateLibrary
from forms.word_import import NOT_FOUND, WordImport, match_document
from forms.word_reader import WordDocument

NO_YEAR = 1999  # the year box's "not read" value, shown as "–"


class WordImportDialog(QDialog):
    def __init__(self, document: WordDocument, result: WordImport, library: TemplateLibrary,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.document, self.result, self.library = document, result, library
        self.setWindowTitle(f"Importera Word-rapport – {document.name}")
        self.resize(980, 680)
        self.template = QComboBox()
        self.template.setObjectName("import_template")
        for t in library:
            self.template.addItem(f"{t.type_name} (mall {t.revision})", f"{t.id}|{t.revision}")
        self.area = QComboBox()
        self.area.setObjectName("import_area")
        self.area.setEditable(True)
        self.area.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.year = QSpinBox()
        self.year.setObjectName("import_year")
        self.year.setRange(NO_YEAR, 2100)
        self.year.setSpecialValueText("–")
        form = QFormLayout()
        form.addRow("&Mall:", self.template)
        form.addRow("&Område:", self.area)
        form.addRow("&År:", self.year)
        self.status = QLabel()
        self.status.setObjectName("import_status")
        self.status.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("import_preview")
        self.tree.setAccessibleName("Förhandsgranskning av importen")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Fråga / belopp", "Importeras", "Anmärkning"])
        self.tree.setColumnWidth(0, 470)
        self.tree.setColumnWidth(1, 300)
        self.tree.setUniformRowHeights(True)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("import_detail")
        self.detail.setAccessibleName("Hela texten")
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("Välj en rad för att se hela texten.")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setSizes([480, 140])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Importera som ny rapport")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self._show_choices(result)
        self.template.currentIndexChanged.connect(self._rematch)
        self.year.valueChanged.connect(self._rematch)
        self.area.editTextChanged.connect(self._area_changed)
        self.tree.currentItemChanged.connect(self._show_detail)
        self._fill(result)

    # --- the recognised template, area and year ---------------------------------------------

    def _show_choices(self, result: WordImport) -> None:
        widgets = (self.template, self.year, self.area)
        for w in widgets:
            w.blockSignals(True)
        if result.template_id:
            self.template.setCurrentIndex(self.template.findData(f"{result.template_id}|{result.revision}"))
        self.year.setValue(result.year or NO_YEAR)
        template = self._template()
        self.area.clear()
        self.area.addItems(areas_for(template.area_word))
        self.area.setEditText(result.area or "")
        for w in widgets:
            w.blockSignals(False)

    def _template(self):
        template_id, revision = self.template.currentData().split("|")
        return self.library.get(template_id, revision)

    def _rematch(self) -> None:
        template = self._template()
        year = self.year.value() if self.year.value() != NO_YEAR else None
        area = self.area.currentText().strip() or None
        self.result = match_document(self.document, self.library, template_id=template.id,
                                     revision=template.revision, area=area, year=year)
        self.result.candidates = self.result.candidates or []
        self._fill(self.result)

    def _area_changed(self, text: str) -> None:
        self._rematch()

    # --- the preview -------------------------------------------------------------------------

    def _fill(self, result: WordImport) -> None:
        self.tree.clear()
        counts = result.counts()
        bold = QFont()
        bold.setBold(True)

        def group(title: str) -> QTreeWidgetItem:
            item = QTreeWidgetItem(self.tree, [title])
            item.setFont(0, bold)
            item.setFirstColumnSpanned(True)
            item.setExpanded(True)
            return item

        def row(parent, first: str, second: str, note: str = "", detail: str = "", color: QColor | None = None):
            item = QTreeWidgetItem(parent, [first, _one_line(second), note])
            item.setData(0, Qt.ItemDataRole.UserRole, detail or second)
            item.setToolTip(0, first)
            if color is not None:
                for column in (1, 2):
                    item.setForeground(column, QBrush(color))
            return item

        if result.warnings:
            warnings = group("Att observera")
            for text in result.warnings:
                row(warnings, text, "", "", text, color("warning"))
        if result.sum_checks:
            sums = group(f"Summor i dokumentet: {len(result.mismatches)} stämmer inte" if result.mismatches
                         else "Summor i dokumentet: alla stämmer")
            for c in result.sum_checks:
                document, computed = self._amounts(c.table_id, c.row_id, c.document_value, c.computed)
                row(sums, c.label, f"dokumentet {document}, beräknat {computed}",
                    c.message and "stämmer inte", c.message or c.label, color("warning") if c.message else color("ok"))
        if result.unmatched:
            unmatched = group(f"Text i dokumentet som inte hörde till någon fråga: {count(len(result.unmatched), 'stycke', 'stycken')}"
                              " (importeras inte)")
            for text in result.unmatched:
                row(unmatched, _one_line(text), "", "importeras inte", text, color("warning"))
        sections: dict[str, QTreeWidgetItem] = {}
        found = group(f"Frågor: {counts['found']} av {counts['questions']} hittades i dokumentet")
        for q in result.questions:
            parent = sections.get(q.section)
            if parent is None:
                parent = sections[q.section] = QTreeWidgetItem(found, [q.section])
                parent.setFirstColumnSpanned(True)
                parent.setExpanded(True)
            if not q.found:
                row(parent, q.label, NOT_FOUND, "", q.label, color("error")).setFont(1, _italic())
            else:
                shown = q.shown or "(tomt)"
                note = q.note or ("" if q.score >= 95 else f"frågan skiljer sig något ({q.score:.0f} %)")
                row(parent, q.label, shown, note,
                    f"{q.label}\n\nI dokumentet: {q.document_label}\n\nImporteras:\n{q.shown}",
                    color("warning") if note else None)
        amounts = group(f"Belopp: {counts['amounts_read']} av {counts['amounts_present']} ifyllda belopp lästes")
        for a in result.amounts:
            shown = self._amounts(a.table_id, a.row_id, a.value)[0] if a.value is not None else ("" if a.found else NOT_FOUND)
            row(amounts, a.label, shown, a.note, a.label, color("warning") if a.note else None)
        self._update_status(result)

    def _amounts(self, table_id: str, row_id: str, *values) -> list[str]:
        """Amounts of one table as the report shows them: its unit's decimals (a kr table `3 669 000`,
        tkr `1 553,5`), more only where a figure has more, `Underskott 202,4` in the refund row."""
        table = self.library.get(self.result.template_id, self.result.revision).field(table_id).table
        decimals = shown_decimals(table.decimals, values)
        return [amount_text(v, decimals, table.row(row_id).role) if v is not None else "" for v in values]

    def _update_status(self, result: WordImport) -> None:
        problems = []
        if result.ambiguous:
            problems.append("Dokumentet kan vara flera mallar ("
                            + ", ".join(c.name for c in result.candidates) + "): kontrollera mallen ovan.")
        if result.missing:
            problems.append(f"Ange {' och '.join(result.missing)} ovan: det kunde inte läsas ur dokumentet.")
        if result.needs_look and not problems:
            problems.append("Granska de markerade raderna innan du importerar.")
        text = result.summary() + ". " + " ".join(problems) if problems else \
            result.summary() + ". Allt i dokumentet hittades; rapporten skapas som en ny rapport med dokumentet som bilaga."
        self.status.setText(text)
        self.status.setStyleSheet(text_style("warning" if problems else "ok"))
        self.ok.setEnabled(result.report is not None)

    def _show_detail(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        self.detail.setPlainText(current.data(0, Qt.ItemDataRole.UserRole) or "" if current else "")

    def import_result(self) -> WordImport:
        """What to store: the latest reading with the user's template, area and year."""
        return self.result


def _one_line(text: str, length: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _italic() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font

"""Importera Word-rapport: the preview of what a Word document will become, before anything is saved.

Every question of the recognised template with the answer that will be imported (or "hittades inte")
and how sure its match is (säker / trolig / osäker, the reason in the row's tooltip and the text below),
the amounts, the sums that disagree with the document's own, the document text that matched no
question, and the template, area and year — which the user can correct; the document is then read
again against them. An unsure match (a heading that only partly fits the question) is proposed with
an unticked box: it is imported only when ticked. A proposed answer or a paragraph without a question
can be moved to another free-text question ("Flytta texten till frågan"). The dialog hands back the
import result; the main window stores it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
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
from forms.word_import import NOT_FOUND, UNSURE, WordImport, match_document
from forms.word_reader import WordDocument

NO_YEAR = 1999  # the year box's "not read" value, shown as "–"
FIELD_ROLE = Qt.ItemDataRole.UserRole + 1  # a question row's field id
TEXT_ROLE = Qt.ItemDataRole.UserRole + 2  # a row whose text can be moved: (text, the field it is proposed for or None)
NO_QUESTION = "(ingen fråga – importeras inte)"


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
        self.area_note = QLabel()
        self.area_note.setObjectName("import_area_note")
        self.area_note.setWordWrap(True)
        self.area.setMinimumWidth(220)
        area_row = QHBoxLayout()
        area_row.addWidget(self.area)
        area_row.addWidget(self.area_note, 1)
        area_label = QLabel("&Område:")
        area_label.setBuddy(self.area)
        form = QFormLayout()
        form.addRow("&Mall:", self.template)
        form.addRow(area_label, area_row)
        form.addRow("&År:", self.year)
        self.status = QLabel()
        self.status.setObjectName("import_status")
        self.status.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("import_preview")
        self.tree.setAccessibleName("Förhandsgranskning av importen")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Fråga / belopp", "Importeras", "Anmärkning", "Säkerhet"])
        self.tree.setColumnWidth(0, 400)
        self.tree.setColumnWidth(1, 280)
        self.tree.setColumnWidth(2, 190)
        self.tree.setUniformRowHeights(True)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("import_detail")
        self.detail.setAccessibleName("Hela texten")
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("Välj en rad för att se hela texten.")
        self.move_to = QComboBox()
        self.move_to.setObjectName("import_move_to")
        self.move_to.setAccessibleName("Fråga att flytta texten till")
        self.move_button = QPushButton("&Flytta texten till frågan")
        self.move_button.setObjectName("import_move")
        self.move_button.clicked.connect(self._move_text)
        move_row = QHBoxLayout()
        move_label = QLabel("Markerad text hör till:")
        move_label.setBuddy(self.move_to)
        move_row.addWidget(move_label)
        move_row.addWidget(self.move_to, 1)
        move_row.addWidget(self.move_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(move_row)
        lower_layout.addWidget(self.detail)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(lower)
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
        self.tree.itemChanged.connect(self._ticked)
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
        self._show_area_note(result)
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
        self._show_area_note(self.result)
        self._fill(self.result)

    def _show_area_note(self, result: WordImport) -> None:
        """How sure the area read from the document is ("trolig – området ”Centrum” står i rubriken …")."""
        text = f"{result.area_confidence} – {result.area_reason}" if result.area_confidence else ""
        self.area_note.setText(text)
        self.area_note.setToolTip(text)
        self.area_note.setStyleSheet(text_style("ok" if result.area_confidence == "säker" else "warning") if text else "")

    def _area_changed(self, text: str) -> None:
        self._rematch()

    # --- the preview -------------------------------------------------------------------------

    def _fill(self, result: WordImport, select: tuple[int, str] | None = None) -> None:
        """Show `result`; `select`: the row to make current again, (role, value) of a question or text."""
        self.tree.blockSignals(True)
        try:
            self._fill_tree(result)
        finally:
            self.tree.blockSignals(False)
        self.move_to.clear()
        self.move_to.addItem(NO_QUESTION, None)
        for q in result.movable():
            self.move_to.addItem(_one_line(f"{q.section} – {q.label}", 120), q.field_id)
        current = self._find_row(*select) if select else None
        self.tree.setCurrentItem(current)
        if current is not None:
            self.tree.scrollToItem(current)
        self._show_detail(current)

    def _find_row(self, role: int, value) -> QTreeWidgetItem | None:
        found = self.tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)
        return next((i for i in found if i.data(0, role) == value), None)

    def _fill_tree(self, result: WordImport) -> None:
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
                item = row(unmatched, _one_line(text), "", "importeras inte", text, color("warning"))
                item.setData(0, TEXT_ROLE, (text, None))
        sections: dict[str, QTreeWidgetItem] = {}
        headings = {m.title: m for m in result.sections if m.document_text != m.title}
        found = group(_questions_title(result))
        for q in result.questions:
            parent = sections.get(q.section)
            if parent is None:
                heading = headings.get(q.section)
                title = f"{q.section}   ← ”{heading.document_text}” ({heading.confidence})" if heading else q.section
                parent = sections[q.section] = QTreeWidgetItem(found, [title])
                parent.setFirstColumnSpanned(True)
                parent.setExpanded(True)
                if heading:
                    parent.setToolTip(0, f"{heading.confidence}: {heading.reason}")
                    parent.setData(0, Qt.ItemDataRole.UserRole, f"{q.section}\n\nI dokumentet: {heading.document_text}"
                                                               f"\n\nSäkerhet: {heading.confidence} – {heading.reason}")
            if not q.found:
                item = row(parent, q.label, NOT_FOUND, "", q.label, color("error"))
                item.setFont(1, _italic())
            else:
                shown = q.shown or "(tomt)"
                note = q.note or ("" if q.score >= 95 else f"frågan skiljer sig något ({q.score:.0f} %)")
                if q.proposed:  # the model's note is for the command line; here the box decides
                    note = "osäker – tas med bara om du kryssar i den"
                how = f"\n\nSäkerhet: {q.confidence} – {q.reason}" if q.confidence else ""
                item = row(parent, q.label, shown, note,
                           f"{q.label}\n\nI dokumentet: {q.document_label}{how}\n\n"
                           f"{'Föreslås (importeras bara om rutan är ikryssad)' if q.proposed else 'Importeras'}:\n{q.shown}",
                           color("warning") if note else None)
                item.setText(3, q.confidence)
                item.setToolTip(3, q.reason)
                if q.confidence == UNSURE:
                    item.setForeground(3, QBrush(color("warning")))
                if q.proposed:
                    item.setCheckState(0, Qt.CheckState.Checked if q.accepted else Qt.CheckState.Unchecked)
                    if not q.accepted:
                        item.setFont(1, _italic())
                if q.kind == "text" and q.proposed:
                    item.setData(0, TEXT_ROLE, (q.answer, q.field_id))
            item.setData(0, FIELD_ROLE, q.field_id)
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
        waiting = [q for q in result.questions if q.proposed and not q.accepted]
        if waiting:
            problems.append(f"{count(len(waiting), 'fråga', 'frågor')} hittades bara osäkert: kryssa i de förslag som "
                            "stämmer (annars importeras de inte) eller flytta texten till rätt fråga.")
        if result.needs_look and not problems:
            problems.append("Granska de markerade raderna innan du importerar.")
        text = result.summary() + ". " + " ".join(problems) if problems else \
            result.summary() + ". Allt i dokumentet hittades; rapporten skapas som en ny rapport med dokumentet som bilaga."
        self.status.setText(text)
        self.status.setStyleSheet(text_style("warning" if problems else "ok"))
        self.ok.setEnabled(result.report is not None)

    def _show_detail(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        self.detail.setPlainText(current.data(0, Qt.ItemDataRole.UserRole) or "" if current else "")
        movable = current is not None and current.data(0, TEXT_ROLE) is not None
        self.move_to.setEnabled(movable)
        self.move_button.setEnabled(movable)

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        """A proposed answer ticked (imported) or unticked (left out)."""
        field_id = item.data(0, FIELD_ROLE)
        if column != 0 or not field_id or item.data(0, Qt.ItemDataRole.CheckStateRole) is None:
            return
        self.result.accept(field_id, item.checkState(0) == Qt.CheckState.Checked)
        self.tree.blockSignals(True)  # the row is updated in place: clearing the tree inside its own signal is unsafe
        try:
            item.setFont(1, QFont() if item.checkState(0) == Qt.CheckState.Checked else _italic())
            group = next(self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())
                         if self.tree.topLevelItem(i).text(0).startswith("Frågor:"))
            group.setText(0, _questions_title(self.result))
        finally:
            self.tree.blockSignals(False)
        self._update_status(self.result)

    def _move_text(self) -> None:
        """The selected proposal or text without a question, moved to the question chosen beside it."""
        current = self.tree.currentItem()
        if current is None or current.data(0, TEXT_ROLE) is None:
            return
        text, from_field = current.data(0, TEXT_ROLE)
        to_field = self.move_to.currentData()
        self.result.move_text(text, to_field, from_field)
        self._fill(self.result, (FIELD_ROLE, to_field) if to_field else (TEXT_ROLE, (text, None)))

    def import_result(self) -> WordImport:
        """What to store: the latest reading with the user's template, area and year."""
        return self.result


def _questions_title(result: WordImport) -> str:
    counts = result.counts()
    proposed = f"; {counts['proposed']} osäkra föreslås" if counts["proposed"] else ""
    return f"Frågor: {counts['found']} av {counts['questions']} hittades i dokumentet{proposed}"


def _one_line(text: str, length: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _italic() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font

"""A new report: its type, year and area, or made from last year's (Skapa från förra året)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.colors import text_style
from desktop.screen import FittedDialog
from forms.areas import areas_for
from forms.template import TemplateLibrary


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

"""What every export shows, read once from the template and the report: rendered and cleaned text,
the visible questions with their answers, and the money tables cell by cell.

The Word and Excel writers only decide how this looks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from forms import answers
from forms.clean import clean_text, safe_file_name
from forms.economics import amount_text, table_calc
from forms.report import Report, is_visible
from forms.template import TOTAL_PARTY, Field, Section, Template

YESNO_LABELS = answers.YES_NO_LABELS
UNANSWERED = "(ej besvarat)"
"""Shown for a required question left empty, in every export; an optional one left empty shows nothing."""
SUPERSCRIPT_ONE = "¹"


def render(template: Template, report: Report, text: str) -> str:
    """Template text with the report's area and year filled in, safe for the export's XML."""
    return clean_text(template.render(text, report.area, report.year))


def report_title(template: Template, report: Report) -> str:
    return render(template, report, template.title)


def file_stem(template: Template, report: Report) -> str:
    """The export's file name without extension: `Uppföljning FCA Lundby 2022`."""
    return safe_file_name(render(template, report, template.file_name))


def visible_fields(template: Template, report: Report, section: Section) -> list[Field]:
    return [f for f in section.fields if is_visible(template, report, f.id)]


def has_questions(section: Section) -> bool:
    return any(f.kind != "info" for f in section.fields)


def section_heading(template: Template, report: Report, section: Section) -> str:
    """The section's heading in Word and print, "" when none: the template's first section of only
    fixed text is its preamble (no heading); a heading the section before already printed is not
    repeated (the action plan's three "7 Målsättningar …" pages share one)."""
    printed = ""
    for index, s in enumerate(template.sections):
        heading = render(template, report, s.print_title or s.title)
        shown = "" if (index == 0 and not has_questions(s)) or heading == printed else heading
        if s is section:
            return shown
        printed = heading if shown or heading == printed else printed
    return ""


def landscape_section(section: Section) -> bool:
    """Sections the template prints landscape, and those with the seed's wide activity tables (the
    question as a spanning first column), are landscape pages, in Word and in print."""
    return section.landscape or any(f.kind == "rows" and f.span_heading for f in section.fields)


def repeats_heading(template: Template, report: Report, section: Section, label: str) -> bool:
    """A question whose text is its section's heading ("Övrigt" under "Övrigt") is printed once."""
    return label.strip().rstrip(":") == render(template, report, section.print_title or section.title).strip()


@dataclass(frozen=True)
class Question:
    section: Section
    field: Field
    label: str  # rendered
    answer: str  # as typed, cleaned; "" when unanswered


def questions(template: Template, report: Report) -> Iterator[Question]:
    """Every visible question with one answer (text, yes/no, percent, number), in template order."""
    for section in template.sections:
        for f in visible_fields(template, report, section):
            if f.is_answer:
                yield question(template, report, section, f)


def question(template: Template, report: Report, section: Section, f: Field) -> Question:
    answer = clean_text(report.answer(f.id)).strip()
    return Question(section, f, render(template, report, f.label), answer)


def answer_lines(answer: str) -> list[str]:
    """A free-text answer as the paragraphs the user typed (one per line)."""
    return answer.split("\n") if answer else []


def answer_text(q: Question) -> str:
    """The answer as one plain text: `Nej`, `80 %`, `3,5 åa` or the free text (forms.answers)."""
    return clean_text(answers.answer_text(q.field, q.answer))


def answer_figure(q: Question) -> answers.Figure | None:
    """A number or percentage answer as a number (Excel writes a number cell), else None."""
    return answers.answer_figure(q.field, q.answer)


# --- rows fields (a table of texts, any number of rows) --------------------------------------------


@dataclass(frozen=True)
class RowsView:
    section: Section
    field: Field
    label: str  # the question, rendered
    row_label: str  # what one row is called ("Insats"), rendered
    columns: tuple[str, ...]  # the column labels, rendered
    entries: tuple[tuple[str, ...], ...]  # per row one cleaned text per column, "" when empty

    @property
    def spanning(self) -> bool:
        """Printed as the seed's table: a first column headed `span_heading` holding the label."""
        return bool(self.field.span_heading)

    @property
    def span_heading(self) -> str:
        return clean_text(self.field.span_heading)

    @property
    def widths(self) -> tuple[float, ...]:
        """Column widths as fractions of the text width: single-line columns ("Ansvar") half as wide
        as the others, a spanning first column like a single-line one."""
        weights = [1.0 if c.lines <= 1 else 2.0 for c in self.field.columns]
        if self.spanning:
            weights = [1.2, *weights]
        return tuple(w / sum(weights) for w in weights)


def rows_view(template: Template, report: Report, section: Section, f: Field) -> RowsView:
    columns = tuple(render(template, report, c.label) for c in f.columns)
    entries = []
    for row in answers.stored_rows(report, f):
        texts = tuple(clean_text(str(row.get(c.id) or "")).strip() for c in f.columns)
        if any(texts):
            entries.append(texts)
    return RowsView(section, f, render(template, report, f.label), render(template, report, f.row_label),
                    columns, tuple(entries))


# --- money tables --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeaderGroup:
    label: str
    first: int  # index of its first amount column
    span: int


@dataclass(frozen=True)
class TableCell:
    column_id: str
    applies: bool
    value: Decimal | None  # typed, or computed for sum, refund and total rows and total columns
    total: bool = False  # in a column of row totals ("Summa per år"): the sum of its row
    text: str = ""  # as printed: `1 553,5`, `Underskott 202,4` (forms.economics.amount_text)




@dataclass(frozen=True)
class TableRow:
    id: str
    label: str
    role: str  # funds | cost | sum | refund | memo
    cells: tuple[TableCell, ...]

    @property
    def computed(self) -> bool:
        return self.role in ("sum", "refund")

    @property
    def total(self) -> bool:
        """A sum row: computed (SUMMA, Återbetalning) or typed and checked ("Summa per år")."""
        return self.role in ("sum", "refund", "total")

    @property
    def memo(self) -> bool:
        """A "varav …" row: typed, outside every sum, shown in italics."""
        return self.role == "memo"


@dataclass(frozen=True)
class TableView:
    caption: str
    unit: str
    groups: tuple[HeaderGroup, ...]
    parties: tuple[str, ...]  # one heading per amount column: its own label or its party's
    rows: tuple[TableRow, ...]
    footnote: str  # with its ¹ mark, "" when none
    decimals: int = 1  # tkr with one decimal; whole kronor in the committee's summary
    notes: tuple[str, ...] = ()  # answers printed as notes under the table (the summary's co-financing)



def table_notes(template: Template, report: Report, section: Section) -> list[str]:
    """The lines of the section's answers printed as notes under its table (the summary's
    co-financing), in template order."""
    return [line for f in visible_fields(template, report, section) if f.kind == "text" and f.note
            for line in answer_lines(clean_text(report.answer(f.id)).strip())]


def money_tables(template: Template, report: Report) -> Iterator[tuple[Section, TableView]]:
    for section in template.sections:
        for f in visible_fields(template, report, section):
            if f.kind == "money_table":
                yield section, table_view(template, report, f)


def table_view(template: Template, report: Report, f: Field) -> TableView:
    """One money table as shown: header groups and column headings, rows with typed or computed amounts."""
    table, calc = f.table, table_calc(template, report, f.id)
    groups, first = [], 0
    for group in table.groups:
        span = sum(1 for c in table.columns if c.group == group.id)
        groups.append(HeaderGroup(render(template, report, group.label), first, span))
        first += span
    columns = _columns_by_group(table)
    values = {(row.id, c.id): calc.printed(row.id, c.id) for row in table.rows for c in columns}
    decimals = shown_decimals(table.decimals, values.values())
    rows = tuple(
        TableRow(row.id, row_label(template, report, row), row.role, tuple(
            TableCell(c.id, calc.applies(row.id, c.id), values[row.id, c.id], c.party == TOTAL_PARTY,
                      amount_text(values[row.id, c.id], decimals, row.role))
            for c in columns
        ))
        for row in table.rows
    )
    footnote = render(template, report, table.footnote)
    return TableView(
        caption=render(template, report, f.label),
        unit=clean_text(table.unit),
        groups=tuple(groups),
        parties=tuple(clean_text(template.column_label(c)) for c in columns),
        rows=rows,
        footnote=f"{SUPERSCRIPT_ONE} {footnote}" if footnote else "",
        decimals=decimals,
        notes=(*table_notes(template, report, _section_of(template, f)), *map(clean_text, calc.total_notes())),
    )


def row_label(template: Template, report: Report, row) -> str:
    """The row's label as the paper writes it: the count field's answer before the first " ("
    ("Koordinatorer (3,5 åa) (lön …)") and its note on a line of its own."""
    label = render(template, report, row.label)
    if row.count_field:
        counted = template.field(row.count_field)
        count = clean_text(answers.answer_text(counted, report.answer(counted.id)))
        if count:
            head, sep, tail = label.partition(" (")
            label = f"{head} ({count}){sep}{tail}" if sep else f"{label} ({count})"
    if row.note:
        label = f"{label}\n{render(template, report, row.note)}"
    return label


def _section_of(template: Template, f: Field) -> Section:
    return next(s for s in template.sections if f in s.fields)


def shown_decimals(decimals: int, values) -> int:
    """The template's decimals, or more where a stored amount has more: every figure is shown exactly
    as stored (1087,25 is not printed as 1 087,3), and so every shown sum adds up to what it shows."""
    places = [-v.normalize().as_tuple().exponent for v in values if v is not None and v.is_finite()]
    return max([decimals, *places])


AMOUNT_CHAR_CM = 0.19  # a digit or letter of 10 pt Calibri, generously
CELL_PADDING_CM = 0.4


def money_column_fractions(view: TableView, text_width_cm: float = 16.6) -> tuple[float, ...]:
    """Column widths from the content, as fractions of the text width: amount columns as wide as
    their longest figure or heading word, the label column the rest — and never so narrow that a
    word of a row label ("hälsoutvecklare/verksamhetsutvecklare") has to break."""
    def words(text: str) -> list[str]:
        return text.replace("/", "/ ").split() or [""]

    n = max(len(view.parties), 1)
    amount = max([len(w) for r in view.rows for c in r.cells for w in c.text.split()]
                 + [len(w.strip()) for p in view.parties for w in words(p)] + [6])
    amount_cm = max(amount * AMOUNT_CHAR_CM + CELL_PADDING_CM, 1.9)
    longest_word = max(len(w) for r in view.rows for w in r.label.split()) if view.rows else 10
    label_min = longest_word * AMOUNT_CHAR_CM + CELL_PADDING_CM
    label_cm = max(text_width_cm - n * amount_cm, label_min, 4.0)
    spare = text_width_cm - label_cm - n * amount_cm
    if spare < 0:  # the label's longest word wins: amount columns give up what they can spare
        amount_cm = max((text_width_cm - label_cm) / n, 1.5)
    elif label_cm > 0.5 * text_width_cm and n > 0:  # room to spare: amounts get up to 3.2 cm
        amount_cm = min(amount_cm + spare / n, 3.2, max(amount_cm, (text_width_cm * 0.5) / n))
        label_cm = text_width_cm - n * amount_cm
    total = label_cm + n * amount_cm
    return (label_cm / total, *[amount_cm / total] * n)


def _columns_by_group(table):
    """Amount columns ordered group by group, so each group's header spans adjacent columns."""
    return [c for g in table.groups for c in table.columns if c.group == g.id]

"""What every export shows, read once from the template and the report: rendered and cleaned text,
the visible questions with their answers, and the money tables cell by cell.

The Word and Excel writers only decide how this looks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from exports.clean import clean_text, safe_file_name
from forms.economics import table_calc
from forms.numbers import NumberError, format_percent, parse_percent
from forms.report import Report, is_visible
from forms.template import Field, Section, Template

YESNO_LABELS = {"ja": "Ja", "nej": "Nej"}
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
    """A section of only info fields is the template's preamble, shown without its own heading."""
    return any(f.kind != "info" for f in section.fields)


@dataclass(frozen=True)
class Question:
    section: Section
    field: Field
    label: str  # rendered
    answer: str  # as typed, cleaned; "" when unanswered


def questions(template: Template, report: Report) -> Iterator[Question]:
    """Every visible question with one answer (text, yes/no, percent), in template order."""
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


def percent_text(value: str) -> str:
    """`80` → `80 %`; text that is not a percentage is shown as typed rather than hidden."""
    try:
        number = parse_percent(value)
    except NumberError:
        return value
    return "" if number is None else f"{format_percent(number)} %"


def answer_text(q: Question) -> str:
    """The answer as one plain text: `Nej`, `80 %` or the free text."""
    if q.field.kind == "yesno":
        return YESNO_LABELS.get(q.answer, q.answer)
    if q.field.kind == "percent":
        return percent_text(q.answer)
    return q.answer


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
    value: Decimal | None  # typed, or computed for sum and refund rows


@dataclass(frozen=True)
class TableRow:
    id: str
    label: str
    role: str  # funds | cost | sum | refund
    cells: tuple[TableCell, ...]

    @property
    def computed(self) -> bool:
        return self.role in ("sum", "refund")


@dataclass(frozen=True)
class TableView:
    caption: str
    unit: str
    groups: tuple[HeaderGroup, ...]
    parties: tuple[str, ...]  # one party label per amount column
    rows: tuple[TableRow, ...]
    footnote: str  # with its ¹ mark, "" when none


def money_tables(template: Template, report: Report) -> Iterator[tuple[Section, TableView]]:
    for section in template.sections:
        for f in visible_fields(template, report, section):
            if f.kind == "money_table":
                yield section, table_view(template, report, f)


def table_view(template: Template, report: Report, f: Field) -> TableView:
    """One money table as shown: header groups and parties, rows with typed or computed amounts."""
    table, calc = f.table, table_calc(template, report, f.id)
    groups, first = [], 0
    for group in table.groups:
        span = sum(1 for c in table.columns if c.group == group.id)
        groups.append(HeaderGroup(render(template, report, group.label), first, span))
        first += span
    columns = _columns_by_group(table)
    rows = tuple(
        TableRow(row.id, render(template, report, row.label), row.role, tuple(
            TableCell(c.id, calc.applies(row.id, c.id), calc.value(row.id, c.id)) for c in columns
        ))
        for row in table.rows
    )
    footnote = render(template, report, table.footnote)
    return TableView(
        caption=render(template, report, f.label),
        unit=clean_text(table.unit),
        groups=tuple(groups),
        parties=tuple(clean_text(template.parties[c.party]) for c in columns),
        rows=rows,
        footnote=f"{SUPERSCRIPT_ONE} {footnote}" if footnote else "",
    )


def _columns_by_group(table):
    """Amount columns ordered group by group, so each group's header spans adjacent columns."""
    return [c for g in table.groups for c in table.columns if c.group == g.id]

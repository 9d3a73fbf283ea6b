"""The printout and the app's PDF as a flow of blocks with the Word export's layout rules.

Same content and order as the Word export (both read exports/content.py); this module decides what
belongs together on a page: a heading and a question go with the first lines of what follows, a
table's header rows repeat on every page it continues on, a money table's sum rows never start a
page alone, the signature block stays whole, and the pages of wide activity tables are landscape.
desktop/printing.py lays the blocks out on A4 pages with Qt.
No Qt here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from exports.content import (
    UNANSWERED,
    YESNO_LABELS,
    RowsView,
    TableView,
    answer_lines,
    answer_text,
    landscape_section,
    money_column_fractions,
    question,
    render,
    repeats_heading,
    report_title,
    rows_view,
    section_heading,
    table_view,
    visible_fields,
)
from forms.report import Report
from forms.template import Field, Section, Template

CHECKED, UNCHECKED = "☒", "☐"
ATTACHMENTS = "Bilagor"
BULLET = "•&nbsp;&nbsp;&nbsp;"
HEADER_FILL, NOT_APPLICABLE_FILL = "#F2F2F2", "#D9D9D9"
_BULLET_RE = re.compile(r"^\s*[•\-–*·▪]\s")


@dataclass(frozen=True)
class ParagraphStyle:
    size: float  # pt
    bold: bool = False
    italic: bool = False
    before: float = 0  # pt
    after: float = 0  # pt
    color: str = "#000000"
    indent: float = 0  # pt, the left indent of wrapped lines (bullets hang)


# The Word export's paragraph styles (exports/word.py _set_up_styles), by name.
STYLES = {
    "title": ParagraphStyle(16, bold=True, after=12),
    "heading": ParagraphStyle(14, bold=True, before=18, after=6),
    "subheading": ParagraphStyle(12, bold=True, before=12, after=3),
    "question": ParagraphStyle(11, bold=True, before=12, after=3),
    "body": ParagraphStyle(11, after=6),
    "bullet": ParagraphStyle(11, after=3, indent=18),
    "answer_bullet": ParagraphStyle(11, after=6, indent=11),
    "empty": ParagraphStyle(11, italic=True, after=6, color="#595959"),
    "note": ParagraphStyle(9, before=3, after=6),
    "closing": ParagraphStyle(11, before=24, after=6),
    "signature": ParagraphStyle(11, after=6),
    "caption": ParagraphStyle(8, after=6, color="#595959"),
    "line": ParagraphStyle(11, before=18, after=0),
}
TABLE_TEXT = ParagraphStyle(10, before=2, after=2)


@dataclass(frozen=True)
class Paragraph:
    html: str  # inline HTML: escaped text, <b>, <i>
    style: str = "body"
    keep_with_next: bool = False  # on the same page as the first lines of the next block


@dataclass(frozen=True)
class Cell:
    html: str
    colspan: int = 1
    align: str = "left"  # left | right | center
    header: bool = False
    fill: str = ""
    bold: bool = False
    italic: bool = False
    continued: bool = False  # the lower part of a cell spanning rows: its text shows only atop a page


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    keep_with_previous: bool = False  # a sum row: never the first row on a page
    kind: str = ""  # computed | memo (the HTML class)


@dataclass(frozen=True)
class Table:
    kind: str  # money | rows
    widths: tuple[float, ...]  # fractions of the text width
    header: tuple[Row, ...]  # repeated on every page the table continues on
    rows: tuple[Row, ...]
    caption: str


@dataclass(frozen=True)
class KeepTogether:
    """Blocks printed on one page (the signature)."""
    blocks: tuple[Paragraph, ...]


@dataclass(frozen=True)
class PageOrientation:
    """From here on pages are landscape (or portrait again); starts a new page like a Word section break."""
    landscape: bool


Block = Paragraph | Table | KeepTogether | PageOrientation


def _text(text: str) -> str:
    return escape(text)


def report_blocks(template: Template, report: Report, attachment_names=()) -> list[Block]:
    """The report as blocks, in the Word export's order and with its rules."""
    blocks: list[Block] = [Paragraph(_text(report_title(template, report)), "title")]
    landscape = False
    for section in template.sections:
        wide = is_landscape(section)
        if wide != landscape:
            blocks.append(PageOrientation(wide))
            landscape = wide
        blocks += section_blocks(template, report, section)
    if landscape:
        blocks.append(PageOrientation(False))
    names = [re.split(r"[\\/]", name)[-1] for name in attachment_names]
    if names:
        blocks.append(Paragraph(ATTACHMENTS, "heading", keep_with_next=True))
        blocks += [Paragraph(BULLET + _text(n), "bullet") for n in names]
    blocks.append(signature_block(template, report))
    return blocks


def is_landscape(section: Section) -> bool:
    """Wide activity tables (four columns with the row's own heading) are printed landscape, as in the seed."""
    return landscape_section(section)


def section_blocks(template: Template, report: Report, section: Section) -> list[Block]:
    blocks: list[Block] = []
    heading = section_heading(template, report, section)
    if heading:
        blocks.append(Paragraph(_text(heading), "heading", keep_with_next=True))
    fields = visible_fields(template, report, section)
    for index, f in enumerate(fields):
        if f.kind == "info" and f.grid:
            if index == 0 or not fields[index - 1].grid:
                blocks.append(grid_block(template, report, [g for g in fields[index:] if g.grid]))
        else:
            blocks += field_blocks(template, report, section, f)
    return blocks


def grid_block(template: Template, report: Report, fields: list[Field]) -> Table:
    """Fixed texts side by side (the seed's overview of målområden): headings over their bullets."""
    header = Row(tuple(Cell(_text(render(template, report, f.heading)), header=True, fill=HEADER_FILL, bold=True)
                       for f in fields))
    depth = max(len(f.bullets) for f in fields)
    rows = tuple(Row(tuple(Cell(_text(render(template, report, f.bullets[i])) if i < len(f.bullets) else "")
                           for f in fields)) for i in range(depth))
    return Table("grid", tuple(1 / len(fields) for _ in fields), (header,), rows,
                 " | ".join(render(template, report, f.heading) for f in fields))


def field_blocks(template: Template, report: Report, section: Section, f: Field) -> list[Block]:
    if f.kind == "info":
        return info_blocks(template, report, section, f)
    if f.kind == "money_table":
        return money_blocks(table_view(template, report, f))
    if f.kind == "rows":
        return rows_blocks(rows_view(template, report, section, f))
    q = question(template, report, section, f)
    if f.kind == "text":
        if f.note:  # printed under its table (TableView.notes)
            return []
        lines = answer_lines(q.answer)
        blocks: list[Block] = []
        if not repeats_heading(template, report, section, q.label):
            blocks.append(Paragraph(_text(q.label), "question", keep_with_next=True))
        for line in lines:
            style = "answer_bullet" if _BULLET_RE.match(line) else "body"
            blocks.append(Paragraph(_text(line) or "&nbsp;", style))
        if not lines and f.required:
            blocks.append(Paragraph(UNANSWERED, "empty"))
        return blocks
    if f.kind == "yesno":
        boxes = "&nbsp;&nbsp;&nbsp;".join(f"{label} {CHECKED if q.answer == value else UNCHECKED}"
                                          for value, label in YESNO_LABELS.items())
        return [Paragraph(_text(q.label), "question", keep_with_next=True), Paragraph(boxes)]
    shown = answer_text(q)
    value = f"<b>{_text(shown)}</b>" if shown else (f"<i>{UNANSWERED}</i>" if f.required else "")
    return [Paragraph(f"{_text(q.label)} {value}".strip())]


def info_blocks(template: Template, report: Report, section: Section, f: Field) -> list[Block]:
    """The template's own text: a heading (unless it repeats the section's), paragraphs, bullets."""
    blocks: list[Block] = []
    heading = render(template, report, f.heading)
    if heading and heading != section_heading(template, report, section):
        blocks.append(Paragraph(_text(heading), "subheading", keep_with_next=True))
    blocks += [Paragraph(_text(line)) for line in answer_lines(render(template, report, f.text)) if line.strip()]
    blocks += [Paragraph(BULLET + _text(render(template, report, b)), "bullet") for b in f.bullets]
    return blocks


def rows_blocks(view: RowsView) -> list[Block]:
    """The question, then the entries as a table whose header repeats; or the empty-answer mark."""
    if not view.entries:
        return ([Paragraph(_text(view.label), "question", keep_with_next=True), Paragraph(UNANSWERED, "empty")]
                if view.field.required else [Paragraph(_text(view.label), "question", keep_with_next=True)])
    if view.spanning:  # the seed's activity table: the question is the first column, spanning its rows
        columns = (view.span_heading, *view.columns)
        widths = view.widths
        header = Row(tuple(Cell(_text(c), header=True, fill=HEADER_FILL, bold=True) for c in columns))
        rows = []
        for index, entry in enumerate(view.entries):
            first = Cell(_text(view.label), continued=index > 0)
            rows.append(Row((first, *(Cell(_lines(t)) for t in entry))))
        return [Table("rows", widths, (header,), tuple(rows), view.label)]
    header = Row(tuple(Cell(_text(c), header=True, fill=HEADER_FILL, bold=True) for c in view.columns))
    rows = tuple(Row(tuple(Cell(_lines(t)) for t in entry)) for entry in view.entries)
    return [Paragraph(_text(view.label), "question", keep_with_next=True),
            Table("rows", view.widths, (header,), rows, view.label)]


def _lines(text: str) -> str:
    return "<br>".join(_text(line) for line in answer_lines(text))


def money_blocks(view: TableView) -> list[Block]:
    """Two header rows (the unit spanning both, group labels over their columns), the amount rows;
    the sum rows stay with the row above them; the footnote and notes under the table."""
    groups = tuple(Cell(_text(g.label), colspan=g.span, align="center", header=True, fill=HEADER_FILL, bold=True)
                   for g in view.groups)
    unit = Cell(_text(view.unit), header=True, fill=HEADER_FILL, bold=True)
    header = (Row((unit, *groups)),
              Row((Cell(_text(view.unit), header=True, fill=HEADER_FILL, continued=True),
                   *(Cell(_text(p), align="center", header=True, fill=HEADER_FILL, bold=True) for p in view.parties))))
    rows = []
    for row in view.rows:
        style = {"bold": row.total, "italic": row.memo}
        cells = [Cell(_lines(row.label), **style)]
        for c in row.cells:
            cells.append(Cell(_text(view.amount_text(c.value)), align="right", bold=row.total or c.total,
                              italic=row.memo, fill="" if c.applies else NOT_APPLICABLE_FILL))
        rows.append(Row(tuple(cells), keep_with_previous=row.total,
                        kind="computed" if row.total else "memo" if row.memo else ""))
    widths = money_widths(view)
    notes = ((view.footnote,) if view.footnote else ()) + view.notes
    return [Table("money", widths, header, tuple(rows), view.caption),
            *(Paragraph(_text(n) or "&nbsp;", "note") for n in notes)]


def money_widths(view: TableView) -> tuple[float, ...]:
    return money_column_fractions(view)


def signature_block(template: Template, report: Report) -> KeepTogether:
    """The closing line, then name and date — or lines to write them on by hand — on one page."""
    blocks = [Paragraph(_text(render(template, report, template.signature)), "closing")]
    name = _text(report.compiled_by.strip())
    when = report.compiled_date.isoformat() if report.compiled_date else ""
    for value, caption in ((name, "Namn"), (when, "Datum")):
        if value:
            blocks.append(Paragraph(value, "signature"))
        else:
            blocks += [Paragraph("_" * 40, "line"), Paragraph(caption, "caption")]
    return KeepTogether(tuple(blocks))

"""The report as one document: an ordered list of blocks every output walks.

`build(template, report)` reads the template and the report once (through exports/content.py) and
returns the blocks — paragraphs of styled runs, tables with header rows and spanning cells, the
signature kept together, page orientation changes — with every text and figure already formatted.
The Word writer (exports/word.py), the printout and "Spara som PDF" (desktop/printing.py) and the
Excel questions sheet (exports/excel.py) only decide how a block looks in their format; the page, the
margins, the paragraph styles and the colours are defined here, once.

What belongs together on a page is part of the document, not of a writer: a heading, a question and a
table's introduction are kept with what follows (`keep_with_next`), a money table is kept on one page
when it fits, its sum rows never start a page alone, the signature block is kept whole.
No Qt and no python-docx here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from exports.content import (
    UNANSWERED,
    YESNO_LABELS,
    RowsView,
    TableView,
    answer_figure,
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
from forms.answers import Figure
from forms.clean import clean_text
from forms.report import Report
from forms.template import Field, Section, Template

# --- the page, the fonts, the colours --------------------------------------------------------------

PAGE_MM = (210.0, 297.0)  # A4 portrait (width, height); landscape pages turn it
MARGIN_MM = 22.0  # all round
HEADER_DISTANCE_MM = 11.0  # from the paper's edge to the running header and to the footer
FONT = "Calibri"
BOX_FONT = "Segoe UI Symbol"  # Calibri has no ☐/☒; Word's own check boxes use a symbol font too
BLACK, GREY, LINE_GREY, GRID_GREY = "000000", "595959", "A6A6A6", "808080"
HEADER_FILL, NOT_APPLICABLE_FILL = "F2F2F2", "D9D9D9"
CHECKED, UNCHECKED = "☒", "☐"
ATTACHMENTS = "Bilagor"
NAME_CAPTION, DATE_CAPTION = "Namn", "Datum"
BULLET_INDENT_PT = 11.3  # a typed "• …" line hangs: wrapped lines start after the bullet (0.4 cm)
CELL_BULLET_INDENT_PT = 8.5  # the same in a table cell (0.3 cm)
_BULLET_RE = re.compile(r"^\s*[•\-–*·▪]\s")


def text_width_mm(landscape: bool = False) -> float:
    return (PAGE_MM[1] if landscape else PAGE_MM[0]) - 2 * MARGIN_MM


@dataclass(frozen=True)
class ParagraphStyle:
    size: float  # pt
    bold: bool = False
    italic: bool = False
    before: float = 0  # pt
    after: float = 0  # pt
    line: float = 1.08  # line spacing, times the font's
    color: str = BLACK
    indent: float = 0  # pt, the left indent of wrapped lines (bullets hang)
    keep_with_next: bool = False


STYLES = {
    "title": ParagraphStyle(16, bold=True, after=12, line=1.0),
    "heading": ParagraphStyle(14, bold=True, before=18, after=6),
    "subheading": ParagraphStyle(12, bold=True, before=12, after=3),
    "question": ParagraphStyle(11, bold=True, before=12, after=3, keep_with_next=True),
    "body": ParagraphStyle(11, after=6),
    "bullet": ParagraphStyle(11, after=3, indent=18),  # a bullet of the template's own (a list item)
    "answer_bullet": ParagraphStyle(11, after=6, indent=BULLET_INDENT_PT),  # a typed "• …" line
    "note": ParagraphStyle(9, before=3, after=6, line=1.0),
    "closing": ParagraphStyle(11, before=24, after=6),
    "signature": ParagraphStyle(11, after=6),
    "line": ParagraphStyle(11, before=18, after=0),  # a line to write on by hand
    "caption": ParagraphStyle(8, after=6, line=1.0, color=GREY),
    "table": ParagraphStyle(10, before=2, after=2, line=1.0),  # text in table cells
    "header": ParagraphStyle(8, line=1.0, color=GREY),  # the running header and the footer
}
"""Every paragraph style of the report, by name; Word gets them as named styles, the printout as fonts."""


# --- blocks ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    color: str = ""  # "" the paragraph's
    symbol: bool = False  # ☐/☒, set in BOX_FONT


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    style: str = "body"
    keep_with_next: bool = False  # on the same page as the first lines of the next block

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def paragraph(text: str, style: str = "body", keep_with_next: bool = False) -> Paragraph:
    return Paragraph((Run(text),), style, keep_with_next or STYLES[style].keep_with_next)


@dataclass(frozen=True)
class Cell:
    text: str  # the typed line breaks kept as "\n"
    colspan: int = 1
    align: str = "left"  # left | right | center
    valign: str = "top"  # top | center | bottom
    header: bool = False
    fill: str = ""  # RGB hex, "" none
    bold: bool = False
    italic: bool = False
    continued: bool = False  # the lower part of a cell spanning rows: merged with the cell above

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    keep_with_previous: bool = False  # a sum row: never the first row on a page
    kind: str = ""  # computed | memo


@dataclass(frozen=True)
class Table:
    kind: str  # money | rows | grid
    widths: tuple[float, ...]  # fractions of the text width
    header: tuple[Row, ...]  # repeated on every page the table continues on
    rows: tuple[Row, ...]
    caption: str  # the table's title for screen readers
    keep_together: bool = False  # on one page when it fits (a money table)
    label: str = ""  # the question the table answers, for a list of questions and answers
    keep_with_next: bool = False  # its last row on the same page as the next block's start
    spanning: bool = False  # its first column the questions, each spanning its rows (the seed's activity table)


@dataclass(frozen=True)
class Answer:
    """One question with its answer, as a list of questions and answers shows it (the Excel sheet);
    not printed — the paragraphs after it are its printed form, built from the same texts."""
    field_id: str
    label: str  # the question as the wizard asks it
    text: str  # the answer as one text: "Nej", "80 %", "3,5 åa", the free text; UNANSWERED or ""
    figure: Figure | None = None  # a percentage or number answer as a number, with its decimals and unit


@dataclass(frozen=True)
class KeepTogether:
    """Blocks printed on one page (the signature)."""
    blocks: tuple[Paragraph, ...]


@dataclass(frozen=True)
class PageOrientation:
    """From here on pages are landscape (or portrait again); starts a new page like a Word section break."""
    landscape: bool


Block = Paragraph | Table | KeepTogether | PageOrientation | Answer


def printed(blocks: list[Block]) -> list[Block]:
    """The blocks a page shows (without the Answer records for lists of questions)."""
    return [b for b in blocks if not isinstance(b, Answer)]


def is_bullet(line: str) -> bool:
    """A typed line starting with a bullet ("• ", "- ", "– "): its wrapped lines hang after it."""
    return bool(_BULLET_RE.match(line))


# --- the report as blocks --------------------------------------------------------------------------


def build(template: Template, report: Report, attachment_names=()) -> list[Block]:
    """The report as blocks, in template order."""
    blocks: list[Block] = [paragraph(report_title(template, report), "title")]
    landscape = False
    for section in template.sections:
        wide = landscape_section(section)
        if wide != landscape:
            blocks.append(PageOrientation(wide))
            landscape = wide
        blocks += section_blocks(template, report, section, landscape)
    if landscape:
        blocks.append(PageOrientation(False))
    names = [clean_text(re.split(r"[\\/]", name)[-1]) for name in attachment_names]
    if names:
        blocks.append(paragraph(ATTACHMENTS, "heading", keep_with_next=True))
        blocks += [paragraph(n, "bullet") for n in names]
    blocks.append(signature_block(template, report))
    _keep_with_signature(blocks)
    return blocks


KEPT_BEFORE_SIGNATURE = ("note", "bullet", "heading", "subheading")
"""What may stand between the last table and the signature and still go with both to a new page:
the table's footnote and notes, the attachments' heading and list."""


def _keep_with_signature(blocks: list[Block]) -> None:
    """The signature never alone on a page: the block before it goes with it — and when that is the
    end of a table kept on one page (a money table), its footnote and the attachments list, the table
    goes too, as long as all of it fits on a page (else the writers fall back to the shorter chain)."""
    end = len(blocks) - 1
    start = end - 1
    while start >= 0 and isinstance(blocks[start], Paragraph) and blocks[start].style in KEPT_BEFORE_SIGNATURE:
        start -= 1
    if not (start >= 0 and isinstance(blocks[start], Table) and blocks[start].keep_together):
        start = end - 1
    for index in range(max(start, 0), end):
        if isinstance(blocks[index], Paragraph | Table):
            blocks[index] = replace(blocks[index], keep_with_next=True)


def section_blocks(template: Template, report: Report, section: Section, landscape: bool = False) -> list[Block]:
    blocks: list[Block] = []
    heading = section_heading(template, report, section)
    if heading:
        blocks.append(paragraph(heading, "heading", keep_with_next=True))
    fields = visible_fields(template, report, section)
    for index, f in enumerate(fields):
        if f.kind == "info" and f.grid:
            if index == 0 or not fields[index - 1].grid:
                # an empty table-text line after it, as the seed's paper has (two tables in a row
                # would also become one in Word)
                _extend(blocks, [grid_block(template, report, [g for g in fields[index:] if g.grid]),
                                 Paragraph((), "table")])
        elif spans(f) and index and _same_table(fields[index - 1], f):
            continue  # in the table of the first of its run (one table per målområde)
        elif spans(f):
            run = [f]
            for following in fields[index + 1:]:
                if not _same_table(run[-1], following):
                    break
                run.append(following)
            views = [replace(rows_view(template, report, section, g), label=render(template, report, template.printed_label(g)))
                     for g in run]
            if any(v.entries for v in views):
                _extend(blocks, spanning_blocks(views))
            else:  # nothing typed in any: each question with its empty-answer mark
                for view in views:
                    _extend(blocks, rows_blocks(view))
        else:
            _extend(blocks, field_blocks(template, report, section, f, heading, landscape))
    return blocks


def without_prefix(text: str, label: str) -> str:
    """"Delmål 7.1.1. Samordna …" in a row labelled "Delmål" is printed "7.1.1. Samordna …", as on the paper."""
    return text[len(label):].lstrip() if label and text.startswith(label + " ") else text


def spans(f: Field) -> bool:
    """A rows field printed as the seed's activity table: its question a first column spanning its rows."""
    return f.kind == "rows" and bool(f.span_heading)


def _same_table(a: Field, b: Field) -> bool:
    """Two activity tables in a row with the same columns are printed as one, each question spanning its rows."""
    return (spans(a) and spans(b) and a.span_heading == b.span_heading
            and [c.label for c in a.columns] == [c.label for c in b.columns])


def _extend(blocks: list[Block], more: list[Block]) -> None:
    """Append; a table takes the paragraph introducing it along (a money table whole, any other
    table with its header and first row)."""
    if more and isinstance(more[0], Table) and blocks and isinstance(blocks[-1], Paragraph):
        blocks[-1] = replace(blocks[-1], keep_with_next=True)
    blocks += more


def grid_block(template: Template, report: Report, fields: list[Field]) -> Table:
    """Fixed texts side by side (the seed's overview of målområden): headings over their bullets;
    with the first field's `grid_labels` a label column first ("Målområde och övergripande
    målsättning", then "Delmål" on every row — which a bullet then does not repeat)."""
    labels = fields[0].grid_labels
    head_label, row_label = (render(template, report, labels[0]), render(template, report, labels[-1])) \
        if labels else ("", "")

    def bullet(text: str) -> str:
        return without_prefix(render(template, report, text), row_label)

    label_cells = (lambda text: (Cell(text, header=True, fill=HEADER_FILL, bold=True),)) if labels else (lambda text: ())
    header = Row((*label_cells(head_label),
                  *(Cell(render(template, report, f.heading), header=True, fill=HEADER_FILL, bold=True) for f in fields)))
    depth = max(len(f.bullets) for f in fields)
    rows = tuple(Row((*label_cells(row_label),
                      *(Cell(bullet(f.bullets[i]) if i < len(f.bullets) else "") for f in fields)))
                 for i in range(depth))
    widths = (0.16, *((1 - 0.16) / len(fields) for _ in fields)) if labels else tuple(1 / len(fields) for _ in fields)
    return Table("grid", widths, (header,), rows, " | ".join(render(template, report, f.heading) for f in fields))


def unanswered(f: Field) -> tuple[Run, ...]:
    """"(ej besvarat)" in grey italics for a required question left empty; nothing for an optional one."""
    return (Run(UNANSWERED, italic=True, color=GREY),) if f.required else ()


BUILT_KINDS = ("info", "money_table", "rows", "text", "yesno", "percent", "number")
"""The field kinds field_blocks gives a printed form."""


def field_blocks(template: Template, report: Report, section: Section, f: Field,
                 heading: str = "", landscape: bool = False) -> list[Block]:
    if f.kind == "info":
        return info_blocks(template, report, f, heading)
    if f.kind == "money_table":
        return money_blocks(table_view(template, report, f), landscape)
    label = render(template, report, template.printed_label(f))
    if f.kind == "rows":
        return rows_blocks(replace(rows_view(template, report, section, f), label=label))
    asked = question(template, report, section, f)
    q = replace(asked, label=label)
    record = answer_record(asked)
    if f.kind == "text":
        if f.note:  # printed under its table (TableView.notes)
            return [record]
        blocks: list[Block] = [record]
        if not repeats_heading(template, report, section, label):
            blocks.append(paragraph(label, "question"))
        lines = answer_lines(q.answer)
        blocks += [paragraph(line, "answer_bullet" if is_bullet(line) else "body") for line in lines]
        if not lines and f.required:
            blocks.append(Paragraph(unanswered(f)))
        return blocks
    if f.kind == "yesno":  # Ja ☐   Nej ☒: both choices printed, the chosen one crossed, as in the template
        runs: list[Run] = []
        for index, (value, label) in enumerate(YESNO_LABELS.items()):
            runs += [Run(("   " if index else "") + f"{label} "),
                     Run(CHECKED if q.answer == value else UNCHECKED, symbol=True)]
        return [record, paragraph(q.label, "question"), Paragraph(tuple(runs))]
    if f.kind not in ("percent", "number"):
        raise ValueError(f"no printed form for the field kind {f.kind!r}")
    # percent and number: "FCA-koordinator: 80 %" — the label and the value on one line
    value = (Run(record.text),) if record.text and record.text != UNANSWERED else unanswered(f)
    return [record, Paragraph((Run(q.label, bold=True), Run(" "), *value))]


def answer_record(q) -> Answer:
    """The question's answer formatted once (forms.answers): the text every export shows, and a
    percentage or number also as the number, for a spreadsheet."""
    return Answer(q.field.id, q.label, answer_text(q) or (UNANSWERED if q.field.required else ""), answer_figure(q))


def info_blocks(template: Template, report: Report, f: Field, section_heading_text: str = "") -> list[Block]:
    """The template's own text: a heading (unless it repeats the section's), paragraphs, bullets."""
    blocks: list[Block] = []
    heading = render(template, report, f.heading)
    if heading and heading != section_heading_text:
        blocks.append(paragraph(heading, "subheading", keep_with_next=True))
    blocks += [paragraph(line, keep_with_next=introduces(line))
               for line in answer_lines(render(template, report, f.text if f.print_text is None else f.print_text))
               if line.strip()]
    blocks += [paragraph(render(template, report, b), "bullet") for b in f.bullets]
    return blocks


def introduces(line: str) -> bool:
    """A fixed text ending in a colon ("Till hur stor del finansierar avtalet följande:") introduces
    what follows and never ends a page without it."""
    return line.rstrip().endswith(":")


def rows_blocks(view: RowsView) -> list[Block]:
    """The question, then the entries as a table whose header repeats; or the empty-answer mark.
    The seed's activity table has the question as its first column, spanning its rows."""
    if not view.entries:
        record = Answer(view.field.id, view.label, UNANSWERED if view.field.required else "")
        return [record, paragraph(view.label, "question"),
                *([Paragraph(unanswered(view.field))] if view.field.required else [])]
    if view.spanning:
        return spanning_blocks([view])
    header = Row(tuple(Cell(c, header=True, fill=HEADER_FILL, bold=True, valign="bottom") for c in view.columns))
    rows = tuple(Row(tuple(Cell(t) for t in entry)) for entry in view.entries)
    return [paragraph(view.label, "question"), Table("rows", view.widths, (header,), rows, view.label, label=view.label)]


def spanning_blocks(views: list[RowsView]) -> list[Block]:
    """The seed's activity table (one per målområde): "Delmål" and the columns as header, repeated on
    every page; each delmål's text in a first column spanning its rows; a delmål without rows shows
    its text with the empty-answer mark."""
    first = views[0]
    rows = []
    for view in views:
        entries = view.entries or ((UNANSWERED if view.field.required else "",) + ("",) * (len(view.columns) - 1),)
        rows += [Row((Cell(view.label, continued=index > 0),
                      *(Cell(t, italic=not view.entries) for t in entry)))
                 for index, entry in enumerate(entries)]
    header = Row(tuple(Cell(c, header=True, fill=HEADER_FILL, bold=True, valign="bottom")
                       for c in (first.span_heading, *first.columns)))
    caption = " | ".join(v.label for v in views)
    return [Table("rows", first.widths, (header,), tuple(rows), caption, label=first.label, spanning=True)]


def money_blocks(view: TableView, landscape: bool = False) -> list[Block]:
    """Two header rows (the unit spanning both, group labels over their columns), the amount rows;
    the sum rows stay with the row above them; the footnote and notes under the table."""
    def head(text: str, align: str = "center", **more) -> Cell:
        return Cell(text, align=align, valign="center", header=True, fill=HEADER_FILL, bold=True, **more)

    header = (Row((Cell(view.unit, valign="bottom", header=True, fill=HEADER_FILL, bold=True),
                   *(head(g.label, colspan=g.span) for g in view.groups))),
              Row((Cell(view.unit, header=True, fill=HEADER_FILL, bold=True, continued=True),
                   *(head(p) for p in view.parties))))
    rows = []
    for row in view.rows:
        cells = [Cell(row.label, valign="center", bold=row.total, italic=row.memo)]
        for c in row.cells:
            cells.append(Cell(c.text, align="right", valign="center", bold=row.total or c.total,
                              italic=row.memo, fill="" if c.applies else NOT_APPLICABLE_FILL))
        rows.append(Row(tuple(cells), keep_with_previous=row.total,
                        kind="computed" if row.total else "memo" if row.memo else ""))
    notes = ((view.footnote,) if view.footnote else ()) + view.notes
    return [Table("money", money_column_fractions(view, text_width_mm(landscape) / 10), header, tuple(rows), view.caption,
                  keep_together=True, label=view.caption),
            *(paragraph(n, "note") for n in notes)]


def signature_block(template: Template, report: Report) -> KeepTogether:
    """The closing line, then name and date — or lines to write them on by hand — on one page."""
    blocks = [paragraph(render(template, report, template.signature), "closing")]
    name = clean_text(report.compiled_by).strip()
    when = report.compiled_date.isoformat() if report.compiled_date else ""
    for value, caption in ((name, NAME_CAPTION), (when, DATE_CAPTION)):
        if value:
            blocks.append(paragraph(value, "signature"))
        else:
            blocks += [Paragraph((), "line"), paragraph(caption, "caption")]
    return KeepTogether(tuple(blocks))

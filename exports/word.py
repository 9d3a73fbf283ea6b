"""The Word export: a filled report that looks like the region's template.

Everything shown comes from the template definition and the report (see exports/content.py); this
module only decides the look: A4, Calibri, headings, each question in bold followed by its answer,
☒/☐ boxes, the economic table, attachments, the signature, file name in the header, page numbers.
The desktop should import this module lazily: python-docx costs as much to import as Qt itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import BinaryIO
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

from exports.clean import clean_text
from exports.content import (
    UNANSWERED,
    YESNO_LABELS,
    Question,
    RowsView,
    TableRow,
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

FONT = "Calibri"
BOX_FONT = "Segoe UI Symbol"  # Calibri has no ☐/☒; Word's own check boxes use a symbol font too
CORE_PROPERTY_LIMIT = 255
LANGUAGE = "sv-SE"
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(21), Cm(29.7), Cm(2.2)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
MIN_TEXT_COLUMN_WIDTH = Cm(2.5)
BLACK, GREY, LINE_GREY = "000000", "595959", "A6A6A6"
HEADER_FILL, NOT_APPLICABLE_FILL = "F2F2F2", "D9D9D9"
CHECKED, UNCHECKED = "☒", "☐"
APPLICATION = "Avtalsuppföljning"
ATTACHMENTS = "Bilagor"
NAME_CAPTION, DATE_CAPTION = "Namn", "Datum"
QUESTION_STYLE, TABLE_STYLE, NOTE_STYLE, CAPTION_STYLE = "Fråga", "Tabelltext", "Fotnot", "Underrad"
_BULLET_RE = re.compile(r"^\s*[•\-–*·▪]\s")


def write_docx(template: Template, report: Report, target: str | BinaryIO,
               attachments: Iterable[str] = ()) -> None:
    """Write the report as a Word document to a path or a binary file object."""
    doc = Document()
    _set_up_page(doc)
    _set_up_styles(doc)
    _set_properties(doc, template, report)
    _add_header_and_footer(doc, render(template, report, template.file_name))
    doc.add_paragraph(report_title(template, report), style="Title")
    for section in template.sections:
        _set_orientation(doc, landscape_section(section))
        _add_section(doc, template, report, section)
    _set_orientation(doc, False)
    _add_attachments(doc, attachments)
    _add_signature(doc, template, report)
    _set_app_properties(doc)
    doc.save(target)


# --- document set-up -------------------------------------------------------------------------------


def _set_up_page(doc) -> None:
    page = doc.sections[0]
    page.page_width, page.page_height = PAGE_WIDTH, PAGE_HEIGHT
    page.left_margin = page.right_margin = page.top_margin = page.bottom_margin = MARGIN
    page.header_distance = page.footer_distance = Cm(1.1)


def _set_up_styles(doc) -> None:
    """Explicit fonts and colours everywhere: the default theme fonts would otherwise win in Word."""
    styles = doc.styles
    _set_defaults(styles)
    _style(styles, "Normal", size=11, after=6, line=1.08)
    _style(styles, "Title", size=16, bold=True, after=12, line=1.0)
    _remove_border(styles["Title"])
    _style(styles, "Heading 1", size=14, bold=True, before=18, after=6)
    _style(styles, "Heading 2", size=12, bold=True, before=12, after=3)
    _style(styles, QUESTION_STYLE, size=11, bold=True, before=12, after=3, keep_with_next=True)
    _style(styles, TABLE_STYLE, size=10, before=2, after=2, line=1.0)
    _style(styles, NOTE_STYLE, size=9, before=3, after=6, line=1.0)
    _style(styles, CAPTION_STYLE, size=8, after=6, line=1.0, color=GREY)
    for name in ("Header", "Footer"):
        _style(styles, name, size=8, after=0, line=1.0, color=GREY)
    _style(styles, "List Bullet", size=11, after=3)


def _set_defaults(styles) -> None:
    """Document defaults: Calibri for every script and Swedish as the proofing language."""
    rpr = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, FONT)
    lang = rpr.find(qn("w:lang"))
    for attribute in ("w:val", "w:eastAsia"):
        lang.set(qn(attribute), LANGUAGE)


def _style(styles, name: str, *, size: float, bold: bool = False, color: str = BLACK,
           before: float = 0, after: float = 0, line: float = 1.08, keep_with_next: bool = False):
    if name not in [s.name for s in styles]:
        styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = styles["Normal"]
    style = styles[name]
    style.font.size, style.font.bold = Pt(size), bold
    style.font.color.rgb = RGBColor.from_string(color)  # replaces the theme colour
    _set_fonts(style.element.get_or_add_rPr(), FONT)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(before), Pt(after), line
    if keep_with_next:
        fmt.keep_with_next = True


def _set_fonts(rpr, name: str) -> None:
    """Name the font for Latin, East Asian and complex scripts and drop the theme font references."""
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _remove_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def _set_properties(doc, template: Template, report: Report) -> None:
    """True core properties: not python-docx's defaults (created 2013, author "python-docx")."""
    props = doc.core_properties
    props.title = _property(report_title(template, report))
    props.subject = _property(clean_text(template.type_name))
    props.author = props.last_modified_by = _property(clean_text(report.compiled_by))
    props.language = LANGUAGE
    props.comments = props.keywords = props.category = ""
    props.created = props.modified = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.revision = 1


def _property(text: str) -> str:
    """Word's document properties hold at most 255 characters (python-docx refuses more); the
    document itself keeps the whole text."""
    text = " ".join(text.split())
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[:CORE_PROPERTY_LIMIT - 1] + "…"


def _set_app_properties(doc) -> None:
    """docProps/app.xml as this program wrote it (python-docx's template says "Microsoft Macintosh
    Word", 1 page, 0 words), and no thumbnail: the template's blank one would show in file browsers.
    The page count is left out: only a program that lays the pages out knows it."""
    text = [p.text for p in _all_paragraphs(doc)]
    words = sum(len(t.split()) for t in text)
    characters = sum(len(t.replace(" ", "")) for t in text)
    app = next(p for p in doc.part.package.iter_parts() if p.partname == "/docProps/app.xml")
    app._blob = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{escape(APPLICATION)}</Application><DocSecurity>0</DocSecurity>"
        f"<Words>{words}</Words><Characters>{characters}</Characters>"
        f"<Paragraphs>{sum(1 for t in text if t.strip())}</Paragraphs>"
        f"<CharactersWithSpaces>{sum(len(t) for t in text)}</CharactersWithSpaces>"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>").encode()
    rels = doc.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype.endswith("/metadata/thumbnail")]:
        rels.pop(rid)


def _all_paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        seen = set()
        for row in table.rows:
            for cell in row.cells:
                if id(cell._tc) not in seen:  # a merged cell is listed once per grid column it covers
                    seen.add(id(cell._tc))
                    yield from cell.paragraphs


def _add_header_and_footer(doc, file_name: str) -> None:
    page = doc.sections[0]
    header = page.header.paragraphs[0]
    header.text, header.style = file_name, "Header"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = page.footer.paragraphs[0]
    footer.style, footer.alignment = "Footer", WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Sida ")
    _add_field(footer, "PAGE")
    footer.add_run(" av ")
    _add_field(footer, "NUMPAGES")


def _add_field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice update when they lay out the page."""
    def fld_char(kind):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    fld_char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    fld_char("separate")
    paragraph.add_run("1")
    fld_char("end")


# --- sections and fields ---------------------------------------------------------------------------


def _set_orientation(doc, landscape: bool) -> None:
    """A new Word section on a new page when the orientation changes (the seed's wide activity
    tables are landscape); header and footer carry over."""
    current = doc.sections[-1]
    if (current.orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return
    page = doc.add_section(WD_SECTION.NEW_PAGE)
    page.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    page.page_width, page.page_height = (PAGE_HEIGHT, PAGE_WIDTH) if landscape else (PAGE_WIDTH, PAGE_HEIGHT)
    page.left_margin = page.right_margin = page.top_margin = page.bottom_margin = MARGIN


def _text_width(doc) -> Emu:
    page = doc.sections[-1]
    return Emu(page.page_width - page.left_margin - page.right_margin)


def _add_section(doc, template: Template, report: Report, section: Section) -> None:
    heading = section_heading(template, report, section)
    if heading:
        doc.add_paragraph(heading, style="Heading 1")
    fields = visible_fields(template, report, section)
    for index, f in enumerate(fields):
        if f.kind == "info" and f.grid:
            if index == 0 or not fields[index - 1].grid:
                _add_grid(doc, template, report, [g for g in fields[index:] if g.grid])
        elif f.kind == "info":
            _add_info(doc, template, report, f, heading)
        elif f.kind == "money_table":
            _add_money_table(doc, table_view(template, report, f))
        elif f.kind == "rows":
            _add_rows(doc, rows_view(template, report, section, f))
        else:
            q = question(template, report, section, f)
            FIELD_WRITERS[f.kind](doc, q, repeats_heading(template, report, section, q.label))


def _add_info(doc, template: Template, report: Report, f: Field, section_heading: str = "") -> None:
    """The template's own instruction text: an optional heading (once, when the section's repeats
    it), paragraphs, bullets."""
    heading = render(template, report, f.heading)
    if heading and heading != section_heading:
        doc.add_paragraph(heading, style="Heading 2")
    for line in answer_lines(render(template, report, f.text)):
        if line.strip():
            doc.add_paragraph(line)
    for bullet in f.bullets:
        doc.add_paragraph(render(template, report, bullet), style="List Bullet")


def _add_grid(doc, template: Template, report: Report, fields: list[Field]) -> None:
    """Fixed texts side by side, as the seed's overview of målområden: each field a column, its
    heading in the header row, its bullets down the column."""
    width = _text_width(doc)
    widths = [Emu(width // len(fields))] * len(fields)
    depth = max(len(f.bullets) for f in fields)
    table = _add_fixed_table(doc, 1 + depth, widths)
    for column, f in enumerate(fields):
        _cell_text(table.cell(0, column), render(template, report, f.heading), bold=True, fill=HEADER_FILL,
                   align=WD_ALIGN_PARAGRAPH.LEFT)
        table.cell(0, column).vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        for row, bullet in enumerate(f.bullets, start=1):
            _cell_lines(table.cell(row, column), [render(template, report, bullet)])
    _set_row_flag(table.rows[0], "w:tblHeader")
    for row in table.rows:
        _set_row_flag(row, "w:cantSplit")
    _set_caption(table, " | ".join(render(template, report, f.heading) for f in fields))
    doc.add_paragraph(style=TABLE_STYLE)


def _add_text(doc, q: Question, once: bool = False) -> None:
    if q.field.note:  # printed under the table (TableView.notes)
        return
    if not once:
        doc.add_paragraph(q.label, style=QUESTION_STYLE)
    lines = answer_lines(q.answer)
    if not lines and q.field.required:
        _add_unanswered(doc.add_paragraph())
    for line in lines:
        paragraph = doc.add_paragraph(line)
        if _BULLET_RE.match(line):  # typed "• …" lines: wrapped lines line up after the bullet
            paragraph.paragraph_format.left_indent = Cm(0.4)
            paragraph.paragraph_format.first_line_indent = Cm(-0.4)


def _add_yesno(doc, q: Question, once: bool = False) -> None:
    """Ja ☐   Nej ☒: both choices printed, the chosen one crossed, as in the template."""
    doc.add_paragraph(q.label, style=QUESTION_STYLE)
    paragraph = doc.add_paragraph()
    for index, (value, label) in enumerate(YESNO_LABELS.items()):
        paragraph.add_run(("   " if index else "") + f"{label} ")
        box = paragraph.add_run(CHECKED if q.answer == value else UNCHECKED)
        _set_fonts(box._r.get_or_add_rPr(), BOX_FONT)


def _add_percent(doc, q: Question, once: bool = False) -> None:
    """FCA-koordinator: 80 % — the label and the share on one line."""
    _add_label_and_value(doc, q.label, answer_text(q), q.field.required)


def _add_number(doc, q: Question, once: bool = False) -> None:
    """Antal årsarbetare koordinatorer (åa): 3,5 åa — the label and the number on one line."""
    _add_label_and_value(doc, q.label, answer_text(q), q.field.required)


def _add_label_and_value(doc, label: str, shown: str, required: bool) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(" ")
    if shown:
        paragraph.add_run(shown)
    elif required:
        _add_unanswered(paragraph)




def _add_unanswered(paragraph) -> None:
    run = paragraph.add_run(UNANSWERED)
    run.italic = True
    run.font.color.rgb = RGBColor.from_string(GREY)


FIELD_WRITERS: dict[str, Callable[..., None]] = {
    "text": _add_text,
    "yesno": _add_yesno,
    "percent": _add_percent,
    "number": _add_number,
}
"""Writers of the answer kinds; info, rows and money_table by _add_info, _add_rows and _add_money_table."""
WRITTEN_KINDS = ("info", "rows", "money_table", *FIELD_WRITERS)


# --- a rows field: the question, then a table of texts ---------------------------------------------


def _add_rows(doc, view: RowsView) -> None:
    """The question in bold, then a table: the column labels as header, one row per entry, the
    entry's line breaks kept as paragraphs; no rows at all reads "(ej besvarat)"."""
    if view.spanning and view.entries:
        _add_spanning_rows(doc, view)
        return
    doc.add_paragraph(view.label, style=QUESTION_STYLE)
    if not view.entries:
        if view.field.required:
            _add_unanswered(doc.add_paragraph())
        return
    widths = _text_column_widths(view.field.columns)
    table = _add_fixed_table(doc, 1 + len(view.entries), widths)
    for cell, label in zip(table.rows[0].cells, view.columns, strict=True):
        _cell_text(cell, label, bold=True, fill=HEADER_FILL, align=WD_ALIGN_PARAGRAPH.LEFT)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        cell.paragraphs[0].paragraph_format.keep_with_next = True  # the header goes with the first row
    _set_row_flag(table.rows[0], "w:tblHeader")
    for row, entry in zip(table.rows[1:], view.entries, strict=True):
        _set_row_flag(row, "w:cantSplit")
        for cell, text in zip(row.cells, entry, strict=True):
            _cell_lines(cell, answer_lines(text))
    _set_caption(table, view.label)


def _add_spanning_rows(doc, view: RowsView) -> None:
    """The seed's activity table: Delmål | the field's columns, the delmål's text in one cell merged
    down all its rows; the header repeats on each page."""
    if _ends_with_table(doc):  # two tables in a row would become one in Word
        doc.add_paragraph(style=TABLE_STYLE)
    width = _text_width(doc)
    widths = [Emu(int(width * f)) for f in view.widths]
    widths[0] = Emu(widths[0] + width - sum(widths))
    table = _add_fixed_table(doc, 1 + len(view.entries), widths)
    for cell, label in zip(table.rows[0].cells, (view.span_heading, *view.columns), strict=True):
        _cell_text(cell, label, bold=True, fill=HEADER_FILL, align=WD_ALIGN_PARAGRAPH.LEFT)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        cell.paragraphs[0].paragraph_format.keep_with_next = True
    _set_row_flag(table.rows[0], "w:tblHeader")
    for row, entry in zip(table.rows[1:], view.entries, strict=True):
        _set_row_flag(row, "w:cantSplit")
        for cell, text in zip(row.cells[1:], entry, strict=True):
            _cell_lines(cell, answer_lines(text))
    span = table.cell(1, 0)
    if len(view.entries) > 1:
        span = span.merge(table.cell(len(view.entries), 0))
    _cell_lines(span, [view.label])
    _set_caption(table, view.label)


def _text_column_widths(columns) -> list[Emu]:
    """The text width shared out: single-line columns ("Ansvar") half as wide as the others."""
    weights = [1 if c.lines <= 1 else 2 for c in columns]
    minimum = min(MIN_TEXT_COLUMN_WIDTH, Emu(TEXT_WIDTH // len(columns)))
    widths = [max(minimum, Emu(TEXT_WIDTH * w // sum(weights))) for w in weights]
    widths[0] = Emu(widths[0] - (sum(widths) - TEXT_WIDTH))  # rounding and minimums: still the text width
    return widths


def _cell_lines(cell, lines: list[str]) -> None:
    """A cell's text, one paragraph per typed line, top-aligned."""
    for index, line in enumerate(lines or [""]):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.style, paragraph.alignment = TABLE_STYLE, WD_ALIGN_PARAGRAPH.LEFT
        if line:
            paragraph.add_run(line)
        if _BULLET_RE.match(line):
            paragraph.paragraph_format.left_indent = Cm(0.3)
            paragraph.paragraph_format.first_line_indent = Cm(-0.3)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


# --- the money table -------------------------------------------------------------------------------


def _add_money_table(doc, view: TableView) -> None:
    if _ends_with_table(doc):  # two tables in a row would become one in Word
        doc.add_paragraph(style=TABLE_STYLE)
    elif doc.paragraphs:  # the introduction above the table goes with it to the next page
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    text_width = _text_width(doc)
    widths = [Emu(int(text_width * f)) for f in money_column_fractions(view, text_width / Cm(1))]
    widths[0] = Emu(widths[0] + text_width - sum(widths))
    table = _add_fixed_table(doc, 2 + len(view.rows), widths)
    _fill_header(table, view)
    for row, shown in zip(table.rows[2:], view.rows, strict=True):
        _fill_row(row, shown, view)
    _keep_together(table)
    _set_caption(table, view.caption)
    if view.footnote:
        doc.add_paragraph(view.footnote, style=NOTE_STYLE)
    for line in view.notes:
        doc.add_paragraph(line, style=NOTE_STYLE)


def _add_fixed_table(doc, rows: int, widths: list[Emu]):
    """A grid table with the given column widths set on the table, its columns and every cell
    (autofit is unreliable, and merging adds the cells' widths up)."""
    table = doc.add_table(rows=rows, cols=len(widths))
    table.style, table.alignment, table.autofit = "Table Grid", WD_TABLE_ALIGNMENT.LEFT, False
    table_width = table._tbl.tblPr.find(qn("w:tblW"))
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(Emu(sum(widths)).twips))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    return table


def _ends_with_table(doc) -> bool:
    body = [child for child in doc.element.body if child.tag != qn("w:sectPr")]
    return bool(body) and body[-1].tag == qn("w:tbl")


def _keep_together(table) -> None:
    """No row split across pages, the table on one page when it fits, the header rows repeated."""
    rows = table.rows
    for index, row in enumerate(rows):
        _set_row_flag(row, "w:cantSplit")
        if index < 2:
            _set_row_flag(row, "w:tblHeader")
        if index < len(rows) - 1:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def _fill_header(table, view: TableView) -> None:
    """Row 1: the unit, then each group label over its columns; row 2: each column's heading."""
    unit = table.cell(0, 0).merge(table.cell(1, 0))
    _cell_text(unit, view.unit, bold=True, fill=HEADER_FILL, align=WD_ALIGN_PARAGRAPH.LEFT)
    unit.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    _shade(table.rows[1]._tr.tc_lst[0], HEADER_FILL)  # Word paints each part of a merged cell
    for group in view.groups:
        cell = table.cell(0, 1 + group.first)
        if group.span > 1:
            cell = cell.merge(table.cell(0, group.first + group.span))
        _cell_text(cell, group.label, bold=True, fill=HEADER_FILL)
    for index, party in enumerate(view.parties):
        _cell_text(table.cell(1, 1 + index), party, bold=True, fill=HEADER_FILL)


def _fill_row(row, shown: TableRow, view: TableView) -> None:
    """The row label, then amounts right-aligned; sum rows and columns in bold, "varav" rows in italics,
    non-applying cells grey."""
    cells = row.cells
    _cell_text(cells[0], shown.label, align=WD_ALIGN_PARAGRAPH.LEFT, bold=shown.total, italic=shown.memo)
    for cell, value in zip(cells[1:], shown.cells, strict=True):
        fill = None if value.applies else NOT_APPLICABLE_FILL
        _cell_text(cell, view.amount_text(value.value), fill=fill, align=WD_ALIGN_PARAGRAPH.RIGHT,
                   bold=shown.total or value.total, italic=shown.memo)


def _cell_text(cell, text: str, *, bold: bool = False, italic: bool = False, fill: str | None = None,
               align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style, paragraph.alignment = TABLE_STYLE, align
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        run.italic = italic or None
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if fill:
        _shade(cell._tc, fill)


def _shade(tc, fill: str) -> None:
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shading.set(qn(key), value)
    tc.get_or_add_tcPr().insert_element_before(
        shading, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


def _set_row_flag(row, tag: str) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement(tag))


def _set_caption(table, caption: str) -> None:
    """The table's title for screen readers (Word: Table Properties → Alt Text)."""
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), caption)
    table._tbl.tblPr.append(element)


# --- attachments and signature ---------------------------------------------------------------------


def _add_attachments(doc, attachments: Iterable[str]) -> None:
    names = [clean_text(re.split(r"[\\/]", name)[-1]) for name in attachments]
    if not names:
        return
    doc.add_paragraph(ATTACHMENTS, style="Heading 1")
    for name in names:
        doc.add_paragraph(name, style="List Bullet")


def _add_signature(doc, template: Template, report: Report) -> None:
    """The template's closing line, then name and date — or lines to write them on by hand."""
    closing = doc.add_paragraph(render(template, report, template.signature))
    closing.paragraph_format.space_before = Pt(24)
    closing.paragraph_format.keep_with_next = True
    name = clean_text(report.compiled_by).strip()
    date = report.compiled_date.isoformat() if report.compiled_date else ""
    for value, caption in ((name, NAME_CAPTION), (date, DATE_CAPTION)):
        if value:
            paragraph = doc.add_paragraph(value)
            paragraph.paragraph_format.keep_with_next = True
        else:
            _add_blank_line(doc, caption)


def _add_blank_line(doc, caption: str) -> None:
    """A line to write on, with a small caption under it, kept together with the closing line."""
    line = doc.add_paragraph()
    line.paragraph_format.space_before = Pt(18)
    line.paragraph_format.space_after = Pt(0)
    line.paragraph_format.right_indent = Emu(TEXT_WIDTH - Cm(8))
    line.paragraph_format.keep_with_next = True
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", LINE_GREY)):
        bottom.set(qn(key), value)
    borders.append(bottom)
    line._p.get_or_add_pPr().insert_element_before(
        borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
        "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
        "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
        "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange")
    doc.add_paragraph(caption, style=CAPTION_STYLE)

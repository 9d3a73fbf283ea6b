"""The Word export: a filled report that looks like the region's template.

Everything shown comes from the template definition and the report (see exports/content.py); this
module only decides the look: A4, Calibri, headings, each question in bold followed by its answer,
☒/☐ boxes, the economic table, attachments, the signature, file name in the header, page numbers.
The desktop should import this module lazily: python-docx costs as much to import as Qt itself.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import BinaryIO

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from lxml import etree

from exports.content import render, report_title
from exports.document import (
    BLACK,
    BOX_FONT,
    CELL_BULLET_INDENT_PT,
    FONT,
    HEADER_DISTANCE_MM,
    LINE_GREY,
    MARGIN_MM,
    PAGE_MM,
    STYLES,
    UNANSWERED,
    KeepTogether,
    PageOrientation,
    Paragraph,
    Table,
    build,
    is_bullet,
    printed,
)
from exports.properties import LANGUAGE, set_docx_app, set_docx_core
from forms.report import Report
from forms.template import Template

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(PAGE_MM[0] / 10), Cm(PAGE_MM[1] / 10), Cm(MARGIN_MM / 10)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
QUESTION_STYLE, TABLE_STYLE, NOTE_STYLE, CAPTION_STYLE = "Fråga", "Tabelltext", "Fotnot", "Underrad"
WORD_STYLES = {"title": "Title", "heading": "Heading 1", "subheading": "Heading 2", "question": QUESTION_STYLE,
               "body": "Normal", "bullet": "List Bullet", "note": NOTE_STYLE, "caption": CAPTION_STYLE,
               "table": TABLE_STYLE, "header": "Header"}
"""The document's paragraph styles as Word's named styles; the others are Normal with their spacing set."""
DIRECT_STYLES = ("answer_bullet", "closing", "signature")
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}
ALIGN_XML = {"left": "left", "right": "right", "center": "center"}  # <w:jc w:val="…">
__all__ = ["UNANSWERED", "write_docx"]


def write_docx(template: Template, report: Report, target: str | BinaryIO,
               attachments: Iterable[str] = ()) -> None:
    """Write the report (exports/document.py) as a Word document to a path or a binary file object."""
    doc = Document()
    _set_up_page(doc)
    _set_up_styles(doc)
    set_docx_core(doc, title=report_title(template, report), subject=template.type_name, author=report.compiled_by)
    _add_header_and_footer(doc, render(template, report, template.file_name))
    for block in printed(build(template, report, list(attachments))):
        if isinstance(block, PageOrientation):
            _set_orientation(doc, block.landscape)
        elif isinstance(block, Paragraph):
            _add_paragraph(doc, block)
        elif isinstance(block, Table):
            _add_table(doc, block)
        elif isinstance(block, KeepTogether):
            for index, part in enumerate(block.blocks):
                _add_paragraph(doc, part, keep_with_next=index < len(block.blocks) - 1)
    set_docx_app(doc)
    doc.save(target)


# --- document set-up -------------------------------------------------------------------------------


def _set_up_page(doc) -> None:
    page = doc.sections[0]
    page.page_width, page.page_height = PAGE_WIDTH, PAGE_HEIGHT
    page.left_margin = page.right_margin = page.top_margin = page.bottom_margin = MARGIN
    page.header_distance = page.footer_distance = Cm(HEADER_DISTANCE_MM / 10)


_STYLES_XML: list = []  # the styles part as _set_up_styles leaves it, made once per process


def _set_up_styles(doc) -> None:
    """The document's paragraph styles as Word styles, with explicit fonts and colours everywhere:
    the default theme fonts would otherwise win in Word. Made once, then copied (it is the same in
    every document, and python-docx takes a sixth of the export's time to make it)."""
    part = doc.part._styles_part
    if _STYLES_XML:
        part._element = copy.deepcopy(_STYLES_XML[0])
        return
    _make_styles(doc)
    _STYLES_XML.append(copy.deepcopy(part._element))


def _make_styles(doc) -> None:
    styles = doc.styles
    _set_defaults(styles)
    _word_style(styles, "Normal", STYLES["body"])
    for name, word_name in WORD_STYLES.items():
        if word_name != "Normal":
            _word_style(styles, word_name, STYLES[name])
    _word_style(styles, "Footer", STYLES["header"])
    _remove_border(styles["Title"])


def _word_style(styles, name: str, style) -> None:
    _style(styles, name, size=style.size, bold=style.bold, color=style.color, before=style.before,
           after=style.after, line=style.line, keep_with_next=style.keep_with_next)


def _set_defaults(styles) -> None:
    """Document defaults: Calibri for every script and Swedish as the proofing language."""
    rpr = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, FONT)
    lang = rpr.find(qn("w:lang"))
    for attribute in ("w:val", "w:eastAsia"):
        lang.set(qn(attribute), LANGUAGE)


def _style(styles, name: str, *, size: float, bold: bool = False, color: str = BLACK,
           before: float = 0, after: float = 0, line: float = 1.08, keep_with_next: bool = False):
    if name not in styles:
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


def _add_header_and_footer(doc, file_name: str) -> None:
    page = doc.sections[0]
    header = page.header.paragraphs[0]
    header.text = file_name
    _set_style(doc, header, "Header")
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = page.footer.paragraphs[0]
    _set_style(doc, footer, "Footer")
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
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


# --- blocks ----------------------------------------------------------------------------------------


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


def _add_paragraph(doc, block: Paragraph, keep_with_next: bool = False) -> None:
    """One paragraph in its Word style; what Word has no named style for is set on the paragraph."""
    style = STYLES[block.style]
    if block.style == "line":
        _add_blank_line(doc)
        return
    paragraph = doc.add_paragraph()
    word_style = WORD_STYLES.get(block.style, "Normal")
    direct = block.style in DIRECT_STYLES
    # Normal is every paragraph's default: no style reference needed
    _paragraph_properties(paragraph._p, _style_id(doc, word_style) if word_style != "Normal" else None,
                          (block.keep_with_next or keep_with_next) and not style.keep_with_next,
                          spacing=(style.before, style.after) if direct else None,
                          hanging=style.indent if direct and style.indent else None)
    _add_runs(paragraph, block.runs)


# python-docx finds an element's place among its siblings by looking for each of the ones that may
# follow it, and adds text a character at a time: the bulk of the export's time. A new paragraph's
# usual properties and its runs are written here directly, in the schema's order, as python-docx
# writes them (the rarer ones still go through python-docx, which puts them in their place).
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPECIAL = frozenset("\t\r\n")  # python-docx writes these as <w:tab/> and <w:br/>


def _paragraph_properties(p, style_id: str | None = None, keep_with_next: bool = False, align: str | None = None,
                          spacing: tuple[float, float] | None = None, hanging: float | None = None) -> None:
    """A new paragraph's <w:pPr>: its style, keep with next, space before and after (points), a
    hanging indent (points), alignment; nothing set: no <w:pPr>."""
    if style_id is None and not keep_with_next and align is None and spacing is None and hanging is None:
        return
    ppr = etree.SubElement(p, _W + "pPr")
    if style_id is not None:
        etree.SubElement(ppr, _W + "pStyle").set(_W + "val", style_id)
    if keep_with_next:
        etree.SubElement(ppr, _W + "keepNext")
    if spacing is not None:
        element = etree.SubElement(ppr, _W + "spacing")
        element.set(_W + "before", str(Pt(spacing[0]).twips))
        element.set(_W + "after", str(Pt(spacing[1]).twips))
    if hanging is not None:
        element = etree.SubElement(ppr, _W + "ind")
        element.set(_W + "left", str(Pt(hanging).twips))
        element.set(_W + "hanging", str(Pt(hanging).twips))
    if align is not None:
        etree.SubElement(ppr, _W + "jc").set(_W + "val", align)


def _add_run(paragraph, text: str, *, bold: bool = False, italic: bool = False, color: str = "",
             fonts: str = "") -> None:
    """A run of text with its properties, as python-docx's add_run and its setters write it."""
    if _SPECIAL.intersection(text):
        run = paragraph.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
        if fonts:
            _set_fonts(run._r.get_or_add_rPr(), fonts)
        return
    r = etree.SubElement(paragraph._p, _W + "r")
    if bold or italic or color or fonts:
        rpr = etree.SubElement(r, _W + "rPr")
        if fonts:
            names = etree.SubElement(rpr, _W + "rFonts")
            for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
                names.set(_W + attribute, fonts)
        if bold:
            etree.SubElement(rpr, _W + "b")
        if italic:
            etree.SubElement(rpr, _W + "i")
        if color:
            etree.SubElement(rpr, _W + "color").set(_W + "val", str(RGBColor.from_string(color)))
    t = etree.SubElement(r, _W + "t")
    t.text = text
    if len(text.strip()) < len(text):
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _add_runs(paragraph, runs) -> None:
    for shown in runs:
        if shown.text:
            _add_run(paragraph, shown.text, bold=shown.bold, italic=shown.italic, color=shown.color,
                     fonts=BOX_FONT if shown.symbol else "")


def _add_table(doc, table: Table) -> None:
    """A table with fixed column widths: the header rows repeat on every page, no row splits across
    pages, cells spanning columns or rows merged; a table kept together stays on one page when it fits."""
    if _ends_with_table(doc):  # two tables in a row would become one in Word
        _set_style(doc, doc.add_paragraph(), TABLE_STYLE)
    width = _text_width(doc)
    widths = [Emu(int(width * f)) for f in table.widths]
    widths[0] = Emu(widths[0] + width - sum(widths))
    all_rows = table.header + table.rows
    grid = _add_fixed_table(doc, len(all_rows), widths)
    for index, (row, shown) in enumerate(zip(grid.rows, all_rows, strict=True)):
        _set_row_flag(row, "w:cantSplit")
        if index < len(table.header):
            _set_row_flag(row, "w:tblHeader")
        last = index == len(all_rows) - 1
        # the header goes with the first row; a table kept together with its next row, its last row
        # with the next block when the table is kept with it
        keep = index < len(table.header) or (table.keep_together and not last) or (table.keep_with_next and last)
        column, cells = 0, row.cells  # (table.cell(r, c) lays out the whole table on every call)
        for cell in shown.cells:
            target = cells[column]
            if cell.colspan > 1:
                target = target.merge(cells[column + cell.colspan - 1])
            if cell.continued:  # the lower part of a cell spanning rows: merged with the one above
                above = grid.rows[index - 1].cells[column]
                above.merge(target)
                if cell.fill:  # Word paints each part of a merged cell
                    _shade(grid.rows[index]._tr.tc_lst[column], cell.fill)
                if keep:  # the merged cell's text is the one above's
                    for paragraph in above.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
            else:
                _fill_cell(target, cell, keep)
            column += cell.colspan
    _set_caption(grid, table.caption)


def _style_id(container, name: str) -> str:
    """A style's id by its name, looked up once per document (python-docx looks it up through every
    style on each assignment)."""
    part = container.part
    ids = part.__dict__.setdefault("_avtal_style_ids", {})
    if name not in ids:
        ids[name] = part.document.styles[name].style_id
    return ids[name]


def _set_style(container, paragraph, name: str) -> None:
    """Set a paragraph style by name (the id looked up once per document)."""
    paragraph._p.style = _style_id(container, name)


def _fill_cell(cell, shown, keep_with_next: bool = False) -> None:
    """A cell's text, one paragraph per typed line; typed bullets hang."""
    align, style_id = ALIGN_XML[shown.align], _style_id(cell, TABLE_STYLE)
    for index, line in enumerate(shown.lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        _paragraph_properties(paragraph._p, style_id, keep_with_next, align=align,
                              hanging=CELL_BULLET_INDENT_PT if is_bullet(line) and not shown.header else None)
        if line:
            _add_run(paragraph, line, bold=shown.bold, italic=shown.italic)
    # <w:vAlign> after what a new cell's <w:tcPr> holds (its width, span, merge); shading goes before it
    etree.SubElement(cell._tc.get_or_add_tcPr(), _W + "vAlign").set(_W + "val", shown.valign)
    if shown.fill:
        _shade(cell._tc, shown.fill)


def _add_fixed_table(doc, rows: int, widths: list[Emu]):
    """A grid table with the given column widths set on the table, its columns and every cell
    (autofit is unreliable, and merging adds the cells' widths up)."""
    table = doc.add_table(rows=rows, cols=len(widths))
    table._tbl.tblStyle_val = _style_id(doc, "Table Grid")
    table.alignment, table.autofit = WD_TABLE_ALIGNMENT.LEFT, False
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


# --- the signature's lines to write on -------------------------------------------------------------


def _add_blank_line(doc) -> None:
    """A line to write on (a bottom border 8 cm long), kept with the caption under it."""
    style = STYLES["line"]
    line = doc.add_paragraph()
    line.paragraph_format.space_before = Pt(style.before)
    line.paragraph_format.space_after = Pt(style.after)
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

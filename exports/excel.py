"""The Excel export: the economic tables with real formulas, and every question with its answer.

Sheet "Ekonomi" holds each money table as in the Word document (group labels over party labels),
amounts as numbers in tkr with one decimal, SUMMA and Återbetalning as formulas. Sheet "Frågor och
svar" lists the visible questions. Whatever a user typed is written as a text cell: `=HYPERLINK(…)`,
`+1`, `-2` or `@x` stay text. The desktop should import this module lazily (openpyxl is slow to import).
"""

from __future__ import annotations

from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from exports.content import UNANSWERED, TableRow, TableView, money_tables, render, report_title
from exports.document import Answer, Cell, Paragraph, Table, build
from exports.properties import save_xlsx, set_xlsx_core
from forms.answers import Figure
from forms.clean import clean_text
from forms.economics import DEFICIT
from forms.report import Report
from forms.template import Template

ECONOMY_SHEET, QA_SHEET = "Ekonomi", "Frågor och svar"
QA_HEADERS = ("Fråga", "Svar")
KIND_SHEETS = {"info": None, "text": QA_SHEET, "yesno": QA_SHEET, "percent": QA_SHEET, "number": QA_SHEET,
               "rows": QA_SHEET, "money_table": ECONOMY_SHEET}
"""Where each field kind goes; info fields are the template's own text and are not repeated; a rows
field is a table with its own columns."""
AMOUNT_FORMAT = "#,##0.0"  # US-style code; Excel shows the user's separators (Swedish: 1 553,5)


def amount_format(decimals: int, role: str = "") -> str:
    """`#,##0.0` for tkr with one decimal, `#,##0` for whole kronor; the refund row shows a balance
    below zero as Word does, `Underskott 202,4` (forms.economics.amount_text)."""
    code = "#,##0" + ("." + "0" * decimals if decimals else "")
    return f'{code};"{DEFICIT} "{code}' if role == "refund" else code
FONT_NAME = "Calibri"
LABEL_WIDTH, AMOUNT_WIDTH = 58, 13
FORMULA_START = ("=", "+", "-", "@", "\t")
AVERAGE_CHAR_WIDTH = 0.9  # Calibri text, in widths of the digit 0 (the column width unit)
LINE_HEIGHT = 1.25  # points per point of font size
PRINT_SIDE_MARGIN_INCH = 0.5
A4_LANDSCAPE_WIDTH_PT = 842
MAX_ROW_HEIGHT = 409  # Excel's limit; longer answers continue on the next rows
ROW_PIECE_HEIGHT = 120  # points: an answer longer than this continues on the next row, at a line end

_PLAIN, _BOLD = Font(name=FONT_NAME, size=11), Font(name=FONT_NAME, size=11, bold=True)
_ITALIC = Font(name=FONT_NAME, size=11, italic=True)
_TITLE, _CAPTION = Font(name=FONT_NAME, size=14, bold=True), Font(name=FONT_NAME, size=12, bold=True)
_NOTE = Font(name=FONT_NAME, size=9)
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
_NOT_APPLICABLE_FILL = PatternFill("solid", fgColor="D9D9D9")
_THIN = Side(style="thin", color="808080")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP_MIDDLE = Alignment(wrap_text=True, vertical="center")
_AMOUNT = Alignment(horizontal="right", vertical="center")


def write_xlsx(template: Template, report: Report, target: str | BinaryIO) -> None:
    """Write the economic tables and the questions with answers as an .xlsx workbook."""
    workbook = Workbook()
    set_xlsx_core(workbook, title=report_title(template, report), subject=template.type_name, author=report.compiled_by)
    workbook.calculation.fullCalcOnLoad = True  # formulas are written without cached results
    footer = render(template, report, template.file_name)
    _write_economy(workbook.active, template, report, footer)
    _write_questions(workbook.create_sheet(QA_SHEET), template, report, footer)
    save_xlsx(workbook, target)


def write_text(sheet, row: int, column: int, text: str, font: Font = _PLAIN):
    """A text cell that stays text: never a formula, whatever the user typed."""
    text = ILLEGAL_CHARACTERS_RE.sub("", clean_text(text))
    cell = sheet.cell(row=row, column=column)
    cell.value = text
    cell.data_type = "s"
    cell.quotePrefix = text.startswith(FORMULA_START)  # as when a user types '=… in Excel
    cell.font = font
    return cell


def write_figure(sheet, row: int, column: int, figure: Figure):
    """A number or percentage answer as a number cell, shown as Word shows it (`3,5 åa`, `80 %`)."""
    cell = sheet.cell(row=row, column=column)
    cell.value = figure.value
    cell.number_format = figure_format(figure)
    cell.alignment = Alignment(horizontal="left", vertical="top")
    cell.font = _PLAIN
    return cell


def figure_format(figure: Figure) -> str:
    """`#,##0.0" åa"`: the stored decimals and the unit; Excel shows the user's separators."""
    unit = figure.unit.replace('"', "")
    return amount_format(figure.decimals) + (f'" {unit}"' if unit else "")


# --- Ekonomi ---------------------------------------------------------------------------------------


def _write_economy(sheet, template: Template, report: Report, footer: str) -> None:
    sheet.title = ECONOMY_SHEET
    tables = [view for _, view in money_tables(template, report)]
    last_column = 1 + max((len(v.parties) for v in tables), default=1)
    sheet.column_dimensions["A"].width = LABEL_WIDTH
    longest = max((len(word) for v in tables for text in v.parties for word in text.split()), default=0)
    for column in range(2, last_column + 1):  # "Götalandsregionen" unbroken in its heading
        sheet.column_dimensions[get_column_letter(column)].width = max(AMOUNT_WIDTH, longest + 3)
    _merged_text(sheet, 1, last_column, report_title(template, report), _TITLE)
    row = 3
    for index, view in enumerate(tables):
        first_data_row = _write_table(sheet, row, view)
        if index == 0:
            sheet.freeze_panes = f"B{first_data_row}"
        row = first_data_row + len(view.rows)
        notes = ((view.footnote,) if view.footnote else ()) + (("\n".join(view.notes),) if view.notes else ())
        for offset, note in enumerate(notes, start=1):
            _merged_text(sheet, row + offset, last_column, note, _NOTE)
        row += 4 + bool(view.notes)
    _set_up_printing(sheet, footer)


def _write_table(sheet, top: int, view: TableView) -> int:
    """Caption, two header rows and the amount rows; returns the first amount row."""
    write_text(sheet, top, 1, view.caption, _CAPTION)
    _write_header(sheet, top + 1, view)
    _fit_row(sheet, top + 2)  # party headings wrap ("Västra Götalandsregionen"): as high as they need
    first = top + 3
    rows = {shown.id: first + index for index, shown in enumerate(view.rows)}
    for shown in view.rows:
        _write_row(sheet, rows[shown.id], shown, view, rows)
        _fit_row(sheet, rows[shown.id])
    return first


def _write_header(sheet, row: int, view: TableView) -> None:
    """Row 1: the unit, then each group label merged over its columns; row 2: the parties."""
    sheet.merge_cells(start_row=row, start_column=1, end_row=row + 1, end_column=1)
    for group in view.groups:
        start = 2 + group.first
        if group.span > 1:
            sheet.merge_cells(start_row=row, start_column=start, end_row=row, end_column=start + group.span - 1)
        write_text(sheet, row, start, group.label, _BOLD)
    for index, party in enumerate(view.parties):
        write_text(sheet, row + 1, 2 + index, party, _BOLD)
    write_text(sheet, row, 1, view.unit, _BOLD)
    for r in (row, row + 1):
        for column in range(1, 2 + len(view.parties)):
            cell = sheet.cell(row=r, column=column)
            cell.fill, cell.border, cell.alignment = _HEADER_FILL, _GRID, _CENTER
    sheet.cell(row=row, column=1).alignment = Alignment(horizontal="left", vertical="bottom")


def _write_row(sheet, row: int, shown: TableRow, view: TableView, rows: dict[str, int]) -> None:
    """Typed amounts as numbers, SUMMA and the refund as formulas; a "varav" row in italics, typed
    and outside the formulas (they name the cost and funds rows only)."""
    font = _BOLD if shown.total else _ITALIC if shown.memo else _PLAIN
    label = write_text(sheet, row, 1, shown.label, font)
    label.alignment, label.border = _WRAP_MIDDLE, _GRID
    for index, value in enumerate(shown.cells):
        cell = sheet.cell(row=row, column=2 + index)
        cell.font = _BOLD if value.total and not shown.memo else font
        cell.border, cell.number_format, cell.alignment = _GRID, amount_format(view.decimals, shown.role), _AMOUNT
        if not value.applies:
            cell.fill = _NOT_APPLICABLE_FILL
        elif shown.total:
            cell.value = _formula(shown.role, get_column_letter(2 + index), view, rows, index)
        elif value.total and not shown.memo:
            cell.value = _row_total(view, row, index)
        else:
            cell.value = value.value  # Decimal: openpyxl writes it exactly, never through float


def _row_total(view: TableView, row: int, index: int) -> str:
    """A cell of a totals column ("Summa per år"): the sum of the other amounts of its group in its row."""
    group = next(g for g in view.groups if g.first <= index < g.first + g.span)
    parts = [get_column_letter(2 + i) for i in range(group.first, group.first + group.span)
             if not view.rows[0].cells[i].total]
    return sum_formula(",".join(f"{c}{row}" for c in parts))


def sum_formula(cells: str) -> str:
    """The sum of `cells` (`B7:B9,B12`), blank when none of them holds an amount, as Word and the PDF
    print it (forms.economics: a sum of nothing is no figure), not 0."""
    return f'=IF(COUNT({cells})=0,"",SUM({cells}))'


def _formula(role: str, column: str, view: TableView, rows: dict[str, int], index: int) -> str | None:
    """SUMMA is the sum of the cost rows; Återbetalning is what the costs leave of the funds (below
    zero a deficit, which the refund row's number format shows as "Underskott …")."""
    costs = _ranges(column, [rows[r.id] for r in view.rows if r.role == "cost"])
    if role in ("sum", "total"):
        return sum_formula(costs)
    funds = [rows[r.id] for r in view.rows if r.role == "funds"]
    if not funds:
        return None
    funds_ref = _ranges(column, funds)
    summa = next((r for r in view.rows if r.role == "sum" and r.cells[index].applies), None)
    spent = f"{column}{rows[summa.id]}" if summa else costs
    # blank until both the funds and a cost are typed (forms.economics.TableCalc.balance); SUM reads
    # the blank of an empty SUMMA as nothing rather than failing on it
    return f'=IF(OR(COUNT({funds_ref})=0,COUNT({spent})=0),"",SUM({funds_ref})-SUM({spent}))'


def _ranges(column: str, numbers: list[int]) -> str:
    """Row numbers as compact references: [7, 8, 9, 12] → `B7:B9,B12`."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ",".join(f"{column}{r[0]}" if len(r) == 1 else f"{column}{r[0]}:{column}{r[-1]}" for r in runs)


def _merged_text(sheet, row: int, last_column: int, text: str, font: Font) -> None:
    """Text over the table's whole width, wrapped; merged cells never grow by themselves."""
    cell = write_text(sheet, row, 1, text, font)
    cell.alignment = _WRAP_TOP
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
    width = sum(_width(sheet, column) for column in range(1, last_column + 1))
    sheet.row_dimensions[row].height = _height(text, width, font.sz)


def _fit_row(sheet, row: int) -> None:
    """Set the height wrapped text needs: neither Excel nor LibreOffice grows rows on opening."""
    heights = [_height(str(cell.value), _width(sheet, cell.column), cell.font.sz)
               for cell in sheet[row] if cell.data_type == "s" and cell.value and cell.alignment.wrap_text]
    if heights:
        sheet.row_dimensions[row].height = max(heights)


def _width(sheet, column: int) -> float:
    return sheet.column_dimensions[get_column_letter(column)].width or 8.43


def _height(text: str, width: float, size: float) -> float:
    """Points needed for `text` wrapped in a column `width` characters wide (an estimate that
    errs on the generous side), at most Excel's limit of 409 points."""
    chars_per_line = max(width * 11 / size / AVERAGE_CHAR_WIDTH - 2, 1)  # less the cell padding
    lines = sum(_wrapped_lines(line, chars_per_line) for line in text.split("\n"))
    return min(round(lines * size * LINE_HEIGHT + 3, 1), MAX_ROW_HEIGHT)


def _wrapped_lines(line: str, chars_per_line: float) -> int:
    """Lines a paragraph takes when wrapped at spaces, as Excel and LibreOffice wrap it: a word that
    does not fit the rest of a line starts the next ("Bemanning och kompetensutveckling" in a
    30-wide column takes two lines though its 33 characters would fit one at a stretch)."""
    lines, used = 1, 0.0
    for word in line.split(" "):
        length = len(word)
        if used and used + 1 + length > chars_per_line:
            lines, used = lines + 1, 0.0
        used += (1 if used else 0) + length
        while used > chars_per_line:  # a word longer than the line breaks anywhere
            lines, used = lines + 1, used - chars_per_line
    return lines


# --- Frågor och svar -------------------------------------------------------------------------------


QUESTION_WIDTH, ANSWER_WIDTH = 36, 102  # one A4 landscape width at 100 %: the question, the answer columns


def _write_questions(sheet, template: Template, report: Report, footer: str) -> None:
    """The report's questions and answers from the document every export walks (exports/document.py):
    a row per section heading; a question in A with its answer over the columns beside it, numbers and
    percentages as numbers in Swedish formats, a long answer over several rows (the question merged
    down them); a rows table (the action plan's activity tables) with its own columns."""
    blocks = build(template, report)
    tables = [b for b in blocks if isinstance(b, Table) and b.kind == "rows"]
    span = max([3, *(len(t.widths) - t.spanning for t in tables)])  # answer columns beside the question
    last = 1 + span
    sheet.column_dimensions["A"].width = QUESTION_WIDTH
    for column in range(2, last + 1):
        sheet.column_dimensions[get_column_letter(column)].width = round(ANSWER_WIDTH / span, 1)
    write_text(sheet, 1, 1, QA_HEADERS[0], _BOLD).fill = _HEADER_FILL
    write_text(sheet, 1, 2, QA_HEADERS[1], _BOLD).fill = _HEADER_FILL
    sheet.merge_cells(start_row=1, start_column=2, end_row=1, end_column=last)
    row, heading = 2, ""
    for block in blocks:
        if isinstance(block, Paragraph) and block.style == "heading":
            heading = block.text  # written above the section's first question (none: not at all)
            continue
        if not (isinstance(block, Answer) or (isinstance(block, Table) and block.kind == "rows")):
            continue
        if heading:
            cell = write_text(sheet, row, 1, heading, _CAPTION)
            cell.fill, cell.alignment = _HEADER_FILL, _WRAP_TOP
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
            sheet.row_dimensions[row].height = _height(heading, _span_width(sheet, 1, last), _CAPTION.sz)
            row, heading = row + 1, ""
        if isinstance(block, Answer):
            row = _write_answer(sheet, row, block, last)
        else:
            row = _write_rows_table(sheet, row, block, last)
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    _set_up_printing(sheet, footer)


def _span_width(sheet, first: int, last: int) -> float:
    return sum(_width(sheet, c) for c in range(first, last + 1))


def _write_answer(sheet, row: int, answer: Answer, last: int) -> int:
    """The question in A, the answer merged over B…; returns the next free row."""
    width = _span_width(sheet, 2, last)
    pieces = [None] if answer.figure is not None else _row_chunks(answer.text, width) if answer.text else [""]
    first = row
    for piece in pieces:
        if piece is None:
            write_figure(sheet, row, 2, answer.figure)
            height = _height("0", width, _PLAIN.sz)
        else:
            cell = write_text(sheet, row, 2, piece, _ITALIC if piece == UNANSWERED else _PLAIN)
            cell.alignment = _WRAP_TOP
            height = _height(piece, width, _PLAIN.sz)
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last)
        sheet.row_dimensions[row].height = height
        row += 1
    _question_cell(sheet, first, row - 1, answer.label, _PLAIN)
    return row


def _question_cell(sheet, first: int, last_row: int, text: str, font: Font) -> None:
    """The question in A over its answer's rows, the rows as high as it needs."""
    cell = write_text(sheet, first, 1, text, font)
    cell.alignment = _WRAP_TOP
    if last_row > first:
        sheet.merge_cells(start_row=first, start_column=1, end_row=last_row, end_column=1)
    needed = _height(text, _width(sheet, 1), font.sz)
    have = sum(sheet.row_dimensions[r].height or 0 for r in range(first, last_row + 1))
    if needed > have:
        sheet.row_dimensions[last_row].height = min((sheet.row_dimensions[last_row].height or 0) + needed - have,
                                                    MAX_ROW_HEIGHT)


def _write_rows_table(sheet, row: int, table: Table, last: int) -> int:
    """A rows table as real columns: its header row, then a row per entry; in A the question (or,
    in the seed's activity table, each delmål) merged down the rows it spans."""
    header, rows = table.header[0].cells, [r.cells for r in table.rows]
    if not table.spanning:
        header = (Cell(table.label), *header)
        rows = [(Cell(table.label, continued=index > 0), *cells) for index, cells in enumerate(rows)]
    for column, cell in enumerate(header, start=1):
        written = write_text(sheet, row, column, cell.text, _BOLD)
        written.fill, written.alignment, written.border = _HEADER_FILL, _WRAP_TOP, _GRID
    _fit_row(sheet, row)
    row += 1
    runs: list[tuple[int, str]] = []  # (first row, text) of each cell spanning rows in A
    for cells in rows:
        if not cells[0].continued:
            runs.append((row, cells[0].text))
        for column, cell in enumerate(cells[1:], start=2):
            written = write_text(sheet, row, column, cell.text, _ITALIC if cell.text == UNANSWERED else _PLAIN)
            written.alignment, written.border = _WRAP_TOP, _GRID
        _fit_row(sheet, row)
        row += 1
    for (first, text), (following, _) in zip(runs, [*runs[1:], (row, "")], strict=True):
        _question_cell(sheet, first, following - 1, text, _PLAIN)
        for r in range(first, following):
            sheet.cell(r, 1).border = _GRID
    return row


def _row_chunks(text: str, width: float) -> list[str]:
    """A long answer split into rows at line ends, each row about a third of Excel's highest (so a
    page is not left half empty by a row too high for what is left of it); a paragraph too long for
    Excel's highest row (or its 32 767 characters a cell) is split at its spaces. Joined again the
    pieces are the whole answer: with line breaks, the pieces of one paragraph side by side."""
    chunks, current = [], None  # None: nothing yet in this piece ("" is an empty line)
    for line in (piece for paragraph in text.split("\n") for piece in _split_paragraph(paragraph, width)):
        candidate = line if current is None else f"{current}\n{line}"
        if current is not None and _height(candidate, width, _PLAIN.sz) >= ROW_PIECE_HEIGHT:
            chunks.append(current)
            candidate = line
        current = candidate
    return [*chunks, current or ""]


def _split_paragraph(paragraph: str, width: float) -> list[str]:
    """One paragraph as pieces that each fit a row; a piece ends after a space where there is one,
    so the pieces put side by side are the paragraph exactly."""
    chars_per_line = max(int(width * 11 / _PLAIN.sz / AVERAGE_CHAR_WIDTH) - 1, 1)
    lines_per_row = int(MAX_ROW_HEIGHT * 0.85 / (_PLAIN.sz * LINE_HEIGHT))
    size = max(chars_per_line * lines_per_row * 3 // 4, 1)  # words wrap early: leave a quarter spare
    pieces = []
    while len(paragraph) > size:
        cut = paragraph.rfind(" ", size // 2, size) + 1 or size
        if 0xD800 <= ord(paragraph[cut - 1]) <= 0xDBFF:  # never between the halves of a surrogate pair
            cut -= 1
        pieces.append(paragraph[:cut])
        paragraph = paragraph[cut:]
    return [*pieces, paragraph]


def print_scale(sheet) -> float:
    """The scale fit-to-width prints the sheet at (1.0 when its columns fit A4 landscape): Excel's
    column width w is w × 7 + 5 pixels of Calibri 11 at 96 dpi."""
    columns = range(1, sheet.max_column + 1)
    width_pt = sum((_width(sheet, c) * 7 + 5) * 0.75 for c in columns)
    printable = A4_LANDSCAPE_WIDTH_PT - 2 * 72 * PRINT_SIDE_MARGIN_INCH
    return min(1.0, printable / width_pt)


def _set_up_printing(sheet, footer: str) -> None:
    """A4 landscape, one page wide (a wide column would otherwise get pages of its own)."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0  # columns chosen to fit at 100 %
    sheet.page_margins.left = sheet.page_margins.right = PRINT_SIDE_MARGIN_INCH
    sheet.print_options.gridLines = False
    sheet.oddHeader.right.text = footer.replace("&", "&&")
    sheet.oddHeader.right.size = 8
    sheet.oddFooter.right.text = "Sida &P av &N"
    sheet.oddFooter.right.size = 8

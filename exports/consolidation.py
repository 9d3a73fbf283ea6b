"""Exports of a Sammanställning (forms/consolidation.py): Excel and Word.

Excel: sheet "Siffror" with one row per area (status, received date, budget, utfall and
återbetalning per party) and the city totals as SUM formulas (blank where no area has the figure),
then the checks; sheet "Frågor" with every question in template order — a row per section, the
question in bold, then a row per area with its answer beside the area's name (a long answer
continuing on the rows below; a percentage or a number as a number cell in the report's own Excel
format, "3,25 %") — printed A4 landscape, one page wide. One sheet for all questions, because a
reader goes through them in order and compares the areas one under the other; the areas side by
side (a sheet per question, 4–10 columns) printed 17–18 pages of narrow columns.
Word: the figures table, then per question each area's answer under its name — the text DRNG pastes
into its own annual report. Import lazily (python-docx and openpyxl are slow to import).
"""

from __future__ import annotations

from typing import BinaryIO

from forms import times
from forms.consolidation import FIGURE_LABELS, FIGURES, STATE_LABELS, Consolidation
from forms.numbers import format_amount
from forms.template import PARTIES

FIGURES_SHEET, QUESTIONS_SHEET = "Siffror", "Frågor"
AREA_WIDTH = 24
SUBJECT = "{} – de inkomna rapporterna sammanställda"
FIRST_DATA_ROW = 6
NO_REPORT, NO_ANSWER = "(rapport saknas)", "(inget svar)"


def _decimals(cons: Consolidation) -> int:
    """As many decimals as the figures have (one for tkr, none for kronor), so no figure is shown
    rounded."""
    values = [v for row in cons.rows for f in row.figures.values() for v in f.values() if v is not None]
    least = 1 if cons.unit == "tkr" else 0
    return max([least, *(-v.normalize().as_tuple().exponent for v in values)])


def _state(cons: Consolidation, row) -> str:
    return STATE_LABELS.get(row.state, row.state)


def _received(row) -> str:
    return times.shown_day(row.received_at)


def write_consolidation_xlsx(cons: Consolidation, target: str | BinaryIO) -> None:
    from openpyxl import Workbook

    from exports.excel import _BOLD, _TITLE
    from exports.properties import save_xlsx, set_xlsx_core

    workbook = Workbook()
    set_xlsx_core(workbook, title=cons.title, subject=SUBJECT.format(f"{cons.template.type_name} {cons.year}"))
    workbook.calculation.fullCalcOnLoad = True  # the totals are formulas without cached results
    sheet = workbook.active
    sheet.title = FIGURES_SHEET
    _write_figures(sheet, cons, _TITLE, _BOLD)
    _write_questions(workbook.create_sheet(QUESTIONS_SHEET), cons)
    save_xlsx(workbook, target)


def _write_figures(sheet, cons: Consolidation, title_font, bold) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    from exports.excel import (
        _AMOUNT,
        _CENTER,
        _GRID,
        _HEADER_FILL,
        _PLAIN,
        _WRAP_TOP,
        _set_up_printing,
        sum_formula,
        write_text,
    )

    columns = [(figure, party) for figure in FIGURES for party in PARTIES]
    last = 3 + len(columns)
    write_text(sheet, 1, 1, cons.title, title_font)
    write_text(sheet, 2, 1, f"Belopp i {cons.unit}. Summorna är formler över områdenas rader."
               + (f" Saknas: {', '.join(cons.missing)}." if cons.missing else ""), _PLAIN)
    for column, header in enumerate(("Område", "Status", "Mottagen"), start=1):
        sheet.merge_cells(start_row=4, end_row=5, start_column=column, end_column=column)
        cell = write_text(sheet, 4, column, header, bold)
        cell.fill, cell.alignment = _HEADER_FILL, _CENTER
    for index, figure in enumerate(FIGURES):
        first = 4 + index * len(PARTIES)
        sheet.merge_cells(start_row=4, end_row=4, start_column=first, end_column=first + len(PARTIES) - 1)
        cell = write_text(sheet, 4, first, FIGURE_LABELS[figure], bold)
        cell.fill, cell.alignment = _HEADER_FILL, _CENTER
        for offset, party in enumerate(PARTIES):
            cell = write_text(sheet, 5, first + offset, cons.party_label(party), bold)
            cell.fill, cell.alignment = _HEADER_FILL, _CENTER
    for r in range(4, 6):
        for c in range(1, last + 1):
            sheet.cell(row=r, column=c).border = _GRID
    decimals = _decimals(cons)
    amount_format = "#,##0" + ("." + "0" * decimals if decimals else "")
    row_number = FIRST_DATA_ROW
    for row in cons.rows:
        area = row.area + ("" if row.expected else " (ej i områdeslistan)")
        for column, text in enumerate((area, _state(cons, row), _received(row)), start=1):
            write_text(sheet, row_number, column, text).border = _GRID
        for offset, (figure, party) in enumerate(columns):
            cell = sheet.cell(row=row_number, column=4 + offset)
            value = row.figures.get(party, {}).get(figure)
            cell.value = value  # Decimal: openpyxl writes the exact decimal text
            cell.number_format, cell.alignment, cell.border, cell.font = amount_format, _AMOUNT, _GRID, _PLAIN
        row_number += 1
    total_row = row_number
    note = cons.incomplete_note()
    write_text(sheet, total_row, 1, "Summa staden (ofullständig)" if note else "Summa staden", bold).border = _GRID
    for column in (2, 3):
        sheet.cell(row=total_row, column=column).border = _GRID
    for offset in range(len(columns)):
        letter = get_column_letter(4 + offset)
        cell = sheet.cell(row=total_row, column=4 + offset)
        cell.value = sum_formula(f"{letter}{FIRST_DATA_ROW}:{letter}{total_row - 1}")  # none: blank, as Word's "–"
        cell.number_format, cell.alignment, cell.border, cell.font = amount_format, _AMOUNT, _GRID, bold
    row_number = total_row + 2
    if note:
        sheet.merge_cells(start_row=total_row + 1, end_row=total_row + 1, start_column=1, end_column=last)
        write_text(sheet, total_row + 1, 1, note, bold).alignment = _WRAP_TOP
        sheet.row_dimensions[total_row + 1].height = 15 * max(1, -(-len(note) // 110))
        row_number += 1
    write_text(sheet, row_number, 1, "Kontroller", bold)
    row_number += 1
    checks = [(row.area, check) for row in cons.rows for check in row.checks]
    for area, check in checks or [("", "Inga avvikelser i de mottagna rapporterna.")]:
        write_text(sheet, row_number, 1, area).alignment = _WRAP_TOP
        sheet.merge_cells(start_row=row_number, end_row=row_number, start_column=2, end_column=last)
        write_text(sheet, row_number, 2, check).alignment = _WRAP_TOP
        sheet.row_dimensions[row_number].height = 15 * max(1, -(-len(check) // 110))
        row_number += 1
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = 12
    for offset in range(len(columns)):
        sheet.column_dimensions[get_column_letter(4 + offset)].width = 13
    sheet.row_dimensions[4].height = 18
    sheet.freeze_panes = f"B{FIRST_DATA_ROW}"
    sheet.print_title_rows = "4:5"
    _set_up_printing(sheet, cons.title)
    sheet.cell(row=2, column=1).alignment = Alignment(wrap_text=False)


def _write_questions(sheet, cons: Consolidation) -> None:
    """Every question, then each area's answer under it (see the module's docstring)."""
    from exports.excel import (
        _BOLD,
        _CAPTION,
        _HEADER_FILL,
        _ITALIC,
        _PLAIN,
        _WRAP_TOP,
        ANSWER_WIDTH,
        QUESTION_WIDTH,
        _height,
        _question_cell,
        _row_chunks,
        _set_up_printing,
        write_figure,
        write_text,
    )

    answer_width = QUESTION_WIDTH + ANSWER_WIDTH - AREA_WIDTH
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = AREA_WIDTH, answer_width
    for column, header in enumerate(("Område", "Svar"), start=1):
        write_text(sheet, 1, column, header, _BOLD).fill = _HEADER_FILL
    row, section = 2, None
    for number, question in enumerate(cons.questions, start=1):
        if question.section != section:
            section = question.section
            cell = write_text(sheet, row, 1, section, _CAPTION)
            cell.fill, cell.alignment = _HEADER_FILL, _WRAP_TOP
            sheet.merge_cells(start_row=row, end_row=row, start_column=1, end_column=2)
            row += 1
        label = f"{number}. {question.label}"
        write_text(sheet, row, 1, label, _BOLD).alignment = _WRAP_TOP
        sheet.merge_cells(start_row=row, end_row=row, start_column=1, end_column=2)
        sheet.row_dimensions[row].height = _height(label, AREA_WIDTH + answer_width, _BOLD.sz)
        row += 1
        for area_row in cons.rows:
            answer = question.answers.get(area_row.area, "")
            first = row
            if area_row.area in question.figures:  # a number or percentage: a number cell, shown as in Word
                write_figure(sheet, row, 2, question.figures[area_row.area])
                sheet.row_dimensions[row].height = _height("0", answer_width, _PLAIN.sz)
                _question_cell(sheet, row, row, area_row.area, _PLAIN)
                row += 1
                continue
            for piece in _row_chunks(answer, answer_width) if answer else [None]:
                if piece is None:
                    cell = write_text(sheet, row, 2, NO_REPORT if area_row.missing else NO_ANSWER, _ITALIC)
                else:
                    cell = write_text(sheet, row, 2, piece, _PLAIN)
                cell.alignment = _WRAP_TOP
                sheet.row_dimensions[row].height = _height(str(cell.value), answer_width, _PLAIN.sz)
                row += 1
            _question_cell(sheet, first, row - 1, area_row.area, _PLAIN)
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    _set_up_printing(sheet, cons.title)


# --- Word --------------------------------------------------------------------------------------------

def write_consolidation_docx(cons: Consolidation, target: str | BinaryIO) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    from exports.properties import set_docx_app, set_docx_core
    from exports.word import QUESTION_STYLE, TABLE_STYLE, _add_header_and_footer, _set_up_page, _set_up_styles
    from forms.clean import clean_text

    doc = Document()
    _set_up_page(doc)
    _set_up_styles(doc)
    set_docx_core(doc, title=cons.title, subject=SUBJECT.format(f"{cons.template.type_name} {cons.year}"))
    _add_header_and_footer(doc, cons.title)
    doc.add_paragraph(cons.title, style="Title")
    received = [r for r in cons.rows if not r.missing]
    doc.add_paragraph(
        f"{len(received)} av {len([r for r in cons.rows if r.expected])} {cons.template.area_word}n har rapporterat."
        + (f" Saknas: {', '.join(cons.missing)}." if cons.missing else ""))
    doc.add_paragraph(f"Ekonomi ({cons.unit})", style="Heading 1")
    # a soft hyphen: a narrow column breaks "Åter-betalning" where Swedish does, not "Återbetalnin-g"
    labels = {f: FIGURE_LABELS[f].replace("Återbetalning", "Åter\u00adbetalning") for f in FIGURES}
    headers = ["Område"] + [f"{labels[f]}\n{cons.party_label(p)}" for f in FIGURES for p in PARTIES]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    widths = [Cm(3.1)] + [Cm(2.15)] * (len(headers) - 1)  # "Återbetalning" fits on its line
    decimals = _decimals(cons)

    def fill(cells, texts, bold=False):
        for number, (cell, text, width) in enumerate(zip(cells, texts, widths, strict=True)):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.style = TABLE_STYLE
            if number:  # amounts line up at the right, as in the report's own table
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(clean_text(text))
            run.bold = bold

    fill(table.rows[0].cells, headers, bold=True)
    for row in cons.rows:
        fill(table.add_row().cells, [row.area] + [
            format_amount(v, decimals) if (v := row.figures.get(p, {}).get(f)) is not None else "–"
            for f in FIGURES for p in PARTIES])
    note = cons.incomplete_note()
    fill(table.add_row().cells, ["Summa staden (ofullständig)" if note else "Summa staden"] + [
        format_amount(v, decimals) if (v := cons.totals[p][f]) is not None else "–" for f in FIGURES for p in PARTIES],
        bold=True)
    if note:
        doc.add_paragraph().add_run(clean_text(note)).bold = True
    checks = [(row.area, check) for row in cons.rows for check in row.checks]
    if checks:
        doc.add_paragraph("Kontroller", style="Heading 2")
        for area, check in checks:
            doc.add_paragraph(clean_text(f"{area}: {check}"), style="List Bullet")
    section = None
    for number, question in enumerate(cons.questions, start=1):
        if question.section != section:
            section = question.section
            doc.add_paragraph(clean_text(section), style="Heading 1")
        doc.add_paragraph(clean_text(f"{number}. {question.label}"), style=QUESTION_STYLE)
        for row in cons.rows:
            name = doc.add_paragraph(style="Heading 2")
            name.add_run(clean_text(row.area))
            name.paragraph_format.keep_with_next = True
            answer = question.answers.get(row.area, "")
            if not answer:
                doc.add_paragraph().add_run(NO_REPORT if row.missing else NO_ANSWER).italic = True
                continue
            for line in clean_text(answer).split("\n"):
                doc.add_paragraph(line)
    set_docx_app(doc)
    doc.save(target)

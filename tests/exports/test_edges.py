"""Edges of the exports that mutation testing showed no test held (docs/testing.md): each test here
fails for a one-line bug that every other test let pass."""

import io

import openpyxl
import pytest
from docx import Document

from exports.bundle import docx_bytes, xlsx_bytes
from forms.clean import clean_text

INVISIBLE = "\x7f\x80\x85\x9f\ufffe\uffff"  # DEL, C1 controls, the two XML non-characters


@pytest.mark.parametrize("char", list(INVISIBLE), ids=lambda c: f"U+{ord(c):04X}")
def test_del_c1_controls_and_non_characters_are_removed(char):
    assert clean_text(f"före{char}efter") == "föreefter"


def test_an_answer_with_them_exports_to_word_and_excel_that_open(fca2022, lundby):
    """U+FFFE/U+FFFF make python-docx and openpyxl raise; C1 controls show as boxes in Word."""
    lundby.answers["nosam"] = f"NOSAM möts{INVISIBLE} fyra gånger om året."
    text = "\n".join(p.text for p in Document(io.BytesIO(docx_bytes(fca2022, lundby))).paragraphs)
    assert "NOSAM möts fyra gånger om året." in text
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(fca2022, lundby)))
    cells = [c.value for sheet in workbook for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "NOSAM möts fyra gånger om året." in cells


def _workbook(template, report):
    return openpyxl.load_workbook(io.BytesIO(xlsx_bytes(template, report)))


def test_the_economy_sheet_layout(fca2022, lundby):
    """Title merged over the table's width, widths only for the table's columns, the unit as the
    header's corner in bold at the bottom, the questions sheet frozen under its header row."""
    workbook = _workbook(fca2022, lundby)
    sheet = workbook["Ekonomi"]
    assert {k: d.width for k, d in sheet.column_dimensions.items()} == {"A": 58.0, "B": 13.0, "C": 13.0, "D": 13.0,
                                                                         "E": 13.0}
    assert "A1:E1" in {str(r) for r in sheet.merged_cells.ranges}
    corner = sheet["A4"]
    assert (corner.value, corner.font.b, corner.alignment.horizontal, corner.alignment.vertical) == \
        ("tkr", True, "left", "bottom")
    assert workbook["Frågor och svar"].freeze_panes == "A2"


def test_the_printout_is_well_formed_where_it_matters(fca2022, lundby):
    """Bilagor listed in order, the parties' header row, sums as computed rows, info text not a question."""
    from exports.document import ATTACHMENTS, Paragraph, Table, build
    from tests.exports.test_document import flat

    blocks = flat(build(fca2022, lundby, ["Bilaga 1.pdf", "Protokoll.docx"]))
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    at = next(i for i, p in enumerate(paragraphs) if p.text == ATTACHMENTS and p.style == "heading")
    assert [(p.text, p.style) for p in paragraphs[at + 1:at + 3]] == [("Bilaga 1.pdf", "bullet"),
                                                                      ("Protokoll.docx", "bullet")]
    money = next(b for b in blocks if isinstance(b, Table) and b.kind == "money")
    assert [c.text for c in money.header[-1].cells][-4:] == ["HSNG", "SDN", "HSNG", "SDN"]
    summa = next(r for r in money.rows if r.cells[0].text == "SUMMA")
    assert summa.kind == "computed" and summa.keep_with_previous
    instruction = next(i for i, p in enumerate(paragraphs) if p.text == "Instruktion")
    assert paragraphs[instruction].style != "question"
    assert "Avtalet följs upp årligen" in paragraphs[instruction + 1].text


def test_an_empty_percentage_is_empty_text():
    from forms.answers import answer_text
    from forms.template import Field

    percent = Field(id="andel", kind="percent", label="Andel")
    assert answer_text(percent, "") == "" and answer_text(percent, "12.5") == "12,5 %"


def test_a_rows_answer_in_word_has_a_left_aligned_bold_header_row():
    from pathlib import Path

    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from forms.report import Report
    from forms.template import TemplateLibrary

    library = TemplateLibrary.load(Path(__file__).resolve().parent.parent / "data")
    template = library.get("testplan", "2030")
    report = Report("testplan", "2030", "Centrum", 2030)
    report.set_rows("delmal_1", [{"insats": "ABC – föräldrar", "ansvar": "ÖF"}])
    document = Document(io.BytesIO(docx_bytes(template, report)))
    [table] = [t for t in document.tables if t.rows[0].cells[0].text.startswith("Planerade insatser")]
    header = [cell.paragraphs[0] for cell in table.rows[0].cells]
    assert [p.text for p in header] == ["Planerade insatser/aktiviteter – Målgrupp", "Ansvar"]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.LEFT and all(r.bold for r in p.runs) for p in header)
    assert [c.text for c in table.rows[1].cells] == ["ABC – föräldrar", "ÖF"]

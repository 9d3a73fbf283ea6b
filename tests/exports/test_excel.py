"""The Excel export of the Lundby demo report, written to bytes and read back with openpyxl."""

import copy
import re
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from exports.content import answer_text, questions
from exports.excel import AMOUNT_FORMAT, ECONOMY_SHEET, KIND_SHEETS, QA_SHEET, write_xlsx
from forms.economics import table_calc
from forms.report import Report
from forms.template import FIELD_KINDS

SUMMA, REFUND = "SUMMA", "Återbetalning till HSNG"
COLUMNS = ("budget_region", "budget_stad", "utfall_region", "utfall_stad")


def export(template, report):
    buffer = BytesIO()
    write_xlsx(template, report, buffer)
    buffer.seek(0)
    return load_workbook(buffer)


def report_2023(lundby):
    """The Lundby answers and amounts on the 2023 revision of the template (DRNG/SN)."""
    return Report(template_id="fca-uppfoljning", revision="2023", area="Hisingen", year=2023,
                  answers=dict(lundby.answers), tables=copy.deepcopy(lundby.tables))


def row_of(sheet, label):
    return next(row for row in range(1, sheet.max_row + 1) if sheet.cell(row, 1).value == label)


def cells(sheet, ref):
    """The cells of `B7`, `B7:B9` or `B7:B9,B12`."""
    for part in ref.split(","):
        first, _, last = part.partition(":")
        for row in sheet[first:last or first]:
            yield from row


SUM_FORMULA = re.compile(r'=IF\(COUNT\((?P<cells>[A-Z0-9:,]+)\)=0,"",SUM\((?P=cells)\)\)')
REFUND_FORMULA = re.compile(r'=IF\(OR\(COUNT\((?P<funds>[A-Z0-9:,]+)\)=0,COUNT\((?P<spent>[A-Z0-9:,]+)\)=0\),"",'
                            r'SUM\((?P=funds)\)-SUM\((?P=spent)\)\)')


def summed(formula) -> str | None:
    """The cells a total's formula adds up (`B7:B9`), blank when none holds an amount; None for another formula."""
    match = SUM_FORMULA.fullmatch(formula) if isinstance(formula, str) else None
    return match["cells"] if match else None


def evaluate(sheet, cell):
    """The value of a cell: a number, None where blank, or the sum and balance formulas the export
    writes, evaluated as Excel does (blank when none of their amounts is there)."""
    value = cell.value
    if value is None or not isinstance(value, str):
        return None if value is None else Decimal(str(value))
    if match := SUM_FORMULA.fullmatch(value):
        present = [v for c in cells(sheet, match["cells"]) if (v := evaluate(sheet, c)) is not None]
        return sum(present, Decimal(0)) if present else None
    if match := REFUND_FORMULA.fullmatch(value):
        funds, spent = ([v for c in cells(sheet, match[name]) if (v := evaluate(sheet, c)) is not None]
                        for name in ("funds", "spent"))
        return sum(funds, Decimal(0)) - sum(spent, Decimal(0)) if funds and spent else None
    if match := re.fullmatch(r"=SUM\(([A-Z0-9:,]+)\)", value):  # Excel's plain SUM: 0 of nothing
        return sum((v for c in cells(sheet, match[1]) if (v := evaluate(sheet, c)) is not None), Decimal(0))
    raise AssertionError(f"unexpected formula {value!r}")


def test_sum_and_refund_are_formulas_that_give_the_calculated_values(fca2022, lundby):
    """SUMMA and Återbetalning are live formulas; evaluated they equal table_calc's 459, 443.5, 5.0."""
    sheet = export(fca2022, lundby)[ECONOMY_SHEET]
    calc = table_calc(fca2022, lundby, "ekonomi")
    for label, row_id in ((SUMMA, "summa"), (REFUND, "aterbetalning")):
        row = row_of(sheet, label)
        for offset, column_id in enumerate(COLUMNS, start=2):
            cell = sheet.cell(row, offset)
            expected = calc.value(row_id, column_id)
            if expected is None:
                assert cell.value is None, (label, column_id)  # the refund has no budget cells
                continue
            assert cell.data_type == "f" and (summed(cell.value) or REFUND_FORMULA.fullmatch(cell.value))
            assert evaluate(sheet, cell) == expected
    summa = row_of(sheet, SUMMA)
    sums = [evaluate(sheet, sheet.cell(summa, c)) for c in range(2, 6)]
    assert sums == [459, 459, Decimal("443.5"), Decimal("443.5")]
    assert evaluate(sheet, sheet.cell(row_of(sheet, REFUND), 5)) == Decimal("5.0")


def test_sum_covers_the_cost_rows_not_the_funds(fca2022, lundby):
    """SUMMA adds the cost rows only; the funds row is what the refund starts from."""
    sheet = export(fca2022, lundby)[ECONOMY_SHEET]
    funds, summa = row_of(sheet, "Ingående medel från 2021"), row_of(sheet, SUMMA)
    assert summed(sheet.cell(summa, 2).value) == f"B{funds + 1}:B{summa - 1}"
    refund = REFUND_FORMULA.fullmatch(sheet.cell(row_of(sheet, REFUND), 4).value)
    assert (refund["funds"], refund["spent"]) == (f"D{funds}", f"D{summa}")


def test_typed_amounts_are_numbers_with_one_decimal_format(fca2022, lundby):
    """Typed amounts are numbers (not text), formatted #,##0.0, with bold named fonts on sums."""
    sheet = export(fca2022, lundby)[ECONOMY_SHEET]
    funds = row_of(sheet, "Ingående medel från 2021")
    assert [sheet.cell(funds, c).value for c in range(2, 6)] == [459, 459, 448.5, 448.5]
    for column in range(2, 6):
        assert sheet.cell(funds, column).number_format == AMOUNT_FORMAT
        assert sheet.cell(funds, column).data_type == "n"
    summa = sheet.cell(row_of(sheet, SUMMA), 2)
    assert summa.font.b and summa.font.name == "Calibri"


def test_headers_merged_over_groups_with_party_labels(fca2022, lundby):
    """Group labels span their two columns, party labels below, the unit in the first column."""
    sheet = export(fca2022, lundby)[ECONOMY_SHEET]
    top = row_of(sheet, "tkr")
    assert [sheet.cell(top, c).value for c in (2, 4)] == ["Budget 2022", "Utfall 2022-12-31"]
    assert [sheet.cell(top + 1, c).value for c in range(2, 6)] == ["HSNG", "SDN", "HSNG", "SDN"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {f"B{top}:C{top}", f"D{top}:E{top}", f"A{top}:A{top + 1}"} <= merged
    assert sheet.freeze_panes == f"B{top + 2}"
    assert sheet["A1"].value.startswith("Uppföljning av Avtal") and "Lundby 2022" in sheet["A1"].value
    footnote = next(sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)
                    if str(sheet.cell(r, 1).value).startswith("¹ "))
    assert "Vägledning" in footnote


def test_2023_revision_uses_its_parties(fca2023, lundby):
    """A report on the 2023 revision has DRNG and SN columns and the refund goes to DRNG."""
    sheet = export(fca2023, report_2023(lundby))[ECONOMY_SHEET]
    top = row_of(sheet, "tkr")
    assert [sheet.cell(top + 1, c).value for c in range(2, 6)] == ["DRNG", "SN", "DRNG", "SN"]
    assert evaluate(sheet, sheet.cell(row_of(sheet, "Återbetalning till DRNG"), 5)) == Decimal("5.0")


def test_print_setup_a4_landscape_one_page_wide(fca2022, lundby):
    """Both sheets print on A4 landscape, fitted to the page width."""
    workbook = export(fca2022, lundby)
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0


def answer_cells(sheet, label: str) -> list:
    """The answer cells (column B) of a question (column A) on the questions sheet, over all the rows
    its question cell spans."""
    ends = {r.min_row: r.max_row for r in sheet.merged_cells.ranges if r.min_col == r.max_col == 1}
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == label and not sheet.cell(r, 1).font.b)
    return [sheet.cell(r, 2) for r in range(row, ends.get(row, row) + 1)]


def answers(sheet) -> dict:
    """Question → its answer as one text (the pieces of a long one joined by line breaks), or the
    number itself for a number cell; None when empty."""
    out = {}
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row, 1)
        if cell.value is None or cell.font.b or sheet.cell(row, 3).value is not None:
            continue  # a continued question, a section or table header, a rows table's row
        values = [c.value for c in answer_cells(sheet, cell.value)]
        out[cell.value] = values[0] if len(values) == 1 else "\n".join(v or "" for v in values)
    return out


def test_questions_sheet_lists_visible_questions_in_order(fca2022, lundby):
    """From the document every export walks: a row per section, then per visible question the
    question in A and the answer beside it (Nej, the free text); percentages and numbers as numbers
    with Swedish formats; an answer too long for one row continues on the next rows, the question
    merged down them, and joins back whole."""
    sheet = export(fca2022, lundby)[QA_SHEET]
    assert (sheet["A1"].value, sheet["B1"].value) == ("Fråga", "Svar")
    labels = [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value]
    expected = []
    for q in questions(fca2022, lundby):
        if q.section.title not in expected:
            expected.append(q.section.title)
        expected.append(q.label)
    assert labels == expected
    shown = answers(sheet)
    for q in questions(fca2022, lundby):
        if q.field.kind not in ("percent", "number"):
            assert shown[q.label] == (answer_text(q) or None), q.label
    share = answer_cells(sheet, "FCA-koordinator:")[0]
    assert (share.value, share.number_format) == (80, '#,##0" %"')  # shown "80 %"
    assert shown[fca2022.field("bemanning_tillracklig").label] == "Nej"
    assert shown["Ge exempel på ytterligare behov av kompetensutveckling under 2023"].startswith("Sekretess")
    long = answer_cells(sheet, fca2022.field("aktiviteter_samverkan").label)
    assert len(long) > 1  # the 4 211-character answer over several rows, without "(forts.)"
    assert all(sheet.row_dimensions[r].height < 409 for r in range(2, sheet.max_row + 1))
    assert [sheet.column_dimensions[c].width for c in "ABCD"] == [36, 34, 34, 34]
    assert sheet["B3"].alignment.wrap_text


def test_sheets_print_at_least_85_percent_with_rows_fitting_their_text(fca2022, lundby):
    """The columns fit A4 landscape (the sheet printed at 69 %, body text ≈ 7.5 pt); each row is as
    high as its wrapped text: "Bemanning och kompetensutveckling" in the 20-wide Avsnitt column
    takes two lines even where the answer beside it is empty."""
    from exports.excel import ECONOMY_SHEET, print_scale

    lundby.set_answer("behov_kompetensutveckling", "")
    book = export(fca2022, lundby)
    for sheet in (book[QA_SHEET], book[ECONOMY_SHEET]):
        assert print_scale(sheet) >= 0.85, sheet.title
        assert sheet.page_setup.orientation == "landscape" and sheet.sheet_properties.pageSetUpPr.fitToPage
    sheet = book[QA_SHEET]
    for row in range(2, sheet.max_row + 1):  # the section's heading over the whole width: one line
        if sheet.cell(row, 1).value == "Bemanning och kompetensutveckling":
            assert sheet.row_dimensions[row].height >= 12 * 1.2, row
    label = fca2022.render(fca2022.field("behov_kompetensutveckling").label, lundby.area, lundby.year)
    question = answer_cells(sheet, label)[0]
    assert sheet.row_dimensions[question.row].height >= 2 * 11 * 1.2  # the question wraps in its column


def test_hidden_conditional_question_is_not_listed(fca2022, lundby):
    """After Ja, "Om nej, …" is not in the list."""
    lundby.set_answer("bemanning_tillracklig", "ja")
    labels = [row[0] for row in export(fca2022, lundby)[QA_SHEET].iter_rows(values_only=True)]
    assert fca2022.field("bemanning_saknas").label not in labels


@pytest.mark.parametrize("typed", ["=1+1", '=HYPERLINK("http://example.com","klicka")', "+1", "-2", "@x"])
def test_user_text_never_becomes_a_formula(fca2022, lundby, typed):
    """Whatever a user types is a text cell, even when it starts like a formula."""
    lundby.set_answer("ovriga_kommentarer", typed)
    lundby.area = typed  # also reaches the title through {område}
    workbook = export(fca2022, lundby)
    sheet = workbook[QA_SHEET]
    (cell,) = answer_cells(sheet, "Övriga kommentarer")
    assert cell.value == typed and cell.data_type == "s"
    assert workbook[ECONOMY_SHEET]["A1"].data_type == "s"


def test_messy_text_exports_keeping_the_visible_text(fca2022, lundby):
    """Control characters, a lone surrogate, emoji and Arabic: no error, the visible text stays."""
    lundby.set_answer("ovriga_kommentarer",
                      "Kontroll\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0btecken \ud800 borta 😀 مرحبا بكم slut")
    sheet = export(fca2022, lundby)[QA_SHEET]
    answer = answers(sheet)["Övriga kommentarer"]
    assert answer == "Kontrolltecken  borta 😀 مرحبا بكم slut"


@pytest.mark.parametrize("kind", FIELD_KINDS)
def test_every_field_kind_has_an_excel_place(kind):
    """A new field kind in the template format must be given a place (or none) in the workbook."""
    assert kind in KIND_SHEETS


def test_row_height_estimate_wraps_like_libreoffice():
    """Rendered by LibreOffice, "Bemanning och kompetensutveckling" (33 characters) wraps to two
    lines in a 30-wide column; a row only one line high clipped it."""
    from exports.excel import _height

    assert _height("Bemanning och kompetensutveckling", 30, 11) >= 2 * 11 * 1.2
    assert _height("Kort", 30, 11) < 2 * 11 * 1.2


def test_percent_and_number_answers_are_number_cells_shown_as_in_word(library):
    """Percentages and "3,5 åa" were text cells (issue 19 item 3): now numbers with a format that
    shows the stored decimals and the unit, so Excel can count with them."""
    fca = library.get("fca-uppfoljning", "2022")
    report = Report("fca-uppfoljning", "2022", "Lundby", 2022)
    report.set_answer("andel_koordinator", "3.25")
    report.set_answer("andel_samordnare", "80")
    plan = library.get("fca-handlingsplan", "2024")
    plan_report = Report("fca-handlingsplan", "2024", "Centrum", 2024)
    plan_report.set_answer("arsarbetare", "3.5")
    found = {}
    for template, rep in ((fca, report), (plan, plan_report)):
        sheet = export(template, rep)[QA_SHEET]
        for row in range(2, sheet.max_row + 1):
            cell = sheet.cell(row, 2)
            if cell.data_type == "n" and cell.value is not None:
                found[sheet.cell(row, 1).value] = (cell.value, cell.number_format)
    assert found == {
        "FCA-koordinator:": (3.25, '#,##0.00" %"'),
        "FC-samordnare:": (80, '#,##0" %"'),
        "Antal årsarbetare koordinatorer (åa)": (3.5, '#,##0.0" åa"'),
    }


def test_lundby_workbook_prints_in_no_more_pages_than_its_word_export_and_one(fca2022, lundby, tmp_path):
    """The questions sheet does not waste paper: LibreOffice prints the Lundby workbook (both sheets)
    in at most one page more than the Word export (it printed 11 pages against Word's 7, each about
    40 % empty, when long answers were cut into "(forts.)" rows)."""
    from pypdf import PdfReader

    from exports.word import write_docx
    from tests.needs import soffice_convert

    write_docx(fca2022, lundby, tmp_path / "Lundby.docx")
    write_xlsx(fca2022, lundby, tmp_path / "Lundby-bok.xlsx")
    out = soffice_convert([tmp_path / "Lundby.docx", tmp_path / "Lundby-bok.xlsx"], "pdf", tmp_path / "pdf",
                          tmp_path / "profile")
    word, excel = (len(PdfReader(out / name).pages) for name in ("Lundby.pdf", "Lundby-bok.pdf"))
    assert excel <= word + 1, (excel, word)

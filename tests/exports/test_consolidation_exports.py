"""The Sammanställning's Excel and Word files, reopened: totals as formulas, every question on one
sheet with each area's answer under it (percentages as number cells), printable; in Word each area's
answer under its name."""

import io
from decimal import Decimal

import openpyxl
from docx import Document

from exports.consolidation import FIGURES_SHEET, QUESTIONS_SHEET, write_consolidation_docx, write_consolidation_xlsx
from forms.consolidation import consolidate
from forms.interchange import report_to_json
from forms.numbers import format_amount
from forms.receiving import receive_paths
from tests.exports.test_excel import summed
from tests.receiving_data import AREAS, area_report


def three_areas(store, library, tmp_path):
    for number, area in enumerate(AREAS[:3], start=1):
        report = area_report(library, area, number)
        if area == "Hisingen":
            report.set_answer("koordinatorns_arbete", "=HYPERLINK(\"http://x\")\nAndra stycket")
            report.set_answer("andel_koordinator", "3.25")
        (tmp_path / f"{area}.json").write_text(report_to_json(report, library), encoding="utf-8")
    receive_paths(store, library, [tmp_path])
    return consolidate(store, library, "fca-uppfoljning", 2023)


def test_excel_has_formula_totals_and_all_questions_on_one_sheet(store, library, tmp_path):
    result = three_areas(store, library, tmp_path)
    buffer = io.BytesIO()
    write_consolidation_xlsx(result, buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    figures = book[FIGURES_SHEET]
    rows = {figures.cell(row=r, column=1).value: r for r in range(1, figures.max_row + 1)}
    assert [figures.cell(row=r, column=2).value for r in range(6, 10)] == ["Mottagen"] * 3 + ["Saknas"]
    total = rows["Summa staden (ofullständig)"]  # Sydväst has not reported
    assert figures.cell(row=total + 1, column=1).value == "Summa staden är ofullständig: Sydväst har inte rapporterat."
    assert summed(figures.cell(row=total, column=4).value) == "D6:D9"  # blank while no area has the figure
    assert Decimal(str(figures.cell(row=6, column=4).value)) == result.rows[0].figures["region"]["budget"]
    assert figures.cell(row=9, column=4).value is None  # Sydväst is missing: empty, not 0
    assert figures.page_setup.orientation == "landscape" and figures.page_setup.fitToWidth == 1
    assert book.sheetnames == [FIGURES_SHEET, QUESTIONS_SHEET]  # every question on one sheet
    sheet = book[QUESTIONS_SHEET]
    column_a = [sheet.cell(row=r, column=1).value for r in range(1, sheet.max_row + 1)]
    for number, question in enumerate(result.questions, start=1):  # the question, then each area
        at = column_a.index(f"{number}. {question.label}")
        assert [v for v in column_a[at + 1:] if v][:len(AREAS)] == list(AREAS)
    at = column_a.index(next(f"{n}. {q.label}" for n, q in enumerate(result.questions, start=1)
                             if q.field_id == "koordinatorns_arbete"))
    answers = {column_a[r]: sheet.cell(row=r + 1, column=2) for r in range(at + 1, at + 1 + len(AREAS))}
    assert answers["Hisingen"].value == "=HYPERLINK(\"http://x\")\nAndra stycket"
    assert answers["Hisingen"].data_type == "s"  # the area's text, never a formula
    assert answers["Sydväst"].value == "(rapport saknas)"
    assert sheet.print_title_rows == "$1:$1" and sheet.page_setup.orientation == "landscape"


def test_word_has_each_areas_answer_under_its_name(store, library, tmp_path):
    result = three_areas(store, library, tmp_path)
    buffer = io.BytesIO()
    write_consolidation_docx(result, buffer)
    doc = Document(io.BytesIO(buffer.getvalue()))
    texts = [p.text for p in doc.paragraphs]
    assert "3 av 4 stadsområden har rapporterat. Saknas: Sydväst." in texts
    at = texts.index("Hisingen")
    assert texts[at + 1: at + 3] == ["=HYPERLINK(\"http://x\")", "Andra stycket"]
    assert texts[texts.index("Sydväst") + 1] == "(rapport saknas)"
    table = doc.tables[0]
    total = [c.text for c in table.rows[-1].cells]
    assert total[0] == "Summa staden (ofullständig)"
    assert "Summa staden är ofullständig: Sydväst har inte rapporterat." in texts
    budget = sum((r.figures["region"]["budget"] for r in result.rows if not r.missing), Decimal(0))
    assert total[1] == format_amount(budget, 1) == format_amount(result.totals["region"]["budget"], 1)


def test_the_workbook_prints_in_no_more_pages_than_the_word_file_and_one(store, library, tmp_path):
    """All questions on one sheet, each area's answer under the question: LibreOffice prints the
    workbook in at most one page more than the Word file (a sheet per question printed 17 pages
    against Word's 13 for four areas)."""
    from pypdf import PdfReader

    from tests.needs import soffice_convert

    for number, area in enumerate(AREAS, start=1):
        (tmp_path / f"{area}.json").write_text(report_to_json(area_report(library, area, number), library),
                                               encoding="utf-8")
    receive_paths(store, library, [tmp_path])
    result = consolidate(store, library, "fca-uppfoljning", 2023)
    write_consolidation_xlsx(result, tmp_path / "bok.xlsx")
    write_consolidation_docx(result, tmp_path / "text.docx")
    out = soffice_convert([tmp_path / "bok.xlsx", tmp_path / "text.docx"], "pdf", tmp_path / "pdf", tmp_path / "lo")
    workbook, word = (len(PdfReader(out / name).pages) for name in ("bok.pdf", "text.pdf"))
    assert workbook <= word + 1, (workbook, word)


def test_a_partly_filled_table_is_named_and_the_totals_say_what_they_leave_out(store, library, tmp_path):
    """Issue 23, item 6: an area with only the region's budget filled. Its check names what is
    missing, and the city totals say they are incomplete and which areas each column leaves out — in
    the data (--json), Excel and Word."""
    import json

    from forms.report import Report

    for number, area in enumerate(AREAS, start=1):
        report = area_report(library, area, number)
        if area == "Centrum":
            partial = Report(report.template_id, report.revision, area, 2023, status="klar", compiled_by="C")
            for row_id in ("ingaende", "lon", "kompetensutveckling", "ovrigt"):
                partial.set_amount("ekonomi", row_id, "budget_region", report.amount("ekonomi", row_id, "budget_region"))
            report = partial
        (tmp_path / f"{area}.json").write_text(report_to_json(report, library), encoding="utf-8")
    receive_paths(store, library, [tmp_path])
    result = consolidate(store, library, "fca-uppfoljning", 2023)
    centrum = next(r for r in result.rows if r.area == "Centrum")
    assert centrum.gaps == [("city", "budget"), ("region", "utfall"), ("city", "utfall"),
                            ("region", "aterbetalning"), ("city", "aterbetalning")]
    assert ("Budget SN, Utfall DRNG, Utfall SN, Återbetalning DRNG, Återbetalning SN saknas: tabellen är bara "
            "delvis ifylld, och summorna för staden blir ofullständiga.") in centrum.checks
    note = ("Summa staden är ofullständig: Centrum saknas i Budget SN, Utfall DRNG, Utfall SN, Återbetalning DRNG, "
            "Återbetalning SN.")
    assert result.incomplete_note() == note
    data = json.loads(result.to_json())
    assert data["totals_complete"] is False
    assert data["incomplete"][0] == {"party": "city", "figure": "budget", "column": "Budget SN", "areas": ["Centrum"]}
    assert data["areas"][0]["incomplete"][0] == {"party": "city", "figure": "budget"}
    # the region's budget total still holds Centrum: nothing is said about it
    assert all((p, f) != ("region", "budget") for p, f, _ in result.incomplete)

    buffer = io.BytesIO()
    write_consolidation_xlsx(result, buffer)
    figures = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))[FIGURES_SHEET]
    labels = [figures.cell(row=r, column=1).value for r in range(1, figures.max_row + 1)]
    assert "Summa staden (ofullständig)" in labels and note in labels
    assert any(v and "delvis ifylld" in str(v) for r in range(1, figures.max_row + 1)
               for v in [figures.cell(row=r, column=2).value])
    buffer = io.BytesIO()
    write_consolidation_docx(result, buffer)
    doc = Document(io.BytesIO(buffer.getvalue()))
    assert note in [p.text for p in doc.paragraphs]
    assert doc.tables[0].rows[-1].cells[0].text == "Summa staden (ofullständig)"


def test_complete_totals_say_nothing(store, library, tmp_path):
    for number, area in enumerate(AREAS, start=1):
        (tmp_path / f"{area}.json").write_text(report_to_json(area_report(library, area, number), library), "utf-8")
    receive_paths(store, library, [tmp_path])
    result = consolidate(store, library, "fca-uppfoljning", 2023)
    assert result.incomplete == [] and result.incomplete_note() == "" and result.to_dict()["totals_complete"]


def test_percentages_are_number_cells_shown_as_in_word(store, library, tmp_path):
    """Each area's percentage in the "Frågor" sheet is a number Excel can count with, in the number
    format the report's own Excel gives it; after LibreOffice recalculated the workbook it reads as the
    Sammanställning's Word file prints it ("3,25 %", never "3,3 %" or "3.25 %")."""
    from exports.excel import QA_SHEET, write_xlsx
    from tests.exports import sheets
    from tests.needs import soffice_convert

    result = three_areas(store, library, tmp_path)
    question = next(q for q in result.questions if q.field_id == "andel_koordinator")
    number = result.questions.index(question) + 1
    write_consolidation_xlsx(result, tmp_path / "bok.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "bok.xlsx")[QUESTIONS_SHEET]
    column_a = [sheet.cell(row=r, column=1).value for r in range(1, sheet.max_row + 1)]
    at = column_a.index(f"{number}. {question.label}") + 1
    cells = {column_a[r]: sheet.cell(row=r + 1, column=2) for r in range(at, at + len(AREAS))}
    received = [a for a in AREAS if a != "Sydväst"]
    assert [cells[a].data_type for a in received] == ["n"] * 3
    assert cells["Sydväst"].value == "(rapport saknas)"

    own = area_report(library, "Hisingen", 2)  # the area's own report export: the same number format
    own.set_answer("andel_koordinator", "3.25")
    write_xlsx(library.for_year("fca-uppfoljning", 2023), own, tmp_path / "egen.xlsx")
    qa = openpyxl.load_workbook(tmp_path / "egen.xlsx")[QA_SHEET]
    report_cell = next(c for row in qa.iter_rows() for c in row if c.value == Decimal("3.25"))
    assert cells["Hisingen"].number_format == report_cell.number_format

    buffer = io.BytesIO()
    write_consolidation_docx(result, buffer)
    texts = [p.text for p in Document(io.BytesIO(buffer.getvalue())).paragraphs]
    at = texts.index(f"{number}. {question.label}")
    word = {texts[i]: texts[i + 1] for i in range(at + 1, at + 1 + 2 * len(AREAS), 2)}
    assert word["Hisingen"] == "3,25 %"
    out = soffice_convert(tmp_path / "bok.xlsx", "xlsx", tmp_path / "lo-out", tmp_path / "lo")
    values = openpyxl.load_workbook(out / "bok.xlsx", data_only=True)[QUESTIONS_SHEET]
    shown = {a: sheets.shown(cells[a], values[cells[a].coordinate].value) for a in received}
    assert shown == {a: word[a] for a in received}


def test_a_city_total_of_no_figures_is_blank_not_zero(store, library, tmp_path):
    """No area has an outcome yet: Word prints the city's Utfall as "–"; Excel's total is blank too,
    not 0,0 (its formula, evaluated, gives no figure), while the budget still adds up."""
    from forms.report import Report
    from tests.exports.test_excel import evaluate

    for number, area in enumerate(AREAS, start=1):
        full = area_report(library, area, number)
        report = Report(full.template_id, full.revision, area, 2023, status="klar", compiled_by="K")
        for row_id in ("ingaende", "lon"):
            for party in ("region", "stad"):
                report.set_amount("ekonomi", row_id, f"budget_{party}", full.amount("ekonomi", row_id, f"budget_{party}"))
        (tmp_path / f"{area}.json").write_text(report_to_json(report, library), encoding="utf-8")
    receive_paths(store, library, [tmp_path])
    result = consolidate(store, library, "fca-uppfoljning", 2023)
    assert result.totals["region"]["utfall"] is None and result.totals["region"]["budget"] is not None
    buffer = io.BytesIO()
    write_consolidation_xlsx(result, buffer)
    figures = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))[FIGURES_SHEET]
    total = next(r for r in range(1, figures.max_row + 1) if str(figures.cell(r, 1).value).startswith("Summa staden"))
    totals = [evaluate(figures, figures.cell(total, c)) for c in range(4, 10)]  # Budget, Utfall, Återbetalning
    assert totals[2:] == [None] * 4
    assert totals[:2] == [result.totals[p]["budget"] for p in ("region", "city")]
    buffer = io.BytesIO()
    write_consolidation_docx(result, buffer)
    word_total = [c.text for c in Document(io.BytesIO(buffer.getvalue())).tables[0].rows[-1].cells]
    assert word_total[3:] == ["–"] * 4

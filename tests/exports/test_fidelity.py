"""Every export is faithful to what is stored: exact figures, tables that add up to what they show."""

from __future__ import annotations

import io
from decimal import Decimal

from docx import Document
from openpyxl import load_workbook

from exports.content import table_view
from exports.excel import write_xlsx
from exports.word import write_docx
from forms.numbers import parse_amount


def _lundby_with_cents(lundby):
    """The issue's case: 1087,25 typed in a table of one decimal; SUMMA and the refund follow."""
    lundby.set_amount("ekonomi", "ingaende", "utfall_region", Decimal("1361.0"))
    lundby.set_amount("ekonomi", "lon", "utfall_region", Decimal("1087.25"))
    lundby.set_amount("ekonomi", "kompetensutveckling", "utfall_region", Decimal("180"))
    lundby.set_amount("ekonomi", "ovrigt", "utfall_region", Decimal("70.5"))
    return lundby


def _word_rows(template, report):
    out = io.BytesIO()
    write_docx(template, report, out)
    table = Document(io.BytesIO(out.getvalue())).tables[0]
    return [[c.text.replace("\u00a0", " ") for c in row.cells] for row in table.rows]


def test_word_shows_stored_cents_and_the_table_adds_up(fca2022, lundby):
    rows = _word_rows(fca2022, _lundby_with_cents(lundby))
    by_label = {r[0]: r[1:] for r in rows[2:]}
    shown = [r for r in rows[2:] if "1 087,25" in r]
    assert shown, rows  # not "1 087,3"
    assert by_label["SUMMA"][2] == "1 337,75"
    refund = next(v for k, v in by_label.items() if k.startswith("Återbetalning"))
    assert refund[2] == "23,25"
    assert by_label["SUMMA"][0] == "459,00"  # one precision per table, so the columns line up
    # Every shown column adds up to the shown sum and the shown refund, to the cent.
    roles = {r.label: r.role for r in table_view(fca2022, lundby, fca2022.field("ekonomi")).rows}
    for column in range(4):
        costs = [parse_amount(v[column]) or 0 for k, v in by_label.items() if roles[k] == "cost"]
        funds = [parse_amount(v[column]) for k, v in by_label.items() if roles[k] == "funds"]
        assert sum(costs) == parse_amount(by_label["SUMMA"][column])
        if refund[column]:
            assert funds[0] - sum(costs) == parse_amount(refund[column])


def test_excel_formats_show_the_stored_cents(fca2022, lundby):
    out = io.BytesIO()
    write_xlsx(fca2022, _lundby_with_cents(lundby), out)
    sheet = load_workbook(io.BytesIO(out.getvalue()))["Ekonomi"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == Decimal("1087.25") or c.value == 1087.25)
    assert cell.number_format == "#,##0.00"


def test_one_empty_answer_convention_in_word_excel_and_print(fca2022, lundby):
    """A required question left empty reads "(ej besvarat)" in Word, Excel and the printout; an
    optional one shows nothing in all three."""
    from exports.content import UNANSWERED
    from exports.excel import QA_SHEET
    from exports.html import report_html

    required = next(f for s in fca2022.sections for f in s.fields if f.kind == "text" and f.required)
    optional = next(f for s in fca2022.sections for f in s.fields if f.kind == "text" and not f.required)
    lundby.answers[required.id] = lundby.answers[optional.id] = ""
    out = io.BytesIO()
    write_docx(fca2022, lundby, out)
    paragraphs = [p.text for p in Document(io.BytesIO(out.getvalue())).paragraphs]
    assert paragraphs[paragraphs.index(required.label) + 1] == UNANSWERED
    assert paragraphs[paragraphs.index(optional.label) + 1] != UNANSWERED
    out = io.BytesIO()
    write_xlsx(fca2022, lundby, out)
    answers = {row[1]: row[2] for row in load_workbook(io.BytesIO(out.getvalue()))[QA_SHEET].iter_rows(values_only=True)}
    assert answers[required.label] == UNANSWERED and answers[optional.label] is None
    html = report_html(fca2022, lundby)
    assert html[html.index(required.label):].count(UNANSWERED) >= 1
    after_optional = html[html.index(optional.label):]
    assert UNANSWERED not in after_optional[:after_optional.find("<h2", 1) if "<h2" in after_optional[1:] else None]


def _summary(library):
    from forms.report import Report

    template = library.get("ekonomisk-sammanstallning", "2023")
    report = Report("ekonomisk-sammanstallning", "2023", "Centrum", 2024)
    figures = {"folkhalsa": (1834500, 1834500), "fca": (1553000, 1553000), "halsolots": (1200000, 1200000)}
    for row, (city, region) in figures.items():
        report.set_amount("finansiering", row, "stad", Decimal(city))
        report.set_amount("finansiering", row, "region", Decimal(region))
        report.set_amount("finansiering", row, "summa", Decimal(city + region))
    for column in ("stad", "region"):
        report.set_amount("finansiering", "summa_per_ar", column, Decimal(sum(f[column == "region"] for f in figures.values())))
    report.set_amount("finansiering", "summa_per_ar", "summa", Decimal(2 * 4587500))
    report.set_answer("medfinansiering", "Av stadens del av Hälsolots finansierar Bostadsbolaget 700 000 kr.")
    return template, report


def test_summary_note_stands_under_the_table_not_as_a_question(library):
    template, report = _summary(library)
    out = io.BytesIO()
    write_docx(template, report, out)
    doc = Document(io.BytesIO(out.getvalue()))
    texts = [p.text for p in doc.paragraphs]
    assert "Av stadens del av Hälsolots finansierar Bostadsbolaget 700 000 kr." in texts
    note = next(p for p in doc.paragraphs if p.text.startswith("Av stadens del"))
    assert note.style.name == "Fotnot"
    assert not [t for t in texts if t.startswith("Medfinansiering av stadens del")]  # the help text is not printed
    body = list(doc.element.body)
    assert body.index(note._p) > body.index(doc.tables[0]._tbl)


def test_summary_totals_are_bold_formulas_in_excel(library):
    """The "Summa per år" row and column are SUM formulas in bold, evaluating to the typed totals."""
    template, report = _summary(library)
    out = io.BytesIO()
    write_xlsx(template, report, out)
    sheet = load_workbook(io.BytesIO(out.getvalue()))["Ekonomi"]
    rows = {r[0].value: r for r in sheet.iter_rows() if r[0].value}
    header = next(r for r in sheet.iter_rows() if any(c.value == "Summa per år" for c in r[1:]))
    total_column = next(c.column for c in header if c.value == "Summa per år")
    for label in ("Folkhälsoarbete", "Familjecentrerat arbetssätt", "Hälsolots Centrum", "Summa per år"):
        cells = rows[label]
        total = cells[total_column - 1]
        assert isinstance(total.value, str) and total.value.startswith("=SUM("), (label, total.value)
        assert total.font.b and total.font.name == "Calibri"
    for cell in rows["Summa per år"][1:total_column]:
        assert cell.value.startswith("=SUM(") and cell.font.b
    assert rows["Summa per år"][0].font.b
    assert any(c.value == "Av stadens del av Hälsolots finansierar Bostadsbolaget 700 000 kr."
               for r in sheet.iter_rows() for c in r)


def test_docx_properties_are_true(fca2022, lundby):
    """Title, subject, author (cut to Word's 255 characters), created now, this program as the
    application with real word counts, and no stale blank thumbnail."""
    import zipfile
    from datetime import datetime, timedelta, timezone

    lundby.compiled_by = "Åsa Öberg " * 40
    out = io.BytesIO()
    write_docx(fca2022, lundby, out)
    doc = Document(io.BytesIO(out.getvalue()))
    props = doc.core_properties
    assert props.title == "Uppföljning av Avtal om familjecentrerat arbetssätt och familjecentraler i stadsdel Lundby 2022"
    assert props.subject == fca2022.type_name
    assert len(props.author) == 255 and props.author.startswith("Åsa Öberg")
    assert abs(datetime.now(timezone.utc) - props.created) < timedelta(minutes=5)
    assert abs(datetime.now(timezone.utc) - props.modified) < timedelta(minutes=5)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as package:
        names = package.namelist()
        app = package.read("docProps/app.xml").decode()
    assert not [n for n in names if "thumbnail" in n]
    assert "<Application>Avtalsuppföljning</Application>" in app
    assert "Macintosh" not in app and "<Pages>" not in app
    words = int(app.split("<Words>")[1].split("<")[0])
    assert words > 500  # the Lundby answers, not python-docx's 0

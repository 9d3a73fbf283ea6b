"""Every export is faithful to what is stored: exact figures, tables that add up to what they show."""

from __future__ import annotations

import io
from datetime import UTC
from decimal import Decimal

from docx import Document
from openpyxl import load_workbook

from exports.content import table_view
from exports.excel import write_xlsx
from exports.word import write_docx
from forms.numbers import parse_amount
from tests.exports.test_excel import summed


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
    from exports.document import Paragraph, Run, build, paragraph
    from exports.excel import QA_SHEET
    from tests.exports.test_document import flat
    from tests.exports.test_excel import answers

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
    shown = answers(load_workbook(io.BytesIO(out.getvalue()))[QA_SHEET])
    assert shown[required.label] == UNANSWERED and shown[optional.label] is None
    printed = flat(build(fca2022, lundby))
    required_at = printed.index(paragraph(required.label, "question"))
    assert printed[required_at + 1] == Paragraph((Run(UNANSWERED, italic=True, color="595959"),))
    optional_at = printed.index(paragraph(optional.label, "question"))
    assert UNANSWERED not in printed[optional_at + 1].text


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
        assert summed(total.value), (label, total.value)
        assert total.font.b and total.font.name == "Calibri"
    for cell in rows["Summa per år"][1:total_column]:
        assert summed(cell.value) and cell.font.b
    assert rows["Summa per år"][0].font.b
    assert any(c.value == "Av stadens del av Hälsolots finansierar Bostadsbolaget 700 000 kr."
               for r in sheet.iter_rows() for c in r)


def test_docx_properties_are_true(fca2022, lundby):
    """Title, subject, author (cut to Word's 255 characters), created now, this program as the
    application with real word counts, and no stale blank thumbnail."""
    import zipfile
    from datetime import datetime, timedelta

    lundby.compiled_by = "Åsa Öberg " * 40
    out = io.BytesIO()
    write_docx(fca2022, lundby, out)
    doc = Document(io.BytesIO(out.getvalue()))
    props = doc.core_properties
    assert props.title == "Uppföljning av Avtal om familjecentrerat arbetssätt och familjecentraler i stadsdel Lundby 2022"
    assert props.subject == fca2022.type_name
    assert len(props.author) == 255 and props.author.startswith("Åsa Öberg")
    assert abs(datetime.now(UTC) - props.created) < timedelta(minutes=5)
    assert abs(datetime.now(UTC) - props.modified) < timedelta(minutes=5)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as package:
        names = package.namelist()
        app = package.read("docProps/app.xml").decode()
    assert not [n for n in names if "thumbnail" in n]
    assert "<Application>Avtalsuppföljning</Application>" in app
    assert "Macintosh" not in app and "<Pages>" not in app
    words = int(app.split("<Words>")[1].split("<")[0])
    assert words > 500  # the Lundby answers, not python-docx's 0


def _plan_docx(library):
    from tests.sample_reports import centrum_plan

    plan = centrum_plan(library)
    template = library.get(plan.template_id, plan.revision)
    out = io.BytesIO()
    write_docx(template, plan, out)
    return template, plan, Document(io.BytesIO(out.getvalue()))


def test_action_plan_docx_follows_seed_003(library):
    """As the paper: section 6 on a landscape page, its overview with the label column "Målområde och
    övergripande målsättning" / "Delmål"; section 7 on landscape pages, one activity table per
    målområde (Delmål | Planerade insatser/aktiviteter – Målgrupp | Ansvar | Förväntad effekt/resultat),
    each delmål's cell merged down its rows and the header repeated on every page; section 7's heading
    once; section 8 without the wizard's prompt and with "Koordinatorernas arbete:" inside it,
    unnumbered; "Övrigt" once; the budget row and footnote as the plan writes them."""
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn

    template, plan, doc = _plan_docx(library)
    orientations = [s.orientation for s in doc.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]  # 6 and 7 landscape
    for section in doc.sections:
        assert round(section.left_margin.cm, 1) == 2.2
    activity = [t for t in doc.tables if t.rows[0].cells[0].text == "Delmål"]
    assert len(activity) == 3  # one per målområde
    for number, table in enumerate(activity, start=1):
        assert [c.text for c in table.rows[0].cells] == ["Delmål", "Planerade insatser/aktiviteter – Målgrupp",
                                                         "Ansvar", "Förväntad effekt/resultat"]
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        spanned = list(dict.fromkeys(row.cells[0].text for row in table.rows[1:]))  # merged: repeated per row
        delmal = [f for f in template.section_of(f"delmal_7_{number}_1").fields if f.kind == "rows"]
        assert spanned == [template.printed_label(f) for f in delmal] and spanned[0].startswith(f"7.{number}.1. ")
        for row in table.rows[1:]:
            merge = row._tr.tc_lst[0].tcPr.find(qn("w:vMerge"))
            first_of_its_delmål = row.cells[0].text != table.rows[row._index - 1].cells[0].text
            assert (merge is None or merge.get(qn("w:val")) == "restart") if first_of_its_delmål else \
                merge.get(qn("w:val")) in (None, "continue")
    # The activity tables stand in the landscape section: wider than a portrait text width.
    assert sum(c.width for c in activity[0].rows[0].cells) > Document().sections[0].page_width
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert "6 Översikt målsättningar" in headings
    assert headings.count("7 Målsättningar och planerade insatser/aktiviteter") == 1
    assert not [h for h in headings if "målområde 7." in h or "Koordinatorernas" in h]
    grid = next(t for t in doc.tables if t.rows[0].cells[1].text.startswith("7.1."))
    assert [row.cells[0].text for row in grid.rows] == ["Målområde och övergripande målsättning"] + ["Delmål"] * 4
    assert grid.rows[1].cells[2].text.startswith("7.2.1. Stabila")  # "Delmål" said once, in its column
    texts = [p.text for p in doc.paragraphs]
    assert texts.count("Övrigt") == 1
    organisering = texts.index("8 Organisering av det familjecentrerade arbetssättet i stadsområdet")
    assert texts[organisering + 1] == plan.answer("organisering_text").split("\n")[0]
    assert "Koordinatorernas arbete:" in texts[organisering:texts.index("Övrigt")]
    assert template.field("organisering_text").label not in texts
    assert template.field("oversikt_intro").text not in texts  # the wizard's explanation: not on the paper
    assert "Gemensamma målområden för FCA i Göteborgs Stad 2024" in texts
    budget = next(t for t in doc.tables if t.rows[0].cells[0].text == "tkr")
    assert budget.rows[2].cells[0].text == ("Koordinatorer (3,5 åa) (lön inkl. lönebikostnader)\n"
                                            "Enligt avtal 50/50-finansiering.")
    footnote = next(t for t in texts if t.startswith("¹ Gemensam kompetensutveckling"))
    assert "0-6" not in footnote and "0–6" not in footnote


def test_no_heading_is_printed_twice_in_any_template(library):
    """A field whose label (or info heading) equals its section's title is printed once."""
    from tests.sample_reports import all_reports

    for name, (template, report, attachments) in all_reports(library).items():
        out = io.BytesIO()
        write_docx(template, report, out, attachments)
        texts = [p.text for p in Document(io.BytesIO(out.getvalue())).paragraphs if p.text.strip()]
        doubled = [a for a, b in zip(texts, texts[1:], strict=False) if a == b and len(a) > 3]
        assert not doubled, (name, doubled)


def test_word_label_column_is_wide_enough_for_its_longest_word(fca2022, lundby):
    """Column widths from the content: "hälsoutvecklare/verksamhetsutvecklare" fits its cell unbroken
    (10 pt Calibri needs about 0.19 cm a character); the amount columns give up what they can spare."""
    from docx.shared import Cm

    from exports.content import AMOUNT_CHAR_CM, CELL_PADDING_CM

    rows = list(fca2022.field("ekonomi").table.rows)
    long_word = "hälsoutvecklare/verksamhetsutvecklare"
    object.__setattr__(rows[1], "label", f"Lön {long_word}")
    out = io.BytesIO()
    write_docx(fca2022, lundby, out)
    object.__setattr__(rows[1], "label", "Koordinator/samordnare (lön inkl. lönebikostnader)")
    table = Document(io.BytesIO(out.getvalue())).tables[0]
    label_width = table.rows[2].cells[0].width
    assert label_width >= Cm(len(long_word) * AMOUNT_CHAR_CM + CELL_PADDING_CM)
    assert all(c.width >= Cm(1.5) for c in table.rows[2].cells[1:])


def test_summary_headings_fit_their_cells(library):
    """"Västra Götalandsregionen" heads a column wide enough for its longest word, in a row high
    enough for its lines (it overlapped the group label "2023" above it)."""
    from exports.excel import _height

    template, report = _summary(library)
    out = io.BytesIO()
    write_xlsx(template, report, out)
    sheet = load_workbook(io.BytesIO(out.getvalue()))["Ekonomi"]
    cell = next(c for r in sheet.iter_rows() for c in r if c.value == "Västra Götalandsregionen")
    width = sheet.column_dimensions[cell.column_letter].width
    assert width >= len("Götalandsregionen") + 2
    assert sheet.row_dimensions[cell.row].height >= _height(cell.value, width, 11)

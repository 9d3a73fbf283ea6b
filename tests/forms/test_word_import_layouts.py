"""Documents laid out unlike our export: question tables, content controls, legacy form fields, checkbox
controls, changed wording, missing answers, stray text, swapped party columns and a wrong SUMMA."""

from __future__ import annotations

from decimal import Decimal

import pytest

from forms.interchange import report_to_dict
from forms.numbers import format_amount
from forms.word_import import import_docx
from tests.forms import word_builders as wb

TEXT_FIELDS = ("koordinatorns_arbete", "prioriterade_grupper", "nosam", "forbattringsomraden", "aktiviteter_samverkan",
               "positiva_saker", "utmaningar", "utbud", "bemanning_saknas", "kompetenshojande_insatser",
               "behov_kompetensutveckling", "foraldraskapsstod")
TITLE_2022 = "Uppföljning av Avtal om familjecentrerat arbetssätt och familjecentraler i stadsdel Lundby 2022"


def label(template, field_id, year=2022):
    return template.render(template.field(field_id).label, "Lundby", year)


def amounts_rows(report, order=("budget_region", "budget_stad", "utfall_region", "utfall_stad"), summa_override=None):
    """The economic table's body as the region's template has it, amounts in the given column order."""
    labels = {"ingaende": "Ingående medel från 2021", "lon": "Koordinator/samordnare (lön inkl. lönebikostnader)",
              "kompetensutveckling": "Gemensam kompetensutveckling1 (teambuilding, konferenser, seminarier, utbildning, "
                                     "resor, studiebesök etc.)", "ovrigt": "Övrigt (ex. gemensamt material etc.)"}
    rows = [[text] + [format_amount(report.amount("ekonomi", row, c)) for c in order] for row, text in labels.items()]
    sums = {c: sum((report.amount("ekonomi", r, c) for r in ("lon", "kompetensutveckling", "ovrigt")), Decimal(0)) for c in order}
    sums.update(summa_override or {})
    rows.append(["SUMMA"] + [format_amount(sums[c]) for c in order])
    rows.append(["Återbetalning till HSNG", "", "", "", ""])
    return rows


def comparable(report, library):
    data = report_to_dict(report, library)
    data.pop("status")
    return data


def test_questions_in_a_two_column_table_and_one_row_party_headers_swapped(library, fca2022, lundby):
    doc = wb.new_document(TITLE_2022)
    for section in fca2022.sections[1:-1]:
        doc.add_heading(section.title, level=1)
        fields = [f for f in section.fields if f.kind != "info"]
        table = doc.add_table(rows=len(fields), cols=2)
        for row, f in zip(table.rows, fields, strict=True):
            row.cells[0].text = fca2022.render(f.label, "Lundby", 2022)
            answer = lundby.answer(f.id)
            if f.kind == "yesno":
                answer = "Ja ☐   Nej ☒"
            elif f.kind == "percent":
                answer = f"{answer} %"
            row.cells[1].text = answer
    doc.add_heading("Ekonomisk redovisning", level=1)
    order = ("budget_stad", "budget_region", "utfall_stad", "utfall_region")
    wb.money_table(doc, [["(tkr)", "Budget 2022 SDN", "Budget 2022 HSNG", "Utfall 2022-12-31 SDN", "Utfall 2022-12-31 HSNG"]],
                   amounts_rows(lundby, order))
    result = import_docx(wb.to_bytes(doc), library)
    assert (result.template_id, result.revision, result.area, result.year) == ("fca-uppfoljning", "2022", "Lundby", 2022)
    assert comparable(result.report, library) == comparable(lundby, library)
    assert result.mismatches == [] and result.unmatched == []


def test_answers_in_content_controls_and_checkbox_controls(library, fca2022, lundby):
    doc = wb.new_document()
    title = doc.add_paragraph("Uppföljning av Avtal om familjecentrerat arbetssätt och familjecentraler i stadsdel ", style="Title")
    wb.add_inline_control(title, "Lundby")
    title.add_run(" 2022")
    for field_id in TEXT_FIELDS:
        doc.add_paragraph(label(fca2022, field_id))
        wb.body_block_control(doc, lundby.answer(field_id))
    doc.add_paragraph(label(fca2022, "ovriga_kommentarer"))
    wb.body_block_control(doc, "", placeholder=True)
    share = doc.add_paragraph("FCA-koordinator: ")
    wb.add_inline_control(share, "80")
    share.add_run(" %")
    doc.add_paragraph("FC-samordnare: ").add_run("20 %")
    doc.add_paragraph(label(fca2022, "bemanning_tillracklig"))
    boxes = doc.add_paragraph("Ja ")
    wb.add_checkbox_control(boxes, False)
    boxes.add_run("  Nej ")
    wb.add_checkbox_control(boxes, True)
    result = import_docx(wb.to_bytes(doc), library)
    assert result.area == "Lundby" and result.year == 2022
    for field_id in (*TEXT_FIELDS, "andel_koordinator", "andel_samordnare", "bemanning_tillracklig"):
        assert result.report.answer(field_id) == lundby.answer(field_id), field_id
    assert result.report.answer("ovriga_kommentarer") == ""
    assert result.unmatched == []
    assert not any("Klicka" in q.answer for q in result.questions)


@pytest.mark.parametrize("checked_yes", [True, False])
def test_legacy_form_fields(library, fca2022, lundby, checked_yes):
    doc = wb.new_document(TITLE_2022)
    for field_id in ("nosam", "utbud"):
        doc.add_paragraph(label(fca2022, field_id))
        wb.add_form_text(doc.add_paragraph(), lundby.answer(field_id))
    doc.add_paragraph(label(fca2022, "bemanning_tillracklig"))
    boxes = doc.add_paragraph()
    wb.add_form_checkbox(boxes, checked_yes)
    boxes.add_run(" Ja    ")
    wb.add_form_checkbox(boxes, not checked_yes)
    boxes.add_run(" Nej")
    result = import_docx(wb.to_bytes(doc), library, template_id="fca-uppfoljning")
    assert result.report.answer("nosam") == lundby.answer("nosam")
    assert result.report.answer("utbud") == lundby.answer("utbud")
    assert result.report.answer("bemanning_tillracklig") == ("ja" if checked_yes else "nej")
    assert "FORMTEXT" not in "".join(q.answer for q in result.questions)


def test_changed_wording_missing_answers_stray_text_swapped_columns_and_a_wrong_summa(library, fca2023, lundby):
    """A 2023 report (DRNG/SN) written on a reworded copy: numbered questions with line breaks, one
    answer left empty, one question deleted, a note typed between a heading and its first question,
    the city's columns first under two-row headers, and a SUMMA typed wrong."""
    doc = wb.new_document("Uppföljning av Avtal om familjecentrerat arbetssätt och familjecentraler i stadsområde Nordost 2023")
    doc.add_heading("1. Samordning och utveckling av familjecentrerat arbetssätt i stadsområdet", level=1)
    doc.add_paragraph("OBS: utkast, se mejl från Kim 12/1")
    doc.add_paragraph("1.1 Redogör för koordinatorns och samordnarfunktionens arbete under året, inklusive de\n"
                      "viktigaste erfarenheterna av årets insatser")
    doc.add_paragraph("Koordinatorn har samlat nätverken.")
    doc.add_paragraph("1.2 Redogör för om och hur det lokala arbetet har utformats för att nå de prioriterade grupperna "
                      "i syfte att minska skillnader i hälsa och livsvillkor?")
    doc.add_paragraph("")  # left empty
    doc.add_heading("2. Styrning och samverkan", level=1)
    doc.add_paragraph("2.1 Redogör för hur NOSAM har fungerat som styrgrupp för det familjecentrerade arbetssättet")
    doc.add_paragraph("NOSAM träffas varje månad.")
    doc.add_paragraph("2.2 Ge exempel på eventuella förbättringsområden inför 2024:")
    doc.add_paragraph("Tydligare styrning.")
    doc.add_heading("Ekonomisk redovisning", level=1)
    order = ("budget_stad", "budget_region", "utfall_stad", "utfall_region")
    rows = amounts_rows(lundby, order, summa_override={"utfall_region": Decimal("443.0")})
    rows[0][0] = "Ingående medel från 2022"
    rows[-1][0] = "Återbetalning till DRNG"
    wb.money_table(doc, [["tkr", "", "", "", ""], ["", "SN", "DRNG", "SN", "DRNG"]], rows,
                   merges=[(0, 1, 2, "Budget 2023"), (0, 3, 4, "Utfall 2023-12-31")])
    result = import_docx(wb.to_bytes(doc), library)
    assert (result.template_id, result.revision, result.area, result.year) == ("fca-uppfoljning", "2023", "Nordost", 2023)
    by_id = {q.field_id: q for q in result.questions}
    assert by_id["koordinatorns_arbete"].answer == "Koordinatorn har samlat nätverken."
    assert by_id["prioriterade_grupper"].found and by_id["prioriterade_grupper"].answer == ""
    assert by_id["nosam"].answer == "NOSAM träffas varje månad."
    assert by_id["forbattringsomraden"].answer == "Tydligare styrning."
    assert not by_id["aktiviteter_samverkan"].found and by_id["aktiviteter_samverkan"].note == "hittades inte"
    assert result.unmatched == ["OBS: utkast, se mejl från Kim 12/1"]
    for row in ("ingaende", "lon", "kompetensutveckling", "ovrigt"):
        for column in order:
            assert result.report.amount("ekonomi", row, column) == lundby.amount("ekonomi", row, column), (row, column)
    assert [c.message for c in result.mismatches] == ["Dokumentets SUMMA Utfall DRNG är 443,0, beräknat 443,5"]
    assert result.needs_look


def test_a_question_reworded_beyond_recognition_is_taken_from_its_place_not_left_in_the_answer_before(
        library, fca2022, lundby):
    """Between the questions found before and after it, a question-like paragraph that still resembles
    the missing question is its rewording (and flagged for a look)."""
    doc = wb.new_document(TITLE_2022)
    doc.add_paragraph(label(fca2022, "utbud"))
    doc.add_paragraph(lundby.answer("utbud"))
    doc.add_paragraph("Upplever ni att bemanningen är tillräcklig?")
    doc.add_paragraph("Ja ☐ Nej ☒")
    doc.add_paragraph(label(fca2022, "bemanning_saknas"))
    doc.add_paragraph("Ingen förebyggande socionom.")
    doc.add_paragraph("Allt gick bra i år:")  # question-like, but like no question: stays in the answer
    result = import_docx(wb.to_bytes(doc), library)
    by_id = {q.field_id: q for q in result.questions}
    assert by_id["utbud"].answer == lundby.answer("utbud")
    assert by_id["bemanning_tillracklig"].answer == "nej"
    assert "omformulerad" in by_id["bemanning_tillracklig"].note
    assert by_id["bemanning_saknas"].answer == "Ingen förebyggande socionom.\nAllt gick bra i år:"


def _free_layout(library, signature=("Namn", "Datum"), header=("Lokalt mål", "Genomförda insatser och resultat")):
    """A Hälsolots report written freely: the area and year in a small table, the rows field under
    a heading shorter than the template's question and an introduction, a signature of captions."""
    t = library.get("halsolots-uppfoljning", "2023")
    doc = wb.new_document(t.render(t.title, "Centrum", 2023))
    meta = doc.add_table(rows=1, cols=4)
    for cell, text in zip(meta.rows[0].cells, ["Stadsområde", "Centrum", "År", "2023"], strict=True):
        cell.text = text
    doc.add_paragraph("Lokalt uppdrag", style="Heading 1")
    doc.add_paragraph("Här beskriver vi vårt lokala arbete under året.")
    table = doc.add_table(rows=3, cols=2)
    for row, texts in zip(table.rows, [list(header), ["Mål ett", "Insats ett"], ["Mål två", "Insats två"]], strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    for line in signature:
        doc.add_paragraph(line)
    return t, wb.to_bytes(doc)


def test_a_rows_table_under_a_short_heading_is_recognised_by_its_header_row(library):
    """Issue 23: the rows ended up as "Text utan fråga", and so did the area/year cells and the
    signature's captions."""
    t, data = _free_layout(library)
    result = import_docx(data, library, template_id=t.id, revision=t.revision)
    q = next(q for q in result.questions if q.field_id == "lokalt_uppdrag")
    assert q.found and "kolumnrubriker" in q.note
    assert result.report.rows("lokalt_uppdrag") == [{"mal": "Mål ett", "insatser": "Insats ett"},
                                                   {"mal": "Mål två", "insatser": "Insats två"}]
    assert (result.area, result.year) == ("Centrum", 2023)
    assert result.unmatched == []


def test_signature_lines_are_read_as_the_signature(library):
    from datetime import date

    t, data = _free_layout(library, signature=("Namn: Anna Andersson", "Datum: 2024-01-20"))
    result = import_docx(data, library, template_id=t.id, revision=t.revision)
    assert (result.compiled_by, result.compiled_date) == ("Anna Andersson", date(2024, 1, 20))
    assert result.report.compiled_by == "Anna Andersson" and result.unmatched == []


def test_a_table_whose_header_is_not_the_templates_columns_stays_text_without_a_question(library):
    t, data = _free_layout(library, header=("Vad", "Hur"))
    result = import_docx(data, library, template_id=t.id, revision=t.revision)
    assert not next(q for q in result.questions if q.field_id == "lokalt_uppdrag").found
    assert "Mål ett" in result.unmatched and "Stadsområde" not in result.unmatched

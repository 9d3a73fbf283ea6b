"""Our own Word export, imported again: the same answers and amounts for every shipped template revision."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from exports.bundle import docx_bytes
from forms.economics import table_calc
from forms.interchange import report_to_dict
from forms.report import Report, is_visible
from forms.template import TemplateLibrary
from forms.word_import import import_docx, normalise

LIBRARY = TemplateLibrary.load()
AREA_FOR = {"stadsdel": "Lundby", "stadsområde": "Nordost"}


def filled_report(template) -> Report:
    """Every question answered (several lines, bullets, Swedish letters), every typed amount filled
    with distinct values, so a mixed-up cell or question shows."""
    year = template.first_year
    report = Report(template.id, template.revision, AREA_FOR[template.area_word], year,
                    compiled_by="Åsa Öberg", compiled_date=date(year + 1, 1, 28))
    for number, f in enumerate(template.fields(), start=1):
        if f.kind == "text":
            report.set_answer(f.id, f"Svar {number} om {f.id}: åäö ÅÄÖ.\n• en punkt\n• en till – med tankstreck\n\nSista raden {number}.")
        elif f.kind == "yesno":
            report.set_answer(f.id, "nej")
        elif f.kind == "percent":
            report.set_answer(f.id, str(10 + number))
        elif f.kind == "number":
            report.set_answer(f.id, "3.5")
        elif f.kind == "rows":
            report.set_rows(f.id, [
                {c.id: f"{c.label} rad {row} ({f.id})" + ("\nandra raden" if row == 2 else "") for c in f.columns}
                for row in (1, 2)
            ])
        elif f.kind == "money_table":
            for r_index, row in enumerate(f.table.rows):
                if not row.editable:
                    continue
                for c_index, column in enumerate(f.table.columns):
                    value = Decimal(100 * (r_index + 1) + 10 * c_index) + Decimal("0.5")
                    if f.table.decimals == 0:  # whole kronor (the committee's summary) are shown whole
                        value = value * 2000
                    report.set_amount(f.id, row.id, column.id, value)
            calc = table_calc(template, report, f.id)  # typed totals as they add up: Word prints what they add up to
            for row_id, column_id, _, computed in calc.total_mismatches():
                report.set_amount(f.id, row_id, column_id, computed)
    return report


def comparable(report: Report) -> dict:
    data = report_to_dict(report, LIBRARY)
    data.pop("status")  # an imported report always starts as utkast
    return data


@pytest.mark.parametrize("template", list(LIBRARY), ids=lambda t: f"{t.id}-{t.revision}")
def test_every_template_revision_survives_export_and_import(template):
    report = filled_report(template)
    hidden = [f.id for f in template.fields() if not is_visible(template, report, f.id)]
    for field_id in hidden:  # a conditional question not shown is not exported either
        report.set_answer(field_id, "")
    result = import_docx(docx_bytes(template, report, ["bilaga.pdf"]), LIBRARY, name="rapport.docx")
    assert (result.template_id, result.revision, result.area, result.year) == (
        template.id, template.revision, report.area, report.year)
    assert not result.ambiguous
    assert result.unmatched == []
    assert result.mismatches == []
    assert comparable(result.report) == comparable(report)
    assert all(q.found for q in result.questions if q.field_id not in hidden)


def test_demo_report_round_trip_is_identical(lundby, fca2022):
    result = import_docx(docx_bytes(fca2022, lundby), LIBRARY)
    assert comparable(result.report) == comparable(lundby)
    assert not result.needs_look
    counts = result.counts()
    assert counts["found"] == counts["questions"] == 16
    assert counts["amounts_read"] == counts["amounts_present"] == 16


def test_unanswered_questions_import_empty_not_as_the_marker(fca2022, lundby):
    lundby.set_answer("nosam", "")
    lundby.set_answer("andel_samordnare", "")
    result = import_docx(docx_bytes(fca2022, lundby), LIBRARY)
    assert result.report.answer("nosam") == ""
    assert result.report.answer("andel_samordnare") == ""
    assert result.report.answer("forbattringsomraden") == lundby.answer("forbattringsomraden")


def test_normalise_ignores_numbering_years_punctuation_and_line_breaks(fca2022):
    label = fca2022.render(fca2022.field("forbattringsomraden").label, "Lundby", 2024)
    assert normalise("3.2 Ge exempel på eventuella\nförbättringsområden inför 2023") == normalise(label)


def test_report_from_docx_for_callers_that_cannot_ask(fca2022, lundby):
    """The receiving side's entry: the report, or a refusal when the document leaves a guess."""
    from docx import Document

    from forms.word_import import WordImportError, report_from_docx

    assert comparable(report_from_docx(docx_bytes(fca2022, lundby), LIBRARY)) == comparable(lundby)
    doc = Document()
    doc.add_paragraph(fca2022.field("nosam").label)
    doc.add_paragraph("Svar.")
    doc.add_paragraph(fca2022.field("utmaningar").label)
    doc.add_paragraph(fca2022.field("foraldraskapsstod").label)
    import io
    buffer = io.BytesIO()
    doc.save(buffer)
    with pytest.raises(WordImportError, match="flera mallar"):
        report_from_docx(buffer.getvalue(), LIBRARY)

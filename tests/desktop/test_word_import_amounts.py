"""The Word import's preview shows the document's amounts and sums as the report itself shows them:
with the table's unit and decimals (forms.economics.amount_text), a kr table's `3 669 000`, not
`3 669 000,0`."""

from __future__ import annotations

from decimal import Decimal

from exports.bundle import docx_bytes
from forms.report import Report
from tests.desktop.test_word_import_gui import preview, rows

NBSP = " "  # the tree shows each text on one line, its no-break spaces as spaces


def test_a_kr_table_is_shown_in_whole_kronor(qtbot, library, tmp_path):
    template = library.get("ekonomisk-sammanstallning", "2023")
    report = Report(template.id, template.revision, "Lundby", 2023)
    for row, (city, region) in {"folkhalsa": (1834500, 1834500), "fca": (1200000, 1200000),
                                "halsolots": (634500, 634500)}.items():
        report.set_amount("finansiering", row, "stad", Decimal(city))
        report.set_amount("finansiering", row, "region", Decimal(region))
    report.set_amount("finansiering", "folkhalsa", "summa", Decimal(3669000))
    path = tmp_path / "Ekonomisk sammanställning Lundby 2023.docx"
    path.write_bytes(docx_bytes(template, report))

    shown = rows(preview(qtbot, library, path))
    amounts = {label: text for group, items in shown.items() if group.startswith("Belopp") for label, text, _ in items}
    folkhalsa = next(text for label, text in amounts.items() if "Folkhälsoarbete" in label and "Summa" in label)
    assert folkhalsa == f"3{NBSP}669{NBSP}000"
    assert f"1{NBSP}834{NBSP}500" in amounts.values()
    assert not any(",0" in text for text in amounts.values())


def test_a_deficit_in_the_documents_sums_reads_as_in_the_report(qtbot, library, tmp_path):
    """The document's own Återbetalning beside the computed one: a deficit as every format prints it."""
    from tests.receiving_data import area_report

    template = library.for_year("fca-uppfoljning", 2023)
    report = area_report(library, "Lundby", 1)
    report.set_amount("ekonomi", "lon", "utfall_region", Decimal("1010.3"))
    path = tmp_path / "Uppföljning FCA Lundby 2023.docx"
    path.write_bytes(docx_bytes(template, report))

    shown = rows(preview(qtbot, library, path))
    sums = {label: text for group, items in shown.items() if group.startswith("Summor") for label, text, _ in items}
    refund = next(text for label, text in sums.items() if label.startswith("Återbetalning") and "DRNG" in label)
    deficit = f"Underskott{NBSP}551,3"  # utfall 1 010,3 + 19,4 + 4,9 against 483,3 in
    assert refund == f"dokumentet {deficit}, beräknat {deficit}"


def test_a_refund_that_differs_names_both_deficits_as_the_report_does(library, tmp_path):
    """The note under a sum that does not match: a deficit in the refund row reads "Underskott 600,0",
    not "−600,0", on both sides."""
    import io

    import docx

    from forms.word_import import match_document
    from forms.word_reader import read_docx
    from tests.receiving_data import area_report

    template = library.for_year("fca-uppfoljning", 2023)
    report = area_report(library, "Lundby", 1)
    report.set_amount("ekonomi", "lon", "utfall_region", Decimal("1010.3"))
    document = docx.Document(io.BytesIO(docx_bytes(template, report)))
    cell = next(c for t in document.tables for r in t.rows for c in r.cells if c.text == "Underskott 551,3")
    cell.paragraphs[0].runs[0].text = "Underskott 600,0"  # the coordinator typed another figure
    changed = io.BytesIO()
    document.save(changed)

    result = match_document(read_docx(changed.getvalue(), "Lundby 2023.docx"), library)
    assert [c.message for c in result.mismatches] == [
        "Dokumentets Återbetalning till DRNG Utfall DRNG är Underskott 600,0, beräknat Underskott 551,3"]

"""Spara som PDF: an A4 PDF with the report's text, several pages for the Lundby report."""

import re

from desktop.printing import report_document, write_pdf


def test_pdf_of_the_demo_report(qapp, tmp_path, fca2022, lundby):
    target = tmp_path / "Uppföljning FCA Lundby 2022.pdf"
    document = report_document(fca2022, lundby, ["Bilaga.pdf"])
    write_pdf(document, target, "Uppföljning FCA Lundby 2022")
    pdf = target.read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 4  # the Lundby answers fill several A4 pages
    assert b"/MediaBox [0 0 595" in pdf  # A4 in points
    text = document.toPlainText()
    assert text.index("Redogör för hur NOSAM") < text.index("Ekonomisk redovisning") < text.index("har sammanställts av")

"""The Word export of the Lundby demo report, written to bytes and read back with python-docx."""

import copy
from datetime import date
from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm

from exports.content import questions
from exports.document import BUILT_KINDS
from exports.word import UNANSWERED, write_docx
from forms.report import Report
from forms.template import FIELD_KINDS

MESSY = "Kontroll\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0btecken \ud800 borta 😀 مرحبا بكم slut"
MESSY_VISIBLE = "Kontrolltecken  borta 😀 مرحبا بكم slut"


def export(template, report, attachments=()):
    buffer = BytesIO()
    write_docx(template, report, buffer, attachments)
    buffer.seek(0)
    return Document(buffer)


def texts(doc):
    return [p.text for p in doc.paragraphs]


def table_texts(doc):
    return [[cell.text for cell in row.cells] for row in doc.tables[0].rows]


def report_2023(lundby):
    """The Lundby answers and amounts on the 2023 revision of the template (DRNG/SN)."""
    return Report(template_id="fca-uppfoljning", revision="2023", area="Hisingen", year=2023,
                  answers=dict(lundby.answers), tables=copy.deepcopy(lundby.tables))


def test_every_question_and_answer_paragraph_in_template_order(fca2022, lundby):
    """Each visible question's rendered label is followed by its answer, paragraph by paragraph."""
    paragraphs = texts(export(fca2022, lundby))
    position = 0
    checked = 0
    for q in questions(fca2022, lundby):
        if q.field.kind == "percent":
            continue  # label and share share one line, see test_percentages
        position = paragraphs.index(q.label, position) + 1
        if q.field.kind == "text" and q.answer:
            for line in lundby.answer(q.field.id).strip().split("\n"):
                assert paragraphs[position] == line, q.field.id
                position += 1
            checked += 1
    assert checked >= 12


def test_rendered_placeholders_and_title(fca2022, lundby):
    """Placeholders are filled with the report's area and years; no {…} is left."""
    paragraphs = texts(export(fca2022, lundby))
    assert paragraphs[0] == ("Uppföljning av Avtal om familjecentrerat arbetssätt och familjecentraler "
                             "i stadsdel Lundby 2022")
    assert "Ge exempel på eventuella förbättringsområden inför 2023:" in paragraphs
    assert not [p for p in paragraphs if "{" in p]


def test_yes_no_as_crossed_boxes(fca2022, lundby):
    """The chosen Nej is ☒, Ja is ☐, both on the line after the question."""
    paragraphs = texts(export(fca2022, lundby))
    label = fca2022.field("bemanning_tillracklig").label
    boxes = paragraphs[paragraphs.index(label) + 1]
    assert "Ja ☐" in boxes and "Nej ☒" in boxes


def test_percentages(fca2022, lundby):
    """The shares are shown as in the template: `FCA-koordinator: 80 %`."""
    paragraphs = texts(export(fca2022, lundby))
    assert "FCA-koordinator: 80 %" in paragraphs
    assert "FC-samordnare: 20 %" in paragraphs


def test_conditional_question_only_when_it_applies(fca2022, lundby):
    """"Om nej, …" is printed after Nej and left out after Ja."""
    label = fca2022.field("bemanning_saknas").label
    assert label in texts(export(fca2022, lundby))
    lundby.set_answer("bemanning_tillracklig", "ja")
    assert label not in texts(export(fca2022, lundby))


def test_unanswered_question_is_marked_not_placeholder(fca2022, lundby):
    """An empty required answer reads "(ej besvarat)", never Word's "Klicka här för att ange text.";
    the optional "Övriga kommentarer" left empty shows nothing (one convention with Excel and print)."""
    lundby.set_answer("nosam", "")
    paragraphs = texts(export(fca2022, lundby))
    assert paragraphs[paragraphs.index(fca2022.field("nosam").label) + 1] == UNANSWERED
    assert paragraphs[paragraphs.index("Övriga kommentarer") + 1] != UNANSWERED
    assert not [p for p in paragraphs if "Klicka här" in p]


def test_money_table_amounts_and_headers(fca2022, lundby):
    """The table holds the typed amounts, SUMMA and Återbetalning in Swedish format under merged
    group headers and the party labels."""
    rows = table_texts(export(fca2022, lundby))
    assert rows[0] == ["tkr", "Budget 2022", "Budget 2022", "Utfall 2022-12-31", "Utfall 2022-12-31"]
    assert rows[1] == ["tkr", "HSNG", "SDN", "HSNG", "SDN"]
    assert rows[2] == ["Ingående medel från 2021", "459,0", "459,0", "448,5", "448,5"]
    assert rows[-2] == ["SUMMA", "459,0", "459,0", "443,5", "443,5"]
    assert rows[-1] == ["Återbetalning till HSNG", "", "", "5,0", "5,0"]


def test_money_table_on_2023_revision_uses_its_parties(fca2023, lundby):
    """A report on the 2023 revision shows DRNG and SN, and the refund goes to DRNG."""
    rows = table_texts(export(fca2023, report_2023(lundby)))
    assert rows[1] == ["tkr", "DRNG", "SN", "DRNG", "SN"]
    assert rows[-1][0] == "Återbetalning till DRNG"
    assert rows[-2][1:] == ["459,0", "459,0", "443,5", "443,5"]


def test_money_table_layout(fca2022, lundby):
    """Widths on every cell, rows never split, header rows repeat, computed rows bold, the
    refund's budget cells grey, the footnote with ¹ after the table."""
    doc = export(fca2022, lundby)
    table = doc.tables[0]
    for row in table.rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        for tc in row._tr.tc_lst:
            assert tc.tcPr.tcW is not None and tc.tcPr.tcW.w > 0
    assert all(r._tr.trPr.find(qn("w:tblHeader")) is not None for r in table.rows[:2])
    summa = table.rows[-2].cells
    assert all(run.bold for cell in summa for p in cell.paragraphs for run in p.runs)
    refund_budget = table.rows[-1].cells[1]._tc.tcPr.find(qn("w:shd"))
    assert refund_budget is not None and refund_budget.get(qn("w:fill")) == "D9D9D9"
    assert table.rows[2].cells[1].paragraphs[0].alignment == 2  # right
    footnote = [p for p in doc.paragraphs if p.text.startswith("¹ ")]
    assert footnote and "Vägledning för familjecentrerat arbetssätt" in footnote[0].text


def test_page_fonts_header_and_footer(fca2022, lundby):
    """A4 with 2.2 cm margins; Calibri named for every script, no theme font left to override it;
    the file name in the header, "Sida X av Y" from PAGE/NUMPAGES fields in the footer."""
    doc = export(fca2022, lundby)
    page = doc.sections[0]
    assert (round(page.page_width.cm, 1), round(page.page_height.cm, 1)) == (21.0, 29.7)
    assert abs(page.left_margin - Cm(2.2)) < Cm(0.01)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Fråga", "Tabelltext"):
        fonts = doc.styles[name].element.rPr.rFonts
        assert [fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")] == ["Calibri"] * 4
        assert not [a for a in fonts.attrib if "heme" in a]
    assert doc.styles["Normal"].font.size.pt == 11
    assert page.header.paragraphs[0].text == "Uppföljning FCA Lundby 2022"
    footer = page.footer.paragraphs[0]
    instructions = [i.text.strip() for i in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("Sida ") and " av " in footer.text


def test_questions_keep_with_their_answers(fca2022, lundby):
    """A question is never left alone at the bottom of a page."""
    doc = export(fca2022, lundby)
    label = fca2022.field("nosam").label
    paragraph = next(p for p in doc.paragraphs if p.text == label)
    assert paragraph.style.paragraph_format.keep_with_next


def test_signature_with_name_and_date(fca2022, lundby):
    """The closing line of the template, then the name and the ISO date."""
    lundby.compiled_by = "Anna Andersson"
    lundby.compiled_date = date(2023, 1, 20)
    paragraphs = texts(export(fca2022, lundby))
    closing = paragraphs.index("Uppföljning av Avtal om familjecentrerat arbetssätt och familjecentraler "
                               "i stadsdel Lundby 2022 har sammanställts av:")
    assert paragraphs[closing + 1:closing + 3] == ["Anna Andersson", "2023-01-20"]


def test_signature_without_name_leaves_lines_to_write_on(fca2022, lundby):
    """Unsigned: empty lines with small captions, not Word's placeholder text."""
    paragraphs = texts(export(fca2022, lundby))
    assert paragraphs[-4:] == ["", "Namn", "", "Datum"]


def test_attachments_are_listed(fca2022, lundby):
    """"Bilagor" lists the attached files by name, without their folders."""
    doc = export(fca2022, lundby, ["Verksamhetsplan 2022.pdf", "C:\\Users\\anna\\Enkät BHN.xlsx"])
    paragraphs = texts(doc)
    start = paragraphs.index("Bilagor")
    assert paragraphs[start + 1:start + 3] == ["Verksamhetsplan 2022.pdf", "Enkät BHN.xlsx"]
    assert "Bilagor" not in texts(export(fca2022, lundby))


def test_messy_text_exports_keeping_the_visible_text(fca2022, lundby):
    """Control characters, a lone surrogate, emoji and Arabic: no error, the visible text stays."""
    lundby.set_answer("ovriga_kommentarer", MESSY)
    lundby.compiled_by = "Anna\x07 😀"
    paragraphs = texts(export(fca2022, lundby, ["bilaga\x01.pdf"]))
    assert paragraphs[paragraphs.index("Övriga kommentarer") + 1] == MESSY_VISIBLE
    assert "Anna 😀" in paragraphs and "bilaga.pdf" in paragraphs


def test_writes_to_a_path(fca2022, lundby, tmp_path):
    """A path works as target as well as a file object."""
    target = tmp_path / "Uppföljning FCA Lundby 2022.docx"
    write_docx(fca2022, lundby, str(target))
    assert Document(str(target)).paragraphs[0].text.startswith("Uppföljning av Avtal")


@pytest.mark.parametrize("kind", FIELD_KINDS)
def test_every_field_kind_has_a_printed_form(kind):
    """A new field kind in the template format must be given a place in the document every export walks."""
    assert kind in BUILT_KINDS


def test_an_answer_over_the_templates_600_characters_is_exported_whole(fca2022, lundby):
    """Over the limit is a warning in the app; the Word and Excel files carry the whole answer."""
    import io

    from docx import Document
    from openpyxl import load_workbook

    from exports.bundle import docx_bytes, xlsx_bytes

    answer = lundby.answers["aktiviteter_samverkan"]
    assert len(answer) == 4211
    text = "\n".join(p.text for p in Document(io.BytesIO(docx_bytes(fca2022, lundby))).paragraphs)
    assert all(line in text for line in answer.splitlines() if line.strip())
    book = load_workbook(io.BytesIO(xlsx_bytes(fca2022, lundby)))
    cells = "".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert all(line in cells for line in answer.splitlines() if line.strip())

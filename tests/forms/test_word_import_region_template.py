"""The Lundby 2022 report as the region's own Word template has it, rebuilt from the public paper's text
(seed 002), imports to the demo report's answers and amounts.

The seed is a text extraction of the filled Word file: lines wrapped where the page wrapped them, the
Ja/Nej boxes on lines of their own, the economic table flattened, Word's "Klicka här för att ange
text." where the content controls were left empty. The builder below puts that text back into the
template's layout — headings, questions in bold, answers as paragraphs, Word bullet lists, a Ja ☐ Nej ☒
table, the economic table with merged Budget/Utfall headers over HSNG/SDN, empty content controls in
the signature — and nothing from the demo report is used to build it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from docx.shared import Pt

from forms.word_import import import_docx
from tests.forms import word_builders as wb

SEED = Path(__file__).resolve().parent.parent / "data" / "word" / "seed-002-lundby-2022.txt"  # a copy of seed 002
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\uf0b7]")


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def flat(text: str) -> str:
    return " ".join(text.split())


def paragraphs(text: str, headings: set[str] = frozenset()) -> list[str]:
    """The seed's lines joined back into paragraphs: a blank line ends one, a bullet or dash starts one,
    a word split with a hyphen at the line end is joined again ("FCA-\\nkoordinatorernas")."""
    result: list[str] = []
    current = ""
    for raw in _PRIVATE_USE.sub("", text).split("\n"):
        line = raw.strip()
        if not line:
            if current:
                result.append(current)
            current = ""
            continue
        if current and (line[0] in "•-–" or line in ("Ja", "Nej", "☐", "☒") or line in headings):
            result.append(current)
            current = ""
        if not current:
            current = line
        elif re.search(r"\w-$", current) and line[:1].islower():
            current += line
        else:
            current += " " + line
        if current in ("Ja", "Nej", "☐", "☒") or current in headings:
            result.append(current)
            current = ""
    if current:
        result.append(current)
    return _join_broken(result)


def _join_broken(paras: list[str]) -> list[str]:
    """The extraction also put blank lines inside sentences: a paragraph that stops without a full
    stop, colon or question mark goes on in the next one when that starts in lower case."""
    joined: list[str] = []
    for text in paras:
        if joined and text[:1].islower() and not re.search(r"[.:?!”]$", joined[-1]) and joined[-1] not in ("Ja", "Nej"):
            joined[-1] += " " + text
        else:
            joined.append(text)
    return joined


def region_document(template):
    """The Word document, in the region template's layout, from the seed's paragraphs."""
    labels = [template.render(f.label, "Lundby", 2022) for f in template.fields() if f.kind in ("text", "yesno")]
    sections = {template.render(s.title, "Lundby", 2022) for s in template.sections}
    doc = wb.new_document()
    paras = paragraphs(seed_text(), sections)
    economy = next(i for i, p in enumerate(paras) if p.startswith("Budget"))
    signature = next(i for i, p in enumerate(paras) if "har sammanställts av" in p)
    title_end = next(i for i, p in enumerate(paras) if p.startswith("Göteborgs hälso-"))
    doc.add_paragraph(" ".join(paras[:title_end]), style="Title")
    boxes: list[str] = []
    index = title_end
    in_instruction = False
    while index < len(paras):
        text = paras[index]
        index += 1
        if index - 1 == economy:
            index = _economic_table(doc, paras, index - 1, signature)
            continue
        if text in ("Ja", "Nej", "☐", "☒"):
            boxes.append(text)
            if len(boxes) == 4:
                table = doc.add_table(rows=1, cols=4)
                for cell, value in zip(table.rows[0].cells, boxes, strict=True):
                    cell.text = value
                boxes = []
            continue
        if text in sections:
            doc.add_heading(text, level=1)
            in_instruction = False
            continue
        if text == "Instruktion":
            doc.add_heading(text, level=2)
            in_instruction = True
            continue
        if in_instruction and text.startswith("• "):
            doc.add_paragraph(text[2:], style="List Bullet")  # a real Word list, no bullet in the text
            continue
        if "har sammanställts av" in text:
            _signature(doc, text)
            continue
        if wb.PLACEHOLDER.rstrip(".") in text or "Klicka här för att ange datum" in text:
            wb.body_block_control(doc, "", placeholder=True)
            continue
        pair = _question_pair(doc, paras, index - 1, labels)
        if pair:
            index = pair
            continue
        label = next((lab for lab in labels if text.startswith(flat(lab))), None)
        if label is not None:
            question = doc.add_paragraph()
            question.add_run(flat(label)).bold = True
            rest = text[len(flat(label)):].strip()
            if rest:
                doc.add_paragraph(rest)
            continue
        doc.add_paragraph(text)
    return doc


def _question_pair(doc, paras: list[str], at: int, labels: list[str]) -> int | None:
    """Two questions in a row of the seed (positive things / challenges), then the first answer, the
    second question again and the second answer: a 2 × 2 table in the template — the questions as
    its header row (which Word repeated on the next page, hence the second copy), each answer in the
    cell below its question. Returns where the text after the table starts."""
    if at + 1 >= len(paras):
        return None
    first, second = (next((lab for lab in labels if flat(lab) == paras[i]), None) for i in (at, at + 1))
    if not first or not second:
        return None
    split = next(i for i in range(at + 2, len(paras)) if paras[i] == flat(second))
    end = next(i for i in range(split, len(paras)) if paras[i] == "Bemanning och kompetensutveckling")
    table = doc.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    for cell, question in zip(table.rows[0].cells, (first, second), strict=True):
        cell.paragraphs[0].add_run(flat(question)).bold = True
    for cell, texts in zip(table.rows[1].cells, (paras[at + 2:split], paras[split + 1:end]), strict=True):
        cell.paragraphs[0].text = texts[0]
        for text in texts[1:]:
            cell.add_paragraph(text)
    return end


def _economic_table(doc, paras: list[str], start: int, signature: int) -> int:
    """The flattened table: "Budget 2022 Utfall 2022-12-31 HSNG SDN HSNG SDN <label> n n n n …"."""
    body = " ".join(paras[start:signature])
    body = body[body.index("HSNG SDN HSNG SDN") + len("HSNG SDN HSNG SDN"):]
    rows = []
    for match in re.finditer(r"(.+?)((?:\s+\d+(?:[.,]\d+)?){4})(?=\s+[A-ZÅÄÖ]|\s*$)", body):
        rows.append([match.group(1).strip(), *match.group(2).split()])
    rest = body[match.end():].strip()  # "Återbetalning till HSNG", left blank
    rows.append([rest, "", "", "", ""])
    table = wb.money_table(doc, [["", "", "", "", ""], ["", "HSNG", "SDN", "HSNG", "SDN"]], rows,
                           merges=[(0, 1, 2, "Budget\n2022"), (0, 3, 4, "Utfall\n2022-12-31")])
    for row in table.rows:  # the region's table has small print
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    return signature


def _signature(doc, text: str) -> None:
    """"… i stadsdel [Klicka här för att ange text.] 2022 har sammanställts av:" with the area an empty control."""
    before, _, after = text.partition("Klicka här för att ange text.")
    paragraph = doc.add_paragraph(before)
    wb.add_inline_control(paragraph, "", placeholder=True)
    paragraph.add_run(" " + after.strip())


@pytest.fixture(scope="module")
def imported(library):
    template = library.get("fca-uppfoljning", "2022")
    return import_docx(wb.to_bytes(region_document(template)), library, name="Lundby 2022.docx")


def test_recognised_as_the_2022_fca_follow_up_of_lundby(imported):
    assert (imported.template_id, imported.revision, imported.area, imported.year) == ("fca-uppfoljning", "2022", "Lundby", 2022)
    assert not imported.ambiguous


def test_every_answer_is_the_demo_answer(imported, lundby, fca2022):
    """Word wraps lines where the page ends; the demo joined them again. The words are the same."""
    found = {q.field_id: q for q in imported.questions}
    assert [q.field_id for q in imported.questions if not q.found] == []
    for f in fca2022.fields():
        if f.is_answer:
            assert flat(found[f.id].answer) == flat(lundby.answer(f.id)), f.id
    assert imported.report.answer("bemanning_tillracklig") == "nej"
    assert imported.report.answer("andel_koordinator") == "80"
    assert imported.report.answer("ovriga_kommentarer") == ""


def test_every_amount_is_the_demo_amount_and_the_summa_agrees(imported, lundby):
    assert imported.report.tables == lundby.tables
    assert imported.report.amount("ekonomi", "ingaende", "utfall_region") == Decimal("448.5")  # typed "448.5"
    assert imported.mismatches == []
    checked = {(c.row_id, c.column_id) for c in imported.sum_checks}
    assert ("summa", "utfall_region") in checked  # the document's own 443.5 was compared


def test_nothing_is_left_over_but_the_page_junk(imported):
    assert imported.unmatched == []
    assert imported.compiled_by == "" and imported.compiled_date is None

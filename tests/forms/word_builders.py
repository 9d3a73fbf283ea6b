"""Word documents laid out unlike our export, built with python-docx and its XML: content controls,
legacy form fields, checkbox controls, question tables, economic tables with other headers."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
PLACEHOLDER = "Klicka här för att ange text."


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _runs(text: str) -> str:
    return "".join(f'<w:r><w:t xml:space="preserve">{_esc(line)}</w:t></w:r>' + ("<w:r><w:br/></w:r>" if i < len(text.split("\n")) - 1 else "")
                   for i, line in enumerate(text.split("\n")))


def add_block_control(container, text: str, placeholder: bool = False) -> None:
    """A rich-text content control around paragraphs (one per line); an empty one shows Word's prompt."""
    shown = PLACEHOLDER if placeholder else text
    paragraphs = "".join(f"<w:p>{_runs(line)}</w:p>" for line in shown.split("\n"))
    flag = "<w:showingPlcHdr/>" if placeholder else ""
    container._element.append(parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr><w:alias w:val=\"Svar\"/>{flag}</w:sdtPr>"
        f"<w:sdtContent>{paragraphs}</w:sdtContent></w:sdt>"))


def body_block_control(doc, text: str, placeholder: bool = False) -> None:
    """Like add_block_control, in the body before its section properties."""
    sect = doc.element.body[-1]
    shown = PLACEHOLDER if placeholder else text
    paragraphs = "".join(f"<w:p>{_runs(line)}</w:p>" for line in shown.split("\n"))
    flag = "<w:showingPlcHdr/>" if placeholder else ""
    sect.addprevious(parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr>{flag}</w:sdtPr><w:sdtContent>{paragraphs}</w:sdtContent></w:sdt>"))


def add_inline_control(paragraph, text: str, placeholder: bool = False) -> None:
    flag = "<w:showingPlcHdr/>" if placeholder else ""
    paragraph._p.append(parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr>{flag}</w:sdtPr><w:sdtContent>{_runs(PLACEHOLDER if placeholder else text)}"
        "</w:sdtContent></w:sdt>"))


def add_checkbox_control(paragraph, checked: bool) -> None:
    """Word 2010's checkbox content control; its glyph is MS Gothic ☒/☐, its state w14:checked."""
    glyph = "☒" if checked else "☐"
    paragraph._p.append(parse_xml(
        f"<w:sdt {nsdecls('w')} {W14}><w:sdtPr><w14:checkbox><w14:checked w14:val=\"{int(checked)}\"/>"
        "<w14:checkedState w14:val=\"2612\" w14:font=\"MS Gothic\"/><w14:uncheckedState w14:val=\"2610\" "
        f"w14:font=\"MS Gothic\"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>{glyph}</w:t></w:r>"
        "</w:sdtContent></w:sdt>"))


def add_form_checkbox(paragraph, checked: bool) -> None:
    """A legacy FORMCHECKBOX field (Word 97 forms): no glyph in the text, the state in w:ffData."""
    state = '<w:checked/>' if checked else '<w:checked w:val="0"/>'
    for xml in (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Kryss"/><w:enabled/>'
        f'<w:checkBox><w:sizeAuto/><w:default w:val="0"/>{state}</w:checkBox></w:ffData></w:fldChar></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))


def add_form_text(paragraph, text: str) -> None:
    """A legacy FORMTEXT field: the code is not text, the result between separate and end is."""
    for xml in (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text1"/><w:enabled/>'
        '<w:textInput/></w:ffData></w:fldChar></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{_esc(text)}</w:t></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))


def merge_header(table, row: int, first: int, last: int, text: str) -> None:
    cell = table.cell(row, first).merge(table.cell(row, last))
    cell.text = text


def money_table(doc, header_rows: list[list[str]], rows: list[list[str]], merges=()):
    """A grid table: header rows then label + amounts; merges are (row, first, last, text)."""
    width = max(len(r) for r in header_rows + rows)
    table = doc.add_table(rows=len(header_rows) + len(rows), cols=width)
    table.style = "Table Grid"
    for r, values in enumerate(header_rows + rows):
        for c, value in enumerate(values):
            if value:
                table.cell(r, c).text = value
    for row, first, last, text in merges:
        merge_header(table, row, first, last, text)
    return table


def to_bytes(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def new_document(title: str | None = None):
    doc = Document()
    if title:
        doc.add_paragraph(title, style="Title")
    return doc

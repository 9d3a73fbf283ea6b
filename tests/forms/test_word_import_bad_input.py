"""Files the Word import must refuse, each with a Swedish message that says what to do — and a .docm,
whose text is read while its macros are never touched."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document

from exports.bundle import docx_bytes, xlsx_bytes
from forms import word_reader
from forms.word_import import WordImportError, import_docx

DATA = Path(__file__).resolve().parent.parent / "data" / "word"


def rezip(data: bytes, change=None, add: dict[str, bytes] | None = None) -> bytes:
    """A copy of a zip with some entries' bytes changed and others added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if change:
                content = change(info.filename, content)
            target.writestr(info.filename, content)
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def refusal(source, library, **kwargs) -> str:
    with pytest.raises(WordImportError) as caught:
        import_docx(source, library, **kwargs)
    return str(caught.value)


def test_old_binary_doc_asks_to_save_as_docx(library):
    message = refusal(DATA / "liten.doc", library)
    assert "Spara dokumentet som .docx i Word och försök igen" in message
    assert "liten.doc" in message


def test_password_protected_document_is_refused_with_how_to_remove_the_password(library):
    message = refusal(DATA / "liten-losenord.docx", library)
    assert "lösenord" in message and "ta bort lösenordet" in message


@pytest.mark.parametrize("content, expected", [
    (b"Hej, det h\xc3\xa4r \xc3\xa4r bara text.\n", "inget Word-dokument"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF-fil"),
    (b"{\\rtf1\\ansi Hej}", "RTF-dokument"),
    (b"PK\x03\x04 trasig zip", "zip-arkivet kan inte läsas"),
])
def test_a_file_that_is_not_a_word_document(library, tmp_path, content, expected):
    path = tmp_path / "rapport.docx"
    path.write_bytes(content)
    message = refusal(path, library)
    assert expected in message and "rapport.docx" in message


def test_an_excel_workbook_renamed_docx_is_no_word_document(library, fca2022, lundby):
    message = refusal(xlsx_bytes(fca2022, lundby), library, name="ekonomi.docx")
    assert "inget Word-dokument" in message and "spreadsheetml" in message


def test_truncated_docx_is_refused(library, fca2022, lundby):
    data = docx_bytes(fca2022, lundby)
    message = refusal(data[: len(data) // 2], library, name="halv.docx")
    assert "skadat" in message


def test_zip_bomb_part_is_refused_before_unpacking(library, fca2022, lundby):
    """2 MB of zeros packs to ~2 kB: a packing ratio no Word document has."""
    bomb = rezip(docx_bytes(fca2022, lundby), add={"word/media/image1.png": bytes(2 * 1024 * 1024)})
    assert len(bomb) < 100_000
    message = refusal(bomb, library, name="bomb.docx")
    assert "säkerhetsskäl" in message and "word/media/image1.png" in message


def test_too_many_parts_is_refused(library, fca2022, lundby):
    many = rezip(docx_bytes(fca2022, lundby), add={f"word/x/{n}.xml": b"<a/>" for n in range(word_reader.MAX_ENTRIES)})
    assert "delar" in refusal(many, library, name="manga.docx")


def test_unpacked_size_limit(library, fca2022, lundby, monkeypatch):
    monkeypatch.setattr(word_reader, "MAX_UNPACKED_BYTES", 100_000)
    assert "uppackat" in refusal(docx_bytes(fca2022, lundby), library, name="stor.docx")


def test_oversized_file_is_refused_without_reading_it(library, tmp_path, monkeypatch):
    monkeypatch.setattr(word_reader, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "stor.docx"
    path.write_bytes(b"PK" + bytes(5000))
    assert "för stort" in refusal(path, library)


def test_empty_document_is_refused(library):
    buffer = io.BytesIO()
    Document().save(buffer)
    assert "ingen text" in refusal(buffer.getvalue(), library, name="tom.docx")


def docm_bytes(docx: bytes) -> bytes:
    """Our export turned into a macro-enabled document: the main part's content type and a VBA part."""
    def change(name, content):
        if name == "[Content_Types].xml":
            content = content.replace(
                b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                b"application/vnd.ms-word.document.macroEnabled.main+xml")
            content = content.replace(b"</Types>", b'<Override PartName="/word/vbaProject.bin" '
                                      b'ContentType="application/vnd.ms-office.vbaProject"/></Types>')
        if name == "word/_rels/document.xml.rels":
            content = content.replace(b"</Relationships>", b'<Relationship Id="rIdVba" Type="http://schemas.'
                                      b'microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>'
                                      b"</Relationships>")
        return content

    return rezip(docx, change, add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 Attribute VB_Name = \"AutoOpen\""})


def test_docm_text_is_read_and_macros_are_only_mentioned(library, fca2022, lundby):
    result = import_docx(docm_bytes(docx_bytes(fca2022, lundby)), library, name="makro.docm")
    assert result.report.answers == lundby.answers
    assert any("makron" in w and "inga makron har körts" in w for w in result.warnings)
    assert result.needs_look

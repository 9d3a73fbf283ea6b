"""Every Word and Excel file the app writes carries its own metadata (exports/properties.py): title,
subject, "Avtalsuppföljning" as the application, written now — never python-docx's author, its
2013-12-23 date and "Microsoft Macintosh Word", nor openpyxl's creator and name (issue 19 item 8)."""

import io
import re
import zipfile
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import openpyxl
from docx import Document

from exports.consolidation import write_consolidation_docx, write_consolidation_xlsx
from exports.excel import write_xlsx
from exports.word import write_docx
from tests.exports.test_consolidation_exports import three_areas

NOW_TOLERANCE = timedelta(minutes=5)


def written(write, *args) -> bytes:
    buffer = io.BytesIO()
    write(*args, buffer)
    return buffer.getvalue()


NS = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
      "app": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}


def core_values(data: bytes) -> dict[str, str | None]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        core = ElementTree.fromstring(package.read("docProps/core.xml"))
    return {key: (None if (e := core.find(key, NS)) is None else e.text or "")
            for key in ("dc:title", "dc:subject", "dc:creator", "dcterms:created")}


def check_package(data: bytes, title: str, subject: str, author: str) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        app_xml = package.read("docProps/app.xml")
        raw = app_xml.decode() + package.read("docProps/core.xml").decode()
    assert ElementTree.fromstring(app_xml).find("app:Application", NS).text == "Avtalsuppföljning"
    assert not re.search(r"python-docx|openpyxl|Microsoft|Macintosh", raw, re.IGNORECASE), raw
    assert "2013-12-23" not in raw
    assert not any("thumbnail" in n for n in names), names
    core = core_values(data)
    assert (core["dc:title"], core["dc:subject"], core["dc:creator"] or "") == (title, subject, author)
    created = datetime.fromisoformat(core["dcterms:created"].replace("Z", "+00:00"))
    assert abs(created - datetime.now(UTC)) < NOW_TOLERANCE, created


def test_the_sammanstallning_files_carry_their_own_metadata(store, library, tmp_path):
    cons = three_areas(store, library, tmp_path)
    subject = "Uppföljning FCA 2023 – de inkomna rapporterna sammanställda"
    for write in (write_consolidation_docx, write_consolidation_xlsx):
        check_package(written(write, cons), cons.title, subject, "")
    docx = Document(io.BytesIO(written(write_consolidation_docx, cons)))
    assert (docx.core_properties.title, docx.core_properties.language) == (cons.title, "sv-SE")
    book = openpyxl.load_workbook(io.BytesIO(written(write_consolidation_xlsx, cons)))
    assert book.properties.title == cons.title  # (openpyxl reads a missing creator back as "openpyxl")


def test_a_reports_files_carry_the_same_metadata(fca2022, lundby):
    lundby.compiled_by = "Åsa Öberg"
    for write in (write_docx, write_xlsx):
        data = written(write, fca2022, lundby)
        title = core_values(data)["dc:title"]
        assert title.startswith("Uppföljning av Avtal") and title.endswith("Lundby 2022"), title
        check_package(data, title, "Uppföljning FCA", "Åsa Öberg")


def test_the_word_count_is_the_documents_own(library):
    """docProps/app.xml counts the words, characters and paragraphs the saved document holds, every
    paragraph once, a merged table cell's too (it counted by the id() of python-docx's short-lived
    element proxies, which are reused: a cell's paragraphs were now and then counted twice)."""
    from tests.sample_reports import all_reports

    for name, (template, report, attachments) in all_reports(library).items():
        buffer = io.BytesIO()
        write_docx(template, report, buffer, attachments)
        data = buffer.getvalue()
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            app = ElementTree.fromstring(package.read("docProps/app.xml"))
        body = Document(io.BytesIO(data)).element.body
        w = f"{{{body.nsmap['w']}}}"
        texts = ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in body.iter(f"{w}p")]
        counted = {key: int(app.find(f"app:{key}", NS).text) for key in ("Words", "Paragraphs", "CharactersWithSpaces")}
        assert counted == {"Words": sum(len(t.split()) for t in texts), "Paragraphs": sum(1 for t in texts if t.strip()),
                           "CharactersWithSpaces": sum(len(t) for t in texts)}, name

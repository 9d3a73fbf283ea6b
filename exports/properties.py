"""The files' own metadata, the one way for every Word and Excel file the app writes (the report's
exports and the Sammanställning): title, subject, author, language and the time written — never the
libraries' defaults (python-docx: author "python-docx", created 2013-12-23, "Microsoft Macintosh
Word", a blank thumbnail; openpyxl: creator "openpyxl", "Microsoft Excel Compatible / Openpyxl")."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import BinaryIO
from xml.sax.saxutils import escape

from forms.clean import clean_text

APPLICATION = "Avtalsuppföljning"
LANGUAGE = "sv-SE"
CORE_PROPERTY_LIMIT = 255
APP_XML = "docProps/app.xml"
WORD_PARAGRAPH = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


def core_text(text: str) -> str:
    """One line of at most 255 characters (Word's limit; python-docx refuses more); the document
    itself keeps the whole text."""
    text = " ".join(clean_text(text).split())
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[:CORE_PROPERTY_LIMIT - 1] + "…"


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0, tzinfo=None)


def set_docx_core(doc, *, title: str, subject: str, author: str = "") -> None:
    props = doc.core_properties
    props.title = core_text(title)
    props.subject = core_text(subject)
    props.author = props.last_modified_by = core_text(author)
    props.language = LANGUAGE
    props.comments = props.keywords = props.category = ""
    props.created = props.modified = _now()
    props.revision = 1


def set_docx_app(doc) -> None:
    """docProps/app.xml as this program wrote it (python-docx's template says "Microsoft Macintosh
    Word", 1 page, 0 words), and no thumbnail: the template's blank one would show in file browsers.
    The page count is left out: only a program that lays the pages out knows it. Call when the
    document is complete: the words are counted."""
    text = [p.text for p in doc.element.body.iter(WORD_PARAGRAPH)]  # in tables too; merged cells' paragraphs once
    words = sum(len(t.split()) for t in text)
    characters = sum(len(t.replace(" ", "")) for t in text)
    app = next(p for p in doc.part.package.iter_parts() if p.partname == f"/{APP_XML}")
    app._blob = _app_xml(
        f"<Words>{words}</Words><Characters>{characters}</Characters>"
        f"<Paragraphs>{sum(1 for t in text if t.strip())}</Paragraphs>"
        f"<CharactersWithSpaces>{sum(len(t) for t in text)}</CharactersWithSpaces>")
    rels = doc.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype.endswith("/metadata/thumbnail")]:
        rels.pop(rid)


def _app_xml(counts: str = "") -> bytes:
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{escape(APPLICATION)}</Application><DocSecurity>0</DocSecurity>{counts}"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>").encode()


def set_xlsx_core(workbook, *, title: str, subject: str, author: str = "") -> None:
    props = workbook.properties
    props.title = core_text(title)
    props.subject = core_text(subject)
    props.creator = props.lastModifiedBy = core_text(author) or None
    props.language = LANGUAGE
    props.created = props.modified = _now()


def save_xlsx(workbook, target: str | BinaryIO) -> None:
    """Save the workbook with this program's docProps/app.xml (openpyxl writes its own name there)."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for item in source.infolist():
            rewritten.writestr(item, _app_xml() if item.filename == APP_XML else source.read(item.filename))
    if isinstance(target, str | bytes) or hasattr(target, "__fspath__"):
        with open(target, "wb") as file:
            file.write(out.getvalue())
    else:
        target.write(out.getvalue())

"""Reading a Word document (.docx, .docm, .dotx) as text in reading order, safely.

The body is walked in order — paragraphs and tables interleaved, content controls (`w:sdt`), nested
tables, list paragraphs ("• " lines), legacy form fields and checkbox controls (☒/☐) — into a flat
list of `Item`s, and every table also as a grid of cell texts (merged cells repeated). python-docx
opens the package (its zip and relationships); its XML is read directly for everything it has no
API for. Nothing in the file is executed: a .docm's macros are never looked at.

Refused with a Swedish message (`WordReadError`): an old binary .doc, an encrypted document, a file
that is no Word document, a zip bomb or an oversized document.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from forms.errors import UserError

MAX_FILE_BYTES = 50 * 1024 * 1024  # a report with photos is a few MB
MAX_ENTRIES = 2000  # parts in the zip
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # all parts unpacked
MAX_PART_BYTES = 60 * 1024 * 1024  # one part unpacked (document.xml of a very long report is ~5 MB)
MAX_RATIO = 200  # unpacked / packed of one large part; ordinary XML compresses ~10×
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CHECKED, UNCHECKED = "☒", "☐"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "dotx",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "docm",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "dotm",
}
PLACEHOLDER_TEXTS = (  # Word's empty content control, older and newer Swedish and English Word
    "klicka här för att ange text", "klicka eller tryck här för att ange text",
    "klicka här för att ange datum", "klicka eller tryck här för att ange ett datum",
    "klicka här för att ange ett datum", "välj ett objekt", "click here to enter text",
    "click or tap here to enter text", "click or tap to enter a date", "choose an item",
)
# Wingdings / Segoe symbol check boxes written with w:sym
_SYMBOL_BOXES = {"F0FE": CHECKED, "F078": CHECKED, "F0FD": CHECKED, "F0A8": UNCHECKED, "F06F": UNCHECKED,
                 "F071": UNCHECKED, "2612": CHECKED, "2610": UNCHECKED, "2611": CHECKED}
_BULLETS = "•◦▪·–-*o§"
_HEADING_RE = re.compile(r"^(heading|rubrik)\s*(\d)$|^(title|rubrik)$", re.IGNORECASE)


class WordReadError(UserError, ValueError):
    """A file that cannot be read as a Word document; the message is Swedish and says what to do."""


@dataclass
class Item:
    """One paragraph of text in reading order; inside a table it knows its table, row and column."""

    text: str
    heading: bool = False  # a heading or title style
    table: int | None = None  # the innermost table's index in WordDocument.tables
    row: int = -1
    col: int = -1
    index: int = 0  # position in WordDocument.items


@dataclass
class TableGrid:
    index: int
    cells: list[list[str]]  # grid rows × grid columns, each cell's paragraphs joined by "\n"
    parent: int | None = None  # the table this one is nested in


@dataclass
class WordDocument:
    items: list[Item]
    tables: list[TableGrid]
    kind: str  # docx, docm, dotx, dotm
    warnings: list[str] = field(default_factory=list)
    data: bytes = b""
    name: str = ""

    def table_items(self, table: int) -> list[Item]:
        return [i for i in self.items if i.table == table or self._inside(i.table, table)]

    def _inside(self, inner: int | None, outer: int) -> bool:
        while inner is not None:
            if inner == outer:
                return True
            inner = self.tables[inner].parent
        return False


def read_docx(source: str | Path | bytes | BinaryIO, name: str = "") -> WordDocument:
    """Read a Word document from a path, bytes or a binary file. Raises WordReadError."""
    data, name = _read_bytes(source, name)
    _refuse_non_docx(data, name)
    _check_zip(data, name)
    try:
        package = OpcPackage.open(io.BytesIO(data))
        main = package.main_document_part
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors … on a broken package
        raise WordReadError(
            f"”{name}” kunde inte öppnas som Word-dokument ({type(exc).__name__}). Filen kan vara skadad: "
            "öppna den i Word, spara den som .docx och försök igen.") from None
    kind = MAIN_TYPES.get(main.content_type)
    if kind is None:
        raise WordReadError(
            f"”{name}” är inget Word-dokument (innehållet är {main.content_type}). "
            "Välj en .docx-fil, eller spara dokumentet som .docx i Word och försök igen.")
    element = main.element if hasattr(main, "element") else _parse(main.blob, name)
    if element.tag.startswith("{" + STRICT_NS):
        raise WordReadError(
            f"”{name}” är sparat som ”Strikt Open XML”, som programmet inte läser. "
            "Spara dokumentet som vanligt Word-dokument (.docx) och försök igen.")
    styles = _style_names(main, name)
    reader = _BodyReader(styles)
    body = element.find(qn("w:body"))
    if body is not None:
        reader.blocks(body)
    document = WordDocument(items=reader.items, tables=reader.tables, kind=kind, data=data, name=name)
    for index, item in enumerate(document.items):
        item.index = index
    if kind in ("docm", "dotm") or any(p.partname.endswith("vbaProject.bin") for p in package.iter_parts()):
        document.warnings.append(
            "Dokumentet innehåller makron. Bara texten har lästs; inga makron har körts.")
    if not any(i.text.strip() for i in document.items):
        raise WordReadError(f"”{name}” innehåller ingen text att importera.")
    return document


def _read_bytes(source, name: str) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    elif isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise WordReadError(_too_big(name or path.name))
            data = path.read_bytes()
        except WordReadError:
            raise
        except OSError as exc:
            raise WordReadError(f"”{path.name}” kunde inte läsas: {exc.strerror or exc}.") from None
    else:
        data = source.read(MAX_FILE_BYTES + 1)
    name = name or "Dokumentet"
    if len(data) > MAX_FILE_BYTES:
        raise WordReadError(_too_big(name))
    return data, name


def _too_big(name: str) -> str:
    return (f"”{name}” är för stort för att importeras (gränsen är {MAX_FILE_BYTES // (1024 * 1024)} MB). "
            "Ta bort stora bilder ur dokumentet i Word och försök igen.")


def _refuse_non_docx(data: bytes, name: str) -> None:
    if data.startswith(OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise WordReadError(
                f"”{name}” är skyddat med lösenord. Öppna det i Word, ta bort lösenordet (Arkiv → Information → "
                "Skydda dokument → Kryptera med lösenord), spara och försök igen.")
        if "WordDocument".encode("utf-16-le") in data:
            raise WordReadError(
                f"”{name}” är ett äldre Word-dokument (.doc). Spara dokumentet som .docx i Word och försök igen.")
        raise WordReadError(
            f"”{name}” är ett äldre Office-dokument men inget Word-dokument. Välj rapportens Word-fil (.docx).")
    if data.lstrip()[:5] == b"{\\rtf":
        raise WordReadError(f"”{name}” är ett RTF-dokument. Spara dokumentet som .docx i Word och försök igen.")
    if data[:4] == b"%PDF":
        raise WordReadError(
            f"”{name}” är en PDF-fil. Programmet kan bara importera Word-dokument (.docx); "
            "välj rapportens Word-fil i stället.")
    if not data.startswith(b"PK"):
        raise WordReadError(
            f"”{name}” är inget Word-dokument. Välj en .docx-fil, eller spara dokumentet som .docx i Word och försök igen.")


def _check_zip(data: bytes, name: str) -> None:
    """Refuse a zip bomb before python-docx unpacks anything: count, sizes and packing ratio."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise WordReadError(
            f"”{name}” är skadat eller inget Word-dokument (zip-arkivet kan inte läsas). "
            "Öppna det i Word, spara det som .docx och försök igen.") from None
    unsafe = (f"”{name}” ser inte ut som ett vanligt Word-dokument och importeras inte av säkerhetsskäl "
              "({why}). Öppna det i Word, spara det som en ny .docx och försök igen.")
    if len(entries) > MAX_ENTRIES:
        raise WordReadError(unsafe.format(why=f"{len(entries)} delar, högst {MAX_ENTRIES} tillåts"))
    total = sum(e.file_size for e in entries)
    if total > MAX_UNPACKED_BYTES:
        raise WordReadError(unsafe.format(
            why=f"{total // (1024 * 1024)} MB uppackat, högst {MAX_UNPACKED_BYTES // (1024 * 1024)} MB tillåts"))
    for e in entries:
        if e.file_size > MAX_PART_BYTES or (e.file_size > 1024 * 1024 and e.file_size > MAX_RATIO * max(e.compress_size, 1)):
            raise WordReadError(unsafe.format(why=f"delen {e.filename} packas upp till {e.file_size // (1024 * 1024)} MB"))


def _parse(blob: bytes, name: str):
    try:
        return parse_xml(blob)
    except Exception:  # lxml's XMLSyntaxError and friends
        raise WordReadError(f"”{name}” är skadat (dokumentets XML kan inte läsas). Öppna det i Word, spara och försök igen.") from None


def _style_names(main, name: str) -> dict[str, str]:
    """Style id → style name ("Rubrik1" → "heading 1"), read from the styles part."""
    try:
        part = main.part_related_by(RT.STYLES)
    except KeyError:
        return {}
    element = part.element if hasattr(part, "element") else _parse(part.blob, name)
    names = {}
    for style in element.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId"), "")
        name_el = style.find(qn("w:name"))
        names[style_id] = name_el.get(qn("w:val"), style_id) if name_el is not None else style_id
    return names


class _BodyReader:
    def __init__(self, styles: dict[str, str]):
        self.styles = styles
        self.items: list[Item] = []
        self.tables: list[TableGrid] = []
        self.where: list[tuple[int, int, int]] = []  # the enclosing (table, row, col)

    def blocks(self, parent) -> None:
        for child in parent:
            tag = child.tag
            if tag == qn("w:p"):
                self.paragraph(child)
            elif tag == qn("w:tbl"):
                self.table(child)
            elif tag == qn("w:sdt"):
                if not _is_placeholder(child):
                    content = child.find(qn("w:sdtContent"))
                    if content is not None:
                        self.blocks(content)
            elif tag in (qn("w:customXml"), qn("w:ins"), qn("w:smartTag")):
                self.blocks(child)

    def paragraph(self, p) -> None:
        text = _inline_text(p)
        heading = False
        ppr = p.find(qn("w:pPr"))
        if ppr is not None:
            style = ppr.find(qn("w:pStyle"))
            style_name = self.styles.get(style.get(qn("w:val")), style.get(qn("w:val"))) if style is not None else ""
            heading = bool(_HEADING_RE.match(style_name.strip())) or ppr.find(qn("w:outlineLvl")) is not None
            is_list = ppr.find(qn("w:numPr")) is not None or "list bullet" in style_name.lower() or "punktlista" in style_name.lower()
            if is_list and text.strip() and text.lstrip()[0] not in _BULLETS:
                text = "• " + text.strip()
        table, row, col = self.where[-1] if self.where else (None, -1, -1)
        self.items.append(Item(text=text, heading=heading, table=table, row=row, col=col))

    def table(self, tbl) -> None:
        grid = TableGrid(index=len(self.tables), cells=[], parent=self.where[-1][0] if self.where else None)
        self.tables.append(grid)
        for r, tr in enumerate(_rows(tbl)):
            row_cells: list[str] = []
            for tc in _cells(tr):
                span = _grid_span(tc)
                col = len(row_cells)
                if _is_vmerge_continue(tc) and r > 0:
                    above = grid.cells[r - 1]
                    texts = [above[col + i] if col + i < len(above) else "" for i in range(span)]
                    row_cells.extend(texts)
                    continue
                start = len(self.items)
                self.where.append((grid.index, r, col))
                self.blocks(tc)
                self.where.pop()
                text = "\n".join(i.text for i in self.items[start:] if i.table == grid.index).strip()
                row_cells.extend([text] * span)
            grid.cells.append(row_cells)


def _rows(tbl):
    for child in tbl:
        if child.tag == qn("w:tr"):
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                yield from _rows(content)


def _cells(tr):
    for child in tr:
        if child.tag == qn("w:tc"):
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                yield from _cells(content)


def _grid_span(tc) -> int:
    tcpr = tc.find(qn("w:tcPr"))
    span = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
    try:
        return max(1, min(int(span.get(qn("w:val"))), 64)) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _is_vmerge_continue(tc) -> bool:
    tcpr = tc.find(qn("w:tcPr"))
    merge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
    return merge is not None and merge.get(qn("w:val"), "continue") == "continue"


def _is_placeholder(sdt) -> bool:
    pr = sdt.find(qn("w:sdtPr"))
    return pr is not None and pr.find(qn("w:showingPlcHdr")) is not None


def _checkbox_state(sdt) -> str | None:
    pr = sdt.find(qn("w:sdtPr"))
    box = pr.find(f"{{{W14}}}checkbox") if pr is not None else None
    if box is None:
        return None
    checked = box.find(f"{{{W14}}}checked")
    value = checked.get(f"{{{W14}}}val", "0") if checked is not None else "0"
    return CHECKED if value in ("1", "true", "on") else UNCHECKED


def _inline_text(element) -> str:
    """The visible text of a paragraph: runs, inline content controls, hyperlinks, field results,
    check boxes as ☒/☐; not deleted or hidden text, not field codes, not placeholder text."""
    out: list[str] = []
    _collect(element, out)
    return "".join(out)


def _collect(element, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):
            continue  # comments, processing instructions
        if tag == qn("w:t"):
            out.append(child.text or "")
        elif tag in (qn("w:tab"), qn("w:ptab")):
            out.append("\t")
        elif tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            out.append("-")
        elif tag == qn("w:sym"):
            out.append(_SYMBOL_BOXES.get((child.get(qn("w:char")) or "").upper()[-4:], ""))
        elif tag == qn("w:fldChar"):
            box = child.find(f"{qn('w:ffData')}/{qn('w:checkBox')}")
            if box is not None:
                state = box.find(qn("w:checked"))
                if state is None:
                    state = box.find(qn("w:default"))
                value = state.get(qn("w:val"), "1") if state is not None else "0"
                out.append(CHECKED if value in ("1", "true", "on") else UNCHECKED)
        elif tag == qn("w:sdt"):
            state = _checkbox_state(child)
            if state is not None:
                out.append(state)
            elif not _is_placeholder(child):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    _collect(content, out)
        elif tag in (qn("w:pPr"), qn("w:del"), qn("w:moveFrom"), qn("w:instrText"), qn("w:delText"),
                     qn("w:footnoteReference"), qn("w:endnoteReference"), qn("w:commentReference")):
            continue
        elif tag == qn("w:rPr"):
            continue
        elif tag == qn("w:r") and _hidden(child):
            continue
        elif tag == f"{{{MC}}}Fallback":
            continue
        elif tag in (qn("w:txbxContent"),):
            continue  # text boxes float outside the reading order
        else:
            _collect(child, out)


def _hidden(run) -> bool:
    rpr = run.find(qn("w:rPr"))
    vanish = rpr.find(qn("w:vanish")) if rpr is not None else None
    return vanish is not None and vanish.get(qn("w:val"), "true") not in ("0", "false", "off")


def is_placeholder_text(text: str) -> bool:
    """Word's prompt text of an empty content control ("Klicka här för att ange text.")."""
    cleaned = text.strip().rstrip(".").strip().lower()
    return cleaned in PLACEHOLDER_TEXTS

"""Recognising a Word document imported before: by its bytes, or by its content saved again
(`document_fingerprint`); and the report of the same type, area and year already in the list."""

from __future__ import annotations

import hashlib
import json

from forms.report import list_name
from forms.template import TemplateLibrary
from forms.word_reader import WordDocument, is_placeholder_text

# --- recognising a document imported before --------------------------------------------------------


def document_fingerprint(document: WordDocument) -> str:
    """SHA-256 of everything the import reads from a document (the text of every paragraph and cell
    in reading order, with its place in the tables): the same for the same document saved again by
    Word (other bytes: a new save date, revision ids, compression), different after any edit of its
    text, a ticked box or an amount. Word's prompt in an empty content control ("Klicka här för att
    ange text.") counts as empty, as it does for the answers: another word processor saving the
    document keeps the prompt as plain text."""
    def cell(text: str) -> str:
        return "\n".join(line for line in text.split("\n") if not is_placeholder_text(line))

    shape = {"items": [[i.text, i.heading, i.table, i.row, i.col] for i in document.items
                       if not is_placeholder_text(i.text)],
             "tables": [[t.parent, [[cell(c) for c in row] for row in t.cells]] for t in document.tables]}
    text = json.dumps(shape, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def earlier_imports(store, data: bytes, document: WordDocument | None = None) -> list:
    """The reports (forms.store.ImportedCopy) already imported from this document: the same bytes, or
    — given the document — the same content saved again. Best first: not in the bin, same file."""
    return store.imported_copies(hashlib.sha256(data).hexdigest(),
                                 document_fingerprint(document) if document is not None else None)


def existing_report(store, template_id: str, area: str, year: int):
    """The report (forms.store.ReportSummary) of the same type, area and year already in the list (not
    in the bin), best first as the Sammanställning chooses; None when there is none."""
    return next((s for s in store.reports_for(template_id, year) if s.area.casefold() == area.strip().casefold()),
                None)


def already_imported_text(copy, library: TemplateLibrary) -> str:
    """`Uppföljning FCA Lundby 2022`, with what to know when it is in the bin or the file was saved again."""
    notes = []
    if not copy.same_bytes:
        notes.append("samma innehåll, filen har sparats om sedan dess")
    if copy.in_bin:
        notes.append("den ligger i Papperskorgen – återställ den där, eller importera filen ensam för att "
                     "få en ny kopia")
    name = list_name(library, copy)
    return f"{name} ({'; '.join(notes)})" if notes else name

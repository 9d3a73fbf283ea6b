"""Importing a filled Word report: our own export, or a copy of the region's template filled in Word.

    result = import_docx(path_or_bytes, library, template_id=None, revision=None, area=None, year=None)

reads the document (forms/word_reader.py), recognises the template, revision, area and year (the
title, the questions, the party names: HSNG/SDN → 2022, DRNG/SN → 2023 on), finds each question of
the revision by its normalised text (fuzzy: numbering, filled-in years, punctuation, line breaks and
changed wording between revisions do not matter), takes the answer that follows it (paragraphs up to
the next recognised question or heading, the cell beside or below, a content control, ☒/☐ or the
words for Ja/Nej), reads the economic tables by their row labels and Budget/Utfall × party headers,
and compares the document's own SUMMA and Återbetalning with what the amounts give.

Nothing is stored: the result (`WordImport`) holds the report ready to store, what was and was not
found, the document text that matched no question, and the figures that disagree. A document that
cannot be read raises `WordImportError` with a Swedish message.

The modules, each with one job:
    recognise   which template, revision, area and year (the entry points below)
    answers     the questions found in the document and the answers read after them
    tables      rows tables and the economic tables, the document's own sums checked
    again       a document imported before; a report of the same type, area and year
    batch       a folder of Word files imported without asking, one outcome per file
    meaning     a freely written report read by what its headings mean, each match with its confidence
    model       the result's data classes; text: normalising and comparing wording
"""

from forms.word_import.again import (
    already_imported_text,
    document_fingerprint,
    earlier_imports,
    existing_report,
)
from forms.word_import.batch import WORD_SUFFIXES, FileOutcome, import_files, outcomes_summary, word_files
from forms.word_import.model import (
    CHOSEN,
    LIKELY,
    NOT_FOUND,
    SURE,
    UNANSWERED_TEXTS,
    UNSURE,
    AmountMatch,
    Candidate,
    QuestionMatch,
    SectionMatch,
    SumCheck,
    WordImport,
    WordImportError,
)
from forms.word_import.recognise import import_docx, match_document, report_from_docx
from forms.word_import.tables import _amount
from forms.word_import.text import normalise

__all__ = [
    "CHOSEN", "LIKELY", "NOT_FOUND", "SURE", "UNANSWERED_TEXTS", "UNSURE", "WORD_SUFFIXES", "AmountMatch", "Candidate",
    "FileOutcome", "QuestionMatch", "SectionMatch", "SumCheck", "WordImport", "WordImportError", "_amount",
    "already_imported_text", "document_fingerprint", "earlier_imports", "existing_report", "import_docx",
    "import_files", "match_document", "normalise", "outcomes_summary", "report_from_docx", "word_files",
]

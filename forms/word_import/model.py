"""What a Word import found: the result (`WordImport`) with its questions, amounts and sum checks,
and `WordImportError` for a document that cannot be imported (Swedish message)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from forms.economics import amount_text
from forms.errors import UserError
from forms.numbers import count
from forms.report import Report

UNANSWERED_TEXTS = ("(ej besvarat)", "ej besvarat")
NOT_FOUND = "hittades inte"
EXPORT_CAPTIONS = ("namn", "datum", "bilagor")
# How sure a match is (meaning.py): the template's own wording, other words that mean the same, or
# words that only partly fit (proposed: imported only when the user accepts); CHOSEN: placed by the user.
SURE, LIKELY, UNSURE, CHOSEN = "säker", "trolig", "osäker", "vald av dig"


class WordImportError(UserError, ValueError):
    """A document that cannot be imported; the message is Swedish and says what to do next."""


@dataclass(frozen=True)
class Candidate:
    template_id: str
    revision: str
    name: str  # "Uppföljning FCA 2022"
    score: float


@dataclass
class QuestionMatch:
    field_id: str
    section: str  # the section title, rendered
    label: str  # the template's question, rendered
    kind: str
    found: bool  # the question was found in the document
    answer: str = ""  # as it will be stored ("" when none)
    shown: str = ""  # as the preview shows it
    document_label: str = ""  # the document's own wording of the question
    score: float = 0.0  # 0–100, how closely the wording matched
    note: str = ""  # Swedish: why the answer needs a look
    confidence: str = ""  # how sure the match is: "säker", "trolig" or "osäker" (meaning.py)
    reason: str = ""  # Swedish: why the question was matched so
    proposed: bool = False  # an unsure match: imported only when the user accepts it
    accepted: bool = False

    @property
    def taken(self) -> bool:
        """The answer goes into the report: found, and not a proposal the user has not accepted."""
        return self.found and (not self.proposed or self.accepted)


@dataclass(frozen=True)
class SectionMatch:
    """A heading of the document taken as one of the template's sections (by its number or meaning)."""

    section_id: str
    title: str  # the template's section title, rendered
    item_index: int
    document_text: str
    confidence: str
    reason: str  # Swedish
    by_wording: bool = False  # found by the template's own wording (answers.py), not by meaning


@dataclass
class AmountMatch:
    table_id: str
    row_id: str
    column_id: str
    label: str  # "Koordinator/samordnare … – Utfall 2022-12-31 HSNG"
    document_text: str = ""
    value: Decimal | None = None
    found: bool = False  # the cell was found in the document
    note: str = ""


@dataclass
class SumCheck:
    """A computed cell (SUMMA, Återbetalning) compared with the document's own figure."""

    table_id: str
    row_id: str
    column_id: str
    label: str  # "SUMMA Utfall HSNG"
    document_value: Decimal | None
    computed: Decimal | None
    decimals: int = 1
    role: str = ""  # the row's role: a refund below zero reads "Underskott 202,4", as in every format

    @property
    def matches(self) -> bool:
        return self.document_value is None or self.document_value == self.computed

    @property
    def message(self) -> str:
        if self.matches:
            return ""
        computed = amount_text(self.computed, self.decimals, self.role) if self.computed is not None else "inget"
        return f"Dokumentets {self.label} är {amount_text(self.document_value, self.decimals, self.role)}, beräknat {computed}"


@dataclass
class WordImport:
    template_id: str | None
    revision: str | None
    area: str | None
    year: int | None
    candidates: list[Candidate] = field(default_factory=list)
    ambiguous: bool = False
    report: Report | None = None  # ready to store; None until template, area and year are known
    questions: list[QuestionMatch] = field(default_factory=list)
    amounts: list[AmountMatch] = field(default_factory=list)
    sum_checks: list[SumCheck] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # document text that matched no question
    warnings: list[str] = field(default_factory=list)  # Swedish
    compiled_by: str = ""
    compiled_date: date | None = None
    file_name: str = ""
    data: bytes = b""  # the document itself, to keep as a bilaga
    fingerprint: str = ""  # what was read from it (document_fingerprint), to recognise it again
    sections: list[SectionMatch] = field(default_factory=list)  # headings matched by number or meaning
    area_confidence: str = ""  # how sure the area read from the document is ("" when given)
    area_reason: str = ""  # Swedish: where the area was read

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def source(self) -> tuple[str, str, str]:
        """What the store keeps to recognise the document: (file name, SHA-256, fingerprint)."""
        return self.file_name, self.sha256, self.fingerprint

    @property
    def missing(self) -> list[str]:
        """What must be given before the report can be stored (Swedish words)."""
        return [word for word, value in (("mall", self.template_id), ("område", self.area), ("år", self.year))
                if not value]

    @property
    def mismatches(self) -> list[SumCheck]:
        return [c for c in self.sum_checks if not c.matches]

    @property
    def needs_look(self) -> bool:
        """Something the user should look at before confirming."""
        return bool(self.ambiguous or self.missing or self.unmatched or self.mismatches or self.warnings
                    or any(not q.found or q.note or (q.proposed and not q.accepted) for q in self.questions)
                    or any(a.note for a in self.amounts))

    def accept(self, field_id: str, accepted: bool = True) -> None:
        """Take (or leave out again) a proposed answer: the user has looked at an unsure match."""
        q = next(q for q in self.questions if q.field_id == field_id)
        q.accepted = accepted
        if self.report is not None and q.found:
            self.report.set_answer(field_id, q.answer if q.taken else "")

    def movable(self) -> list[QuestionMatch]:
        """The questions text can be moved to by hand: free-text questions not answered for certain
        (not found, or only proposed)."""
        return [q for q in self.questions if q.kind == "text" and (not q.found or q.proposed)]

    def move_text(self, text: str, to_field: str | None, from_field: str | None = None) -> None:
        """The user places text the import could not place for certain: a proposed answer (`from_field`)
        or a paragraph listed as text without a question, under the question `to_field` (appended to
        what it has) — or, with `to_field` None, back among the text that is not imported."""
        if from_field is not None:
            source = next(q for q in self.questions if q.field_id == from_field)
            source.found = source.proposed = source.accepted = False
            source.answer = source.shown = source.document_label = source.reason = source.confidence = ""
            source.note = NOT_FOUND
            if self.report is not None:
                self.report.set_answer(from_field, "")
        elif text in self.unmatched:
            self.unmatched.remove(text)
        if to_field is None:
            self.unmatched.append(text)
            return
        q = next(q for q in self.questions if q.field_id == to_field)
        answer = f"{q.answer}\n{text}" if q.taken and q.answer else text
        q.found, q.proposed, q.accepted = True, False, False
        q.answer = q.shown = answer
        q.confidence, q.reason, q.note = CHOSEN, "du valde frågan för texten", ""
        if self.report is not None:
            self.report.set_answer(to_field, answer)

    def counts(self) -> dict[str, int]:
        """Questions found / questions, answers read, amounts read / amounts present in the document."""
        present = [a for a in self.amounts if a.document_text.strip()]
        return {
            "questions": len(self.questions),
            "found": sum(q.taken for q in self.questions),
            "proposed": sum(q.found and not q.taken for q in self.questions),
            "answered": sum(bool(q.answer) for q in self.questions),
            "amounts_present": len(present),
            "amounts_read": sum(a.value is not None for a in present),
            "mismatches": len(self.mismatches),
            "unmatched": len(self.unmatched),
        }

    def summary(self) -> str:
        """One Swedish line for a folder import or the status bar."""
        c = self.counts()
        parts = [f"{c['found']} av {c['questions']} frågor hittades",
                 f"{c['amounts_read']} av {c['amounts_present']} belopp lästes"]
        if c["proposed"]:
            parts.append(f"{count(c['proposed'], 'osäker fråga', 'osäkra frågor')} att granska")
        if c["mismatches"]:
            parts.append(f"{c['mismatches']} {'summa' if c['mismatches'] == 1 else 'summor'} stämmer inte")
        if c["unmatched"]:
            parts.append(f"{count(c['unmatched'], 'stycke', 'stycken')} text hörde inte till någon fråga")
        if self.missing:
            parts.append("saknas: " + ", ".join(self.missing))
        return "; ".join(parts)



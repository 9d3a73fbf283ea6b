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
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from rapidfuzz import fuzz

from forms.areas import areas_for
from forms.economics import DEFICIT, TableCalc
from forms.numbers import NumberError, count, decimal_to_text, format_amount, parse_amount, parse_percent, read_amount
from forms.report import Report, rows_to_text
from forms.template import Field, Template, TemplateLibrary
from forms.word_reader import CHECKED, UNCHECKED, Item, TableGrid, WordDocument, WordReadError, is_placeholder_text, read_docx

UNANSWERED_TEXTS = ("(ej besvarat)", "ej besvarat")
NOT_FOUND = "hittades inte"
EXPORT_CAPTIONS = ("namn", "datum", "bilagor")
_YEAR_RE = re.compile(r"\b(19|20)\d\d\b")
_NUMBERING_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-zåäö]\)|delmål\s+\d+(?:\.\d+)*\.?)\s+", re.IGNORECASE)
_CHECKED_MARKS = (CHECKED, "☑", "✓", "✔", "■", "⊠")
_UNCHECKED_MARKS = (UNCHECKED, "□", "◻", "▢")
_DATE_RE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")


class WordImportError(ValueError):
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

    @property
    def matches(self) -> bool:
        return self.document_value is None or self.document_value == self.computed

    @property
    def message(self) -> str:
        if self.matches:
            return ""
        return (f"Dokumentets {self.label} är {format_amount(self.document_value, self.decimals)}, "
                f"beräknat {format_amount(self.computed, self.decimals) if self.computed is not None else 'inget'}")


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
                    or any(not q.found or q.note for q in self.questions)
                    or any(a.note for a in self.amounts))

    def counts(self) -> dict[str, int]:
        """Questions found / questions, answers read, amounts read / amounts present in the document."""
        present = [a for a in self.amounts if a.document_text.strip()]
        return {
            "questions": len(self.questions),
            "found": sum(q.found for q in self.questions),
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
        if c["mismatches"]:
            parts.append(f"{c['mismatches']} {'summa' if c['mismatches'] == 1 else 'summor'} stämmer inte")
        if c["unmatched"]:
            parts.append(f"{count(c['unmatched'], 'stycke', 'stycken')} text hörde inte till någon fråga")
        if self.missing:
            parts.append("saknas: " + ", ".join(self.missing))
        return "; ".join(parts)


# --- the public entry points -----------------------------------------------------------------------


def import_docx(source: str | Path | bytes | BinaryIO | WordDocument, library: TemplateLibrary, *,
                template_id: str | None = None, revision: str | None = None, area: str | None = None,
                year: int | None = None, name: str = "") -> WordImport:
    """Read a Word report and match it to a template; given values override what is recognised.

    Raises WordImportError (Swedish) for a file that cannot be read or a template that does not exist.
    An ambiguous document is returned with `ambiguous` set and the candidates named."""
    if isinstance(source, WordDocument):
        document = source
    else:
        try:
            document = read_docx(source, name)
        except WordReadError as exc:
            raise WordImportError(str(exc)) from None
    return match_document(document, library, template_id=template_id, revision=revision, area=area, year=year)


def report_from_docx(data: bytes | str | Path, library: TemplateLibrary, **overrides) -> Report:
    """The report a Word document holds, for callers that cannot ask the user (the receiving side):
    refuses (WordImportError, Swedish) an ambiguous document or one whose area or year is unreadable."""
    result = import_docx(data, library, **overrides)
    if result.ambiguous:
        raise WordImportError("Word-filen kan vara flera mallar: " + ", ".join(c.name for c in result.candidates)
                              + ". Importera den med ”Importera Word-rapport…” och välj mall.")
    if result.report is None:
        raise WordImportError(f"Word-filen saknar {', '.join(result.missing)} och kan inte importeras utan att "
                              "du anger det (”Importera Word-rapport…”).")
    return result.report


def match_document(document: WordDocument, library: TemplateLibrary, *, template_id: str | None = None,
                   revision: str | None = None, area: str | None = None, year: int | None = None) -> WordImport:
    texts = [i.text for i in document.items]
    title_guess = _title_guess(document, library)
    scored = _score_templates(document, library, title_guess)
    if template_id is not None or revision is not None:
        known = [t for t in library if (template_id is None or t.id == template_id)
                 and (revision is None or t.revision == str(revision))]
        if not known:
            what = f"{template_id or ''} {revision or ''}".strip()
            raise WordImportError(f"Mallen ”{what}” finns inte. Kända mallar: "
                                  + ", ".join(f"{t.id} {t.revision}" for t in library) + ".")
        scored = [s for s in scored if s[0] in known] or [(t, 0.0) for t in known]
    candidates = [Candidate(t.id, t.revision, f"{t.type_name} {t.revision}", round(score, 1)) for t, score in scored]
    best, best_score = scored[0]
    found_year = year if year is not None else title_guess.get(best.key, {}).get("year") or _year_from_tables(texts)
    if revision is None and found_year is not None:
        covering = [t for t, _ in scored if t.id == best.id and t.covers(found_year)]
        if covering and covering[0] is not best:
            best = covering[0]
            best_score = next(s for t, s in scored if t is best)
    ambiguous = False
    if template_id is None and revision is None:
        if best_score < 3:
            raise WordImportError(
                f"”{document.name}” liknar ingen av programmets mallar (för få av mallens frågor hittades). "
                "Kontrollera att det är en uppföljning eller handlingsplan, eller välj mall själv.")
        rivals = [(t, s) for t, s in scored if t is not best and s >= best_score * 0.9 and s >= best_score - 2]
        if found_year is not None:
            rivals = [(t, s) for t, s in rivals if t.id != best.id or t.covers(found_year)]
        ambiguous = bool(rivals)
        if ambiguous:
            candidates = [c for c in candidates if (c.template_id, c.revision) in
                          {best.key, *(t.key for t, _ in rivals)}]
    found_area = area or title_guess.get(best.key, {}).get("area")
    result = _match(document, best, found_area, found_year)
    result.candidates, result.ambiguous = candidates, ambiguous
    result.warnings[:0] = document.warnings
    result.file_name, result.data = document.name, document.data
    result.fingerprint = document_fingerprint(document)
    return result


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


def copy_name(copy, library: TemplateLibrary) -> str:
    """The report's name as the list shows it: `Uppföljning FCA Lundby 2022`."""
    try:
        type_name = library.get(copy.template_id, copy.revision).type_name
    except (KeyError, ValueError):
        type_name = copy.template_id
    return f"{type_name} {copy.area} {copy.year}"


def already_imported_text(copy, library: TemplateLibrary) -> str:
    """`Uppföljning FCA Lundby 2022`, with what to know when it is in the bin or the file was saved again."""
    notes = []
    if not copy.same_bytes:
        notes.append("samma innehåll, filen har sparats om sedan dess")
    if copy.in_bin:
        notes.append("den ligger i Papperskorgen – återställ den där, eller importera filen ensam för att "
                     "få en ny kopia")
    name = copy_name(copy, library)
    return f"{name} ({'; '.join(notes)})" if notes else name


# --- normalising and comparing text ----------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower case, no numbering, years as #, punctuation and line breaks as single spaces."""
    text = text.replace("\u00ad", "").replace("¹", "").replace("²", "").replace("³", "")
    text = _NUMBERING_RE.sub("", text.strip().lstrip("•◦▪·*-–— \t"))
    text = _YEAR_RE.sub("#", text.lower())
    text = re.sub(r"[^\w#]+|_", " ", text)
    return " ".join(text.split())


def _similarity(a: str, b: str) -> float:
    """How alike two normalised texts are, 0–100; long texts also by their words in any order."""
    if not a or not b:
        return 0.0
    score = fuzz.ratio(a, b)
    if min(len(a), len(b)) >= 40:
        score = max(score, fuzz.token_sort_ratio(a, b))
    return score


def _threshold(norm: str) -> float:
    return 90 if len(norm) < 30 else 80


# --- recognising the template ---------------------------------------------------------------------


def _title_pattern(template: Template) -> re.Pattern:
    parts = re.split(r"(\{[^{}]*\})", template.title)
    pattern = []
    for part in parts:
        if part == "{område}":
            pattern.append(r"(?P<area>[A-ZÅÄÖ][\wåäöéÅÄÖÉ-]*(?:\s+[A-ZÅÄÖ][\wåäöéÅÄÖÉ-]*)?)")
        elif part == "{år}":
            pattern.append(r"(?P<year>(?:19|20)\d\d)")
        elif part == "{områdesord}":
            pattern.append(r"(?:stadsdel|stadsområde|stadsdelen|stadsområdet)")
        elif part.startswith("{"):
            pattern.append(r"\S+")
        else:
            words = [re.escape(w) for w in part.split()]
            if not words:
                pattern.append(r"\s+")
                continue
            piece = r"\s+".join(words)
            if part[:1].isspace():
                piece = r"\s+" + piece
            if part[-1:].isspace():
                piece += r"\s+"
            pattern.append(piece)
    return re.compile("".join(pattern), re.IGNORECASE)


def _title_guess(document: WordDocument, library: TemplateLibrary) -> dict[tuple[str, str], dict]:
    """Per template revision whose title is in the document: the area and year it names."""
    head = " ".join(i.text for i in document.items if i.text.strip() and i.table is None)
    guesses = {}
    for t in library:
        match = _title_pattern(t).search(head)
        if match:
            found = match.groupdict()
            area = _known_area(found.get("area"), t.area_word)
            guesses[t.key] = {"year": int(found["year"]) if found.get("year") else None, "area": area}
    return guesses


def _known_area(text: str | None, area_word: str) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    for known in sorted({*areas_for("stadsdel"), *areas_for("stadsområde")}, key=len, reverse=True):
        if text.lower() == known.lower() or text.lower().startswith(known.lower() + " "):
            return known
    return text


def _year_from_tables(texts: list[str]) -> int | None:
    for text in texts:
        match = re.match(r"\s*(?:Budget|Utfall)\s+((?:19|20)\d\d)", text, re.IGNORECASE)
        if match:
            return int(match.group(1))
    return None


def _score_templates(document: WordDocument, library: TemplateLibrary, titles: dict) -> list[tuple[Template, float]]:
    """Every template revision with how much of it the document shows: its title, the section titles
    and questions found, and its party names used as words; best first."""
    norms = list({n for n in (normalise(i.text) for i in document.items) if n})
    words = set(re.findall(r"[\wÅÄÖåäö+]+", " ".join(i.text for i in document.items)))
    scored = []
    for t in library:
        score = 0.0
        if t.key in titles:
            score += 5
        for text in _question_texts(t):
            target = normalise(text)
            if target and any(_similarity(target, n) >= _threshold(target) or
                              (len(target) >= 12 and n.startswith(target)) for n in norms):
                score += 1
        parties = [p for p in t.parties.values() if p in words]
        score += 1.5 * len(parties)
        scored.append((t, score))
    scored.sort(key=lambda ts: (-ts[1], -ts[0].first_year))
    return scored


def _question_texts(t: Template):
    for section in t.sections:
        if any(f.kind != "info" for f in section.fields):
            yield t.render(section.title)
        for f in section.fields:
            if f.kind != "info" and f.label and f.kind != "money_table":
                yield t.render(f.label)


# --- matching a document to one template revision ------------------------------------------------


@dataclass
class _Anchor:
    index: int
    kind: str  # section | field | fixed | signature | attachments
    text: str
    norm: str
    field: Field | None = None
    section: str = ""


@dataclass
class _Hit:
    anchor: _Anchor
    score: float
    inline: str | None = None  # the answer written after the question in the same paragraph


def _anchors(t: Template, area: str, year: int | None) -> list[_Anchor]:
    anchors: list[_Anchor] = []

    def add(kind: str, text: str, f: Field | None = None, section: str = "") -> None:
        rendered = t.render(text, area, year)
        norm = normalise(rendered)
        if norm:
            anchors.append(_Anchor(len(anchors), kind, rendered, norm, f, section))

    add("fixed", t.title)
    for section in t.sections:
        title = t.render(section.title, area, year)
        printed = normalise(t.render(section.print_title or section.title, area, year))
        if not any(f.kind not in ("info", "money_table") and normalise(t.render(t.printed_label(f), area, year)) == printed
                   for f in section.fields):  # "Övrigt" under "Övrigt" is printed once: the field's heading
            add("section" if any(f.kind != "info" for f in section.fields) else "fixed", section.title, section=title)
        for f in section.fields:
            if f.kind == "info":
                if f.heading:
                    add("fixed", f.heading, section=title)
                for line in f.text.split("\n"):
                    add("fixed", line, section=title)
                for bullet in f.bullets:
                    add("fixed", bullet, section=title)
                    row_label = f.grid_labels[-1] if f.grid_labels else ""
                    if row_label and bullet.startswith(row_label + " "):  # printed under the label column
                        add("fixed", bullet[len(row_label):].lstrip(), section=title)
                for label in f.grid_labels:
                    add("fixed", label, section=title)
            elif f.kind == "money_table":
                add("fixed", f.label, section=title)
                if f.table.footnote:
                    add("fixed", f.table.footnote, section=title)
            else:
                add("field", t.printed_label(f), f, title)
                if f.label != t.printed_label(f):  # as exported before the template had a printed form
                    add("field", f.label, f, title)
    add("attachments", "Bilagor")
    add("signature", t.signature)
    return anchors


def _hits(item: Item, anchors: list[_Anchor]) -> list[_Hit]:
    text = item.text.strip()
    norm = normalise(text)
    if not norm:
        return []
    hits = []
    for a in anchors:
        if a.kind in ("field", "signature") and len(norm) > len(a.norm):
            inline = _inline_answer(text, a)
            if inline:
                hits.append(_Hit(a, 95.0, inline))
                continue
        score = _similarity(norm, a.norm)
        limit = 90 if a.kind in ("fixed", "attachments") else _threshold(a.norm)
        if score >= limit:
            hits.append(_Hit(a, score))
        elif a.kind == "fixed" and 20 <= len(norm) < len(a.norm) and fuzz.partial_ratio(norm, a.norm) >= 95:
            hits.append(_Hit(a, 90.0))  # a piece of the template's own text, broken by Enter
    return hits


def _inline_answer(text: str, a: _Anchor) -> str | None:
    """"FCA-koordinator: ____80__ %" → "____80__ %": the text after the question, when the part
    before a colon or question mark is the question."""
    for match in re.finditer(r"[:?]", text):
        head, rest = text[:match.end()], text[match.end():]
        if _similarity(normalise(head), a.norm) >= max(_threshold(a.norm), 88):
            return rest.strip()
    norm = normalise(text)
    if a.field is not None and a.field.kind in ("percent", "number", "yesno") and norm.startswith(a.norm + " "):
        rest = " ".join(text.split()[len(a.text.split()):])
        if _looks_like_value(rest, a.field.kind):
            return rest
    return None


def _looks_like_value(text: str, kind: str) -> bool:
    """A short number ("80 %", "3,5 åa") or a Ja/Nej choice — not a sentence that begins with the label."""
    if kind == "yesno":
        return _yes_no(text) is not None
    return len(text) <= 20 and bool(re.search(r"\d", text))


def _assign(items: list[Item], anchors: list[_Anchor], skip: set[int]) -> dict[int, _Hit]:
    """Which item is which question, section or fixed text: in document order, a question's label
    is looked for from the last matched question on (labels repeat between sections, "Insatser")."""
    assigned: dict[int, _Hit] = {}
    used: set[int] = set()
    pointer = 0
    for item in items:
        if item.index in skip:
            continue
        hits = [h for h in _hits(item, anchors) if h.anchor.index not in used or h.anchor.kind == "fixed"]
        if not hits:
            continue
        best = max(h.score for h in hits)
        close = [h for h in hits if h.score >= best - 8]
        forward = [h for h in close if h.anchor.index >= pointer]
        hit = min(forward, key=lambda h: h.anchor.index) if forward else max(close, key=lambda h: h.score)
        assigned[item.index] = hit
        if hit.anchor.kind in ("section", "field", "signature"):
            used.add(hit.anchor.index)
            pointer = max(pointer, hit.anchor.index + 1)
    return assigned


def _match(document: WordDocument, t: Template, area: str | None, year: int | None) -> WordImport:
    result = WordImport(template_id=t.id, revision=t.revision, area=area, year=year)
    items = document.items
    consumed: set[int] = set()  # items that belong to a recognised money table
    report = Report(template_id=t.id, revision=t.revision, area=area or "", year=year or t.first_year)
    grids: dict[str, TableGrid] = {}
    for f in t.fields():
        if f.kind == "money_table":
            grid = _find_money_table(document, t, f, area or "", year)
            _read_money_table(result, report, t, f, grid, area or "", year)
            if grid is not None:
                consumed |= {i.index for i in document.table_items(grid.index)}
                grids[f.id] = grid
    anchors = _anchors(t, area or "", year)
    assigned = _assign(items, anchors, consumed)
    reworded = _find_reworded(items, anchors, assigned, consumed)
    by_field = {hit.anchor.field.id: (index, hit) for index, hit in assigned.items() if hit.anchor.kind == "field"}
    boundaries = sorted(set(assigned) | {i.index for i in items if i.heading} | consumed)
    below = _answers_below(items, assigned)
    taken_below = {i for span in below.values() for i in span}
    spanned: set[int] = set()
    for section in t.sections:
        title = t.render(section.title, area or "", year)
        for f in section.fields:
            if f.kind in ("info", "money_table"):
                continue
            q = QuestionMatch(f.id, title, t.render(f.label, area or "", year), f.kind, found=f.id in by_field)
            result.questions.append(q)
            if not q.found and f.note:  # printed as a note under the section's table, without its label
                spanned |= _read_table_note(q, f, section, document, grids, assigned)
                report.set_answer(f.id, q.answer)
                if q.found:
                    continue
            if not q.found:
                q.note = NOT_FOUND
                continue
            index, hit = by_field[f.id]
            q.document_label, q.score = items[index].text.strip(), round(hit.score, 1)
            if index in reworded:
                q.note = "frågan är omformulerad i dokumentet – kontrollera att svaret hör hit"
            end = next((b for b in boundaries if b > index), len(items))
            if index in below:
                span = [items[i] for i in below[index]]
            else:
                span = [i for i in items[index + 1:end] if i.index not in consumed and i.index not in taken_below]
            spanned |= {i.index for i in span}
            if f.kind == "rows":
                rows, note, used_tables = _read_rows(document, f, hit, items[index + 1:])
                for table in used_tables:
                    taken = {i.index for i in document.table_items(table)}
                    consumed |= taken
                    spanned |= taken
                q.answer = rows_to_text(rows)
                q.shown = "\n\n".join("\n".join(f"{c.label}: {r.get(c.id, '')}" for c in f.columns) for r in rows)
                q.note = note
            else:
                lines = ([hit.inline] if hit.inline else []) + [i.text for i in span]
                _read_answer(q, f, lines)
            report.set_answer(f.id, q.answer)
    spanned |= _rows_by_header(result, report, document, t, by_field, consumed)
    sig = next((i for i, h in assigned.items() if h.anchor.kind == "signature"), None)
    if sig is not None:
        inline = assigned[sig].inline
        spanned |= _read_signature(result, items, sig, inline, set(assigned))
    spanned |= _labelled_cells(document, t, area, year, consumed | spanned)
    spanned |= _signature_lines(result, items, set(assigned) | spanned | consumed)
    attachments = next((i for i, h in assigned.items() if h.anchor.kind == "attachments"), None)
    if attachments is not None:
        end = next((b for b in boundaries if b > attachments), len(items))
        spanned |= set(range(attachments + 1, end))
    for item in items:
        text = item.text.strip()
        if (not text or item.index in assigned or item.index in spanned or item.index in consumed
                or is_placeholder_text(text)):
            continue
        result.unmatched.append(text)
    report.compiled_by, report.compiled_date = result.compiled_by, result.compiled_date
    if not result.missing:
        result.report = report
    else:
        result.report = None
    result.sum_checks = _sum_checks(result, t, report, f_year=year)
    return result


def _read_table_note(q: QuestionMatch, f: Field, section, document: WordDocument, grids: dict,
                     assigned: dict[int, _Hit]) -> set[int]:
    """The paragraphs right under the section's money table (after its footnote) up to the next
    heading or question: the answer of a field the export prints as a note (the summary's co-financing)."""
    table = next((g.id for g in section.fields if g.kind == "money_table" and g.id in grids), None)
    if table is None:
        return set()
    last = max(i.index for i in document.table_items(grids[table].index))
    taken = []
    for item in document.items[last + 1:]:
        hit = assigned.get(item.index)
        if item.heading or item.table is not None or (hit is not None and hit.anchor.kind != "fixed"):
            break
        if hit is None and not TableCalc.is_total_note(item.text.strip()):  # the export's own check, no answer
            taken.append(item)
    while taken and not taken[-1].text.strip():
        taken.pop()
    if taken:
        q.found = True
        _read_answer(q, f, [i.text for i in taken])
    return {i.index for i in taken}


REWORDED_MIN = 60  # a question-like paragraph this close to a question not found elsewhere


def _find_reworded(items: list[Item], anchors: list[_Anchor], assigned: dict[int, _Hit], skip: set[int]) -> set[int]:
    """Second pass for questions not found: between the questions found before and after it, a
    paragraph that reads like a question (ends with ? or :) and resembles it at least REWORDED_MIN %
    is taken as its rewording — rather than leaving it inside the previous answer. Adds to
    `assigned`; returns the item indexes matched this way."""
    found_at = {hit.anchor.index: index for index, hit in assigned.items() if hit.anchor.kind in ("field", "section")}
    matched: set[int] = set()
    for a in anchors:
        if a.kind != "field" or a.index in found_at:
            continue
        before = max((i for ai, i in found_at.items() if ai < a.index), default=-1)
        after = min((i for ai, i in found_at.items() if ai > a.index), default=len(items))
        best, best_score = None, 0.0
        for item in items[before + 1:after]:
            text = item.text.strip()
            if (item.index in assigned or item.index in skip or not text.endswith(("?", ":"))
                    or len(text) > 2 * len(a.text)):
                continue
            score = _similarity(normalise(text), a.norm)
            if score >= REWORDED_MIN and score > best_score:
                best, best_score = item, score
        if best is not None:
            assigned[best.index] = _Hit(a, best_score)
            found_at[a.index] = best.index
            matched.add(best.index)
    return matched


def _answers_below(items: list[Item], assigned: dict[int, _Hit]) -> dict[int, list[int]]:
    """Questions side by side in one table row (a row of question headers): each answer is in the
    cell below its question. Question item index → the answer's item indexes."""
    per_row: dict[tuple[int, int], list[int]] = {}
    for index, hit in assigned.items():
        item = items[index]
        if hit.anchor.kind == "field" and item.table is not None and not hit.inline:
            per_row.setdefault((item.table, item.row), []).append(index)
    below = {}
    for (table, row), questions in per_row.items():
        if len(questions) < 2:
            continue
        for index in questions:
            col = items[index].col
            below[index] = [i.index for i in items if i.table == table and i.row == row + 1 and i.col == col
                            and i.index not in assigned]
    return below


def _clean_lines(lines: list[str]) -> list[str]:
    kept = []
    for line in lines:
        line = line.replace("\t", " ").rstrip()
        if line.strip().lower() in UNANSWERED_TEXTS or is_placeholder_text(line):
            continue
        kept.extend(line.split("\n"))
    text = "\n".join(kept).strip("\n")
    text = re.sub(r"\n\s*\n(\s*\n)+", "\n\n", text)  # runs of empty paragraphs: one empty line
    return [line.strip() if not line.strip() else line.strip() for line in text.split("\n")] if text else []


def _read_answer(q: QuestionMatch, f: Field, lines: list[str]) -> None:
    lines = _clean_lines(lines)
    text = "\n".join(lines).strip()
    if f.kind == "text":
        q.answer = q.shown = text
        return
    if not text:
        return
    if f.kind == "yesno":
        value = _yes_no(text)
        if value is None:
            q.note = f"kunde inte läsa Ja/Nej ur ”{_short(text)}”"
            q.shown = text
        else:
            q.answer, q.shown = value, value.capitalize()
        return
    number_text = re.sub(r"_+", " ", text.split("\n")[0])
    number_text = number_text.replace("%", " ").strip()
    if f.kind == "number" and f.unit:
        number_text = re.sub(rf"\s*{re.escape(f.unit)}\s*$", "", number_text, flags=re.IGNORECASE)
    match = re.search(r"[-−]?\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?", number_text)
    try:
        value = (parse_percent if f.kind == "percent" else parse_amount)(match.group(0).strip()) if match else None
        if match is None:
            raise NumberError(text)
    except NumberError:
        q.note = f"kunde inte läsa ett tal ur ”{_short(text)}”"
        q.shown = text
        return
    q.answer = decimal_to_text(value)
    q.shown = f"{match.group(0).strip()} %" if f.kind == "percent" else match.group(0).strip()


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1] + "…"


def _yes_no(text: str) -> str | None:
    """Ja/Nej from "Ja ☐ Nej ☒", "☒ Ja ☐ Nej", "Ja X", a checked control, or the word alone."""
    tokens = re.findall(r"\bja\b|\bnej\b|[" + "".join(_CHECKED_MARKS + _UNCHECKED_MARKS) + r"]|\b[xX]\b", text, re.IGNORECASE)
    marks = [t for t in tokens if t.lower() not in ("ja", "nej")]
    if not marks:
        words = {t.lower() for t in tokens}
        return words.pop() if len(words) == 1 and len(normalise(text).split()) <= 3 else None
    box_first = tokens[0].lower() not in ("ja", "nej")
    chosen = set()
    for position, token in enumerate(tokens):
        if token.lower() in ("ja", "nej"):
            continue
        neighbour = position + 1 if box_first else position - 1
        if 0 <= neighbour < len(tokens) and tokens[neighbour].lower() in ("ja", "nej"):
            if token in _CHECKED_MARKS or token.lower() == "x":
                chosen.add(tokens[neighbour].lower())
    return chosen.pop() if len(chosen) == 1 else None


def _read_rows(document: WordDocument, f: Field, hit: _Hit, following: list[Item]) -> tuple[list[dict], str, list[int]]:
    """A rows field: the first table after the question, its header row matched to the columns."""
    table = None
    for item in following:
        if item.table is not None:
            table = item.table
            break
        if item.text.strip() and item.text.strip().lower() not in UNANSWERED_TEXTS:
            break  # text before any table: the rows were written as text
    if table is None:
        return [], "", []
    rows, _ = _rows_from_grid(document.tables[table], f, hit.anchor.norm)
    return rows, "", [table]


def _rows_from_grid(grid: TableGrid, f: Field, question: str | None = None) -> tuple[list[dict], bool]:
    """A rows table's rows, its header row matched to the field's columns (each header cell at least
    80 % like one column's label); and whether the header named exactly the field's columns.
    `question`: the question's normalised text, for a table shared by several questions."""
    cells = grid.cells
    if not cells:
        return [], False
    header = [normalise(c) for c in cells[0]]
    columns: dict[int, str] = {}
    for index, text in enumerate(header):
        best = max(f.columns, key=lambda c: _similarity(text, normalise(c.label)))
        if _similarity(text, normalise(best.label)) >= 80 and best.id not in columns.values():
            columns[index] = best.id
    exact = len(columns) == len(f.columns) == len([h for h in header if h])
    body = cells[1:] if columns else cells
    if question and columns and header and f.span_heading and _similarity(header[0], normalise(f.span_heading)) >= 80:
        # one activity table for several questions (a målområde's delmål): this question's rows are
        # those its text spans in the first column (merged cells are repeated on every row they cover)
        body = [row for row in body if row and _similarity(normalise(row[0]), question) >= 90]
    if not columns:
        columns = {index: c.id for index, c in enumerate(f.columns)}
    rows = []
    for row in body:
        entry = {c.id: "" for c in f.columns}
        for index, column_id in columns.items():
            if index < len(row):
                entry[column_id] = "\n".join(_clean_lines([row[index]]))
        if any(v.strip() for v in entry.values()):
            rows.append(entry)
    return rows, exact


def _rows_by_header(result: WordImport, report: Report, document: WordDocument, t: Template,
                    by_field: dict, consumed: set[int]) -> set[int]:
    """A rows field whose question was not found (a short heading and an introduction in its place):
    its table is recognised by a header row naming exactly the field's columns, between the questions
    found before and after it. The heading and the introduction above the table go with it."""
    taken: set[int] = set()
    order = [f for f in t.fields() if f.is_answer or f.kind == "rows"]
    position = {f.id: by_field[f.id][0] for f in order if f.id in by_field}
    for q in result.questions:
        f = t.field(q.field_id)
        if f.kind != "rows" or q.found:
            continue
        at = order.index(f)
        after = max((position[g.id] for g in order[:at] if g.id in position), default=-1)
        before = min((position[g.id] for g in order[at + 1:] if g.id in position), default=len(document.items))
        for grid in document.tables:
            if grid.parent is not None:
                continue
            cells = document.table_items(grid.index)
            indexes = {i.index for i in cells}
            if not cells or indexes & (consumed | taken) or not after < min(indexes) < before:
                continue
            rows, exact = _rows_from_grid(grid, f)
            if not exact:
                continue
            q.found, q.answer = True, rows_to_text(rows)
            q.shown = "\n\n".join("\n".join(f"{c.label}: {r.get(c.id, '')}" for c in f.columns) for r in rows)
            q.note = "hittades genom tabellens kolumnrubriker (frågan står inte ordagrant) – kontrollera att raderna hör hit"
            report.set_answer(f.id, q.answer)
            taken |= indexes
            first = min(indexes)
            for item in reversed(document.items[after + 1:first]):  # the heading and its introduction
                if item.table is not None or item.index in consumed:
                    break
                taken.add(item.index)
                if item.heading:
                    break
            break
    consumed |= taken
    return taken


AREA_CAPTIONS = ("stadsområde", "stadsdel", "område", "stadsdelsområde")
YEAR_CAPTIONS = ("år", "verksamhetsår", "rapportår")


def _labelled_cells(document: WordDocument, t: Template, area: str | None, year: int | None,
                    known: set[int]) -> set[int]:
    """Cells that name the report's area or year beside their caption ("Stadsområde | Centrum |
    År | 2023"): read as what they are, not listed as text without a question."""
    taken: set[int] = set()
    captions = {*AREA_CAPTIONS, t.area_word.lower()}
    for grid in document.tables:
        for r, row in enumerate(grid.cells):
            for c in range(len(row) - 1):
                caption = normalise(row[c]).rstrip(":").strip()
                value = " ".join(row[c + 1].split())
                is_area = caption in captions and area and value.casefold() == area.casefold()
                is_year = caption in YEAR_CAPTIONS and year and value == str(year)
                if is_area or is_year:
                    taken |= {i.index for i in document.items if i.table == grid.index and i.row == r
                              and i.col in (c, c + 1) and i.index not in known}
    return taken


_SIGNATURE_LINE_RE = re.compile(r"^(?P<caption>namn|namnförtydligande|underskrift|sammanställd av|ort och datum|datum)"
                                r"\s*:?\s*(?P<value>.*)$", re.IGNORECASE)


def _signature_lines(result: WordImport, items: list[Item], known: set[int]) -> set[int]:
    """"Namn" and "Datum" lines of a signature block the template's own wording did not introduce:
    their values are the signature (when not read already); bare captions are not stray text."""
    taken: set[int] = set()
    for item in items:
        if item.index in known or item.table is not None:
            continue
        match = _SIGNATURE_LINE_RE.match(item.text.strip())
        if not match:
            continue
        value = match["value"].strip()
        if match["caption"].lower() in ("datum", "ort och datum"):
            _signature_date(result, value)
            if value and not _DATE_RE.search(value):
                continue  # "Datum för mötet var …": prose, not a signature line
        elif value and not result.compiled_by:
            result.compiled_by = value
        taken.add(item.index)
    return taken


def _signature_date(result: WordImport, text: str) -> re.Match | None:
    """The first YYYY-MM-DD in `text` as the signature's date, unless one was read already: the
    match when it was taken (read, or a date that does not exist: a warning), else None."""
    found = _DATE_RE.search(text)
    if found is None or result.compiled_date is not None:
        return None
    try:
        result.compiled_date = date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        result.warnings.append(f"Datumet ”{found.group(0)}” finns inte; det har inte importerats.")
    return found


def _read_signature(result: WordImport, items: list[Item], index: int, inline: str | None, known: set[int]) -> set[int]:
    """"… har sammanställts av:" then the name and the date (same paragraph or the next ones)."""
    taken = set()
    texts = [inline] if inline else []
    for item in items[index + 1:index + 6]:
        if item.heading or item.table is not None or item.index in known:
            break
        texts.append(item.text)
        taken.add(item.index)
    for text in texts:
        for piece in re.split(r"\s{2,}|\t|\n", text or ""):
            piece = piece.strip()
            if not piece or is_placeholder_text(piece) or piece.lower() in EXPORT_CAPTIONS:
                continue
            found = _signature_date(result, piece)
            if found:
                piece = (piece[:found.start()] + piece[found.end():]).strip()
            if piece and not result.compiled_by:
                result.compiled_by = piece
    return taken


# --- economic tables -------------------------------------------------------------------------------


def _party_words(t: Template) -> dict[str, str]:
    """Party labels of every era → party: HSNG and DRNG are the region, SDN and SN the city."""
    words = {"HSNG": "region", "DRNG": "region", "VGR": "region", "SDN": "city", "SN": "city"}
    for party, label in t.parties.items():
        words[label.upper()] = party
    return words


def _column_map(t: Template, f: Field, header_rows: list[list[str]], area: str, year: int | None) -> dict[int, str]:
    """Grid column index → template column id, from one- or two-row headers, either party order."""
    table = f.table
    mapping: dict[int, str] = {}
    width = max(len(r) for r in header_rows)
    for index in range(1, width):
        heading = " ".join(r[index] for r in header_rows if index < len(r))
        heading_norm = normalise(heading)
        groups = [g for g in table.groups]
        if len(groups) > 1:
            scores = [(fuzz.partial_ratio(normalise(t.render(g.label, area, year)).split(" ")[0], heading_norm), g) for g in groups]
            score, group = max(scores, key=lambda s: s[0])
            if score < 80:
                continue
        else:
            group = groups[0]
        candidates = [c for c in table.columns if c.group == group.id]
        column = _column_for(t, candidates, heading)
        if column is not None and column.id not in mapping.values():
            mapping[index] = column.id
    return mapping


def _column_for(t: Template, columns, heading: str):
    tokens = re.sub(r"[():,]", " ", heading.upper()).split()
    joined = " ".join(tokens)
    for c in columns:  # an own label first ("GSN", "Summa per år", "SN+FSN")
        label = t.column_label(c).upper()
        if label and re.search(rf"(^|\s){re.escape(label)}($|\s)", joined):
            return c
    parties = _party_words(t)
    for token in tokens:
        party = parties.get(token)
        if party:
            matching = [c for c in columns if c.party == party and not c.label]
            if matching:
                return matching[0]
    return None


def _find_money_table(document: WordDocument, t: Template, f: Field, area: str, year: int | None) -> TableGrid | None:
    """The document table whose first column holds most of this table's row labels."""
    best, best_rows = None, 1
    labels = [normalise(t.render(r.label, area, year)) for r in f.table.rows]
    for grid in document.tables:
        first = [normalise(row[0]) if row else "" for row in grid.cells]
        rows = sum(1 for label in labels if any(_similarity(label, cell) >= 80 for cell in first if cell))
        if rows > best_rows:
            best, best_rows = grid, rows
    return best


def _row_for(t: Template, f: Field, text: str, area: str, year: int | None):
    norm = normalise(text)
    if not norm:
        return None
    scores = [(_similarity(norm, normalise(t.render(r.label, area, year))), r) for r in f.table.rows]
    score, row = max(scores, key=lambda s: s[0])
    if score >= 80:
        return row
    if normalise(row.label).split(" ")[0] == norm.split(" ")[0] and score >= 60:
        return row  # "Återbetalning till HSNG" in a DRNG-era table
    return None


def _read_money_table(result: WordImport, report: Report, t: Template, f: Field, grid: TableGrid | None,
                      area: str, year: int | None) -> None:
    table = f.table
    columns_by_group = [c for g in table.groups for c in table.columns if c.group == g.id]

    def label(row, column) -> str:
        group = t.render(table.group(column.group).label, area, year)
        return f"{t.render(row.label, area, year).replace('¹', '')} – {group} {t.column_label(column)}".strip()

    rows_at: dict[str, int] = {}
    mapping: dict[int, str] = {}
    if grid is None:
        result.warnings.append(f"Tabellen ”{t.render(f.label, area, year)}” hittades inte i dokumentet; "
                               "fyll i beloppen i guiden efter importen.")
    else:
        header_end = 0
        for r, row in enumerate(grid.cells):
            if row and _row_for(t, f, row[0], area, year) is not None:
                break
            header_end = r + 1
        mapping = _column_map(t, f, grid.cells[:header_end] or [[""]], area, year) if header_end else {}
        if not mapping and header_end == 0:  # no header at all: the template's column order
            mapping = {i + 1: c.id for i, c in enumerate(columns_by_group)}
        for r, row in enumerate(grid.cells[header_end:], start=header_end):
            found = _row_for(t, f, row[0], area, year) if row else None
            if found is not None and found.id not in rows_at:
                rows_at[found.id] = r
        if not mapping:
            result.warnings.append(f"Kolumnerna i tabellen ”{t.render(f.label, area, year)}” kunde inte kännas igen "
                                   "(Budget/Utfall och parternas namn); beloppen har inte lästs.")
    index_of = {column_id: index for index, column_id in mapping.items()}
    for row in table.rows:
        for column in columns_by_group:
            match = AmountMatch(f.id, row.id, column.id, label(row, column))
            r, index = rows_at.get(row.id), index_of.get(column.id)
            if r is not None and index is not None and index < len(grid.cells[r]):
                match.found = True
                match.document_text = grid.cells[r][index].strip()
                try:
                    match.value = _amount(match.document_text, table.unit, table.decimals)
                except NumberError as exc:  # the grid's own message: not an amount, too large, too many decimals
                    match.note = str(exc)
            elif row.editable:
                match.note = NOT_FOUND if grid is not None else ""
            if row.editable:
                result.amounts.append(match)
                if match.value is not None:
                    report.set_amount(f.id, row.id, column.id, match.value)
            elif match.value is not None:
                result.sum_checks.append(SumCheck(f.id, row.id, column.id, "", match.value, None, table.decimals))


def _amount(text: str, unit: str, decimals: int) -> Decimal | None:
    """A cell's amount by the grid's rule (read_amount), after the unit ("tkr") and a lone dash."""
    cleaned = re.sub(rf"\b(t?kr|{re.escape(unit)})\b\.?", "", text, flags=re.IGNORECASE).strip()
    cleaned = cleaned.strip("–-— ").strip() if cleaned.strip() in ("–", "-", "—") else cleaned
    if cleaned.startswith(f"{DEFICIT} "):  # the refund row's balance below zero, as the export prints it
        deficit = read_amount(cleaned.removeprefix(DEFICIT).strip(), decimals)
        return None if deficit is None else -deficit
    return read_amount(cleaned, decimals)


def _sum_checks(result: WordImport, t: Template, report: Report, f_year: int | None) -> list[SumCheck]:
    """The document's SUMMA / Återbetalning beside what the imported amounts give."""
    checks = []
    for check in result.sum_checks:
        f = t.field(check.table_id)
        calc = TableCalc(t, f.table, report.tables.get(f.id, {}), report.year, report.area)
        column = f.table.column(check.column_id)
        row = f.table.row(check.row_id)
        group = t.render(f.table.group(column.group).label, report.area, f_year).split(" ")[0]
        check.label = f"{t.render(row.label, report.area, f_year)} {group} {t.column_label(column)}"
        check.computed = calc.value(check.row_id, check.column_id)
        checks.append(check)
    return checks


# --- importing many files (a folder of earlier years' reports) ------------------------------------

WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm", ".doc")


@dataclass
class FileOutcome:
    path: Path
    status: str  # "importerad", "granska" (imported, needs a look), "redan" (imported before) or "vägrad"
    message: str  # Swedish: the summary, why it was refused, or the report it was imported as before
    report_id: int | None = None  # the new report, or for "redan" the earlier one

    @property
    def line(self) -> str:
        """`Lundby 2022.docx: importerad – 16 av 16 frågor hittades; …`,
        `Lundby 2022.docx: redan importerad som Uppföljning FCA Lundby 2022`"""
        if self.status == "redan":
            return f"{self.path.name}: redan importerad som {self.message}"
        words = {"importerad": "importerad", "granska": "importerad, behöver granskas", "vägrad": "inte importerad"}
        return f"{self.path.name}: {words[self.status]} – {self.message}"


def word_files(paths: list[Path]) -> list[Path]:
    """The Word files among the given files and folders (folders searched through), not Word's
    "~$…" lock files, in name order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in WORD_SUFFIXES
                            and not p.name.startswith("~$"))
        elif not path.name.startswith("~$"):
            found.append(path)
    return found


def import_files(paths: list[Path], store, library: TemplateLibrary, *,
                 progress: Callable[[int, int, str], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> list[FileOutcome]:
    """Import every Word file without asking: each becomes a new report with the document as its
    bilaga, unless it was imported before (the same file, or its content saved again: skipped, so a
    folder can be imported again after files were added to it), would be a guess (several possible
    templates, no area or year), is for a type, area and year that already has a report (refused:
    importing it alone asks what to do) or is unreadable. One outcome per file; a failure stops nothing but
    that file. `progress(done, total, name)` is told before each file (and at the end, with name "");
    when `cancelled()` says so the files not reached yet are left alone (their outcomes are missing)."""
    from forms.store import StoreError

    outcomes = []
    files = word_files(paths)
    for number, path in enumerate(files):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(number, len(files), path.name)
        try:
            document = read_docx(path)
            earlier = earlier_imports(store, document.data, document)
            if earlier:
                outcomes.append(FileOutcome(path, "redan", already_imported_text(earlier[0], library),
                                            earlier[0].report_id))
                continue
            result = import_docx(document, library)
        except (WordImportError, WordReadError) as exc:
            outcomes.append(FileOutcome(path, "vägrad", str(exc)))
            continue
        if result.ambiguous:
            names = " eller ".join(c.name for c in result.candidates)
            outcomes.append(FileOutcome(path, "vägrad", f"kan vara {names}; importera filen ensam och välj mall."))
            continue
        if result.missing:
            outcomes.append(FileOutcome(path, "vägrad", f"{', '.join(result.missing)} kunde inte läsas ur dokumentet; "
                                                        "importera filen ensam och ange det."))
            continue
        template = library.get(result.template_id, result.revision)
        existing = existing_report(store, result.template_id, result.area, result.year)
        if existing is not None:  # never a second, indistinguishable report without asking
            outcomes.append(FileOutcome(path, "vägrad", f"det finns redan en rapport {template.type_name} {existing.area} "
                                                        f"{result.year}; importera filen ensam för att välja ny "
                                                        "version av den eller separat kopia."))
            continue
        try:
            report_id = store.create_report(result.report, [(path.name, result.data)], imported_from=result.source)
        except StoreError as exc:
            outcomes.append(FileOutcome(path, "vägrad", str(exc)))
            continue
        what = f"{template.type_name} {result.area} {result.year}: {result.summary()}"
        outcomes.append(FileOutcome(path, "granska" if result.needs_look else "importerad", what, report_id))
    if progress is not None:
        progress(len(outcomes), len(files), "")
    return outcomes


def outcomes_summary(outcomes: list[FileOutcome]) -> str:
    """`2 av 4 dokument importerades som nya rapporter, 1 av dem behöver granskas; 1 var redan
    importerat och hoppades över.` — the first line of a folder import's summary."""
    imported = sum(o.status in ("importerad", "granska") for o in outcomes)
    looks = sum(o.status == "granska" for o in outcomes)
    before = sum(o.status == "redan" for o in outcomes)
    return (f"{imported} av {len(outcomes)} dokument importerades som nya rapporter"
            + (f", {looks} av dem behöver granskas" if looks else "")
            + (f"; {before} var redan {'importerat' if before == 1 else 'importerade'} och hoppades över"
               if before else "")
            + ".")

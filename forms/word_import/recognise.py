"""Which template, revision, area and year a Word document is: the public entry points
`import_docx`, `report_from_docx` and `match_document`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

from forms.areas import areas_for
from forms.report import Report
from forms.template import Template, TemplateLibrary
from forms.word_import import meaning
from forms.word_import.again import document_fingerprint
from forms.word_import.answers import match_template
from forms.word_import.meaning import LIKELY, SURE
from forms.word_import.model import Candidate, WordImport, WordImportError
from forms.word_import.text import normalise, question_threshold, similarity
from forms.word_reader import WordDocument, WordReadError, read_docx

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
    found_year = year if year is not None else (title_guess.get(best.key, {}).get("year") or _year_from_tables(texts)
                                                or _year_from_head(document))
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
    found_area, area_confidence, area_reason = area, "", ""
    if not found_area and title_guess.get(best.key, {}).get("area"):
        found_area, area_confidence, area_reason = (title_guess[best.key]["area"], SURE,
                                                    "området står i dokumentets titel, som i mallen")
    elif not found_area:
        found_area, area_confidence, area_reason = _area_from_head(document, best)
    result = match_template(document, best, found_area, found_year)
    result.area_confidence, result.area_reason = area_confidence, area_reason
    result.candidates, result.ambiguous = candidates, ambiguous
    result.warnings[:0] = document.warnings
    result.file_name, result.data = document.name, document.data
    result.fingerprint = document_fingerprint(document)
    return result


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


def _head(document: WordDocument) -> list[tuple[str, str]]:
    """Where a free report names its area and year: its title (first paragraph), its first headings,
    its file name — as (what it is, the text)."""
    texts = meaning.head_texts(document)
    head = [("rubriken", text) for n, text in enumerate(texts)
            if n == 0 or any(i.heading and i.text.strip() == text for i in document.items[:10])]
    if document.name:
        head.append(("filnamnet", Path(document.name).stem))
    return head


def _area_from_head(document: WordDocument, t: Template) -> tuple[str | None, str, str]:
    """The area named in the title, a first heading or the file name ("Uppföljning 2023 – Centrum"):
    the area, how sure (LIKELY) and where it was read; nothing when none or several areas are named."""
    known = sorted({*areas_for(t.area_word), *areas_for("stadsdel"), *areas_for("stadsområde")}, key=len, reverse=True)
    for where, text in _head(document):
        named = {a for a in known if re.search(rf"(?<![\wåäöÅÄÖ]){re.escape(a)}(?![\wåäöÅÄÖ])", text, re.IGNORECASE)}
        named = {a for a in named if not any(a != b and a.lower() in b.lower() for b in named)}  # "Centrum" in "Centrum Öst"
        if len(named) == 1:
            area = named.pop()
            return area, LIKELY, f"området ”{area}” står i {where} ”{text}”"
    return None, "", ""


def _year_from_head(document: WordDocument) -> int | None:
    for _, text in _head(document):
        found = re.search(r"(?<!\d)(20\d\d)(?!\d)", text)
        if found:
            return int(found.group(1))
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
            if target and any(similarity(target, n) >= question_threshold(target) or
                              (len(target) >= 12 and n.startswith(target)) for n in norms):
                score += 1
        parties = [p for p in t.parties.values() if p in words]
        score += 1.5 * len(parties)
        type_words, _ = meaning.type_words_score(document, t)  # "folkhälsoarbetet", "Hälsolots" in a free title
        score += 2 * min(type_words, 2)
        score += sum(s.confidence != meaning.UNSURE for s in meaning.find_sections(document.items, t, "", None, set()))
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



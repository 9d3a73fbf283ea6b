"""Finding the template's questions in a Word document and reading the answers that follow them
(paragraphs, the cell beside or below, content controls, Ja/Nej), the signature and the labelled
area/year cells."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from forms.economics import TableCalc
from forms.numbers import NumberError, decimal_to_text, parse_amount, parse_percent
from forms.report import Report, rows_to_text
from forms.template import Field, Template
from forms.word_import import meaning
from forms.word_import.meaning import LIKELY, SURE, UNSURE
from forms.word_import.model import EXPORT_CAPTIONS, NOT_FOUND, QuestionMatch, SectionMatch, WordImport
from forms.word_import.tables import find_money_table, read_money_table, read_rows, rows_by_header, rows_from_lines, sum_checks
from forms.word_import.text import clean_lines, normalise, question_threshold, short_text, similarity
from forms.word_reader import CHECKED, UNCHECKED, Item, TableGrid, WordDocument, is_placeholder_text

_CHECKED_MARKS = (CHECKED, "☑", "✓", "✔", "■", "⊠")
_UNCHECKED_MARKS = (UNCHECKED, "□", "◻", "▢")
_DATE_RE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")


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
    confidence: str = ""  # set when matched by meaning (meaning.py): SURE, LIKELY or UNSURE
    reason: str = ""  # Swedish, for a match by meaning


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
        score = similarity(norm, a.norm)
        limit = 90 if a.kind in ("fixed", "attachments") else question_threshold(a.norm)
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
        if similarity(normalise(head), a.norm) >= max(question_threshold(a.norm), 88):
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


def match_template(document: WordDocument, t: Template, area: str | None, year: int | None) -> WordImport:
    result = WordImport(template_id=t.id, revision=t.revision, area=area, year=year)
    items = document.items
    consumed: set[int] = set()  # items that belong to a recognised money table
    report = Report(template_id=t.id, revision=t.revision, area=area or "", year=year or t.first_year)
    grids: dict[str, TableGrid] = {}
    for f in t.fields():
        if f.kind == "money_table":
            grid = find_money_table(document, t, f, area or "", year)
            read_money_table(result, report, t, f, grid, area or "", year)
            if grid is not None:
                consumed |= {i.index for i in document.table_items(grid.index)}
                grids[f.id] = grid
    anchors = _anchors(t, area or "", year)
    assigned = _assign(items, anchors, consumed)
    reworded = _find_reworded(items, anchors, assigned, consumed)
    result.sections = _by_meaning(items, t, area or "", year, anchors, assigned, consumed)
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
                    q.confidence, q.reason = LIKELY, "texten står under tabellen, där mallens utskrift har den"
                    continue
            if not q.found:
                q.note = NOT_FOUND
                continue
            index, hit = by_field[f.id]
            q.document_label, q.score = items[index].text.strip(), round(hit.score, 1)
            q.confidence, q.reason = _confidence(hit, index in reworded)
            if index in reworded:
                q.note = "frågan är omformulerad i dokumentet – kontrollera att svaret hör hit"
            elif hit.confidence:
                q.proposed = hit.confidence == UNSURE
                q.note = (f"osäker: ”{_short_label(q.document_label)}” importeras inte förrän förslaget godkänns i "
                          "förhandsgranskningen (Importera Word-rapport…)" if q.proposed
                          else f"läst under ”{_short_label(q.document_label)}” – kontrollera")
            end = next((b for b in boundaries if b > index), len(items))
            if index in below:
                span = [items[i] for i in below[index]]
            else:
                span = [i for i in items[index + 1:end] if i.index not in consumed and i.index not in taken_below]
            spanned |= {i.index for i in span}
            if f.kind == "rows":
                rows, note, used_tables = read_rows(document, f, hit, items[index + 1:])
                for table in used_tables:
                    taken = {i.index for i in document.table_items(table)}
                    consumed |= taken
                    spanned |= taken
                if not used_tables:  # the rows written as a list under the question: one row per item
                    rows = rows_from_lines(f, clean_lines([i.text for i in span]))
                q.answer = rows_to_text(rows)
                q.shown = "\n\n".join("\n".join(f"{c.label}: {r.get(c.id, '')}" for c in f.columns) for r in rows)
                q.note = note or q.note
            else:
                lines = ([hit.inline] if hit.inline else []) + [i.text for i in span]
                _read_answer(q, f, lines)
            report.set_answer(f.id, q.answer if q.taken else "")
    spanned |= rows_by_header(result, report, document, t, by_field, consumed)
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
    result.sum_checks = sum_checks(result, t, report, f_year=year)
    return result


def _confidence(hit: _Hit, reworded: bool) -> tuple[str, str]:
    """How sure a question's match is, and why (Swedish)."""
    if hit.confidence:
        return hit.confidence, hit.reason
    if reworded:
        return LIKELY, f"frågan är omformulerad i dokumentet ({hit.score:.0f} % lika mallens)"
    if hit.score >= 95:
        return SURE, "frågan står som i mallen"
    return LIKELY, f"frågan skiljer sig något från mallens ({hit.score:.0f} % lika)"


def _by_meaning(items: list[Item], t: Template, area: str, year: int | None, anchors: list[_Anchor],
                assigned: dict[int, _Hit], consumed: set[int]) -> list[SectionMatch]:
    """After the template's own wording: the sections and questions found by meaning (meaning.py),
    added to `assigned`. Returns every section found, by its wording or by meaning."""
    titles = {t.render(s.title, area, year): s for s in t.sections}
    by_wording = {index: hit for index, hit in assigned.items() if hit.anchor.kind == "section" and hit.anchor.section in titles}
    exact = {index for index, hit in by_wording.items() if hit.score >= 95}
    title = next((i.index for i in items if i.text.strip() and i.table is None), None)  # the document's title
    new = meaning.find_sections(items, t, area, year, set(assigned) - (set(by_wording) - exact) | consumed | {title})
    described = {m.item_index for m in new}
    sections = [SectionMatch(titles[hit.anchor.section].id, hit.anchor.section, index, items[index].text.strip(),
                             SURE if index in exact else LIKELY,
                             "avsnittets rubrik står som i mallen" if index in exact
                             else f"rubriken liknar avsnittets i mallen ({hit.score:.0f} %)", by_wording=True)
                for index, hit in sorted(by_wording.items()) if index not in described]
    if title is not None and title not in assigned and _names(items[title].text, area, year):
        assigned[title] = _Hit(anchors[0], 0.0, confidence=LIKELY, reason="dokumentets titel")
    for match in new:
        anchor = next((a for a in anchors if a.kind == "section" and a.section == match.title), None)
        anchor = anchor or _Anchor(-1, "section", match.title, normalise(match.title), None, match.title)
        assigned[match.item_index] = _Hit(anchor, 0.0, confidence=match.confidence, reason=match.reason)
    sections = sorted(sections + new, key=lambda m: m.item_index)
    found = {hit.anchor.field.id for hit in assigned.values() if hit.anchor.kind == "field"}
    open_fields = {f.id for f in t.fields() if (f.is_answer or f.kind == "rows") and f.id not in found}
    fixed = {index for index, hit in assigned.items() if hit.anchor.kind == "fixed" and index != title}
    for place in meaning.find_questions(items, t, area, year, sections, open_fields, set(assigned) - fixed | consumed):
        f = place.field
        anchor = next((a for a in anchors if a.kind == "field" and a.field.id == f.id), None)
        label = t.render(f.label, area, year)
        anchor = anchor or _Anchor(-1, "field", label, normalise(label), f, t.render(t.section_of(f.id).title, area, year))
        assigned[place.item_index] = _Hit(anchor, round(100 * min(place.share, 1.0), 1), confidence=place.confidence,
                                          reason=place.reason)
    return sections


def _short_label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


def _names(text: str, area: str, year: int | None) -> bool:
    """The text names the report's area or year (a free report's title: "Uppföljning 2023 – Centrum")."""
    return bool((area and area.casefold() in text.casefold()) or (year and str(year) in text))


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
            score = similarity(normalise(text), a.norm)
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


def _read_answer(q: QuestionMatch, f: Field, lines: list[str]) -> None:
    lines = clean_lines(lines)
    text = "\n".join(lines).strip()
    if f.kind == "text":
        q.answer = q.shown = text
        return
    if not text:
        return
    if f.kind == "yesno":
        value = _yes_no(text)
        if value is None:
            q.note = f"kunde inte läsa Ja/Nej ur ”{short_text(text)}”"
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
        q.note = f"kunde inte läsa ett tal ur ”{short_text(text)}”"
        q.shown = text
        return
    q.answer = decimal_to_text(value)
    q.shown = f"{match.group(0).strip()} %" if f.kind == "percent" else match.group(0).strip()


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



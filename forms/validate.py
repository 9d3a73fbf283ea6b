"""What stands between a report and "Klar": one list of problems, each pointing at its field."""

from __future__ import annotations

from dataclasses import dataclass

from forms.answers import format_number
from forms.economics import table_calc
from forms.numbers import NumberError, parse_amount, parse_percent
from forms.report import Report, is_visible
from forms.template import RESERVED_IDS, Template


@dataclass(frozen=True)
class Problem:
    field_id: str  # the field to go to; "compiled_by"/"compiled_date" for the signature
    section_id: str
    message: str
    blocking: bool = True  # blocking problems stop "Markera som klar"; the others are warnings


SIGNATURE_SECTION = RESERVED_IDS[0]


def char_count_problem(template: Template, field_id: str, text: str) -> str | None:
    limit = template.field(field_id).max_chars
    if limit is not None and len(text) > limit:
        return (f"Texten har {len(text)} tecken, mallen anger högst {limit}. Korta den gärna med {len(text) - limit} "
                "tecken; hela texten följer med i exporterna.")
    return None


def validate(template: Template, report: Report) -> list[Problem]:
    """Every remaining problem of the report, in template order."""
    problems: list[Problem] = []
    for section in template.sections:
        for f in section.fields:
            if f.kind == "info" or not is_visible(template, report, f.id):
                continue
            label = _short(template.render(f.label, report.area, report.year))
            value = report.answer(f.id)
            if f.kind == "money_table":
                calc = table_calc(template, report, f.id)
                if calc.is_empty():
                    problems.append(Problem(f.id, section.id, f"{label}: tabellen är inte ifylld."))
                else:
                    problems += _empty_source_rows(template, report, section.id, f)
                for issue in calc.issues():
                    problems.append(Problem(f.id, section.id, issue.message, blocking=False))
                continue
            if f.required and not value.strip():
                what = {"yesno": "Välj Ja eller Nej", "rows": f"Lägg till minst en rad ({f.row_label.lower()})"}.get(
                    f.kind, "Frågan är inte besvarad")
                problems.append(Problem(f.id, section.id, f"{label}: {what}."))
            if f.kind == "rows":
                problems += _row_problems(template, report, section.id, f, label)
            if f.kind == "number" and value.strip():
                if message := number_problem(f, value):
                    problems.append(Problem(f.id, section.id, f"{label}: {message}"))
            if f.kind == "percent" and value.strip():
                try:
                    parse_percent(value)
                except NumberError as exc:
                    problems.append(Problem(f.id, section.id, f"{label}: {exc}"))
            if f.kind == "text" and (too_long := char_count_problem(template, f.id, value)):
                # The limit is the template's guidance, not a gate: the region took a 4 211-character
                # answer from Lundby. A warning; the exports carry the whole text.
                problems.append(Problem(f.id, section.id, f"{label}: {too_long}", blocking=False))
    if not report.compiled_by.strip():
        problems.append(Problem("compiled_by", SIGNATURE_SECTION, "Ange vem som har sammanställt rapporten."))
    if report.compiled_date is None:
        problems.append(Problem("compiled_date", SIGNATURE_SECTION, "Ange datum för sammanställningen."))
    return problems


def number_problem(f, value: str) -> str | None:
    """Why a typed number does not do for field `f`, or None."""
    try:
        number = parse_amount(value)
    except NumberError as exc:
        return str(exc)
    if number is None:
        return None
    if f.minimum is not None and number < f.minimum:
        return f"Talet får inte vara mindre än {format_number(f.minimum)}."
    if f.maximum is not None and number > f.maximum:
        return f"Talet får inte vara större än {format_number(f.maximum)}."
    return None


def _row_problems(template: Template, report: Report, section_id: str, f, label: str) -> list[Problem]:
    problems = []
    for number, row in enumerate(report.rows(f.id), start=1):
        for column in f.columns:
            text = row.get(column.id, "")
            if column.max_chars is not None and len(text) > column.max_chars:
                problems.append(Problem(f.id, section_id, (
                    f"{label}, {f.row_label.lower()} {number}, {column.label}: texten har {len(text)} tecken, "
                    f"mallen anger högst {column.max_chars}."), blocking=False))
    return problems


def _empty_source_rows(template: Template, report: Report, section_id: str, f) -> list[Problem]:
    """A row filled from another report type (the finance summary's agreements) with no figures at
    all: the summary would be sent with an agreement missing. Typing 0 is an answer."""
    problems = []
    for row in f.table.rows:
        if row.source and row.editable and all(report.amount(f.id, row.id, c.id) is None for c in f.table.columns):
            name = _short(template.render(row.label, report.area, report.year))
            problems.append(Problem(f.id, section_id, (
                f"{name}: inga belopp. Fyll i beloppen, eller skriv 0 om avtalet inte finns i området.")))
    return problems


def blocking(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.blocking]


def _short(label: str, limit: int = 70) -> str:
    label = label.rstrip(":").strip()
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"

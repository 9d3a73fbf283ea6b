"""What stands between a report and "Klar": one list of problems, each pointing at its field."""

from __future__ import annotations

from dataclasses import dataclass

from forms.economics import table_calc
from forms.numbers import NumberError, parse_percent
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
        return f"Texten har {len(text)} tecken, mallen tillåter högst {limit}. Korta den med {len(text) - limit} tecken."
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
                for issue in calc.issues():
                    problems.append(Problem(f.id, section.id, issue.message, blocking=False))
                continue
            if f.required and not value.strip():
                what = "Välj Ja eller Nej" if f.kind == "yesno" else "Frågan är inte besvarad"
                problems.append(Problem(f.id, section.id, f"{label}: {what}."))
            if f.kind == "percent" and value.strip():
                try:
                    parse_percent(value)
                except NumberError as exc:
                    problems.append(Problem(f.id, section.id, f"{label}: {exc}"))
            if f.kind == "text" and (too_long := char_count_problem(template, f.id, value)):
                problems.append(Problem(f.id, section.id, f"{label}: {too_long}"))
    if not report.compiled_by.strip():
        problems.append(Problem("compiled_by", SIGNATURE_SECTION, "Ange vem som har sammanställt rapporten."))
    if report.compiled_date is None:
        problems.append(Problem("compiled_date", SIGNATURE_SECTION, "Ange datum för sammanställningen."))
    return problems


def blocking(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.blocking]


def _short(label: str, limit: int = 70) -> str:
    label = label.rstrip(":").strip()
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"

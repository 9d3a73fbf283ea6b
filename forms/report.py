"""The report: one filled-in template, bound for ever to the template revision it was made with."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from forms.template import Template

STATUSES = ("utkast", "klar", "skickad")
STATUS_LABELS = {"utkast": "Utkast", "klar": "Klar", "skickad": "Skickad"}
DEADLINE_WARNING_DAYS = 14

Amounts = dict[str, dict[str, Decimal]]  # row id -> column id -> amount


@dataclass
class Report:
    """One report: its type and revision, area and year, answers and amounts."""

    template_id: str
    revision: str
    area: str
    year: int
    id: int | None = None
    status: str = "utkast"
    answers: dict[str, str] = field(default_factory=dict)
    tables: dict[str, Amounts] = field(default_factory=dict)
    compiled_by: str = ""
    compiled_date: date | None = None
    sent_date: date | None = None
    current_page: str = ""
    previous_id: int | None = None
    created_at: str = ""
    updated_at: str = ""

    def answer(self, field_id: str) -> str:
        return self.answers.get(field_id, "")

    def amount(self, table_id: str, row_id: str, column_id: str) -> Decimal | None:
        return self.tables.get(table_id, {}).get(row_id, {}).get(column_id)

    def set_amount(self, table_id: str, row_id: str, column_id: str, value: Decimal | None) -> None:
        row = self.tables.setdefault(table_id, {}).setdefault(row_id, {})
        if value is None:
            row.pop(column_id, None)
        else:
            row[column_id] = value

    def rows(self, field_id: str) -> list[dict[str, str]]:
        """The rows of a `rows` field (stored as JSON text among the answers)."""
        text = self.answers.get(field_id, "")
        return json.loads(text) if text else []

    def set_rows(self, field_id: str, rows: list[dict[str, str]]) -> None:
        self.set_answer(field_id, rows_to_text(rows))

    def set_answer(self, field_id: str, value: str) -> None:
        if value:
            self.answers[field_id] = value
        else:
            self.answers.pop(field_id, None)


def rows_to_text(rows: list[dict[str, str]]) -> str:
    """The stored form of a `rows` answer; rows with no text at all are not kept."""
    kept = [row for row in rows if any(v.strip() for v in row.values())]
    return json.dumps(kept, ensure_ascii=False) if kept else ""


def is_visible(template: Template, report: Report, field_id: str) -> bool:
    """A field with a condition is shown only while the condition holds ("Om nej, …")."""
    condition = template.field(field_id).show_if
    return condition is None or report.answer(condition.field) == condition.equals


def title(template: Template, report: Report) -> str:
    return template.render(template.title, report.area, report.year)


def list_name(library, report) -> str:
    """The report's name as the report list shows it: `Uppföljning FCA Lundby 2022` (its type, area
    and year; the template's id when this app does not have the template). `report`: anything with
    template_id, revision, area and year (a Report, a stored copy)."""
    try:
        type_name = library.get(report.template_id, report.revision).type_name
    except (KeyError, ValueError):
        type_name = report.template_id
    return f"{type_name} {report.area} {report.year}"


def deadline(template: Template, year: int) -> date | None:
    """When the report for `year` is due (1 February of the next year for follow-ups); None when
    the template sets no deadline."""
    d = template.deadline
    return date(year + d.years_after, d.month, d.day) if d else None


def deadline_state(due: date | None, status: str, today: date) -> str:
    """'done' once klar/skickad (or without a deadline), else 'past', 'soon' (within 14 days) or 'ok'."""
    if status != "utkast" or due is None:
        return "done"
    if today > due:
        return "past"
    if due - today <= timedelta(days=DEADLINE_WARNING_DAYS):
        return "soon"
    return "ok"

"""Sammanställning: one report type and year across the city's areas.

One row per area expected by resources/areas.toml for that year's template revision (a report not
received shows as missing), with its status, received date, the economic table's figures per party
(budget, utfall, återbetalning), the city totals, and every check a single report has (sums, 50/50,
outcome above the funds). Beside it each question with every area's answer. Pure logic in Decimal,
no Qt; the exports (exports/consolidation.py) and the view only decide how it looks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal

from forms import answers
from forms.answers import Figure
from forms.areas import areas_for
from forms.economics import ZERO, TableCalc
from forms.numbers import decimal_to_text
from forms.report import STATUS_LABELS, Report, is_visible
from forms.template import PARTIES, Field, Template, TemplateLibrary

FIGURES = ("budget", "utfall", "aterbetalning")
FIGURE_LABELS = {"budget": "Budget", "utfall": "Utfall", "aterbetalning": "Återbetalning"}
MISSING = "saknas"
RECEIVED = "mottagen"
STATE_LABELS = {MISSING: "Saknas", RECEIVED: "Mottagen", **STATUS_LABELS}


@dataclass
class AreaRow:
    area: str
    expected: bool  # listed in areas.toml for the template's area word
    report_id: int | None = None
    state: str = MISSING  # saknas | mottagen | utkast | klar | skickad (a report of one's own)
    received_at: str | None = None
    figures: dict[str, dict[str, Decimal | None]] = field(default_factory=dict)  # party → figure → amount
    checks: list[str] = field(default_factory=list)
    # (party, figure) its template has but its report leaves empty while other amounts are filled
    gaps: list[tuple[str, str]] = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return self.report_id is None


@dataclass
class QuestionRow:
    field_id: str
    section: str
    label: str
    answers: dict[str, str]  # area → answer as text ("" unanswered or missing)
    figures: dict[str, Figure] = field(default_factory=dict)  # area → a number or percentage answer


@dataclass
class Consolidation:
    template: Template
    year: int
    rows: list[AreaRow]
    totals: dict[str, dict[str, Decimal | None]]
    questions: list[QuestionRow]
    unit: str

    @property
    def missing(self) -> list[str]:
        return [r.area for r in self.rows if r.missing and r.expected]

    @property
    def areas(self) -> list[str]:
        return [r.area for r in self.rows]

    def party_label(self, party: str) -> str:
        return self.template.parties.get(party, party)

    def column_label(self, party: str, figure: str) -> str:
        """A figure column as the view and the exports head it: "Budget Stad"."""
        return f"{FIGURE_LABELS[figure]} {self.party_label(party)}"

    @property
    def incomplete(self) -> list[tuple[str, str, list[str]]]:
        """(party, figure, areas) for each city total that leaves out an area whose report has that
        table partly filled: the total is smaller than the truth, and says so."""
        result = []
        for figure in FIGURES:
            for party in PARTIES:
                areas = [r.area for r in self.rows if (party, figure) in r.gaps]
                if areas:
                    result.append((party, figure, areas))
        return result

    def incomplete_note(self) -> str:
        """One Swedish sentence under the totals; "" when they hold every area."""
        by_areas: dict[tuple[str, ...], list[str]] = {}  # the columns that leave out the same areas, together
        for party, figure, areas in self.incomplete:
            by_areas.setdefault(tuple(areas), []).append(self.column_label(party, figure))
        parts = [f"{', '.join(areas)} saknas i {', '.join(columns)}" for areas, columns in by_areas.items()]
        if self.missing:
            parts.append(f"{', '.join(self.missing)} har inte rapporterat")
        return f"Summa staden är ofullständig: {'; '.join(parts)}." if parts else ""

    @property
    def title(self) -> str:
        return f"Sammanställning {self.template.type_name} {self.year}"

    def to_dict(self) -> dict:
        """Figures as exact decimal text ("448.5"), for scripts and tests (`consolidate --json`)."""
        def amounts(figures):
            return {p: {k: (decimal_to_text(v) if v is not None else None) for k, v in f.items()}
                    for p, f in figures.items()}

        return {
            "type": self.template.id, "revision": self.template.revision, "year": self.year, "unit": self.unit,
            "parties": {p: self.party_label(p) for p in PARTIES},
            "areas": [{"area": r.area, "expected": r.expected, "state": r.state, "report_id": r.report_id,
                       "received_at": r.received_at, "figures": amounts(r.figures), "checks": r.checks,
                       "incomplete": [{"party": p, "figure": f} for p, f in r.gaps]}
                      for r in self.rows],
            "totals": amounts(self.totals),
            "totals_complete": not self.incomplete and not self.missing,
            "incomplete": [{"party": p, "figure": f, "column": self.column_label(p, f), "areas": areas}
                           for p, f, areas in self.incomplete],
            "missing": self.missing,
            "questions": [{"id": q.field_id, "label": q.label, "answers": q.answers} for q in self.questions],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def personal_numbers(self) -> list:
        """What the exports would carry that looks like a personnummer: (question id, where, Finding)
        for forms.personal_data.describe — every area's answers, and the areas' names."""
        from forms.personal_data import find_personal_numbers

        found = [(q.field_id, f"{area}: {q.label}", finding) for q in self.questions
                 for area, text in q.answers.items() for finding in find_personal_numbers(text)]
        found += [("area", self.template.area_word.capitalize() or "Område", finding)
                  for row in self.rows for finding in find_personal_numbers(row.area)]
        return found


def consolidate(store, library: TemplateLibrary, template_id: str, year: int) -> Consolidation:
    """The picture of one report type and year from the store's reports (a received report is
    preferred over one's own for the same area; of several, the latest)."""
    template = library.for_year(template_id, year)
    expected = areas_for(template.area_word)
    chosen: dict[str, object] = {}
    for candidate in store.reports_for(template_id, year):  # best first
        chosen.setdefault(candidate.area.casefold(), candidate)
    rows = [AreaRow(area, True) for area in expected]
    known = {a.casefold() for a in expected}
    rows += [AreaRow(c.area, False) for key, c in chosen.items() if key not in known]
    reports: dict[str, Report] = {}
    for row in rows:
        candidate = chosen.get(row.area.casefold())
        if candidate is None:
            continue
        report = store.load_report(candidate.id)
        own_template = library.get(report.template_id, report.revision)
        reports[row.area] = report
        row.report_id = candidate.id
        row.state = RECEIVED if candidate.received_at else report.status
        row.received_at = candidate.received_at
        row.figures, row.checks, row.gaps = _figures(own_template, report)
    totals = {p: {k: _sum(r.figures.get(p, {}).get(k) for r in rows) for k in FIGURES} for p in PARTIES}
    table = next((f.table for f in template.fields() if f.kind == "money_table"), None)
    return Consolidation(template, year, rows, totals, _questions(library, template, year, rows, reports),
                         table.unit if table else "")


def _sum(values) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, ZERO) if present else None


def _figures(template: Template, report: Report) -> tuple[dict, list[str], list[tuple[str, str]]]:
    """The report's figures per party, its checks, and the figures its template has that a partly
    filled table leaves empty (named in a check: the city totals would silently leave them out)."""
    figures = {p: dict.fromkeys(FIGURES) for p in PARTIES}
    checks = []
    applicable: set[tuple[str, str]] = set()
    filled = False
    for f in template.fields():
        if f.kind != "money_table":
            continue
        calc = TableCalc(template, f.table, report.tables.get(f.id, {}), report.year, report.area)
        checks += [issue.message for issue in calc.issues()]
        if calc.is_empty():
            checks.append(f"{template.render(f.label, report.area, report.year)}: tabellen är inte ifylld.")
        else:
            filled = True
        for c in f.table.columns:
            if c.party not in PARTIES:
                continue
            role = f.table.group(c.group).role
            parts = {"budget": [calc.column_sum(c.id)]} if role == "budget" else {
                "utfall": [calc.column_sum(c.id)], "aterbetalning": [calc.refund(c.id)]}
            for key, values in parts.items():
                applicable.add((c.party, key))
                for value in values:
                    if value is not None:
                        old = figures[c.party][key]
                        figures[c.party][key] = value if old is None else old + value
    gaps = [(p, k) for k in FIGURES for p in PARTIES if (p, k) in applicable and figures[p][k] is None] if filled else []
    if gaps:
        names = ", ".join(f"{FIGURE_LABELS[k]} {template.parties.get(p, p)}" for p, k in gaps)
        checks.append(f"{names} saknas: tabellen är bara delvis ifylld, och summorna för staden blir ofullständiga.")
    return figures, checks, gaps


def answer_as_text(template: Template, report: Report, f: Field) -> str:
    """An answer as one readable text, as every export shows it (forms.answers): Ja/Nej, `80 %`,
    `3,5 åa`, rows numbered with their column labels; "" when the question is hidden."""
    if not is_visible(template, report, f.id):
        return ""
    if f.kind == "rows":
        return answers.rows_text(f, answers.stored_rows(report, f))
    return answers.answer_text(f, report.answer(f.id))


def _questions(library: TemplateLibrary, template: Template, year: int, rows: list[AreaRow],
               reports: dict[str, Report]) -> list[QuestionRow]:
    result = []
    for section in template.sections:
        for f in section.fields:
            if not (f.is_answer or f.kind == "rows"):
                continue
            texts, figures = {}, {}
            for row in rows:
                report = reports.get(row.area)
                texts[row.area] = ""
                if report is None:
                    continue
                own = library.get(report.template_id, report.revision)  # another revision: same field id
                if any(g.id == f.id for g in own.fields()):
                    texts[row.area] = answer_as_text(own, report, own.field(f.id))
                    figure = answers.answer_figure(own.field(f.id), report.answer(f.id)) if texts[row.area] else None
                    if figure is not None:
                        figures[row.area] = figure
            label = template.render(f.label or f.heading or f.id, "respektive", year).strip()
            result.append(QuestionRow(f.id, template.render(section.title, "respektive", year), label, texts, figures))
    return result

"""The committee's finance summary, pre-filled from the area's own reports of the year.

A row of the summary names the report type it comes from (`source` in the template); its city and
region parts are that report's budget for the year, per party, converted to the summary's unit.
"""

from __future__ import annotations

from decimal import Decimal

from forms.economics import ZERO
from forms.report import Report
from forms.template import PARTIES, TOTAL_PARTY, MoneyTable, Template, TemplateLibrary

UNIT_FACTORS = {("tkr", "kr"): Decimal(1000), ("kr", "tkr"): Decimal("0.001")}


def has_sources(template: Template) -> bool:
    return any(row.source for f in template.fields() if f.table for row in f.table.rows)


def budget_by_party(template: Template, report: Report) -> tuple[dict[str, Decimal], str]:
    """A report's budget for the year per party (the cost rows of its budget columns), and its unit."""
    totals = {party: ZERO for party in PARTIES}
    unit = ""
    for f in template.fields():
        if f.kind != "money_table":
            continue
        unit = f.table.unit
        for column in f.table.columns:
            if column.party not in PARTIES or f.table.group(column.group).role != "budget":
                continue
            for row in f.table.rows:
                if row.role == "cost":
                    totals[column.party] += report.amount(f.id, row.id, column.id) or ZERO
    return totals, unit


def has_budget(template: Template, report: Report) -> bool:
    """Whether a report has any figure in its budget columns (an empty report gives nothing)."""
    for f in template.fields():
        if f.kind == "money_table":
            for column in f.table.columns:
                if f.table.group(column.group).role == "budget" and any(
                        report.amount(f.id, row.id, column.id) is not None for row in f.table.rows if row.role == "cost"):
                    return True
    return False


def _parts_from(source: Report, table: MoneyTable, library: TemplateLibrary) -> dict[str, Decimal] | None:
    """A source report's budget per party in the summary's unit; None when it has no budget figures."""
    source_template = library.get(source.template_id, source.revision)
    if not has_budget(source_template, source):
        return None
    parts, unit = budget_by_party(source_template, source)
    factor = Decimal(1) if unit == table.unit else UNIT_FACTORS.get((unit, table.unit), Decimal(1))
    return {p: v * factor for p, v in parts.items()}


def prefill(template: Template, summary: Report, sources: dict[str, Report], library: TemplateLibrary) -> list[str]:
    """Fill the summary's rows from `sources` (report type id → that type's report of the year);
    returns the report types whose figures were used. A source report with no budget figures fills
    nothing: its row stays empty (a problem until the user fills it or types 0)."""
    found = []
    for f in template.fields():
        if f.kind != "money_table":
            continue
        for row in f.table.rows:
            source = sources.get(row.source) if row.source else None
            parts = _parts_from(source, f.table, library) if source is not None else None
            if parts is None:
                continue
            _fill_row(summary, f.id, f.table, row.id, parts)
            found.append(row.source)
        _fill_totals(summary, f.id, f.table)
    return found


def row_origins(template: Template, summary: Report, sources: dict[str, Report], library: TemplateLibrary) -> dict[str, str]:
    """Per row that names a source report type: where its figures come from, in words — the report
    they equal, typed figures, or none yet."""
    from forms.report import title

    origins = {}
    for f in template.fields():
        if f.kind != "money_table":
            continue
        for row in f.table.rows:
            if not row.source:
                continue
            cells = {c.party: summary.amount(f.id, row.id, c.id) for c in f.table.columns if c.party in PARTIES}
            source = sources.get(row.source)
            parts = _parts_from(source, f.table, library) if source is not None else None
            name = title(library.get(source.template_id, source.revision), source) if source is not None else ""
            if all(v is None for v in cells.values()):
                origins[row.id] = ("inga belopp – " + (f"{name} har ingen budget ifylld; " if source is not None else "")
                                   + "fyll i beloppen, eller skriv 0 om avtalet inte finns")
            elif parts is not None and all((cells[p] or ZERO) == parts[p] for p in PARTIES):
                origins[row.id] = f"från {name}"
            else:
                origins[row.id] = "inskrivna belopp" + (f" (skiljer sig från {name})" if parts is not None else "")
    return origins


def _fill_row(report: Report, table_id: str, table: MoneyTable, row_id: str, parts: dict[str, Decimal]) -> None:
    for column in table.columns:
        if column.party in PARTIES:
            report.set_amount(table_id, row_id, column.id, parts[column.party])
    total = sum(parts.values(), ZERO)
    for column in table.columns:
        if column.party == TOTAL_PARTY:
            report.set_amount(table_id, row_id, column.id, total)


def _fill_totals(report: Report, table_id: str, table: MoneyTable) -> None:
    cost_rows = [r.id for r in table.rows if r.role == "cost"]
    for row in (r for r in table.rows if r.role == "total"):
        for column in table.columns:
            values = [report.amount(table_id, r, column.id) for r in cost_rows]
            if any(v is not None for v in values):
                report.set_amount(table_id, row.id, column.id, sum((v or ZERO for v in values), ZERO))


def sources_for(store, template: Template, area: str, year: int) -> dict[str, Report]:
    """The area's reports of the year, by report type (the newest if there are several)."""
    wanted = {row.source for f in template.fields() if f.table for row in f.table.rows if row.source}
    found: dict[str, Report] = {}
    for s in store.list_reports():
        if s.template_id in wanted and s.area.casefold() == area.casefold() and s.year == year:
            if s.template_id not in found or found[s.template_id].id < s.id:
                found[s.template_id] = store.load_report(s.id)
    return found

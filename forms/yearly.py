"""Year to year: this year's report started from last year's, not from scratch."""

from __future__ import annotations

from forms.report import Report
from forms.template import TemplateLibrary


def report_from_previous(previous: Report, library: TemplateLibrary) -> Report:
    """A new report for the year after `previous`, on that year's template revision.

    Copies the area, the name of the person who compiles it and the economic tables' budget
    columns (the agreement's budget carries on from year to year). The answers start empty: the
    wizard shows last year's answer beside each question on request.
    """
    year = previous.year + 1
    old_template = library.get(previous.template_id, previous.revision)
    template = library.for_year(previous.template_id, year)
    report = Report(template_id=template.id, revision=template.revision, area=previous.area,
                    year=year, compiled_by=previous.compiled_by, previous_id=previous.id)
    new_fields = {f.id: f for f in template.fields() if f.kind == "money_table"}
    for old in old_template.fields():
        new = new_fields.get(old.id)
        if old.kind != "money_table" or new is None:
            continue
        budget_columns = {c.id for c in new.table.columns if new.table.group(c.group).role == "budget"}
        editable_rows = {r.id for r in new.table.rows if r.editable}
        for row_id, cells in previous.tables.get(old.id, {}).items():
            for column_id, amount in cells.items():
                if row_id in editable_rows and column_id in budget_columns:
                    report.set_amount(new.id, row_id, column_id, amount)
    return report

"""Year to year: this year's report started from last year's, not from scratch."""

from __future__ import annotations

from dataclasses import dataclass

from forms.areas import areas_for, successor_area
from forms.report import Report
from forms.template import TemplateLibrary


@dataclass(frozen=True)
class AreaChoice:
    """Whether next year's revision still knows the report's area, and if not, which to suggest."""

    area_word: str  # what next year's revision calls an area ("stadsområde")
    areas: list[str]  # its areas
    suggested: str  # the area to pre-select
    must_choose: bool  # the old area is not one of next year's


def area_choice(previous: Report, library: TemplateLibrary) -> AreaChoice:
    """Across a revision whose area list changed (ten stadsdelar became four stadsområden in 2023),
    the user has to choose the area; the stadsområde the old stadsdel belongs to is suggested."""
    template = library.for_year(previous.template_id, previous.year + 1)
    areas = areas_for(template.area_word)
    known = {a.casefold() for a in areas}
    if not areas or previous.area.casefold() in known:
        return AreaChoice(template.area_word, areas, previous.area, False)
    suggested = successor_area(previous.area, template.area_word) or ""
    return AreaChoice(template.area_word, areas, suggested, True)


def report_from_previous(previous: Report, library: TemplateLibrary, area: str | None = None) -> Report:
    """A new report for the year after `previous`, on that year's template revision.

    Copies the area, the name of the person who compiles it and the economic tables' budget
    columns (the agreement's budget carries on from year to year). Last year's remaining funds are
    not carried into Ingående medel: what is left is paid back (Återbetalning), so next year's incoming
    funds are the new allocation, which the user checks. The answers start empty: the wizard shows
    last year's answer beside each question on request. `area` replaces the area (see area_choice).
    """
    year = previous.year + 1
    old_template = library.get(previous.template_id, previous.revision)
    template = library.for_year(previous.template_id, year)
    report = Report(template_id=template.id, revision=template.revision, area=(area or previous.area).strip(),
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

"""Reports of every type for the print and render checks: the two demo reports from the seeds, a
stress report (every answer long, a 40-row activity table, a long attachment list) and one filled
report per other template."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from forms.demo import demo_report
from forms.interchange import report_from_json
from forms.report import Report
from forms.resources import resource_path
from forms.template import Template, TemplateLibrary

LONG = ("Under året har koordinatorerna samordnat föräldraskapsstöd i samverkan med BVC, förskola, skola "
        "och socialtjänst. Arbetet har nått fler familjer än tidigare, särskilt i områden där behoven är "
        "störst, och erfarenheterna har delats i stadsområdets nätverk för barn och familj. ")
ATTACHMENTS = [f"Bilaga {n} – Underlag för uppföljning av samverkan kring barn och familj, del {n}.pdf"
               for n in range(1, 26)]


def long_answer(n: int = 600) -> str:
    return (LONG * (n // len(LONG) + 1))[:n].rstrip() + "."


def centrum_plan(library: TemplateLibrary) -> Report:
    text = resource_path("demo", "centrum-2024-handlingsplan.json").read_text(encoding="utf-8")
    return report_from_json(text, library)


def filled(template: Template, *, rows: int = 2, length: int = 600) -> Report:
    """Every question answered (long texts, every rows field with `rows` entries), every typed amount
    filled with figures that have cents where the table allows decimals."""
    report = Report(template.id, template.revision, "Lundby", template.first_year)
    report.compiled_by, report.compiled_date = "Åsa Öberg", date(template.first_year + 1, 1, 20)
    for section in template.sections:
        for f in section.fields:
            if f.kind == "text":
                report.set_answer(f.id, long_answer(length if not f.max_chars else min(length, f.max_chars)))
            elif f.kind == "yesno":
                report.set_answer(f.id, "ja")
            elif f.kind == "percent":
                report.set_answer(f.id, "50")
            elif f.kind == "number":
                report.set_answer(f.id, "3,5")
            elif f.kind == "rows":
                report.set_rows(f.id, [{c.id: f"Aktivitet {n}: " + long_answer(180 if c.lines > 1 else 30)
                                        for c in f.columns} for n in range(1, rows + 1)])
            elif f.kind == "money_table":
                for i, row in enumerate(f.table.rows):
                    if row.editable and row.role != "memo":
                        for c in f.table.columns:
                            value = Decimal(100 + 17 * i) + (Decimal("0.25") if f.table.decimals else 0)
                            report.set_amount(f.id, row.id, c.id, value * (2 if row.role == "funds" else 1))
    return report


def stress_plan(library: TemplateLibrary) -> Report:
    """The action plan with every answer at its 600-character limit and 40 activities under 7.1.1."""
    template = library.get("fca-handlingsplan", "2024")
    report = filled(template, rows=2)
    report.set_rows("delmal_7_1_1", [
        {"insats": f"Aktivitet {n}: " + long_answer(160), "ansvar": "FCA-koordinator", "effekt": long_answer(120)}
        for n in range(1, 41)])
    return report


def all_reports(library: TemplateLibrary) -> dict[str, tuple[Template, Report, list[str]]]:
    """Name → (template, report, attachment names) for every report type, the demos and the stress report."""
    lundby = demo_report(library)
    plan = centrum_plan(library)
    out = {
        "lundby-2022": (library.get(lundby.template_id, lundby.revision), lundby, ["Verksamhetsplan 2022.pdf"]),
        "centrum-handlingsplan-2024": (library.get(plan.template_id, plan.revision), plan, []),
        "stress-handlingsplan": (library.get("fca-handlingsplan", "2024"), stress_plan(library), ATTACHMENTS),
    }
    for key in (("fca-uppfoljning", "2023"), ("folkhalsa-uppfoljning", "2023"), ("folkhalsa-uppfoljning", "2024"),
                ("halsolots-uppfoljning", "2023"), ("ekonomisk-sammanstallning", "2023")):
        template = library.get(*key)
        out[f"{key[0]}-{key[1]}"] = (template, filled(template), [])
    return out

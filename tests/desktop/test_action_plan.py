"""The Centrum 2024 FCA action plan from the seed, entered in full: imported, shown in the wizard,
a row moved and one removed, and the budget's sums and 50/50 check."""

from decimal import Decimal

from PySide6.QtWidgets import QPushButton

from desktop.wizard import ReportWizard
from forms.economics import table_calc
from forms.interchange import report_from_json, report_to_json
from forms.resources import resource_path


def test_the_seed_plan_is_enterable_in_full(qtbot, store, library):
    text = resource_path("demo", "centrum-2024-handlingsplan.json").read_text(encoding="utf-8")
    plan = report_from_json(text, library)
    template = library.get("fca-handlingsplan", "2024")
    rows = {f.id: plan.rows(f.id) for f in template.fields() if f.kind == "rows"}
    assert len(rows) == 10 and sum(len(r) for r in rows.values()) == 17  # every delmål row of the seed
    calc = table_calc(template, plan, "ekonomi")
    sums = [calc.value(r.id, c.id) for r in template.field("ekonomi").table.rows if r.role == "sum"
            for c in template.field("ekonomi").table.columns]
    assert sums == [Decimal("1553"), Decimal("2283"), Decimal("360")]
    assert any("50/50" in i.message for i in calc.issues())  # the city side puts in more than half
    report_id = store.create_report(plan)
    assert report_to_json(store.load_report(report_id), library) == text

    wizard = ReportWizard(store, library, report_id)
    qtbot.addWidget(wizard)
    wizard.show()
    field_id, first_rows = next((k, v) for k, v in rows.items() if len(v) >= 2)
    page_id = wizard.section_pages[template.section_of(field_id).id]
    wizard.go_to_page(page_id)
    widget = wizard.currentPage().widgets[field_id]
    assert [r.values() for r in widget.rows] == first_rows
    widget.rows[1].findChild(QPushButton, "row_up").click()
    widget.rows[0].findChild(QPushButton, "row_remove").click()
    wizard.saver.flush()
    assert store.load_report(report_id).rows(field_id) == [first_rows[0], *first_rows[2:]]

"""Every check of the economic tables exactly at its boundary: equal passes, one unit of the table's
last decimal either side is named (forms/economics.py decides all of them, once)."""

from decimal import Decimal

import pytest

from forms.economics import amount_text, table_calc
from forms.report import Report

TENTH = Decimal("0.1")  # the FCA tables: tkr with one decimal
KRONA = Decimal("1")  # the committee's summary: whole kronor


def fca(library) -> tuple:
    template = library.get("fca-uppfoljning", "2023")
    report = Report(template.id, template.revision, "Hisingen", 2023)
    for party in ("region", "stad"):
        report.set_amount("ekonomi", "ingaende", f"utfall_{party}", Decimal("200.5"))
        report.set_amount("ekonomi", "ingaende", f"budget_{party}", Decimal("200.5"))
        for row, amount in (("lon", "100.0"), ("kompetensutveckling", "50.3"), ("ovrigt", "50.2")):
            report.set_amount("ekonomi", row, f"budget_{party}", Decimal(amount))
            report.set_amount("ekonomi", row, f"utfall_{party}", Decimal(amount))
    return template, report


@pytest.mark.parametrize("step, named", [(-TENTH, True), (Decimal(0), False), (TENTH, True)])
def test_fifty_fifty_at_its_boundary(library, step, named):
    template, report = fca(library)
    report.set_amount("ekonomi", "lon", "utfall_stad", Decimal("100.0") + step)
    messages = [i.message for i in table_calc(template, report, "ekonomi").issues() if "50/50" in i.message]
    assert bool([m for m in messages if m.startswith("Koordinator")]) is named, messages


@pytest.mark.parametrize("step, refund, deficit", [
    (-TENTH, "0,1", None),  # costs a tenth below the funds: 0,1 goes back
    (Decimal(0), "0,0", None),  # exactly the funds: nothing back, no deficit
    (TENTH, "Underskott 0,1", "Underskott 0,1 tkr"),  # a tenth above: a deficit, never a silent 0,0
])
def test_funds_against_costs_at_the_boundary(library, step, refund, deficit):
    template, report = fca(library)
    report.set_amount("ekonomi", "ovrigt", "utfall_region", Decimal("50.2") + step)
    calc = table_calc(template, report, "ekonomi")
    assert amount_text(calc.value("aterbetalning", "utfall_region"), 1, "refund") == refund
    warnings = [i.message for i in calc.issues() if "större än de ingående medlen" in i.message]
    assert (warnings[0].split(" – ")[0].split(": ")[1] if warnings else None) == deficit
    assert calc.refund("utfall_region") == max(-step, Decimal(0))  # what goes back never below zero


def summary(library, stad=Decimal(100), region=Decimal(251)) -> tuple:
    template = library.get("ekonomisk-sammanstallning", "2023")
    report = Report(template.id, template.revision, "Centrum", 2023)
    for row in ("folkhalsa", "fca", "halsolots"):
        report.set_amount("finansiering", row, "stad", stad)
        report.set_amount("finansiering", row, "region", region)
    return template, report


@pytest.mark.parametrize("step, named", [(-KRONA, True), (Decimal(0), False), (KRONA, True)])
def test_a_typed_row_total_at_its_boundary(library, step, named):
    template, report = summary(library)
    report.set_amount("finansiering", "fca", "summa", Decimal(351) + step)
    calc = table_calc(template, report, "finansiering")
    notes = calc.total_notes()
    assert bool(notes) is named
    if named:
        assert notes == [f"Angiven summa {351 + int(step)} stämmer inte med beräknad 351 "
                         "(Familjecentrerat arbetssätt, Summa per år)."]
        assert any("summerar till 351 kr" in i.message for i in calc.issues())  # flagged in the app
    assert calc.printed("fca", "summa") == 351  # printed: what the row adds up to
    assert calc.typed("fca", "summa") == Decimal(351) + step  # the typed total is kept


@pytest.mark.parametrize("step, named", [(-KRONA, True), (Decimal(0), False), (KRONA, True)])
def test_a_typed_column_total_at_its_boundary(library, step, named):
    template, report = summary(library)
    report.set_amount("finansiering", "summa_per_ar", "region", Decimal(753) + step)
    calc = table_calc(template, report, "finansiering")
    assert bool(calc.total_notes()) is named
    assert bool([i for i in calc.issues() if "raderna summerar till" in i.message]) is named
    assert calc.printed("summa_per_ar", "region") == 753


def test_totals_are_computed_when_only_the_parties_amounts_are_typed(library):
    """Word and PDF left "Summa per år" blank while Excel computed it (issue 19 item 2)."""
    template, report = summary(library)
    calc = table_calc(template, report, "finansiering")
    assert [calc.printed(r, "summa") for r in ("folkhalsa", "fca", "halsolots", "summa_per_ar")] == [351] * 3 + [1053]
    assert [calc.printed("summa_per_ar", c) for c in ("stad", "region")] == [300, 753]
    assert calc.total_notes() == [] and calc.issues() == [
        i for i in calc.issues() if "50/50" in i.message]  # only the split, which is 100 against 251
